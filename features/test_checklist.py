"""The checklist of QĐ 31/2021 (items 1–5): binds the feature folders 01–05 to the step
plugins (see conftest.py). This module alone is the default suite (``make e2e``,
``make demo``, ``make bench``); features/test_beyond_checklist.py holds the rest."""

import pytest
from pytest_bdd import scenarios

pytestmark = pytest.mark.e2e

scenarios(
    "01_dang_nhap_mot_lan",
    "02_nop_ho_so",
    "03_thanh_toan",
    "04_xu_ly_va_dong_bo",
    "05_ket_qua_dien_tu",
)
