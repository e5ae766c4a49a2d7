"""Checklist item 5: who may have the electronic result — another citizen and a person not
signed in ask for the document by its direct link, and neither gets it. The steps that
make and download the document are in steps/result.py."""

from __future__ import annotations

from faker import Faker
from playwright.sync_api import expect
from pytest_bdd import given, then, when

from fixtures.citizens import new_citizen
from steps.world import Dossier, People


@given("một công dân khác đã đăng nhập cổng")
def _(people: People, fake: Faker) -> None:
    people.citizen("công dân khác", new_citizen(fake))


@when(
    "công dân khác tải kết quả của hồ sơ bằng đường dẫn trực tiếp", target_fixture="foreign_answer"
)
def _(people: People, dossier: Dossier) -> tuple[int, bytes]:
    page = people.citizen("công dân khác")
    answer = page.request.get(people.ui.citizen_dossier(page).result_url(dossier.code))
    return answer.status, answer.body()


@when(
    "người chưa đăng nhập tải kết quả của hồ sơ bằng đường dẫn trực tiếp",
    target_fixture="foreign_answer",
)
def _(people: People, dossier: Dossier) -> tuple[int, bytes]:
    page = people.person("người chưa đăng nhập")
    url = people.ui.citizen_dossier(page).result_url(dossier.code)
    answer = page.request.get(url, max_redirects=0)
    return answer.status, answer.body()


# --- Thì: who may have the document ------------------------------------------------------


@then("cổng không trả văn bản cho công dân khác")
def _(foreign_answer: tuple[int, bytes]) -> None:
    status, body = foreign_answer
    assert not body.startswith(b"%PDF"), (
        f"cổng trả văn bản cho người không phải chủ hồ sơ (HTTP {status})"
    )
    assert status in (403, 404), f"cổng phải từ chối (403/404), nhưng trả HTTP {status}"


@then("cổng chuyển người chưa đăng nhập tới trang đăng nhập, không trả văn bản")
def _(foreign_answer: tuple[int, bytes]) -> None:
    status, body = foreign_answer
    assert not body.startswith(b"%PDF"), "cổng trả văn bản cho người chưa đăng nhập"
    assert status in (302, 303, 307, 401), f"cổng phải yêu cầu đăng nhập, nhưng trả HTTP {status}"


@then('công dân khác không thấy hồ sơ trong "Hồ sơ của tôi"')
def _(people: People, dossier: Dossier) -> None:
    page = people.ui.my_dossiers(people.citizen("công dân khác")).open()
    expect(page.link_to(dossier.code), "hồ sơ của người khác không hiện ra").to_have_count(0)
