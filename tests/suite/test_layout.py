"""The suite's shape that review alone would let slip (docs/beyond-checklist.md "Where the
code is", README "The mocks' control API"): every step module is loaded as a plugin, the
mocks' control API is reached only through ``MockControl``, and every step module (each
module of steps/ that defines steps) is one topic: at most ``MAX_STEP_MODULE_LINES`` lines
(STYLE.md). Reads the source files; runs nothing."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CLIENT = ROOT / "fixtures" / "control.py"
SUITE_FOLDERS = ("steps", "fixtures", "pages", "reports", "benchmarks")
MAX_STEP_MODULE_LINES = 300  # STYLE.md: a step module over ~300 lines is two topics


def python_files(*folders: str) -> list[Path]:
    return sorted(p for folder in folders for p in (ROOT / folder).rglob("*.py"))


def docstrings(tree: ast.AST) -> set[int]:
    """The ids of the docstring nodes of a module, its classes and functions."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def string_literals(path: Path) -> Iterator[tuple[int, str]]:
    """(line, text) of every string constant in ``path`` that is not a docstring, f-string
    parts included."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    skipped = docstrings(tree)
    for node in ast.walk(tree):
        is_text = isinstance(node, ast.Constant) and isinstance(node.value, str)
        if is_text and id(node) not in skipped:
            yield node.lineno, node.value


def control_urls(path: Path, root: Path = ROOT) -> list[str]:
    return [f"{path.relative_to(root)}:{line}" for line, text in string_literals(path)
            if "/_control" in text]  # fmt: skip


def test_the_control_api_is_written_only_in_its_client() -> None:
    found = [hit for path in python_files(*SUITE_FOLDERS) if path != CLIENT
             for hit in control_urls(path)]  # fmt: skip
    assert found == [], f"a /_control URL outside fixtures/control.py (use MockControl): {found}"
    assert control_urls(CLIENT), "the check would pass on any code: it finds nothing in the client"


def test_the_check_finds_a_control_url_written_in_a_step(tmp_path: Path) -> None:
    step = tmp_path / "steps" / "probe.py"
    step.parent.mkdir()
    step.write_text(
        '"""A docstring may name /_control/faults."""\n'
        'def arm(http, url):\n    http.post(f"{url}/_control/faults", json={})\n',
        encoding="utf-8",
    )
    assert control_urls(step, tmp_path) == ["steps/probe.py:3"]


def step_modules() -> list[Path]:
    """The modules of steps/ that define steps (they import pytest_bdd)."""
    return [p for p in python_files("steps") if "pytest_bdd" in p.read_text(encoding="utf-8")]


def root_plugins() -> list[str]:
    """``pytest_plugins`` of the root conftest.py, read without importing it."""
    tree = ast.parse((ROOT / "conftest.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "pytest_plugins" for t in node.targets
        ):
            return list(ast.literal_eval(node.value))
    raise AssertionError("the root conftest.py has no pytest_plugins")


def test_every_step_module_is_loaded_as_a_plugin() -> None:
    loaded = set(root_plugins())
    missing = [f"steps.{p.stem}" for p in step_modules() if f"steps.{p.stem}" not in loaded]
    assert missing == [], f"step modules the root conftest.py does not load: {missing}"
    absent = [name for name in loaded if not (ROOT / f"{name.replace('.', '/')}.py").is_file()]
    assert absent == [], f"plugins in conftest.py with no module: {absent}"


def too_long(path: Path, root: Path = ROOT) -> str | None:
    """Why ``path`` is two topics, or None when it is short enough."""
    lines = len(path.read_text(encoding="utf-8").splitlines())
    if lines <= MAX_STEP_MODULE_LINES:
        return None
    return f"{path.relative_to(root)} has {lines} lines: split it by the feature folder it serves"


@pytest.mark.parametrize("path", step_modules(), ids=lambda p: p.stem)
def test_a_step_module_is_one_topic(path: Path) -> None:
    assert too_long(path) is None, too_long(path)


def test_the_size_check_covers_every_loaded_step_module() -> None:
    checked = {f"steps.{p.stem}" for p in step_modules()}
    loaded = {name for name in root_plugins() if name.startswith("steps.")}
    assert loaded - checked == {"steps.world"}, (
        f"step plugins the size check skips (only steps.world defines no steps): "
        f"{sorted(loaded - checked)}"
    )


def test_the_check_finds_a_step_module_of_two_topics(tmp_path: Path) -> None:
    step = tmp_path / "steps" / "probe.py"
    step.parent.mkdir()
    step.write_text("x = 1\n" * MAX_STEP_MODULE_LINES, encoding="utf-8")
    assert too_long(step, tmp_path) is None
    step.write_text("x = 1\n" * (MAX_STEP_MODULE_LINES + 1), encoding="utf-8")
    assert too_long(step, tmp_path) == (
        f"steps/probe.py has {MAX_STEP_MODULE_LINES + 1} lines: "
        "split it by the feature folder it serves"
    )
