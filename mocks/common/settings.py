"""What every mock's settings share: the token of the control API."""

from __future__ import annotations

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class MockSettings(BaseSettings):
    """``MOCK_CONTROL_TOKEN``: the value every ``/_control`` call must carry in the
    ``X-Control-Token`` header (the same variable for all three mocks). Empty: the mock
    makes a random one when it starts and prints it (``python -m mocks.<name>``)."""

    # populate_by_name: ``SsoSettings(control_token=...)`` in code; the environment is
    # read under MOCK_CONTROL_TOKEN (not a bare CONTROL_TOKEN, which may be anything).
    model_config = SettingsConfigDict(populate_by_name=True)

    control_token: str = Field(default="", validation_alias="MOCK_CONTROL_TOKEN")
