"""The target profile is a typed schema: every mistake is one line naming the file, the key
and what is expected — through pytest, exit code 4 and no traceback; through
``load_target``, a ``ProfileError`` with that line."""

from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.target import ProfileError, load_target
from tests.suite.test_preflight import ROOT, error_lines, run_suite

VALID = (ROOT / "targets" / "local-external.toml").read_text(encoding="utf-8")


def edited(old: str, new: str) -> str:
    assert old in VALID, f"local-external.toml no longer has {old!r}"
    return VALID.replace(old, new, 1)


PASSWORD = 'password = "MotCua@2025"'
ROLE = 'officers."cán bộ một cửa"'
# The mistakes named in issue 19, each run through pytest as a user would meet it.
ISSUE_MISTAKES = {
    "unknown-key-in-timeouts": (
        edited("expect_ms = 5000", "expect_msec = 5000"),
        'timeouts.expect_msec: unknown key; did you mean "expect_ms"? expected one of: '
        "expect_ms, scenario_s",
    ),
    "unknown-key-in-portal": (
        edited('officer_url = "http', 'oficer_url = "http'),
        'portal.oficer_url: unknown key; did you mean "officer_url"?',
    ),
    "unknown-key-in-an-officer": (
        edited(PASSWORD, 'pasword_env = "DVC_MOTCUA"'),
        f'{ROLE}.pasword_env: unknown key; did you mean "password_env"?',
    ),
    "text-for-a-number": (
        edited("expect_ms = 5000", 'expect_ms = "năm giây"'),
        "timeouts.expect_ms: expected an integer, not a string",
    ),
    "boolean-password": (
        edited(PASSWORD, "password = true"),
        f"{ROLE}.password: expected a string, not a boolean",
    ),
    "negative-timeout": (
        edited("expect_ms = 5000", "expect_ms = -5"),
        "timeouts.expect_ms: expected 100..120000 ms, not -5",
    ),
    "javascript-url": (
        edited('officer_url = "http://127.0.0.1:8000"', 'officer_url = "javascript:alert(1)"'),
        "portal.officer_url: expected an http(s) URL with a host, not 'javascript:alert(1)'",
    ),
    "payment-kind-misspelt": (
        VALID + '\n[payment]\nkind = "externe"\n',
        "payment.kind: expected 'mock' or 'external', not 'externe'",
    ),
    "not-utf-8": (
        None,
        f"is not UTF-8 text (byte 0xe1 on line {VALID[: VALID.index('Cổng')].count(chr(10)) + 1});"
        " save it as UTF-8",
    ),
}


def write(tmp_path: Path, content: str | None) -> Path:
    profile = tmp_path / "staging.toml"
    if content is None:  # "Cáng" in Windows-1258 (0xe1 for á), as an old editor would save it
        profile.write_bytes(VALID.encode("utf-8").replace("Cổng".encode(), b"C\xe1ng", 1))
    else:
        profile.write_text(content, encoding="utf-8")
    return profile


@pytest.mark.parametrize(("content", "says"), ISSUE_MISTAKES.values(), ids=ISSUE_MISTAKES.keys())
def test_a_profile_mistake_is_one_line_and_exit_4(
    tmp_path: Path, content: str | None, says: str
) -> None:
    done, _ = run_suite("--target", str(write(tmp_path, content)), "-m", "sso")
    out = done.stdout + done.stderr
    assert done.returncode == 4, out
    assert "Traceback" not in out and "INTERNALERROR" not in out, out
    lines = error_lines(done)
    assert len(lines) == 1 and lines[0].startswith(f"ERROR: target profile staging.toml: {says}"), (
        out
    )


