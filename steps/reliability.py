"""Beyond the checklist: độ tin cậy. The portal killed (SIGKILL) while it takes a dossier or
a payment, the national portal out of service or answering garbage, 50 submissions at
once, a slow identity provider.

Scenarios that kill the portal or put a national system out of service run on a stack
of their own (``steps/reliability_stack.py`` says why), reached through ``Isolated``.
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import allure
import httpx
import pytest
from faker import Faker
from playwright.sync_api import BrowserContext, Page, expect
from pytest_bdd import given, parsers, then, when
from pytest_playwright import CreateContextCallback

from fixtures.citizens import Citizen, new_citizen
from fixtures.control import control_client
from fixtures.http import http_client, http_get
from fixtures.national_portal import ScenarioNationalPortal, rejected_calls
from fixtures.plugin import scenario_failed
from fixtures.polling import poll
from fixtures.procedures import ProcedureSpec, fill_values
from fixtures.target import OfficerAccount, Target
from pages.protocols import PageSet, PageSetFactory, PortalForm
from steps.common import ArmSsoFault
from steps.payment import PAID, paid_transaction
from steps.processing import ReferenceTestApi, identity_of
from steps.reliability_stack import FORWARD, HTML, IsolatedStack, start_isolated_stack
from steps.sso import OUTAGES
from steps.submission import Submitted, vn_today

PAID_ROW = "Thanh toán thành công"
SETTLE_S = 30.0  # the outbox backs off up to 5 s between attempts; a loaded CI is slow


# --- the isolated stack and what a scenario holds of it -------------------------------


@pytest.fixture(scope="session")
def isolated_stack(
    target: Target, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[IsolatedStack]:
    if target.start != "reference":
        pytest.skip("needs the bundled reference stack: the scenario kills and restarts it")
    started = start_isolated_stack(tmp_path_factory.mktemp("reliability-stack"))
    yield started
    started.stop()


@dataclass
class Isolated:
    """One scenario on the isolated stack: its test API, its national portal, its people."""

    stack: IsolatedStack
    http: httpx.Client
    national: ScenarioNationalPortal
    new_context: CreateContextCallback
    ui: PageSet  # the target's pages on this stack's portal
    officers: dict[str, OfficerAccount]  # the target profile's accounts by role
    dossiers: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.stack.portal_url

    @property
    def api(self) -> ReferenceTestApi:
        return ReferenceTestApi(self.url, self.http)

    @property
    def payment_url(self) -> str:
        return self.stack.mock("payment")

    def sign_in(self, context: BrowserContext, citizen: Citizen) -> str:
        """A session for ``citizen`` in ``context``; return the cookie's value."""
        cookie = self.api.session_cookie(identity=identity_of(citizen))
        context.add_cookies([cookie])  # type: ignore[list-item]
        return cookie["value"]

    def officer_page(self, role: str = "cán bộ một cửa") -> Page:
        """A browser of the officer in ``role`` (the target profile's account), signed in."""
        username = self.officers[role].username
        context = self.new_context()
        context.add_cookies([self.api.session_cookie(officer=username)])  # type: ignore[list-item]
        return context.new_page()

    def outbox(self) -> dict[str, Any]:
        return self.api.outbox()

    def national_record(self, code: str) -> dict[str, Any]:
        held = self.national.dossier(code)
        assert held is not None, f"Cổng DVCQG không có hồ sơ {code}"
        return held


