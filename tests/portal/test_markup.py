"""Accessible markup on every page the suite drives: one h1, a label for every control,
tables with a caption and header scopes, key facts as dt/dd pairs."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from tests.portal.conftest import Portal, identity

pytestmark = pytest.mark.anyio
CITIZEN = identity()
CONTROLS = {"input", "select", "textarea"}


class Audit(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.h1 = 0
        self.ids: set[str] = set()
        self.label_for: set[str] = set()
        self.controls: list[dict[str, str]] = []
        self.tables = 0
        self.captions = 0
        self.th_without_scope = 0
        self.dd_without_name = 0
        self.buttons_without_text: list[str] = []
        self._in_button = False
        self._button_text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "h1":
            self.h1 += 1
        elif tag == "label" and "for" in a:
            self.label_for.add(a["for"])
        elif tag in CONTROLS and a.get("type") not in ("hidden", "submit"):
            self.controls.append({"tag": tag, **a})
        elif tag == "table":
            self.tables += 1
        elif tag == "caption":
            self.captions += 1
        elif tag == "th" and "scope" not in a:
            self.th_without_scope += 1
        elif tag == "dd" and "aria-labelledby" not in a:
            self.dd_without_name += 1
        elif tag == "button":
            self._in_button, self._button_text = True, ""

    def handle_data(self, data: str) -> None:
        if self._in_button:
            self._button_text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "button":
            self._in_button = False
            if not self._button_text.strip():
                self.buttons_without_text.append(tag)

    def problems(self) -> list[str]:
        found = []
        if self.h1 != 1:
            found.append(f"{self.h1} h1 headings")
        for control in self.controls:
            named = control.get("id") in self.label_for or control.get("aria-label")
            if not named:
                found.append(f"unlabelled {control['tag']} {control.get('name')}")
            for ref in control.get("aria-describedby", "").split():
                if ref not in self.ids:
                    found.append(f"{control.get('name')} describedby missing #{ref}")
        if self.captions != self.tables:
            found.append(f"{self.tables - self.captions} tables without caption")
        if self.th_without_scope:
            found.append(f"{self.th_without_scope} th without scope")
        if self.dd_without_name:
            found.append(f"{self.dd_without_name} dd without aria-labelledby")
        if self.buttons_without_text:
            found.append("a button without text")
        return found


def audit(html: str) -> list[str]:
    parser = Audit()
    parser.feed(html)
    return parser.problems()


async def test_every_page_of_the_lifecycle_is_accessible(portal: Portal) -> None:
    made = await portal.anonymous.http.post(
        "/_test/dossiers", json={"procedure": "2.000488", "identity": CITIZEN, "status": 10}
    )
    code = made.json()["code"]
    pending = await portal.anonymous.http.post(
        "/_test/dossiers", json={"procedure": "1.012877", "identity": CITIZEN, "status": 5}
    )
    other = pending.json()["code"]
    citizen = await portal.sign_in(identity=CITIZEN)
    officer = await portal.sign_in(officer="chuyenvien")
    pages = {
        "home": await portal.anonymous.get("/"),
        "catalogue": await portal.anonymous.get("/thu-tuc?q=khai"),
        "procedure": await portal.anonymous.get("/thu-tuc/1.012877"),
        "form": await citizen.get("/thu-tuc/1.012877/nop-ho-so"),
        "form with errors": await citizen.post("/thu-tuc/1.012877/nop-ho-so", {"hanh_dong": "nop"}),
        "receipt": await citizen.get(f"/ho-so/{code}/bien-nhan"),
        "my dossiers": await citizen.get("/ho-so"),
        "dossier": await citizen.get(f"/ho-so/{code}"),
        "dossier to supplement": await citizen.get(f"/ho-so/{other}"),
        "withdraw": await citizen.get(f"/ho-so/{other}/rut"),
        "lookup": await portal.anonymous.get(f"/tra-cuu?ma={other}"),
        "verify": await portal.anonymous.get(f"/xac-thuc/{code}"),
        "officer sign-in": await portal.anonymous.get("/can-bo/dang-nhap"),
        "queue": await officer.get("/can-bo"),
        "officer dossier": await officer.get(f"/can-bo/ho-so/{other}"),
    }
    report = {name: audit(page.text) for name, page in pages.items()}
    assert {name: found for name, found in report.items() if found} == {}
    assert pages["form with errors"].status_code == 422


def test_the_audit_catches_what_it_looks_for() -> None:
    assert audit('<h1>a</h1><input id="x" name="x">') == ["unlabelled input x"]
    assert audit("<h1>a</h1><h1>b</h1><table><tr><th>x</th></tr></table>") == [
        "2 h1 headings",
        "1 tables without caption",
        "1 th without scope",
    ]
