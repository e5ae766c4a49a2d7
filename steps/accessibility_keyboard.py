"""Beyond the checklist: khả năng tiếp cận with the keyboard alone (chi_dung_ban_phim): one
procedure found, filled, attached and submitted with Tab, Shift+Tab, Enter, Space and the
arrow keys; the order of the form's controls and a visible focus ring with enough
contrast. axe-core on every page is in steps/accessibility.py."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pytest
from faker import Faker
from playwright.sync_api import FilePayload, Page, expect
from pytest_bdd import parsers, then, when

from fixtures.citizens import Citizen
from fixtures.procedures import ProcedureSpec, fill_values
from pages.protocols import PageSet
from steps.world import Submitted, vn_today

MIN_FOCUS_CONTRAST = 3.0  # WCAG 2.2 SC 1.4.11 (non-text contrast) for the focus indicator


# --- the keyboard alone ------------------------------------------------------------------

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const label = el.labels && el.labels.length ? el.labels[0].innerText : '';
  const name = (el.getAttribute('aria-label') || label || el.innerText || el.value || '')
    .replace(/\\s+/g, ' ').trim();
  const style = getComputedStyle(el);
  let background = 'rgb(255, 255, 255)';
  for (let node = el.parentElement; node; node = node.parentElement) {
    const color = getComputedStyle(node).backgroundColor;
    if (color !== 'transparent' && !/^rgba\\(.*, 0\\)$/.test(color)) { background = color; break; }
  }
  return {tag: el.tagName.toLowerCase(), type: el.type || '', name, key: el.id || el.name || name,
          own: el.matches(':focus'), focusVisible: el.matches(':focus-visible'),
          outlineStyle: style.outlineStyle,
          outlineWidth: parseFloat(style.outlineWidth) || 0, outlineColor: style.outlineColor,
          background};
}"""
CHOSEN = "el => el.options[el.selectedIndex] ? el.options[el.selectedIndex].text : ''"


