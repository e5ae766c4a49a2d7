"""Beyond the checklist: an toàn thông tin — the test routes outside test mode
(features/06_an_toan_thong_tin/che_do_kiem_thu.feature): a reference portal started in
another mode (fixtures/other_portal.py) answers none of them and opens no session."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from pytest_bdd import given, parsers, then, when

from fixtures.other_portal import start_other_portal
from fixtures.raw_http import ask_test_routes
from fixtures.servers import ServerProcess
from fixtures.stack import Stack
from fixtures.target import Target
from pages.protocols import PageSet


@pytest.fixture
def other_portals(target: Target, stack: Stack, tmp_path: Path) -> Iterator[Callable[[str], str]]:
    """Start another reference portal in a given mode on a free port; stopped at the end."""
    if target.start != "reference":
        pytest.skip("starts a second reference portal: only for the bundled reference target")
    started: list[ServerProcess] = []

    def start(mode: str) -> str:
        started.append(start_other_portal(mode, stack, tmp_path))
        return started[-1].url

    yield start
    for server in started:
        server.stop()


@given(
    parsers.parse('một cổng dịch vụ công tham chiếu khởi động ở chế độ "{mode}"'),
    target_fixture="other_portal",
)
def _(other_portals: Callable[[str], str], mode: str) -> str:
    return other_portals(mode)


@when("một người bất kỳ gọi các đường dẫn kiểm thử của cổng đó", target_fixture="test_answers")
def _(ui: PageSet, other_portal: str) -> dict[str, tuple[int, bool]]:
    return ask_test_routes(other_portal, ui.http)


@then("cổng đó trả lời không tìm thấy cho mọi đường dẫn kiểm thử, không tạo phiên làm việc nào")
def _(test_answers: dict[str, tuple[int, bool]]) -> None:
    found = {route: status for route, (status, _) in test_answers.items() if status != 404}
    assert not found, f"cổng không ở chế độ kiểm thử vẫn trả lời: {found}"
    opened = [route for route, (_, private) in test_answers.items() if private]
    assert not opened, f"sau các lời gọi {opened}, trình duyệt có phiên làm việc trên cổng"


@then("cổng đang được kiểm thử ở chế độ kiểm thử vẫn trả lời các đường dẫn đó")
def _(control: httpx.Client, ui: PageSet) -> None:
    for method, path, _ in ui.http.TEST_ROUTES:
        if method == "GET":
            status = control.get(f"{ui.citizen_url}{path}").status_code
            assert status == 200, f"{method} {path} trên cổng chế độ kiểm thử: HTTP {status}"
