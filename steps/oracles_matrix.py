"""Stronger oracles (issue 20), permissions: every officer role × every action × every
dossier status, and the citizen's actions on a dossier in every final status.

For each role the page must offer exactly the actions the scenario's table gives, and
every other action sent straight to the portal (the role's own session and anti-forgery
token, as a crafted request would) must be refused and change nothing: neither the
dossier's page nor what the national portal holds. The table is the specification; the
portal's own rules are never read.
"""

from __future__ import annotations

from typing import Any

from playwright.sync_api import APIResponse, expect
from pytest_bdd import given, parsers, then, when

from fixtures.national_portal import STATUS_CODES, ScenarioNationalPortal
from fixtures.oracles import procedure_of_kind
from fixtures.procedures import ProcedureSpec
from pages.protocols import ROLE_PATTERN
from steps.world import Dossier, People

KIND = "(?P<kind>một thủ tục có lệ phí|một thủ tục miễn phí)"
# Every action of the back office, by its button's name.
OFFICER_ACTIONS = (
    "Tiếp nhận",
    "Từ chối tiếp nhận",
    "Yêu cầu bổ sung",
    "Yêu cầu thực hiện nghĩa vụ tài chính",
    "Thẩm định",
    "Phê duyệt",
    "Trả kết quả",
    "Gửi thư xin lỗi",
    "Dừng xử lý",
)
NONE = "không có"


def action_list(text: str) -> list[str]:
    """ "Tiếp nhận; Từ chối tiếp nhận" → the names; "không có" → none."""
    names = [] if text.strip() == NONE else [n.strip() for n in text.split(";") if n.strip()]
    unknown = [n for n in names if n not in OFFICER_ACTIONS]
    assert not unknown, f"thao tác không có trong danh mục: {unknown} (có: {OFFICER_ACTIONS})"
    return names


def national_state(
    people: People, national_portal: ScenarioNationalPortal, code: str
) -> dict[str, Any]:
    """What the national portal holds of the dossier once the portal sent everything."""
    people.settle(national_portal, code)
    held = national_portal.dossier(code) or {}
    return {k: held.get(k) for k in ("record", "statuses", "progress")}


# --- Cho ----------------------------------------------------------------------------


@given(
    parsers.re(f'một công dân có hồ sơ {KIND} ở trạng thái "(?P<status>.+)"'),
    target_fixture="dossier",
)
def _(
    people: People,
    procedure: ProcedureSpec,
    national_portal: ScenarioNationalPortal,
    kind: str,
    status: str,
) -> Dossier:
    procedure = procedure_of_kind(procedure, kind)
    dossier = people.new_dossier(procedure.code, STATUS_CODES[status])
    national_portal.watch(dossier.code)
    national_portal.wait_for_status(dossier.code, STATUS_CODES[status])
    return dossier


# --- Khi ----------------------------------------------------------------------------


@when(
    parsers.re(
        f"(?P<role>{ROLE_PATTERN}) gửi thẳng đến cổng một thao tác mà khu vực cán bộ không có, "
        "kèm phiên làm việc và mã chống giả mạo hợp lệ"
    ),
    target_fixture="unknown_action_answer",
)
def _(people: People, dossier: Dossier, role: str) -> APIResponse:
    page = people.ui.officer_dossier(people.officer(role)).open(dossier.code)
    return page.post_unknown_action_directly(dossier.code)


# --- Thì: officers --------------------------------------------------------------------


@then(
    parsers.re(
        f"(?P<role>{ROLE_PATTERN}) chỉ thấy các thao tác: (?P<shown>.+?); "
        "mọi thao tác khác gửi thẳng đến cổng đều bị từ chối, hồ sơ không đổi"
    )
)
def _(
    people: People,
    national_portal: ScenarioNationalPortal,
    dossier: Dossier,
    role: str,
    shown: str,
) -> None:
    wanted = action_list(shown.replace(",", ";"))
    page = people.ui.officer_dossier(people.officer(role)).open(dossier.code)
    status_before = page.status.inner_text().strip()
    offered = page.action_buttons()
    assert sorted(offered) == sorted(wanted), (
        f"{role} phải thấy đúng các thao tác {wanted} với hồ sơ “{status_before}”, "
        f"nhưng trang có {offered}"
    )
    before = national_state(people, national_portal, dossier.code)
    accepted = {}
    for action in OFFICER_ACTIONS:
        if action in wanted:
            continue
        answer = page.post_action_directly(dossier.code, action)
        if not 400 <= answer.status < 500:
            accepted[action] = answer.status
            break  # the dossier has changed: what follows would not say more
    assert not accepted, (
        f"cổng phải từ chối (HTTP 4xx) các thao tác {role} không được làm với hồ sơ "
        f"“{status_before}”, nhưng đã nhận (HTTP): {accepted}"
    )
    after = national_state(people, national_portal, dossier.code)
    assert after == before, f"thao tác bị từ chối vẫn đến Cổng DVCQG: trước {before}, sau {after}"


# --- Thì: the citizen -----------------------------------------------------------------


@then("công dân không thấy nút thanh toán, ô bổ sung giấy tờ hay nút rút hồ sơ")
def _(people: People, dossier: Dossier) -> None:
    page = people.ui.citizen_dossier(people.citizen()).open(dossier.code)
    expect(page.pay_button, "không còn nút thanh toán").to_have_count(0)
    expect(page.supplement, "không còn phần bổ sung hồ sơ").to_have_count(0)
    expect(page.withdraw_button, "không còn nút rút hồ sơ").to_have_count(0)


@then(
    "cổng từ chối việc thanh toán, bổ sung giấy tờ và rút hồ sơ mà công dân gửi thẳng "
    "đến cổng, hồ sơ không đổi"
)
def _(
    people: People,
    national_portal: ScenarioNationalPortal,
    procedures: dict[str, ProcedureSpec],
    dossier: Dossier,
) -> None:
    http, page = people.ui.http, people.citizen()
    state = people.ui.dossier_state(page)
    shown_before = state.read(dossier.code)
    before = national_state(people, national_portal, dossier.code)
    papers = [a.code for a in procedures[dossier.procedure].required_attachments]
    forms = {**http.citizen_forms(dossier.code), "bổ sung giấy tờ": http.supplement_form(dossier.code, papers)}  # fmt: skip
    sender = http.sender(page)
    token = sender.token()
    accepted = {}
    for name, form in forms.items():
        answer = sender.send(form, token)
        if not 400 <= answer.status < 500:
            accepted[name] = answer.status
            break  # the dossier has changed: what follows would not say more
    assert not accepted, (
        f"cổng phải từ chối (HTTP 4xx) với hồ sơ “{shown_before['Trạng thái']}”, "
        f"nhưng đã nhận (HTTP): {accepted}"
    )
    assert state.read(dossier.code) == shown_before, "hồ sơ công dân thấy đã đổi"
    after = national_state(people, national_portal, dossier.code)
    assert after == before, f"việc bị từ chối vẫn đến Cổng DVCQG: trước {before}, sau {after}"


# --- Thì: an action that does not exist ------------------------------------------------


@then("cổng trả lời HTTP 404: không có thao tác đó")
def _(unknown_action_answer: APIResponse) -> None:
    status = unknown_action_answer.status
    assert status == 404, (
        f"thao tác không có phải được trả lời HTTP 404 (không tìm thấy), nhưng cổng trả lời "
        f"HTTP {status}"
    )
