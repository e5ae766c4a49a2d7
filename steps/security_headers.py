"""Beyond the checklist: an toàn thông tin — security headers and the content security
policy (features/06_an_toan_thong_tin/tieu_de_bao_mat.feature): every page forbids
sniffing and framing and carries a policy without inline scripts; no page breaks it."""

from __future__ import annotations

from dataclasses import dataclass, field

from playwright.sync_api import Page, Response, expect
from pytest_bdd import given, parsers, then, when

from pages.protocols import PageSet


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
