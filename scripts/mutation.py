"""``make mutation``: how many small bugs in the portal's code does the e2e suite catch?

Mutation testing with Cosmic Ray (docs/mutation.md). Cosmic Ray lists every mutant of the
portal's own code — ``portal/services``, ``portal/routes``, ``portal/integration``, less the
test-mode routes and fixtures and less the seeded-defect branches (``if defects.active``) —
into its session database; a random sample of ``--n`` of them (``--seed``) is run. Each
mutant is applied by Cosmic Ray to a file of a private copy of the working tree (one copy
per job, the venv and node_modules linked; the worktree itself is never touched), and the
e2e scenarios that concern the mutated file (``SELECTIONS``: tags and feature files, as
``make selfcheck`` selects them) run there with ``-x``: the suite starts the portal from
the copy, so it runs the mutant. A scenario turning red kills the mutant; all green is a
survivor; no verdict within the time limit is a timeout (counted as killed).

Before the mutants, each selection runs once against the unmutated copy (the baseline):
scenarios that do not pass there are deselected from the mutant runs, and the time limit
of a mutant run is ``--timeout-factor`` times the baseline's time (at least
``--min-timeout``).

Survivors listed in docs/mutation-equivalent.md (by their id, with a reason) are set apart
as equivalent. Writes ``reports/mutation.json`` and ``reports/mutation.md``, prints the
table; exit 0 when the kill rate (killed + timeout over the sample less equivalent and
errored mutants) reaches ``--min-kill-rate`` (default 0.8), else 1; 2 on bad input.
"""

from __future__ import annotations

import argparse
import ast
import contextlib
import difflib
import hashlib
import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scripts.selfcheck import marker_expression

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "reports"  # mutation.json, mutation.md
WORK = ROOT / "reports" / "test-results" / "mutation"  # session db, each run's log
EQUIVALENT_LIST = ROOT / "docs" / "mutation-equivalent.md"
CHECKLIST = "features/test_checklist.py"
CHECKLIST_TAGS = ["sso", "submission", "payment", "processing", "sync", "e_result"]

# what is mutated: the portal's own services, routes and integrations
SCOPE = ("portal/services", "portal/routes", "portal/integration")
# ... less the test-mode API (not part of the product) and what only it uses
EXCLUDED = {"portal/routes/testing.py", "portal/services/fixtures.py"}

