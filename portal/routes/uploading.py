"""Reading a form's attachment inputs (``tep_<code>``) and checking each file."""

from __future__ import annotations

from starlette.datastructures import FormData, UploadFile

from portal.procedures import Procedure
from portal.services.uploads import CheckedFile, UploadRefused, check_upload


async def read_uploads(
    procedure: Procedure, form: FormData
) -> tuple[dict[str, CheckedFile], dict[str, str]]:
    """The good files by component code, and a message per refused input (``tep_<code>``)."""
    checked: dict[str, CheckedFile] = {}
    errors: dict[str, str] = {}
    for attachment in procedure.attachments:
        upload = form.get(f"tep_{attachment.code}")
        if not isinstance(upload, UploadFile) or not upload.filename:
            continue
        data = await upload.read(attachment.max_bytes + 1)  # one byte more tells "too big"
        try:
            checked[attachment.code] = check_upload(
                attachment=attachment, file_name=upload.filename, data=data
            )
        except UploadRefused as exc:
            errors[f"tep_{attachment.code}"] = f"{attachment.name}: {exc}"
    return checked, errors