@pytest.fixture
def isolated(
    isolated_stack: IsolatedStack,
    new_context: CreateContextCallback,
    page_sets: PageSetFactory,
    officers: dict[str, OfficerAccount],
    request: pytest.FixtureRequest,
) -> Iterator[Isolated]:
    """The isolated stack for one scenario, left as found: portal running, gateways
    forwarding, no fault armed at the mocks."""
    with control_client(timeout=SETTLE_S * 2) as http:
        national = ScenarioNationalPortal(isolated_stack.mock("national_portal"), http)
        ui = page_sets(isolated_stack.portal_url, isolated_stack.portal_url)
        scenario = Isolated(isolated_stack, http, national, new_context, ui, officers)
        try:
            yield scenario
        finally:
            for gateway in isolated_stack.gateways.values():
                gateway.mode = FORWARD
            for mock in ("national_portal", "payment"):
                http.delete(f"{isolated_stack.mock(mock)}/_control/faults").raise_for_status()
            if scenario_failed(request):
                allure.attach(
                    isolated_stack.portal.log_tail(30), name="Nhật ký cổng chạy riêng",
                    attachment_type=allure.attachment_type.TEXT,
                )  # fmt: skip
            national.attach_evidence()
            if not healthy(isolated_stack):
                isolated_stack.restart_portal()


def healthy(stack: IsolatedStack) -> bool:
    try:
        return stack.running() and http_get(f"{stack.portal_url}/health").status_code == 200
    except httpx.HTTPError:
        return False


@dataclass(frozen=True)
class Sent:
    """A dossier the citizen sent over HTTP: what it carried."""

    procedure: ProcedureSpec
    values: dict[str, str]
    papers: dict[str, str]  # attachment name → file name


def session_cookie(context: BrowserContext, url: str) -> dict[str, str]:
    return {c["name"]: c["value"] for c in context.cookies(url)}


def cookie_header(cookies: dict[str, str]) -> dict[str, str]:
    return {"Cookie": "; ".join(f"{name}={value}" for name, value in cookies.items())}


def raw_request(url: str, cookies: dict[str, str], form: PortalForm, token: str) -> bytes:
    """The bytes of the form's POST, as a browser would send them."""
    request = httpx.Request(
        "POST", f"{url}{form.path}", headers=cookie_header(cookies), **form.for_httpx(token)
    )
    body = request.read()
    head = [f"POST {request.url.raw_path.decode()} HTTP/1.1"]
    head += [f"{name}: {value}" for name, value in request.headers.items()]
    return ("\r\n".join([*head, "Connection: close", "", ""])).encode() + body


def wait_first_byte(sock: socket.socket) -> None:
    sock.recv(1)


KILL_MOMENTS: dict[str, Callable[[socket.socket], None]] = {
    "ngay khi hồ sơ vừa được gửi đi": lambda sock: None,
    "ngay khi cổng bắt đầu trả lời công dân": wait_first_byte,
}


def submitted_of(isolated: Isolated, page: Page) -> tuple[list[str], int]:
    """The citizen's submitted dossier codes and how many drafts they have."""
    mine = isolated.ui.all_my_dossiers(page).open()
    return list(mine.statuses()), mine.draft_count()


def assert_complete(isolated: Isolated, code: str, sent: Sent) -> None:
    """The officer sees every value the citizen sent and every paper, status 1."""
    officer_page = isolated.officer_page()
    officer = isolated.ui.officer_dossier(officer_page).open(code)
    expect(officer.status, f"trạng thái hồ sơ {code}").to_have_text("Mới đăng ký")
    form = officer_page.get_by_role("region", name="Thông tin tờ khai")
    for spec in sent.procedure.fields:
        shown = sent.values[spec.name]
        if spec.type == "date":
            shown = "/".join(reversed(shown.split("-")))
        expect(form.get_by_label(spec.label, exact=True), f"“{spec.label}” đã lưu").to_have_text(
            shown
        )
    for paper, file_name in sent.papers.items():
        row = officer.files.get_by_role("row").filter(has_text=paper)
        expect(row, f"giấy tờ “{paper}” đã lưu").to_contain_text(file_name)


def settled_statuses(isolated: Isolated, code: str, last: int) -> dict[str, Any]:
    isolated.national.watch(code)
    held = isolated.national.wait_for_status(code, last, timeout_s=SETTLE_S)
    isolated.api.drain(timeout_s=SETTLE_S)
    return isolated.national.dossier(code) or held


# --- Cho ----------------------------------------------------------------------------