# which scenarios judge a mutant of a file: selectors as in make selfcheck
# ({"tags": [...], "where": [feature file[::scenario name prefix], ...]}, no where: all
# features with the tags); a file not listed is judged by the whole checklist
SELECTIONS: dict[str, list[dict[str, Any]]] = {
    "portal/services/calendar.py": [
        {
            "tags": ["submission"],
            "where": [
                "02_nop_ho_so/tiep_nhan.feature",
                # the due date on the receipt, against the working-day rule (every procedure)
                "02_nop_ho_so/nop_ho_so.feature::Công dân nộp hồ sơ của thủ tục và nhận giấy tiếp nhận",
            ],
        },
        {"tags": ["processing"], "where": ["04_xu_ly_va_dong_bo/thoi_han_xu_ly.feature"]},
    ],
    "portal/services/identity_claims.py": [{"tags": ["sso", "submission"]}],
    "portal/services/dossiers.py": [
        {"tags": ["submission", "processing"]},
        # "Hồ sơ của tôi" lists only one's own dossiers: seen with several citizens at once
        {"tags": ["reliability"], "where": ["07_do_tin_cay/nop_ho_so_dong_thoi.feature"]},
        # another citizen's draft: neither opened nor written into (owned_draft)
        {
            "tags": ["security"],
            "where": [
                "06_an_toan_thong_tin/ho_so_cua_nguoi_khac.feature::"
                "Công dân khác không mở được và không ghi được vào hồ sơ nháp"
            ],
        },
    ],
    "portal/services/forms.py": [{"tags": ["submission"]}],
    "portal/services/validation.py": [{"tags": ["submission"]}],
    "portal/services/uploads.py": [{"tags": ["submission", "security"]}],
    "portal/services/payments.py": [{"tags": ["payment"]}],
    "portal/services/processing.py": [{"tags": ["processing", "sync"]}],
    "portal/services/workflow.py": [{"tags": ["processing", "sync"]}],
    "portal/services/officers.py": [{"tags": ["processing"]}],
    "portal/services/throttle.py": [
        {
            "tags": ["security"],
            "where": ["06_an_toan_thong_tin/dang_nhap_can_bo_sai_nhieu_lan.feature"],
        }
    ],
    "portal/services/results.py": [{"tags": ["e_result"]}],
    "portal/services/sync.py": [{"tags": ["sync"]}],
    "portal/routes/auth.py": [{"tags": ["sso"]}],
    "portal/routes/catalogue.py": [{"tags": ["submission"]}],
    "portal/routes/dossiers.py": [
        {"tags": ["submission", "security"]},
        {"tags": ["reliability"], "where": ["07_do_tin_cay/nop_ho_so_dong_thoi.feature"]},
    ],
    "portal/routes/submission.py": [
        {"tags": ["submission"]},
        # the same form arriving twice makes one dossier (the submission key)
        {
            "tags": ["reliability"],
            "where": ["07_do_tin_cay/trinh_duyet_nhu_nguoi_dung.feature::Tờ khai đến cổng hai lần"],
        },
    ],
    "portal/routes/uploading.py": [{"tags": ["submission"]}],
    "portal/routes/payment.py": [{"tags": ["payment"]}],
    "portal/routes/officer.py": [
        {"tags": ["processing", "sync"]},
        # sign-in and its throttling: HTTP 401 / 429, Retry-After and the "N phút" told
        {
            "tags": ["security"],
            "where": [
                "06_an_toan_thong_tin/dang_nhap_can_bo_sai_nhieu_lan.feature",
                # an action the back office does not have: HTTP 404
                "06_an_toan_thong_tin/phan_quyen_theo_trang_thai.feature"
                "::Cán bộ gửi thẳng đến cổng một thao tác không có",
            ],
        },
    ],
    "portal/routes/verify.py": [{"tags": ["e_result"]}],
    "portal/integration/e_result.py": [{"tags": ["e_result"]}],
    "portal/integration/e_result_pki.py": [
        {"tags": ["e_result"]},
        # the CA kept across starts: seen only when the portal restarts
        {
            "tags": ["reliability"],
            "where": ["07_do_tin_cay/ket_qua_sau_khi_khoi_dong_lai.feature"],
        },
    ],
    "portal/integration/national.py": [{"tags": ["sync"]}],
    "portal/integration/outbox.py": [{"tags": ["sync"]}],
    "portal/integration/outbox_table.py": [{"tags": ["sync"]}],
    "portal/integration/outbox_worker.py": [
        {"tags": ["sync"]},
        # a stop waits for the message in flight: seen across an orderly restart
        {
            "tags": ["reliability"],
            "where": ["07_do_tin_cay/cong_dvcqg_gian_doan.feature::Cổng được tắt để bảo trì"],
        },
    ],
    "portal/integration/timefmt.py": [{"tags": ["sync"]}],
    "portal/integration/payment.py": [{"tags": ["payment"]}],
    "portal/integration/payment_checksum.py": [{"tags": ["payment"]}],
    "portal/integration/payment_recovery.py": [{"tags": ["payment"]}],
}
# the copy of the working tree a job runs in: what it needs, not caches nor evidence
COPY_IGNORED = shutil.ignore_patterns(
    ".git", ".venv", "node_modules", "__pycache__", ".mypy_cache", ".ruff_cache",
    ".pytest_cache", "allure-results*", "allure-report", "test-results", "compliance",
    "history", "var",
)  # fmt: skip
LINKED = (".venv", "node_modules")


class MutationError(Exception):
    """Bad input (unknown file, operator or occurrence): one line, exit 2."""


# --- the mutants ---------------------------------------------------------------------------


@dataclass
class Mutant:
    """One mutation Cosmic Ray can make: ``operator``'s ``occurrence``-th place in ``file``."""

    job_id: str
    file: str  # relative to the root
    line: int
    operator: str
    occurrence: int
    diff: str = ""
    id: str = ""  # stable across line shifts: file, operator and the changed lines
    text: str = ""  # the mutated line as it is in the source, stripped (for the draw)

    @property
    def spec(self) -> str:
        return f"{self.file}:{self.operator}:{self.occurrence}"


def modules(root: Path = ROOT) -> list[str]:
    """The files mutated, relative to ``root``, in a stable order."""
    found = [
        path.relative_to(root).as_posix()
        for folder in SCOPE
        for path in sorted((root / folder).glob("*.py"))
        if path.name != "__init__.py"
    ]
    return [name for name in found if name not in EXCLUDED]


def _is_defects_active(node: ast.AST) -> bool:
    """``defects.active(...)`` itself."""
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "active"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "defects"
    )


def _is_not_defects_active(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.UnaryOp)
        and isinstance(node.op, ast.Not)
        and _is_defects_active(node.operand)
    )


def _false_unless_seeded(node: ast.AST) -> bool:
    """``defects.active(...)``, or an ``and`` with it among its operands: false in a healthy
    portal whatever the rest is."""
    if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And):
        return any(_is_defects_active(value) for value in node.values)
    return _is_defects_active(node)


