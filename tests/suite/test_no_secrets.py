"""No secret ever reaches the evidence (issue 18): distinctive secrets are planted, a slice
of the checklist runs with ``--trace-failures`` (one scenario fails on purpose, so its
Playwright trace, page HTML and screenshots are attached), the single-file report and the
compliance summary are built, and every file is searched: zips opened, the report's
embedded base64 data decoded, at any depth. None of the secrets may be found, in any of
the forms it takes in a file (as is, URL-encoded, HTML-escaped, base64).

Planted: the three officers' passwords (through the profile's ``password_env``; the
reference portal seeds its accounts with them through ``PORTAL_OFFICER_PASSWORDS``), the
SSO client secret, the payment key, the national portal's password, the portal's session
signing key. Read back from the run (tests/suite/secret_probe.py): every session cookie a
browser held, and every citizen's SSO password.

The second test runs the same slice with ``DVC_NO_REDACTION=1`` (the suite's redaction
off) and expects the search to find secrets: the first test's silence is then the
redaction's doing, not a search that cannot see.
"""

from __future__ import annotations

import base64
import binascii
import html
import io
import json
import os
import re
import secrets
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

from reports.build import Outputs, build

ROOT = Path(__file__).resolve().parents[2]
# Scenarios that carry every kind of secret: a citizen typing their password at the SSO
# and coming back with a code, a sign-out (id_token_hint), session cookies, an officer
# signing in with a password, a payment (MaXacThuc). Two fail on purpose, through seeded
# defects of the portal, so that their traces are attached: the replayed return URL
# (oidc_state_ignored; the citizen typed the password in the traced page) and the
# sign-out (logout_keeps_portal_session).
SLICE = (
    "đăng_xuất_kết_thúc_phiên or cán_bộ_một_cửa_đăng_nhập_và_thấy_hồ_sơ_mới"
    " or thanh_toán_ngay_trên_giấy_tiếp_nhận or mở_lại_đường_dẫn_trả_về_của_một_lần"
)
DEFECTS = "logout_keeps_portal_session,oidc_state_ignored"
FAILING = ("Đăng xuất kết thúc phiên", "Mở lại đường dẫn trả về")
# Shapes no evidence file may hold whatever their value: a JWT (an id_token, the
# id_token_hint of a sign-out), a MaXacThuc with its HMAC (with the message, a weak key
# can be guessed offline).
SHAPES = {
    "a JWT": re.compile(rb"eyJ[A-Za-z0-9_-]{6,}\.eyJ[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{6,}"),
    "a MaXacThuc": re.compile(rb"MaXacThuc[\"'=:\s\\]+[0-9a-fA-F]{64}"),
}
OFFICERS = {"cán bộ một cửa": "motcua", "chuyên viên": "chuyenvien", "lãnh đạo": "lanhdao"}
BASE64_RUN = re.compile(rb"[A-Za-z0-9+/_-]{24,}={0,2}")


def planted() -> dict[str, str]:
    """Distinctive values, new for each run, that nothing else could produce."""
    return {
        **{f"officer {u}": f"Pw-{u}-{secrets.token_hex(6)}" for u in OFFICERS.values()},
        "sso client secret": f"ClientSecret-{secrets.token_hex(8)}",
        "payment key": f"PayKey-{secrets.token_hex(8)}",
        "national portal password": f"NatPw-{secrets.token_hex(8)}",
        "portal session key": f"SessKey-{secrets.token_hex(12)}",
    }


def profile(tmp: Path) -> Path:
    officers = "".join(
        f'[officers."{role}"]\nusername = "{user}"\npassword_env = "DVC_PLANTED_{user.upper()}"\n\n'
        for role, user in OFFICERS.items()
    )
    path = tmp / "planted.toml"
    path.write_text(
        'name = "reference"\nstart = "reference"\npages = "reference"\n\n'
        f'[portal]\nenv = {{ PORTAL_DEFECTS = "{DEFECTS}" }}\n\n' + officers,
        encoding="utf-8",
    )
    return path