# Every other kind of mistake, through load_target (the same line pytest prints).
MISTAKES = {
    "unknown-top-level-table": (VALID + "\n[timeout]\nexpect_ms = 1\n", 'timeout: unknown key; did you mean "timeouts"?'),
    "unknown-role": (
        edited('[officers."lãnh đạo"]', '[officers."lanh dao"]'),
        'officers."lanh dao": unknown key; did you mean "lãnh đạo"?',
    ),
    "missing-role": (
        VALID.split('[officers."lãnh đạo"]')[0],
        'officers."lãnh đạo": required',
    ),
    "password-and-password-env": (
        edited(PASSWORD, f'{PASSWORD}\npassword_env = "DVC_MOTCUA"'),
        f'{ROLE}: expected either password or password_env (one of them, not both)',
    ),
    "no-password": (
        edited(PASSWORD, ""),
        f"{ROLE}: expected either password or password_env",
    ),
    "empty-username": (edited('username = "motcua"', 'username = " "'), f"{ROLE}.username: expected a non-empty string"),
    "bad-env-name": (
        edited(PASSWORD, 'password_env = "$HOME"'),
        f"{ROLE}.password_env: expected the name of an environment variable, not '$HOME'",
    ),
    "unset-env": (
        edited(PASSWORD, 'password_env = "DVC_KHONG_CO_BIEN_NAY"'),
        f"{ROLE}.password_env: environment variable DVC_KHONG_CO_BIEN_NAY is not set",
    ),
    "float-for-integer": (edited("expect_ms = 5000", "expect_ms = 5000.0"), "timeouts.expect_ms: expected an integer, not a float"),
    "absurd-timeout": (edited("expect_ms = 5000", "expect_ms = 3600000"), "timeouts.expect_ms: expected 100..120000 ms, not 3600000"),
    "scenario-limit-too-small": (edited("expect_ms = 5000", "scenario_s = 1"), "timeouts.scenario_s: expected 5..3600 s, not 1"),
    "boolean-for-number": (edited("expect_ms = 5000", "expect_ms = true"), "timeouts.expect_ms: expected an integer, not a boolean"),
    "ftp-url": (
        edited('sso = "http://127.0.0.1:8101"', 'sso = "ftp://127.0.0.1:8101"'),
        "mocks.sso: expected an http(s) URL with a host, not 'ftp://127.0.0.1:8101'",
    ),
    "url-without-host": (edited('citizen_url = "http://127.0.0.1:8000"', 'citizen_url = "http://"'), "portal.citizen_url: expected an http(s) URL with a host"),
    "url-with-credentials": (
        edited('payment = "http://127.0.0.1:8102"', 'payment = "http://u:bi-mat@127.0.0.1:8102"'),
        "mocks.payment: credentials do not belong in a URL (use an officer's password_env)",
    ),
    "port-out-of-range": (
        edited('payment = "http://127.0.0.1:8102"', 'payment = "http://127.0.0.1:99999"'),
        "mocks.payment: 'http://127.0.0.1:99999' is not a valid URL",
    ),
    "health-path-not-a-path": (
        edited("[portal]\n", '[portal]\nhealth_path = "health"\n'),
        "portal.health_path: expected a path starting with '/', not 'health'",
    ),
    "table-for-text": (edited('name = "local-external"', "name = { a = 1 }"), "name: expected a string, not a table"),
    "text-for-table": (edited("[timeouts]\nexpect_ms = 5000\n", "").replace("[portal]", 'timeouts = "5s"\n[portal]', 1), "timeouts: expected a table, not a string"),
    "report-wrong-type": (edited('tester = "Nguyễn Thị Kiểm Thử"', "tester = 5"), "report.tester: expected a string, not an integer"),
    "report-unknown-key": (edited('tester = "Nguyễn Thị Kiểm Thử"', 'teser = "A"'), 'report.teser: unknown key; did you mean "tester"?'),
    "env-for-an-external-portal": (edited("[portal]\n", '[portal]\nenv = { A = "b" }\n'), "portal.env: applies only to start = 'reference'"),
    "start-wrong": (edited('start = "external"', 'start = "extern"'), "start: expected 'reference' or 'external', not 'extern'"),
    "pages-not-a-folder-name": (edited('pages = "reference"', 'pages = "Trang-Cua-Toi"'), "pages: expected the name of a folder under pages/ (a-z, 0-9, _) or a path (./folder, file.py), not 'Trang-Cua-Toi'"),
    "pages-path-missing": (edited('pages = "reference"', 'pages = "./khong_co"'), "pages: ./khong_co does not load (no such file: "),
    "missing-mock-url": (edited('national_portal = "http://127.0.0.1:8103"\n', ""), "mocks: [mocks] needs the URL of national_portal"),
    "date-for-text": (edited('name = "local-external"', "name = 2025-07-01"), "name: expected a string, not a date"),
    "toml-syntax": (edited("expect_ms = 5000", "expect_ms = "), "is not valid TOML: Invalid value (at line"),
}  # fmt: skip