def _true_unless_seeded(node: ast.AST) -> bool:
    """An ``or`` with ``not defects.active(...)`` among its operands: true in a healthy
    portal whatever the rest is."""
    return (
        isinstance(node, ast.BoolOp)
        and isinstance(node.op, ast.Or)
        and any(_is_not_defects_active(value) for value in node.values)
    )


def defect_lines(source: str) -> set[int]:
    """The lines only a seeded defect makes matter: an ``if``'s condition and body when the
    condition is false unless a defect is seeded (``if defects.active(...)``, ``if x and
    defects.active(...)``; its ``else`` is the healthy code), a conditional expression on
    ``defects.active``, an ``and``/``or`` whose value a ``defects.active`` operand fixes.
    ``if x and not defects.active(...)`` is healthy code and is mutated. These lines only
    differ with PORTAL_DEFECTS set, never in a mutant's run: their mutants are not tried."""
    lines: set[int] = set()

    def span(node: ast.AST) -> range:
        start = getattr(node, "lineno", 0)
        return range(start, (getattr(node, "end_lineno", None) or start) + 1)

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.If) and _false_unless_seeded(node.test):
            lines.update(range(node.lineno, span(node.body[-1]).stop))
        elif (isinstance(node, ast.IfExp) and _is_defects_active(node.test)) or (
            isinstance(node, ast.BoolOp)
            and (_false_unless_seeded(node) or _true_unless_seeded(node))
        ):
            lines.update(span(node))
    return lines


def operator(name: str) -> Any:
    import cosmic_ray.plugins

    try:
        return cosmic_ray.plugins.get_operator(name)()
    except KeyError:
        raise MutationError(f"unknown Cosmic Ray operator: {name}") from None


def mutate(source: str, mutant: Mutant) -> str:
    """The mutated source of ``mutant``'s file (Cosmic Ray applies it)."""
    from cosmic_ray.mutating import mutate_code

    mutated = mutate_code(source, operator(mutant.operator), mutant.occurrence)
    if mutated is None:
        raise MutationError(f"{mutant.spec}: Cosmic Ray makes no such mutation")
    return str(mutated)


def describe(mutant: Mutant, source: str, mutated: str) -> None:
    """Fill in ``mutant``'s diff and stable id."""
    diff = list(
        difflib.unified_diff(
            source.splitlines(), mutated.splitlines(), f"a/{mutant.file}", f"b/{mutant.file}",
            n=0, lineterm="",
        )
    )  # fmt: skip
    mutant.diff = "\n".join(diff)
    changed = [line[0] + line[1:].strip() for line in diff[2:] if line[:1] in "+-"]
    key = "|".join([mutant.file, mutant.operator, *changed])
    mutant.id = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]


def enumerate_mutants(files: Sequence[str], session: Path, root: Path = ROOT) -> list[Mutant]:
    """Every mutant Cosmic Ray makes of ``files`` (its ``init`` into the session database
    ``session``, all its operators), less those on the seeded-defect lines."""
    from cosmic_ray.commands.init import init
    from cosmic_ray.work_db import WorkDB, use_db

    session.parent.mkdir(parents=True, exist_ok=True)
    session.unlink(missing_ok=True)
    with use_db(str(session), WorkDB.Mode.create) as db:
        init([root / name for name in files], db, {})
        items = list(db.work_items)
    sources = {name: (root / name).read_text(encoding="utf-8") for name in files}
    skipped = {name: defect_lines(source) for name, source in sources.items()}
    lines = {name: source.splitlines() for name, source in sources.items()}
    mutants = []
    for item in items:
        spec = item.mutations[0]
        name = Path(spec.module_path).relative_to(root).as_posix()
        line = spec.start_pos[0]
        if line in skipped[name]:
            continue
        text = lines[name][line - 1].strip() if line <= len(lines[name]) else ""
        mutants.append(
            Mutant(item.job_id, name, line, spec.operator_name, spec.occurrence, text=text)
        )
    mutants.sort(key=lambda m: (m.file, m.operator, m.occurrence))
    return mutants


def sample(
    mutants: Sequence[Mutant], n: int, seed: int, valid: Callable[[Mutant], bool] = bool
) -> list[Mutant]:
    """``n`` mutants drawn at random with ``seed``: the first ``n`` ``valid`` ones in the
    order of ``draw_key``. The same mutants and seed give the same draw, and an edit to the
    portal changes the draw only where it adds or removes mutants."""
    order = sorted(mutants, key=lambda m: (m.file, m.operator, m.occurrence))
    rank: dict[tuple[str, str, str], int] = {}
    keyed = []
    for mutant in order:
        place = (mutant.file, mutant.operator, mutant.text)
        rank[place] = rank.get(place, -1) + 1
        keyed.append((draw_key(mutant, seed, rank[place]), mutant))
    chosen: list[Mutant] = []
    for _, mutant in sorted(keyed, key=lambda pair: pair[0]):
        if len(chosen) == n:
            break
        if valid(mutant):
            chosen.append(mutant)
    return sorted(chosen, key=lambda m: (m.file, m.line, m.operator, m.occurrence))


