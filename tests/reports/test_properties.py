"""environment.properties: ASCII on disk, Vietnamese after reading back."""

from __future__ import annotations

from reports import properties


def test_round_trip_keeps_vietnamese_and_special_characters() -> None:
    values = {
        "target.description": "Cổng dịch vụ công tỉnh Mẫu — bản thử",
        "key with = and :": "a=b: c\\d\nnext line",
        "emoji": "😀",
    }
    text = properties.dumps(values)
    assert text.isascii()
    assert properties.loads(text) == values


def test_reads_what_java_style_tools_write() -> None:
    text = "# comment\n! other\nportal.version = 1.2\nname:T\\u1ec9nh\n\nempty=\n"
    assert properties.loads(text) == {"portal.version": "1.2", "name": "Tỉnh", "empty": ""}
