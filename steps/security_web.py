"""Beyond the checklist: an toàn thông tin (second part) — sessions and cookies, uploads
sent straight to the portal, scripts typed into forms, redirects after sign-in, forged
or replayed payment results, test routes outside test mode, security headers."""

from __future__ import annotations

import hashlib
import hmac
import html
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx
import pytest
from playwright.sync_api import BrowserContext, Dialog, Page, Response, Route, expect
from pytest_bdd import given, parsers, then, when

from fixtures.citizens import Citizen
from fixtures.http import http_client
from fixtures.polling import poll
from fixtures.procedures import ProcedureSpec
from fixtures.servers import ServerProcess, free_port
from fixtures.stack import Stack
from fixtures.target import OfficerAccount, Target
from pages.protocols import ROLE_PATTERN, PageSet, PortalForm, PortalHttp
from steps.payment import transactions
from steps.processing import People
from steps.security import Attempt
from steps.submission import Filled, Submitted

ROLE = f"(?P<role>{ROLE_PATTERN})"
RESULT_FIELDS = ("MaDoiTac", "MaThamChieu", "MaGiaoDich", "SoTien", "MaLoi", "ThoiGianGD")


def contents(pdf: bytes) -> dict[str, bytes]:
    """How a scenario names a file's content → its bytes (``pdf``: a valid PDF)."""
    return {
        "một bản PDF": pdf,
        "một trang HTML có mã script": b"<!doctype html><html><script>alert(1)</script></html>",
        "một ảnh SVG có mã script": b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "một bản PDF nặng 6 MB": pdf + b"0" * 6 * 2**20,
        "một bản PDF nặng 30 MB": pdf + b"0" * 30 * 2**20,
    }


LOCAL = re.compile(r"^(https?|wss?)://127\.0\.0\.1(:\d+)?/")


def portal_cookies(context: BrowserContext, ui: PageSet) -> list[dict[str, Any]]:
    """The portal's session cookie(s) in a browser (the mocks' share the host 127.0.0.1)."""
    name = ui.http.SESSION_COOKIE
    return [dict(c) for c in context.cookies(ui.citizen_url) if c["name"] == name]


def copy_cookies(source: BrowserContext, target: BrowserContext, ui: PageSet) -> list[str]:
    cookies = portal_cookies(source, ui)
    assert cookies, "trình duyệt không có cookie phiên làm việc nào của cổng"
    target.add_cookies(
        [{"name": c["name"], "value": c["value"], "url": ui.citizen_url} for c in cookies]
    )
    return [str(c["value"]) for c in cookies]


@pytest.fixture
def outside_traffic(context: BrowserContext) -> list[str]:
    """Every request the scenario's browser tried to send off 127.0.0.1 (aborted)."""
    tried: list[str] = []

    def refuse(route: Route) -> None:
        tried.append(route.request.url)
        route.abort()

    context.route(lambda url: not LOCAL.match(url), refuse)
    return tried


# --- sessions and cookies ------------------------------------------------------------


@given("kẻ gian đã cài mã phiên của mình vào trình duyệt của công dân", target_fixture="planted")
def _(intruder_page: Page, context: BrowserContext, ui: PageSet) -> list[str]:
    intruder_page.goto(f"{ui.citizen_url}{ui.http.TOKEN_PAGE}")  # the portal gives a session
    return copy_cookies(intruder_page.context, context, ui)


@given(parsers.re(f"kẻ gian đã cài mã phiên của mình vào trình duyệt của {ROLE}"))
def _(intruder_page: Page, people: People, ui: PageSet, role: str) -> None:
    intruder_page.goto(f"{ui.citizen_url}{ui.http.TOKEN_PAGE}")
    copy_cookies(intruder_page.context, people.person(role).context, ui)


@given(parsers.re(f"{ROLE} đã đăng nhập khu vực cán bộ"))
def _(people: People, officers: dict[str, OfficerAccount], role: str) -> None:
    account = officers[role]
    page = people.person(role)
    people.ui.officer_sign_in(page).open().sign_in(account.username, account.password.reveal())


@given("kẻ gian đã chép được cookie phiên làm việc của công dân")
def _(intruder_page: Page, context: BrowserContext, ui: PageSet) -> None:
    copy_cookies(context, intruder_page.context, ui)


