"""Beyond the checklist: độ tin cậy — 50 citizens submit at the same instant
(features/07_do_tin_cay/nop_ho_so_dong_thoi.feature): 50 unique codes, nobody sees
another's dossier, all synced once. The submissions go straight over HTTP, released
together (fixtures/raw_http.py ``submit_at_once``), on the reliability scenarios' own
stack (``isolated``: fixtures/isolated.py)."""

from __future__ import annotations

from typing import Any

from faker import Faker
from pytest_bdd import given, parsers, then, when

from fixtures.citizens import Citizen, new_citizen
from fixtures.isolated import SETTLE_S, Isolated
from fixtures.national_portal import rejected_calls
from fixtures.polling import poll
from fixtures.procedures import ProcedureSpec, fill_values
from fixtures.raw_http import cookie_header, submit_at_once
from steps.world import vn_today


@given(
    parsers.parse("{count:d} công dân có phiên làm việc trên cổng chạy riêng"),
    target_fixture="crowd",
)
def _(isolated: Isolated, fake: Faker, count: int) -> list[tuple[Citizen, dict[str, str]]]:
    crowd = []
    for _ in range(count):
        citizen = new_citizen(fake)
        crowd.append((citizen, isolated.session_of(citizen)))
    return crowd


@when(
    parsers.parse("{count:d} công dân cùng lúc nộp hồ sơ với đủ thông tin và giấy tờ"),
    target_fixture="answers",
)
def _(
    isolated: Isolated,
    crowd: list[tuple[Citizen, dict[str, str]]],
    procedure: ProcedureSpec,
    fake: Faker,
    count: int,
) -> list[tuple[Citizen, int, str]]:
    assert len(crowd) == count
    code = procedure.code
    papers = [a.code for a in procedure.required_attachments]
    routes = isolated.ui.http
    forms = [
        routes.submission_form(
            code, fill_values(procedure, fake, c, today=vn_today()), papers, draft=False
        )
        for c, _ in crowd
    ]
    answers = submit_at_once(isolated.url, routes, forms, [cookies for _, cookies in crowd])
    return [
        (citizen, status, location)
        for (citizen, _), (status, location) in zip(crowd, answers, strict=True)
    ]


@then(
    parsers.parse(
        "cả {count:d} công dân đều nhận được giấy tiếp nhận, với {distinct:d} mã hồ sơ khác nhau"
    ),
    target_fixture="received",
)
def _(
    isolated: Isolated, answers: list[tuple[Citizen, int, str]], count: int, distinct: int
) -> dict[str, str]:
    statuses = sorted({status for _, status, _ in answers})
    assert statuses == [303], f"các câu trả lời của cổng: HTTP {statuses}"
    codes = {
        citizen.cccd: isolated.ui.http.receipt_code(location) for citizen, _, location in answers
    }
    assert len(codes) == count and len(set(codes.values())) == distinct, (
        f"{len(codes)} công dân nhận {len(set(codes.values()))} mã hồ sơ khác nhau"
    )
    return codes


@then('mỗi công dân thấy đúng một hồ sơ, là hồ sơ của mình, trong "Hồ sơ của tôi"')
def _(
    isolated: Isolated, crowd: list[tuple[Citizen, dict[str, str]]], received: dict[str, str]
) -> None:
    for citizen, cookies in crowd:
        routes = isolated.ui.http
        mine = routes.submitted_codes(
            isolated.http.get(
                f"{isolated.url}{routes.MY_DOSSIERS_PATH}", headers=cookie_header(cookies)
            ).text
        )
        assert mine == [received[citizen.cccd]], f"{citizen.full_name} thấy các hồ sơ {mine}"


@then(
    parsers.parse(
        "Cổng DVCQG nhận đủ {count:d} hồ sơ, mỗi hồ sơ một lần với trạng thái 1, "
        "không từ chối lời gọi nào"
    )
)
def _(isolated: Isolated, received: dict[str, str], count: int) -> None:
    codes = set(received.values())

    def arrived() -> dict[str, Any] | None:
        held = isolated.national.all_dossiers()["dossiers"]
        return held if codes <= set(held) else None

    held = poll(arrived, what=f"Cổng DVCQG nhận đủ {count} hồ sơ", timeout_s=SETTLE_S * 2)
    isolated.api.drain(timeout_s=SETTLE_S)
    held = isolated.national.all_dossiers()["dossiers"]
    wrong = {c: held[c]["statuses"] for c in codes if held[c]["statuses"] != [1]}
    assert not wrong, f"trạng thái Cổng DVCQG nhận khác [1]: {wrong}"
    refused = {c: rejected_calls(held[c]) for c in codes if held[c]["rejected"]}
    assert not refused, f"Cổng DVCQG từ chối: {refused}"
