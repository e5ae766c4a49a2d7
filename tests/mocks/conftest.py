"""Fixtures of the mocks' tests: a stand-in for the portal's payment return and callback URLs."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest

# The journals plugin's fixtures, so that its tests here see them as the suite does (the
# root conftest loads fixtures.journals as a plugin for everything).
from fixtures.journals import journal, mock_journals

__all__ = ["journal", "mock_journals"]


@dataclass
class Received:
    kind: str  # "callback" (POST UrlThongBao) or "return" (the browser at UrlTraVe)
    at: float  # time.monotonic()
    body: dict[str, Any]


class PortalDouble:
    """Answers the payment mock's callbacks like a portal (``answer``) and records them,
    with the browser returns, in the order they arrived."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.received: list[Received] = []
        self.answer: tuple[int, Any] = (200, {"MaLoi": "00"})
        double = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                double.record("callback", json.loads(raw))
                status, answer = double.answer
                self.reply(status, json.dumps(answer).encode(), "application/json")

            def do_GET(self) -> None:
                double.record("return", dict(parse_qsl(urlsplit(self.path).query)))
                page = "<!doctype html><html lang='vi'><title>Cổng</title><h1>Đã nhận kết quả</h1>"
                self.reply(200, page.encode(), "text/html; charset=utf-8")

            def reply(self, status: int, content: bytes, content_type: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(content)))
                self.end_headers()
                self.wfile.write(content)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def record(self, kind: str, body: dict[str, Any]) -> None:
        with self.lock:
            self.received.append(Received(kind, time.monotonic(), body))

    def of(self, kind: str) -> list[Received]:
        with self.lock:
            return [r for r in self.received if r.kind == kind]

    def callbacks(self) -> list[dict[str, Any]]:
        return [r.body for r in self.of("callback")]

    def clear(self) -> None:
        with self.lock:
            self.received.clear()
        self.answer = (200, {"MaLoi": "00"})


@pytest.fixture(scope="session")
def portal_double_server() -> Iterator[PortalDouble]:
    double = PortalDouble()
    double.thread.start()
    yield double
    double.server.shutdown()
    double.server.server_close()
    double.thread.join(5)


@pytest.fixture
def portal_double(portal_double_server: PortalDouble) -> PortalDouble:
    portal_double_server.clear()
    return portal_double_server
