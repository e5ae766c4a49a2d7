"""The declared dependencies (pyproject.toml) match what the code imports, folder by folder;
requirements.lock pins exactly what they need, with hashes; package.json's ``engines``
says the Node.js that the locked npm packages need, and the README says the same.
Reads files and the installed packages' metadata: installs nothing, no network."""

from __future__ import annotations

import ast
import fnmatch
import functools
import json
import re
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path

import playwright
import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement

from scripts import uv_env

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
LOCK = ROOT / "requirements.lock"

# Which groups the code of each folder may import from (each group adds to the ones before).
AREAS: dict[str, tuple[str, ...]] = {
    "runtime": ("portal", "mocks"),
    "suite": ("features", "steps", "pages", "fixtures", "reports", "scripts", "benchmarks",
              "conftest.py"),
    "dev": ("tests",),
}  # fmt: skip
ORDER = ("runtime", "suite", "dev", "setup")

# Declared, used, not imported: the package and a text in the code that shows it is used.
USED_WITHOUT_IMPORT = {
    "python-multipart": "await request.form()",  # FastAPI parses form posts with it
    "allure-pytest-bdd": "--alluredir",  # the Makefile's e2e runs write Allure results
    "ruff": "bin/ruff check",  # make lint
    "mypy": "bin/mypy",  # make lint
    "pytest-xdist": '"-n"',  # scripts/bench.py and scripts/selfcheck.py run with -n 2
    "pytest-repeat": '"--count"',  # scripts/bench.py: the flow scenario alone, N times
    "pytest-timeout": "pytest.mark.timeout(",  # a time limit per scenario
    "uv": '/bin/uv" pip sync',  # scripts/setup.sh installs the lock with it
}


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def groups() -> dict[str, set[str]]:
    """Declared distribution names per group, include-group resolved."""
    raw = PYPROJECT["dependency-groups"]

    def names(entries: Iterable[str | dict[str, str]]) -> set[str]:
        out: set[str] = set()
        for entry in entries:
            if isinstance(entry, dict):
                out |= names(raw[entry["include-group"]])
            else:
                out.add(canonical(Requirement(entry).name))
        return out

    declared = {"runtime": names(PYPROJECT["project"]["dependencies"])}
    declared |= {group: names(entries) for group, entries in raw.items()}
    return declared


def python_files(area: str) -> list[Path]:
    path = ROOT / area
    return [path] if path.is_file() else sorted(path.rglob("*.py"))


def imports(path: Path) -> set[str]:
    """Top-level names of the absolute imports of one file (``import a.b`` gives ``a``)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.partition(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module.partition(".")[0])
    return found


LOCAL = {p.stem for p in ROOT.iterdir() if not p.name.startswith(".")}


@functools.cache
def third_party_imports() -> dict[str, dict[str, set[str]]]:
    """{area group: {import name: files}} for every import that is neither ours nor stdlib."""
    out: dict[str, dict[str, set[str]]] = {group: {} for group in AREAS}
    for group, areas in AREAS.items():
        for area in areas:
            for path in python_files(area):
                for name in imports(path) - LOCAL - set(sys.stdlib_module_names):
                    out[group].setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return out


@functools.cache
def import_names() -> Mapping[str, list[str]]:
    return metadata.packages_distributions()


def distributions_of(name: str) -> set[str]:
    return {canonical(d) for d in import_names().get(name, [])}


def test_every_package_the_code_imports_is_declared_in_the_group_of_its_folder() -> None:
    declared = groups()
    problems = []
    for group, found in third_party_imports().items():
        allowed = set().union(*(declared[g] for g in ORDER[: ORDER.index(group) + 1]))
        for name, files in sorted(found.items()):
            dists = distributions_of(name)
            where = ", ".join(sorted(files)[:2])
            if not dists:
                problems.append(f"{where}: `import {name}`: no installed package gives it")
            elif not dists & allowed:
                problems.append(
                    f"{where}: `import {name}` ({', '.join(sorted(dists))}) is not declared "
                    f"in the {group} group of pyproject.toml or one before it"
                )
    assert not problems, "\n".join(problems)


def test_every_declared_package_is_used() -> None:
    imported = set()
    for found in third_party_imports().values():
        for name in found:
            imported |= distributions_of(name)
    code = "\n".join(
        p.read_text(encoding="utf-8")
        for area in (
            *(a for areas in AREAS.values() for a in areas),
            "scripts/setup.sh",
            "Makefile",
        )
        for p in python_files(area)
        if p != Path(__file__).resolve()
    )
    unused = []
    for name in sorted(set().union(*groups().values()) - imported):
        needle = USED_WITHOUT_IMPORT.get(name)
        if needle is None or needle not in code:
            unused.append(f"{name} is declared but no code imports it" + (
                f" nor holds {needle!r}" if needle else ""
            ))  # fmt: skip
    assert not unused, "\n".join(unused)


def applies(marker: str) -> bool:
    """Whether a lock entry's environment marker holds on this machine."""
    return not marker or Marker(marker).evaluate()


