"""Checklist item 2: finding the procedure in the catalogue (danh mục thủ tục hành chính)
the way a citizen types its name: with or without diacritics, in any case."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

from playwright.sync_api import Page, expect
from pytest_bdd import parsers, then, when

from fixtures.procedures import ProcedureSpec
from pages.protocols import Catalogue, PageSet


def without_diacritics(text: str) -> str:
    """As typed on a keyboard without Vietnamese input: the tone and vowel marks dropped,
    "đ"/"Đ" (a letter of its own, not a "d" with a mark) typed as "d"/"D"."""
    text = text.replace("đ", "d").replace("Đ", "D")
    kept = "".join(ch for ch in unicodedata.normalize("NFD", text) if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", kept)


# How a scenario says the citizen typed the name → the text typed.
TYPINGS: dict[str, Callable[[str], str]] = {
    "đúng như tên thủ tục, có dấu": lambda name: name,
    "chữ thường, có dấu": str.lower,
    "không dấu": lambda name: without_diacritics(name).lower(),
    "chữ hoa, không dấu": lambda name: without_diacritics(name).upper(),
}


@when(
    parsers.parse("công dân tìm thủ tục trong danh mục bằng tên gõ {typing}"),
    target_fixture="catalogue_results",
)
def _(ui: PageSet, page: Page, procedure: ProcedureSpec, typing: str) -> Catalogue:
    assert typing in TYPINGS, f"cách gõ “{typing}” không có (có: {', '.join(TYPINGS)})"
    return ui.catalogue(page).open().search(TYPINGS[typing](procedure.name))


@then("thủ tục có trong kết quả tìm kiếm")
def _(catalogue_results: Catalogue, procedure: ProcedureSpec) -> None:
    expect(
        catalogue_results.listed(procedure.name),
        f"danh mục phải liệt kê thủ tục “{procedure.name}” khi tìm theo tên đã gõ",
    ).to_be_visible()


@when(
    parsers.parse('công dân tìm thủ tục trong danh mục bằng tên "{name}"'),
    target_fixture="catalogue_results",
)
def _(ui: PageSet, page: Page, name: str) -> Catalogue:
    return ui.catalogue(page).open().search(name)


@then("danh mục không liệt kê thủ tục nào")
def _(catalogue_results: Catalogue) -> None:
    expect(
        catalogue_results.listed_procedures(),
        "tên tìm không khớp thủ tục nào: danh mục không được liệt kê thủ tục nào",
    ).to_have_count(0)
