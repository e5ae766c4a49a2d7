"""What officers (and citizens) do to a dossier after submission.

Each action has the roles that may take it and the statuses it applies to (``ACTIONS``).
A role that may not act is refused with ``NotAllowed`` (HTTP 403, and the button is not
shown); an action that does not apply to the dossier as it stands is refused with
``ActionRefused`` (the message says why). Every action goes through ``workflow`` so it
leaves a history entry and its messages to the national portal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from sqlalchemy.orm import Session

from portal import defects
from portal.integration import outbox
from portal.integration.national import warehouse_data
from portal.integration.timefmt import VN_TZ
from portal.models import Dossier
from portal.procedures import Procedure
from portal.services import workflow
from portal.services.workflow import (
    DONE,
    NEW,
    NOT_RECEIVED,
    OBLIGATION,
    PROCESSING,
    RECEIVED,
    RETURNED,
    STOPPED,
    SUPPLEMENT,
    WITHDRAWN,
    Actor,
    SyncContext,
)


class ActionRefused(ValueError):
    """The action does not apply to the dossier now; ``str(exc)`` is for the officer."""


class NotAllowed(PermissionError):
    """The officer's role may not take this action."""


@dataclass(frozen=True)
class ActionSpec:
    label: str
    roles: frozenset[str]
    statuses: frozenset[int]


ACTIONS: dict[str, ActionSpec] = {
    "tiep-nhan": ActionSpec("Tiếp nhận", frozenset({"reception"}), frozenset({NEW})),
    "tu-choi": ActionSpec("Từ chối tiếp nhận", frozenset({"reception"}), frozenset({NEW})),
    "yeu-cau-bo-sung": ActionSpec(
        "Yêu cầu bổ sung", frozenset({"reception", "specialist"}), frozenset({RECEIVED, PROCESSING})
    ),
    "nghia-vu-tai-chinh": ActionSpec(
        "Yêu cầu thực hiện nghĩa vụ tài chính",
        frozenset({"reception", "specialist"}),
        frozenset({RECEIVED, PROCESSING}),
    ),
    "tham-dinh": ActionSpec(
        "Thẩm định", frozenset({"specialist"}), frozenset({RECEIVED, PROCESSING})
    ),
    "phe-duyet": ActionSpec("Phê duyệt", frozenset({"approver"}), frozenset({PROCESSING})),
    "tra-ket-qua": ActionSpec("Trả kết quả", frozenset({"reception"}), frozenset({DONE})),
    "thu-xin-loi": ActionSpec(
        "Gửi thư xin lỗi",
        frozenset({"reception", "specialist", "approver"}),
        frozenset({NEW, RECEIVED, PROCESSING, SUPPLEMENT, OBLIGATION, DONE}),
    ),
    "dung-xu-ly": ActionSpec(
        "Dừng xử lý",
        frozenset({"approver"}),
        frozenset({RECEIVED, PROCESSING, SUPPLEMENT, OBLIGATION}),
    ),
}
CITIZEN_WITHDRAWABLE = frozenset({NEW, RECEIVED, PROCESSING, SUPPLEMENT, OBLIGATION})


def is_overdue(dossier: Dossier, now: datetime) -> bool:
    return dossier.due_at is not None and dossier.status in workflow.ACTIVE and now > dossier.due_at


def _current_role(dossier: Dossier, procedure: Procedure) -> str | None:
    if dossier.step_index >= len(procedure.steps):
        return None
    return procedure.steps[dossier.step_index].role


def precondition_problem(
    action: str, *, dossier: Dossier, procedure: Procedure, now: datetime
) -> str | None:
    """Why the action does not apply to the dossier now (None when it does)."""
    spec = ACTIONS[action]
    if dossier.status not in spec.statuses:
        return (
            f"Không thể “{spec.label}” hồ sơ ở trạng thái “{workflow.status_name(dossier.status)}”."
        )
    role = _current_role(dossier, procedure)
    if action == "tham-dinh" and role != "specialist":
        return "Hồ sơ không ở bước thẩm định."
    if action == "phe-duyet":
        if role != "approver":
            return "Hồ sơ chưa được thẩm định xong, chưa thể phê duyệt."
        if dossier.fee_amount > 0 and not dossier.fee_paid:
            return "Công dân chưa thực hiện nghĩa vụ tài chính (chưa thanh toán phí, lệ phí)."
    if action == "nghia-vu-tai-chinh" and dossier.fee_paid:
        return "Công dân đã thanh toán phí, lệ phí của hồ sơ."
    forgets_apology = defects.active("overdue_returned_without_apology")  # seeded defect
    if action == "tra-ket-qua" and is_overdue(dossier, now) and not forgets_apology:
        return "Hồ sơ đã quá hạn: cần gửi thư xin lỗi và hẹn lại ngày trả trước khi trả kết quả."
    if action == "thu-xin-loi" and not is_overdue(dossier, now):
        return "Hồ sơ chưa quá hạn."
    return None


