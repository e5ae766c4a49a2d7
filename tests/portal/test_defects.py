"""The seeded-defect catalogue (portal/defects.py): its shape, the test-mode-only switch,
and for a handful of defects a proof at unit level that the switch changes the behaviour."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import tomllib
import unicodedata
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import respx
from joserfc import jwt
from joserfc.jwk import RSAKey
from pydantic import ValidationError

from portal import defects
from portal.adapters.sso import IdTokenError, SsoClient
from portal.app import create_app
from portal.integration.payment import BadChecksum, PaymentClient
from portal.integration.payment_checksum import RESULT_FIELDS, sign
from portal.integration.timefmt import VN_TZ
from portal.procedures import Attachment
from portal.services import calendar, sync, uploads, validation
from portal.settings import PortalSettings

ROOT = Path(__file__).resolve().parents[2]
SUITE = ("features", "steps", "pages", "fixtures")


@pytest.fixture(autouse=True)
def no_defect_left_on() -> Iterator[None]:
    """A failing test must not leave a defect switched on for the tests after it."""
    yield
    defects.enable(())


def registered_markers() -> set[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return {m.split(":")[0].strip() for m in config["tool"]["pytest"]["ini_options"]["markers"]}


# --- the catalogue's shape ------------------------------------------------------------


def test_the_catalogue_has_30_or_more_defects_with_unique_snake_case_names() -> None:
    names = [d.name for d in defects.CATALOGUE]
    assert len(names) >= 30
    assert len(set(names)) == len(names), "duplicate defect names"
    assert all(re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)+", n) for n in names), names


def test_every_area_has_defects_and_every_defect_names_a_known_area() -> None:
    assert {d.area for d in defects.CATALOGUE} == set(defects.AREAS)


def test_every_defect_is_caught_by_registered_tags_and_described_in_vietnamese() -> None:
    markers = registered_markers()
    for defect in defects.CATALOGUE:
        assert defect.tags and set(defect.tags) <= markers, (defect.name, defect.tags)
        text = defect.description
        assert unicodedata.is_normalized("NFC", text) and len(text) > 30, defect.name
        assert re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", text), (
            defect.name
        )


SCENARIO = re.compile(r"^\s*(?:Kịch bản|Khung kịch bản|Dàn ý kịch bản):\s*(.+?)\s*$", re.M)


def test_every_defect_points_at_scenarios_that_exist_under_its_tags() -> None:
    """``where``: feature files under features/ carrying one of the defect's tags, and, after
    "::", the start of a scenario name in that file (what ``make selfcheck`` runs)."""
    for defect in defects.CATALOGUE:
        assert defect.where, f"{defect.name}: no scenarios named for make selfcheck"
        for place in defect.where:
            path, _, prefix = place.partition("::")
            feature = ROOT / "features" / path
            assert feature.is_file(), (defect.name, path)
            text = feature.read_text(encoding="utf-8")
            file_tags = set(re.findall(r"@(\w+)", text.split("Tính năng:")[0]))
            assert file_tags & set(defect.tags), (defect.name, path, file_tags)
            names = SCENARIO.findall(text)
            assert any(n.startswith(prefix) for n in names), (defect.name, place, names)


def test_every_defect_has_a_switch_in_the_portal_code() -> None:
    code = "\n".join(
        p.read_text(encoding="utf-8")
        for p in (ROOT / "portal").rglob("*.py")
        if p.name != "defects.py"
    )
    missing = [d.name for d in defects.CATALOGUE if f'"{d.name}"' not in code]
    assert not missing, f"no `defects.active(...)` branch for {missing}"


def test_the_suite_knows_nothing_of_the_catalogue() -> None:
    for folder in SUITE:
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert "portal.defects" not in text and "PORTAL_DEFECTS" not in text, path


# --- the switch: test mode only ---------------------------------------------------------


@pytest.mark.parametrize("mode", ["dev", "production"])
def test_defects_are_refused_outside_test_mode(mode: str) -> None:
    with pytest.raises(ValidationError, match="PORTAL_DEFECTS is refused"):
        PortalSettings(
            mode=mode,
            defects="result_unsigned",
            secret_key="s" * 32,
            sso_client_secret="x",
            payment_secret="y",
            national_password="z",
        )


def test_an_unknown_defect_is_refused() -> None:
    with pytest.raises(ValidationError, match="unknown seeded defect"):
        PortalSettings(mode="test", defects="result_unsigned, no_such_bug")


def test_the_portal_does_not_start_with_defects_outside_test_mode(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "PORTAL_MODE": "dev", "PORTAL_DEFECTS": "result_unsigned"}
    env["PORTAL_DATABASE_URL"] = f"sqlite:///{tmp_path / 'p.db'}"
    done = subprocess.run(
        [sys.executable, "-m", "portal", "--port", "9"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    lines = done.stderr.strip().splitlines()
    assert done.returncode == 2 and len(lines) == 1, done.stderr
    assert "PORTAL_DEFECTS" in lines[0] and "PORTAL_MODE=test" in lines[0]


def test_the_app_factory_switches_the_settings_defects_on_and_off(
    settings: PortalSettings,
) -> None:
    create_app(settings.model_copy(update={"defects": "result_unsigned,sync_dates_in_utc"}))
    assert defects.active_names() == {"result_unsigned", "sync_dates_in_utc"}
    create_app(settings)
    assert defects.active_names() == frozenset()


def test_asking_for_a_defect_not_in_the_catalogue_is_a_bug() -> None:
    with pytest.raises(KeyError):
        defects.active("typo_in_a_switch")


# --- the switch changes the behaviour ---------------------------------------------------


def test_cccd_format_unchecked() -> None:
    today = date(2026, 11, 22)
    assert validation.cccd_problem("0791900123", today=today)
    with defects.switched_on("cccd_format_unchecked"):
        assert validation.cccd_problem("0791900123", today=today) is None


@pytest.mark.parametrize("defect", ["due_date_counts_weekends", "due_date_ignores_holidays"])
def test_due_dates_over_tet(defect: str) -> None:
    eve = datetime(2027, 2, 3, 9, 0, tzinfo=VN_TZ)  # Wednesday before Tết 2027
    healthy = calendar.due_at(eve, working_days=5)
    with defects.switched_on(defect):
        broken = calendar.due_at(eve, working_days=5)
    assert broken.date() < healthy.date()


def test_upload_content_unchecked() -> None:
    attachment = Attachment(code="GCS", name="Giấy chứng sinh", types=["pdf"], max_mb=5)
    program = b"MZ\x90\x00" + b"\x00" * 64
    with pytest.raises(uploads.UploadRefused):
        uploads.check_upload(attachment=attachment, file_name="giay.pdf", data=program)
    with defects.switched_on("upload_content_unchecked"):
        assert uploads.check_upload(attachment=attachment, file_name="giay.pdf", data=program)


def test_payment_checksum_unchecked() -> None:
    fields: dict[str, Any] = {
        "MaDoiTac": "P", "MaThamChieu": "TT1", "MaGiaoDich": "GD1", "SoTien": 200000,
        "MaLoi": "00", "ThoiGianGD": "20261122090000",
    }  # fmt: skip
    forged = {**sign("secret", fields, RESULT_FIELDS), "SoTien": 1000}
    client = PaymentClient("http://127.0.0.1:9", "P", "secret", httpx.AsyncClient())
    with pytest.raises(BadChecksum):
        client.verify_result(forged)
    with defects.switched_on("payment_checksum_unchecked"):
        assert client.verify_result(forged).amount == 1000


@pytest.mark.parametrize(
    ("defect", "expected"),
    [
        (None, "20261122090000"),
        ("sync_dates_in_utc", "20261122020000"),
        ("sync_dates_iso_format", "2026-11-22T09:00:00+07:00"),
    ],
)
def test_dates_sent_to_the_national_portal(defect: str | None, expected: str) -> None:
    moment = datetime(2026, 11, 22, 9, 0, tzinfo=VN_TZ)
    with defects.switched_on(*([defect] if defect else [])):
        assert sync._ts(moment) == expected


def test_sync_wrong_status_code() -> None:
    assert sync._national_status(2) == 2
    with defects.switched_on("sync_wrong_status_code"):
        assert sync._national_status(2) == 4


ISSUER = "https://sso.test"
KEY = RSAKey.generate_key(2048, parameters={"kid": "k1", "use": "sig", "alg": "RS256"})
ROGUE = RSAKey.generate_key(2048, parameters={"kid": "k1", "use": "sig", "alg": "RS256"})


@pytest.mark.anyio
@pytest.mark.parametrize(
    ("defect", "key", "overrides"),
    [
        ("id_token_signature_unchecked", ROGUE, {}),
        ("id_token_nonce_ignored", KEY, {"nonce": "another"}),
        ("id_token_audience_unchecked", KEY, {"aud": "another-app"}),
        ("id_token_expiry_unchecked", KEY, {"exp": 1, "iat": 1}),
    ],
)
async def test_id_token_checks(defect: str, key: RSAKey, overrides: dict[str, Any]) -> None:
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": "dvc-portal", "sub": "abc", "iat": now, "exp": now + 300}
    token = jwt.encode({"alg": "RS256", "kid": "k1"}, {**claims, "nonce": "n", **overrides}, key)
    with respx.mock(base_url=ISSUER) as provider:
        provider.get("/.well-known/openid-configuration").respond(
            json={"issuer": ISSUER, "jwks_uri": f"{ISSUER}/jwks"}
        )
        provider.get("/jwks").respond(json={"keys": [KEY.as_dict(private=False)]})
        async with httpx.AsyncClient() as http:
            client = SsoClient(
                issuer=ISSUER, client_id="dvc-portal", client_secret="s",
                redirect_uri="http://p/cb", http=http,
            )  # fmt: skip
            with pytest.raises(IdTokenError):
                await client.verify_id_token(token, nonce="n")
            with defects.switched_on(defect):
                assert (await client.verify_id_token(token, nonce="n"))["sub"] == "abc"