def run_slice(tmp: Path, values: dict[str, str], *, redaction: bool) -> tuple[Path, dict[str, str]]:
    """Run the slice; the results folder and the secrets read back from the run."""
    results, probe = tmp / "allure-results", tmp / "probe.json"
    env = {
        **os.environ,
        **{f"DVC_PLANTED_{u.upper()}": values[f"officer {u}"] for u in OFFICERS.values()},
        "PORTAL_OFFICER_PASSWORDS": json.dumps(
            {u: values[f"officer {u}"] for u in OFFICERS.values()}
        ),
        "DVC_STACK_SSO_CLIENT_SECRET": values["sso client secret"],
        "DVC_STACK_PAYMENT_SECRET": values["payment key"],
        "DVC_STACK_NATIONAL_PASSWORD": values["national portal password"],
        "PORTAL_SECRET_KEY": values["portal session key"],
        "DVC_SECRET_PROBE_FILE": str(probe),
    }
    env.pop("DVC_NO_REDACTION", None)
    if not redaction:
        env["DVC_NO_REDACTION"] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "features/test_checklist.py", "-k", SLICE,
         "--target", str(profile(tmp)), "--trace-failures", "--alluredir", str(results),
         "-p", "tests.suite.secret_probe", "-q"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    output = (done.stdout + done.stderr)[-3000:]
    assert done.returncode == 1, f"the slice must run, failing on purpose:\n{output}"
    statuses = {}
    for path in results.glob("*-result.json"):
        result = json.loads(path.read_text(encoding="utf-8"))
        statuses[result["name"]] = result["status"]
        if result["status"] == "failed":
            kinds = {a["name"] for a in result.get("attachments", [])}
            assert "Playwright trace" in kinds, f"the failure carries its trace: {kinds}"
    assert len(statuses) == 4, f"four scenarios ran: {statuses}\n{output}"
    failed = sorted(name for name, status in statuses.items() if status != "passed")
    assert len(failed) == 2 and all(name.startswith(FAILING) for name in failed), statuses
    read_back = json.loads(probe.read_text(encoding="utf-8"))
    assert read_back["cookies"], "the probe saw the browsers' session cookies"
    citizens = sorted(set(read_back["secrets"]) - set(values.values()))
    assert citizens, "the probe saw the citizens' SSO passwords"
    return results, {
        **{f"session cookie {i}": v for i, v in enumerate(read_back["cookies"])},
        **{f"citizen password {i}": v for i, v in enumerate(citizens)},
    }


def forms(value: str) -> set[bytes]:
    raw = value.encode("utf-8")
    texts = {value, quote(value, safe=""), quote_plus(value), html.escape(value)}
    encoded = {base64.b64encode(raw), base64.urlsafe_b64encode(raw)}
    return {t.encode("utf-8") for t in texts} | encoded | {e.rstrip(b"=") for e in encoded}


def blobs(name: str, data: bytes, depth: int = 0) -> Iterator[tuple[str, bytes]]:
    """The file's bytes, then whatever it holds: zip members, decoded base64 runs."""
    yield name, data
    if depth > 3:
        return
    if data[:4] == b"PK\x03\x04":
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                yield from blobs(f"{name}!{member}", archive.read(member), depth + 1)
        return
    for match in BASE64_RUN.finditer(data):
        run = match.group(0)
        for decode in (base64.b64decode, base64.urlsafe_b64decode):
            try:
                decoded = decode(run + b"=" * (-len(run) % 4))
            except (binascii.Error, ValueError):
                continue
            where = f"{name}#base64@{match.start()}"
            if decoded[:4] == b"PK\x03\x04" or _is_text(decoded):
                yield from blobs(where, decoded, depth + 1)
            else:
                yield where, decoded  # searched, not decoded further (noise)
            break


