"""Procedure files: the bundled ones load; a broken file is refused with a clear message."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

import pytest

from portal.procedures import ProcedureError, load_procedure, load_procedures
from portal.settings import ROOT

PROCEDURES = ROOT / "procedures"
KHAI_SINH = PROCEDURES / "01_dang_ky_khai_sinh.toml"


def test_the_bundled_procedures_cover_free_fee_and_inter_agency() -> None:
    procedures = load_procedures(PROCEDURES)
    assert len(procedures) >= 3
    assert any(not p.has_fee for p in procedures.values()), "a free procedure"
    paid = [p for p in procedures.values() if p.has_fee]
    assert paid and paid[0].fee.amount == 200_000
    linked = [p for p in procedures.values() if p.inter_agency]
    assert linked and len({s.unit for s in linked[0].steps if s.role == "specialist"}) >= 3


def test_every_field_names_a_generator_and_every_step_a_unit() -> None:
    for procedure in load_procedures(PROCEDURES).values():
        assert all(f.generator for f in procedure.fields)
        assert all(s.unit and s.working_hours > 0 for s in procedure.steps)


def _write(tmp_path: Path, data: dict[str, Any], name: str = "x.toml") -> Path:
    """Write ``data`` as TOML (JSON scalars and arrays are valid TOML values)."""

    def pairs(table: dict[str, Any]) -> list[str]:
        return [f"{key} = {json.dumps(value, ensure_ascii=False)}" for key, value in table.items()]

    tables = {k: v for k, v in data.items() if isinstance(v, dict)}
    arrays = {k: v for k, v in data.items() if isinstance(v, list) and v and isinstance(v[0], dict)}
    lines = pairs({k: v for k, v in data.items() if k not in tables and k not in arrays})
    for key, table in tables.items():
        lines += [f"[{key}]", *pairs(table)]
    for key, items in arrays.items():
        for item in items:
            lines += [f"[[{key}]]", *pairs(item)]
    path = tmp_path / name
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def _base() -> dict[str, Any]:
    return tomllib.loads(KHAI_SINH.read_text(encoding="utf-8"))


def test_a_rewritten_copy_of_a_good_file_loads(tmp_path: Path) -> None:
    """The helper below writes TOML faithfully: the unbroken copy is accepted."""
    assert load_procedure(_write(tmp_path, _base())).code == "1.001193"


def _broken(change: str) -> dict[str, Any]:
    data = _base()
    if change == "code":
        data["code"] = "1001193"
    elif change == "field type":
        data["fields"][0]["type"] = "number"
    elif change == "select without choices":
        data["fields"][4]["choices"] = []
    elif change == "unknown prefill":
        data["fields"][0]["prefill"] = "Password"
    elif change == "duplicate field":
        data["fields"][1]["name"] = data["fields"][0]["name"]
    elif change == "first step not reception":
        data["steps"][0]["role"] = "specialist"
    elif change == "no approver":
        data["steps"][2]["role"] = "specialist"
    elif change == "steps longer than processing time":
        data["steps"][1]["hours"] = 40
    elif change == "both hours and days":
        data["steps"][1]["days"] = 1
    elif change == "negative fee":
        data["fee"]["amount"] = -1
    elif change == "unknown file type":
        data["attachments"][0]["types"] = ["exe"]
    elif change == "limit under one byte":
        data["attachments"][0]["max_mb"] = 1e-7
    elif change == "unknown key":
        data["fees"] = 1
    elif change == "bad pattern":
        data["fields"][5]["pattern"] = "(["
    return data


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ("code", "code"),
        ("field type", "fields.0.type"),
        ("select without choices", "fields.4"),
        ("unknown prefill", "prefill must be one of"),
        ("duplicate field", "appears twice"),
        ("first step not reception", "reception"),
        ("no approver", "approver"),
        ("steps longer than processing time", "more than the processing time"),
        ("both hours and days", "either hours or days"),
        ("negative fee", "fee.amount"),
        ("unknown file type", "attachments.0.types"),
        ("limit under one byte", "less than one byte"),
        ("unknown key", "fees"),
        ("bad pattern", "not a valid regular expression"),
    ],
)
def test_a_broken_file_is_refused_naming_file_and_field(
    tmp_path: Path, change: str, message: str
) -> None:
    path = _write(tmp_path, _broken(change), name="hong.toml")
    with pytest.raises(ProcedureError, match=r"hong\.toml") as refused:
        load_procedure(path)
    assert message in str(refused.value)


def test_invalid_toml_and_duplicate_codes_are_refused(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('code = "1.001193', encoding="utf-8")
    with pytest.raises(ProcedureError, match=r"a\.toml: not valid TOML"):
        load_procedures(tmp_path)
    (tmp_path / "a.toml").unlink()
    _write(tmp_path, _base(), name="a.toml")
    _write(tmp_path, _base(), name="b.toml")
    with pytest.raises(ProcedureError, match=r"b\.toml: code 1\.001193 is already used by a\.toml"):
        load_procedures(tmp_path)


def test_an_empty_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ProcedureError, match="no procedure files"):
        load_procedures(tmp_path)
