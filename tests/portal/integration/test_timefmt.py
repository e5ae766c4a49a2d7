"""Timestamps in the national systems' format: yyyyMMddHHmmss, Asia/Ho_Chi_Minh."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from portal.integration.timefmt import VN_TZ, parse_vn_timestamp, vn_timestamp


def test_utc_is_converted_to_vietnam_time() -> None:
    assert vn_timestamp(datetime(2025, 12, 31, 17, 30, 5, tzinfo=UTC)) == "20260101003005"


def test_other_offsets_are_converted_too() -> None:
    paris_winter = timezone(timedelta(hours=1))
    assert vn_timestamp(datetime(2025, 3, 1, 8, 0, 0, tzinfo=paris_winter)) == "20250301140000"


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        vn_timestamp(datetime(2025, 1, 1, 8, 0, 0))


def test_parse_gives_an_aware_vietnam_time() -> None:
    parsed = parse_vn_timestamp("20250902080910")
    assert parsed == datetime(2025, 9, 2, 1, 9, 10, tzinfo=UTC)
    assert parsed.tzinfo == VN_TZ


def test_round_trip() -> None:
    moment = datetime(2024, 2, 29, 23, 59, 59, tzinfo=VN_TZ)
    assert parse_vn_timestamp(vn_timestamp(moment)) == moment


@pytest.mark.parametrize(
    "bad",
    [
        "",
        "2025090208091",
        "202509020809100",
        "2025-09-02T08:09",
        "20251302080910",
        "20250230080910",
    ],
)
def test_parse_refuses_malformed_or_impossible(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_vn_timestamp(bad)
