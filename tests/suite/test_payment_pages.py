"""``[payment]`` at an external platform: the page set gets the payer (channel, account,
password), and every payment goes through the profile's test channel, whatever channel a
scenario names (pages/payment/__init__.py)."""

from __future__ import annotations

from typing import Any, cast

from playwright.sync_api import Page

from fixtures.secrets import Secret
from pages.payment import PAYMENT_PAGES, PayerChannel, hosted_payment
from pages.payment.hosted_page import HostedPaymentPage
from pages.protocols import HostedPayment, Payer

NO_PAGE = cast(Page, None)  # the page objects below never touch it


class Recorded:
    """A sandbox's hosted page that records what it was asked to do."""

    def __init__(self, payer: Payer) -> None:
        self.payer = payer
        self.done: list[tuple[str, str]] = []
        self.amount = self.dossier_code = self.pay_button = cast(Any, "locator")

    def is_current(self) -> Recorded:
        return self

    def pay(self, channel: str) -> None:
        self.done.append(("pay", channel))

    def cancel(self) -> None:
        self.done.append(("cancel", ""))

    def pay_and_leave(self, channel: str) -> None:
        self.done.append(("pay_and_leave", channel))


class SandboxPages:
    def __init__(self) -> None:
        self.made: list[Recorded] = []

    def hosted_payment(self, page: Page, payer: Payer) -> HostedPayment:
        self.made.append(Recorded(payer))
        return self.made[-1]


def test_the_profile_channel_replaces_the_scenario_s_and_the_payer_reaches_the_page() -> None:
    sandbox = SandboxPages()
    payer = Payer(channel="Thẻ ATM nội địa", account="9704000000000018", password=Secret("123456"))
    hosted = hosted_payment(sandbox, NO_PAGE, payer)
    hosted.pay("Ví điện tử")
    hosted.pay_and_leave("Chuyển khoản QR")
    hosted.cancel()
    made = sandbox.made[0]
    assert made.done == [
        ("pay", "Thẻ ATM nội địa"), ("pay_and_leave", "Thẻ ATM nội địa"), ("cancel", ""),
    ]  # fmt: skip
    assert made.payer.account == "9704000000000018" and made.payer.password.reveal() == "123456"
    assert "123456" not in repr(payer)  # a report that shows the payer shows no password
    assert isinstance(hosted, PayerChannel) and hosted.is_current() is hosted


def test_without_a_channel_the_scenario_s_channel_is_used() -> None:
    sandbox = SandboxPages()
    hosted_payment(sandbox, NO_PAGE, Payer()).pay("Ví điện tử")
    assert sandbox.made[0].done == [("pay", "Ví điện tử")]


def test_our_mock_s_page_set_is_the_default() -> None:
    class FakePage:
        def get_by_role(self, *args: Any, **kwargs: Any) -> str:
            return "locator"

        get_by_test_id = get_by_role

    hosted = PAYMENT_PAGES.hosted_payment(cast(Page, FakePage()), Payer())
    assert isinstance(hosted, HostedPaymentPage)
