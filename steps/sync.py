"""Checklist item 4 (second half): every status change reaches the national portal.

What the national portal holds is read from its control API (``national_portal``) and
compared with what the portal shows the citizen and the officers: the national
portal's view is checked against the service's own pages, never against itself.

Here: what the national portal holds of one dossier. The whole run:
steps/sync_reconciliation.py; sending again: steps/sync_retries.py.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from pytest_bdd import parsers, then

from fixtures.evidence import attach_json
from fixtures.national_portal import (
    STATUS_NAMES,
    ScenarioNationalPortal,
    journal_of,
    parse_stamp,
    rejected_calls,
)
from steps.world import Dossier, People

RECORD_TEXT = (
    "MaHoSo", "MaTTHC", "TenTTHC", "ChuHoSo", "SoDinhDanh", "SoDienThoai", "TrichYeuHoSo",
    "DonViXuLy",
)  # fmt: skip


def codes_in(text: str) -> list[int]:
    return [int(code) for code in re.findall(r"\d+", text)]


def shown(stamp: str) -> str:
    """A national ``yyyyMMddHHmmss`` written as the portal writes moments (to the minute)."""
    moment = parse_stamp(stamp)
    assert moment is not None, f"ngày giờ {stamp!r} không theo định dạng yyyyMMddHHmmss"
    return moment.strftime("%H:%M %d/%m/%Y")


def accepted_records(national_portal: ScenarioNationalPortal, code: str) -> list[dict[str, Any]]:
    """The DongBoHoSoMC calls of this scenario for ``code`` that the national portal took."""
    entries = journal_of(national_portal.scenario_journal("DongBoHoSoMC"), code)
    return [e["body"]["data"] for e in entries if e["verdict"] == "accepted"]


def fee_paid(record: dict[str, Any]) -> bool:
    return any(fee.get("TrangThaiThanhToan") == 1 for fee in record.get("DanhSachLePhi") or [])


def status_changes(records: list[dict[str, Any]]) -> list[int]:
    """The statuses of the records the national portal took, as changes of status: a record
    sent again with the same status is dropped only when it is the one that says the fee
    is now paid (the citizen paid); any other repeat is a status sent twice and stays in
    the list, so it fails the comparison."""
    changes: list[int] = []
    for i, record in enumerate(records):
        status = record["TrangThaiHoSo"]
        paid_now = i > 0 and fee_paid(record) and not fee_paid(records[i - 1])
        if i > 0 and status == records[i - 1]["TrangThaiHoSo"] and paid_now:
            continue
        changes.append(status)
    return changes


def settled(
    people: People, national_portal: ScenarioNationalPortal, code: str, last: int
) -> dict[str, Any]:
    """What the national portal holds once ``last`` arrived and the portal sent everything."""
    national_portal.wait_for_status(code, last)
    people.settle(national_portal, code)
    return national_portal.dossier(code) or {}


# --- Thì: one dossier -----------------------------------------------------------------


@then(
    parsers.re(
        r"Cổng DVCQG nhận các trạng thái (?P<expected>[\d, ]+) của hồ sơ theo đúng thứ tự, "
        r"mỗi trạng thái một lần"
    )
)
def _(
    people: People, national_portal: ScenarioNationalPortal, dossier: Dossier, expected: str
) -> None:
    wanted = codes_in(expected)
    held = settled(people, national_portal, dossier.code, wanted[-1])
    records = accepted_records(national_portal, dossier.code)
    sent = [record["TrangThaiHoSo"] for record in records]
    assert held["statuses"] == sent, (
        f"Cổng DVCQG giữ các trạng thái {held['statuses']}, các lời gọi được nhận mang {sent}"
    )
    assert status_changes(records) == wanted, (
        f"Cổng DVCQG phải nhận lần lượt các trạng thái {wanted}, mỗi trạng thái một lần; "
        f"đã nhận {held['statuses']}"
    )


@then(
    "mọi bản ghi hồ sơ gửi Cổng DVCQG đủ trường, đúng chủ hồ sơ, ngày giờ theo định dạng yyyyMMddHHmmss"
)
def _(national_portal: ScenarioNationalPortal, dossier: Dossier) -> None:
    records = accepted_records(national_portal, dossier.code)
    assert records, f"Cổng DVCQG không nhận bản ghi nào của hồ sơ {dossier.code}"
    for record in records:
        where = f"bản ghi trạng thái {record.get('TrangThaiHoSo')}"
        missing = [name for name in RECORD_TEXT if not str(record.get(name) or "").strip()]
        assert not missing, f"{where} thiếu {missing}"
        owner = (record["MaTTHC"], record["SoDinhDanh"], record["ChuHoSo"], record["LoaiDoiTuong"])
        citizen = dossier.citizen
        assert owner == (dossier.procedure, citizen.cccd, citizen.full_name, 1), (
            f"{where}: thủ tục/chủ hồ sơ {owner} không phải của hồ sơ này"
        )
        dates = ["NgayTiepNhan", "NgayHenTra"] + (
            ["NgayTra"] if record["TrangThaiHoSo"] == 10 else []
        )
        bad = {name: record.get(name) for name in dates if parse_stamp(record.get(name)) is None}
        assert not bad, f"{where}: ngày giờ không theo định dạng yyyyMMddHHmmss: {bad}"


@then("ngày nộp, ngày hẹn trả và ngày trả trên Cổng DVCQG khớp với những gì công dân thấy")
def _(people: People, national_portal: ScenarioNationalPortal, dossier: Dossier) -> None:
    record = (national_portal.dossier(dossier.code) or {})["record"]
    page = people.ui.citizen_dossier(people.citizen()).open(dossier.code)
    pairs = {
        "NgayTiepNhan / Ngày nộp": (record["NgayTiepNhan"], page.submitted_at),
        "NgayHenTra / Ngày hẹn trả": (record["NgayHenTra"], page.due),
        "NgayTra / Ngày trả kết quả": (record["NgayTra"], page.returned_at),
    }
    for what, (stamp, fact) in pairs.items():
        assert shown(stamp) == fact.inner_text().strip(), (
            f"{what}: Cổng DVCQG giữ {stamp}, công dân thấy {fact.inner_text()!r}"
        )


@then("Cổng DVCQG không từ chối lời gọi nào của hồ sơ")
def _(people: People, national_portal: ScenarioNationalPortal, dossier: Dossier) -> None:
    people.settle(national_portal, dossier.code)
    kept = rejected_calls(national_portal.dossier(dossier.code) or {})
    journaled = [  # refused data (error_code 1, 2, 3), not an expired session the portal renews
        f"#{e['seq']} {e['service']}: {e['reason']}"
        for e in journal_of(national_portal.scenario_journal(), dossier.code)
        if e["verdict"] == "rejected" and (e.get("extra") or {}).get("error_code") in (1, 2, 3)
    ]
    assert not (kept or journaled), (
        f"Cổng DVCQG đã từ chối {len(kept or journaled)} lời gọi của hồ sơ {dossier.code}: "
        f"{kept or journaled}"
    )


@then("các bước tiến độ trên Cổng DVCQG khớp từng dòng với quá trình xử lý mà công dân thấy")
def _(people: People, national_portal: ScenarioNationalPortal, dossier: Dossier) -> None:
    people.settle(national_portal, dossier.code)
    rows = people.ui.citizen_dossier(people.citizen()).open(dossier.code).history_rows()
    held = national_portal.wait_for_progress(dossier.code, len(rows))
    progress = [
        {"at": shown(p["ThoiDiemXuLy"]), "who": p["NguoiXuLy"], "what": p["NoiDungXuLy"],
         "status": STATUS_NAMES.get(p["TrangThai"], str(p["TrangThai"]))}
        for p in held["progress"]
    ]  # fmt: skip
    portal = [{key: row[key] for key in ("at", "who", "what", "status")} for row in rows]
    attach_json("Đối chiếu tiến độ: cổng / Cổng DVCQG", {"cổng": portal, "Cổng DVCQG": progress})
    assert progress == portal, (
        f"tiến độ trên Cổng DVCQG khác quá trình xử lý trên cổng:\n"
        f"  Cổng DVCQG: {progress}\n  cổng:       {portal}"
    )


@then(parsers.parse("các bước tiến độ lần lượt do {actors} thực hiện"))
def _(
    people: People, national_portal: ScenarioNationalPortal, dossier: Dossier, actors: str
) -> None:
    names = []
    for actor in [a.strip() for a in actors.split(",")]:
        if actor == "công dân":
            names.append(dossier.citizen.full_name)
        else:
            page = people.ui.officer_dossier(people.officer(actor)).open(dossier.code)
            names.append(page.officer_name())
    held = national_portal.wait_for_progress(dossier.code, len(names))
    done_by = [p["NguoiXuLy"] for p in held["progress"]]
    assert done_by == names, f"NguoiXuLy của các bước tiến độ là {done_by}, người đã làm là {names}"


@then("giấy tờ công dân bổ sung có trong TaiLieuNop trên Cổng DVCQG với đúng mã băm SHA-256")
def _(people: People, national_portal: ScenarioNationalPortal, dossier: Dossier) -> None:
    digest = hashlib.sha256(people.made_files[-1].read_bytes()).hexdigest()
    people.settle(national_portal, dossier.code)
    record = (national_portal.dossier(dossier.code) or {})["record"]
    hashes = [paper.get("MaBam") for paper in record["TaiLieuNop"]]
    assert digest in hashes, (
        f"TaiLieuNop không có tệp bổ sung SHA-256 {digest}: {record['TaiLieuNop']}"
    )


@then(
    parsers.re(
        r"Cổng DVCQG giữ hồ sơ ở trạng thái (?P<status>\d+) với khoản phí (?P<amount>\d+) đồng "
        r"(?P<state>chưa thanh toán|đã thanh toán)(?:, đúng mã giao dịch công dân thấy)?$"
    )
)
def _(
    people: People, national_portal: ScenarioNationalPortal, dossier: Dossier,
    status: str, amount: str, state: str,
) -> None:  # fmt: skip
    record = settled(people, national_portal, dossier.code, int(status))["record"]
    fees = record["DanhSachLePhi"]
    assert len(fees) == 1, f"DanhSachLePhi phải có đúng một khoản phí: {fees}"
    paid = 1 if state == "đã thanh toán" else 0
    assert (fees[0]["MucThuPhi"], fees[0]["TrangThaiThanhToan"]) == (int(amount), paid), (
        f"khoản phí trên Cổng DVCQG {fees[0]} không phải {amount} đồng {state}"
    )
    if paid:
        page = people.ui.citizen_dossier(people.citizen()).open(dossier.code)
        transaction = page.transaction.inner_text().strip()
        assert fees[0]["MaGiaoDich"] == transaction, (
            f"MaGiaoDich trên Cổng DVCQG {fees[0]['MaGiaoDich']!r}, công dân thấy {transaction!r}"
        )


@then(parsers.parse('bước tiến độ cuối cùng trên Cổng DVCQG ghi lý do "{reason}"'))
def _(
    people: People, national_portal: ScenarioNationalPortal, dossier: Dossier, reason: str
) -> None:
    people.settle(national_portal, dossier.code)
    last = (national_portal.dossier(dossier.code) or {})["progress"][-1]
    assert reason in last["NoiDungXuLy"], f"bước tiến độ cuối không ghi lý do: {last}"


@then("Cổng DVCQG giữ đúng trạng thái mà công dân thấy trên cổng")
def _(people: People, national_portal: ScenarioNationalPortal, dossier: Dossier) -> None:
    people.settle(national_portal, dossier.code)
    held = national_portal.dossier(dossier.code) or {}
    page = people.ui.citizen_dossier(people.citizen()).open(dossier.code)
    on_portal = page.status.inner_text().strip()
    national = STATUS_NAMES.get(held["record"]["TrangThaiHoSo"])
    assert national == on_portal, f"Cổng DVCQG giữ “{national}”, công dân thấy “{on_portal}”"
