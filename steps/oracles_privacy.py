"""Stronger oracles (issue 20), privacy (trang_cong_khai): the pages anyone can open without
signing in — the public lookup, the result's verification page, a dossier's pages, error
pages — show nothing personal of the citizen, and the lookup answers a real code and a
missing one with the HTTP status the feature states."""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.sync_api import expect
from pytest_bdd import parsers, then

from fixtures.oracles import squeeze
from steps.world import Dossier, People

# --- Thì: pages without signing in ------------------------------------------------------


def personal_values(people: People) -> dict[str, str]:
    citizen = people.the_citizen
    return {
        "họ tên": citizen.full_name,
        "số định danh": citizen.cccd,
        "số điện thoại": citizen.phone,
        "thư điện tử": citizen.email,
        "ngày sinh": citizen.birth_date.strftime("%d/%m/%Y"),
        "địa chỉ thường trú": citizen.address,
    }


@then(
    "người chưa đăng nhập mở trang tra cứu, trang xác thực kết quả, các trang của hồ sơ "
    "và trang lỗi mà không thấy thông tin cá nhân nào của công dân"
)
def _(people: People, dossier: Dossier) -> None:
    mine = people.ui.citizen_dossier(people.citizen()).open(dossier.code)
    verify_url = mine.verify_link.get_attribute("href") or ""
    assert verify_url, "trang hồ sơ không có đường dẫn xác thực kết quả"
    if verify_url.startswith("/"):
        verify_url = people.ui.citizen_url + verify_url
    stranger = people.person("người chưa đăng nhập")
    texts: dict[str, str] = {}
    lookup = people.ui.public_lookup(stranger).open(dossier.code)
    expect(lookup.status, "trang tra cứu cho người lạ thấy trạng thái hồ sơ").to_be_visible()
    texts["trang tra cứu"] = lookup.text()
    lookup.open(dossier.code[:-1] + "X")
    texts["tra cứu mã không có"] = lookup.text()
    people.ui.verification(stranger).open_url(verify_url)
    texts["trang xác thực kết quả"] = stranger.locator("body").inner_text()
    officer = people.ui.officer_dossier(people.officer("cán bộ một cửa")).open(dossier.code)
    file_link = officer.files.get_by_role("link").first.get_attribute("href") or ""
    http = people.ui.http
    pages = {**http.dossier_pages(dossier.code), **http.officer_pages(dossier.code, file_link)}
    for name, path in pages.items():
        base = people.ui.officer_url if path.startswith("/can-bo") else people.ui.citizen_url
        stranger.goto(base + path)
        # sent away to sign in (the identity provider's page is not the portal's): nothing shown
        portal = {urlsplit(people.ui.citizen_url).netloc, urlsplit(people.ui.officer_url).netloc}
        on_portal = urlsplit(stranger.url).netloc in portal
        texts[name] = stranger.locator("body").inner_text() if on_portal else ""
    leaks = {
        where: [what for what, value in personal_values(people).items() if squeeze(value) in squeeze(text)]
        for where, text in texts.items()
    }  # fmt: skip
    leaks = {where: found for where, found in leaks.items() if found}
    assert not leaks, f"trang mở được khi chưa đăng nhập lộ thông tin cá nhân: {leaks}"


@then(
    parsers.parse(
        "trang tra cứu trả lời HTTP {found:d} cho mã hồ sơ có thật, HTTP {missing:d} cho mã không có"
    )
)
def _(people: People, dossier: Dossier, found: int, missing: int) -> None:
    lookup = people.ui.public_lookup(people.person("người tra cứu"))
    answers = {
        "mã có thật": lookup.open(dossier.code).answer_status,
        "mã không có": lookup.open(dossier.code[:-1] + "X").answer_status,
    }
    expected = {"mã có thật": found, "mã không có": missing}
    assert answers == expected, (
        f"trang tra cứu phải trả lời HTTP {expected}, cổng trả lời {answers}"
    )
