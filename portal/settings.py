"""Portal settings: environment variables PORTAL_* with safe defaults for development.

``mode`` is one of ``dev`` (default), ``test`` (adds the /_test control routes) and
``production`` (refuses the default secrets, seeds no demonstration accounts).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
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
    # Officer sign-in throttling (portal/services/throttle.py, docs/portal.md): this many
    # wrong passwords for one username from one address, or this many from one address
    # whatever the usernames, lock it for officer_lockout_s after the last of them.
    officer_max_failures: int = Field(default=5, ge=1)
    officer_max_failures_per_client: int = Field(default=50, ge=1)
    officer_lockout_s: int = Field(default=900, ge=1)
    # Their passwords, by username, as JSON (PORTAL_OFFICER_PASSWORDS='{"motcua": "..."}');
    # an account not named keeps its documented demonstration password.
    officer_passwords: dict[str, str] = {}

    sso_issuer: str = "http://127.0.0.1:8101"
    sso_client_id: str = "dvc-portal"
    sso_client_secret: str = DEFAULT_SSO_CLIENT_SECRET
    # What the provider was registered with (docs/sso.md, "What the portal needs"): the
    # scope asked for, the id_token algorithms accepted, and the path on this portal that
    # the provider sends the citizen back to after its sign-out (post_logout_redirect_uri).
    sso_scope: str = "openid profile"
    sso_algorithms: str = "RS256"  # comma-separated; "none" and HS* are always refused
    sso_post_logout_path: str = "/da-dang-xuat"
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

    @property
    def sso_algorithm_list(self) -> list[str]:
        return [a.strip() for a in self.sso_algorithms.split(",") if a.strip()]

    @model_validator(mode="after")
    def _sso_contract(self) -> PortalSettings:
        algorithms = self.sso_algorithm_list
        refused = [a for a in algorithms if a.lower() == "none" or a.upper().startswith("HS")]
        if not algorithms or refused:
            raise ValueError(
                "PORTAL_SSO_ALGORITHMS: give asymmetric algorithms (RS256, PS256, ES256...); "
                f"refused: {', '.join(refused) or '(empty)'}"
            )
        if "openid" not in self.sso_scope.split():
            raise ValueError("PORTAL_SSO_SCOPE must contain 'openid'")
        path = self.sso_post_logout_path
        if not path.startswith("/") or path.startswith("//") or "?" in path or "#" in path:
            raise ValueError(
                "PORTAL_SSO_POST_LOGOUT_PATH must be a path on the portal, like /da-dang-xuat"
            )
        return self

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
