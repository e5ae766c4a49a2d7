"""Render the compliance summary (summary.json's content) as a printable A4 test record."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from reports.checklist import (
    BY_KEY,
    CHECKLIST_KEYS,
    FAIL,
    GENERAL_PROCEDURE,
    PASS,
    PASS_AFTER_RETRY,
    REPORT_FIELDS,
    UNTESTED,
)

TEMPLATES = Path(__file__).resolve().parent / "templates"

# environment.properties keys (written by fixtures/allure_labels.py) shown in section I.
ENV_LABELS = (
    ("portal.url", "Địa chỉ cổng dịch vụ công"),
    ("portal.version", "Phiên bản cổng dịch vụ công"),
)
# ... and in appendix B (the machine).
MACHINE_LABELS = (
    ("suite.version", "Phiên bản bộ kiểm thử (dvc-e2e)"),
    ("browser", "Trình duyệt"),
    ("host", "Máy thực hiện kiểm thử"),
    ("os", "Hệ điều hành"),
    ("cpu.count", "Số CPU"),
    ("python", "Python"),
    ("ci", "Lượt chạy tích hợp liên tục (CI)"),
)
STATUS_VI = {
    "passed": "đạt",
    "failed": "không đạt",
    "broken": "lỗi",
    "skipped": "bỏ qua",
    "unknown": "không rõ",
}
OUTCOME_VI = {
    "passed": PASS,
    "passed_after_retry": PASS_AFTER_RETRY,
    "failed": FAIL,
    "skipped": UNTESTED,
}


def _when(iso: str | None) -> str:
    if not iso:
        return "không rõ"
    moment = datetime.fromisoformat(iso)
    return moment.strftime("%H:%M:%S ngày %d/%m/%Y")


def _date_line(iso: str) -> str:
    moment = datetime.fromisoformat(iso)
    return f"ngày {moment.day:02d} tháng {moment.month:02d} năm {moment.year}"


def _vclass(verdict: str) -> str:
    return {PASS: "v-pass", FAIL: "v-fail", PASS_AFTER_RETRY: "v-warn"}.get(verdict, "v-none")


def _sclass(status: str) -> str:
    return {"passed": "v-pass", "skipped": "v-none"}.get(status, "v-fail")


def render_html(summary: dict[str, Any]) -> str:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["short_name"] = lambda key: BY_KEY[key].short if key in BY_KEY else key
    template = env.get_template("summary.html.j2")
    failures = [
        {**f, "item_names": ", ".join(BY_KEY[k].name for k in f["items"]) or "chưa xếp hạng mục"}
        for f in summary["failures"]
    ]
    return template.render(
        s=summary,
        env=summary["environment"],
        env_labels=ENV_LABELS,
        machine_labels=MACHINE_LABELS,
        report_labels=REPORT_FIELDS,
        items=BY_KEY,
        checklist_keys=CHECKLIST_KEYS,
        general=GENERAL_PROCEDURE,
        failures=failures,
        when=_when,
        date_line=_date_line,
        vclass=_vclass,
        sclass=_sclass,
        status_vi=lambda status: STATUS_VI.get(status, status),
        outcome_vi=lambda outcome: OUTCOME_VI.get(outcome, outcome),
        oclass=lambda outcome: _vclass(OUTCOME_VI.get(outcome, "")),
    )
