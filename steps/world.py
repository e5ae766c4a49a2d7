"""The shared state of a scenario and the helpers several step modules need: the dossier,
the people (a citizen and officers, each in a browser context of their own), the identity
helpers, what the mocks hold, the e-form (sample papers, filling it in), paying on the
payment platform, a dossier's page as an officer and as its citizen, a dossier as its
owner, the national portal and the payment platform see it (``seen_by_all``). Step modules
import this module, never each other.

Preconditions go through ``fixtures/preconditions.py``: the target's test API when it has
one, the user interface otherwise.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import httpx
import pytest
from faker import Faker
from playwright.sync_api import Browser, Page

from fixtures.citizens import Citizen, new_citizen
from fixtures.control import SSO_ENDPOINTS, MockControl, control_client
from fixtures.evidence import attach_screenshot
from fixtures.national_portal import ScenarioNationalPortal
from fixtures.plugin import scenario_failed
from fixtures.preconditions import Preconditions
from fixtures.preconditions import vn_today as _vn_today
from fixtures.procedures import FieldSpec, ProcedureSpec, claim_value, generate
from fixtures.stack import Stack
from fixtures.target import OfficerAccount, Target
from pages.protocols import (
    ROLE_PATTERN,
    CitizenDossier,
    OfficerDossier,
    PageSet,
    PaymentResult,
    SubmissionForm,
)
from pages.test_api import PortalTestApi

# How the portal's pages name a paid fee / an unpaid one.
PAID, UNPAID = "Đã thanh toán", "Chưa thanh toán"
PAID_ACTION = "Thanh toán phí, lệ phí"  # how the portal's history names a payment
# The portal's step at which the identity provider stops answering → the mock's endpoint.
OUTAGES = SSO_ENDPOINTS  # the endpoint a fault matches, by how a scenario names it
ArmSsoFault = Callable[..., None]
ArmPaymentFault = Callable[..., None]


# --- identity ---------------------------------------------------------------------------


VN = ZoneInfo("Asia/Ho_Chi_Minh")


def vn_today() -> date:
    """Today in Vietnam (the machine's clock; the portal's may be moved: ``test_api.today``)."""
    return _vn_today()


# --- dossiers -------------------------------------------------------------------------


@dataclass(frozen=True)
class Dossier:
    code: str
    procedure: str  # MaTTHC
    citizen: Citizen
    due_at: datetime

    def evidence_label(self) -> str:  # what the report's step parameters show
        return f"hồ sơ {self.code} của {self.citizen.evidence_label()}"


@dataclass(frozen=True)
class Filled:
    """The form of a scenario: what it shows (label → value) and the papers attached."""

    procedure: ProcedureSpec
    values: dict[str, str]
    attached: dict[str, str] = field(default_factory=dict)  # attachment name → file name
    typed: FieldSpec | None = None  # the field a scenario typed a wrong value into

    def evidence_label(self) -> str:  # what the report's step parameters show
        return f"tờ khai {self.procedure.evidence_label()}"


@dataclass(frozen=True)
class Submitted:
    code: str
    procedure: ProcedureSpec

    def evidence_label(self) -> str:  # what the report's step parameters show
        return f"hồ sơ {self.code} ({self.procedure.name})"


# --- until the portal has sent everything ----------------------------------------


def settle(
    preconditions: Preconditions, national_portal: ScenarioNationalPortal, code: str,
    citizen_page: Callable[[], Page],
) -> None:  # fmt: skip
    """Until the portal has sent everything it had to send about ``code``: the test API's
    drain; without one, until the national portal holds as many progress steps as the
    history the citizen sees on the portal (``citizen_page``, one step per row), polled
    with a bound."""
    if preconditions.api is not None:
        preconditions.api.drain()
        return
    rows = preconditions.ui.citizen_dossier(citizen_page()).open(code).history_rows()
    national_portal.wait_for_progress(code, len(rows))


# --- the people of a scenario ---------------------------------------------------------

# how scenarios name the people ``People.person`` opens a browser context for
OWNER, STRANGER, ANONYMOUS = "công dân", "công dân khác", "người chưa đăng nhập"


class People:
    """The citizen and the officers of one scenario, each in a browser context of their own,
    signed in by ``preconditions`` (the test API, or the login pages)."""

    def __init__(
        self, browser: Browser, preconditions: Preconditions, context_args: dict[str, Any],
        citizen: Citizen, folder: Path, ui: PageSet, officers: dict[str, OfficerAccount],
        procedures: dict[str, ProcedureSpec],
    ) -> None:  # fmt: skip
        self.browser = browser
        self.preconditions = preconditions
        self.base_url = ui.citizen_url
        self.ui = ui
        self.officers = officers
        self.procedures = procedures
        self.context_args = context_args
        self.the_citizen = citizen
        self.folder = folder
        self.pages: dict[str, Page] = {}
        self.made_files: list[Path] = []
        self.dossiers: list[str] = []  # the codes of the dossiers made for the scenario

    def evidence_label(self) -> str:  # the report shows the citizen, never the officers' accounts
        return self.the_citizen.evidence_label()

    def person(self, who: str, sign_in: Callable[[Page], None] | None = None) -> Page:
        """``who``'s page, opening their own browser context (signed in by ``sign_in``, if
        given) the first time."""
        if who not in self.pages:
            context = self.browser.new_context(**self.context_args)
            page = context.new_page()
            self.pages[who] = page
            if sign_in is not None:
                sign_in(page)
        return self.pages[who]

    def citizen(self, who: str = "công dân", citizen: Citizen | None = None) -> Page:
        person = citizen or self.the_citizen
        return self.person(who, lambda page: self.preconditions.sign_in_citizen(page, person))

    def officer(self, role: str) -> Page:
        account = self.officers[role]
        return self.person(role, lambda page: self.preconditions.sign_in_officer(page, account))

    def new_dossier(self, procedure: str, status: int, *, paid: bool = False) -> Dossier:
        made = self.preconditions.dossier(
            self.procedures[procedure],
            self.the_citizen,
            status,
            self.citizen,
            self.officer,
            paid=paid,
        )
        self.dossiers.append(made.code)
        return Dossier(made.code, procedure, self.the_citizen, made.due_at)

    def supplement_file(self, paper: str) -> Path:
        path = self.folder / f"bo-sung-{uuid.uuid4().hex[:8]}.pdf"
        path.write_bytes(f"%PDF-1.4\n% {paper} {uuid.uuid4()}\n%%EOF\n".encode())
        self.made_files.append(path)
        return path

    def settle(self, national_portal: ScenarioNationalPortal, code: str) -> None:
        """Until the portal has sent everything about ``code`` (:func:`settle`)."""
        settle(self.preconditions, national_portal, code, lambda: self.citizen())

    def close(self, failed: bool, final_screenshot: str = "viewport") -> None:
        for who, page in self.pages.items():
            title = f"{'Ảnh chụp khi thất bại' if failed else 'Ảnh chụp trạng thái cuối'}: {who}"
            # each person's window as it ended (the whole page if the scenario failed),
            # unless --final-screenshot off
            if failed or final_screenshot != "off":
                attach_screenshot(page, title, failed=failed, full_page=final_screenshot == "full")
            page.context.close()


@pytest.fixture
def people(
    browser: Browser, browser_context_args: dict[str, Any], fake: Faker, tmp_path: Path,
    request: pytest.FixtureRequest, ui: PageSet, officers: dict[str, OfficerAccount],
    preconditions: Preconditions, procedures: dict[str, ProcedureSpec], target: Target,
) -> Iterator[People]:  # fmt: skip
    """This scenario's citizen (their own, new; without a test API one with an account at
    the identity provider) and officers, each with a browser context."""
    citizen: Citizen = (
        new_citizen(fake)
        if preconditions.api is not None
        else request.getfixturevalue("new_registered_citizen")
    )
    crowd = People(
        browser, preconditions, browser_context_args, citizen, tmp_path, ui, officers, procedures
    )
    try:
        yield crowd
    finally:
        crowd.close(scenario_failed(request), request.config.getoption("--final-screenshot"))


_Value = TypeVar("_Value")


def _clock_put_back(
    request: pytest.FixtureRequest, act: Callable[[PortalTestApi, _Value], None]
) -> Iterator[Callable[[_Value], None]]:
    """A clock control through the test API (``@needs_clock``); the clock is put back to
    now at the scenario's end if it was touched."""
    touched = False

    def control(value: _Value) -> None:
        nonlocal touched
        act(request.getfixturevalue("test_api"), value)
        touched = True

    yield control
    if touched:
        request.getfixturevalue("test_api").move_clock(0)


