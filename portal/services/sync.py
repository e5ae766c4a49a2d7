"""What the national portal receives: the dossier record and the progress entries.

Field names and formats are those of docs/contracts.md 3.2 (``DongBoHoSoMC``,
``CapNhatTienDoHoSoMC``) and 3.3 (the citizen data warehouse). Pure functions: they
read a dossier and return JSON-ready dicts; the outbox carries them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from portal import defects
from portal.integration.timefmt import VN_FORMAT, vn_timestamp
from portal.models import Dossier, HistoryEntry
from portal.procedures import Procedure
from portal.services import calendar


def _ts(moment: datetime | None) -> str:
    if moment is not None and defects.active("sync_dates_in_utc"):  # seeded defect
        return moment.astimezone(UTC).strftime(VN_FORMAT)
    if moment is not None and defects.active("sync_dates_iso_format"):  # seeded defect
        return moment.isoformat(timespec="seconds")
    return vn_timestamp(moment) if moment is not None else ""


def _national_status(status: int) -> int:
    """The TrangThaiHoSo to send (the portal's codes are the national ones)."""
    if status == 2 and defects.active("sync_wrong_status_code"):  # seeded: "received" sent as 4
        return 4
    return status


def current_unit(dossier: Dossier, procedure: Procedure) -> str:
    index = min(dossier.step_index, len(procedure.steps) - 1)
    return procedure.steps[index].unit


def summary(dossier: Dossier, procedure: Procedure) -> str:
    return f"{procedure.name} — {dossier.owner_name}"


def dossier_record(dossier: Dossier, *, procedure: Procedure, public_url: str) -> dict[str, Any]:
    """The whole record (DongBoHoSoMC), as it stands now."""
    record: dict[str, Any] = {
        "MaHoSo": dossier.code,
        "MaTTHC": procedure.code,
        "TenTTHC": procedure.name,
        "ChuHoSo": dossier.owner_name,
        "LoaiDoiTuong": dossier.owner_kind,
        "SoDinhDanh": dossier.owner_id,
        "SoDienThoai": dossier.owner_phone,
        "Email": dossier.owner_email,
        "TrichYeuHoSo": summary(dossier, procedure),
        "NgayTiepNhan": _ts(dossier.received_at),
        "NgayHenTra": _ts(dossier.due_at),
        "TrangThaiHoSo": _national_status(dossier.status),
        "NgayTra": _ts(dossier.returned_at) if dossier.status == 10 else "",
        "DonViXuLy": current_unit(dossier, procedure),
        "TaiLieuNop": [
            {"TenTepDinhKem": f.file_name, "MaThanhPhanHoSo": f.component, "MaBam": f.sha256}
            for f in dossier.files
        ],
        "DanhSachLePhi": [],
        "DanhSachGiayToKetQua": [],
    }
    if dossier.fee_amount > 0:
        record["DanhSachLePhi"].append(
            {
                "TenPhiLePhi": procedure.fee.name,
                "MucThuPhi": dossier.fee_amount,
                "LoaiPhiLePhi": procedure.fee.national_type,
                "TrangThaiThanhToan": 1 if dossier.fee_paid else 0,
                "MaGiaoDich": dossier.fee_transaction or "",
            }
        )
    if dossier.result_sha256:
        record["DanhSachGiayToKetQua"].append(
            {
                "TenGiayTo": procedure.result_name,
                "MaGiayTo": dossier.result_number or "",
                "MaBam": dossier.result_sha256,
                "DuongDanTepTin": f"{public_url}/xac-thuc/{dossier.code}",
            }
        )
    return record


def step_deadline(dossier: Dossier, procedure: Procedure, now: datetime) -> datetime | None:
    """When the step the dossier is now at must be done (HanXuLy)."""
    if dossier.status in (2, 4, 9) and dossier.step_index < len(procedure.steps):
        step = procedure.steps[dossier.step_index]
        deadline = calendar.add_working_hours(calendar.counting_start(now), step.working_hours)
        if dossier.due_at is not None:
            return min(deadline, max(dossier.due_at, now))
        return deadline
    return dossier.due_at


def progress_entry(
    dossier: Dossier, *, procedure: Procedure, entry: HistoryEntry
) -> dict[str, Any]:
    """One processing step (CapNhatTienDoHoSoMC)."""
    deadline = step_deadline(dossier, procedure, entry.at)
    return {
        "MaHoSo": dossier.code,
        "NguoiXuLy": entry.actor_name,
        "ChucDanh": entry.actor_role,
        "PhongBanXuLy": entry.actor_unit or current_unit(dossier, procedure),
        "ThoiDiemXuLy": _ts(entry.at),
        "NoiDungXuLy": entry.action + (f": {entry.note}" if entry.note else ""),
        "TrangThai": _national_status(dossier.status),
        "HanXuLy": _ts(max(deadline, entry.at) if deadline else None),
    }
