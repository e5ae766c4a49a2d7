"""Fixtures of the project's own tests: the mocks as real servers, reached over HTTP."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from fixtures.servers import ServerProcess, free_port


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"


def start_mock(
    name: str, tmp_path_factory: pytest.TempPathFactory, env: dict[str, str] | None = None
) -> ServerProcess:
    server = ServerProcess(
        name=name,
        module=f"mocks.{name}",
        port=free_port(),
        env=env or {},
        log_path=tmp_path_factory.mktemp(name) / f"{name}.log",
    ).start()
    server.wait_healthy()
    return server


@pytest.fixture(scope="session")
def sso_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    server = start_mock("sso", tmp_path_factory, {"SSO_REDIRECT_URIS": "http://127.0.0.1:9/cb"})
    yield server
    server.stop()


@pytest.fixture
def sso(sso_server: ServerProcess) -> Iterator[httpx.Client]:
    """A client of the SSO mock, reset before each test."""
    with httpx.Client(base_url=sso_server.url, timeout=10.0) as client:
        client.post("/_control/reset").raise_for_status()
        yield client
