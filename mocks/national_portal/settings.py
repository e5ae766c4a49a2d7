from __future__ import annotations

from pydantic_settings import SettingsConfigDict

from mocks.common.settings import MockSettings


class NationalSettings(MockSettings):
    """Settings of the national portal mock (environment variables NATIONAL_*)."""

    model_config = SettingsConfigDict(env_prefix="NATIONAL_")

    username: str = "dvc-tinh-mau"
    password: str = "national-secret"
    madonvi: str = "000.00.00.H99"  # the agency code the account may send for
    session_ttl_s: int = 1800
