"""Back-office accounts: password hashing (scrypt), sign-in, demonstration accounts.

The demonstration accounts (docs/portal.md) are seeded in dev and test mode only.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from portal.models import Officer
from portal.procedures import ROLE_NAMES
from portal.services.workflow import Actor

SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode("utf-8"), salt=salt, dklen=32, **SCRYPT)
    return f"scrypt${SCRYPT['n']}${SCRYPT['r']}${SCRYPT['p']}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    candidate = hashlib.scrypt(
        password.encode("utf-8"), salt=bytes.fromhex(salt), n=int(n), r=int(r), p=int(p), dklen=32
    )
    return hmac.compare_digest(candidate.hex(), digest)


# A hash to compare against when the username is unknown (same time either way).
_DUMMY_HASH = hash_password(secrets.token_urlsafe(12))


@dataclass(frozen=True)
class SeedAccount:
    username: str
    password: str
    full_name: str
    role: str
    unit: str


DEMO_ACCOUNTS = (
    SeedAccount("motcua", "MotCua@2025", "Nguyễn Thị Lan", "reception", "Bộ phận Một cửa"),
    SeedAccount("chuyenvien", "ChuyenVien@2025", "Trần Văn Hùng", "specialist", "Phòng chuyên môn"),
    SeedAccount("lanhdao", "LanhDao@2025", "Lê Minh Quân", "approver", "Ban Lãnh đạo"),
)


def seed_demo_accounts(db: Session, *, passwords: Mapping[str, str] | None = None) -> int:
    """Create the demonstration accounts that do not exist yet; return how many.
    ``passwords`` (username -> password) replaces their documented passwords."""
    passwords = passwords or {}
    existing = set(db.scalars(select(Officer.username)))
    created = 0
    for account in DEMO_ACCOUNTS:
        if account.username in existing:
            continue
        db.add(
            Officer(
                username=account.username,
                full_name=account.full_name,
                role=account.role,
                title=ROLE_NAMES[account.role],
                unit=account.unit,
                password_hash=hash_password(passwords.get(account.username, account.password)),
            )
        )
        created += 1
    return created


def authenticate(db: Session, *, username: str, password: str) -> Officer | None:
    officer = db.scalars(select(Officer).where(Officer.username == username.strip())).first()
    if officer is None:
        verify_password(password, _DUMMY_HASH)
        return None
    return officer if verify_password(password, officer.password_hash) else None


def session_view(officer: Officer) -> dict[str, str | int]:
    """What the browser session keeps of a signed-in officer."""
    return {
        "id": officer.id,
        "username": officer.username,
        "full_name": officer.full_name,
        "role": officer.role,
        "title": officer.title,
        "unit": officer.unit,
    }


def actor_of(officer: Mapping[str, object]) -> Actor:
    return Actor(
        name=str(officer["full_name"]),
        title=str(officer["title"]),
        unit=str(officer["unit"]),
        role=str(officer["role"]),
    )
