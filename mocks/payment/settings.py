from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from mocks.common.settings import MockSettings


class PaymentSettings(MockSettings):
    """Settings of the payment platform mock (environment variables PAYMENT_*)."""

    model_config = SettingsConfigDict(env_prefix="PAYMENT_")

    partner_code: str = "DVC-TINH-MAU"  # MaDoiTac of the one registered portal
    secret: str = "payment-secret"  # the HMAC key of MaXacThuc
    callback_timeout_s: float = 5.0  # how long the mock waits for the portal's answer
    # Comma-separated hosts that UrlTraVe and UrlThongBao may name. The mock sends its
    # callbacks there: by default only this machine, so it never calls anywhere else.
    allowed_url_hosts: str = "127.0.0.1,localhost"

    def url_host_allowed(self, host: str | None) -> bool:
        allowed = {h.strip().lower() for h in self.allowed_url_hosts.split(",") if h.strip()}
        return bool(host) and (host or "").lower() in allowed