@given(parsers.re(f"kẻ gian đã chép được cookie phiên làm việc của {ROLE}"))
def _(intruder_page: Page, people: People, ui: PageSet, role: str) -> None:
    copy_cookies(people.person(role).context, intruder_page.context, ui)


@when(parsers.re(f"{ROLE} đăng xuất khỏi khu vực cán bộ"))
def _(people: People, role: str) -> None:
    people.ui.officer_session(people.person(role)).sign_out()


@then("trình duyệt của công dân mang một mã phiên mới, khác mã kẻ gian đã cài")
def _(context: BrowserContext, ui: PageSet, planted: list[str]) -> None:
    now = [str(c["value"]) for c in portal_cookies(context, ui)]
    assert now and not set(now) & set(planted), (
        f"mã phiên sau khi đăng nhập vẫn là mã kẻ gian đã cài ({len(now)} cookie)"
    )


@then("kẻ gian không vào được khu vực cán bộ")
def _(intruder_page: Page, ui: PageSet) -> None:
    session = ui.officer_session(intruder_page)
    answer = session.ask_server_without_following()
    assert session.sends_to_sign_in(answer), (
        f"kẻ gian mở được khu vực cán bộ (HTTP {answer.status}): phiên của cán bộ đã bị chiếm"
    )


@then("cookie phiên làm việc của cổng có thuộc tính HttpOnly và SameSite")
def _(context: BrowserContext, ui: PageSet) -> None:
    cookies = portal_cookies(context, ui)
    assert cookies, "cổng không đặt cookie phiên làm việc nào"
    for cookie in cookies:
        assert cookie["httpOnly"], f"cookie {cookie['name']} thiếu HttpOnly"
        assert cookie["sameSite"] in ("Lax", "Strict"), (
            f"cookie {cookie['name']} có SameSite={cookie['sameSite']}: trang web khác gửi kèm được"
        )


@then("mã JavaScript trên trang của cổng không đọc được cookie phiên làm việc")
def _(page: Page, ui: PageSet) -> None:
    readable = str(page.evaluate("() => document.cookie"))
    assert ui.http.SESSION_COOKIE not in readable, f"JavaScript đọc được cookie: {readable!r}"


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


def send_as_browser(page: Page, ui: PageSet, form: PortalForm, token: str) -> Attempt:
    """POST a multipart form with the browser's session cookie and token, over httpx:
    Playwright's ``page.request`` carries a file through its driver as base64, which costs
    over a minute for 30 MB on a loaded machine; httpx sends the same request in < 1 s."""
    cookies = {c["name"]: str(c["value"]) for c in portal_cookies(page.context, ui)}
    files = {key: (f["name"], f["buffer"], f["mimeType"]) for key, f in form.files.items()}
    with http_client(cookies=cookies, timeout=60.0, follow_redirects=False) as http:
        answer = http.post(
            f"{ui.citizen_url}{form.path}",
            data={**form.fields, ui.http.CSRF_FIELD: token},
            files=files,
        )
    text = (
        html.unescape(answer.text)
        if answer.headers.get("content-type", "").startswith("text/")
        else ""
    )
    return Attempt(answer.status_code, text, answer.headers.get("location", ""))


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


# --- redirects after sign-in ---------------------------------------------------------------


@when(
    parsers.re(
        r"công dân đăng nhập qua đường dẫn đăng nhập của cổng có tham số chuyển tiếp "
        r"\"(?P<target>[^\"]+)\""
    )
)
def _(page: Page, ui: PageSet, citizen: Citizen, outside_traffic: list[str], target: str) -> None:
    page.goto(f"{ui.citizen_url}/dang-nhap?next={target}")
    ui.sso_login(page).sign_in(citizen.username, citizen.password.reveal())
    page.wait_for_load_state()


