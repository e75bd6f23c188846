"""From read models to the national portal's items (DongBoHoSoMC, CapNhatTienDoHoSoMC).

The portal's rules (DOMAIN.md): every value is a string, "" stands for null, dates are
`yyyyMMddHHmmss` in Asia/Ho_Chi_Minh. Items are built with the national field names, then the
province's configuration renames, drops or adds fields: a variant is data, not code.
"""

from __future__ import annotations

import zoneinfo
from datetime import datetime
from typing import Any

from counter_app.text import nfc
from sync.adapter_config import AdapterConfig
from sync.jobs import AttachmentInfo, ChangeInfo, DossierPacket


class Formats:
    """Dates and flags in the province's formats."""

    def __init__(self, config: AdapterConfig) -> None:
        self.config = config
        self.tz = zoneinfo.ZoneInfo(config.format.timezone)
        self.pattern = config.format.datetime_format

    def when(self, moment: datetime | None) -> str:
        return moment.astimezone(self.tz).strftime(self.pattern) if moment else ""

    def parse_when(self, text: str) -> datetime | None:
        try:
            return datetime.strptime(text.strip(), self.pattern).replace(tzinfo=self.tz)
        except ValueError:
            return None

    def flag(self, value: bool) -> str:
        return self.config.format.true_value if value else self.config.format.false_value

    def status(self, status: int) -> str:
        return self.config.codes.status_out.get(str(status), str(status))


def text(value: object) -> str:
    return "" if value is None else nfc(str(value))


def attachment_url(config: AdapterConfig, code: str, a: AttachmentInfo) -> str:
    """Where the province fetches a file: the upload's answer, or the configured template."""
    if a.upstream_url:
        return a.upstream_url
    if config.attachments.mode == "url" and config.attachments.url_template:
        return config.attachments.url_template.format(
            code=code, sha256=a.sha256, id=a.id, kind=a.kind
        )
    return ""


def known_upstream(config: AdapterConfig, a: AttachmentInfo) -> bool:
    """Whether the province can reach this file (a link, or an upload it acknowledged)."""
    mode = config.attachments.mode
    return (mode == "url" and bool(config.attachments.url_template)) or bool(a.upstream_id)


def dossier_item(p: DossierPacket, config: AdapterConfig, f: Formats) -> dict[str, Any]:
    v = p.view
    codes = config.codes
    files = [a for a in p.attachments if known_upstream(config, a)]
    components = [a for a in files if a.kind != "result"]
    results = [a for a in files if a.kind == "result" and not a.deleted]
    digitized = any(not a.deleted for a in components)
    other = f"Người nộp thay: {v.submitter_name}" if v.submitter_name else ""
    if other and v.submitter_relation:
        other += f" ({v.submitter_relation})"
    item: dict[str, Any] = {
        "MaHoSo": v.code,
        "MaTTHC": v.procedure_code,
        "TenTTHC": v.procedure_name,
        "MaLinhVuc": p.field_code,
        "TenLinhVuc": v.field,
        "SoBienNhan": v.code,
        "ChuHoSo": v.holder_name,
        "LoaiDoiTuong": codes.applicant_type.get(p.applicant_type, "1"),
        "MaDoiTuong": v.holder_id_number,
        "ThongTinKhac": other,
        "Email": v.holder_email,
        "Fax": "",
        "SoDienThoai": v.holder_phone,
        "TrichYeuHoSo": v.notes or v.procedure_name,
        "NgayTiepNhan": f.when(v.received_at),
        "NgayHenTra": f.when(v.appointment_at),
        "TrangThaiHoSo": f.status(int(v.status)),
        "NgayTra": f.when(v.returned_at),
        "ThongTinTra": f"Đã trả kết quả cho {v.receiver_name}" if v.returned_at else "",
        "HinhThuc": v.return_method,
        "NgayKetThucXuLy": f.when(v.ended_at),
        "DonViXuLy": p.lead_agency or p.office_name,
        "GhiChu": v.notes,
        "KenhThucHien": v.channel,
        "HoSoCoThanhPhanSoHoa": "1" if digitized else "0",
        "TaiLieuNop": [
            _mapped(
                "document",
                {
                    "TepDinhKemId": a.upstream_id or a.id,
                    "TenTepDinhKem": a.title or a.component_name,
                    "IsDeleted": f.flag(a.deleted),
                    "MaThanhPhanHoSo": a.component_code,
                    "DuongDanTaiTepTin": attachment_url(config, v.code, a),
                    "DuocSoHoa": "1",
                    "DuocLayTuKhoDMQG": "0",
                },
                config,
            )
            for a in components
        ],
        "DanhSachLePhi": [
            _mapped(
                "fee",
                {
                    "TenPhiLePhi": fee.name,
                    "MaPhiLePhi": fee.code,
                    "HinhThucThu": codes.payment_method.get(fee.payment_method, "1"),
                    "Gia": fee.amount_vnd,
                    "LoaiPhiLePhi": codes.fee_type,
                },
                config,
            )
            for fee in v.fees
        ],
        "DanhSachTepDinhKemKhac": [
            _mapped(
                "paper",
                {
                    "TenGiayTo": c.name,
                    "SoLuong": c.count,
                    "LoaiGiayTo": codes.copy_type.get(c.copy_type.value, ""),
                },
                config,
            )
            for c in v.components
        ],
        "DanhSachHoSoBoSung": [
            _mapped(
                "supplement",
                {
                    "HoSoBoSungId": s.id,
                    "NguoiYeuCauBoSung": "",
                    "NoiDungBoSung": s.reason,
                    "NgayBoSung": f.when(s.requested_at),
                    "NguoiTiepNhanBoSung": "",
                    "ThongTinTiepNhan": "",
                    "NgayTiepNhanBoSung": f.when(s.received_at),
                    "TrangThaiBoSung": "1" if s.received_at else "0",
                },
                config,
            )
            for s in v.supplements
        ],
        "DanhSachGiayToKetQua": [
            _mapped(
                "result",
                {
                    "TenGiayTo": a.title or a.component_name,
                    "MaThanhPhanHoSo": a.component_code,
                    "GiayToId": a.upstream_id or a.id,
                    "DuongDanTepTinKetQua": attachment_url(config, v.code, a),
                },
                config,
            )
            for a in results
        ],
    }
    return _mapped("dossier", item, config)


def progress_item(
    p: DossierPacket, change: ChangeInfo, config: AdapterConfig, f: Formats
) -> dict[str, Any]:
    v = p.view
    item = {
        "MaHoSo": v.code,
        "NguoiXuLy": change.user_name,
        "ChucDanh": change.user_title,
        "ThoiDiemXuLy": f.when(change.at),
        "PhongBanXuLy": p.office_name,
        "NoiDungXuLy": change.reason,
        "TrangThai": f.status(change.to_status),
        "NgayBatDau": f.when(v.clock_start_at),
        "NgayKetThucTheoQuyDinh": f.when(v.appointment_at),
    }
    return _mapped("progress", item, config)


def _mapped(kind: str, item: dict[str, Any], config: AdapterConfig) -> dict[str, Any]:
    """Strings everywhere (lists stay lists), then the province's renames and constants."""
    rename = config.rename.get(kind, {})
    out: dict[str, Any] = {}
    for name, value in item.items():
        target = rename.get(name, name)
        if not target:
            continue  # the province does not take this field
        out[target] = value if isinstance(value, list) else text(value)
    for name, value in config.constants.get(kind, {}).items():
        out[name] = text(value)
    return out