def lock_entries() -> dict[str, tuple[str, str, list[str]]]:
    """{name: (version, marker, hashes)} from requirements.lock."""
    text = LOCK.read_text(encoding="utf-8").replace("\\\n", " ")
    entries: dict[str, tuple[str, str, list[str]]] = {}
    for line in text.splitlines():
        line = line.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        hashes = re.findall(r"--hash=sha256:([0-9a-f]{64})", line)
        spec = re.sub(r"--hash=\S+", "", line).strip()
        requirement = Requirement(spec)
        pins = [s.version for s in requirement.specifier if s.operator == "=="]
        assert len(pins) == 1 and len(requirement.specifier) == 1, f"not pinned with ==: {spec}"
        name = canonical(requirement.name)
        assert name not in entries, f"{name} twice in requirements.lock"
        entries[name] = (pins[0], str(requirement.marker or ""), hashes)
    return entries


def test_the_lock_pins_every_package_with_its_hashes() -> None:
    entries = lock_entries()
    assert len(entries) > 50, "requirements.lock looks empty"
    unhashed = sorted(name for name, (_, _, hashes) in entries.items() if not hashes)
    assert not unhashed, f"no --hash in requirements.lock for: {', '.join(unhashed)}"


def needed(declared: set[str]) -> set[str]:
    """The declared packages and everything they require on this machine, from the installed
    packages' metadata (markers evaluated, extras followed)."""
    seen: set[tuple[str, str]] = set()
    todo = [(name, "") for name in declared]
    while todo:
        name, extra = todo.pop()
        if (name, extra) in seen:
            continue
        seen.add((name, extra))
        try:
            requires = metadata.distribution(name).requires or []
        except metadata.PackageNotFoundError:
            pytest.fail(f"{name} is not installed: run make setup")
        for text in requires:
            requirement = Requirement(text)
            marker = requirement.marker
            if marker is None or marker.evaluate({"extra": extra}):
                todo.append((canonical(requirement.name), ""))
                todo += [(canonical(requirement.name), e) for e in requirement.extras]
    return {name for name, _ in seen}


def test_the_lock_holds_what_the_declared_packages_need_and_nothing_else() -> None:
    locked = {name for name, (_, marker, _) in lock_entries().items() if applies(marker)}
    want = needed(set().union(*groups().values()))
    assert not locked - want, (
        f"in requirements.lock, needed by nothing declared: {sorted(locked - want)}"
    )
    assert not want - locked, f"needed, not in requirements.lock: {sorted(want - locked)}"


def test_the_installed_packages_are_the_locked_versions() -> None:
    wrong = []
    for name, (version, marker, _) in lock_entries().items():
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            installed = None
        if installed != version and applies(marker):
            wrong.append(f"{name} {installed or 'missing'} (lock: {version})")
    assert not wrong, "run make setup: " + ", ".join(wrong)


# Node.js: versions around every bound that the locked npm packages have.
NODE_PROBES = ["18.20.4", "20.0.0", "20.18.3", "20.19.0", "20.20.2", "21.7.3", "22.0.0",
               "22.12.0", "24.11.1"]  # fmt: skip


@functools.cache
def npm_semver() -> str:
    """npm's own semver module (npm is needed anyway: make setup runs npm ci)."""
    npm = shutil.which("npm")
    assert npm, "npm not found: install Node.js (README, Requirements)"
    semver = next(
        (p / "node_modules" / "semver" for p in Path(npm).resolve().parents
         if (p / "node_modules" / "semver" / "package.json").is_file()),
        None,
    )  # fmt: skip
    assert semver, f"npm's own semver module not found beside {npm}"
    return str(semver)


