"""docs/worked-example.md, done as it is written: from an empty folder outside the
repository, the files are taken from the page's code blocks (so page and test cannot drift
apart), "their" portal is the reference portal and mocks started on their own
(``python -m scripts.serve``, as ``make serve`` does, on free ports), and the page's
command runs; its outcome must be the one the page shows."""

from __future__ import annotations

import os
import re
import secrets
import shlex
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from fixtures.control import HEADER
from fixtures.polling import poll
from fixtures.servers import free_port
from fixtures.target import Target, load_target
from mocks.payment.store import CHANNELS
from reports.compliance import build_summary
from reports.results import read_results
from tests.suite.serving import serving

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "worked-example.md"
FOLDER = "cong-dvc-tinh-mau"
# The ports the page's profile names (those of ``make serve``), by what listens there.
PAGE_PORTS = {"portal": 8000, "sso": 8101, "payment": 8102, "national_portal": 8103}
BLOCK = re.compile(r"<!-- (file: \S+|run|procedures|outcome) -->\n```[a-z]*\n(.*?)```", re.S)


def blocks() -> dict[str, str]:
    """The page's marked code blocks: ``file: PATH`` (a file of the folder), ``run``,
    ``procedures``, ``outcome``."""
    found = {mark: text for mark, text in BLOCK.findall(DOC.read_text(encoding="utf-8"))}
    assert {"run", "procedures", "outcome"} <= set(found), sorted(found)
    return found


def run_block(text: str) -> tuple[dict[str, str], list[str]]:
    """The ``export NAME='VALUE'`` lines and the pytest command of the page's run block."""
    env, command = {}, []
    for line in text.replace("\\\n", " ").splitlines():
        words = shlex.split(line)
        if words[:1] == ["export"]:
            name, _, value = words[1].partition("=")
            env[name] = value
        elif words:
            command = words
    assert command[:2] == [".venv/bin/pytest", "features"], command
    return env, command


@dataclass(frozen=True)
class Served:
    urls: dict[str, str]  # "portal", "sso", "payment", "national_portal"
    env: dict[str, str]  # the page's exports, and the control token of this run


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """The portal and the mocks on free ports (``scripts.serve``); yields their URLs and
    the environment the page's exports make (the control token is this run's own)."""
    exports, _ = run_block(blocks()["run"])
    env = {
        **os.environ,
        **exports,
        "DVC_CONTROL_TOKEN": secrets.token_urlsafe(24),
        # the national portal's password the page exports is the one the stack starts with
        "DVC_STACK_NATIONAL_PASSWORD": exports["DVCQG_MAT_KHAU"],
    }
    with serving(tmp_path_factory.mktemp("served"), env) as written:
        target = load_target(str(written))
        yield Served({"portal": target.portal_url, **target.mocks}, env)


def build_folder(root: Path, urls: dict[str, str]) -> Path:
    """The vendor's folder, from an empty one, as the page's steps 1-4 say."""
    folder = root / FOLDER
    assert not folder.exists()
    for mark, text in blocks().items():
        if mark.startswith("file: "):
            path = folder / mark.removeprefix("file: ")
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    copy = blocks()["procedures"]
    assert f"cp procedures/*.toml {FOLDER}/thu_tuc/" in copy, copy
    (folder / "thu_tuc").mkdir()
    for procedure in sorted((ROOT / "procedures").glob("*.toml")):
        shutil.copy(procedure, folder / "thu_tuc")
    profile = folder / "staging.toml"
    text = profile.read_text(encoding="utf-8")
    for name, port in PAGE_PORTS.items():  # the page's fixed ports → this run's free ones
        text = text.replace(f"http://127.0.0.1:{port}", urls[name])
    profile.write_text(text, encoding="utf-8")
    return profile


def load_target_with(profile: Path, env: dict[str, str]) -> Target:
    """The profile as the suite reads it, with the run's environment (passwords)."""
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        return load_target(str(profile))
    finally:
        os.environ.clear()
        os.environ.update(saved)