@pytest.fixture
def portal_clock(request: pytest.FixtureRequest) -> Iterator[Callable[[int], None]]:
    """Move the portal's clock by whole days; put back at the scenario's end. The national
    portal mock has its own (``national_portal``)."""

    def move(api: PortalTestApi, days: int) -> None:
        api.move_clock(days)

    yield from _clock_put_back(request, move)


@pytest.fixture
def portal_moment(request: pytest.FixtureRequest) -> Iterator[Callable[[datetime], None]]:
    """Set the portal's clock to a moment, to the minute; it runs on from there, and is put
    back to now at the scenario's end."""

    def set_to(api: PortalTestApi, at: datetime) -> None:
        api.set_clock(at)

    yield from _clock_put_back(request, set_to)


# --- the e-form: the sample papers, filling it in -----------------------------------------


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SAMPLE_FILES = {  # how a scenario names a file → (file name, content)
    "một bản PDF": ("giay-chung-sinh.pdf", PDF),
    "văn bản Word": ("giay-chung-sinh.docx", b"PK\x03\x04" + b"\0" * 64),
    "bản PDF nặng 6 MB": ("giay-chung-sinh.pdf", PDF + b"0" * 6 * 2**20),
    "chương trình đổi tên thành .pdf": ("giay-chung-sinh.pdf", b"MZ\x90\0" * 64),
}


