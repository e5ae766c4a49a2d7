"""Officer sign-in throttling: wrong passwords cost the guesser time, not the server CPU.

The policy (docs/portal.md, "Đăng nhập cán bộ"):

- per (username, client address): ``max_failures`` wrong passwords within ``lockout``
  lock that username for that address until ``lockout`` has passed since the last of
  them; a successful sign-in forgets the failures;
- per client address: ``max_failures_per_client`` failures within ``lockout`` (whatever
  the usernames: someone trying many accounts) lock every sign-in from that address.

While locked, a sign-in is refused at once (HTTP 429, ``Retry-After``), the right
password too, and no password hash is computed. Someone guessing from another address
does not lock the officer out. Usernames are compared case-folded and stripped. The
counters live in the portal's memory (one process); time is the portal's clock, so a
test moving it moves the lock too. The test-mode reset forgets them.
"""

from __future__ import annotations

import threading
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

MAX_KEYS = 10_000  # what memory the counters may take: beyond it, stale ones are dropped


@dataclass
class SignInThrottle:
    max_failures: int = 5
    max_failures_per_client: int = 50
    lockout: timedelta = timedelta(minutes=15)
    _by_account: dict[tuple[str, str], deque[datetime]] = field(default_factory=dict)
    _by_client: dict[str, deque[datetime]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @staticmethod
    def _account(username: str, client: str) -> tuple[str, str]:
        return (username.strip().casefold(), client)

    def _recent(self, times: deque[datetime] | None, now: datetime) -> deque[datetime]:
        if times is None:
            return deque()
        while times and times[0] <= now - self.lockout:
            times.popleft()
        return times

    def retry_after(self, *, username: str, client: str, now: datetime) -> int | None:
        """Seconds until a sign-in of ``username`` from ``client`` may be tried, or None."""
        with self._lock:
            checks = (
                (self._by_account.get(self._account(username, client)), self.max_failures),
                (self._by_client.get(client), self.max_failures_per_client),
            )
            waits = []
            for times, limit in checks:
                recent = self._recent(times, now)
                if len(recent) >= limit:
                    waits.append((recent[-1] + self.lockout - now).total_seconds())
            return max(1, int(max(waits) + 0.999)) if waits else None

    def failed(self, *, username: str, client: str, now: datetime) -> None:
        with self._lock:
            if len(self._by_account) + len(self._by_client) > MAX_KEYS:
                self._drop_stale(now)
            account = self._account(username, client)
            self._by_account[account] = self._recent(self._by_account.get(account), now)
            self._by_account[account].append(now)
            self._by_client[client] = self._recent(self._by_client.get(client), now)
            self._by_client[client].append(now)

    def succeeded(self, *, username: str, client: str) -> None:
        with self._lock:
            self._by_account.pop(self._account(username, client), None)

    def clear(self) -> None:
        with self._lock:
            self._by_account.clear()
            self._by_client.clear()

    def _drop_stale(self, now: datetime) -> None:
        self._by_account = {k: t for k, t in self._by_account.items() if self._recent(t, now)}
        self._by_client = {k: t for k, t in self._by_client.items() if self._recent(t, now)}