def satisfies(ranges: list[str]) -> list[list[bool]]:
    """For each probe version, whether it is in each npm range, by npm's own semver."""
    semver = npm_semver()
    script = (
        f"const s = require({json.dumps(semver)});"
        f"const ranges = {json.dumps(ranges)};"
        f"console.log(JSON.stringify({json.dumps(NODE_PROBES)}.map("
        "v => ranges.map(r => s.satisfies(v, r)))))"
    )
    out = subprocess.run(["node", "-e", script], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_package_json_engines_is_what_the_locked_npm_packages_need() -> None:
    engines = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["engines"]["node"]
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    ranges = sorted(
        {
            p["engines"]["node"]
            for n, p in lock["packages"].items()
            if n and "node" in p.get("engines", {})
        }
    )
    for probe, (ours, *theirs) in zip(NODE_PROBES, satisfies([engines, *ranges]), strict=True):
        refused = [r for r, ok in zip(ranges, theirs, strict=True) if not ok]
        assert ours == all(theirs), (
            f"Node.js {probe}: package.json engines {engines!r} says {ours}, "
            f"the locked packages say {all(theirs)} ({refused})"
        )


def test_the_readme_names_the_lowest_node_that_engines_allows() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    requirements = readme.split("## Requirements", 1)[1].split("\n## ", 1)[0]
    named = re.findall(r"Node\.js (\d+(?:\.\d+)?)\+", requirements)
    assert named, "README, Requirements: no 'Node.js X.Y+'"
    engines = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["engines"]["node"]
    allowed = dict(zip(NODE_PROBES, (ok for [ok] in satisfies([engines])), strict=True))
    lowest = next(v for v in NODE_PROBES if allowed[v])
    assert {".".join(lowest.split(".")[:2])} == set(named), (
        f"README says Node.js {named}, package.json engines {engines!r} starts at {lowest}"
    )


# The CI examples install what the lock needs and run the browser on a headless shell.
GITHUB = ROOT / "ci-examples" / "github-actions.yml"
GITLAB = ROOT / "ci-examples" / "gitlab-ci.yml"
# Node.js in Debian's releases (packages.debian.org), for the GitLab example's image.
DEBIAN_NODE = {"bookworm": "18.20.4", "trixie": "20.19.2"}
BROWSER_COMMANDS = ("make unit", "pytest features", "scripts.serve")


def playwright_headless_shell() -> str:
    """Where the locked Playwright puts its headless shell on Linux x64, relative to its
    browsers folder: from `playwright install --dry-run` and the driver's path table."""
    out = subprocess.run(
        [sys.executable, "-m", "playwright", "install", "--dry-run", "--only-shell", "chromium"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    location = re.search(r"Install location:\s*(\S+)", out)
    assert location, f"playwright install --dry-run said: {out}"
    folder = Path(location[1]).name
    bundle = Path(playwright.__file__ or "").parent / "driver/package/lib"
    table = re.search(
        r'"chromium-headless-shell": \{[^}]*"linux-x64": \["([^"]+)", "([^"]+)"\]',
        (bundle / "coreBundle.js").read_text(encoding="utf-8"),
    )
    assert table, "Playwright's path table for the headless shell moved: check ci-examples"
    return f"{folder}/{table[1]}/{table[2]}"


def test_the_github_example_runs_the_browser_on_playwrights_headless_shell() -> None:
    text = GITHUB.read_text(encoding="utf-8")
    globs = re.findall(r"ms-playwright/(\S+?)\)", text)
    assert len(globs) == 1, "one step installs the headless shell (a YAML anchor reuses it)"
    assert fnmatch.fnmatch(playwright_headless_shell(), globs[0]), (
        f"{globs[0]} does not match {playwright_headless_shell()}"
    )
    assert 'DVC_CHROMIUM=$shell" >> "$GITHUB_ENV"' in text
    jobs = re.split(r"\n  (?=[\w-]+:\n)", text.split("\njobs:\n", 1)[1])
    for job in jobs:
        job = "\n".join(line for line in job.splitlines() if not line.lstrip().startswith("#"))
        uses = [c for c in BROWSER_COMMANDS if c in job]
        if uses:
            steps = [job.find(s) for s in ("&headless-shell", "*headless-shell") if s in job]
            assert steps and min(steps) < min(job.find(c) for c in uses), (
                f"job {job.split(':')[0]!r} runs {uses} without the headless shell step first"
            )


def test_the_gitlab_example_image_has_a_node_that_engines_allows() -> None:
    image = re.search(r"^image: python:[\d.]+-(\w+)$", GITLAB.read_text(encoding="utf-8"), re.M)
    assert image, "ci-examples/gitlab-ci.yml: no python:X-DEBIAN image"
    node = DEBIAN_NODE[image[1]]
    engines = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["engines"]["node"]
    assert subprocess.run(
        ["node", "-e", f"process.exit(require({json.dumps(npm_semver())}).satisfies("
         f"{json.dumps(node)}, {json.dumps(engines)}) ? 0 : 1)"],
    ).returncode == 0, f"Debian {image[1]} has Node.js {node}: package.json needs {engines}"  # fmt: skip


def test_uv_takes_pips_index_and_certificate_unless_told_otherwise(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    conf = tmp_path / "pip.conf"
    conf.write_text("[global]\nindex-url = https://mirror.invalid/simple\ncert = /etc/co.pem\n")
    monkeypatch.setenv("PIP_CONFIG_FILE", str(conf))
    monkeypatch.delenv("PIP_CERT", raising=False)
    monkeypatch.delenv("PIP_INDEX_URL", raising=False)
    assert uv_env.uv_env(uv_env.pip_settings(), {}) == [
        "UV_DEFAULT_INDEX=https://mirror.invalid/simple",
        "SSL_CERT_FILE=/etc/co.pem",
    ]
    monkeypatch.setenv("PIP_INDEX_URL", "https://other.invalid/simple")  # pip's env wins
    assert (
        uv_env.uv_env(uv_env.pip_settings(), {})[0]
        == "UV_DEFAULT_INDEX=https://other.invalid/simple"
    )
    told = {"UV_DEFAULT_INDEX": "https://uv.invalid/simple", "SSL_CERT_FILE": "/uv.pem"}
    assert uv_env.uv_env(uv_env.pip_settings(), told) == []
