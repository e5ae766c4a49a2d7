"""python -m portal --port N (settings from PORTAL_* environment variables)."""

from __future__ import annotations

import argparse
import os
import sys

import uvicorn
from pydantic import ValidationError

from portal.app import create_app
from portal.parent_watch import exit_with_parent
from portal.settings import PortalSettings


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m portal", description="reference DVC portal")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    os.environ.setdefault("PORTAL_PUBLIC_URL", f"http://{args.host}:{args.port}")
    try:
        settings = PortalSettings()
    except ValidationError as exc:
        print(f"portal: invalid settings: {exc.errors()[0]['msg']}", file=sys.stderr)
        raise SystemExit(2) from None
    exit_with_parent()
    uvicorn.run(
        create_app(settings), host=args.host, port=args.port, log_level="warning", access_log=False
    )


if __name__ == "__main__":
    main()
