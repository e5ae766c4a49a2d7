"""The citizen's own dossier (/ho-so/{code}): status, due date and time left, the
reasons and requests of the agency, supplements, payment, the result, withdrawal."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from playwright.sync_api import Locator, Page, expect

from pages.payment.hosted_page import HostedPaymentPage
from pages.reference.payment_result import PaymentResultPage

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def shown_time(moment: datetime) -> str:
    """How the portal writes a moment on its pages: "HH:MM dd/mm/yyyy", Vietnam's time."""
    return moment.astimezone(VN).strftime("%H:%M %d/%m/%Y")


class CitizenDossierPage:
    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.heading = page.get_by_role("heading", name="Hồ sơ", level=1)
        self.status = page.get_by_label("Trạng thái", exact=True)
        self.submitted_at = page.get_by_label("Ngày nộp", exact=True)
        self.due = page.get_by_label("Ngày hẹn trả", exact=True)
        self.time_used = page.get_by_label("Thời gian đã sử dụng", exact=True)
        self.time_left = page.get_by_label("Thời gian còn lại", exact=True)
        self.returned_at = page.get_by_label("Ngày trả kết quả", exact=True)
        self.reason = page.get_by_label("Lý do", exact=True)
        self.apology = page.get_by_label("Thư xin lỗi", exact=True)
        self.fee = page.get_by_label("Phí, lệ phí", exact=True)
        self.fee_state = page.get_by_label("Tình trạng thanh toán", exact=True)
        self.transaction = page.get_by_label("Mã giao dịch", exact=True)
        self.supplement = page.get_by_role("region", name="Bổ sung hồ sơ")
        self.pay_button = page.get_by_role("button", name="Thanh toán lệ phí")
        self.result = page.get_by_role("region", name="Kết quả giải quyết")
        self.download_button = page.get_by_role("button", name="Tải kết quả")
        self.verify_link = page.get_by_role("link", name="Xác thực kết quả điện tử")
        self.withdraw_button = page.get_by_role("button", name="Rút hồ sơ")
        self.history = page.get_by_role("table", name="Quá trình xử lý")

    def url(self, code: str) -> str:
        return f"{self.base_url}/ho-so/{code}"

    def result_url(self, code: str) -> str:
        """Where the result's PDF is downloaded from (the "Tải kết quả" button's target)."""
        return f"{self.url(code)}/ket-qua.pdf"

    def open(self, code: str) -> CitizenDossierPage:
        self.page.goto(self.url(code))
        expect(self.heading, f"trang hồ sơ {code} của công dân").to_contain_text(code)
        return self

    def supplement_request(self) -> Locator:
        return self.supplement.get_by_text("Cơ quan giải quyết yêu cầu bổ sung")

    def send_supplement(self, paper: str, file: Path, note: str) -> CitizenDossierPage:
        self.supplement.get_by_label(paper).set_input_files(str(file))
        self.supplement.get_by_label("Ghi chú bổ sung").fill(note)
        self.supplement.get_by_role("button", name="Gửi bổ sung").click()
        sent = self.page.get_by_role("status").filter(has_text="Đã gửi giấy tờ bổ sung")
        expect(sent, "cổng xác nhận đã nhận giấy tờ bổ sung").to_be_visible()
        return self

    def start_payment(self) -> HostedPaymentPage:
        self.pay_button.click()
        return HostedPaymentPage(self.page).is_current()

    def pay_online(self, channel: str = "Thẻ ATM nội địa") -> PaymentResultPage:
        """Pay the fee on the payment platform; the browser comes back to the portal."""
        self.start_payment().pay(channel)
        return PaymentResultPage(self.page).is_current()

    def download_result(self) -> bytes:
        with self.page.expect_download() as started:
            self.download_button.click()
        path = started.value.path()
        return Path(path).read_bytes()

    def withdraw(self, reason: str) -> CitizenDossierPage:
        self.withdraw_button.click()
        self.page.get_by_label("Lý do rút hồ sơ").fill(reason)
        self.page.get_by_role("button", name="Xác nhận rút hồ sơ").click()
        done = self.page.get_by_role("status").filter(has_text="Đã rút hồ sơ")
        expect(done, "cổng xác nhận đã rút hồ sơ").to_be_visible()
        return self

    def history_rows(self) -> list[dict[str, str]]:
        """The rows of "Quá trình xử lý": who, in which role, did what, and the status after."""
        rows = []
        for row in self.history.get_by_role("row").all()[1:]:
            cells = [c.strip() for c in row.get_by_role("cell").all_inner_texts()]
            action = row.get_by_role("rowheader").inner_text().strip()
            rows.append(
                {
                    "at": cells[0],
                    "who": cells[1],
                    "role": cells[2],
                    "what": action,
                    "status": cells[3],
                }
            )
        return rows
