"""Checklist item 4 (sync): how the portal sends a change again when the national portal
did not take it — the waits between attempts, which answers are worth another try, the
national portal down for a while, and its session expired (the portal signs in again).

The attempts are read from the national portal mock's journal (when each call arrived),
never from the portal's own bookkeeping.
"""

from __future__ import annotations

from datetime import datetime
from itertools import pairwise
from typing import Any

from pytest_bdd import given, parsers, then, when

from fixtures.evidence import attach_json
from fixtures.national_portal import ScenarioNationalPortal, journal_of, refused_for_good
from fixtures.polling import poll
from fixtures.procedures import ProcedureSpec
from pages.test_api import PortalTestApi
from steps.world import Dossier, People

TOLERANCE_S = 0.02  # the journal's times are to the millisecond
ATTEMPTS = 4  # the first attempt and three retries: the base wait and two doublings


def seconds(text: str) -> float:
    """``"0,2"`` (Vietnamese decimal comma) → 0.2."""
    return float(text.replace(",", "."))


def failed_attempts(national_portal: ScenarioNationalPortal, code: str) -> list[dict[str, Any]]:
    """The calls of dossier ``code`` that met an armed fault, in the order they arrived."""
    entries = journal_of(national_portal.scenario_journal(), code)
    return [e for e in entries if e["verdict"] == "fault"]


@given(
    parsers.parse('Cổng DVCQG trả lời mã lỗi {error_code:d} "{message}" cho các lời gọi của hồ sơ')
)
def _(
    national_portal: ScenarioNationalPortal, dossier: Dossier, error_code: int, message: str
) -> None:
    national_portal.arm(
        "error_answer",
        times=0,
        match={"MaHoSo": dossier.code},
        params={"error_code": error_code, "message": message},
    )


@given(
    parsers.parse(
        'Cổng DVCQG trả lời HTTP {status:d}, mã lỗi {error_code:d} "{message}" '
        "cho các lời gọi của hồ sơ"
    )
)
def _(
    national_portal: ScenarioNationalPortal,
    dossier: Dossier,
    status: int,
    error_code: int,
    message: str,
) -> None:
    """Every call of the dossier is answered with that HTTP status and error code, until
    the national portal works again."""
    national_portal.arm(
        "error_answer",
        times=0,
        match={"MaHoSo": dossier.code},
        params={"status": status, "error_code": error_code, "message": message},
    )


@given(
    "một hồ sơ khác của công dân có thay đổi đang chờ gửi lại "
    "vì Cổng DVCQG ngừng phục vụ các lời gọi của hồ sơ đó",
    target_fixture="other_dossier",
)
def _(people: People, national_portal: ScenarioNationalPortal, procedure: ProcedureSpec) -> Dossier:
    """Received by the reception officer while the national portal answers none of its
    calls: its changes wait in the portal for another attempt."""
    other = people.new_dossier(procedure.code, 1)
    national_portal.watch(other.code)
    national_portal.wait_for_status(other.code, 1)
    national_portal.arm("down", times=0, match={"MaHoSo": other.code})
    people.ui.officer_dossier(people.officer("cán bộ một cửa")).open(other.code).receive()
    poll(
        lambda: failed_attempts(national_portal, other.code),
        what=f"cổng thử gửi thay đổi của hồ sơ {other.code} khi Cổng DVCQG ngừng phục vụ",
    )
    return other


@given(
    parsers.parse(
        "Cổng DVCQG từ chối hẳn bước tiến độ tiếp theo của hồ sơ: "
        'HTTP {status:d}, mã lỗi {error_code:d} "{message}"'
    ),
    target_fixture="rejected_before",
)
def _(
    national_portal: ScenarioNationalPortal,
    test_api: PortalTestApi,
    dossier: Dossier,
    status: int,
    error_code: int,
    message: str,
) -> int:
    """One CapNhatTienDoHoSoMC call of the dossier is answered as a refusal of the data;
    returns how many changes the portal had given up before."""
    before = int(test_api.outbox()["rejected"])
    national_portal.arm(
        "error_answer",
        times=1,
        match={"MaHoSo": dossier.code, "service": "CapNhatTienDoHoSoMC"},
        params={"status": status, "error_code": error_code, "message": message},
    )
    return before


@then("cổng ghi nhận thay đổi đó bị Cổng DVCQG từ chối hẳn, không còn chờ gửi lại")
def _(
    national_portal: ScenarioNationalPortal,
    test_api: PortalTestApi,
    dossier: Dossier,
    rejected_before: int,
) -> None:
    refused = poll(
        lambda: [e for e in failed_attempts(national_portal, dossier.code) if refused_for_good(e)],
        what=f"Cổng DVCQG từ chối một bước tiến độ của hồ sơ {dossier.code}",
    )
    attach_json("Lời gọi Cổng DVCQG từ chối hẳn", refused)
    poll(
        lambda: test_api.outbox()["rejected"] == rejected_before + 1,
        what=(
            f"cổng ghi thay đổi của hồ sơ {dossier.code} là bị từ chối hẳn "
            f"(số thay đổi bị bỏ {rejected_before} → {rejected_before + 1}), không gửi lại y nguyên"
        ),
        describe_last=lambda: str(test_api.outbox()),
    )