def draw_key(mutant: Mutant, seed: int, rank: int) -> str:
    """A mutant's place in the draw: a hash of the seed, its file, its operator, the text of
    its line and its rank among the same (file, operator, text) — not of line numbers nor
    of occurrences counted over the whole file, which any edit above it shifts."""
    key = f"{seed}|{mutant.file}|{mutant.operator}|{mutant.text}|{rank}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def why_not_drawn(mutant: Mutant, root: Path = ROOT) -> str | None:
    """Apply ``mutant`` (filling in its diff and id): why it is not worth a run, or None.

    - **not Python**: Cosmic Ray sometimes makes a mutant that is not (``def f(a, *, b)``
      with ``*`` turned into ``>>``); the portal would not even start, which tells nothing
      about the suite.
    - **an annotation only**: ``x: A | None`` turned into ``A + None``; in a module with
      ``from __future__ import annotations`` annotations are strings never evaluated, and a
      local variable's annotation never is: the code that runs is the same.
    - **a signature's ``*`` or ``/``**: the keyword-only marker of ``def f(a, *, b)`` taken
      for a multiplication and turned into ``/`` (positional-only): not an operator at all.
    """
    source = (root / mutant.file).read_text(encoding="utf-8")
    mutated = mutate(source, mutant)
    describe(mutant, source, mutated)
    try:
        with warnings.catch_warnings():  # `x is "a"`: the mutant's own business
            warnings.simplefilter("ignore", SyntaxWarning)
            compile(mutated, mutant.file, "exec")
            before, after = ast.parse(source), ast.parse(mutated)
    except SyntaxError:
        return "not Python"
    if _shape(before, annotations=False) == _shape(after, annotations=False):
        return "an annotation only (never evaluated)"
    if _shape(before, kinds=False) == _shape(after, kinds=False):
        return "a signature's `*` or `/` (not an operator)"
    return None


def is_python(mutant: Mutant, root: Path = ROOT) -> bool:
    """Is ``mutant`` worth drawing (see why_not_drawn)?"""
    return why_not_drawn(mutant, root) is None


class _Shape(ast.NodeTransformer):
    """What of a module runs: annotations that are never evaluated dropped (``annotations``
    false), parameter kinds forgotten (``kinds`` false)."""

    def __init__(self, *, lazy: bool, annotations: bool, kinds: bool) -> None:
        self.lazy, self.annotations, self.kinds = lazy, annotations, kinds
        self.depth = 0  # inside a function: a variable annotation is never evaluated there

    def _function(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> ast.AST:
        if not self.annotations and self.lazy:
            node.returns = None
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1
        return node

    visit_FunctionDef = _function
    visit_AsyncFunctionDef = _function

    def visit_arg(self, node: ast.arg) -> ast.AST:
        if not self.annotations and self.lazy:
            node.annotation = None
        return node

    def visit_AnnAssign(self, node: ast.AnnAssign) -> ast.AST:
        if not self.annotations and (self.lazy or self.depth):
            node.annotation = ast.Constant(None)
        self.generic_visit(node)
        return node

    def visit_arguments(self, node: ast.arguments) -> ast.AST:
        self.generic_visit(node)
        if not self.kinds:
            node.args = [*node.posonlyargs, *node.args, *node.kwonlyargs]
            node.posonlyargs, node.kwonlyargs = [], []
            node.defaults = [*node.defaults, *(d for d in node.kw_defaults if d is not None)]
            node.kw_defaults = []
        return node


def _lazy_annotations(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.ImportFrom)
        and node.module == "__future__"
        and any(alias.name == "annotations" for alias in node.names)
        for node in tree.body
    )


def _shape(tree: ast.Module, *, annotations: bool = True, kinds: bool = True) -> str:
    copy = ast.parse(ast.unparse(tree))
    lazy = _lazy_annotations(copy)
    shaped = _Shape(lazy=lazy, annotations=annotations, kinds=kinds).visit(copy)
    return ast.dump(shaped)


def parse_spec(text: str, files: Sequence[str]) -> Mutant:
    """``FILE:OPERATOR:OCCURRENCE`` (as ``--mutant`` takes it) as a Mutant."""
    try:
        name, op, occurrence = text.rsplit(":", 2)
        number = int(occurrence)
    except ValueError:
        raise MutationError(f"--mutant {text!r}: expected FILE:OPERATOR:OCCURRENCE") from None
    if name not in files:
        raise MutationError(f"--mutant {text!r}: {name} is not a mutated file")
    operator(op)
    return Mutant(job_id="", file=name, line=0, operator=op, occurrence=number)