def check(action: str, *, dossier: Dossier, procedure: Procedure, role: str, now: datetime) -> None:
    spec = ACTIONS.get(action)
    if spec is None:
        raise ActionRefused("Thao tác không tồn tại.")
    unchecked = action == "phe-duyet" and defects.active("approval_role_unchecked")  # seeded
    if role not in spec.roles and not unchecked:
        raise NotAllowed(f"Vai trò của bạn không được thực hiện thao tác “{spec.label}”.")
    problem = precondition_problem(action, dossier=dossier, procedure=procedure, now=now)
    if problem:
        raise ActionRefused(problem)


def available(*, dossier: Dossier, procedure: Procedure, role: str, now: datetime) -> list[str]:
    """The actions this role can take on the dossier now (the buttons to show)."""
    return [
        action
        for action, spec in ACTIONS.items()
        if role in spec.roles
        and precondition_problem(action, dossier=dossier, procedure=procedure, now=now) is None
    ]


def _required(text: str, what: str) -> str:
    text = text.strip()
    if not text:
        raise ActionRefused(f"Vui lòng nhập {what}.")
    return text


@dataclass(frozen=True)
class Change:
    """One action on one dossier, by one actor, at one moment, in one DB transaction."""

    db: Session
    dossier: Dossier
    procedure: Procedure
    actor: Actor
    now: datetime
    ctx: SyncContext

    def to(self, target: int, action: str, note: str = "") -> None:
        workflow.change_status(
            self.db,
            dossier=self.dossier,
            procedure=self.procedure,
            target=target,
            actor=self.actor,
            now=self.now,
            action=action,
            note=note,
            ctx=self.ctx,
        )

    def step(self, action: str, note: str = "") -> None:
        workflow.record_step(
            self.db,
            dossier=self.dossier,
            procedure=self.procedure,
            actor=self.actor,
            now=self.now,
            action=action,
            note=note,
            ctx=self.ctx,
        )


def receive(change: Change) -> None:
    change.dossier.step_index = 1
    change.to(RECEIVED, "Tiếp nhận hồ sơ")


def refuse(change: Change, *, reason: str) -> None:
    change.dossier.reason = _required(reason, "lý do từ chối tiếp nhận")
    change.to(NOT_RECEIVED, "Từ chối tiếp nhận hồ sơ", change.dossier.reason)
    if defects.active("refusal_reason_not_shown"):  # seeded defect: reason kept in history only
        change.dossier.reason = None


def request_supplement(change: Change, *, note: str, components: list[str]) -> None:
    known = {a.code for a in change.procedure.attachments}
    unknown = [c for c in components if c not in known]
    if unknown:
        raise ActionRefused(f"Thành phần hồ sơ không có trong thủ tục: {', '.join(unknown)}.")
    dossier = change.dossier
    dossier.supplement_request = _required(note, "nội dung yêu cầu bổ sung")
    dossier.supplement_codes = list(components)
    change.to(SUPPLEMENT, "Yêu cầu bổ sung giấy tờ", dossier.supplement_request)


def request_obligation(change: Change, *, amount: int, note: str = "") -> None:
    if amount <= 0:
        raise ActionRefused("Số tiền phải nộp phải lớn hơn 0 đồng.")
    change.dossier.fee_amount = amount
    change.dossier.fee_paid = False
    money = f"{amount:,}".replace(",", ".")
    change.to(OBLIGATION, f"Yêu cầu thực hiện nghĩa vụ tài chính ({money} đồng)", note.strip())


def appraise(change: Change, *, note: str) -> None:
    dossier = change.dossier
    step = change.procedure.steps[dossier.step_index]
    note = note.strip() or "Hồ sơ đủ điều kiện giải quyết."
    dossier.appraisal_note = note
    dossier.step_index += 1
    if dossier.status == RECEIVED:
        change.to(PROCESSING, f"Thẩm định: {step.name}", note)
    else:
        change.step(f"Thẩm định: {step.name}", note)


