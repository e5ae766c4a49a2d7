"""Beyond the checklist: khả năng tiếp cận. axe-core (WCAG 2.2 AA) on every page a citizen
passes through (trang_cong_dan); the keyboard alone is in steps/accessibility_keyboard.py."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass

import allure
import pytest
from playwright.sync_api import Page, expect
from pytest_bdd import parsers, then, when
from pytest_playwright import CreateContextCallback

from fixtures.axe import audit, describe
from fixtures.citizens import Citizen
from fixtures.preconditions import Preconditions
from fixtures.procedures import ProcedureSpec, choose, wanted
from fixtures.target import OfficerAccount
from pages.protocols import PageSet


@dataclass
class Visit:
    """What a page needs: the browser, the portal, the citizen and the preconditions (the
    test API, or the user interface without one)."""

    page: Page
    ui: PageSet
    citizen: Citizen
    preconditions: Preconditions
    procedures: dict[str, ProcedureSpec]  # the target's
    officer: Callable[[str], Page]  # an officer's page, signed in, by role
    signed: bool = False

    @property
    def any_procedure(self) -> ProcedureSpec:
        return self.procedures[min(self.procedures)]

    @property
    def paid(self) -> str:
        """A procedure with a fee (the payment pages need one), else the page is not tested."""
        spec = choose(self.procedures, {"co_le_phi"})
        if spec is None:
            pytest.skip(f"Chưa kiểm thử: đích kiểm thử không có {wanted({'co_le_phi'})}")
        return spec.code

    def signed_in(self) -> None:
        if not self.signed:
            self.preconditions.sign_in_citizen(self.page, self.citizen)
            self.signed = True

    @property
    def portal_url(self) -> str:
        return self.ui.citizen_url

    def dossier(self, procedure: str, status: int) -> str:
        if self.preconditions.through_ui:  # the citizen submits it: signed in first
            self.signed_in()
        made = self.preconditions.dossier(
            self.procedures[procedure], self.citizen, status, lambda: self.page, self.officer
        )
        return made.code


def home(v: Visit) -> None:
    expect(v.ui.home(v.page).open().sign_in_link, "trang chủ").to_be_visible()


def catalogue(v: Visit) -> None:
    v.ui.catalogue(v.page).open()


def procedure_page(v: Visit) -> None:
    procedure = v.any_procedure
    v.ui.catalogue(v.page).open().search(procedure.code).open_procedure(procedure.name)


def form(v: Visit) -> None:
    v.signed_in()
    v.ui.submission_form(v.page).open(v.any_procedure.code).is_current()


def form_with_errors(v: Visit) -> None:
    form(v)
    v.ui.submission_form(v.page).try_to_submit()


def receipt(v: Visit) -> None:
    v.signed_in()
    v.ui.receipt(v.page).open(v.dossier(v.paid, 1)).is_current()


def my_dossiers(v: Visit) -> None:
    v.signed_in()
    v.dossier(v.any_procedure.code, 4)
    v.ui.submission_form(v.page).open(v.any_procedure.code).save_draft()  # the drafts' table too
    v.ui.my_dossiers(v.page).open()


def detail(v: Visit) -> None:
    v.signed_in()
    v.ui.dossier_detail(v.page, v.dossier(v.paid, 10)).open()


def payment_platform(v: Visit) -> None:
    v.signed_in()
    v.ui.dossier_detail(v.page, v.dossier(v.paid, 1)).open().pay().is_current()


def payment_result(v: Visit) -> None:
    payment_platform(v)
    v.ui.hosted_payment(v.page).pay("Thẻ ATM nội địa")
    v.ui.payment_result(v.page).is_current()


def verification(v: Visit) -> None:
    code = v.dossier(v.any_procedure.code, 10)
    v.ui.verification(v.page).open_url(f"{v.portal_url}/xac-thuc/{code}")


def sso_login(v: Visit) -> None:
    v.ui.home(v.page).open().start_sign_in().is_current()


def sign_in_failed(v: Visit) -> None:
    v.ui.home(v.page).open().start_sign_in().cancel()
    v.ui.sign_in_failed(v.page).is_current()


def my_page(v: Visit) -> None:
    v.ui.home(v.page).open().sign_in(v.citizen.username, v.citizen.password.reveal())
    v.ui.personal(v.page).is_current()


def signed_out(v: Visit) -> None:
    my_page(v)
    signed = v.ui.personal(v.page).sign_out()
    v.ui.sso_pages.confirm_sign_out(v.page, signed.heading)  # if the provider asks
    signed.is_current()


PAGES: dict[str, Callable[[Visit], None]] = {
    "trang chủ": home,
    "danh mục thủ tục": catalogue,
    "trang thông tin thủ tục": procedure_page,
    "tờ khai nộp hồ sơ": form,
    "tờ khai đang báo lỗi": form_with_errors,
    "giấy tiếp nhận": receipt,
    "hồ sơ của tôi": my_dossiers,
    "trang chi tiết hồ sơ": detail,
    "trang thanh toán của nền tảng thanh toán": payment_platform,
    "trang kết quả thanh toán": payment_result,
    "trang xác thực kết quả điện tử": verification,
    "trang đăng nhập của hệ thống định danh": sso_login,
    "trang đăng nhập không thành công": sign_in_failed,
    "trang cá nhân": my_page,
    "trang đã đăng xuất": signed_out,
}


@when(parsers.re(r"công dân mở (?P<name>.+) để kiểm tra khả năng tiếp cận"))
def _(
    page: Page,
    new_context: CreateContextCallback,
    ui: PageSet,
    citizen: Citizen,
    preconditions: Preconditions,
    procedures: dict[str, ProcedureSpec],
    officers: dict[str, OfficerAccount],
    name: str,
) -> None:
    officer_pages: dict[str, Page] = {}

    def officer(role: str) -> Page:
        if role not in officer_pages:
            officer_pages[role] = new_context().new_page()
            preconditions.sign_in_officer(officer_pages[role], officers[role])
        return officer_pages[role]

    PAGES[name](Visit(page, ui, citizen, preconditions, procedures, officer))


@then("axe-core không tìm thấy lỗi tiếp cận nghiêm trọng nào theo WCAG 2.2 AA trên trang đó")
def _(page: Page) -> None:
    violations = audit(page)
    if violations:
        allure.attach(
            json.dumps(violations, ensure_ascii=False, indent=2),
            name="Kết quả axe-core",
            attachment_type=allure.attachment_type.JSON,
        )
    assert not violations, f"{page.url}:\n{describe(violations)}"
