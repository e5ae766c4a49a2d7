"""Beyond the checklist: độ tin cậy — a slow identity provider
(features/07_do_tin_cay/he_thong_dinh_danh_cham.feature): the citizen is told, well
before the provider answers, instead of waiting for ever. Runs on the shared stack."""

from __future__ import annotations

import time
from collections.abc import Callable

from pytest_bdd import given, parsers, then

from fixtures.citizens import Citizen
from fixtures.control import SSO_ENDPOINTS


@given(
    parsers.parse("hệ thống định danh sẽ trả lời chậm {seconds:d} giây khi cổng {step}"),
    target_fixture="slow_since",
)
def _(
    arm_sso_fault: Callable[..., None], citizen: Citizen, seconds: int, step: str
) -> tuple[int, float]:
    match = {"endpoint": SSO_ENDPOINTS[step], "sub": citizen.sub}
    arm_sso_fault("slow", match=match, params={"delay_s": seconds})
    return seconds, time.monotonic()


@then("công dân nhận được thông báo trước khi hệ thống định danh kịp trả lời")
def _(slow_since: tuple[int, float]) -> None:
    delay, since = slow_since
    waited = time.monotonic() - since
    assert waited < delay / 2, (
        f"công dân chờ {waited:.1f} giây mới được báo; hệ thống định danh trả lời sau {delay} giây"
    )
