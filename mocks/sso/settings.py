from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from mocks.common.settings import MockSettings


class SsoSettings(MockSettings):
    """Settings of the SSO mock (environment variables SSO_*)."""

    model_config = SettingsConfigDict(env_prefix="SSO_")

    client_id: str = "dvc-portal"
    client_secret: str = "dvc-portal-secret"
    # Comma-separated; empty means any loopback URL (http://127.0.0.1:*, http://localhost:*).
    redirect_uris: str = ""
    post_logout_redirect_uris: str = ""
    id_token_ttl_s: int = 300
    code_ttl_s: int = 60

    def allowed(self, uri: str, listed: str) -> bool:
        registered = [u.strip() for u in listed.split(",") if u.strip()]
        if registered:
            return uri in registered
        return uri.startswith(("http://127.0.0.1:", "http://localhost:"))