@when(
    parsers.re(
        f"{ROLE} đăng nhập qua đường dẫn đăng nhập khu vực cán bộ có tham số chuyển tiếp "
        r"\"(?P<target>[^\"]+)\""
    )
)
def _(
    page: Page,
    ui: PageSet,
    officers: dict[str, OfficerAccount],
    outside_traffic: list[str],
    role: str,
    target: str,
) -> None:
    account = officers[role]
    page.goto(f"{ui.officer_url}{ui.http.OFFICER_SIGN_IN_PATH}?next={target}")
    sign_in = ui.officer_sign_in(page)
    sign_in.username.fill(account.username)
    sign_in.password.fill(account.password.reveal())
    sign_in.submit.click()
    page.wait_for_load_state()


@then("sau khi đăng nhập, công dân ở lại trên cổng dịch vụ công")
def _(page: Page, portal_url: str) -> None:
    expect(page, "sau khi đăng nhập, trình duyệt ở trên cổng").to_have_url(
        re.compile(f"^{re.escape(portal_url)}/")
    )


@then(parsers.re(f"sau khi đăng nhập, {ROLE} ở lại trong khu vực cán bộ"))
def _(page: Page, ui: PageSet, role: str) -> None:
    expect(page, "sau khi đăng nhập, cán bộ ở danh sách hồ sơ").to_have_url(
        f"{ui.officer_url}{ui.http.OFFICER_QUEUE_PATH}"
    )
    ui.officer_queue(page).is_current()


@then("trình duyệt không được đưa tới trang web nào khác")
def _(outside_traffic: list[str]) -> None:
    assert outside_traffic == [], f"cổng đưa trình duyệt ra ngoài: {outside_traffic}"


# --- forged and replayed payment results --------------------------------------------------


def signed(fields: dict[str, str], key: str) -> dict[str, str]:
    """The fields with a MaXacThuc computed with ``key`` (docs/contracts.md §2)."""
    text = "|".join(str(fields.get(name, "")) for name in RESULT_FIELDS)
    mac = hmac.new(key.encode(), text.encode(), hashlib.sha256).hexdigest()
    return {**fields, "MaXacThuc": mac}


FORGERIES: dict[str, Callable[[dict[str, str]], dict[str, str]]] = {
    "giữ mã xác thực của thông báo hủy": lambda f: {**f, "MaLoi": "00"},
    "ký bằng một khóa khác": lambda f: signed({**f, "MaLoi": "00"}, "khoa-cua-ke-gian"),
    "không có mã xác thực": lambda f: {
        k: v for k, v in {**f, "MaLoi": "00"}.items() if k != "MaXacThuc"
    },
}


@when(
    parsers.parse(
        'công dân sửa mã kết quả trên đường dẫn trả về thành "{code}" rồi mở lại đường dẫn đó'
    )
)
def _(page: Page, code: str) -> None:
    url = urlsplit(page.url)
    fields = dict(parse_qsl(url.query))
    assert fields.get("MaLoi") and fields["MaLoi"] != code, f"đường dẫn trả về: {page.url}"
    page.goto(url._replace(query=urlencode({**fields, "MaLoi": code})).geturl())


@then("cổng báo công dân rằng kết quả thanh toán không hợp lệ")
def _(page: Page, ui: PageSet) -> None:
    result = ui.payment_result(page).is_current()
    expect(result.failure, "cổng báo kết quả thanh toán không hợp lệ").to_contain_text(
        ui.http.INVALID_PAYMENT_RESULT
    )


@when(
    parsers.re(
        r'kẻ gian gửi thẳng đến cổng thông báo kết quả "thành công" cho giao dịch đó, '
        r"(?P<forgery>.+)"
    ),
    target_fixture="forged",
)
def _(page: Page, control: httpx.Client, ui: PageSet, forgery: str) -> dict[str, Any]:
    returned = dict(parse_qsl(urlsplit(page.url).query))  # the citizen's return, signed "24"
    assert returned.get("MaLoi") == "24", f"đường dẫn trả về sau khi hủy: {page.url}"
    url = f"{ui.citizen_url}{ui.http.PAYMENT_CALLBACK_PATH}"
    answer = control.post(url, json=FORGERIES[forgery](returned))
    body: dict[str, Any] = answer.json()
    return body


@then(parsers.parse('cổng trả lời thông báo giả mạo bằng mã lỗi "{code}"'))
def _(forged: dict[str, Any], code: str) -> None:
    assert forged.get("MaLoi") == code, f"cổng trả lời thông báo giả mạo: {forged}"


