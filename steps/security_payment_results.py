"""Beyond the checklist: an toàn thông tin — forged or replayed payment results
(features/06_an_toan_thong_tin/ket_qua_thanh_toan_gia_mao.feature): a return URL edited
by the citizen, a callback signed with another key or not at all, the genuine callback
replayed."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import httpx
from playwright.sync_api import Page, expect
from pytest_bdd import parsers, then, when

from fixtures.control import MockControl
from fixtures.polling import poll
from pages.protocols import PageSet
from steps.world import Submitted

RESULT_FIELDS = ("MaDoiTac", "MaThamChieu", "MaGiaoDich", "SoTien", "MaLoi", "ThoiGianGD")


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
    control: httpx.Client,
    payment_control: MockControl,
    ui: PageSet,
    submitted: Submitted,
    times: int,
) -> list[Any]:
    def genuine() -> dict[str, Any] | None:
        sent = [c for t in payment_control.transactions(submitted.code) for c in t["callbacks"]]
        return sent[0]["body"] if sent else None

    body = poll(
        genuine, what=f"nền tảng thanh toán gửi thông báo kết quả của hồ sơ {submitted.code}"
    )
    url = f"{ui.citizen_url}{ui.http.PAYMENT_CALLBACK_PATH}"
    return [control.post(url, json=body).json().get("MaLoi") for _ in range(times)]


@then(parsers.parse('cổng trả lời "{code}" cho mỗi lần phát lại mà không ghi nhận thêm'))
def _(replayed: list[Any], code: str) -> None:
    assert replayed == [code] * len(replayed), f"cổng trả lời các lần phát lại: {replayed}"
