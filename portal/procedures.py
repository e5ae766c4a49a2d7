"""Administrative procedures as data: ``procedures/*.toml``, one procedure per file.

The portal serves its catalogue, its e-forms and its process diagrams from these
files, and the test suite fills the forms from them (``generator`` names a Faker
provider the suite knows). ``load_procedures`` refuses a broken file with a message
that names the file and the field.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

FieldType = Literal["text", "date", "select", "cccd", "phone", "email", "textarea"]
Role = Literal["reception", "specialist", "approver"]
FileType = Literal["pdf", "png", "jpg", "jpeg"]
HOURS_PER_DAY = 8

# Identity claims the portal may prefill from; the first ones are authoritative (the
# citizen cannot change them: the state already knows them).
AUTHORITATIVE_CLAIMS = ("HoVaTen", "SoDinhDanh", "NgayThangNamSinh", "GioiTinh")
PREFILL_CLAIMS = (*AUTHORITATIVE_CLAIMS, "SoDienThoai", "ThuDienTu", "ThuongTru")
ROLE_NAMES: dict[str, str] = {
    "reception": "Bộ phận Một cửa",
    "specialist": "Chuyên viên",
    "approver": "Lãnh đạo",
}


class ProcedureError(ValueError):
    """A procedure file that the portal refuses; ``str(exc)`` names the file and the field."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Fee(_Strict):
    amount: int = Field(ge=0, description="VND; 0 = free")
    name: str = Field(min_length=3)
    type: Literal["phí", "lệ phí"]
    note: str = ""

    @property
    def national_type(self) -> int:
        """LoaiPhiLePhi of the national portal: 1 phí, 2 lệ phí."""
        return 1 if self.type == "phí" else 2


class FormField(_Strict):
    name: str = Field(pattern=r"^[A-Za-z][A-Za-z0-9_]*$")
    label: str = Field(min_length=2)
    type: FieldType
    required: bool = False
    pattern: str | None = None
    pattern_message: str | None = None
    choices: list[str] = Field(default_factory=list)
    generator: str = Field(min_length=2)
    prefill: str | None = None
    not_future: bool = False  # dates: not after today
    max_age_years: int | None = Field(default=None, ge=1)  # dates: at most this many years ago
    hint: str = ""
    max_length: int = Field(default=500, ge=1, le=5000)

    @property
    def authoritative(self) -> bool:
        """Prefilled from an identity claim the state vouches for: shown read-only."""
        return self.prefill in AUTHORITATIVE_CLAIMS

    @model_validator(mode="after")
    def _consistent(self) -> FormField:
        if self.type == "select" and not self.choices:
            raise ValueError("a select field needs choices")
        if self.type != "select" and self.choices:
            raise ValueError("choices are for select fields only")
        if self.prefill is not None and self.prefill not in PREFILL_CLAIMS:
            raise ValueError(f"prefill must be one of {', '.join(PREFILL_CLAIMS)}")
        if (self.not_future or self.max_age_years) and self.type != "date":
            raise ValueError("not_future and max_age_years are for date fields only")
        if self.pattern is not None:
            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValueError(f"pattern is not a valid regular expression: {exc}") from None
        return self


class Attachment(_Strict):
    code: str = Field(pattern=r"^[A-Za-z0-9_]+$")
    name: str = Field(min_length=3)
    required: bool = True
    types: list[FileType] = Field(min_length=1)
    max_mb: float = Field(gt=0, le=50)

    @property
    def max_bytes(self) -> int:
        return int(self.max_mb * 1024 * 1024)

    @model_validator(mode="after")
    def _takes_a_file(self) -> Attachment:
        if self.max_bytes < 1:  # a slot no file fits in: every upload refused as too big
            raise ValueError(f"max_mb: {self.max_mb} MB is less than one byte")
        return self

    @property
    def accept(self) -> str:
        return ",".join(f".{t}" for t in self.types)

    @property
    def max_mb_text(self) -> str:
        """The limit as the pages and messages write it: "5", "0,2" (a decimal comma)."""
        mb = self.max_mb
        return str(int(mb)) if float(mb).is_integer() else str(mb).replace(".", ",")


