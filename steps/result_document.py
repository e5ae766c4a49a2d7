"""Checklist item 5, the result document itself: its layout (a Vietnamese administrative
document, read from the PDF with ``fixtures.e_result_layout``), its text and fonts, and
the certificates its signature rests on (``fixtures.e_result``). The steps that download
the document are in steps/result.py."""

from __future__ import annotations

import unicodedata
from datetime import datetime

import pytest
from asn1crypto import x509 as asn1_x509
from pytest_bdd import given, parsers, then

from fixtures.e_result import fonts_embedded, pdf_text, signer_certificate
from fixtures.e_result_layout import header_problems, outside_page, overlaps, read_layout
from fixtures.evidence import attach_text
from fixtures.preconditions import claims_of
from fixtures.procedures import ProcedureSpec
from fixtures.result_template import Known, parts, template_problems
from fixtures.target import Target
from steps.world import Dossier, People

EDGE_MM = 10  # the policy the feature states: nothing nearer the paper's edge than this
SIGNING_USAGES = {"digital_signature", "non_repudiation"}


@given(
    parsers.parse(
        "một công dân đã nhận kết quả điện tử của hồ sơ ghi {count:d} dòng trong ô nhiều dòng"
    ),
    target_fixture="dossier",
)
def _(people: People, count: int) -> Dossier:
    """A dossier whose multi-line field (a textarea: a purpose, a reason) holds ``count``
    short lines, so that the document's content ends low on its first page."""
    with_textarea = [
        (spec, field)
        for spec in people.procedures.values()
        for field in spec.fields
        if field.type == "textarea"
    ]
    api = people.preconditions.api
    if not with_textarea or api is None:
        pytest.skip(
            "Chưa kiểm thử: cần một thủ tục có ô nhiều dòng và API kiểm thử để ghi sẵn nội dung hồ sơ"
        )
    spec, field = with_textarea[0]
    text = "\n".join(f"- Mục đích {n}" for n in range(1, count + 1))  # 270 chars for 20
    attach_text(f"“{field.label}” của hồ sơ", text)
    made = api.dossier(spec.code, claims_of(people.the_citizen), 10, values={field.name: text})
    people.dossiers.append(made.code)
    return Dossier(made.code, spec.code, people.the_citizen, made.due_at)


@given(
    "một công dân đã nhận kết quả điện tử của hồ sơ liên thông ghi các ô:",
    target_fixture="dossier",
)
def _(people: People, datatable: list[list[str]]) -> Dossier:
    """A dossier of the first inter-agency procedure whose fields (by label: column "ô")
    hold the table's values (column "giá trị"; a date as dd/mm/yyyy), made through the
    test API: what the result document prints is then fixed by the scenario."""
    spec = next((p for p in people.procedures.values() if p.inter_agency), None)
    api = people.preconditions.api
    if spec is None or api is None:
        pytest.skip(
            "Chưa kiểm thử: cần một thủ tục liên thông và API kiểm thử để ghi sẵn nội dung hồ sơ"
        )
    by_label = {field.label: field for field in spec.fields}
    header = datatable[0]
    label_at, value_at = header.index("ô"), header.index("giá trị")
    values = {}
    for row in datatable[1:]:
        field = by_label.get(row[label_at])
        assert field is not None, f"thủ tục {spec.code} không có ô “{row[label_at]}”"
        value = row[value_at]
        if field.type == "date":
            value = datetime.strptime(value, "%d/%m/%Y").date().isoformat()
        values[field.name] = value
    attach_text("Nội dung hồ sơ ghi sẵn", "\n".join(f"{k}: {v}" for k, v in values.items()))
    made = api.dossier(spec.code, claims_of(people.the_citizen), 10, values=values)
    people.dossiers.append(made.code)
    return Dossier(made.code, spec.code, people.the_citizen, made.due_at)


def layout_report(pdf: bytes) -> str:
    return "\n".join(
        f"trang {page.number}: "
        + "; ".join(f"{t.text!r} [{t.box}]" for t in page.texts)
        + f"; hình {[str(b) for b in page.images]}; đường kẻ {[str(r) for r in page.rules]}"
        for page in read_layout(pdf)
    )


@then(
    "mọi dòng chữ, hình và đường kẻ của văn bản nằm trong trang giấy, cách mép giấy ít nhất 10 mm"
)
def _(result_pdf: bytes) -> None:
    attach_text("Bố cục văn bản (đọc từ tệp PDF)", layout_report(result_pdf))
    problems = outside_page(read_layout(result_pdf), EDGE_MM)
    assert not problems, "văn bản có phần nằm ngoài trang:\n" + "\n".join(problems)