# [payment] and [national_portal] (fixtures/target_systems.py), on the same profile.
NO_PAYMENT_MOCK = edited('payment = "http://127.0.0.1:8102"\n', "")
NO_NATIONAL_MOCK = edited('national_portal = "http://127.0.0.1:8103"\n', "")
SANDBOX = '\n[payment]\nkind = "external"\nchannel = "Thẻ ATM nội địa"\n'
LOOKUP = (
    '\n[national_portal]\nkind = "external"\nlookup_url = "https://dvcqg.example.vn/"\n'
    'username = "dvc-tinh"\npassword_env = "DVC_LOOKUP_PASSWORD"\nmadonvi = "000.00.00.H99"\n'
)
SYSTEM_MISTAKES = {
    "payment-unknown-key": (VALID + '\n[payment]\nknd = "external"\n', 'payment.knd: unknown key; did you mean "kind"? expected one of: kind, pages, channel, account, password_env'),
    "payment-kind": (VALID + '\n[payment]\nkind = "sandbox"\n', "payment.kind: expected 'mock' or 'external', not 'sandbox'"),
    "payment-external-no-channel": (NO_PAYMENT_MOCK + '\n[payment]\nkind = "external"\n', "payment: kind = 'external' needs channel (the sandbox's test channel)"),
    "payment-channel-for-the-mock": (VALID + '\n[payment]\nchannel = "Ví điện tử"\n', "payment: channel: apply only to kind = 'external'"),
    "payment-channel-number": (NO_PAYMENT_MOCK + '\n[payment]\nkind = "external"\nchannel = 1\n', "payment.channel: expected a string, not an integer"),
    "payment-password-env-alone": (NO_PAYMENT_MOCK + SANDBOX + 'password_env = "DVC_PAY"\n', "payment: password_env needs account"),
    "payment-password-env-unset": (NO_PAYMENT_MOCK + SANDBOX + 'account = "9704000000000018"\npassword_env = "DVC_KHONG_CO_BIEN_NAY"\n', "payment.password_env: environment variable DVC_KHONG_CO_BIEN_NAY is not set"),
    "payment-pages-missing": (NO_PAYMENT_MOCK + SANDBOX + 'pages = "./sandbox.py"\n', "payment.pages: './sandbox.py' unusable (no such file: "),
    "payment-pages-without-payment-pages": (NO_PAYMENT_MOCK + SANDBOX + 'pages = "pages.sso.login"\n', "payment.pages: 'pages.sso.login' unusable (no PAYMENT_PAGES in it)"),
    "payment-external-and-mock-url": (VALID + SANDBOX, "mocks.payment: [payment] kind is not 'mock': our mock is not used"),
    "payment-mock-without-url": (NO_PAYMENT_MOCK, "mocks: [mocks] needs the URL of payment"),
    "payment-external-on-reference": (edited('start = "external"', 'start = "reference"') + SANDBOX, "payment.kind: applies only to start = 'external'"),
    "national-kind": (VALID + '\n[national_portal]\nkind = "real"\n', "national_portal.kind: expected 'mock', 'external' or 'none', not 'real'"),
    "national-lookup-for-the-mock": (VALID + '\n[national_portal]\nlookup_url = "https://x.vn"\n', "national_portal: lookup_url: apply only to kind = 'external'"),
    "national-lookup-incomplete": (NO_NATIONAL_MOCK + '\n[national_portal]\nkind = "external"\nlookup_url = "https://x.vn"\n', "national_portal: reading records back needs username, password_env, madonvi too"),
    "national-lookup-not-http": (NO_NATIONAL_MOCK + LOOKUP.replace("https://dvcqg.example.vn/", "dvcqg.example.vn"), "national_portal.lookup_url: expected an http(s) URL with a host, not 'dvcqg.example.vn'"),
    "national-lookup-password-unset": (NO_NATIONAL_MOCK + LOOKUP, "national_portal.password_env: environment variable DVC_LOOKUP_PASSWORD is not set"),
    "national-none-and-mock-url": (VALID + '\n[national_portal]\nkind = "none"\n', "mocks.national_portal: [national_portal] kind is not 'mock'"),
    "national-mock-without-url": (NO_NATIONAL_MOCK, "mocks: [mocks] needs the URL of national_portal"),
}  # fmt: skip
MISTAKES |= SYSTEM_MISTAKES