@dataclass(frozen=True)
class SignedResult:
    """The electronic result made at approval: the signed PDF and what identifies it."""

    number: str  # MaGiayTo
    pdf: bytes
    sha256: str
    signer: str
    signed_at: datetime


def approve(change: Change, *, result: SignedResult | None, note: str = "") -> None:
    dossier = change.dossier
    if result is not None:
        dossier.result_number = result.number
        dossier.result_pdf = result.pdf
        dossier.result_sha256 = result.sha256
        dossier.result_signer = result.signer
        dossier.result_signed_at = result.signed_at
    dossier.approved_at = change.now
    dossier.step_index += 1
    change.to(DONE, "Phê duyệt, ký kết quả giải quyết", note.strip())


def warehouse_payload(dossier: Dossier, *, procedure: Procedure, agency: str) -> dict[str, Any]:
    """The electronic result for the citizen's data warehouse (contracts 3.3)."""
    assert dossier.code is not None and dossier.result_signed_at is not None
    data = warehouse_data(
        so_dinh_danh=dossier.owner_id,
        ma_ho_so=dossier.code,
        ten_giay_to=procedure.result_name,
        co_quan_ban_hanh=agency,
        nguoi_ky=dossier.result_signer or "",
        ngay_ky=dossier.result_signed_at,
        pdf=dossier.result_pdf or b"",
    )
    if defects.active("result_hash_of_unsigned_pdf"):  # seeded defect: the stored (wrong) hash
        data["MaBam"] = dossier.result_sha256
    return data


def return_result(change: Change, *, agency: str) -> None:
    dossier = change.dossier
    dossier.returned_at = change.now
    dossier.step_index = len(change.procedure.steps)
    change.to(RETURNED, "Trả kết quả giải quyết")
    if defects.active("result_not_sent_to_warehouse"):  # seeded defect
        return
    if dossier.result_sha256 and dossier.result_pdf and dossier.code:
        outbox.enqueue(
            change.db,
            service="KhoDuLieu",
            dossier_code=dossier.code,
            payload=warehouse_payload(dossier, procedure=change.procedure, agency=agency),
            on_commit=change.ctx.on_commit,
        )


def apologise(change: Change, *, text: str, new_due: date | None) -> None:
    text = _required(text, "nội dung thư xin lỗi")
    if new_due is None:
        raise ActionRefused("Vui lòng chọn ngày hẹn trả mới.")
    new_due_at = datetime.combine(new_due, time(17, 0), tzinfo=VN_TZ)
    if new_due_at <= change.now:
        raise ActionRefused("Ngày hẹn trả mới phải sau thời điểm hiện tại.")
    dossier = change.dossier
    dossier.apology_text = text
    dossier.apology_at = change.now
    dossier.due_at = new_due_at
    change.step(f"Gửi thư xin lỗi, hẹn lại ngày trả kết quả {new_due:%d/%m/%Y}", text)


def stop(change: Change, *, reason: str) -> None:
    change.dossier.reason = _required(reason, "lý do dừng xử lý")
    change.to(STOPPED, "Dừng xử lý hồ sơ", change.dossier.reason)


# --- the citizen's actions (the Change's actor is the citizen) ---------------------------


def withdraw(change: Change, *, reason: str) -> None:
    dossier = change.dossier
    if dossier.status not in CITIZEN_WITHDRAWABLE:
        raise ActionRefused(
            f"Không thể rút hồ sơ ở trạng thái “{workflow.status_name(dossier.status)}”."
        )
    dossier.reason = _required(reason, "lý do rút hồ sơ")
    change.to(WITHDRAWN, "Công dân rút hồ sơ", dossier.reason)


def supplement_done(change: Change, *, note: str) -> None:
    """The citizen sent the papers asked for: processing resumes (5 → 4)."""
    if change.dossier.status != SUPPLEMENT:
        raise ActionRefused("Hồ sơ không ở trạng thái yêu cầu bổ sung.")
    if defects.active("supplement_does_not_resume"):  # seeded defect: papers kept, status not
        change.step("Công dân bổ sung hồ sơ", note.strip())
        return
    change.dossier.supplement_request = None
    change.dossier.supplement_codes = []
    change.to(PROCESSING, "Công dân bổ sung hồ sơ", note.strip())