@then("không dòng chữ nào chồng lên dòng chữ khác hay lên mã QR, không đường kẻ nào cắt ngang chữ")
def _(result_pdf: bytes) -> None:
    problems = overlaps(read_layout(result_pdf))
    assert not problems, "văn bản có chữ bị che hoặc bị gạch:\n" + "\n".join(problems)


@then(
    "tên cơ quan ngang hàng Quốc hiệu, dưới tên cơ quan và dưới Tiêu ngữ có đường kẻ ngang "
    "cân đối theo thể thức"
)
def _(people: People, dossier: Dossier, result_pdf: bytes) -> None:
    page = people.ui.verification(people.citizen())
    people.ui.citizen_dossier(people.citizen()).open(dossier.code).verify_link.click()
    page.is_current()
    problems = header_problems(read_layout(result_pdf)[0], page.agency.inner_text())
    assert not problems, "phần đầu văn bản sai thể thức:\n" + "\n".join(problems)


@then(
    "chứng thư của người ký dành cho ký số văn bản (digitalSignature và nonRepudiation), "
    "chứng thư gốc là chứng thư của tổ chức cấp (CA)"
)
def _(result_pdf: bytes, agency_ca: asn1_x509.Certificate) -> None:
    signer = signer_certificate(result_pdf)
    usages = set(signer.key_usage_value.native) if signer.key_usage_value else set()
    attach_text(
        "Mục đích sử dụng khóa (KeyUsage)",
        f"chứng thư người ký: {sorted(usages)}\n"
        f"chứng thư gốc: {sorted(agency_ca.key_usage_value.native or [])}",
    )
    assert usages >= SIGNING_USAGES, (
        f"chứng thư người ký thiếu mục đích {sorted(SIGNING_USAGES - usages)} (có {sorted(usages)})"
    )
    assert not signer.ca, "chứng thư người ký lại là chứng thư CA"
    assert agency_ca.ca and "key_cert_sign" in set(agency_ca.key_usage_value.native or []), (
        "chứng thư gốc cơ quan công bố không phải chứng thư CA (cA, keyCertSign)"
    )


@then(
    "cỡ chữ, chữ đậm, lề và chỗ sang trang của văn bản đúng mẫu trình bày đã duyệt mà đích "
    "kiểm thử khai"
)
def _(people: People, dossier: Dossier, result_pdf: bytes, target: Target) -> None:
    template = target.result_layout
    assert template is not None, "hồ sơ đích kiểm thử không khai result_layout"
    page = people.ui.verification(people.citizen())
    people.ui.citizen_dossier(people.citizen()).open(dossier.code).verify_link.click()
    page.is_current()
    title = people.procedures[dossier.procedure].result_name  # the procedure file's
    known = Known(page.agency.inner_text(), title, dossier.code)
    pages = read_layout(result_pdf)
    attach_text(
        "Cỡ chữ và lề đọc từ tệp PDF",
        "\n".join(
            f"{key}: "
            + "; ".join(f"{t.text!r} {t.size:g} pt {'đậm' if t.bold else 'thường'}" for t in runs)
            for key, runs in parts(pages, known).items()
        ),
    )
    problems = template_problems(pages, template, known)
    assert not problems, "văn bản khác mẫu trình bày đã duyệt:\n" + "\n".join(problems)


def folded(text: str) -> str:
    """For comparing text: NFC, case folded, any run of white space (a title wrapped over two
    lines of the document) as one space."""
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


# --- Thì: the document itself ------------------------------------------------------------


@then(
    "văn bản ghi bằng tiếng Việt có dấu tên cơ quan, tên giấy tờ, họ tên, số định danh và mã hồ sơ"
)
def _(
    people: People, dossier: Dossier, result_pdf: bytes, procedures: dict[str, ProcedureSpec]
) -> None:
    text = folded(pdf_text(result_pdf))
    attach_text("Nội dung chữ của văn bản", pdf_text(result_pdf))
    page = people.ui.verification(people.citizen())
    people.ui.citizen_dossier(people.citizen()).open(dossier.code).verify_link.click()
    page.is_current()
    wanted = {
        "tên cơ quan": page.agency.inner_text(),
        "tên giấy tờ": procedures[dossier.procedure].result_name,
        "họ tên": dossier.citizen.full_name,
        "số định danh": dossier.citizen.cccd,
        "mã hồ sơ": dossier.code,
    }
    missing = {what: value for what, value in wanted.items() if folded(value) not in text}
    assert not missing, f"văn bản không ghi (đúng dấu tiếng Việt): {missing}"


@then("phông chữ tiếng Việt được nhúng trong tệp")
def _(result_pdf: bytes) -> None:
    assert fonts_embedded(result_pdf), "tệp không nhúng phông chữ: máy khác có thể hiển thị sai dấu"