@pytest.mark.parametrize(("content", "says"), MISTAKES.values(), ids=MISTAKES.keys())
def test_each_mistake_names_the_key_and_what_is_expected(
    tmp_path: Path, content: str, says: str
) -> None:
    with pytest.raises(ProfileError) as raised:
        load_target(str(write(tmp_path, content)))
    line = str(raised.value)
    assert "\n" not in line
    separator = " " if says.startswith("is not valid TOML") else ": "
    assert line.startswith(f"target profile staging.toml{separator}{says}"), line


def test_a_secret_given_in_a_wrong_place_is_not_echoed(tmp_path: Path) -> None:
    content = edited('payment = "http://127.0.0.1:8102"', 'payment = "http://u:bi-mat@h:1"')
    with pytest.raises(ProfileError) as raised:
        load_target(str(write(tmp_path, content)))
    assert "bi-mat" not in str(raised.value)


def test_a_role_typed_in_decomposed_unicode_still_names_the_role(tmp_path: Path) -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", '[officers."lãnh đạo"]')
    target = load_target(str(write(tmp_path, edited('[officers."lãnh đạo"]', nfd))))
    assert target.officer("lãnh đạo").username == "lanhdao"


def test_the_valid_profile_loads_with_its_defaults(tmp_path: Path) -> None:
    target = load_target(
        str(write(tmp_path, edited('tester = "Nguyễn Thị Kiểm Thử"', 'tester = "Nguyễn An"')))
    )
    assert target.portal_url == "http://127.0.0.1:8000" and target.health_path == "/"
    assert target.expect_title == "Trang chủ"  # the reference page set's HOME_TITLE
    assert (target.expect_timeout_ms, target.scenario_timeout_s) == (5000, 120.0)
    assert target.report["tester"] == "Nguyễn An"
    assert target.report["number"] == "01/2026/BB-KT"  # the profile's other [report] fields
    assert target.officer("cán bộ một cửa").password.reveal() == "MotCua@2025"


def test_a_utf8_profile_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    profile = tmp_path / "staging.toml"
    profile.write_bytes(b"\xef\xbb\xbf" + VALID.encode("utf-8"))  # as Windows Notepad saves it
    assert load_target(str(profile)).name == "local-external"


# --- [payment], [national_portal] and page sets by path, loaded ------------------------

SANDBOX_PAGES = """
from pages.payment.hosted_page import HostedPaymentPage


class SandboxPages:
    def hosted_payment(self, page, payer):
        return HostedPaymentPage(page)


PAYMENT_PAGES = SandboxPages()
"""


