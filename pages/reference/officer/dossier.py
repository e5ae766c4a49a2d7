"""One dossier in the back office (/can-bo/ho-so/{code}): its facts and the actions the
signed-in officer's role may take on it now (one form per action)."""

from __future__ import annotations

from datetime import date, timedelta

from playwright.sync_api import APIResponse, Locator, Page, expect

# The actions by the name of their button (and of their form).
ACTION_PATHS = {
    "Tiếp nhận": "tiep-nhan",
    "Từ chối tiếp nhận": "tu-choi",
    "Yêu cầu bổ sung": "yeu-cau-bo-sung",
    "Yêu cầu thực hiện nghĩa vụ tài chính": "nghia-vu-tai-chinh",
    "Thẩm định": "tham-dinh",
    "Phê duyệt": "phe-duyet",
    "Trả kết quả": "tra-ket-qua",
    "Gửi thư xin lỗi": "thu-xin-loi",
    "Dừng xử lý": "dung-xu-ly",
}
# An action the back office does not have ("none"), sent as the others are.
UNKNOWN_ACTION_PATH = "khong-co"


class OfficerDossierPage:
    # What the portal answers an officer whose role may not take an action.
    ROLE_REFUSAL = "Vai trò của bạn không được thực hiện thao tác"

    def __init__(self, page: Page, base_url: str) -> None:
        self.page = page
        self.base_url = base_url
        self.heading = page.get_by_role("heading", name="Xử lý hồ sơ", level=1)
        self.status = page.get_by_label("Trạng thái", exact=True)
        self.due = page.get_by_label("Ngày hẹn trả", exact=True)
        self.time_left = page.get_by_label("Thời gian còn lại", exact=True)
        self.fee_state = page.get_by_label("Tình trạng thanh toán", exact=True)
        self.overdue_warning = page.get_by_role("status").filter(has_text="Quá hạn")
        self.error = page.get_by_role("alert")
        self.actions = page.get_by_role("region", name="Thao tác xử lý")
        self.no_action = page.get_by_text("Không có thao tác nào dành cho vai trò")
        self.files = page.get_by_role("table", name="Giấy tờ đã nộp")
        self.history = page.get_by_role("table", name="Quá trình xử lý")
        self.signed_in_as = page.get_by_text("Cán bộ:")
        self.form_values = page.get_by_role("region", name="Thông tin tờ khai")

    def open(self, code: str) -> OfficerDossierPage:
        self.page.goto(f"{self.base_url}/can-bo/ho-so/{code}")
        expect(self.heading, f"trang xử lý hồ sơ {code}").to_contain_text(code)
        return self

    def action_button(self, name: str) -> Locator:
        return self.actions.get_by_role("button", name=name, exact=True)

    def action_buttons(self) -> list[str]:
        return [name.strip() for name in self.actions.get_by_role("button").all_inner_texts()]

    def value(self, label: str) -> Locator:
        return self.form_values.get_by_label(label, exact=True)

    def _form(self, name: str) -> Locator:
        return self.page.get_by_role("form", name=name, exact=True)

    def _act(self, name: str) -> OfficerDossierPage:
        self._form(name).get_by_role("button", name=name, exact=True).click()
        done = self.page.get_by_role("status").filter(has_text=f"Đã thực hiện: {name}.")
        expect(done, f"cổng xác nhận đã thực hiện “{name}”").to_be_visible()
        return self

    def receive(self) -> OfficerDossierPage:
        return self._act("Tiếp nhận")

    def refuse(self, reason: str) -> OfficerDossierPage:
        self._form("Từ chối tiếp nhận").get_by_label("Lý do từ chối tiếp nhận").fill(reason)
        return self._act("Từ chối tiếp nhận")

    def request_supplement(self, note: str, papers: list[str]) -> OfficerDossierPage:
        form = self._form("Yêu cầu bổ sung")
        form.get_by_label("Nội dung yêu cầu bổ sung").fill(note)
        for paper in papers:
            form.get_by_role("group", name="Giấy tờ cần bổ sung").get_by_label(paper).check()
        return self._act("Yêu cầu bổ sung")

    def request_obligation(self, amount: int, note: str = "") -> OfficerDossierPage:
        form = self._form("Yêu cầu thực hiện nghĩa vụ tài chính")
        form.get_by_label("Số tiền phải nộp (đồng)").fill(str(amount))
        form.get_by_label("Ghi chú nghĩa vụ tài chính").fill(note)
        return self._act("Yêu cầu thực hiện nghĩa vụ tài chính")

    def appraise(self, opinion: str) -> OfficerDossierPage:
        self._form("Thẩm định").get_by_label("Ý kiến thẩm định").fill(opinion)
        return self._act("Thẩm định")

    def approve(self, opinion: str = "") -> OfficerDossierPage:
        self._form("Phê duyệt").get_by_label("Ý kiến phê duyệt").fill(opinion)
        return self._act("Phê duyệt")

    def return_result(self) -> OfficerDossierPage:
        return self._act("Trả kết quả")

    def send_apology(self, text: str, new_due: date) -> OfficerDossierPage:
        form = self._form("Gửi thư xin lỗi")
        form.get_by_label("Nội dung thư xin lỗi").fill(text)
        form.get_by_label("Ngày hẹn trả mới").fill(new_due.isoformat())
        return self._act("Gửi thư xin lỗi")

    def stop(self, reason: str) -> OfficerDossierPage:
        self._form("Dừng xử lý").get_by_label("Lý do dừng xử lý").fill(reason)
        return self._act("Dừng xử lý")

    def post_action_directly(self, code: str, button: str) -> APIResponse:
        """Send the action's form straight to the portal, as a crafted request would,
        with this officer's session and a valid anti-forgery token: the page need not
        offer the button. Every field any action asks for is filled with a valid value,
        so that only the portal's own rules (role, status) can refuse it, not a missing
        reason or amount."""
        return self._post_directly(code, ACTION_PATHS[button])

    def post_unknown_action_directly(self, code: str) -> APIResponse:
        """Send, as ``post_action_directly`` does (session, token, every field), an action
        that the back office does not have: only its name can be refused."""
        return self._post_directly(code, UNKNOWN_ACTION_PATH)

    def _post_directly(self, code: str, action_path: str) -> APIResponse:
        token = self.page.locator('input[type="hidden"][name="csrf_token"]').first.input_value()
        url = f"{self.base_url}/can-bo/ho-so/{code}/{action_path}"
        reason = "Gửi thẳng đến cổng để kiểm tra phân quyền."
        form: dict[str, str | float | bool] = {
            "csrf_token": token,
            "ly_do": reason,  # refuse, stop
            "noi_dung": reason,  # ask for papers, apologise
            "so_tien": "50000",  # financial obligation
            "ghi_chu": reason,
            "y_kien": reason,  # appraise, approve
            "ngay_hen_moi": (date.today() + timedelta(days=7)).isoformat(),  # apologise
        }
        return self.page.request.post(url, form=form, max_redirects=0)

    def officer_name(self) -> str:
        """The signed-in officer's name, as the page header shows it."""
        text = self.signed_in_as.inner_text()  # "Cán bộ: Nguyễn Thị Lan (Bộ phận Một cửa)"
        return text.split(":", 1)[1].rsplit("(", 1)[0].strip()
