"""The e-form of a procedure: prefill from the identity, clean and validate what was posted.

Fields prefilled from an authoritative identity claim (``HoVaTen``, ``SoDinhDanh``,
``NgayThangNamSinh``, ``GioiTinh``) are read-only: the posted value is ignored and the
identity's is kept (the citizen does not retype what the state already knows, and
cannot change it by editing the page).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from portal import defects
from portal.procedures import FormField, Procedure
from portal.services import validation

GENDERS = {1: "Nam", 2: "Nữ"}


def identity_value(field: FormField, identity: Mapping[str, Any]) -> str | None:
    """The field's value as the identity gives it, in the form's format (or None)."""
    if not field.prefill or defects.active("prefill_ignores_identity"):  # seeded defect
        return None
    raw = identity.get(field.prefill)
    if raw in (None, ""):
        return None
    if field.prefill == "NgayThangNamSinh":
        text = str(raw)
        return f"{text[4:]}-{text[2:4]}-{text[:2]}" if len(text) == 8 else None
    if field.prefill == "GioiTinh":
        return GENDERS.get(int(raw)) if str(raw).isdigit() else None
    return str(raw)


def is_locked(field: FormField, identity: Mapping[str, Any]) -> bool:
    return field.authoritative and identity_value(field, identity) is not None


def initial_values(procedure: Procedure, identity: Mapping[str, Any]) -> dict[str, str]:
    values = {}
    for field in procedure.fields:
        value = identity_value(field, identity)
        if value is not None:
            values[field.name] = value
    return values


def initial_values_locked(procedure: Procedure, identity: Mapping[str, Any]) -> dict[str, str]:
    """The values of the read-only fields: always the identity's."""
    return {
        field.name: identity_value(field, identity) or ""
        for field in procedure.fields
        if is_locked(field, identity)
    }


def _clean_text(value: str) -> str:
    return unicodedata.normalize("NFC", value).strip()


def collect(
    procedure: Procedure, posted: Mapping[str, Any], identity: Mapping[str, Any]
) -> dict[str, str]:
    """The form's values from a post, normalised; locked fields from the identity."""
    values: dict[str, str] = {}
    for field in procedure.fields:
        if is_locked(field, identity) and not defects.active("identity_fields_taken_from_form"):
            values[field.name] = identity_value(field, identity) or ""
            continue
        raw = posted.get(field.name)
        value = _clean_text(raw) if isinstance(raw, str) else ""
        if field.type == "phone" and value:
            value = validation.normalise_phone(value)
        if field.type == "cccd":
            value = value.replace(" ", "")
        if field.type != "textarea":
            value = re.sub(r"\s+", " ", value)
        values[field.name] = value
    return values


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def field_problem(field: FormField, value: str, *, today: date) -> str | None:
    if not value:
        if not field.required:
            return None
        verb = "chọn" if field.type == "select" else "nhập"
        return f"Vui lòng {verb} {_lower_first(field.label)}."
    if len(value) > field.max_length:
        return f"{field.label} dài quá {field.max_length} ký tự."
    problem: str | None = None
    if field.type == "cccd":
        problem = validation.cccd_problem(value, today=today)
    elif field.type == "phone":
        problem = validation.phone_problem(value)
    elif field.type == "email":
        problem = validation.email_problem(value)
    elif field.type == "select" and value not in field.choices:
        problem = f"{field.label}: hãy chọn một giá trị trong danh sách."
    elif field.type == "date":
        problem = _date_problem(field, value, today=today)
    if problem is None and field.pattern and not re.fullmatch(field.pattern, value):
        problem = field.pattern_message or f"{field.label} không đúng định dạng."
    return problem


def _date_problem(field: FormField, value: str, *, today: date) -> str | None:
    day = validation.parse_date(value)
    if day is None:
        return f"{field.label} không phải là một ngày hợp lệ (ngày/tháng/năm)."
    if field.not_future and day > today:
        return f"{field.label} không được sau ngày hôm nay."
    if field.max_age_years and day < validation.years_before(today, field.max_age_years):
        return f"{field.label} phải trong vòng {field.max_age_years} năm trở lại đây."
    return None


@dataclass(frozen=True)
class Checked:
    values: dict[str, str]
    errors: dict[str, str]  # field name -> message

    @property
    def ok(self) -> bool:
        return not self.errors


def validate(procedure: Procedure, values: Mapping[str, str], *, today: date) -> Checked:
    errors = {}
    for field in procedure.fields:
        problem = field_problem(field, values.get(field.name, ""), today=today)
        if problem:
            errors[field.name] = problem
    return Checked(values=dict(values), errors=errors)
