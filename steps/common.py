"""Steps shared by every checklist item."""

from __future__ import annotations

from pytest_bdd import given

from fixtures.citizens import Citizen


@given("một công dân có tài khoản Cổng Dịch vụ công quốc gia", target_fixture="citizen")
def _(new_registered_citizen: Citizen) -> Citizen:
    return new_registered_citizen
