"""Portal tables: browser sessions, officers, dossiers with their files, history and payments.

Times are aware datetimes (stored as UTC). A dossier's ``status`` is the national
portal's TrangThaiHoSo (1..10, see ``portal.services.workflow``); 0 is a draft, which
the national portal never hears of and which has no code yet.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from portal.db import AwareDateTime, Base

DRAFT = 0


class WebSession(Base):
    """A server-side browser session: the cookie carries only its random id, so logout
    (deleting the row) ends it on the server whatever the browser keeps."""

    __tablename__ = "web_sessions"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(AwareDateTime())
    expires_at: Mapped[datetime] = mapped_column(AwareDateTime())


class Officer(Base):
    """A back-office account (cán bộ). ``role``: reception | specialist | approver."""

    __tablename__ = "officers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    title: Mapped[str] = mapped_column(String(200))  # ChucDanh
    unit: Mapped[str] = mapped_column(String(200))  # PhongBanXuLy
    password_hash: Mapped[str] = mapped_column(String(300))


class DossierSequence(Base):
    """The last serial number given on one day (mã hồ sơ ...-yyMMdd-NNNN)."""

    __tablename__ = "dossier_sequences"

    day: Mapped[str] = mapped_column(String(16), primary_key=True)
    last: Mapped[int] = mapped_column(Integer, default=0)


class Dossier(Base):
    __tablename__ = "dossiers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str | None] = mapped_column(String(40), unique=True, nullable=True)
    procedure_code: Mapped[str] = mapped_column(String(16), index=True)
    status: Mapped[int] = mapped_column(Integer, default=DRAFT, index=True)
    step_index: Mapped[int] = mapped_column(Integer, default=0)

    owner_id: Mapped[str] = mapped_column(String(12), index=True)  # SoDinhDanh
    owner_name: Mapped[str] = mapped_column(String(200))
    owner_phone: Mapped[str] = mapped_column(String(20), default="")
    owner_email: Mapped[str] = mapped_column(String(200), default="")
    owner_kind: Mapped[int] = mapped_column(Integer, default=1)  # LoaiDoiTuong
    values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)

    created_at: Mapped[datetime] = mapped_column(AwareDateTime())
    updated_at: Mapped[datetime] = mapped_column(AwareDateTime())
    received_at: Mapped[datetime | None] = mapped_column(AwareDateTime(), nullable=True)
    due_at: Mapped[datetime | None] = mapped_column(AwareDateTime(), nullable=True)
    approved_at: Mapped[datetime | None] = mapped_column(AwareDateTime(), nullable=True)
    returned_at: Mapped[datetime | None] = mapped_column(AwareDateTime(), nullable=True)

    fee_amount: Mapped[int] = mapped_column(Integer, default=0)
    fee_paid: Mapped[bool] = mapped_column(Boolean, default=False)
    fee_transaction: Mapped[str | None] = mapped_column(String(64), nullable=True)

    reason: Mapped[str | None] = mapped_column(Text, nullable=True)  # refusal/withdrawal/stop
    supplement_request: Mapped[str | None] = mapped_column(Text, nullable=True)
    supplement_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    appraisal_note: Mapped[str | None] = mapped_column(Text, nullable=True)
    apology_text: Mapped[str | None] = mapped_column(Text, nullable=True)
    apology_at: Mapped[datetime | None] = mapped_column(AwareDateTime(), nullable=True)

    result_number: Mapped[str | None] = mapped_column(String(64), nullable=True)
    result_sha256: Mapped[str | None] = mapped_column(String(64), nullable=True)
    result_signer: Mapped[str | None] = mapped_column(String(200), nullable=True)
    result_signed_at: Mapped[datetime | None] = mapped_column(AwareDateTime(), nullable=True)
    result_pdf: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True, deferred=True)

    files: Mapped[list[DossierFile]] = relationship(
        back_populates="dossier", cascade="all, delete-orphan", order_by="DossierFile.id"
    )
    history: Mapped[list[HistoryEntry]] = relationship(
        back_populates="dossier", cascade="all, delete-orphan", order_by="HistoryEntry.id"
    )
    payments: Mapped[list[Payment]] = relationship(
        back_populates="dossier", cascade="all, delete-orphan", order_by="Payment.id"
    )


class DossierFile(Base):
    """An attachment: a dossier component (``component`` = the procedure's attachment code)."""

    __tablename__ = "dossier_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    component: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16), default="nop")  # nop | bo_sung
    file_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    note: Mapped[str] = mapped_column(Text, default="")
    uploaded_at: Mapped[datetime] = mapped_column(AwareDateTime())
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)

    dossier: Mapped[Dossier] = relationship(back_populates="files")


class HistoryEntry(Base):
    """Who did what to a dossier, when, in which role (nhật ký xử lý)."""

    __tablename__ = "dossier_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    at: Mapped[datetime] = mapped_column(AwareDateTime())
    actor_name: Mapped[str] = mapped_column(String(200))
    actor_role: Mapped[str] = mapped_column(String(200))
    actor_unit: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(300))
    status_from: Mapped[int] = mapped_column(Integer)
    status_to: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(Text, default="")

    dossier: Mapped[Dossier] = relationship(back_populates="history")


class Payment(Base):
    """One payment attempt (a MaThamChieu at the payment platform).

    ``state``: pending | paid | declined | cancelled | timeout | failed.
    """

    __tablename__ = "payments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
    reference: Mapped[str] = mapped_column(String(64), unique=True)  # MaThamChieu
    amount: Mapped[int] = mapped_column(Integer)
    state: Mapped[str] = mapped_column(String(16), default="pending")
    transaction_no: Mapped[str | None] = mapped_column(String(64), nullable=True)  # MaGiaoDich
    error_code: Mapped[str | None] = mapped_column(String(8), nullable=True)  # MaLoi
    confirmed_by: Mapped[str | None] = mapped_column(String(16), nullable=True)
    created_at: Mapped[datetime] = mapped_column(AwareDateTime())
    updated_at: Mapped[datetime] = mapped_column(AwareDateTime())

    dossier: Mapped[Dossier] = relationship(back_populates="payments")


class SubmissionKey(Base):
    """The key of one e-form as the portal served it (``ma_lan_nop``): the same form
    posted twice (a retried request, an answer lost on the network) is one dossier."""

    __tablename__ = "submission_keys"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    owner_id: Mapped[str] = mapped_column(String(12))
    dossier_id: Mapped[int] = mapped_column(ForeignKey("dossiers.id"), index=True)