@given("cổng dịch vụ công và các hệ thống mô phỏng chạy riêng cho kịch bản độ tin cậy")
def _(isolated: Isolated) -> None:
    assert isolated.stack.running(), "cổng chạy riêng không hoạt động"


@given("một công dân có phiên làm việc trên cổng chạy riêng", target_fixture="citizen")
def _(isolated: Isolated, context: BrowserContext, fake: Faker) -> Citizen:
    citizen = new_citizen(fake)
    isolated.sign_in(context, citizen)
    return citizen


@given(
    "một công dân có hồ sơ chưa thanh toán lệ phí trên cổng chạy riêng",
    target_fixture="submitted",
)
def _(
    isolated: Isolated, context: BrowserContext, fake: Faker, procedure: ProcedureSpec
) -> Submitted:
    citizen = new_citizen(fake)
    isolated.sign_in(context, citizen)
    made = isolated.api.create_dossier(procedure.code, identity_of(citizen), 1)
    isolated.national.watch(made["code"])
    return Submitted(made["code"], procedure)


@given("Cổng DVCQG đang ngừng phục vụ, các thay đổi của cổng phải chờ gửi")
def _(isolated: Isolated) -> None:
    isolated.national.arm("down", times=0, match={})


@given("Cổng DVCQG trả lời mọi lời gọi bằng một trang HTML thay cho dữ liệu JSON")
def _(isolated: Isolated) -> None:
    isolated.stack.gateways["national_portal"].mode = HTML


@given("nền tảng thanh toán trả lời mọi lời gọi bằng một trang HTML thay cho dữ liệu JSON")
def _(isolated: Isolated) -> None:
    isolated.stack.gateways["payment"].mode = HTML


@given("nền tảng thanh toán sẽ gửi thông báo kết quả ngay, khi cổng còn đang tắt")
def _(isolated: Isolated, submitted: Submitted) -> None:
    """What the platform does anyway: no fault to arm."""


@given("nền tảng thanh toán sẽ không gửi thông báo kết quả nào")
def _(isolated: Isolated, submitted: Submitted) -> None:
    body = {"name": "no_callback", "times": 1, "match": {"MaHoSo": submitted.code}}
    isolated.http.post(f"{isolated.payment_url}/_control/faults", json=body).raise_for_status()


@given(
    parsers.parse("{count:d} công dân có phiên làm việc trên cổng chạy riêng"),
    target_fixture="crowd",
)
def _(isolated: Isolated, fake: Faker, count: int) -> list[tuple[Citizen, dict[str, str]]]:
    crowd = []
    for _ in range(count):
        citizen = new_citizen(fake)
        cookie = isolated.api.session_cookie(identity=identity_of(citizen))
        crowd.append((citizen, {cookie["name"]: cookie["value"]}))
    return crowd


@given(
    parsers.parse("hệ thống định danh sẽ trả lời chậm {seconds:d} giây khi cổng {step}"),
    target_fixture="slow_since",
)
def _(arm_sso_fault: ArmSsoFault, citizen: Citizen, seconds: int, step: str) -> tuple[int, float]:
    match = {"endpoint": OUTAGES[step], "sub": citizen.sub}
    arm_sso_fault("slow", match=match, params={"delay_s": seconds})
    return seconds, time.monotonic()


# --- Khi: the portal dies and comes back ---------------------------------------------


@when(
    parsers.parse(
        "công dân gửi hồ sơ với đủ thông tin và giấy tờ và cổng bị tắt đột ngột {moment}"
    ),
    target_fixture="sent",
)
def _(
    isolated: Isolated,
    context: BrowserContext,
    citizen: Citizen,
    fake: Faker,
    procedure: ProcedureSpec,
    moment: str,
) -> Sent:
    code = procedure.code
    values = fill_values(procedure, fake, citizen, today=vn_today())
    papers = [a.code for a in procedure.required_attachments]
    routes = isolated.ui.http
    form = routes.submission_form(code, values, papers, draft=False)
    cookies = session_cookie(context, isolated.url)
    token = routes.token_in(
        isolated.http.get(f"{isolated.url}{routes.TOKEN_PAGE}", headers=cookie_header(cookies)).text
    )
    port = isolated.stack.portal.port
    with socket.create_connection(("127.0.0.1", port), timeout=30.0) as sock:
        sock.sendall(raw_request(isolated.url, cookies, form, token))
        KILL_MOMENTS[moment](sock)
        isolated.stack.portal.kill()
    names = {a.name: form.files[f"tep_{a.code}"]["name"] for a in procedure.required_attachments}
    return Sent(procedure, values, names)


