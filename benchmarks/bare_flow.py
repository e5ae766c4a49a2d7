"""The submission-and-payment flow as a bare Playwright script: no pytest, no pytest-bdd,
no Allure. ``make bench`` compares the suite's scenario for the same flow with it
(overhead_ratio = the scenario's seconds / this flow's median seconds).

The flow is the one of features/03_thanh_toan/thanh_toan.feature, "Công dân nộp hồ sơ có
lệ phí rồi thanh toán ngay trên giấy tiếp nhận", step for step: the same precondition
through the same HTTP calls (a citizen registered at the SSO mock, a portal session from
``POST /_test/sessions``), the same form fields and file, the same clicks, the same checks
(the receipt shows 200.000 đồng unpaid; the payment succeeds with the platform's
transaction code; the receipt then shows it paid with that code).

What is timed per run is what the suite's scenario seconds hold, minus the suite itself:
making the citizen, creating the browser context and page, the flow, closing the context.
Not timed (the suite does these once per session too): the servers, the browser.

``python -m benchmarks.bare_flow [--runs 5] [--warmup 1]`` prints JSON:
``{"runs_s": [...], "warmup_s": [...], "median_s": ..., "browser": PATH}``.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import httpx
from faker import Faker
from playwright.sync_api import Browser, Page, expect, sync_playwright

from fixtures.chromium import LAUNCH_ARGS, find_chromium
from fixtures.citizens import make_faker, new_citizen
from fixtures.control import MockControl, control_headers
from fixtures.procedures import ProcedureSpec, generate, load_procedures
from fixtures.stack import Stack, start_reference_stack

PROCEDURE = "2.000488"  # the feature's procedure
FEE = 200_000  # the feature's "lệ phí 200000 đồng"
CHANNEL = "Thẻ ATM nội địa"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"  # steps/submission.py's "một bản PDF"
EXPECT_TIMEOUT_MS = 5000  # targets/reference.toml [timeouts] expect_ms
CONTEXT_ARGS: dict[str, Any] = {"locale": "vi-VN", "timezone_id": "Asia/Ho_Chi_Minh"}
VN = ZoneInfo("Asia/Ho_Chi_Minh")
PAID, UNPAID = "Đã thanh toán", "Chưa thanh toán"


def money(amount: int) -> str:
    return f"{amount:,} đồng".replace(",", ".")


def paid_transaction_no(control: httpx.Client, payment_url: str, code: str) -> str:
    """The platform's code of the one paid transaction of a dossier (as steps/payment.py)."""
    payment = MockControl("payment", payment_url, control)
    return str(payment.paid_transaction(code)["MaGiaoDich"])


def expect_fee_facts(page: Page, amount: int, state: str) -> None:
    expect(page.get_by_label("Phí, lệ phí"), "phí, lệ phí").to_have_text(money(amount))
    expect(page.get_by_label("Tình trạng thanh toán"), "tình trạng thanh toán").to_have_text(state)


