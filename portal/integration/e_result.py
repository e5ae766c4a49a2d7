"""The electronic result: a Vietnamese administrative document as PDF, with a QR code.

``render_result_pdf(content)`` lays out the document (Quốc hiệu, agency, title, dossier,
citizen, content, place and date, signer) with DejaVu Sans embedded (the PDF core fonts
have no Vietnamese glyphs) and a QR code to ``content.verification_url``. Signing and
verifying are in ``portal.integration.e_result_pki``.
"""

from __future__ import annotations

import atexit
import base64
import contextlib
import functools
import hashlib
import io
import secrets
import shutil
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from portal.integration.timefmt import VN_TZ

if TYPE_CHECKING:  # fpdf2, fontTools and segno are imported when a document is made
    from fpdf import FPDF

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
FONT = "DejaVuSans"
NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"
VERIFY_HINT = "Quét mã QR để kiểm tra tính xác thực của văn bản"


class FontMissing(RuntimeError):
    """DejaVu Sans is not installed: the PDF cannot carry Vietnamese text."""


@dataclass(frozen=True)
class ResultContent:
    agency: str  # the issuing agency, e.g. "Ủy ban nhân dân xã Mẫu"
    title: str  # e.g. "Giấy khai sinh"
    dossier_code: str
    citizen_name: str
    citizen_id: str  # SoDinhDanh
    issued_at: datetime  # aware
    place: str  # "Mẫu" in "Mẫu, ngày 02 tháng 9 năm 2025"
    signer_title: str  # e.g. "Chủ tịch"
    signer_name: str
    verification_url: str
    verification_code: str = ""
    parent_agency: str = ""  # cơ quan chủ quản, above the agency
    document_number: str = ""  # "Số: 12/GKS"
    lines: Sequence[tuple[str, str] | str] = field(default_factory=tuple)  # (label, value) or text


def new_verification_code() -> str:
    """An opaque, unguessable code per document, easy to read aloud: XXXX-XXXX-XXXX-XXXX."""
    raw = base64.b32encode(secrets.token_bytes(10)).decode("ascii")
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def verification_url(public_url: str, code: str, path: str = "/kiem-tra-ket-qua") -> str:
    return f"{public_url.rstrip('/')}{path}/{code}"


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def vietnamese_date(place: str, moment: datetime) -> str:
    """ "Mẫu, ngày 02 tháng 9 năm 2025" (day on two digits, month as is, as in decrees)."""
    local = moment.astimezone(VN_TZ)
    return f"{place}, ngày {local.day:02d} tháng {local.month} năm {local.year}"


def qr_png(url: str, *, scale: int = 6) -> bytes:
    import segno

    out = io.BytesIO()
    segno.make(url, error="m", micro=False).save(out, kind="png", scale=scale, border=4)
    return out.getvalue()


def _pdf_with_fonts(font_dir: Path) -> FPDF:
    from fpdf import FPDF

    missing = [
        str(font_dir / name) for name in FONT_FILES.values() if not (font_dir / name).is_file()
    ]
    if missing:
        raise FontMissing(
            f"Vietnamese text needs DejaVu Sans, not found: {', '.join(missing)}. "
            "Install it (Debian/Ubuntu: apt-get install fonts-dejavu-core) or pass font_dir."
        )
    pdf = FPDF(format="A4", unit="mm")
    subset_dir = _subset_fonts(font_dir)
    for style, name in FONT_FILES.items():
        pdf.add_font(FONT, style=style, fname=str(subset_dir / name))
    return pdf


# Latin, Vietnamese (precomposed and combining), punctuation, currency, letterlike symbols,
# arrows, geometric shapes: what a result document in Vietnamese can carry.
FONT_UNICODES = [
    *range(0x20, 0x7F), *range(0xA0, 0x250), *range(0x300, 0x370), *range(0x1E00, 0x1F00),
    *range(0x2000, 0x2070), *range(0x20A0, 0x20D0), *range(0x2100, 0x2150),
    *range(0x2190, 0x2200), *range(0x25A0, 0x2600),
]  # fmt: skip


def prepare_fonts() -> None:
    """Make the subset fonts ahead of the first document (the portal does it at start)."""
    with contextlib.suppress(OSError):  # missing fonts are reported when a document needs them
        _subset_fonts(FONT_DIR)


_FONTS_LOCK = threading.Lock()


def _subset_fonts(font_dir: Path) -> Path:
    with _FONTS_LOCK:
        return _subset_fonts_once(font_dir)