def test_external_systems_load_with_their_payer_and_look_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from fixtures.capabilities import capabilities

    (tmp_path / "sandbox.py").write_text(SANDBOX_PAGES, encoding="utf-8")
    monkeypatch.setenv("DVC_PAY", "the-card-pin")
    monkeypatch.setenv("DVC_LOOKUP_PASSWORD", "the-lookup-password")
    payment = (
        SANDBOX + 'pages = "sandbox.py"\naccount = "9704000000000018"\npassword_env = "DVC_PAY"\n'
    )
    content = VALID.replace('payment = "http://127.0.0.1:8102"\n', "").replace(
        'national_portal = "http://127.0.0.1:8103"\n', ""
    )
    target = load_target(str(write(tmp_path, content + payment + LOOKUP)))
    assert set(target.mocks) == {"sso"}
    payer = target.payment.payer
    assert (payer.channel, payer.account, payer.password.reveal()) == (
        "Thẻ ATM nội địa", "9704000000000018", "the-card-pin",
    )  # fmt: skip
    assert "the-card-pin" not in repr(target.payment)  # a Secret: masked in any report
    assert type(target.payment.page_set()).__name__ == "SandboxPages"  # beside the profile
    lookup = target.national_portal.lookup
    assert lookup is not None and lookup.url == "https://dvcqg.example.vn"
    assert (lookup.username, lookup.madonvi) == ("dvc-tinh", "000.00.00.H99")
    assert "the-lookup-password" not in repr(target.national_portal)
    offered = capabilities(target)
    assert "national_record" in offered and "sso_mock" in offered
    assert not offered & {"payment_mock", "national_portal_mock"}


def test_a_target_without_a_national_portal_offers_no_record(tmp_path: Path) -> None:
    from fixtures.capabilities import capabilities

    content = NO_NATIONAL_MOCK + '\n[national_portal]\nkind = "none"\n'
    offered = capabilities(load_target(str(write(tmp_path, content))))
    assert "payment_mock" in offered
    assert not offered & {"national_record", "national_portal_mock"}


def test_the_default_systems_are_our_mocks(tmp_path: Path) -> None:
    from fixtures.capabilities import capabilities

    target = load_target(str(write(tmp_path, VALID)))
    assert (target.payment.kind, target.national_portal.kind) == ("mock", "mock")
    assert {"payment_mock", "national_portal_mock", "national_record"} <= capabilities(target)


ADAPTER = {
    "__init__.py": "from .home import MyPages\n\nHOME_TITLE = 'Cổng của tôi'\nPAGE_SET = MyPages\n",
    "home.py": "from pages.reference import ReferencePages\n\n\nclass MyPages(ReferencePages):\n    pass\n",
}


@pytest.mark.parametrize("written", ["./trang", "trang/", "trang/__init__.py"])
def test_a_page_set_by_path_is_a_folder_beside_the_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str
) -> None:
    from fixtures.target import page_set_factory

    (tmp_path / "trang").mkdir()
    for name, text in ADAPTER.items():
        (tmp_path / "trang" / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(ROOT)  # relative to the profile's folder, not to where pytest runs
    target = load_target(
        str(write(tmp_path, edited('pages = "reference"', f'pages = "{written}"')))
    )
    assert target.expect_title == "Cổng của tôi"  # the adapter's own HOME_TITLE
    pages = page_set_factory(target.pages, target.path.parent)("http://a", "http://b")
    assert type(pages).__name__ == "MyPages" and pages.citizen_url == "http://a"


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("X = 1\n", "pages: ./trang.py has no PAGE_SET"),
        ("PAGE_SET = (\n", "pages: ./trang.py does not load ("),
        ("import khong_co_module_nay\n", "pages: ./trang.py does not load (No module named"),
    ],
)
def test_a_page_set_by_path_that_does_not_load_is_one_line(
    tmp_path: Path, text: str, says: str
) -> None:
    (tmp_path / "trang.py").write_text(text, encoding="utf-8")
    with pytest.raises(ProfileError) as raised:
        load_target(str(write(tmp_path, edited('pages = "reference"', 'pages = "./trang.py"'))))
    line = str(raised.value)
    assert "\n" not in line and line.startswith(f"target profile staging.toml: {says}"), line