def submit_and_pay(
    browser: Browser,
    stack: Stack,
    control: httpx.Client,
    procedure: ProcedureSpec,
    pdf: Path,
    fake: Faker,
) -> float:
    """One run of the flow in a fresh context; returns its seconds."""
    portal, payment = stack.portal_url, stack.mocks["payment"]
    started = time.perf_counter()
    # Cho một công dân có phiên làm việc trên cổng dịch vụ công
    citizen = new_citizen(fake)
    MockControl("sso", stack.mocks["sso"], control).persona(citizen.persona())
    context = browser.new_context(**CONTEXT_ARGS)
    try:
        identity = {k: v for k, v in citizen.persona().items() if k not in ("username", "password")}
        answer = control.post(f"{portal}/_test/sessions", json={"identity": identity})
        answer.raise_for_status()
        cookie = answer.json()["cookie"]
        context.add_cookies([{"name": cookie["name"], "value": cookie["value"], "url": portal}])
        page = context.new_page()

        # Khi công dân nộp hồ sơ với đủ thông tin và giấy tờ (the target's procedure with a fee)
        page.goto(f"{portal}/thu-tuc/{procedure.code}/nop-ho-so")
        form_heading = page.get_by_role(
            "heading", name=re.compile("^Nộp hồ sơ trực tuyến"), level=1
        )
        expect(form_heading, "tờ khai").to_be_visible()
        today = datetime.now(VN).date()
        for spec in procedure.to_fill:
            value = generate(spec, fake, today=today)
            if spec.choices:
                page.get_by_label(spec.label, exact=True).select_option(label=value)
            else:
                page.get_by_label(spec.label, exact=True).fill(value)
        for attachment in procedure.required_attachments:
            page.get_by_label(attachment.name, exact=True).set_input_files(pdf)
        page.get_by_role("button", name="Nộp hồ sơ", exact=True).click()
        receipt_heading = page.get_by_role("heading", name="Nộp hồ sơ thành công", level=1)
        expect(receipt_heading, "giấy tiếp nhận").to_be_visible()
        code = page.get_by_label("Mã hồ sơ").inner_text().strip()

        # Thì giấy tiếp nhận ghi lệ phí 200000 đồng chưa thanh toán
        expect(receipt_heading, "giấy tiếp nhận").to_be_visible()
        expect_fee_facts(page, FEE, UNPAID)

        # Khi công dân thanh toán lệ phí ngay trên giấy tiếp nhận qua "Thẻ ATM nội địa"
        expect(receipt_heading, "giấy tiếp nhận").to_be_visible()
        page.get_by_role("button", name="Thanh toán lệ phí").click()
        hosted = page.get_by_role("heading", name="Thanh toán phí, lệ phí hồ sơ")
        expect(hosted, "trang thanh toán").to_be_visible()
        channels = page.get_by_role("radiogroup", name="Kênh thanh toán")
        channels.get_by_label(CHANNEL, exact=True).check()
        page.get_by_role("button", name="Thanh toán", exact=True).click()
        result_heading = page.get_by_role("heading", name="Kết quả thanh toán", level=1)
        expect(result_heading, "kết quả thanh toán").to_be_visible()

        # Thì cổng báo thanh toán thành công 200000 đồng với mã giao dịch của nền tảng
        expect(result_heading, "kết quả thanh toán").to_be_visible()
        success = page.get_by_role("status")
        expect(success, "thanh toán thành công").to_have_text("Thanh toán thành công.")
        expect(page.get_by_label("Số tiền"), "số tiền").to_have_text(money(FEE))
        expect(page.get_by_label("Tình trạng thanh toán"), "tình trạng").to_have_text(PAID)
        number = paid_transaction_no(control, payment, code)
        expect(page.get_by_label("Mã giao dịch"), "mã giao dịch").to_have_text(number)

        # Và giấy tiếp nhận của hồ sơ ghi đã thanh toán 200000 đồng với mã giao dịch đó
        page.goto(f"{portal}/ho-so/{code}/bien-nhan")
        expect(receipt_heading, "giấy tiếp nhận").to_be_visible()
        expect_fee_facts(page, FEE, PAID)
        number = paid_transaction_no(control, payment, code)
        expect(page.get_by_label("Mã giao dịch"), "mã giao dịch").to_have_text(number)
    finally:
        context.close()
    return time.perf_counter() - started


def measure(runs: int = 5, warmup: int = 1) -> dict[str, Any]:
    """Start the reference stack and the browser, run the flow ``warmup + runs`` times."""
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    procedure = load_procedures()[PROCEDURE]
    fake = make_faker()
    executable = find_chromium()
    with tempfile.TemporaryDirectory(prefix="bare-flow-") as tmp:
        pdf = Path(tmp) / "giay-to" / "giay-chung-sinh.pdf"
        pdf.parent.mkdir()
        pdf.write_bytes(PDF)
        stack = start_reference_stack(Path(tmp) / "stack")
        try:
            # the mocks' control API needs its token (fixtures/control.py), as the suite's
            with (
                sync_playwright() as pw,
                httpx.Client(timeout=10.0, headers=control_headers()) as control,
            ):
                browser = pw.chromium.launch(
                    executable_path=executable, args=LAUNCH_ARGS, headless=True
                )
                try:
                    seconds = [
                        submit_and_pay(browser, stack, control, procedure, pdf, fake)
                        for _ in range(warmup + runs)
                    ]
                finally:
                    browser.close()
        finally:
            stack.stop()
    timed = seconds[warmup:]
    return {
        "runs_s": [round(s, 3) for s in timed],
        "warmup_s": [round(s, 3) for s in seconds[:warmup]],
        "median_s": round(statistics.median(timed), 3),
        "browser": executable,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bare_flow", description=__doc__)
    parser.add_argument("--runs", type=int, default=5, help="timed runs (default 5)")
    parser.add_argument("--warmup", type=int, default=1, help="untimed runs first (default 1)")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.warmup < 0:
        parser.error("--runs must be at least 1 and --warmup at least 0")
    print(json.dumps(measure(args.runs, args.warmup)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
