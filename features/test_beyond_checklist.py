"""Beyond the checklist: security, reliability, accessibility (feature folders 06–08,
docs/beyond-checklist.md). ``make test`` runs them with the checklist; they are not part
of the default suite, whose speed ``make bench`` holds to a minute."""

import pytest
from pytest_bdd import scenarios

pytestmark = pytest.mark.e2e

scenarios(
    "06_an_toan_thong_tin",
    "07_do_tin_cay",
    "08_kha_nang_tiep_can",
)
