"""Checklist item 2: a draft (luu_nhap, thong_tin_dinh_danh) — the citizen saves half a
form, comes back to it from "Hồ sơ của tôi" and finishes it; a saved draft keeps the name
and identity number of the identity account even when the form sent was altered in the
browser."""

from __future__ import annotations

from pathlib import Path

from faker import Faker
from playwright.sync_api import Page, expect
from pytest_bdd import given, then, when

from fixtures.citizens import Citizen
from fixtures.procedures import ProcedureSpec, generate
from pages.protocols import PageSet
from steps.world import (
    Filled,
    Submitted,
    fill_fields,
    shown_from_identity,
    start_form,
    vn_today,
)


@given("công dân đã điền một nửa tờ khai và đính kèm giấy tờ", target_fixture="filled")
def _(
    ui: PageSet,
    page: Page,
    procedure: ProcedureSpec,
    citizen: Citizen,
    fake: Faker,
    sample_files: dict[str, Path],
) -> Filled:
    return start_form(ui, page, procedure, citizen, fake, share=0.5, papers=sample_files)[1]


@when("công dân lưu nháp hồ sơ")
def _(ui: PageSet, page: Page) -> None:
    ui.submission_form(page).save_draft()


@when('công dân mở lại hồ sơ nháp từ mục "Hồ sơ của tôi"')
def _(ui: PageSet, page: Page, filled: Filled) -> None:
    ui.my_dossiers(page).open().resume_draft(filled.procedure.name)


@when("công dân điền nốt tờ khai và nộp hồ sơ", target_fixture="submitted")
def _(ui: PageSet, page: Page, filled: Filled, fake: Faker) -> Submitted:
    form = ui.submission_form(page)
    rest = [f for f in filled.procedure.to_fill if f.label not in filled.values]
    fill_fields(
        form, filled.procedure, {f.label: generate(f, fake, today=vn_today()) for f in rest}
    )
    return Submitted(form.submit_dossier().code(), filled.procedure)


@when(
    "công dân sửa họ tên và số định danh điền sẵn trên tờ khai "
    "bằng công cụ của trình duyệt rồi lưu nháp",
    target_fixture="filled",
)
def _(ui: PageSet, page: Page, procedure: ProcedureSpec, citizen: Citizen, fake: Faker) -> Filled:
    form = ui.submission_form(page).open(procedure.code).is_current()
    for spec in procedure.prefilled:
        if spec.prefill in ("HoVaTen", "SoDinhDanh"):
            form.force(spec.label, generate(spec, fake, today=vn_today()))
    form.save_draft()
    return Filled(procedure, shown_from_identity(procedure, citizen))


@then("tờ khai đã lưu vẫn mang họ tên và số định danh trên tài khoản định danh")
def _(ui: PageSet, page: Page, filled: Filled) -> None:
    form = ui.submission_form(page).is_current()
    for spec in filled.procedure.prefilled:
        if spec.prefill in ("HoVaTen", "SoDinhDanh"):
            expect(form.field(spec.label), f"ô {spec.label} sau khi lưu").to_have_value(
                filled.values[spec.label]
            )
