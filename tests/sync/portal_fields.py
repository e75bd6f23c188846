"""The national portal's published field lists, and the checks the test province applies.

Names and nesting from DOMAIN.md (DongBoHoSoMC, CapNhatTienDoHoSoMC); the items of
DanhSachHoSoBoSung and DanhSachGiayToKetQua as public integrations of the portal send them.
Every value must be a string ("" for null), NFC-normalized; dates `yyyyMMddHHmmss`; codes from
their lists.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from typing import Any

DOSSIER_FIELDS = {
    "MaHoSo", "MaTTHC", "TenTTHC", "MaLinhVuc", "TenLinhVuc", "SoBienNhan", "ChuHoSo",
    "LoaiDoiTuong", "MaDoiTuong", "ThongTinKhac", "Email", "Fax", "SoDienThoai",
    "TrichYeuHoSo", "NgayTiepNhan", "NgayHenTra", "TrangThaiHoSo", "NgayTra", "ThongTinTra",
    "HinhThuc", "NgayKetThucXuLy", "DonViXuLy", "GhiChu", "KenhThucHien",
    "HoSoCoThanhPhanSoHoa", "TaiLieuNop", "DanhSachLePhi", "DanhSachTepDinhKemKhac",
    "DanhSachHoSoBoSung", "DanhSachGiayToKetQua",
}  # fmt: skip
ITEM_FIELDS = {
    "TaiLieuNop": {
        "TepDinhKemId", "TenTepDinhKem", "IsDeleted", "MaThanhPhanHoSo", "DuongDanTaiTepTin",
        "DuocSoHoa", "DuocLayTuKhoDMQG",
    },
    "DanhSachLePhi": {"TenPhiLePhi", "MaPhiLePhi", "HinhThucThu", "Gia", "LoaiPhiLePhi"},
    "DanhSachTepDinhKemKhac": {"TenGiayTo", "SoLuong", "LoaiGiayTo"},
    "DanhSachHoSoBoSung": {
        "HoSoBoSungId", "NguoiYeuCauBoSung", "NoiDungBoSung", "NgayBoSung",
        "NguoiTiepNhanBoSung", "ThongTinTiepNhan", "NgayTiepNhanBoSung", "TrangThaiBoSung",
        "DanhSachGiayToBoSung", "DanhSachLePhiBoSung", "NgayHenTraTruoc", "NgayHenTraMoi",
    },
    "DanhSachGiayToKetQua": {"TenGiayTo", "MaThanhPhanHoSo", "GiayToId", "DuongDanTepTinKetQua"},
}  # fmt: skip
PROGRESS_FIELDS = {
    "MaHoSo", "NguoiXuLy", "ChucDanh", "ThoiDiemXuLy", "PhongBanXuLy", "NoiDungXuLy",
    "TrangThai", "NgayBatDau", "NgayKetThucTheoQuyDinh",
}  # fmt: skip
DATE_FIELDS = {
    "NgayTiepNhan", "NgayHenTra", "NgayTra", "NgayKetThucXuLy", "NgayBoSung",
    "NgayTiepNhanBoSung", "NgayHenTraTruoc", "NgayHenTraMoi", "ThoiDiemXuLy", "NgayBatDau",
    "NgayKetThucTheoQuyDinh",
}  # fmt: skip
REQUIRED = {
    "dossier": ("MaHoSo", "MaTTHC", "TenTTHC", "ChuHoSo", "LoaiDoiTuong", "NgayTiepNhan",
                "NgayHenTra", "TrangThaiHoSo", "HinhThuc", "DonViXuLy"),
    "progress": ("MaHoSo", "NguoiXuLy", "ThoiDiemXuLy", "NoiDungXuLy", "TrangThai"),
}  # fmt: skip
STATUSES = {str(i) for i in range(1, 11)}
ENUMS = {
    "TrangThaiHoSo": STATUSES,
    "TrangThai": STATUSES,
    "HinhThuc": {"0", "1"},
    "KenhThucHien": {"1", "2", "3"},
    "LoaiDoiTuong": {"1", "2", "3"},
    "HoSoCoThanhPhanSoHoa": {"0", "1"},
    "DuocSoHoa": {"0", "1"},
    "DuocLayTuKhoDMQG": {"0", "1"},
    "IsDeleted": {"True", "False"},
    "TrangThaiBoSung": {"0", "1"},
}
PATTERNS = {
    "MaDoiTuong": re.compile(r"^(\d{9}|\d{12})?$"),
    "SoLuong": re.compile(r"^\d+$"),
    "Gia": re.compile(r"^\d+$"),
    "Email": re.compile(r"^([^@\s]+@[^@\s]+)?$"),
    "MaHoSo": re.compile(r"^[0-9A-Z][0-9A-Z.\-]{5,59}$"),
}
DATE_RE = re.compile(r"^\d{14}$")


def valid_date(text: str) -> bool:
    if not DATE_RE.match(text):
        return False
    try:
        datetime.strptime(text, "%Y%m%d%H%M%S")
    except ValueError:
        return False
    return True


def check_item(kind: str, item: Any, idempotency_field: str = "") -> list[str]:
    """Every name known, every value a string in the right format (lists: known item fields)."""
    if not isinstance(item, dict):
        return [f"{kind}: mỗi phần tử phải là đối tượng"]
    allowed = DOSSIER_FIELDS if kind == "dossier" else PROGRESS_FIELDS
    extra = {idempotency_field} if idempotency_field else set()
    problems = []
    for name, value in item.items():
        if name not in allowed | extra:
            problems.append(f"trường không có trong danh mục: {name}")
        elif name in ITEM_FIELDS:
            if not isinstance(value, list):
                problems.append(f"{name} phải là danh sách")
                continue
            for sub in value:
                if not isinstance(sub, dict):
                    problems.append(f"{name}: phần tử phải là đối tượng")
                    continue
                for sub_name, sub_value in sub.items():
                    if sub_name not in ITEM_FIELDS[name]:
                        problems.append(f"{name}: trường không có trong danh mục: {sub_name}")
                    problems += _check_value(f"{name}.{sub_name}", sub_name, sub_value)
        else:
            problems += _check_value(name, name, value)
    for name in REQUIRED[kind]:
        if not item.get(name):
            problems.append(f"thiếu trường bắt buộc {name}")
    if kind == "dossier" and not problems and item["NgayHenTra"] < item["NgayTiepNhan"]:
        problems.append("NgayHenTra trước NgayTiepNhan")
    return problems


def _check_value(label: str, name: str, value: Any) -> list[str]:
    if not isinstance(value, str):
        return [f"{label} phải là chuỗi, nhận {type(value).__name__}"]
    if not unicodedata.is_normalized("NFC", value):
        return [f"{label} không ở dạng Unicode NFC"]
    if name in DATE_FIELDS and value and not valid_date(value):
        return [f"{label} sai định dạng yyyyMMddHHmmss: {value!r}"]
    if name in ENUMS and value not in ENUMS[name]:
        return [f"{label} ngoài danh mục: {value!r}"]
    pattern = PATTERNS.get(name)
    if pattern and not pattern.match(value):
        return [f"{label} sai định dạng: {value!r}"]
    return []