@when(
    parsers.parse("kẻ gian phát lại thông báo kết quả thật của giao dịch đến cổng {times:d} lần"),
    target_fixture="replayed",
)
def _(
    control: httpx.Client, stack: Stack, ui: PageSet, submitted: Submitted, times: int
) -> list[Any]:
    def genuine() -> dict[str, Any] | None:
        sent = [
            c
            for t in transactions(control, stack.mocks["payment"], submitted.code)
            for c in t["callbacks"]
        ]
        return sent[0]["body"] if sent else None

    body = poll(
        genuine, what=f"nền tảng thanh toán gửi thông báo kết quả của hồ sơ {submitted.code}"
    )
    url = f"{ui.citizen_url}{ui.http.PAYMENT_CALLBACK_PATH}"
    return [control.post(url, json=body).json().get("MaLoi") for _ in range(times)]


@then(parsers.parse('cổng trả lời "{code}" cho mỗi lần phát lại mà không ghi nhận thêm'))
def _(replayed: list[Any], code: str) -> None:
    assert replayed == [code] * len(replayed), f"cổng trả lời các lần phát lại: {replayed}"


# --- test routes outside test mode -----------------------------------------------------------


@pytest.fixture
def other_portals(target: Target, stack: Stack, tmp_path: Path) -> Iterator[Callable[[str], str]]:
    """Start another reference portal in a given mode on a free port; stopped at the end."""
    if target.start != "reference":
        pytest.skip("starts a second reference portal: only for the bundled reference target")
    started: list[ServerProcess] = []

    def start(mode: str) -> str:
        secrets = {
            "PORTAL_SECRET_KEY": "khoa-bi-mat-kiem-thu-che-do",
            "PORTAL_SSO_CLIENT_SECRET": "bi-mat-sso",
            "PORTAL_PAYMENT_SECRET": "bi-mat-thanh-toan",
            "PORTAL_NATIONAL_PASSWORD": "bi-mat-cong-quoc-gia",
        }
        server = ServerProcess(
            name=f"portal-{mode}",
            module="portal",
            port=free_port(),
            env={
                "PORTAL_MODE": mode,
                "PORTAL_DATABASE_URL": f"sqlite:///{tmp_path / f'portal-{mode}.db'}",
                "PORTAL_SSO_ISSUER": stack.sso_issuer,
                "PORTAL_PAYMENT_URL": stack.mocks["payment"],
                "PORTAL_NATIONAL_URL": stack.mocks["national_portal"],
                **(secrets if mode == "production" else {}),
            },
            log_path=tmp_path / f"portal-{mode}.log",
        ).start()
        started.append(server)
        server.wait_healthy(timeout_s=90.0)  # a loaded CI machine needs more than 20 s
        return server.url

    yield start
    for server in started:
        server.stop()


@given(
    parsers.parse('một cổng dịch vụ công tham chiếu khởi động ở chế độ "{mode}"'),
    target_fixture="other_portal",
)
def _(other_portals: Callable[[str], str], mode: str) -> str:
    return other_portals(mode)


def ask_test_routes(base_url: str, http_routes: PortalHttp) -> dict[str, tuple[int, bool]]:
    """Each test route's answer, and whether the caller then holds a back-office session
    (``/_test/sessions`` answers one in its body in test mode)."""
    answers = {}
    with http_client(base_url=base_url, timeout=30.0) as http:
        for method, path, body in http_routes.TEST_ROUTES:
            answer = http.request(method, path, json=body)
            given = answer.json().get("cookie") if answer.status_code == 201 else None
            if isinstance(given, dict):
                http.cookies.set(given["name"], given["value"])
            private = http.get(http_routes.OFFICER_QUEUE_PATH).status_code == 200
            answers[f"{method} {path}"] = (answer.status_code, private)
    return answers


@when("một người bất kỳ gọi các đường dẫn kiểm thử của cổng đó", target_fixture="test_answers")
def _(ui: PageSet, other_portal: str) -> dict[str, tuple[int, bool]]:
    return ask_test_routes(other_portal, ui.http)


