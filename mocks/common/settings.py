"""What every mock's settings share: the token of the control API."""

from __future__ import annotations

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings


class MockSettings(BaseSettings):
    """``MOCK_CONTROL_TOKEN``: the value every ``/_control`` call must carry in the
    ``X-Control-Token`` header (the same variable for all three mocks). Empty: the mock
    makes a random one when it starts and prints it (``python -m mocks.<name>``)."""

    control_token: str = Field(
        default="", validation_alias=AliasChoices("control_token", "MOCK_CONTROL_TOKEN")
    )
