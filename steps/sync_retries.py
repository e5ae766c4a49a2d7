"""Checklist item 4 (sync): how the portal sends a change again when the national portal
did not take it — the waits between attempts, and which answers are worth another try.

The attempts are read from the national portal mock's journal (when each call arrived),
never from the portal's own bookkeeping.
"""

from __future__ import annotations

from datetime import datetime
from itertools import pairwise
from typing import Any

from pytest_bdd import given, parsers, then

from fixtures.evidence import attach_json
from fixtures.national_portal import ScenarioNationalPortal, journal_of
from fixtures.polling import poll
from steps.world import Dossier

TOLERANCE_S = 0.02  # the journal's times are to the millisecond


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


@then(
    parsers.parse(
        "cổng gửi lại sau những khoảng chờ tăng dần: lần đầu sau ít nhất {base} giây, "
        "mỗi lần sau gấp đôi lần trước, tối đa {cap} giây"
    )
)
def _(national_portal: ScenarioNationalPortal, dossier: Dossier, base: str, cap: str) -> None:
    first, longest = seconds(base), seconds(cap)
    waits = [min(longest, first * 2**k) for k in range(4)]  # the gaps between 5 attempts

    def five_attempts() -> list[dict[str, Any]]:
        found = failed_attempts(national_portal, dossier.code)
        return found if len(found) >= 5 else []

    attempts = poll(
        five_attempts,
        what=f"5 lần cổng thử gửi thay đổi của hồ sơ {dossier.code} khi Cổng DVCQG ngừng phục vụ",
        timeout_s=sum(waits) + 10.0,
        interval_s=0.2,
        describe_last=lambda: str(len(failed_attempts(national_portal, dossier.code))),
    )
    times = [datetime.fromisoformat(e["time"]) for e in attempts[:5]]
    gaps = [round((b - a).total_seconds(), 3) for a, b in pairwise(times)]
    attach_json(
        "Các lần gửi lại khi Cổng DVCQG ngừng phục vụ",
        {"lúc đến Cổng DVCQG": [e["time"] for e in attempts[:5]], "khoảng chờ (giây)": gaps,
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