def equivalents(path: Path = EQUIVALENT_LIST) -> dict[str, str]:
    """The mutants triaged as equivalent: ``{id: reason}`` from the list's table rows
    (``| `id` | file:line | operator | change | reason |``)."""
    if not path.exists():
        return {}
    found = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\|\s*`([0-9a-f]{8})`\s*\|", line)
        if match:
            cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
            found[match.group(1)] = cells[-1]
    return found


# --- the runs ------------------------------------------------------------------------------


def selection_of(file: str) -> tuple[str, list[dict[str, Any]]]:
    """(test path, selectors) judging a mutant of ``file``."""
    if file in SELECTIONS:
        return "features", SELECTIONS[file]
    return CHECKLIST, [{"tags": CHECKLIST_TAGS, "where": []}]


@dataclass
class Run:
    """One pytest run in a copy: what happened."""

    status: str  # passed (exit 0), failed (exit 1), timeout, error (anything else)
    exit_code: int
    seconds: float
    passed: list[str] = field(default_factory=list)  # node ids
    failed: list[str] = field(default_factory=list)  # scenario names
    not_passed: list[str] = field(default_factory=list)  # node ids
    log: str = ""


def run_scenarios(
    copy: Path,
    path: str,
    selectors: list[dict[str, Any]],
    label: str,
    timeout: float,
    deselect: Sequence[str] = (),
    stop_at_first: bool = True,
) -> Run:
    """The scenarios of ``selectors`` under ``path`` in ``copy`` (which the suite starts the
    portal from), stopping at the first red one; the log and outcomes go to WORK."""
    WORK.mkdir(parents=True, exist_ok=True)
    results, log = WORK / f"{label}.json", WORK / f"{label}.log"
    select = WORK / f"{label}.select.json"
    select.write_text(json.dumps(selectors, ensure_ascii=False), encoding="utf-8")
    results.unlink(missing_ok=True)
    command = [
        sys.executable, "-m", "pytest", path, "-m", marker_expression(selectors),
        "-p", "scripts.outcomes", "--outcomes-out", str(results),
        "-p", "scripts.selfcheck", "--selfcheck-select", str(select),
        "-p", "no:cacheprovider", "--basetemp", str(WORK / f"tmp-{label}"), "-q", "-rN",
        *(["-x"] if stop_at_first else []),
        *(arg for nodeid in deselect for arg in ("--deselect", nodeid)),
    ]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k != "PORTAL_DEFECTS"}
    started = time.monotonic()
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=copy, env=env, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,  # a time-out ends the whole group: portal, mocks, browser
        )  # fmt: skip
        RUNNING.add(process)
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait()
            code = -9
        finally:
            RUNNING.discard(process)
    seconds = round(time.monotonic() - started, 1)
    scenarios: dict[str, Any] = {}
    if results.exists():
        scenarios = json.loads(results.read_text(encoding="utf-8"))["scenarios"]
    status = {0: "passed", 1: "failed", -9: "timeout"}.get(code, "error")
    return Run(
        status=status,
        exit_code=code,
        seconds=seconds,
        passed=[n for n, s in scenarios.items() if s["outcome"] == "passed"],
        failed=[str(s["scenario"]) for s in scenarios.values() if s["outcome"] == "failed"],
        not_passed=[n for n, s in scenarios.items() if s["outcome"] != "passed"],
        log=str(log.relative_to(ROOT) if log.is_relative_to(ROOT) else log),
    )


# the pytest runs under way (each the leader of its own process group)
RUNNING: set[subprocess.Popen[bytes]] = set()


def stop_running() -> None:
    """Kill every run under way with its whole group (pytest, portal, mocks, Chromium)."""
    for process in list(RUNNING):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, 9)


def make_copy(root: Path, into: Path) -> Path:
    """A copy of the working tree (code, features, config; not caches nor evidence) with the
    venv and node_modules linked: a mutant is written there, never in the worktree."""
    copy = into / "tree"
    shutil.copytree(root, copy, ignore=COPY_IGNORED, symlinks=True)
    for name in LINKED:
        if (root / name).exists():
            (copy / name).symlink_to((root / name).resolve())
    return copy


def forget_bytecode(path: Path) -> None:
    """Drop the cached bytecode of ``path``: a mutant of the same size written in the same
    second as the original would otherwise be run from the original's .pyc, or the reverse."""
    for cached in (path.parent / "__pycache__").glob(f"{path.stem}.*.pyc"):
        cached.unlink(missing_ok=True)


