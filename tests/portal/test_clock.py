"""The portal's clock (services/clock.py): the machine's time, unless a test moves it.

Every due date counts from it to the second (a dossier received after 16:30:00 counts from
the next working day, services/calendar.py), so a portal without the test API, whose clock
is never set, must show exactly the machine's time.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from portal.integration.timefmt import VN_TZ
from portal.services.clock import Clock


def test_a_new_clock_is_the_machine_time() -> None:
    before = datetime.now(VN_TZ)
    shown = Clock().now()
    after = datetime.now(VN_TZ)
    assert before <= shown <= after, f"{shown} is not between {before} and {after}"


def test_back_to_offset_zero_is_the_machine_time_again() -> None:
    clock = Clock()
    clock.set_moment(datetime.now(VN_TZ) + timedelta(days=3, seconds=42))
    clock.set_offset(0)
    before = datetime.now(VN_TZ)
    shown = clock.now()
    assert before <= shown <= datetime.now(VN_TZ)