@then(
    parsers.re(
        r"Cổng DVCQG nhận các trạng thái (?P<expected>[\d, ]+) của hồ sơ khác, "
        r"mỗi trạng thái một lần"
    )
)
def _(national_portal: ScenarioNationalPortal, other_dossier: Dossier, expected: str) -> None:
    wanted = [int(c) for c in expected.replace(" ", "").split(",")]
    held = national_portal.wait_for_status(other_dossier.code, wanted[-1])
    assert held["statuses"] == wanted, (
        f"Cổng DVCQG nhận các trạng thái {held['statuses']} của hồ sơ {other_dossier.code} "
        f"(đúng ra {wanted}): thay đổi của hồ sơ khác bị mất khi một lời gọi bị từ chối"
    )


@then(
    parsers.parse(
        "cổng gửi lại sau những khoảng chờ tăng dần: lần đầu sau ít nhất {base} giây, "
        "mỗi lần sau gấp đôi lần trước"
    )
)
def _(national_portal: ScenarioNationalPortal, dossier: Dossier, base: str) -> None:
    """Four attempts: three gaps, the first and two doublings (0.2 + 0.4 + 0.8 s for the
    reference portal). A cap on the wait shows only after it is reached (5 s for the
    reference portal, more than 11 s of waiting): the feature's description names it."""
    waits = [seconds(base) * 2**k for k in range(ATTEMPTS - 1)]

    def all_attempts() -> list[dict[str, Any]]:
        found = failed_attempts(national_portal, dossier.code)
        return found if len(found) >= ATTEMPTS else []

    attempts = poll(
        all_attempts,
        what=f"{ATTEMPTS} lần cổng thử gửi thay đổi của hồ sơ {dossier.code} khi Cổng DVCQG ngừng phục vụ",
        timeout_s=sum(waits) + 10.0,
        interval_s=0.2,
        describe_last=lambda: str(len(failed_attempts(national_portal, dossier.code))),
    )
    times = [datetime.fromisoformat(e["time"]) for e in attempts[:ATTEMPTS]]
    gaps = [round((b - a).total_seconds(), 3) for a, b in pairwise(times)]
    attach_json(
        "Các lần gửi lại khi Cổng DVCQG ngừng phục vụ",
        {"lúc đến Cổng DVCQG": [e["time"] for e in attempts[:ATTEMPTS]], "khoảng chờ (giây)": gaps,
         "khoảng chờ tối thiểu (giây)": waits},
    )  # fmt: skip
    short = [
        f"lần {i + 2}: sau {gap:g} giây, phải chờ ít nhất {wait:g} giây"
        for i, (gap, wait) in enumerate(zip(gaps, waits, strict=True))
        if gap < wait - TOLERANCE_S
    ]
    assert not short, (
        f"cổng gửi lại thay đổi của hồ sơ {dossier.code} quá sớm, không chờ tăng dần: {short}"
    )


# --- the national portal down, its session expired --------------------------------------


@given("Cổng DVCQG ngừng phục vụ các lời gọi của hồ sơ")
def _(national_portal: ScenarioNationalPortal, dossier: Dossier) -> None:
    national_portal.arm("down", times=0, match={"MaHoSo": dossier.code})


@given("phiên làm việc của cổng với Cổng DVCQG hết hạn")
def _(national_portal: ScenarioNationalPortal, dossier: Dossier) -> None:
    national_portal.arm("session_expired", times=1, match={"MaHoSo": dossier.code})


@when("Cổng DVCQG hoạt động trở lại")
def _(national_portal: ScenarioNationalPortal) -> None:
    national_portal.clear_faults()


@then("cổng đã thử gửi nhưng Cổng DVCQG chưa nhận trạng thái mới nào của hồ sơ")
def _(national_portal: ScenarioNationalPortal, dossier: Dossier) -> None:
    poll(
        lambda: [e for e in journal_of(national_portal.scenario_journal(), dossier.code)
                 if e["verdict"] == "fault"],
        what=f"cổng thử gửi thay đổi của hồ sơ {dossier.code} khi Cổng DVCQG ngừng phục vụ",
    )  # fmt: skip
    held = national_portal.dossier(dossier.code) or {}
    assert held.get("statuses") == [1], f"Cổng DVCQG đang ngừng mà vẫn nhận: {held.get('statuses')}"


@then("cổng đăng nhập lại Cổng DVCQG rồi gửi tiếp")
def _(people: People, national_portal: ScenarioNationalPortal, dossier: Dossier) -> None:
    national_portal.wait_for_status(dossier.code, 2)
    journal = national_portal.scenario_journal()
    expired = [e["seq"] for e in journal_of(journal, dossier.code) if e["verdict"] == "fault"]
    assert expired, "Cổng DVCQG chưa báo phiên hết hạn cho lời gọi nào của hồ sơ"
    logins = [e["seq"] for e in journal if e["service"] == "dang-nhap" and e["status"] == 200]
    assert any(seq > expired[0] for seq in logins), (
        f"sau khi phiên hết hạn (lời gọi #{expired[0]}), cổng không đăng nhập lại: {logins}"
    )