@then("cổng đó trả lời không tìm thấy cho mọi đường dẫn kiểm thử, không tạo phiên làm việc nào")
def _(test_answers: dict[str, tuple[int, bool]]) -> None:
    found = {route: status for route, (status, _) in test_answers.items() if status != 404}
    assert not found, f"cổng không ở chế độ kiểm thử vẫn trả lời: {found}"
    opened = [route for route, (_, private) in test_answers.items() if private]
    assert not opened, f"sau các lời gọi {opened}, trình duyệt có phiên làm việc trên cổng"


@then("cổng đang được kiểm thử ở chế độ kiểm thử vẫn trả lời các đường dẫn đó")
def _(control: httpx.Client, ui: PageSet) -> None:
    for method, path, _ in ui.http.TEST_ROUTES:
        if method == "GET":
            status = control.get(f"{ui.citizen_url}{path}").status_code
            assert status == 200, f"{method} {path} trên cổng chế độ kiểm thử: HTTP {status}"


# --- security headers and the content security policy --------------------------------------


@dataclass
class Watched:
    documents: list[Response] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)


@given(
    "trình duyệt ghi lại mọi trang cổng trả về và mọi vi phạm chính sách bảo mật nội dung",
    target_fixture="watched",
)
def _(page: Page, portal_url: str) -> Watched:
    watched = Watched()

    def on_response(response: Response) -> None:
        if response.url.startswith(portal_url) and response.request.resource_type == "document":
            watched.documents.append(response)

    page.on("response", on_response)
    page.on(
        "console",
        lambda message: (
            watched.violations.append(message.text)
            if "Content Security Policy" in message.text
            else None
        ),
    )
    return watched


@then(
    "mọi trang cổng trả về đều cấm đoán kiểu nội dung, cấm nhúng vào khung "
    "và có chính sách bảo mật nội dung"
)
def _(watched: Watched) -> None:
    assert len(watched.documents) >= 5, f"chỉ ghi được {len(watched.documents)} trang của cổng"
    missing = {}
    for response in watched.documents:
        headers = response.headers
        policy = headers.get("content-security-policy", "")
        problems = [
            name
            for name, ok in {
                "X-Content-Type-Options: nosniff": headers.get("x-content-type-options")
                == "nosniff",
                "cấm nhúng vào khung": headers.get("x-frame-options") in ("DENY", "SAMEORIGIN")
                and "frame-ancestors" in policy,
                "script-src không cho mã nội tuyến": "script-src" in policy
                and "unsafe-inline" not in policy,
            }.items()
            if not ok
        ]
        if problems:
            missing[f"{response.status} {response.url}"] = problems
    assert not missing, f"các trang thiếu tiêu đề bảo mật: {missing}"


@then("trình duyệt không ghi nhận vi phạm chính sách bảo mật nội dung nào trên trang của cổng")
def _(watched: Watched) -> None:
    assert watched.violations == [], f"vi phạm chính sách bảo mật nội dung: {watched.violations}"


@when(
    parsers.parse('một trang do kẻ gian dựng nhúng trang "{name}" của cổng vào khung'),
    target_fixture="framed",
)
def _(page: Page, ui: PageSet, name: str) -> list[int]:
    portal_url = ui.citizen_url
    framed = f"{portal_url}{ui.http.MY_DOSSIERS_PATH}"
    trap = f"{portal_url}/trang-cua-ke-gian.html"  # answered by the browser itself: no traffic
    page.route(trap, lambda route: route.fulfill(
        content_type="text/html; charset=utf-8",
        body=f'<!doctype html><title>Trúng thưởng</title><iframe title="khung" src="{framed}"></iframe>',
    ))  # fmt: skip
    served: list[int] = []
    page.on("response", lambda r: served.append(r.status) if r.url == framed else None)
    page.goto(trap)
    return served


@then("cổng vẫn trả trang nhưng trình duyệt không hiển thị nó trong khung")
def _(page: Page, framed: list[int]) -> None:
    assert 200 in framed, f"cổng không trả trang cho khung (HTTP {framed}): kiểm tra vô nghĩa"
    (child,) = [frame for frame in page.frames if frame != page.main_frame]
    heading = child.get_by_role("heading", name="Hồ sơ của tôi")
    expect(heading, "trang của cổng hiển thị trong khung của trang khác").to_have_count(0)
