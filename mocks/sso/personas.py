"""Identities the SSO mock knows: claims as the national portal's userinfo gives them."""

from __future__ import annotations

import uuid
from typing import Any

from pydantic import BaseModel, Field, field_validator

CITIZEN = 1
BUSINESS = 2


class Persona(BaseModel):
    """An account at the identity provider. ``username`` is what the login form takes:
    the 12-digit SoDinhDanh for a citizen, the tax code for a business account."""

    username: str
    password: str = "Matkhau@123"
    acr: str = "LoA2"
    SoDinhDanh: str = Field(pattern=r"^\d{12}$")
    HoVaTen: str = Field(min_length=2)
    NgayThangNamSinh: str = Field(pattern=r"^\d{8}$")  # ddMMyyyy, as the national portal sends it
    # 1 Nam, 2 Nữ, 0 không xác định; or a text, as other providers send it ("Nữ"), or as a
    # broken one might (what the portal then does with it is the point of the scenario)
    GioiTinh: int | str
    ThuongTru: str = ""
    SoDienThoai: str = ""
    ThuDienTu: str = ""
    LoaiTaiKhoan: int = Field(default=CITIZEN, ge=1, le=2)
    MaSoDoanhNghiep: str | None = None
    TenDoanhNghiep: str | None = None
    sub: str = Field(default_factory=lambda: str(uuid.uuid4()))

    @field_validator("GioiTinh")
    @classmethod
    def _gender(cls, value: int | str) -> int | str:
        if isinstance(value, int) and not 0 <= value <= 2:
            raise ValueError("GioiTinh is 0, 1, 2 or a text")
        if isinstance(value, str) and not value.strip():
            raise ValueError("GioiTinh as a text is not empty")
        return value

    @field_validator("MaSoDoanhNghiep")
    @classmethod
    def _tax_code(cls, value: str | None) -> str | None:
        if value is not None and not (value.isdigit() and len(value) in (10, 13)):
            raise ValueError("MaSoDoanhNghiep is 10 or 13 digits")
        return value

    def claims(self) -> dict[str, Any]:
        """Userinfo as the national portal gives it."""
        claims: dict[str, Any] = {
            "sub": self.sub,
            "SoDinhDanh": self.SoDinhDanh,
            "HoVaTen": self.HoVaTen,
            "NgayThangNamSinh": self.NgayThangNamSinh,
            "GioiTinh": self.GioiTinh,
            "ThuongTru": self.ThuongTru,
            "SoDienThoai": self.SoDienThoai,
            "ThuDienTu": self.ThuDienTu,
            "LoaiTaiKhoan": self.LoaiTaiKhoan,
        }
        if self.LoaiTaiKhoan == BUSINESS:
            claims["MaSoDoanhNghiep"] = self.MaSoDoanhNghiep
            claims["TenDoanhNghiep"] = self.TenDoanhNghiep
        return claims


def seed_personas() -> list[Persona]:
    """The accounts a person clicking through `make serve` can use."""
    return [
        Persona(
            username="001090012345",
            SoDinhDanh="001090012345",
            HoVaTen="Nguyễn Văn An",
            NgayThangNamSinh="15031990",
            GioiTinh=1,
            ThuongTru="Số 12 phố Hàng Bạc, Phường Hoàn Kiếm, Thành phố Hà Nội",
            SoDienThoai="0912345678",
            ThuDienTu="nguyenvanan@example.vn",
        ),
        Persona(
            username="079195067890",
            SoDinhDanh="079195067890",
            HoVaTen="Trần Thị Bích Ngọc",
            NgayThangNamSinh="02091995",
            GioiTinh=2,
            ThuongTru="45 đường Lê Lợi, Phường Sài Gòn, Thành phố Hồ Chí Minh",
            SoDienThoai="0987654321",
            ThuDienTu="tranbichngoc@example.vn",
        ),
        Persona(
            username="0109876543",
            SoDinhDanh="001085054321",
            HoVaTen="Lê Minh Tuấn",
            NgayThangNamSinh="20071985",
            GioiTinh=1,
            ThuongTru="8 phố Tràng Tiền, Phường Cửa Nam, Thành phố Hà Nội",
            SoDienThoai="0903123456",
            ThuDienTu="ketoan@anphat.example.vn",
            LoaiTaiKhoan=BUSINESS,
            MaSoDoanhNghiep="0109876543",
            TenDoanhNghiep="Công ty TNHH Thương mại An Phát",
            acr="LoA3",
        ),
    ]
