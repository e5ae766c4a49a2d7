"""Fixtures of the project's own tests: the mocks as real servers, reached over HTTP."""

from __future__ import annotations

import ssl
from collections.abc import Iterator

import httpx
import pytest

from fixtures.control import control_headers, mock_env
from fixtures.servers import ServerProcess, free_port


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def tls() -> ssl.SSLContext:
    """One TLS context for every client: httpx builds a new one (~0.2 s) per client else."""
    return ssl.create_default_context()


def mock_client(server: ServerProcess, tls: ssl.SSLContext) -> httpx.Client:
    """A client of one mock that carries its control token (fixtures/control.py)."""
    return httpx.Client(base_url=server.url, timeout=10.0, verify=tls, headers=control_headers())


def start_mock(
    name: str, tmp_path_factory: pytest.TempPathFactory, env: dict[str, str] | None = None
) -> ServerProcess:
    server = ServerProcess(
        name=name,
        module=f"mocks.{name}",
        port=free_port(),
        env={**(env or {}), **mock_env()},
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
def sso(sso_server: ServerProcess, tls: ssl.SSLContext) -> Iterator[httpx.Client]:
    """A client of the SSO mock, reset before each test."""
    with mock_client(sso_server, tls) as client:
        client.post("/_control/reset").raise_for_status()
        yield client


@pytest.fixture(scope="session")
def payment_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    server = start_mock("payment", tmp_path_factory, {"PAYMENT_CALLBACK_TIMEOUT_S": "2"})
    yield server
    server.stop()


@pytest.fixture
def payment(payment_server: ServerProcess, tls: ssl.SSLContext) -> Iterator[httpx.Client]:
    """A client of the payment platform mock, reset before each test."""
    with mock_client(payment_server, tls) as client:
        client.post("/_control/reset").raise_for_status()
        yield client


@pytest.fixture(scope="session")
def national_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    server = start_mock("national_portal", tmp_path_factory)
    yield server
    server.stop()


@pytest.fixture
def national(national_server: ServerProcess, tls: ssl.SSLContext) -> Iterator[httpx.Client]:
    """A client of the national portal mock, reset before each test."""
    with mock_client(national_server, tls) as client:
        client.post("/_control/reset").raise_for_status()
        yield client
