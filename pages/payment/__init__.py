"""Page objects of the payment platform's hosted pages: our mock's (``PAYMENT_PAGES``), the
set a target profile's ``[payment] pages`` replaces with a sandbox's own."""

from __future__ import annotations

from playwright.sync_api import Page

from pages.payment.hosted_page import HostedPaymentPage
from pages.protocols import HostedPayment, Payer, PaymentPages


class MockPaymentPages:
    """Our payment mock's hosted page: any channel, no account to sign in with."""

    def hosted_payment(self, page: Page, payer: Payer) -> HostedPayment:
        return HostedPaymentPage(page)


class PayerChannel:
    """A hosted page that pays through the profile's test channel (``[payment] channel``),
    whatever channel the scenario names: a sandbox accepts its test channel only."""

    def __init__(self, hosted: HostedPayment, channel: str) -> None:
        self.hosted = hosted
        self.channel = channel
        self.amount = hosted.amount
        self.dossier_code = hosted.dossier_code
        self.pay_button = hosted.pay_button

    def is_current(self) -> PayerChannel:
        self.hosted.is_current()
        return self

    def pay(self, channel: str) -> None:
        self.hosted.pay(self.channel)

    def cancel(self) -> None:
        self.hosted.cancel()

    def pay_and_leave(self, channel: str) -> None:
        self.hosted.pay_and_leave(self.channel)


def hosted_payment(pages: PaymentPages, page: Page, payer: Payer) -> HostedPayment:
    """The platform's page for ``payer``; with a test channel, paying through it."""
    hosted = pages.hosted_payment(page, payer)
    return PayerChannel(hosted, payer.channel) if payer.channel else hosted


PAYMENT_PAGES: PaymentPages = MockPaymentPages()

__all__ = ["PAYMENT_PAGES", "PayerChannel", "hosted_payment"]