@dataclass
class Verdict:
    mutant: Mutant
    outcome: str  # killed, survived, timeout, equivalent, error
    seconds: float
    killed_by: list[str] = field(default_factory=list)
    reason: str = ""
    log: str = ""


def judge(
    mutant: Mutant,
    copy: Path,
    baseline: Run | None,
    timeout: float,
    run: Callable[..., Run] = run_scenarios,
) -> Verdict:
    """Write the mutant into ``copy``, run its scenarios there, put the original back."""
    target = copy / mutant.file
    original = target.read_text(encoding="utf-8")
    mutated = mutate(original, mutant)
    path, selectors = selection_of(mutant.file)
    # what did not pass unmutated cannot judge the mutant
    deselect = baseline.not_passed if baseline is not None else []
    try:
        target.write_text(mutated, encoding="utf-8")
        forget_bytecode(target)
        result = run(copy, path, selectors, f"mutant-{mutant.id}", timeout, deselect)
        if result.status == "error":  # the stack or Chromium did not start: once more
            result = run(copy, path, selectors, f"mutant-{mutant.id}", timeout, deselect)
    finally:
        target.write_text(original, encoding="utf-8")
        forget_bytecode(target)
    outcome = {"failed": "killed", "passed": "survived"}.get(result.status, result.status)
    killed_by = result.failed[:3]
    crash = portal_crash(result)
    if outcome == "error" and crash:
        # the suite stopped at once because the mutant portal does not start: a caught bug
        # (the same copy started unmutated for the baseline); the stack's other failures
        # (a mock, the browser, a port) stay errors
        outcome, killed_by = "killed", [f"cổng không khởi động được: {crash}"]
    return Verdict(mutant, outcome, result.seconds, killed_by, log=result.log)


PORTAL_CRASH = re.compile(
    r"reference stack did not start: portal exited with code \d+:.*?(\w+Error: [^|!\n]*)"
)


def portal_crash(result: Run) -> str:
    """The error the mutant portal died of at start, from the suite's log ('' if it did not)."""
    log = ROOT / result.log if result.log else None
    if log is None or not log.is_file():
        return ""
    found = PORTAL_CRASH.findall(log.read_text(encoding="utf-8", errors="replace"))
    return found[-1].strip()[:200] if found else ""


# --- the report ----------------------------------------------------------------------------


def entry(v: Verdict) -> dict[str, Any]:
    m = v.mutant
    return {"id": m.id, "file": m.file, "line": m.line, "operator": m.operator,
            "occurrence": m.occurrence, "diff": m.diff}  # fmt: skip


def summary(
    verdicts: Sequence[Verdict], *, seed: int, jobs: int, seconds: float, total: int
) -> dict[str, Any]:
    """The report: ``{"sampled", "killed", "survived", "timeout", "equivalent", "kill_rate",
    "survivors": [{"file", "line", "operator", "diff"}], "duration_s"}`` + extras."""
    count = {o: sum(1 for v in verdicts if v.outcome == o) for o in
             ("killed", "survived", "timeout", "equivalent", "error")}  # fmt: skip
    judged = count["killed"] + count["timeout"] + count["survived"]
    return {
        "sampled": len(verdicts),
        **{k: count[k] for k in ("killed", "survived", "timeout", "equivalent")},
        "errors": count["error"],
        "kill_rate": round((count["killed"] + count["timeout"]) / judged, 3) if judged else None,
        "survivors": [entry(v) for v in verdicts if v.outcome == "survived"],
        "equivalents": [
            {**entry(v), "reason": v.reason} for v in verdicts if v.outcome == "equivalent"
        ],
        "mutants": [
            {
                **entry(v),
                "outcome": v.outcome,
                "killed_by": v.killed_by,
                "duration_s": v.seconds,
                "log": v.log,
            }
            for v in verdicts
        ],
        "population": total,
        "seed": seed,
        "jobs": jobs,
        "engine": "cosmic-ray",
        "duration_s": seconds,
    }


def rows(report: dict[str, Any]) -> Iterator[list[str]]:
    for number, m in enumerate(report["mutants"], 1):
        change = " / ".join(
            line[1:].strip() for line in m["diff"].splitlines()[2:] if line.startswith("+")
        )
        yield [
            str(number), m["id"], f"{m['file']}:{m['line']}", m["operator"].removeprefix("core/"),
            m["outcome"], f"{m['duration_s']:.0f}", "; ".join(m["killed_by"]) or change,
        ]  # fmt: skip


