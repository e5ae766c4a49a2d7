"""Checklist item 2: the portal checks what the citizen sends (kiem_tra_to_khai, tep_dinh_kem)
— a wrong value typed into a field, a wrong or missing paper: the portal refuses the
dossier, says why at the field, and keeps what the citizen entered.

The wrong values come from the scenarios' tables; the fields are found by kind in the
target's procedure files (``fixtures/procedures.FIELD_KINDS``)."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from faker import Faker
from playwright.sync_api import Page, expect
from pytest_bdd import given, parsers, then, when

from fixtures.citizens import Citizen
from fixtures.procedures import FIELD_KINDS, ProcedureSpec, field_of_kind
from pages.protocols import PageSet
from steps.world import Filled, start_form, vn_today

RELATIVE_DAYS = {"ngày mai": 1}
EMPTY = "(để trống)"
PAST_AGE_LIMIT = "quá giới hạn tuổi một năm"  # a date: the field's max_age_years + 1 ago
KIND = "|".join(map(re.escape, FIELD_KINDS))


@given("công dân đã điền tờ khai với đủ thông tin và giấy tờ", target_fixture="filled")
def _(
    ui: PageSet,
    page: Page,
    procedure: ProcedureSpec,
    citizen: Citizen,
    fake: Faker,
    sample_files: dict[str, Path],
) -> Filled:
    return start_form(ui, page, procedure, citizen, fake, share=1, papers=sample_files)[1]


@given(
    "công dân đã điền tờ khai với đủ thông tin nhưng chưa đính kèm giấy tờ",
    target_fixture="filled",
)
def _(ui: PageSet, page: Page, procedure: ProcedureSpec, citizen: Citizen, fake: Faker) -> Filled:
    return start_form(ui, page, procedure, citizen, fake, share=1)[1]


@when(
    parsers.re(f'công dân nhập "(?P<value>[^"]*)" vào ô (?P<kind>{KIND}) rồi nộp hồ sơ'),
    target_fixture="filled",
)
def _(ui: PageSet, page: Page, filled: Filled, value: str, kind: str) -> Filled:
    """The procedure's first editable field of that kind (fixtures/procedures.FIELD_KINDS)."""
    spec = field_of_kind(filled.procedure, kind)
    assert spec is not None, f"thủ tục {filled.procedure.code} không có ô {kind}"
    typed = "" if value == EMPTY else value
    if value in RELATIVE_DAYS:
        typed = (vn_today() + timedelta(days=RELATIVE_DAYS[value])).isoformat()
    if value == PAST_AGE_LIMIT:
        years = (spec.max_age_years or 0) + 1
        typed = (vn_today() - timedelta(days=years * 366)).isoformat()
    form = ui.submission_form(page)
    form.fill(spec.label, typed, choice=bool(spec.choices))
    form.try_to_submit()
    values = {**filled.values, spec.label: typed}
    return Filled(filled.procedure, values, filled.attached, typed=spec)


@when(parsers.parse("công dân đính kèm giấy tờ bắt buộc là {sample} rồi nộp hồ sơ"))
def _(
    ui: PageSet, page: Page, sample_files: dict[str, Path], procedure: ProcedureSpec, sample: str
) -> None:
    """The procedure's first required paper."""
    form = ui.submission_form(page)
    form.attach(procedure.required_attachments[0].name, sample_files[sample])
    form.try_to_submit()


@when("công dân nộp hồ sơ mà chưa đính kèm giấy tờ")
def _(ui: PageSet, page: Page) -> None:
    ui.submission_form(page).try_to_submit()


@then(parsers.parse('cổng không nhận hồ sơ và báo ở ô đó: "{message}"'))
def _(ui: PageSet, page: Page, filled: Filled, message: str) -> None:
    """``message`` may name the field: [tên ô], [tên ô viết thường], [giới hạn tuổi], and
    [lời nhắn của thủ tục] (the field's pattern_message in the procedure file)."""
    spec = filled.typed
    assert spec is not None, "kịch bản chưa nhập vào ô nào"
    for token, text in {
        "[tên ô]": spec.label,
        "[tên ô viết thường]": spec.label[:1].lower() + spec.label[1:],
        "[giới hạn tuổi]": str(spec.max_age_years),
        "[lời nhắn của thủ tục]": spec.pattern_message,
    }.items():
        message = message.replace(token, text)
    assert_refused_at(ui, page, spec.label, message)


def assert_refused_at(ui: PageSet, page: Page, label: str, message: str) -> None:
    form = ui.submission_form(page).is_current()
    expect(form.errors, "tóm tắt lỗi của tờ khai").to_contain_text(message)
    expect(form.field(label), f"lời nhắn gắn với ô {label}").to_have_accessible_description(
        re.compile(re.escape(message))
    )
    expect(form.field(label), f"ô {label} được đánh dấu không hợp lệ").to_have_attribute(
        "aria-invalid", "true"
    )


@then(parsers.parse('cổng không nhận hồ sơ và báo ở giấy tờ bắt buộc: "{message}"'))
def _(ui: PageSet, page: Page, procedure: ProcedureSpec, message: str) -> None:
    """The procedure's first required paper; [tên giấy tờ] in ``message`` is its name."""
    paper = procedure.required_attachments[0].name
    assert_refused_at(ui, page, paper, message.replace("[tên giấy tờ]", paper))


@then("các thông tin và giấy tờ công dân đã nhập vẫn còn nguyên")
def _(ui: PageSet, page: Page, filled: Filled) -> None:
    form = ui.submission_form(page).is_current()
    for label, value in filled.values.items():
        expect(form.field(label), f"giá trị đã nhập ở ô {label}").to_have_value(value)
    for paper, file_name in filled.attached.items():
        kept = re.compile(re.escape(f"Đã đính kèm: {file_name}"))
        expect(form.field(paper), f"tệp đã đính kèm cho {paper}").to_have_accessible_description(
            kept
        )