def luminance(css: str) -> float:
    channels = [int(c) / 255 for c in re.findall(r"\d+", css)[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@dataclass
class Trail:
    """Where the keyboard went: every focus, and the form's controls in order."""

    focus: list[dict[str, Any]] = field(default_factory=list)
    form_order: list[str] = field(default_factory=list)
    backwards: list[str] = field(default_factory=list)
    expected_order: list[str] = field(default_factory=list)


@pytest.fixture
def keyboard_trail() -> Trail:
    return Trail()


class Keyboard:
    """Tab, Shift+Tab, Enter, Space and arrow keys only (``page.keyboard``): no click."""

    def __init__(self, page: Page, trail: Trail) -> None:
        self.page = page
        self.trail = trail

    def focused(self) -> dict[str, Any]:
        return dict(self.page.evaluate(FOCUSED) or {"name": "", "tag": "body"})

    def tab(self, *, back: bool = False) -> dict[str, Any]:
        self.page.keyboard.press("Shift+Tab" if back else "Tab")
        now = self.focused()
        self.trail.focus.append(now)
        return now

    def next_control(self, *, back: bool = False, limit: int = 6) -> dict[str, Any]:
        """Tab (or Shift+Tab) until another element has the focus: a date input takes
        one Tab per part (day, month, year)."""
        start = self.focused().get("key")
        for _ in range(limit):
            now = self.tab(back=back)
            if now.get("key") != start:
                return now
        raise AssertionError(f"phím Tab không rời được “{start}” sau {limit} lần")

    def type_date(self, iso: str) -> None:
        """Type a date into the focused date input, in the order of its parts on screen
        (the browser's language decides it: tried month-day-year, day-month-year, ISO)."""
        year, month, day = iso.split("-")
        for order in (month + day + year, day + month + year, year + month + day):
            self.page.keyboard.type(order)
            if self.page.evaluate("() => document.activeElement.value") == iso:
                return
            for part in range(3):  # clear the three parts, from the last back to the first
                self.page.keyboard.press("Backspace")
                if part < 2:
                    self.page.keyboard.press("Shift+Tab")
        raise AssertionError(f"không gõ được ngày {iso} bằng bàn phím")

    def tab_to(self, name: str, limit: int = 80) -> dict[str, Any]:
        passed = []
        for _ in range(limit):
            now = self.tab()
            if now["name"] == name:
                return now
            passed.append(now["name"])
        raise AssertionError(f"phím Tab không tới được “{name}” sau {limit} lần: {passed}")

    def follow(self, key: str = "Enter") -> None:
        """Press ``key`` on a link or a form's button and wait for the next page."""
        with self.page.expect_navigation():
            self.page.keyboard.press(key)

    def choose(self, wanted: str, limit: int = 40) -> None:
        """Arrow keys on the focused list until ``wanted`` is chosen."""
        for _ in range(limit):
            if self.page.evaluate(f"() => ({CHOSEN})(document.activeElement)") == wanted:
                return
            self.page.keyboard.press("ArrowDown")
        raise AssertionError(f"phím mũi tên không chọn được “{wanted}”")

    def attach(self, file: FilePayload) -> None:
        with self.page.expect_file_chooser() as chooser:
            self.page.keyboard.press("Space")
        chooser.value.set_files(file)


def fill_by_keyboard(keys: Keyboard, spec_by_label: dict[str, Any], value: str) -> None:
    spec = spec_by_label
    if spec["type"] == "select":
        keys.choose(value)
    elif spec["type"] == "date":
        keys.type_date(value)
    else:
        keys.page.keyboard.type(value)


@when(
    parsers.parse(
        "công dân chỉ dùng bàn phím để tìm thủ tục từ trang chủ, điền tờ khai, "
        "đính kèm giấy tờ và nộp hồ sơ"
    ),
    target_fixture="submitted",
)
def _(
    page: Page,
    ui: PageSet,
    citizen: Citizen,
    procedure: ProcedureSpec,
    fake: Faker,
    keyboard_trail: Trail,
) -> Submitted:
    code = procedure.code
    keys = Keyboard(page, keyboard_trail)
    ui.home(page).open()
    keys.tab_to("Thủ tục hành chính")
    keys.follow()
    catalogue = ui.catalogue(page)
    expect(catalogue.heading, "danh mục thủ tục mở bằng phím Enter").to_be_visible()
    keys.tab_to("Tìm thủ tục theo tên hoặc mã")
    page.keyboard.type(code)
    keys.follow()
    keys.tab_to(procedure.name)
    keys.follow()
    ui.procedure(page, procedure.name).is_current()
    keys.tab_to("Nộp hồ sơ trực tuyến")
    keys.follow()
    form = ui.submission_form(page).is_current()

    values = fill_values(procedure, fake, citizen, today=vn_today())
    fields = {f.label: f for f in procedure.fields}
    papers = {a.name for a in procedure.attachments}
    required = {a.name for a in procedure.required_attachments}
    keyboard_trail.expected_order = [*fields, *(a.name for a in procedure.attachments), "Nộp hồ sơ"]
    now = keys.tab_to(procedure.fields[0].label)
    while True:
        name = now["name"]
        keyboard_trail.form_order.append(name)
        spec = fields.get(name)
        if spec is not None:
            if not spec.prefill:
                fill_by_keyboard(keys, {"type": spec.type}, values[spec.name])
        elif name in papers:
            if name in required:
                keys.attach(
                    {
                        "name": "giay-chung-sinh.pdf",
                        "mimeType": "application/pdf",
                        "buffer": ui.http.PDF,
                    }
                )
        else:
            break  # past the form's fields and papers: the first button
        now = keys.next_control()
    for _ in range(2):
        keyboard_trail.backwards.append(keys.next_control(back=True)["name"])
    keys.tab_to("Nộp hồ sơ")
    keys.follow()
    refused = form.errors.all_inner_texts()
    expect(form.submit_button, f"tờ khai đã được gửi; cổng báo: {refused}").to_have_count(0)
    return Submitted(ui.receipt(page).is_current().code(), procedure)


@then("phím Tab đi qua các ô của tờ khai theo đúng thứ tự trên tờ khai, Shift+Tab đi ngược lại")
def _(keyboard_trail: Trail) -> None:
    assert keyboard_trail.form_order == keyboard_trail.expected_order, (
        f"thứ tự phím Tab: {keyboard_trail.form_order}\n"
        f"thứ tự trên tờ khai: {keyboard_trail.expected_order}"
    )
    expected_back = list(reversed(keyboard_trail.expected_order[-3:-1]))
    assert keyboard_trail.backwards == expected_back, (
        f"Shift+Tab từ nút “Nộp hồ sơ” đi tới {keyboard_trail.backwards}, không phải {expected_back}"
    )


@then("mỗi phần tử công dân đi tới bằng bàn phím đều hiện rõ viền được chọn, tương phản đủ với nền")
def _(keyboard_trail: Trail) -> None:
    """The focus ring of each element reached (``:focus-visible`` outline, ≥ 2 px, ≥ 3:1
    against the background behind it). A date input's calendar button is a tab stop drawn
    by the browser itself (its own ring, out of the page's reach): not measured."""
    unclear = []
    for focus in [f for f in keyboard_trail.focus if f.get("own", True)]:
        visible = (
            focus.get("focusVisible")
            and focus.get("outlineStyle") not in (None, "none")
            and focus.get("outlineWidth", 0) >= 2
        )
        ratio = contrast(focus["outlineColor"], focus["background"]) if visible else 0.0
        if ratio < MIN_FOCUS_CONTRAST:
            unclear.append(
                f"{focus['tag']} “{focus['name']}”: viền {focus.get('outlineStyle')} "
                f"{focus.get('outlineWidth')}px {focus.get('outlineColor')} trên nền "
                f"{focus.get('background')} (tương phản {ratio:.1f}:1)"
            )
    assert keyboard_trail.focus, "không phần tử nào nhận được tiêu điểm bàn phím"
    assert not unclear, "viền tiêu điểm không rõ (cần ≥ 3:1):\n" + "\n".join(unclear)