def _is_text(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def leaks(folders: list[Path], values: dict[str, str]) -> list[str]:
    wanted = {label: forms(value) for label, value in values.items()}
    found = []
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            for name, data in blobs(str(path.relative_to(folder.parent)), path.read_bytes()):
                found += [
                    f"{label} in {name}"
                    for label, variants in wanted.items()
                    if any(v in data for v in variants)
                ]
                found += [f"{shape} in {name}" for shape, rx in SHAPES.items() if rx.search(data)]
    return found


OBJECT_DUMP = re.compile(r" object at 0x[0-9a-f]+|^<[\w.]+[ >]|^b'|^\w+\(\w+=")


def object_dumps(results: Path) -> list[str]:
    """Step parameters that are an object's repr, not a value a reader needs."""
    found = []

    def walk(steps: list[dict[str, Any]]) -> None:
        for step in steps:
            found.extend(
                f"{step['name']}: {p['name']} = {p['value'][:80]}"
                for p in step.get("parameters", [])
                if OBJECT_DUMP.search(p["value"])
            )
            walk(step.get("steps", []))

    for path in results.glob("*-result.json"):
        walk(json.loads(path.read_text(encoding="utf-8")).get("steps", []))
    return found


def test_no_planted_secret_reaches_any_evidence_file(tmp_path: Path) -> None:
    values = planted()
    results, read_back = run_slice(tmp_path, values, redaction=True)
    outputs = Outputs(
        report_dir=tmp_path / "allure-report",
        compliance_dir=tmp_path / "compliance",
        history=tmp_path / "history" / "history.jsonl",
    )
    build([results], outputs)
    index = outputs.report_dir / "index.html"
    assert index.stat().st_size > 100_000, "the single-file report was built"
    assert b"Playwright trace" in b"".join(d for _, d in blobs("index", index.read_bytes())), (
        "the search reads the report's embedded data"
    )
    values |= read_back
    folders = [results, outputs.report_dir, outputs.compliance_dir]
    assert leaks(folders, values) == []
    assert object_dumps(results) == [], "step parameters show values, not objects"


def test_the_search_finds_them_when_redaction_is_off(tmp_path: Path) -> None:
    values = planted()
    results, read_back = run_slice(tmp_path, values, redaction=False)
    found = leaks([results], values | read_back)
    kinds = {f.split(" in ")[0].rstrip(" 0123456789") for f in found}
    # the typed password and the cookies in the trace, the id_token in its network log, a
    # payment's signed message in a step's parameters (the transaction fixture)
    assert {"citizen password", "session cookie", "a JWT", "a MaXacThuc"} <= kinds, found
    assert object_dumps(results), "allure's own parameters dump the fixtures (People, Page…)"


def test_pytest_playwright_tracing_output_is_redacted_too(tmp_path: Path) -> None:
    """``--tracing on`` (pytest-playwright's own): the traces under ``--output`` are
    redacted as each test ends. Two scenarios in which a citizen types their password (each
    trace is redacted with its own scenario's secrets)."""
    output, probe = tmp_path / "test-results", tmp_path / "probe.json"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "features/test_checklist.py", "-q",
         "-k", "công_dân_đăng_nhập_và_thấy_thông_tin_định_danh_của_mình"
               " or mở_lại_đường_dẫn_trả_về_của_một_lần",
         "--tracing", "on", "--output", str(output), "-p", "tests.suite.secret_probe"],
        cwd=ROOT, env={**os.environ, "DVC_SECRET_PROBE_FILE": str(probe)},
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, (done.stdout + done.stderr)[-3000:]
    traces = list(output.rglob("trace*.zip"))
    assert len(traces) == 2, f"pytest-playwright's traces under {output}: {traces}"
    read_back = json.loads(probe.read_text(encoding="utf-8"))
    values = {f"secret {i}": v for i, v in enumerate(read_back["cookies"] + read_back["secrets"])}
    assert len(read_back["secrets"]) == 5, "three officers' passwords and two citizens'"
    assert leaks([output], values) == []
