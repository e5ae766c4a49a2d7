"""A reference stack of its own for the reliability scenarios, and the gateway in front of
its national systems.

Why a stack of their own: these scenarios SIGKILL and restart the portal and put the
national systems out of service for everyone who talks to them. On the shared stack a
restart would also drop what the portal holds in memory for the other scenarios (the
test clock, the outbox worker's back-off, its national-portal session) and kill their
work in flight (a delayed payment callback); a global outage would delay their sync.
So the reliability scenarios share one separate stack, started the first time one of
them needs it; the checklist scenarios never see it. (Each scenario still makes its
own data, and leaves the stack running and its faults cleared.)

The gateway stands between the portal and the payment platform and between the portal
and the national portal: it forwards every call, or answers a maintenance page in HTML
where JSON is expected ("garbage"), as a misconfigured proxy or a platform in
maintenance does. It listens on 127.0.0.1 only.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx

from fixtures.http import http_client
from fixtures.servers import ServerProcess
from fixtures.stack import Stack, start_reference_stack

FORWARD, HTML = "forward", "html"
MAINTENANCE_PAGE = (
    "<!doctype html><html lang=vi><head><title>Bảo trì</title></head>"
    "<body><h1>Hệ thống đang bảo trì</h1><p>Vui lòng quay lại sau.</p></body></html>"
).encode()
RESTART_S = 90.0
HOP_BY_HOP = {"connection", "content-length", "transfer-encoding", "content-encoding", "host"}


class Gateway:
    """Forwards HTTP to ``upstream`` (mode ``forward``) or answers HTML (mode ``html``)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.upstream = ""
        self.mode = FORWARD
        self.calls: dict[str, int] = {FORWARD: 0, HTML: 0}
        self._http = http_client(timeout=30.0)  # one pool: a client per call costs ~0.2 s
        gateway = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                gateway.handle(self)

            def do_POST(self) -> None:
                gateway.handle(self)

            def log_message(self, format: str, *args: object) -> None:
                return

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._lock = threading.Lock()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> Gateway:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._http.close()

    def handle(self, request: BaseHTTPRequestHandler) -> None:
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        with self._lock:
            mode = self.mode
            self.calls[mode] += 1
        if mode == HTML:
            self._answer(
                request, 200, {"Content-Type": "text/html; charset=utf-8"}, MAINTENANCE_PAGE
            )
            return
        headers = {k: v for k, v in request.headers.items() if k.lower() not in HOP_BY_HOP}
        try:
            answer = self._http.request(
                request.command, f"{self.upstream}{request.path}", headers=headers, content=body
            )
        except httpx.HTTPError:
            self._answer(request, 502, {"Content-Type": "text/plain"}, b"upstream unreachable")
            return
        kept = {k: v for k, v in answer.headers.items() if k.lower() not in HOP_BY_HOP}
        self._answer(request, answer.status_code, kept, answer.content)

    @staticmethod
    def _answer(
        request: BaseHTTPRequestHandler, status: int, headers: dict[str, str], body: bytes
    ) -> None:
        request.send_response(status)
        for name, value in headers.items():
            request.send_header(name, value)
        request.send_header("Content-Length", str(len(body)))
        request.send_header("Connection", "close")
        request.end_headers()
        request.wfile.write(body)


@dataclass
class IsolatedStack:
    """The reliability scenarios' stack: portal + mocks, gateways in front of two mocks."""

    stack: Stack
    gateways: dict[str, Gateway] = field(default_factory=dict)

    @property
    def portal_url(self) -> str:
        return self.stack.portal_url

    @property
    def portal(self) -> ServerProcess:
        return self.stack.servers["portal"]

    def mock(self, name: str) -> str:
        return self.stack.mocks[name]

    def running(self) -> bool:
        process = self.portal.process
        return process is not None and process.poll() is None

    def restart_portal(self) -> None:
        """Start the portal again (after a kill) and wait until it answers. Its start-up
        imports a lot: on a loaded CI machine it takes well over the usual 20 s."""
        self.portal.stop()
        self.portal.start()
        self.portal.wait_healthy(timeout_s=RESTART_S)

    def stop(self) -> None:
        self.stack.stop()
        for gateway in self.gateways.values():
            gateway.stop()


def start_isolated_stack(workdir: Path) -> IsolatedStack:
    """Start a reference stack, then point its portal at gateways in front of the
    payment platform and the national portal (one restart of the portal)."""
    gateways = {name: Gateway(name).start() for name in ("payment", "national_portal")}
    try:
        stack = start_reference_stack(workdir)
    except BaseException:
        for gateway in gateways.values():
            gateway.stop()
        raise
    isolated = IsolatedStack(stack, gateways)
    try:
        for name, gateway in gateways.items():
            gateway.upstream = stack.mocks[name]
        isolated.portal.env.update(
            {
                "PORTAL_PAYMENT_URL": gateways["payment"].url,
                "PORTAL_NATIONAL_URL": gateways["national_portal"].url,
            }
        )
        isolated.restart_portal()
    except BaseException:
        isolated.stop()
        raise
    return isolated
