"""Beyond the checklist: độ tin cậy — a national system out of service or answering
garbage for a while (features/07_do_tin_cay/cong_dvcqg_gian_doan.feature,
tra_loi_sai_dinh_dang.feature): the portal keeps every change and delivers it, in order
and once, when the system is back. Also the step that brings up the reliability
scenarios' own stack (``isolated``: fixtures/isolated.py)."""

from __future__ import annotations

import re
from typing import Any

from faker import Faker
from playwright.sync_api import Page
from pytest_bdd import given, parsers, then, when

from fixtures.citizens import new_citizen
from fixtures.isolated import SETTLE_S, Isolated
from fixtures.isolated_stack import FORWARD, HTML
from fixtures.national_portal import rejected_calls
from fixtures.polling import poll
from fixtures.procedures import ProcedureSpec
from steps.world import Submitted

# --- Cho ----------------------------------------------------------------------------


@given("cổng dịch vụ công và các hệ thống mô phỏng chạy riêng cho kịch bản độ tin cậy")
def _(isolated: Isolated) -> None:
    assert isolated.stack.running(), "cổng chạy riêng không hoạt động"


@given("Cổng DVCQG đang ngừng phục vụ, các thay đổi của cổng phải chờ gửi")
def _(isolated: Isolated) -> None:
    isolated.national.arm("down", times=0, match={})


@given("Cổng DVCQG trả lời mọi lời gọi bằng một trang HTML thay cho dữ liệu JSON")
def _(isolated: Isolated) -> None:
    isolated.stack.gateways["national_portal"].mode = HTML


@given("nền tảng thanh toán trả lời mọi lời gọi bằng một trang HTML thay cho dữ liệu JSON")
def _(isolated: Isolated) -> None:
    isolated.stack.gateways["payment"].mode = HTML


@given(
    parsers.parse(
        "Cổng DVCQG trả lời chậm {seconds:d} giây lời gọi đồng bộ hồ sơ tiếp theo của cổng chạy riêng"
    ),
    target_fixture="national_delay_s",
)
def _(isolated: Isolated, seconds: int) -> int:
    isolated.national.arm(
        "slow", times=1, match={"service": "DongBoHoSoMC"}, params={"delay_s": seconds}
    )
    return seconds


# --- Khi ------------------------------------------------------------------------------


@when(
    "cổng được tắt đúng quy trình để bảo trì trong lúc đang chờ Cổng DVCQG trả lời, "
    "rồi được khởi động lại"
)
def _(isolated: Isolated, national_delay_s: int) -> None:
    code = isolated.dossiers[-1]

    def unanswered() -> list[dict[str, Any]]:  # the dossier's slowed call, still waiting
        calls = isolated.national.scenario_journal("DongBoHoSoMC")
        return [
            e for e in calls
            if (e.get("extra") or {}).get("MaHoSo") == code and "fault_slow_s" in e["extra"]
            and e["status"] == 0
        ]  # fmt: skip

    poll(unanswered, what=f"cổng gửi hồ sơ {code} lên Cổng DVCQG đang trả lời chậm",
         timeout_s=SETTLE_S)  # fmt: skip
    exit_code = isolated.stack.stop_portal_orderly(timeout_s=national_delay_s + 15.0)
    assert exit_code is not None, "cổng không tự dừng sau SIGTERM (đã phải buộc dừng)"
    isolated.stack.restart_portal()


@when("Cổng DVCQG phục vụ trở lại")
def _(isolated: Isolated) -> None:
    isolated.national.clear_faults()


@when("Cổng DVCQG trả lời đúng định dạng trở lại")
def _(isolated: Isolated) -> None:
    isolated.stack.gateways["national_portal"].mode = FORWARD


@when("nền tảng thanh toán trả lời đúng định dạng trở lại")
def _(isolated: Isolated) -> None:
    isolated.stack.gateways["payment"].mode = FORWARD


@when("công dân bấm thanh toán lệ phí hồ sơ trên cổng chạy riêng")
def _(isolated: Isolated, page: Page, submitted: Submitted) -> None:
    isolated.ui.dossier_detail(page, submitted.code).open().start_paying()


