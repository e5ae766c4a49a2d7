"""The allowed status transitions (§3.2 table), progress updates and look-ups."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.mocks.national_api import call, dossier, login, now_stamp, progress, record

ALLOWED = {
    1: {2, 3, 7},
    2: {4, 5, 6, 7, 8},
    3: set(),
    4: {5, 6, 7, 8, 9},
    5: {4, 7, 8},
    6: {4, 7, 8},
    7: set(),
    8: set(),
    9: {10},
    10: set(),
}
# How a dossier reaches each status through allowed steps.
PATHS = {1: [1], 2: [2], 3: [1, 3], 4: [2, 4], 5: [2, 5], 6: [2, 6], 7: [1, 7], 8: [2, 8]}
PATHS.update({9: [2, 4, 9], 10: [2, 4, 9, 10]})


def sync(national: httpx.Client, session: str, code: str, status: int) -> dict[str, Any]:
    return dict(call(national, session, "DongBoHoSoMC", record(code, status)).json())


@pytest.mark.parametrize("current", range(1, 11))
def test_each_status_change_follows_the_table(national: httpx.Client, current: int) -> None:
    session = login(national)
    refused_code = f"H-{current}-refused"
    for step in PATHS[current]:
        assert sync(national, session, refused_code, step)["error_code"] == 0, (current, step)
    refused = [new for new in range(1, 11) if new != current and new not in ALLOWED[current]]
    for new in refused:  # a refused change leaves the dossier where it was: reuse it
        answer = sync(national, session, refused_code, new)
        assert answer["error_code"] == 2, f"{current} -> {new} must be refused: {answer}"
        assert answer["errors"][0].startswith("TrangThaiHoSo: không được chuyển")
    allowed = sorted({current, *ALLOWED[current]})
    for new in allowed:
        for step in [*PATHS[current], new]:
            answer = sync(national, session, f"H-{current}-{new}", step)
            assert answer["error_code"] == 0, f"{current} -> {new} must be allowed: {answer}"
    held = national.get("/_control/dossiers").json()["dossiers"]
    kept = held[refused_code]
    assert kept["statuses"] == PATHS[current]
    assert kept["record"]["TrangThaiHoSo"] == current
    assert [r["reason"].split(" sang ")[1][:2].strip() for r in kept["rejected"]] == [
        str(new) for new in refused
    ]
    for new in allowed:
        assert held[f"H-{current}-{new}"]["statuses"] == [*PATHS[current], new]


@pytest.mark.parametrize("first", [3, 4, 5, 6, 7, 8, 9, 10])
def test_the_first_record_must_be_new_or_received(national: httpx.Client, first: int) -> None:
    answer = call(national, login(national), "DongBoHoSoMC", record(status=first)).json()
    assert answer["error_code"] == 2
    assert answer["errors"][0].startswith("TrangThaiHoSo: bản ghi đầu tiên")


def test_resending_the_current_status_updates_the_record(national: httpx.Client) -> None:
    session = login(national)
    data = record(status=2)
    sync(national, session, data["MaHoSo"], 2)
    changed = {**data, "SoDienThoai": "0987654321"}
    assert call(national, session, "DongBoHoSoMC", changed).json()["error_code"] == 0
    held = dossier(national, data["MaHoSo"])
    assert held["statuses"] == [2, 2]
    assert held["record"]["SoDienThoai"] == "0987654321"


def test_progress_steps_are_kept_in_order_and_looked_up(national: httpx.Client) -> None:
    session = login(national)
    code = record()["MaHoSo"]
    sync(national, session, code, 2)
    for text in ("Tiếp nhận hồ sơ", "Thẩm định hồ sơ"):
        step = progress(code, NoiDungXuLy=text)
        assert call(national, session, "CapNhatTienDoHoSoMC", step).json()["error_code"] == 0
    held = dossier(national, code)
    assert [p["NoiDungXuLy"] for p in held["progress"]] == ["Tiếp nhận hồ sơ", "Thẩm định hồ sơ"]
    found = call(national, session, "TraCuuHoSo", {"MaHoSo": code}).json()
    assert found["error_code"] == 0 and found["data"]["TrangThaiHoSo"] == 2


def test_progress_of_an_unknown_dossier_is_refused(national: httpx.Client) -> None:
    answer = call(national, login(national), "CapNhatTienDoHoSoMC", progress("H-KHONG-CO"))
    assert answer.json()["error_code"] == 3
    assert dossier(national, "H-KHONG-CO")["rejected"][-1]["service"] == "CapNhatTienDoHoSoMC"


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("NguoiXuLy", {"NguoiXuLy": ""}),
        ("NoiDungXuLy", {"NoiDungXuLy": None}),
        ("ThoiDiemXuLy", {"ThoiDiemXuLy": "20250714"}),
        ("ThoiDiemXuLy", {"ThoiDiemXuLy": now_stamp(hours=2)}),
        ("TrangThai", {"TrangThai": 12}),
        ("HanXuLy", {"HanXuLy": "2025-07-20"}),
        ("ChucDanh", {"ChucDanh": 5}),
    ],
)
def test_an_invalid_progress_step_is_refused_naming_the_field(
    national: httpx.Client, field: str, changes: dict[str, Any]
) -> None:
    session = login(national)
    code = record()["MaHoSo"]
    sync(national, session, code, 2)
    answer = call(national, session, "CapNhatTienDoHoSoMC", progress(code, **changes)).json()
    assert answer["error_code"] == 1
    assert [e.split(": ")[0] for e in answer["errors"]] == [field]
    held = dossier(national, code)
    assert held["progress"] == [] and field in held["rejected"][-1]["reason"]


@pytest.mark.parametrize(("data", "code"), [({"MaHoSo": "H-KHONG-CO"}, 3), ({}, 1)])
def test_a_look_up_that_finds_nothing_is_refused(
    national: httpx.Client, data: dict[str, Any], code: int
) -> None:
    answer = call(national, login(national), "TraCuuHoSo", data).json()
    assert answer["error_code"] == code
    entry = national.get("/_control/journal", params={"service": "TraCuuHoSo"}).json()["entries"]
    assert entry[-1]["verdict"] == "rejected"
