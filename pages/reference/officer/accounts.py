"""The reference portal's seeded back-office accounts, by the role a scenario names.

The reference portal seeds one account per role in dev and test mode (docs/portal.md);
``username`` also opens a session through the test-mode route ``POST /_test/sessions``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OfficerAccount:
    username: str
    password: str
    role: str  # the portal's role key: reception | specialist | approver
    title: str  # ChucDanh, as the portal shows it


ACCOUNTS: dict[str, OfficerAccount] = {
    "cán bộ một cửa": OfficerAccount("motcua", "MotCua@2025", "reception", "Bộ phận Một cửa"),
    "chuyên viên": OfficerAccount("chuyenvien", "ChuyenVien@2025", "specialist", "Chuyên viên"),
    "lãnh đạo": OfficerAccount("lanhdao", "LanhDao@2025", "approver", "Lãnh đạo"),
}
# For step patterns: the roles a scenario may name.
ROLE_PATTERN = "|".join(ACCOUNTS)


def account_of(role: str) -> OfficerAccount:
    if role not in ACCOUNTS:
        raise KeyError(f"no officer account for {role!r}; known: {', '.join(ACCOUNTS)}")
    return ACCOUNTS[role]
