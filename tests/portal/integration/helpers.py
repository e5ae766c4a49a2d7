"""Helpers shared by the integration libraries' tests."""

from __future__ import annotations

import asyncio


async def let_others_run() -> None:
    """Yield to the event loop once, as a real network call would (no waiting)."""
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    loop.call_soon(done.set_result, None)
    await done
