"""Beyond the checklist: an toàn thông tin — another citizen's draft. A draft's address
(its link on “Hồ sơ của tôi”) names it by a reference a stranger may learn or guess; with
it, the stranger neither opens the draft nor writes into it."""

from __future__ import annotations

from faker import Faker
from playwright.sync_api import Page
from pytest_bdd import then, when

from fixtures.citizens import Citizen, new_citizen
from fixtures.procedures import fill_values
from fixtures.raw_http import Attempt, attempt_of
from steps.world import STRANGER, Filled, People, vn_today

# A value shorter than this (a choice such as "Nam", a small number) may be on any page.
MIN_TELLING_LENGTH = 6


@when("công dân khác có được đường dẫn đến hồ sơ nháp của công dân", target_fixture="draft_link")
def _(people: People, page: Page, filled: Filled) -> str:
    return people.ui.my_dossiers(page).open().draft_link(filled.procedure.name)


@when("công dân khác mở đường dẫn hồ sơ nháp đó", target_fixture="attempt")
def _(people: People, draft_link: str) -> Attempt:
    return attempt_of(people.citizen(STRANGER).request.get(draft_link, max_redirects=0))


@when(
    "công dân khác gửi thẳng tờ khai của mình kèm hồ sơ nháp đó đến cổng, "
    "kèm mã chống giả mạo của chính mình",
    target_fixture="attempt",
)
def _(people: People, filled: Filled, draft_link: str, fake: Faker) -> Attempt:
    """Saved as a draft, with the stranger's own values and a PDF for every paper."""
    procedure = filled.procedure
    values = fill_values(procedure, fake, new_citizen(fake), today=vn_today())
    papers = [a.code for a in procedure.attachments]
    http = people.ui.http
    form = http.submission_form(procedure.code, values, papers, draft=True, resuming=draft_link)
    sender = http.sender(people.citizen(STRANGER))
    return attempt_of(sender.send(form, sender.token()))


@then("câu trả lời không lộ thông tin nào của hồ sơ nháp")
def _(citizen: Citizen, filled: Filled, attempt: Attempt) -> None:
    owner = citizen
    typed = [v for v in filled.values.values() if len(v) >= MIN_TELLING_LENGTH]
    told = [owner.full_name, owner.cccd, owner.phone, owner.email, *typed]
    leaked = [value for value in told if value and value in attempt.text]
    assert not leaked, f"câu trả lời cho người khác chứa thông tin của hồ sơ nháp: {leaked}"
