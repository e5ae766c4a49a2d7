"""Portal settings: environment variables PORTAL_* with safe defaults for development.

``mode`` is one of ``dev`` (default), ``test`` (adds the /_test control routes) and
``production`` (refuses the default secrets).
"""

from __future__ import annotations

from typing import Literal

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SECRET_KEY = "dev-only-secret-key-change-me"
DEFAULT_SSO_CLIENT_SECRET = "dvc-portal-secret"


class PortalSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PORTAL_")

    mode: Literal["dev", "test", "production"] = "dev"
    public_url: str = "http://127.0.0.1:8000"
    database_url: str = "sqlite:///var/portal.db"
    secret_key: str = DEFAULT_SECRET_KEY
    session_ttl_s: int = 1800
    agency_name: str = "Ủy ban nhân dân tỉnh Mẫu"

    sso_issuer: str = "http://127.0.0.1:8101"
    sso_client_id: str = "dvc-portal"
    sso_client_secret: str = DEFAULT_SSO_CLIENT_SECRET
    http_timeout_s: float = 5.0

    @property
    def test_mode(self) -> bool:
        return self.mode == "test"

    @property
    def secure_cookies(self) -> bool:
        return self.public_url.startswith("https://")

    @model_validator(mode="after")
    def _no_default_secrets_in_production(self) -> PortalSettings:
        if self.mode == "production":
            defaults = []
            if self.secret_key == DEFAULT_SECRET_KEY:
                defaults.append("PORTAL_SECRET_KEY")
            if self.sso_client_secret == DEFAULT_SSO_CLIENT_SECRET:
                defaults.append("PORTAL_SSO_CLIENT_SECRET")
            if defaults:
                raise ValueError(
                    f"production mode refuses default secrets: set {', '.join(defaults)}"
                )
        return self
