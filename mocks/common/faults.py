"""Fault injection shared by the mocks.

A fault is armed through ``POST /_control/faults`` with a name the mock knows, how many
times it fires (``times``, default 1; 0 means until cleared), optional parameters
(``params``, e.g. ``{"delay_s": 3}``) and an optional ``match`` (e.g. ``{"sub": "..."}``)
so that one scenario's fault does not hit another's requests.
"""

from __future__ import annotations

import threading
from dataclasses import asdict, dataclass, field
from typing import Any


class UnknownFault(ValueError):
    pass


@dataclass
class Fault:
    name: str
    times: int = 1
    params: dict[str, Any] = field(default_factory=dict)
    match: dict[str, str] = field(default_factory=dict)
    fired: int = 0

    def matches(self, context: dict[str, Any]) -> bool:
        return all(str(context.get(key)) == str(value) for key, value in self.match.items())

    @property
    def spent(self) -> bool:
        return self.times > 0 and self.fired >= self.times


class FaultRegistry:
    def __init__(self, known: dict[str, str], match_keys: tuple[str, ...] | None = None) -> None:
        """``known`` maps each fault name to a one-line description (served by GET);
        ``match_keys`` are the keys a ``match`` may name (None: any). A fault matched on a
        key the mock never looks at would never fire, so arming one is refused."""
        self.known = known
        self.match_keys = match_keys
        self._lock = threading.Lock()
        self._armed: list[Fault] = []

    def arm(
        self,
        name: str,
        *,
        times: int = 1,
        params: dict[str, Any] | None = None,
        match: dict[str, str] | None = None,
    ) -> Fault:
        if name not in self.known:
            raise UnknownFault(f"unknown fault {name!r}; known: {', '.join(sorted(self.known))}")
        if times < 0:
            raise UnknownFault("times must be 0 (until cleared) or more")
        if self.match_keys is not None:
            unknown = sorted(set(match or {}) - set(self.match_keys))
            if unknown:
                raise UnknownFault(
                    f"match may not name {', '.join(unknown)}; "
                    f"it may name: {', '.join(self.match_keys)}"
                )
        fault = Fault(name=name, times=times, params=dict(params or {}), match=dict(match or {}))
        with self._lock:
            self._armed.append(fault)
        return fault

    def take(self, name: str, **context: Any) -> Fault | None:
        """Fire the first armed fault of that name matching the context, if any."""
        with self._lock:
            for fault in self._armed:
                if fault.name == name and not fault.spent and fault.matches(context):
                    fault.fired += 1
                    return fault
        return None

    def take_any(self, names: tuple[str, ...] | list[str], **context: Any) -> Fault | None:
        for name in names:
            fault = self.take(name, **context)
            if fault:
                return fault
        return None

    def armed(self) -> list[dict[str, Any]]:
        with self._lock:
            return [asdict(f) for f in self._armed if not f.spent]

    def clear(self) -> None:
        with self._lock:
            self._armed.clear()
