"""Beyond the checklist: an toàn thông tin — what a citizen sends that the portal must not
take as it is (features/06_an_toan_thong_tin/tep_tai_len.feature,
noi_dung_nguy_hiem.feature): dangerous or oversized files sent straight to the portal
(fixtures/raw_http.py ``send_as_browser``), scripts typed into the form's fields."""

from __future__ import annotations

import re

from playwright.sync_api import Dialog, Page, expect
from pytest_bdd import given, parsers, then, when

from fixtures.procedures import ProcedureSpec
from fixtures.raw_http import Attempt, send_as_browser
from pages.protocols import ROLE_PATTERN, PageSet
from steps.world import Filled, People, Submitted

ROLE = f"(?P<role>{ROLE_PATTERN})"


def contents(pdf: bytes) -> dict[str, bytes]:
    """How a scenario names a file's content → its bytes (``pdf``: a valid PDF)."""
    return {
        "một bản PDF": pdf,
        "một trang HTML có mã script": b"<!doctype html><html><script>alert(1)</script></html>",
        "một ảnh SVG có mã script": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "một bản PDF nặng 6 MB": pdf + b"0" * 6 * 2**20,
        "một bản PDF nặng 30 MB": pdf + b"0" * 30 * 2**20,
    }


# --- uploads sent straight to the portal --------------------------------------------------


@when(
    parsers.re(
        r"công dân gửi thẳng đến cổng hồ sơ với giấy tờ bắt buộc "
        r"là tệp \"(?P<name>[^\"]+)\" khai là (?P<mime>\S+), nội dung (?P<content>.+)"
    ),
    target_fixture="attempt",
)
def _(
    page: Page,
    ui: PageSet,
    procedure: ProcedureSpec,
    name: str,
    mime: str,
    content: str,
) -> Attempt:
    """The procedure's first required paper, sent as the file the scenario names."""
    http = ui.http
    form = http.submission_form(procedure.code, {}, [], draft=False)
    body = contents(http.PDF)[content]
    paper = procedure.required_attachments[0]
    form.files[f"tep_{paper.code}"] = http.pdf(name, body, mime)
    return send_as_browser(page, ui, form, http.sender(page).token())


@then(parsers.parse('cổng không nhận tệp và báo: "{message}"'))
def _(attempt: Attempt, message: str) -> None:
    assert attempt.status == 422, f"cổng trả lời HTTP {attempt.status}, không phải 422 (từ chối)"
    assert message in attempt.text, f"cổng không báo “{message}”"


@then(parsers.parse('cổng từ chối yêu cầu quá lớn và báo: "{message}"'))
def _(attempt: Attempt, message: str) -> None:
    assert attempt.status == 413, f"cổng trả lời HTTP {attempt.status}, không phải 413"
    assert message in attempt.text, f"cổng không báo “{message}”"


@then("tệp bị từ chối không được lưu vào hồ sơ nào của công dân")
def _(page: Page, ui: PageSet, procedure: ProcedureSpec) -> None:
    mine = ui.all_my_dossiers(page).open()
    assert mine.statuses() == {}, f"cổng đã nhận hồ sơ: {mine.statuses()}"
    for _ in range(mine.draft_count()):
        mine.resume_draft(procedure.name)
        form = ui.submission_form(page).is_current()
        paper = form.field(procedure.required_attachments[0].name)
        expect(paper, "giấy tờ của hồ sơ nháp").not_to_have_accessible_description(
            re.compile("Đã đính kèm")
        )
        mine.open()


# --- scripts typed into forms ---------------------------------------------------------------


@given(
    "trình duyệt của công dân và của cán bộ một cửa được theo dõi hộp thoại",
    target_fixture="dialogs",
)
def _(page: Page, people: People) -> list[str]:
    opened: list[str] = []

    def record(dialog: Dialog) -> None:
        opened.append(dialog.message)
        dialog.dismiss()

    for watched in (page, people.officer("cán bộ một cửa")):
        watched.on("dialog", record)
    return opened


@when(
    parsers.re(r"công dân gõ '(?P<text>.+)' vào ô \"(?P<label>[^\"]+)\" và nộp hồ sơ"),
    target_fixture="submitted",
)
def _(page: Page, ui: PageSet, filled: Filled, text: str, label: str) -> Submitted:
    form = ui.submission_form(page)
    form.fill(label, text)
    return Submitted(form.submit_dossier().code(), filled.procedure)


@then(parsers.re(f'{ROLE} mở hồ sơ thấy "(?P<label>[^"]+)" ghi nguyên văn \'(?P<text>.+)\''))
def _(people: People, submitted: Submitted, role: str, label: str, text: str) -> None:
    officer_page = people.officer(role)
    people.ui.officer_dossier(officer_page).open(submitted.code)
    form = officer_page.get_by_role("region", name="Thông tin tờ khai")
    expect(form.get_by_label(label, exact=True), f"“{label}” trên trang của {role}").to_have_text(
        text
    )
    injected = form.evaluate("el => el.querySelectorAll('script, img, svg, iframe').length")
    assert injected == 0, f"nội dung công dân gõ đã thành {injected} phần tử HTML trên trang"


@then("không trình duyệt nào mở hộp thoại hay chạy mã công dân đã gõ")
def _(dialogs: list[str]) -> None:
    assert dialogs == [], f"trình duyệt đã mở hộp thoại do mã công dân gõ: {dialogs}"
