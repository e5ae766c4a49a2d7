"""PORTAL_OFFICER_PASSWORDS: the demonstration accounts seeded with other passwords (so a
test can plant distinctive ones, tests/suite/test_no_secrets.py); the others keep theirs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from portal.db import Base, make_engine, make_sessionmaker
from portal.services.officers import authenticate, seed_demo_accounts
from portal.settings import PortalSettings


def test_the_setting_is_read_from_the_environment_as_json(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PORTAL_OFFICER_PASSWORDS", json.dumps({"motcua": "Khac@2026"}))
    assert PortalSettings().officer_passwords == {"motcua": "Khac@2026"}


def test_a_named_account_gets_the_given_password_the_others_their_own(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'portal.db'}")
    Base.metadata.create_all(engine)
    with make_sessionmaker(engine).begin() as db:
        assert seed_demo_accounts(db, passwords={"motcua": "Khac@2026"}) == 3
    with make_sessionmaker(engine).begin() as db:
        assert authenticate(db, username="motcua", password="Khac@2026") is not None
        assert authenticate(db, username="motcua", password="MotCua@2025") is None
        assert authenticate(db, username="lanhdao", password="LanhDao@2025") is not None
