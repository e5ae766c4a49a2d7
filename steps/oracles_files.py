"""Stronger oracles (issue 20), files: as large as a limit allows, they are taken — every
attachment slot full to its own limit (tep_dinh_kem), the verification page's 20 MB
(ket_qua_dien_tu) — and a paper chosen again replaces the draft's (luu_nhap). The PDFs
are made to the byte (``pdf_of_size``)."""

from __future__ import annotations

import hashlib
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from faker import Faker
from playwright.sync_api import Page, expect
from pytest_bdd import parsers, then, when

from fixtures.oracles import page_text
from fixtures.procedures import AttachmentSpec, ProcedureSpec, fill_values
from pages.protocols import PageSet
from steps.world import VN, Filled, People, Sent, Submitted

MEBIBYTE = 1024 * 1024  # what "1 MB" means in the portal's limits (5 MB = 5 242 880 bytes)
# The verification page's own words: a file "lớn hơn 20 MB" is refused. 20 000 000 bytes
# is within 20 MB however a portal counts a megabyte (10^6 or 2^20 bytes).
VERIFY_LIMIT_BYTES = 20_000_000
SMALL_PDF_BYTES = 1000  # the papers beside the one a scenario makes too big


def pdf_of_size(size: int) -> bytes:
    """A well-formed one-page PDF of exactly ``size`` bytes (the padding is a stream a
    reader skips by its length, so reading it costs no time, whatever its size)."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>",
    ]

    def build(padding: int) -> bytes:
        out, offsets = bytearray(b"%PDF-1.4\n"), []
        stream = b"<</Length %d>>stream\n%s\nendstream" % (padding, b"0" * padding)
        for number, body in enumerate([*objects, stream], start=1):
            offsets.append(len(out))
            out += b"%d 0 obj%sendobj\n" % (number, body)
        xref = len(out)
        out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(offsets) + 1)
        out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
        out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (
            len(offsets) + 1,
            xref,
        )
        return bytes(out)

    padding = 0
    for _ in range(4):  # the digits of /Length and of the offsets grow with the padding
        padding += size - len(build(padding))
    data = build(padding)
    assert len(data) == size, f"PDF of {len(data)} bytes, wanted {size}"
    return data


def limit_bytes(attachment: AttachmentSpec) -> int:
    return int(attachment.max_mb * MEBIBYTE)


def limit_text(attachment: AttachmentSpec) -> str:
    """The limit as a Vietnamese page writes it: "5 MB", "1,2 MB" (a decimal comma)."""
    mb = attachment.max_mb
    return f"{int(mb) if mb.is_integer() else str(mb).replace('.', ',')} MB"


def send_papers(
    people: People, procedure: ProcedureSpec, fake: Faker, sizes: dict[str, int]
) -> Sent:
    """The e-form sent straight to the portal with a PDF of ``sizes[code]`` bytes for each
    slot named there; ``Sent.code`` is the dossier's code, or "" with the refusal."""
    http = people.ui.http
    sender = http.sender(people.citizen())
    values = fill_values(procedure, fake, people.the_citizen, today=datetime.now(VN).date())
    form = http.submission_form(procedure.code, values, [], draft=False)
    for code, size in sizes.items():
        form.files[f"tep_{code}"] = http.pdf(f"{code.lower()}.pdf", pdf_of_size(size))
    answer = sender.send(form, sender.token())
    location = answer.headers.get("location", "")
    if answer.status in (302, 303) and location:
        return Sent(str(sizes), str(sizes), http.receipt_code(urlsplit(location).path))
    return Sent(str(sizes), str(sizes), "", f"HTTP {answer.status}: {page_text(answer.text())}")


@when(
    "công dân nộp hồ sơ, đính kèm mọi thành phần giấy tờ, mỗi tệp nặng đúng dung lượng "
    "tối đa của thành phần đó",
    target_fixture="sent_at_limit",
)
def _(people: People, procedure: ProcedureSpec, fake: Faker) -> Sent:
    for attachment in procedure.attachments:
        assert "pdf" in attachment.types, f"{attachment.name} không nhận tệp PDF"
    sizes = {a.code: limit_bytes(a) for a in procedure.attachments}
    return send_papers(people, procedure, fake, sizes)