@when("cổng bị tắt đột ngột")
def _(isolated: Isolated) -> None:
    isolated.stack.portal.kill()


@when("cổng được khởi động lại")
def _(isolated: Isolated) -> None:
    isolated.stack.restart_portal()


@when("Cổng DVCQG phục vụ trở lại")
def _(isolated: Isolated) -> None:
    isolated.national.clear_faults()


@when("Cổng DVCQG trả lời đúng định dạng trở lại")
def _(isolated: Isolated) -> None:
    isolated.stack.gateways["national_portal"].mode = FORWARD


@when("nền tảng thanh toán trả lời đúng định dạng trở lại")
def _(isolated: Isolated) -> None:
    isolated.stack.gateways["payment"].mode = FORWARD


@when("công dân mở trang thanh toán lệ phí của hồ sơ trên cổng chạy riêng")
def _(isolated: Isolated, page: Page, submitted: Submitted) -> None:
    isolated.ui.dossier_detail(page, submitted.code).open().pay().is_current()


@when("công dân bấm thanh toán lệ phí hồ sơ trên cổng chạy riêng")
def _(isolated: Isolated, page: Page, submitted: Submitted) -> None:
    isolated.ui.dossier_detail(page, submitted.code).open().start_paying()


@when(
    parsers.parse('công dân thanh toán qua "{channel}" rồi đóng trình duyệt vì cổng không trả lời')
)
def _(isolated: Isolated, page: Page, channel: str) -> None:
    isolated.ui.hosted_payment(page).pay_and_leave(channel)


@when(
    parsers.re(
        r"một công dân có hồ sơ được giải quyết đến khi trả kết quả "
        r"và một hồ sơ khác vừa được tiếp nhận"
    )
)
def _(isolated: Isolated, fake: Faker, procedure: ProcedureSpec) -> None:
    code = procedure.code
    citizen = new_citizen(fake)
    for status in (10, 2):
        made = isolated.api.create_dossier(code, identity_of(citizen), status)
        isolated.dossiers.append(made["code"])
        isolated.national.watch(made["code"])


@when(parsers.re(r"một công dân có hồ sơ vừa được tiếp nhận trên cổng chạy riêng"))
def _(isolated: Isolated, fake: Faker, procedure: ProcedureSpec) -> None:
    citizen = new_citizen(fake)
    made = isolated.api.create_dossier(procedure.code, identity_of(citizen), 2)
    isolated.dossiers.append(made["code"])
    isolated.national.watch(made["code"])


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
    start = threading.Barrier(count, timeout=60.0)

    def submit(index: int) -> tuple[Citizen, int, str]:
        citizen, cookies = crowd[index]
        with http_client(base_url=isolated.url, cookies=cookies, timeout=120.0) as http:
            token = routes.token_in(http.get(routes.TOKEN_PAGE).text)
            start.wait()  # every submission leaves at the same moment
            answer = http.post(forms[index].path, **forms[index].for_httpx(token))
        return citizen, answer.status_code, answer.headers.get("location", "")

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(submit, range(count), timeout=180.0))


# --- Thì ------------------------------------------------------------------------------


