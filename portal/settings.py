"""Portal settings: environment variables PORTAL_* with safe defaults for development.

``mode`` is one of ``dev`` (default), ``test`` (adds the /_test control routes) and
``production`` (refuses the default secrets, seeds no demonstration accounts).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from portal import defects as seeded_defects

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SECRET_KEY = "dev-only-secret-key-change-me"
DEFAULT_SSO_CLIENT_SECRET = "dvc-portal-secret"
DEFAULT_PAYMENT_SECRET = "payment-secret"
DEFAULT_NATIONAL_PASSWORD = "national-secret"


class PortalSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PORTAL_")

    mode: Literal["dev", "test", "production"] = "dev"
    public_url: str = "http://127.0.0.1:8000"
    database_url: str = "sqlite:///var/portal.db"
    secret_key: str = DEFAULT_SECRET_KEY
    session_ttl_s: int = 1800
    agency_name: str = "Ủy ban nhân dân tỉnh Mẫu"
    # The first part of every dossier code (mã hồ sơ), e.g. H99.01-251122-0001.
    dossier_prefix: str = "H99.01"
    procedures_dir: Path = ROOT / "procedures"
    # Where the agency's test CA and signing key live; empty: "pki" next to the SQLite file
    # (or var/pki for another database).
    pki_dir: str = ""
    # Seed the demonstration officer accounts (docs/portal.md); never in production.
    seed_officers: bool = True
    # Their passwords, by username, as JSON (PORTAL_OFFICER_PASSWORDS='{"motcua": "..."}');
    # an account not named keeps its documented demonstration password.
    officer_passwords: dict[str, str] = {}

    sso_issuer: str = "http://127.0.0.1:8101"
    sso_client_id: str = "dvc-portal"
    sso_client_secret: str = DEFAULT_SSO_CLIENT_SECRET
    http_timeout_s: float = 5.0

    payment_url: str = "http://127.0.0.1:8102"
    payment_partner_code: str = "DVC-TINH-MAU"
    payment_secret: str = DEFAULT_PAYMENT_SECRET
    # Below the payment mock's `timeout` fault (10 s), so the portal gives up first.
    payment_timeout_s: float = 5.0

    national_url: str = "http://127.0.0.1:8103"
    national_username: str = "dvc-tinh-mau"
    national_password: str = DEFAULT_NATIONAL_PASSWORD
    national_madonvi: str = "000.00.00.H99"

    # Another markup of the citizen pages ("b": other headings, labels, link and button
    # texts), to prove the suite's page-object adapters (pages/variant/); templates only.
    ui_variant: Literal["", "b"] = ""

    # Seeded defects switched on (comma-separated names of portal/defects.py), test mode only.
    defects: str = ""

    @property
    def test_mode(self) -> bool:
        return self.mode == "test"

    @property
    def secure_cookies(self) -> bool:
        return self.public_url.startswith("https://")

    @property
    def pki_path(self) -> Path:
        if self.pki_dir:
            return Path(self.pki_dir)
        if self.database_url.startswith("sqlite:///"):
            db_path = self.database_url.removeprefix("sqlite:///")
            if db_path and db_path != ":memory:":
                return Path(db_path).parent / "pki"
        return ROOT / "var" / "pki"

    @model_validator(mode="after")
    def _defects_only_in_test_mode(self) -> PortalSettings:
        if self.defects.strip():
            if self.mode != "test":
                raise ValueError(
                    f"PORTAL_DEFECTS is refused in {self.mode} mode: seeded defects need PORTAL_MODE=test"
                )
            seeded_defects.parse(self.defects)
        return self

    @model_validator(mode="after")
    def _no_default_secrets_in_production(self) -> PortalSettings:
        if self.mode == "production":
            defaults = []
            if self.secret_key == DEFAULT_SECRET_KEY:
                defaults.append("PORTAL_SECRET_KEY")
            if self.sso_client_secret == DEFAULT_SSO_CLIENT_SECRET:
                defaults.append("PORTAL_SSO_CLIENT_SECRET")
            if self.payment_secret == DEFAULT_PAYMENT_SECRET:
                defaults.append("PORTAL_PAYMENT_SECRET")
            if self.national_password == DEFAULT_NATIONAL_PASSWORD:
                defaults.append("PORTAL_NATIONAL_PASSWORD")
            if defaults:
                raise ValueError(
                    f"production mode refuses default secrets: set {', '.join(defaults)}"
                )
            self.seed_officers = False
        return self
