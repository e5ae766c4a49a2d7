"""Checklist item 4 (sync), the whole run: once the portal has sent every pending change,
what the national portal holds matches what the officers and the citizen see, it holds no
dossier the portal does not have, and it refused none of the portal's calls — the
portal gave up only the changes the national portal refused for good."""

from __future__ import annotations

import re
from typing import Any

from pytest_bdd import given, parsers, then, when

from fixtures.evidence import attach_json
from fixtures.national_portal import (
    STATUS_CODES,
    STATUS_NAMES,
    ScenarioNationalPortal,
    refused_for_good,
    rejected_calls,
)
from fixtures.procedures import ProcedureSpec
from pages.test_api import PortalTestApi
from steps.world import Dossier, People

# --- Cho ----------------------------------------------------------------------------


@given(
    parsers.re(r"một công dân có các hồ sơ ở các trạng thái (?P<names>.+)"),
    target_fixture="dossiers",
)
def _(
    people: People, national_portal: ScenarioNationalPortal, procedure: ProcedureSpec, names: str
) -> list[Dossier]:
    made = []
    for name in re.findall(r'"([^"]+)"', names):
        dossier = people.new_dossier(procedure.code, STATUS_CODES[name])
        national_portal.watch(dossier.code)
        made.append(dossier)
    return made


@when("cổng gửi xong mọi thay đổi đang chờ")
def _(people: People, national_portal: ScenarioNationalPortal) -> None:
    for code in people.dossiers:
        people.settle(national_portal, code)


# --- Thì: the whole run ---------------------------------------------------------------


@then("trạng thái mọi hồ sơ mà cán bộ thấy trên cổng trùng với trạng thái Cổng DVCQG đang giữ")
def _(people: People, national_portal: ScenarioNationalPortal, dossiers: list[Dossier]) -> None:
    on_portal = people.ui.officer_queue(people.officer("cán bộ một cửa"))
    portal = on_portal.open(everything=True).statuses()
    held = national_portal.all_dossiers()["dossiers"]
    compared = {
        code: (shown_status, status_name(held.get(code))) for code, shown_status in portal.items()
    }
    attach_json("Đối soát trạng thái: cổng / Cổng DVCQG", compared)
    assert all(d.code in portal for d in dossiers), "danh sách của cán bộ thiếu hồ sơ vừa tạo"
    differ = {code: pair for code, pair in compared.items() if pair[0] != pair[1]}
    assert not differ, (
        f"{len(differ)}/{len(compared)} hồ sơ lệch trạng thái (cổng, Cổng DVCQG): {differ}"
    )


def status_name(held: dict[str, Any] | None) -> str:
    if not held or not held.get("record"):
        return "(Cổng DVCQG không có hồ sơ)"
    return STATUS_NAMES.get(held["record"]["TrangThaiHoSo"], "?")


@then('trạng thái các hồ sơ trong "Hồ sơ của tôi" của công dân trùng với Cổng DVCQG')
def _(people: People, national_portal: ScenarioNationalPortal, dossiers: list[Dossier]) -> None:
    mine = people.ui.my_dossiers(people.citizen()).open().statuses()
    for dossier in dossiers:
        national = status_name(national_portal.dossier(dossier.code))
        assert mine.get(dossier.code) == national, (
            f"hồ sơ {dossier.code}: công dân thấy “{mine.get(dossier.code)}”, Cổng DVCQG giữ “{national}”"
        )


@then("Cổng DVCQG không giữ hồ sơ nào mà cổng không có")
def _(people: People, national_portal: ScenarioNationalPortal) -> None:
    queue = people.ui.officer_queue(people.officer("cán bộ một cửa"))
    listed = set(queue.open(everything=True).statuses())
    unknown = []
    for code in sorted(set(national_portal.all_dossiers()["dossiers"]) - listed):
        if code not in queue.search(code).statuses():  # the list may be cut short: look it up
            unknown.append(code)
    assert not unknown, f"Cổng DVCQG giữ hồ sơ mà cổng không có: {unknown}"


@then("Cổng DVCQG không từ chối lời gọi nào của cổng trong lần chạy")
def _(national_portal: ScenarioNationalPortal) -> None:
    everything = national_portal.all_dossiers()
    refused = {code: rejected_calls(held) for code, held in everything["dossiers"].items()}
    refused = {code: calls for code, calls in refused.items() if calls}
    loose = everything.get("rejected_without_MaHoSo", [])
    warehouse = national_portal.warehouse_rejected()
    attach_json(
        "Lời gọi bị Cổng DVCQG từ chối", {"hồ sơ": refused, "khác": loose, "kho": warehouse}
    )
    assert not (refused or loose or warehouse), (
        f"Cổng DVCQG đã từ chối lời gọi của cổng: theo hồ sơ {refused}; không mã hồ sơ {loose}; "
        f"kho dữ liệu {warehouse}"
    )


@then("cổng không còn thay đổi nào đang chờ gửi và chỉ bỏ những thay đổi Cổng DVCQG đã từ chối hẳn")
def _(test_api: PortalTestApi, national_portal: ScenarioNationalPortal) -> None:
    """Given up (``rejected``) are only the changes the national portal refused for good:
    one per such answer in its whole journal (a scenario may provoke one on purpose)."""
    outbox = test_api.outbox()
    refused = [e for e in national_portal.journal(0) if refused_for_good(e)]
    assert (outbox["pending"], outbox["rejected"]) == (0, len(refused)), (
        f"hàng đợi gửi Cổng DVCQG của cổng: {outbox['pending']} đang chờ, "
        f"{outbox['rejected']} bị bỏ; Cổng DVCQG chỉ từ chối hẳn {len(refused)} lời gọi"
    )