@when(
    parsers.re(
        r"một công dân có hồ sơ được giải quyết đến khi trả kết quả "
        r"và một hồ sơ khác vừa được tiếp nhận"
    )
)
def _(isolated: Isolated, fake: Faker, procedure: ProcedureSpec) -> None:
    code = procedure.code
    citizen = new_citizen(fake)
    for status in (10, 2):
        isolated.dossiers.append(isolated.create_dossier(code, citizen, status))


@when("một công dân có hồ sơ vừa được tiếp nhận trên cổng chạy riêng")
def _(isolated: Isolated, fake: Faker, procedure: ProcedureSpec) -> None:
    citizen = new_citizen(fake)
    isolated.dossiers.append(isolated.create_dossier(procedure.code, citizen, 2))


# --- Thì ------------------------------------------------------------------------------


@then("cổng giữ lại mọi thay đổi của các hồ sơ để gửi sau, Cổng DVCQG chưa nhận được gì")
def _(isolated: Isolated) -> None:
    refused = poll(
        lambda: [e for e in isolated.national.scenario_journal() if e["verdict"] == "fault"],
        what="cổng thử gửi thay đổi lên Cổng DVCQG đang ngừng phục vụ",
        timeout_s=SETTLE_S,
    )
    assert refused
    held_back(isolated)


@then("cổng coi các lời gọi đó là chưa gửi được và giữ lại mọi thay đổi của hồ sơ")
def _(isolated: Isolated) -> None:
    gateway = isolated.stack.gateways["national_portal"]
    poll(
        lambda: gateway.calls[HTML] > 0,
        what="cổng gọi Cổng DVCQG và nhận một trang HTML",
        timeout_s=SETTLE_S,
    )
    held_back(isolated)


def held_back(isolated: Isolated) -> None:
    outbox = isolated.outbox()
    assert outbox["pending"] > 0, f"cổng không còn thay đổi nào chờ gửi: {outbox}"
    assert outbox["rejected"] == 0, f"cổng coi thay đổi là bị từ chối hẳn: {outbox}"
    for code in isolated.dossiers:
        assert isolated.national.dossier(code) is None, f"Cổng DVCQG đã có hồ sơ {code}"


@then(parsers.re(r"Cổng DVCQG nhận lần lượt các trạng thái (?P<lists>.+), mỗi trạng thái một lần"))
def _(isolated: Isolated, lists: str) -> None:
    wanted = []
    for part in lists.split(" và "):
        found = re.fullmatch(
            r"(?P<codes>[\d, ]+) của hồ sơ(?: thứ (?P<nth>nhất|hai))?", part.strip()
        )
        assert found, f"không hiểu “{part}”"
        wanted.append([int(c) for c in re.findall(r"\d+", found["codes"])])
    assert len(wanted) == len(isolated.dossiers), f"kịch bản có {len(isolated.dossiers)} hồ sơ"
    for code, statuses in zip(isolated.dossiers, wanted, strict=True):
        held = isolated.settled_statuses(code, statuses[-1])
        assert held["statuses"] == statuses, (
            f"Cổng DVCQG nhận các trạng thái {held['statuses']} của hồ sơ {code} (đúng ra {statuses})"
        )
        steps = [p["TrangThai"] for p in held["progress"]]
        assert steps == statuses, f"các bước tiến độ của hồ sơ {code} mang trạng thái {steps}"


@then("Cổng DVCQG không từ chối lời gọi nào của các hồ sơ này")
def _(isolated: Isolated) -> None:
    for code in isolated.dossiers:
        assert not isolated.national_record(code)["rejected"], (
            f"Cổng DVCQG từ chối lời gọi của hồ sơ {code}: {rejected_calls(isolated.national_record(code))}"
        )


@then("kho dữ liệu của công dân nhận được kết quả của hồ sơ thứ nhất")
def _(isolated: Isolated) -> None:
    first = isolated.dossiers[0]
    owner = isolated.national_record(first)["record"]["SoDinhDanh"]
    documents = isolated.national.warehouse(owner)["documents"]
    assert [d["MaHoSo"] for d in documents] == [first], f"kho dữ liệu của công dân: {documents}"