def markdown(report: dict[str, Any]) -> str:
    rate = report["kill_rate"]
    lines = [
        "# Kiểm thử đột biến (make mutation)",
        "",
        f"- Mẫu: {report['sampled']} đột biến / {report['population']} "
        f"(seed {report['seed']}, Cosmic Ray)",
        f"- Bị diệt: {report['killed']}, quá thời gian: {report['timeout']}, "
        f"sống sót: {report['survived']}, tương đương: {report['equivalent']}, "
        f"lỗi chạy: {report['errors']}",
        f"- Tỉ lệ diệt: **{'—' if rate is None else f'{rate:.0%}'}**",
        f"- Thời gian: {report['duration_s'] / 60:.1f} phút, {report['jobs']} lần chạy song song",
        "",
        "| # | id | vị trí | toán tử | kết quả | giây | kịch bản bắt được / thay đổi |",
        "|---|---|---|---|---|---|---|",
    ]
    lines += ["| " + " | ".join(c.replace("|", "\\|") for c in r) + " |" for r in rows(report)]
    return "\n".join(lines) + "\n"


def plain_table(report: dict[str, Any]) -> str:
    table = [["#", "id", "where", "operator", "outcome", "s", "killed by / change"], *rows(report)]
    widths = [max(len(r[i]) for r in table) for i in range(6)]
    return "\n".join(
        "  ".join(c.ljust(widths[i]) for i, c in enumerate(r[:6])) + "  " + r[6] for r in table
    )