@functools.cache
def _subset_fonts_once(font_dir: Path) -> Path:
    """DejaVu Sans cut down to FONT_UNICODES, once per process: fpdf2 parses the whole
    font (6 000 glyphs, 0.3 s a style) for every document otherwise."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    out = Path(tempfile.mkdtemp(prefix="dvc-portal-fonts-"))
    atexit.register(shutil.rmtree, out, True)
    for name in FONT_FILES.values():
        options = subset.Options()
        options.name_IDs = ["*"]
        options.notdef_outline = True
        options.drop_tables += ["FFTM"]  # FontForge's timestamps: fontTools warns otherwise
        font = TTFont(str(font_dir / name))
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=FONT_UNICODES)
        subsetter.subset(font)
        font.save(str(out / name))
    return out


def render_result_pdf(content: ResultContent, *, font_dir: Path = FONT_DIR) -> bytes:
    if content.issued_at.tzinfo is None:
        raise ValueError("issued_at must be an aware datetime")
    pdf = _pdf_with_fonts(font_dir)
    pdf.set_title(f"{content.title} - {content.dossier_code}")
    pdf.set_author(content.agency)
    pdf.set_subject(f"Kết quả giải quyết thủ tục hành chính, hồ sơ {content.dossier_code}")
    pdf.set_creator("dvc-e2e reference portal")
    pdf.set_lang("vi")
    pdf.set_creation_date(content.issued_at)
    pdf.set_margins(left=20, top=15, right=15)
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    _header(pdf, content)
    _body(pdf, content)
    _signature_and_qr(pdf, content)
    return bytes(pdf.output())


def _header(pdf: FPDF, content: ResultContent) -> None:
    from fpdf.enums import XPos, YPos

    left_w, right_w, top = 70.0, 105.0, pdf.get_y()
    right_x = pdf.w - pdf.r_margin - right_w
    pdf.set_xy(pdf.l_margin, top)
    if content.parent_agency:
        pdf.set_font(FONT, "", 10)
        pdf.multi_cell(
            left_w, 5, content.parent_agency.upper(), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT
        )
    pdf.set_font(FONT, "B", 10)
    pdf.multi_cell(
        left_w, 5, content.agency.upper(), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    rule_y = pdf.get_y() + 2
    pdf.line(pdf.l_margin + left_w / 2 - 12, rule_y, pdf.l_margin + left_w / 2 + 12, rule_y)
    if content.document_number:
        pdf.set_xy(pdf.l_margin, rule_y + 2)
        pdf.set_font(FONT, "", 10)
        pdf.cell(left_w, 5, content.document_number, align="C")
    left_bottom = pdf.get_y() + 6

    pdf.set_xy(right_x, top)
    pdf.set_font(FONT, "B", 10)
    pdf.cell(right_w, 5, NATIONAL_TITLE, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.set_font(FONT, "B", 11)
    pdf.cell(right_w, 6, NATIONAL_MOTTO, align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    motto_w = pdf.get_string_width(NATIONAL_MOTTO)
    rule_y = pdf.get_y() + 0.5
    pdf.line(right_x + (right_w - motto_w) / 2, rule_y, right_x + (right_w + motto_w) / 2, rule_y)
    pdf.set_xy(right_x, rule_y + 3)
    pdf.set_font(FONT, "", 10)
    pdf.cell(right_w, 5, vietnamese_date(content.place, content.issued_at), align="C")
    pdf.set_y(max(left_bottom, pdf.get_y() + 12))


def _body(pdf: FPDF, content: ResultContent) -> None:

    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_font(FONT, "B", 15)
    pdf.multi_cell(width, 8, content.title.upper(), align="C")
    pdf.ln(6)
    rows: list[tuple[str, str] | str] = [
        ("Mã hồ sơ", content.dossier_code),
        ("Họ và tên", content.citizen_name),
        ("Số định danh cá nhân", content.citizen_id),
        *content.lines,
    ]
    for row in rows:
        pdf.set_x(pdf.l_margin)
        if isinstance(row, str):
            pdf.set_font(FONT, "", 11)
            pdf.multi_cell(width, 6.5, row)
            continue
        label, value = row
        pdf.set_font(FONT, "", 11)
        label_text = f"{label}: "
        pdf.cell(pdf.get_string_width(label_text), 6.5, label_text)
        pdf.set_font(FONT, "B", 11)
        pdf.multi_cell(0, 6.5, value)


def _signature_and_qr(pdf: FPDF, content: ResultContent) -> None:
    from fpdf.enums import XPos, YPos

    if pdf.get_y() > pdf.h - 90:
        pdf.add_page()
    top = pdf.get_y() + 10
    block_w = 80.0
    block_x = pdf.w - pdf.r_margin - block_w
    pdf.set_xy(block_x, top)
    pdf.set_font(FONT, "B", 11)
    pdf.multi_cell(block_w, 6, content.signer_title.upper(), align="C")
    pdf.set_x(block_x)
    pdf.set_font(FONT, "", 9)
    pdf.cell(block_w, 5, "(Đã ký số)", align="C", new_x=XPos.LEFT, new_y=YPos.NEXT)
    pdf.ln(16)
    pdf.set_x(block_x)
    pdf.set_font(FONT, "B", 11)
    pdf.cell(block_w, 6, content.signer_name, align="C")

    qr_size = 32.0
    pdf.image(io.BytesIO(qr_png(content.verification_url)), x=pdf.l_margin, y=top, w=qr_size)
    pdf.set_xy(pdf.l_margin, top + qr_size + 1)
    pdf.set_font(FONT, "", 8)
    pdf.multi_cell(90, 4, VERIFY_HINT, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    if content.verification_code:
        pdf.set_x(pdf.l_margin)
        pdf.cell(90, 4, f"Mã kiểm tra: {content.verification_code}")