@when(
    "công dân nộp hồ sơ lần lượt với mỗi thành phần giấy tờ nặng hơn dung lượng tối đa "
    "của chính nó một byte",
    target_fixture="sent_over_limit",
)
def _(people: People, procedure: ProcedureSpec, fake: Faker) -> dict[str, Sent]:
    """One submission per slot: that slot one byte over its limit, every other required
    paper a small PDF (so nothing but the size can be the reason for a refusal)."""
    sent = {}
    for over in procedure.attachments:
        assert "pdf" in over.types, f"{over.name} không nhận tệp PDF"
        sizes = {a.code: SMALL_PDF_BYTES for a in procedure.required_attachments}
        sizes[over.code] = limit_bytes(over) + 1
        sent[over.name] = send_papers(people, procedure, fake, sizes)
    return sent


@when(
    "một người bất kỳ tải lên trang xác thực của cổng một tệp PDF nặng 20 000 000 byte",
    target_fixture="checked_pdf",
)
def _(people: People) -> bytes:
    data = pdf_of_size(VERIFY_LIMIT_BYTES)
    path = people.folder / "tep-20-mb.pdf"
    path.write_bytes(data)
    people.ui.verification(people.person("người bất kỳ")).open().check_file(path)
    return data


@when("công dân chọn tệp khác thay cho mỗi giấy tờ đã đính kèm", target_fixture="filled")
def _(ui: PageSet, page: Page, filled: Filled, tmp_path: Path) -> Filled:
    form = ui.submission_form(page).is_current()
    attached: dict[str, str] = {}
    for paper in filled.attached:
        path = tmp_path / f"ban-chup-lai-{len(attached) + 1}.pdf"
        path.write_bytes(pdf_of_size(1000 + len(attached)))
        form.attach(paper, path)
        attached[paper] = path.name
    return Filled(filled.procedure, filled.values, attached)


# --- Thì ----------------------------------------------------------------------------


@then("cổng nhận hồ sơ có các tệp đó")
def _(sent_at_limit: Sent) -> None:
    assert sent_at_limit.code, (
        f"cổng từ chối hồ sơ có mỗi tệp nặng đúng dung lượng tối đa (byte: "
        f"{sent_at_limit.written}): {sent_at_limit.refusal}"
    )


@then(
    parsers.parse(
        'cổng không nhận hồ sơ nào trong số đó, mỗi lần báo "{message}" với N là dung lượng '
        "tối đa của thành phần quá cỡ"
    )
)
def _(procedure: ProcedureSpec, sent_over_limit: dict[str, Sent], message: str) -> None:
    """The message is the one the form shows at the slot, so it is not found in the slots'
    hints ("tối đa 1,2 MB"): a refusal for any other reason does not pass for this one."""
    slots = {a.name: a for a in procedure.attachments}
    taken = {
        f"{name} ({limit_bytes(slots[name]) + 1} byte)": sent.code
        for name, sent in sent_over_limit.items()
        if sent.code
    }
    assert not taken, f"cổng nhận tệp nặng hơn dung lượng tối đa một byte: {taken}"
    wrong = {
        name: sent.refusal for name, sent in sent_over_limit.items()
        if message.replace("N MB", limit_text(slots[name])) not in sent.refusal
    }  # fmt: skip
    assert not wrong, f"lời từ chối không phải “{message}” với dung lượng của thành phần: {wrong}"


@then("trang xác thực kiểm tra tệp đó: tính mã băm của tệp, tệp không ứng với hồ sơ nào")
def _(people: People, checked_pdf: bytes) -> None:
    page = people.ui.verification(people.person("người bất kỳ"))
    expect(page.file_sha256, "cổng tính mã băm của tệp 20 000 000 byte").to_have_text(
        hashlib.sha256(checked_pdf).hexdigest()
    )
    expect(page.file_dossier, "tệp không do cơ quan ban hành").to_have_text("Không có")


@then("trang hồ sơ chỉ liệt kê tệp công dân chọn sau cùng cho mỗi giấy tờ")
def _(ui: PageSet, page: Page, submitted: Submitted, filled: Filled) -> None:
    detail = ui.dossier_detail(page, submitted.code).open()
    for paper, file_name in filled.attached.items():
        rows = detail.file_rows(paper)
        expect(rows, f"“{paper}”: một tệp, tệp chọn sau cùng thay tệp trước").to_have_count(1)
        expect(rows, f"“{paper}” là tệp chọn sau cùng").to_contain_text(file_name)
