"""The thin module that listens: ``python -m mocks.<name> --port N``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

import uvicorn
from fastapi import FastAPI

from mocks.common.parent_watch import exit_with_parent


def run(name: str, factory: Callable[[str], FastAPI], default_port: int) -> None:
    """Parse --host/--port and serve ``factory(public_url)`` with uvicorn."""
    parser = argparse.ArgumentParser(prog=f"python -m mocks.{name}", description=f"{name} mock")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=default_port)
    parser.add_argument(
        "--public-url", default=None, help="the URL others reach it by (default http://HOST:PORT)"
    )
    args = parser.parse_args()
    public_url = args.public_url or f"http://{args.host}:{args.port}"
    app = factory(public_url.rstrip("/"))
    if getattr(app.state, "control_token_made", False):
        # Nobody chose one (MOCK_CONTROL_TOKEN): whoever drives the mock needs this one.
        print(
            f"{name} mock: control token (X-Control-Token) {app.state.control_token}"
            " — set MOCK_CONTROL_TOKEN to choose it",
            file=sys.stderr,
            flush=True,
        )
    exit_with_parent()
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False)
