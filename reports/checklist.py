"""The testing checklist (QĐ 31/2021/QĐ-TTg Điều 26; TT 01/2023/TT-VPCP Điều 17) as data.

One place for the tag of each checklist item, its Vietnamese name (the Allure epic),
its default severity and the legal basis that the report links to. The suite's label
plugin (``fixtures/allure_labels.py``) writes these into the results; the report
builder reads them back from the results only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final


@dataclass(frozen=True)
class Item:
    key: str  # the Gherkin tag, without "@"
    name: str  # the Allure epic, as the checklist names it
    in_checklist: bool  # items 1–5 decide the overall verdict; the others are reported only
    default_severity: str
    short: str  # a column heading in the summary


ITEMS: Final[tuple[Item, ...]] = (
    Item("sso", "1. Kiểm tra cơ chế đăng nhập một lần", True, "critical", "Đăng nhập một lần"),
    Item("submission", "2. Thực hiện nộp hồ sơ trực tuyến", True, "critical", "Nộp hồ sơ"),
    Item("payment", "3. Kiểm tra tích hợp thanh toán trực tuyến", True, "critical", "Thanh toán"),
    Item("processing", "4. Kiểm tra xử lý hồ sơ trực tuyến", True, "critical", "Xử lý hồ sơ"),
    Item("sync", "4. Đồng bộ trạng thái hồ sơ", True, "critical", "Đồng bộ trạng thái"),
    Item("e_result", "5. Kết quả giải quyết TTHC bản điện tử", True, "critical", "Kết quả điện tử"),
    Item("security", "Ngoài danh mục: An toàn thông tin", False, "normal", "An toàn thông tin"),
    Item("reliability", "Ngoài danh mục: Độ tin cậy", False, "normal", "Độ tin cậy"),
    Item(
        "accessibility", "Ngoài danh mục: Khả năng tiếp cận", False, "normal", "Khả năng tiếp cận"
    ),
)
BY_KEY: Final[dict[str, Item]] = {item.key: item for item in ITEMS}
CHECKLIST_KEYS: Final[tuple[str, ...]] = tuple(i.key for i in ITEMS if i.in_checklist)
BEYOND_KEYS: Final[tuple[str, ...]] = tuple(i.key for i in ITEMS if not i.in_checklist)
UNCLASSIFIED_EPIC: Final = "Chưa xếp vào hạng mục kiểm thử"

SEVERITIES: Final[tuple[str, ...]] = ("blocker", "critical", "normal", "minor", "trivial")

# Procedure codes (mã TTHC, e.g. 1.001193): a Gherkin tag "@tthc_<code>" or an Outline
# example column named one of these.
PROCEDURE_TAG_PREFIX: Final = "tthc_"
PROCEDURE_COLUMNS: Final[tuple[str, ...]] = ("ma_tthc", "MaTTHC")
GENERAL_PROCEDURE: Final = "chung"  # the summary's row for scenarios that name no procedure
GENERAL_PROCEDURE_NAME: Final = "Dùng chung (kịch bản không gắn mã thủ tục)"

# Custom Allure labels the suite adds (besides epic, feature, story, severity, tag).
LABEL_ITEM: Final = "checklist"  # the item key, e.g. "sso"
LABEL_PROCEDURE: Final = "procedure"  # the procedure code
LABEL_PROCEDURE_NAME: Final = "procedure_name"
LABEL_TARGET: Final = "target"  # the target profile's name

# The legal basis. Search links on thuvienphapluat.vn (no document id is guessed:
# nothing here is fetched, and a search by number always finds the text).
LEGAL_LINKS: Final[tuple[tuple[str, str], ...]] = (
    (
        "QĐ 31/2021/QĐ-TTg, Điều 26 (kiểm thử dịch vụ công trực tuyến)",
        "https://thuvienphapluat.vn/page/tim-van-ban.aspx?keyword=31%2F2021%2FQ%C4%90-TTg",
    ),
    (
        "TT 01/2023/TT-VPCP, Điều 17",
        "https://thuvienphapluat.vn/page/tim-van-ban.aspx?keyword=01%2F2023%2FTT-VPCP",
    ),
)

# Verdicts (summary.json and the HTML record), worst first.
FAIL: Final = "Không đạt"
UNTESTED: Final = "Chưa kiểm thử"
PASS_AFTER_RETRY: Final = "Đạt sau khi chạy lại"  # a warning: an earlier attempt failed
PASS: Final = "Đạt"
VERDICTS: Final[tuple[str, ...]] = (FAIL, UNTESTED, PASS_AFTER_RETRY, PASS)

# What the checklist requires of each procedure (docs/report.md, "Verdicts"): a scenario of
# its own that ran and passed for every checklist item, except the items in
# SHARED_ITEMS, which work the same for every procedure (signing in happens before a
# procedure is chosen): there the scenarios that name no procedure stand in.
SHARED_ITEMS: Final[tuple[str, ...]] = ("sso",)

# The biên bản's organisation fields: environment.properties keys ``report.<key>``
# (written by the suite from the target profile's [report] table, or given to the
# builder as ``--field key=value``).
REPORT_FIELDS: Final[tuple[tuple[str, str], ...]] = (
    ("testing_unit", "Đơn vị thực hiện kiểm thử"),
    ("vendor", "Đơn vị cung cấp dịch vụ"),
    ("agency", "Cơ quan chủ quản"),
    ("service_name", "Tên dịch vụ công trực tuyến"),
    ("service_version", "Phiên bản dịch vụ"),
    ("tester", "Người thực hiện kiểm thử"),
    ("place", "Địa điểm"),
    ("number", "Số biên bản"),
)
REPORT_PREFIX: Final = "report."