@pytest.fixture(scope="session")
def sample_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample papers as files (a path uploads fast; a 6 MB buffer does not)."""
    folder = tmp_path_factory.mktemp("giay-to")
    files = {}
    for index, (sample, (name, content)) in enumerate(SAMPLE_FILES.items()):
        path = folder / str(index) / name
        path.parent.mkdir()
        path.write_bytes(content)
        files[sample] = path
    return files


def fill_fields(form: SubmissionForm, procedure: ProcedureSpec, values: dict[str, str]) -> None:
    for spec in procedure.to_fill:
        if spec.label in values:
            form.fill(spec.label, values[spec.label], choice=bool(spec.choices))


def attach_required(
    form: SubmissionForm, procedure: ProcedureSpec, files: dict[str, Path]
) -> dict[str, str]:
    pdf = files["một bản PDF"]
    for attachment in procedure.required_attachments:
        form.attach(attachment.name, pdf)
    return {a.name: pdf.name for a in procedure.required_attachments}


def start_form(
    ui: PageSet,
    page: Page,
    procedure: ProcedureSpec,
    citizen: Citizen,
    fake: Faker,
    share: float,
    papers: dict[str, Path] | None = None,
) -> tuple[SubmissionForm, Filled]:
    """Open the form and type ``share`` of the fields the citizen has to fill; with
    ``papers`` (the sample files), attach every required paper too."""
    form = ui.submission_form(page).open(procedure.code).is_current()
    todo = procedure.to_fill[: round(len(procedure.to_fill) * share)]
    typed = {f.label: generate(f, fake, today=vn_today()) for f in todo}
    fill_fields(form, procedure, typed)
    values = {**shown_from_identity(procedure, citizen), **typed}
    if papers is None:
        return form, Filled(procedure, values)
    return form, Filled(procedure, values, attach_required(form, procedure, papers))


def shown_from_identity(procedure: ProcedureSpec, citizen: Citizen) -> dict[str, str]:
    """label → the value the form shows from the citizen's identity."""
    return {f.label: claim_value(citizen, f.prefill) for f in procedure.prefilled if f.prefill}


@dataclass(frozen=True)
class Sent:
    """One value sent in the e-form: as written, as the portal must keep it, and where."""

    written: str
    kept: str
    code: str  # the dossier's code; "" when the portal refused it
    refusal: str = ""


# --- payment ----------------------------------------------------------------------------


@pytest.fixture
def arm_payment_fault(payment_control: MockControl, submitted: Submitted) -> ArmPaymentFault:
    """Arm a fault of the payment platform for this scenario's dossier only."""

    def arm(name: str, *, params: dict[str, Any] | None = None) -> None:
        payment_control.arm_fault(name, match={"MaHoSo": submitted.code}, params=params)

    return arm


def pay_on_platform(ui: PageSet, page: Page, channel: str) -> PaymentResult:
    ui.hosted_payment(page).pay(channel)
    return ui.payment_result(page).is_current()


# --- processing: a dossier's page, as an officer and as its citizen -----------------------


ROLE = f"(?P<role>{ROLE_PATTERN})"  # an officer's role in a step's text


def officer_page(people: People, role: str) -> OfficerDossier:
    return people.ui.officer_dossier(people.officer(role))


def citizen_page(people: People, dossier: Dossier) -> CitizenDossier:
    return people.ui.citizen_dossier(people.citizen()).open(dossier.code)


# --- a dossier as everyone sees it (what a refused request must leave unchanged) -----------


@pytest.fixture
def seen_by_all(
    people: People, stack: Stack, national_portal: ScenarioNationalPortal
) -> Iterator[Callable[[str], dict[str, Any]]]:
    """A dossier as its owner, the national portal and the payment platform see it, once
    the portal has sent everything it had to send."""
    # No kept-alive connections: a server closing an idle one as we reuse it is a false alarm.
    with control_client(timeout=60.0, limits=httpx.Limits(max_keepalive_connections=0)) as http:
        national_mock = MockControl("national_portal", stack.mocks["national_portal"], http)
        payment = MockControl("payment", stack.mocks["payment"], http)

        def observe(code: str) -> dict[str, Any]:
            people.settle(national_portal, code)
            national = national_mock.dossier(code) or {}
            return {
                "cổng": people.ui.dossier_state(people.citizen()).read(code),
                "Cổng DVCQG": (national.get("statuses"), len(national.get("progress", []))),
                "nền tảng thanh toán": len(payment.transactions(code)),
            }

        yield observe
