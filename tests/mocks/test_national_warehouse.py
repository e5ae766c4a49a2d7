"""The citizen data warehouse (§3.3): the electronic result, checked against its digest."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

import httpx
import pytest

from tests.mocks.national_api import MADONVI, login, now_stamp

PDF = "%PDF-1.7\n% Giấy khai sinh (bản điện tử)\n%%EOF\n".encode()


def result(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "SoDinhDanh": "001090012345",
        "MaHoSo": "H99.01-250714-0001",
        "TenGiayTo": "Giấy khai sinh",
        "CoQuanBanHanh": "UBND phường Hoàn Kiếm",
        "NguoiKy": "Lê Văn Cường",
        "NgayKy": now_stamp(minutes=-2),
        "MaBam": hashlib.sha256(PDF).hexdigest(),
        "TepTin": base64.b64encode(PDF).decode(),
    }
    data.update(changes)
    return data


def deliver(national: httpx.Client, data: dict[str, Any]) -> dict[str, Any]:
    body = {"session": login(national), "madonvi": MADONVI, "data": data}
    answer = national.post("/api/kho-du-lieu/ket-qua", json=body)
    assert answer.status_code == 200, answer.text
    return dict(answer.json())


def test_a_result_is_kept_for_the_citizen_with_its_file(national: httpx.Client) -> None:
    assert deliver(national, result())["error_code"] == 0
    (document,) = national.get("/_control/warehouse", params={"SoDinhDanh": "001090012345"}).json()[
        "documents"
    ]
    assert document["MaBam"] == hashlib.sha256(PDF).hexdigest()
    assert (document["size"], document["TenGiayTo"]) == (len(PDF), "Giấy khai sinh")
    assert "TepTin" not in document
    assert (
        national.get("/_control/warehouse", params={"SoDinhDanh": "079195067890"}).json()[
            "documents"
        ]
        == []
    )
    stored = national.get(f"/_control/warehouse/files/{document['MaBam']}")
    assert (stored.content, stored.headers["content-type"]) == (PDF, "application/pdf")
    entry = national.get("/_control/journal", params={"service": "kho-du-lieu"}).json()["entries"]
    assert entry[-1]["body"]["data"]["TepTin"].startswith("<base64"), "no file in the journal"


@pytest.mark.parametrize(
    ("field", "changes"),
    [
        ("MaBam", {"MaBam": hashlib.sha256(b"another file").hexdigest()}),
        ("SoDinhDanh", {"SoDinhDanh": "0010900123"}),
        ("TepTin", {"TepTin": "khong-phai-base64!"}),
        ("TepTin", {"TepTin": base64.b64encode(b"PK\x03\x04 a zip").decode()}),
        ("NguoiKy", {"NguoiKy": ""}),
        ("NgayKy", {"NgayKy": now_stamp(hours=7)}),
        ("NgayKy", {"NgayKy": "31/12/2025"}),
    ],
)
def test_a_wrong_result_is_refused_naming_the_field(
    national: httpx.Client, field: str, changes: dict[str, Any]
) -> None:
    answer = deliver(national, result(**changes))
    assert answer["error_code"] == 1
    assert field in [e.split(": ")[0] for e in answer["errors"]], answer["errors"]
    warehouse = national.get("/_control/warehouse").json()
    assert warehouse["documents"] == []
    assert field in warehouse["rejected"][-1]["reason"]
    assert warehouse["rejected"][-1]["data"]["TepTin"].startswith("<base64")
    entry = national.get("/_control/journal", params={"service": "kho-du-lieu"}).json()["entries"]
    assert entry[-1]["verdict"] == "rejected"


def test_an_unknown_file_is_404(national: httpx.Client) -> None:
    assert national.get(f"/_control/warehouse/files/{'0' * 64}").status_code == 404