def test_the_worked_example_runs_from_an_empty_folder(served: Served, tmp_path: Path) -> None:
    env = served.env
    profile = build_folder(tmp_path, served.urls)
    target = load_target_with(profile, env)
    assert target.procedures_dir == profile.parent / "thu_tuc", target.procedures_dir
    _, command = run_block(blocks()["run"])
    command = [str(profile) if word == f"{FOLDER}/staging.toml" else word for word in command]
    assert str(profile) in command, command
    results = tmp_path / "results"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", *command[1:], "--alluredir", str(results),
         "-p", "no:cacheprovider"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    out = done.stdout + done.stderr
    assert done.returncode == 0, out[-4000:]

    # the outcome the page shows: the counts, and each skip with its reason
    outcome = blocks()["outcome"].strip().splitlines()
    summary = re.search(r"=+ (.*) in [\d.]+s", out)
    assert summary, out[-3000:]
    counts = re.sub(r", \d+ deselected", "", summary.group(1))  # the suite grows
    assert counts == outcome[-1], (counts, outcome[-1])
    for line in outcome[:-1]:
        reason = line.split("...: ", 1)[1]
        assert re.search(rf"SKIPPED \[1\] \S+: {re.escape(reason)}", out), (line, out[-3000:])

    # the compliance summary: the skipped ones are "Chưa kiểm thử" with their reason, and
    # the payment item (one of its scenarios did not run) is not "Đạt"
    summary = build_summary(
        read_results([results]), out_dir=tmp_path / "compliance", report_index=None
    )
    untested = {entry["reason"] for entry in summary["untested"]}
    assert untested == {line.split("...: ", 1)[1] for line in outcome[:-1]}, untested
    payment = next(cell for cell in summary["items"].values() if "thanh toán" in cell["name"])
    assert payment["verdict"] == "Chưa kiểm thử", payment

    # the national portal's record was read back through its look-up, not our control API
    attachments = "".join(
        path.read_text(encoding="utf-8") for path in results.glob("*-result.json")
    )
    assert "Cổng DVCQG (tra cứu): hồ sơ" in attachments, "no record was read back"
    # no password of the page's exports (nor the control token) in any evidence file
    exported, _ = run_block(blocks()["run"])
    given = {**exported, "DVC_CONTROL_TOKEN": env["DVC_CONTROL_TOKEN"]}
    for path in results.iterdir():
        text = path.read_bytes().decode("utf-8", errors="replace")
        leaked = [name for name, value in given.items() if value in text]
        assert not leaked, (path.name, leaked)
    # every payment went through the sandbox's page with the profile's test channel
    # (the scenario names "Ví điện tử"), and one was paid
    answer = httpx.get(
        f"{served.urls['payment']}/_control/transactions",
        headers={HEADER: env["DVC_CONTROL_TOKEN"]},
    )
    paid = [
        CHANNELS[t["KenhThanhToan"]] for t in answer.json()["transactions"] if t["KenhThanhToan"]
    ]
    assert paid and set(paid) == {"Thẻ ATM nội địa"}, paid


def test_the_vendor_starts_only_the_mocks_its_profile_names(tmp_path: Path) -> None:
    """``python -m scripts.serve --profile staging.toml --mocks-only``: with the payment
    platform and the national portal external, only our SSO mock starts, where [mocks]
    says."""
    profile = build_folder(tmp_path, {name: "http://127.0.0.1:8000" for name in PAGE_PORTS})
    port = free_port()
    text = profile.read_text(encoding="utf-8")
    profile.write_text(
        text.replace('sso = "http://127.0.0.1:8000"', f'sso = "http://127.0.0.1:{port}"'),
        encoding="utf-8",
    )
    env = {**os.environ, "DVC_CONTROL_TOKEN": secrets.token_urlsafe(24)}
    log_path = tmp_path / "serve.log"
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "scripts.serve", "--profile", str(profile), "--mocks-only",
             "--workdir", str(tmp_path / "serve")],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            poll(  # the banner is printed once every mock it starts answers
                lambda: "Ctrl-C" in log_path.read_text(encoding="utf-8") or process.poll(),
                what="scripts.serve --mocks-only to start the mocks",
                timeout_s=30,
            )
            health = answer(f"http://127.0.0.1:{port}/health")
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=20)
    banner = log_path.read_text(encoding="utf-8")
    assert health and health["service"] == "sso", (health, banner)
    assert "Định danh (SSO):" in banner, banner
    assert "Thanh toán:" not in banner and "Cổng DVCQG:" not in banner, banner


def answer(url: str) -> dict[str, str] | None:
    try:
        found = httpx.get(url, timeout=1.0)
    except httpx.HTTPError:
        return None
    return found.json() if found.status_code == 200 else None
