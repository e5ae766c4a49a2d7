"""Every request a mock receives, with what it answered and why.

The journal is the mock's evidence: the suite reads it through ``/_control/journal``
and attaches a scenario's entries to its Allure result. A request the mock refused
is kept with its reason (``verdict == "rejected"``): a malformed call from the portal
under test is a finding, not noise.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any


@dataclass
class JournalEntry:
    seq: int
    time: str
    method: str
    path: str
    query: dict[str, str]
    body: Any
    status: int = 0
    verdict: str = "accepted"  # accepted | rejected | fault
    reason: str = ""
    service: str = ""  # the operation, e.g. "token", "DongBoHoSoMC"
    extra: dict[str, Any] = field(default_factory=dict)
    # "inbound": a request the mock received; "outbound": one it sent (a payment callback)
    direction: str = "inbound"


# The journal ends up in the test report: no credential goes into it.
# Passwords and keys: masked. A message with its MaXacThuc (HMAC) would let a weak key be
# guessed offline, so the MAC is masked too (the verdict says whether it was right).
SECRET_KEYS = frozenset({"password", "client_secret", "maxacthuc", "authorization", "cookie"})
# One-time or bearer tokens: masked, with a fingerprint (the first 12 hex digits of their
# SHA-256) so that a test can tell which code was redeemed without reading it. They are
# long random strings: the fingerprint gives no way to guess them.
TOKEN_KEYS = frozenset(
    {"code", "code_verifier", "id_token_hint", "id_token", "access_token", "refresh_token",
     "session"}
)  # fmt: skip
MASK = "***"


def fingerprint(value: str) -> str:
    """How the journal shows a token: ``***#`` and 12 hex digits of its SHA-256."""
    return f"{MASK}#{hashlib.sha256(value.encode('utf-8')).hexdigest()[:12]}"


def redact(body: Any) -> Any:
    """``body`` (a request's body, query or notes) without credentials, at any depth;
    redacting twice changes nothing."""
    if isinstance(body, dict):
        out = {}
        for key, value in body.items():
            name = str(key).lower()
            if isinstance(value, str) and value.startswith(MASK):
                out[key] = value  # already redacted
            elif name in SECRET_KEYS and value:
                out[key] = MASK
            elif name in TOKEN_KEYS and isinstance(value, str) and value:
                out[key] = fingerprint(value)
            elif name in TOKEN_KEYS and value:
                out[key] = MASK
            else:
                out[key] = redact(value)
        return out
    if isinstance(body, list):
        return [redact(item) for item in body]
    return body


def parse_body(raw: bytes, content_type: str) -> Any:
    """Keep the body readable in the journal: JSON as JSON, forms as dicts, else text."""
    if not raw:
        return None
    text = raw.decode("utf-8", errors="replace")
    if "json" in content_type:
        try:
            return redact(json.loads(text))
        except ValueError:
            return text
    if "x-www-form-urlencoded" in content_type:
        from urllib.parse import parse_qsl

        return redact(dict(parse_qsl(text, keep_blank_values=True)))
    if "multipart" in content_type:
        return f"<multipart, {len(raw)} bytes>"
    return text[:10_000]


class Journal:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._entries: list[JournalEntry] = []
        self._seq = 0

    def open(
        self,
        *,
        method: str,
        path: str,
        query: dict[str, str],
        body: Any,
        direction: str = "inbound",
    ) -> JournalEntry:
        with self._lock:
            self._seq += 1
            entry = JournalEntry(
                seq=self._seq,
                time=datetime.now(UTC).isoformat(timespec="milliseconds"),
                method=method,
                path=path,
                query=query,
                body=body,
                direction=direction,
            )
            self._entries.append(entry)
            return entry

    def entries(self, *, since: int = 0, service: str | None = None) -> list[dict[str, Any]]:
        with self._lock:
            picked = [e for e in self._entries if e.seq > since]
        if service:
            picked = [e for e in picked if e.service == service]
        return [redact(asdict(e)) for e in picked]

    @property
    def last_seq(self) -> int:
        with self._lock:
            return self._seq

    def clear(self) -> None:
        # Sequence numbers keep growing across resets so that a reader's cursor stays valid.
        with self._lock:
            self._entries.clear()