@then(parsers.parse("hồ sơ công dân vừa gửi {outcome} trên cổng"), target_fixture="found")
def _(isolated: Isolated, page: Page, sent: Sent, outcome: str) -> list[str]:
    codes, drafts = submitted_of(isolated, page)
    assert drafts == 0, f"cổng còn {drafts} hồ sơ nháp dở dang của công dân sau khi chạy lại"
    allowed = {"có đủ": (1,), "có đủ hoặc hoàn toàn không có": (0, 1)}[outcome]
    assert len(codes) in allowed, (
        f"công dân có {len(codes)} hồ sơ đã nộp sau khi cổng chạy lại ({codes}); đúng ra {outcome}"
    )
    for code in codes:
        assert_complete(isolated, code, sent)
    return codes


@then("công dân nộp lại nếu cổng chưa lưu hồ sơ, rồi có đúng một hồ sơ đủ thông tin và giấy tờ")
def _(isolated: Isolated, page: Page, sent: Sent, found: list[str]) -> None:
    routes = isolated.ui.http
    if not found:
        form = routes.submission_form(
            sent.procedure.code,
            sent.values,
            [a.code for a in sent.procedure.required_attachments],
            draft=False,
        )
        cookies = session_cookie(page.context, isolated.url)
        token_page = f"{isolated.url}{routes.TOKEN_PAGE}"
        token = routes.token_in(isolated.http.get(token_page, headers=cookie_header(cookies)).text)
        answer = isolated.http.post(
            f"{isolated.url}{form.path}", headers=cookie_header(cookies), **form.for_httpx(token)
        )
        assert answer.status_code == 303, f"nộp lại hồ sơ: HTTP {answer.status_code}"
    codes, drafts = submitted_of(isolated, page)
    assert len(codes) == 1 and drafts == 0, f"công dân có hồ sơ {codes} và {drafts} hồ sơ nháp"
    assert_complete(isolated, codes[0], sent)
    found[:] = codes


@then("Cổng DVCQG nhận hồ sơ của công dân đúng một lần với trạng thái 1")
def _(isolated: Isolated, citizen: Citizen, found: list[str]) -> None:
    (code,) = found
    held = settled_statuses(isolated, code, 1)
    assert held["statuses"] == [1], (
        f"Cổng DVCQG nhận các trạng thái {held['statuses']} (đúng ra [1])"
    )
    assert held["record"]["SoDinhDanh"] == citizen.cccd
    assert not held["rejected"], f"Cổng DVCQG từ chối: {rejected_calls(held)}"
    everyone = isolated.national.all_dossiers()["dossiers"]
    theirs = [c for c, d in everyone.items() if d["record"].get("SoDinhDanh") == citizen.cccd]
    assert theirs == [code], f"Cổng DVCQG giữ các hồ sơ {theirs} của công dân (đúng ra [{code}])"


@then("hồ sơ được ghi nhận đã thanh toán đúng một lần, với mã giao dịch của nền tảng thanh toán")
def _(isolated: Isolated, page: Page, submitted: Submitted) -> None:
    detail = isolated.ui.dossier_detail(page, submitted.code)

    def paid() -> bool:
        detail.open()
        return detail.payment_state.inner_text().strip() == PAID

    poll(paid, what=f"hồ sơ {submitted.code} được ghi nhận đã thanh toán", timeout_s=SETTLE_S)
    number = paid_transaction(isolated.http, isolated.payment_url, submitted.code)["MaGiaoDich"]
    expect(detail.transaction_no, "mã giao dịch của nền tảng thanh toán").to_have_text(number)
    expect(detail.payment_rows(PAID_ROW), "giao dịch thành công của hồ sơ").to_have_count(1)


@then("Cổng DVCQG nhận được khoản lệ phí đã thanh toán của hồ sơ")
def _(isolated: Isolated, submitted: Submitted) -> None:
    number = paid_transaction(isolated.http, isolated.payment_url, submitted.code)["MaGiaoDich"]

    def fee_paid() -> bool:
        held = isolated.national.dossier(submitted.code) or {"record": {}}
        fees = held["record"].get("DanhSachLePhi") or []
        return [(f.get("TrangThaiThanhToan"), f.get("MaGiaoDich")) for f in fees] == [(1, number)]

    poll(
        fee_paid,
        what=f"Cổng DVCQG nhận lệ phí đã thanh toán (mã giao dịch {number}) của hồ sơ {submitted.code}",
        timeout_s=SETTLE_S,
        describe_last=lambda: str(isolated.national.dossier(submitted.code)),
    )


