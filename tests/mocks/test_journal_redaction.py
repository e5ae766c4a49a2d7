"""The mocks' journals end up in the report: they hold no credential. Tokens are kept as a
fingerprint (``***#`` + 12 hex digits of SHA-256) so that a step can still tell which code
was redeemed; passwords, client secrets and MaXacThuc are masked outright."""

from __future__ import annotations

import json
from typing import Any

import httpx

from fixtures.redaction import journal_fingerprint
from mocks.common.journal import redact
from tests.mocks.conftest import PortalDouble
from tests.mocks.payment_api import create, pay
from tests.mocks.sso_flow import CLIENT, PERSONA, VERIFIER, authorize, exchange, log_in, start


def entries(client: httpx.Client, service: str) -> list[dict[str, Any]]:
    return list(client.get("/_control/journal", params={"service": service}).json()["entries"])


def test_the_sso_journal_keeps_fingerprints_of_codes_and_verifiers(sso: httpx.Client) -> None:
    code = authorize(sso, VERIFIER)
    answer = exchange(sso, code, VERIFIER)
    assert answer.status_code == 200, answer.text
    (token,) = [e for e in entries(sso, "token") if e["body"]["code"] == journal_fingerprint(code)]
    assert token["body"]["code_verifier"] == journal_fingerprint(VERIFIER)
    text = json.dumps(sso.get("/_control/journal").json())
    for secret in (code, VERIFIER, CLIENT[1], PERSONA[1], answer.json()["id_token"]):
        assert secret not in text


def test_the_sso_journal_keeps_no_id_token_hint(sso: httpx.Client) -> None:
    id_token = exchange(sso, authorize(sso, VERIFIER), VERIFIER).json()["id_token"]
    sso.get("/logout", params={"id_token_hint": id_token, "state": "x"})
    (logout,) = entries(sso, "logout")[-1:]
    assert logout["query"]["id_token_hint"] == journal_fingerprint(id_token)
    assert id_token not in json.dumps(logout)


def test_the_login_form_password_is_masked(sso: httpx.Client) -> None:
    log_in(sso, start(sso), PERSONA)
    assert entries(sso, "login")[-1]["body"]["password"] == "***"


def test_the_payment_journal_keeps_no_message_with_its_mac(
    payment: httpx.Client, portal_double: PortalDouble
) -> None:
    txn = create(payment, portal_double.url)
    pay(payment, txn)
    (callback,) = portal_double.callbacks()
    created, sent = entries(payment, "create")[-1], entries(payment, "callback")[-1]
    assert (created["verdict"], created["body"]["MaXacThuc"]) == ("accepted", "***")
    assert sent["body"]["MaXacThuc"] == "***"
    assert callback["MaXacThuc"] not in json.dumps(sent)


def test_redacting_twice_changes_nothing() -> None:
    once = redact({"code": "abc", "password": "p", "nested": [{"session": "s"}], "MaHoSo": "H"})
    assert once == {
        "code": journal_fingerprint("abc"),
        "password": "***",
        "nested": [{"session": journal_fingerprint("s")}],
        "MaHoSo": "H",
    }
    assert redact(once) == once