# --- main ----------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.mutation", description=__doc__)
    parser.add_argument("--n", type=int, default=100, help="mutants drawn (default 100)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the draw (default 1)")
    parser.add_argument("--jobs", type=int, default=2, help="mutant runs at once (default 2)")
    parser.add_argument("--files", default="", help="comma-separated files only (default all)")
    parser.add_argument(
        "--mutant", action="append", default=[], metavar="FILE:OPERATOR:OCCURRENCE",
        help="run these mutants instead of a draw (repeatable)",
    )  # fmt: skip
    parser.add_argument("--no-baseline", action="store_true", help="skip the unmutated runs")
    parser.add_argument("--timeout-factor", type=float, default=3.0)
    parser.add_argument("--min-timeout", type=float, default=180.0, help="seconds (default 180)")
    parser.add_argument("--min-kill-rate", type=float, default=0.8)
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder (default {OUT})")
    args = parser.parse_args(argv)

    def interrupted(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupted)
    try:
        return run(args)
    except MutationError as error:
        print(f"mutation: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        stop_running()
        print("mutation: interrupted; every run it started is stopped", file=sys.stderr)
        return 130
    finally:
        signal.signal(signal.SIGTERM, previous)


def run(args: argparse.Namespace) -> int:
    if args.n < 1 or args.jobs < 1:
        raise MutationError("--n and --jobs must be at least 1")
    started = time.monotonic()
    every = modules()
    files = [f.strip() for f in args.files.split(",") if f.strip()] or every
    unknown = [f for f in files if f not in every]
    if unknown:
        raise MutationError(f"not a mutated file: {', '.join(unknown)} (see SCOPE, EXCLUDED)")
    # this run's own database (another run, e.g. a --mutant check meanwhile, makes its own);
    # it becomes session.sqlite at the end
    session = WORK / f"session-{os.getpid()}.sqlite"
    population = enumerate_mutants(files, session)
    not_drawn: list[tuple[Mutant, str]] = []

    def valid(mutant: Mutant) -> bool:
        reason = why_not_drawn(mutant)
        if reason is None:
            return True
        not_drawn.append((mutant, reason))
        return False

    if args.mutant:
        chosen = [parse_spec(text, every) for text in args.mutant]
        for mutant in chosen:
            if not valid(mutant):
                raise MutationError(f"--mutant {mutant.spec}: {not_drawn[-1][1]}")
            if not mutant.line:  # its first changed line
                hunk = re.search(r"^@@ -(\d+)", mutant.diff, re.M)
                mutant.line = int(hunk.group(1)) if hunk else 0
    else:
        chosen = sample(population, args.n, args.seed, valid)
    print(
        f"mutation: {len(population)} mutants of {len(files)} files (Cosmic Ray), "
        f"{len(chosen)} drawn with seed {args.seed} ({len(not_drawn)} drawn mutants that are "
        f"not Python, only an annotation or a signature's marker replaced), {args.jobs} at a "
        "time",
        flush=True,
    )
    known = equivalents()
    verdicts = execute(chosen, known, args)
    report = summary(
        verdicts, seed=args.seed, jobs=args.jobs, total=len(population),
        seconds=round(time.monotonic() - started, 1),
    )  # fmt: skip
    report["not_drawn"] = [
        {"id": m.id, "mutant": m.spec, "line": m.line, "reason": why} for m, why in not_drawn
    ]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "mutation.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    (args.out / "mutation.md").write_text(markdown(report), encoding="utf-8")
    record_in_session(session, verdicts)
    session.replace(WORK / "session.sqlite")
    print(plain_table(report))
    rate = report["kill_rate"]
    print(
        f"mutation: {report['killed']} killed, {report['timeout']} timeout, "
        f"{report['survived']} survived, {report['equivalent']} equivalent, "
        f"{report['errors']} errors of {report['sampled']}; kill rate "
        f"{'—' if rate is None else f'{rate:.0%}'} in {report['duration_s'] / 60:.1f} min; "
        f"report {args.out / 'mutation.json'}"
    )
    return 0 if good_enough(rate, args.min_kill_rate) else 1


def good_enough(rate: float | None, bar: float) -> bool:
    """The exit code's question: did the suite kill at least ``bar`` of the judged mutants?"""
    return rate is not None and rate >= bar


def time_limit(baseline: Run | None, minimum: float, factor: float) -> float:
    """A mutant run's time limit: ``factor`` times its selection's baseline, at least
    ``minimum`` (``minimum`` alone without a baseline)."""
    return minimum if baseline is None else max(minimum, factor * baseline.seconds)


def execute(chosen: list[Mutant], known: dict[str, str], args: argparse.Namespace) -> list[Verdict]:
    """The baselines, then the mutants, ``args.jobs`` at a time, each job in its own copy."""
    scratch = Path(tempfile.mkdtemp(prefix="dvc-mutation-"))
    try:
        copies: queue.Queue[Path] = queue.Queue()
        for i in range(min(args.jobs, len(chosen))):
            copies.put(make_copy(ROOT, scratch / f"job{i}"))
        keys = {m.file: json.dumps(selection_of(m.file), sort_keys=True) for m in chosen}
        groups = sorted(set(keys.values()))
        baselines: dict[str, Run | None] = dict.fromkeys(groups)

        def base(index_group: tuple[int, str]) -> None:
            index, group = index_group
            path, selectors = json.loads(group)
            copy = copies.get()
            try:
                timeout = 4 * 3600.0
                result = run_scenarios(
                    copy, path, selectors, f"baseline-{index}", timeout, stop_at_first=False
                )
            finally:
                copies.put(copy)
            print(
                f"mutation: baseline {marker_expression(selectors)}: {len(result.passed)} "
                f"passed, {len(result.not_passed)} not ({result.seconds}s)",
                flush=True,
            )
            baselines[group] = result

        def one(mutant: Mutant) -> Verdict:
            baseline = baselines[keys[mutant.file]]
            if baseline is not None and not baseline.passed:
                return Verdict(mutant, "error", 0.0, reason="nothing passed unmutated")
            timeout = time_limit(baseline, args.min_timeout, args.timeout_factor)
            copy = copies.get()
            try:
                verdict = judge(mutant, copy, baseline, timeout)
            finally:
                copies.put(copy)
            if verdict.outcome == "survived" and mutant.id in known:
                verdict.outcome, verdict.reason = "equivalent", known[mutant.id]
            print(
                f"mutation: {mutant.id} {mutant.file}:{mutant.line} {mutant.operator}: "
                f"{verdict.outcome} ({verdict.seconds}s)",
                flush=True,
            )
            return verdict

        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            try:
                if not args.no_baseline:
                    list(pool.map(base, enumerate(groups)))
                return list(pool.map(one, chosen))
            except BaseException:  # Ctrl-C, SIGTERM: nothing started is left running
                pool.shutdown(wait=False, cancel_futures=True)
                stop_running()
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def record_in_session(session: Path, verdicts: Sequence[Verdict]) -> None:
    """The verdicts into Cosmic Ray's session database too (``cr-report`` reads it)."""
    from cosmic_ray.work_db import WorkDB, use_db
    from cosmic_ray.work_item import TestOutcome, WorkerOutcome, WorkResult

    outcome = {"killed": TestOutcome.KILLED, "timeout": TestOutcome.KILLED,
               "survived": TestOutcome.SURVIVED, "equivalent": TestOutcome.SURVIVED}  # fmt: skip
    with use_db(str(session), WorkDB.Mode.open) as db:
        for v in verdicts:
            if not v.mutant.job_id:
                continue
            if v.outcome in outcome:
                result = WorkResult(
                    worker_outcome=WorkerOutcome.NORMAL, test_outcome=outcome[v.outcome],
                    diff=v.mutant.diff, output=v.log,
                )  # fmt: skip
            else:
                result = WorkResult(worker_outcome=WorkerOutcome.ABNORMAL, output=v.log)
            db.set_result(v.mutant.job_id, result)


if __name__ == "__main__":
    raise SystemExit(main())