@then("cổng giữ lại mọi thay đổi của các hồ sơ để gửi sau, Cổng DVCQG chưa nhận được gì")
def _(isolated: Isolated) -> None:
    refused = poll(
        lambda: [e for e in isolated.national.scenario_journal() if e["verdict"] == "fault"],
        what="cổng thử gửi thay đổi lên Cổng DVCQG đang ngừng phục vụ",
        timeout_s=SETTLE_S,
    )
    assert refused
    held_back(isolated)


@then("cổng coi các lời gọi đó là chưa gửi được và giữ lại mọi thay đổi của hồ sơ")
def _(isolated: Isolated) -> None:
    gateway = isolated.stack.gateways["national_portal"]
    poll(
        lambda: gateway.calls[HTML] > 0,
        what="cổng gọi Cổng DVCQG và nhận một trang HTML",
        timeout_s=SETTLE_S,
    )
    held_back(isolated)


def held_back(isolated: Isolated) -> None:
    outbox = isolated.outbox()
    assert outbox["pending"] > 0, f"cổng không còn thay đổi nào chờ gửi: {outbox}"
    assert outbox["rejected"] == 0, f"cổng coi thay đổi là bị từ chối hẳn: {outbox}"
    for code in isolated.dossiers:
        assert isolated.national.dossier(code) is None, f"Cổng DVCQG đã có hồ sơ {code}"


@then(parsers.re(r"Cổng DVCQG nhận lần lượt các trạng thái (?P<lists>.+), mỗi trạng thái một lần"))
def _(isolated: Isolated, lists: str) -> None:
    wanted = []
    for part in lists.split(" và "):
        found = re.fullmatch(
            r"(?P<codes>[\d, ]+) của hồ sơ(?: thứ (?P<nth>nhất|hai))?", part.strip()
        )
        assert found, f"không hiểu “{part}”"
        wanted.append([int(c) for c in re.findall(r"\d+", found["codes"])])
    assert len(wanted) == len(isolated.dossiers), f"kịch bản có {len(isolated.dossiers)} hồ sơ"
    for code, statuses in zip(isolated.dossiers, wanted, strict=True):
        held = settled_statuses(isolated, code, statuses[-1])
        assert held["statuses"] == statuses, (
            f"Cổng DVCQG nhận các trạng thái {held['statuses']} của hồ sơ {code} (đúng ra {statuses})"
        )
        steps = [p["TrangThai"] for p in held["progress"]]
        assert steps == statuses, f"các bước tiến độ của hồ sơ {code} mang trạng thái {steps}"


@then("Cổng DVCQG không từ chối lời gọi nào của các hồ sơ này")
def _(isolated: Isolated) -> None:
    for code in isolated.dossiers:
        assert not isolated.national_record(code)["rejected"], (
            f"Cổng DVCQG từ chối lời gọi của hồ sơ {code}: {rejected_calls(isolated.national_record(code))}"
        )


@then("kho dữ liệu của công dân nhận được kết quả của hồ sơ thứ nhất")
def _(isolated: Isolated) -> None:
    first = isolated.dossiers[0]
    owner = isolated.national_record(first)["record"]["SoDinhDanh"]
    documents = isolated.national.warehouse(owner)["documents"]
    assert [d["MaHoSo"] for d in documents] == [first], f"kho dữ liệu của công dân: {documents}"


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


@then("công dân nhận được thông báo trước khi hệ thống định danh kịp trả lời")
def _(slow_since: tuple[int, float]) -> None:
    delay, since = slow_since
    waited = time.monotonic() - since
    assert waited < delay / 2, (
        f"công dân chờ {waited:.1f} giây mới được báo; hệ thống định danh trả lời sau {delay} giây"
    )