# --- result_layout: the approved template of the result document -------------------------

TEMPLATE = (ROOT / "targets" / "result_layouts" / "reference.toml").read_text(encoding="utf-8")
TEMPLATE_MISTAKES = {
    "no-such-file": (None, "cannot be read (No such file or directory)"),
    "not-toml": ("[fonts\n", "is not valid TOML"),
    "size-as-text": (
        ("agency = { size = 10,", 'agency = { size = "mười",'),
        "fonts.agency.size: expected a number, not a string",
    ),
    "size-out-of-range": (
        ("title = { size = 15,", "title = { size = 0,"),
        "fonts.title.size: expected more than 4 and at most 72 pt, not 0",
    ),
    "bold-as-text": (
        ("qr_hint = { size = 8, bold = false }", 'qr_hint = { size = 8, bold = "không" }'),
        "fonts.qr_hint.bold: expected true or false, not a string",
    ),
    "missing-part": (("signer_name = { size = 11, bold = true }", ""), "fonts.signer_name: required"),
    "misspelt-part": (
        ("signer_name =", "signer_nam ="),
        'fonts.signer_nam: unknown key; did you mean "signer_name"?',
    ),
    "margin-out-of-range": (("left = 21.0", "left = -1"), "margins.left: expected more than 0"),
}  # fmt: skip


@pytest.mark.parametrize(("edit", "says"), TEMPLATE_MISTAKES.values(), ids=TEMPLATE_MISTAKES.keys())
def test_a_template_mistake_is_one_line_naming_the_file_and_key(
    tmp_path: Path, edit: tuple[str, str] | str | None, says: str
) -> None:
    if isinstance(edit, tuple):
        assert edit[0] in TEMPLATE, f"the reference template no longer has {edit[0]!r}"
        (tmp_path / "layout.toml").write_text(TEMPLATE.replace(*edit, 1), encoding="utf-8")
    elif edit is not None:
        (tmp_path / "layout.toml").write_text(edit, encoding="utf-8")
    profile = write(tmp_path, 'result_layout = "layout.toml"\n' + VALID)
    with pytest.raises(ProfileError) as raised:
        load_target(str(profile))
    line = str(raised.value)
    assert "\n" not in line
    separator = " " if says.startswith("is not valid TOML") else ": "
    prefix = f"target profile staging.toml: result_layout: layout.toml{separator}"
    assert line.startswith(prefix + says), line


def test_a_declared_template_loads_and_offers_the_layout_check(tmp_path: Path) -> None:
    from fixtures.capabilities import capabilities

    (tmp_path / "layout.toml").write_text(TEMPLATE, encoding="utf-8")
    target = load_target(str(write(tmp_path, 'result_layout = "layout.toml"\n' + VALID)))
    assert target.result_layout is not None
    assert (target.result_layout.fonts.title.size, target.result_layout.fonts.title.bold) == (
        15,
        True,
    )
    assert target.result_layout.margins.left == 21.0
    assert "result_layout" in capabilities(target)
    assert "result_layout" not in capabilities(load_target(str(write(tmp_path, VALID))))


def test_the_reference_start_defaults_to_the_reference_portals_own_template(
    tmp_path: Path,
) -> None:
    """A copy of a reference profile loads from any folder (as `procedures` does): no
    relative path to break, the reference portal's own template by default."""
    copy = tmp_path / "copied.toml"
    copy.write_text((ROOT / "targets" / "reference.toml").read_text(encoding="utf-8"))
    target = load_target(str(copy))
    assert target.result_layout is not None
    assert target.result_layout.margins.left == 21.0
    assert load_target("reference").result_layout == target.result_layout
