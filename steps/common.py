"""Steps and fixtures shared by every checklist item: the people a scenario makes, and
the SSO mock's faults a scenario arms (cleared when it ends)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from faker import Faker
from pytest_bdd import given

from fixtures.citizens import Business, Citizen, new_business
from fixtures.control import MockControl
from fixtures.identities import ExternalAccounts
from fixtures.target import Target
from steps.world import ArmSsoFault


@pytest.fixture
def new_registered_business(
    fake: Faker, request: pytest.FixtureRequest, target: Target
) -> Business:
    """A business account (LoaiTaiKhoan 2): of this scenario only, registered at the SSO
    mock; or an external provider's next business test account."""
    if target.sso.external:
        accounts: ExternalAccounts = request.getfixturevalue("external_accounts")
        return accounts.business()
    sso_control: MockControl = request.getfixturevalue("sso_control")
    business = new_business(fake)
    sso_control.persona(business.persona())
    return business


@pytest.fixture
def arm_sso_fault(sso_control: MockControl) -> Iterator[ArmSsoFault]:
    """Arm a fault at the SSO mock: ``arm_sso_fault("wrong_aud", match={"sub": ...})``.

    Match on the scenario's own ``sub`` where the mock knows it (token), else fire once
    (``times=1``). Whatever the scenario armed and did not use is cleared at its end.
    """
    armed: list[str] = []

    def arm(
        name: str,
        *,
        match: dict[str, str],
        times: int = 1,
        params: dict[str, Any] | None = None,
    ) -> None:
        sso_control.arm_fault(name, match=match, times=times, params=params)
        armed.append(name)

    yield arm
    if armed:
        sso_control.clear_faults()


@given("một công dân có tài khoản Cổng Dịch vụ công quốc gia", target_fixture="citizen")
def _(new_registered_citizen: Citizen) -> Citizen:
    return new_registered_citizen


@given("một doanh nghiệp có tài khoản Cổng Dịch vụ công quốc gia", target_fixture="business")
def _(new_registered_business: Business) -> Business:
    return new_registered_business