class Step(_Strict):
    name: str = Field(min_length=3)
    unit: str = Field(min_length=3)
    role: Role
    hours: float | None = Field(default=None, gt=0)
    days: float | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _one_duration(self) -> Step:
        if (self.hours is None) == (self.days is None):
            raise ValueError("give the time allowed as either hours or days, not both")
        return self

    @property
    def working_hours(self) -> float:
        return self.hours if self.hours is not None else float(self.days or 0) * HOURS_PER_DAY

    @property
    def time_label(self) -> str:
        if self.days is not None:
            return f"{_num(self.days)} ngày làm việc"
        return f"{_num(self.hours or 0)} giờ làm việc"

    @property
    def role_name(self) -> str:
        return ROLE_NAMES[self.role]


class Procedure(_Strict):
    code: str = Field(pattern=r"^\d\.\d{6}$", description="MaTTHC, e.g. 1.001193")
    name: str = Field(min_length=3)
    agency: str = Field(min_length=3)
    field_of: str = Field(min_length=2, description="lĩnh vực")
    level: Literal["toàn trình", "một phần"]
    summary: str = ""
    result_name: str = Field(min_length=3, description="the paper the citizen receives")
    processing_days: int = Field(ge=1, le=60)
    inter_agency: bool = False  # liên thông: specialist steps at several agencies
    legal_basis: list[str] = Field(min_length=1)
    fee: Fee
    fields: list[FormField] = Field(min_length=1)
    attachments: list[Attachment] = Field(default_factory=list)
    steps: list[Step] = Field(min_length=3)
    source: str = Field(default="", exclude=True)

    @property
    def has_fee(self) -> bool:
        return self.fee.amount > 0

    def field(self, name: str) -> FormField | None:
        return next((f for f in self.fields if f.name == name), None)

    def attachment(self, code: str) -> Attachment | None:
        return next((a for a in self.attachments if a.code == code), None)

    @model_validator(mode="after")
    def _consistent(self) -> Procedure:
        _unique("fields", [f.name for f in self.fields])
        _unique("attachments", [a.code for a in self.attachments])
        roles = [step.role for step in self.steps]
        if roles[0] != "reception" or roles[-1] != "reception":
            raise ValueError(
                "steps: the first step (receiving) and the last (returning the result) "
                "are the reception's"
            )
        if roles.count("approver") != 1 or roles[-2] != "approver":
            raise ValueError("steps: exactly one approver step, just before returning the result")
        if "specialist" not in roles[1:-2] or "reception" in roles[1:-1]:
            raise ValueError("steps: between receiving and approving come specialist steps only")
        specialist_units = {step.unit for step in self.steps if step.role == "specialist"}
        if self.inter_agency and len(specialist_units) < 2:
            raise ValueError(
                "inter_agency: an inter-agency procedure has specialist steps at 2+ units"
            )
        total = sum(step.working_hours for step in self.steps)
        allowed = self.processing_days * HOURS_PER_DAY
        if total > allowed:
            raise ValueError(
                f"steps: their times add up to {_num(total)} working hours, more than the "
                f"processing time ({self.processing_days} days = {allowed} hours)"
            )
        return self


def _unique(what: str, keys: list[str]) -> None:
    seen: set[str] = set()
    for key in keys:
        if key in seen:
            raise ValueError(f"{what}: {key!r} appears twice")
        seen.add(key)


def _num(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def load_procedure(path: Path) -> Procedure:
    """Read and validate one procedure file; raise ProcedureError naming file and field."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ProcedureError(f"{path.name}: cannot read the file: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ProcedureError(f"{path.name}: not valid TOML: {exc}") from None
    try:
        return Procedure.model_validate({**data, "source": path.name})
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(file)'}: {err['msg']}"
            for err in exc.errors()
        )
        raise ProcedureError(f"{path.name}: {problems}") from None


def load_procedures(directory: Path) -> dict[str, Procedure]:
    """Every ``*.toml`` of the directory, by code, in file-name order."""
    if not directory.is_dir():
        raise ProcedureError(f"procedures directory {directory} does not exist")
    procedures: dict[str, Procedure] = {}
    for path in sorted(directory.glob("*.toml")):
        procedure = load_procedure(path)
        if procedure.code in procedures:
            other = procedures[procedure.code].source
            raise ProcedureError(f"{path.name}: code {procedure.code} is already used by {other}")
        procedures[procedure.code] = procedure
    if not procedures:
        raise ProcedureError(f"no procedure files (*.toml) in {directory}")
    return procedures
