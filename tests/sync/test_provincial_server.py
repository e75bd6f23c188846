"""The test province is strict: a wrong name, type, format or form of Unicode is refused and
recorded, so "no problems" in the other tests means something."""

from __future__ import annotations

import unicodedata
from typing import Any

import httpx
import pytest

from tests.sync.provincial_server import ProvincialServer, ServerConfig

GOOD = {
    "MaHoSo": "000.00.01.H22-261123-0001",
    "MaTTHC": "1.001193",
    "TenTTHC": "Thủ tục đăng ký khai sinh",
    "ChuHoSo": "Nguyễn Văn An",
    "LoaiDoiTuong": "1",
    "MaDoiTuong": "001090012345",
    "NgayTiepNhan": "20261123090000",
    "NgayHenTra": "20261124090000",
    "TrangThaiHoSo": "2",
    "HinhThuc": "0",
    "DonViXuLy": "UBND xã Thử Nghiệm",
    "TaiLieuNop": [],
}


def _post(server: ProvincialServer, item: dict[str, Any]) -> dict[str, Any]:
    cfg = ServerConfig()
    headers = {"dstcode": cfg.dstcode}
    with httpx.Client(base_url=server.url) as client:
        login = client.post(
            cfg.auth_path, json={"username": cfg.username, "password": cfg.password},
            headers=headers,
        ).json()  # fmt: skip
        body = {
            "session": login["session"], "madonvi": "000.00.01.H22", "service": "DongBoHoSoMC",
            "isUpdating": "False", "data": [item],
        }  # fmt: skip
        return dict(client.post(cfg.integration_path, json=body, headers=headers).json())


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        ({"SoHoSo": "1"}, "trường không có trong danh mục: SoHoSo"),
        ({"TrangThaiHoSo": 2}, "TrangThaiHoSo phải là chuỗi"),
        ({"NgayHenTra": "2026-11-24 09:00"}, "NgayHenTra sai định dạng yyyyMMddHHmmss"),
        ({"NgayHenTra": "20261131090000"}, "NgayHenTra sai định dạng yyyyMMddHHmmss"),
        ({"ChuHoSo": unicodedata.normalize("NFD", "Nguyễn Văn An")}, "không ở dạng Unicode NFC"),
        ({"HinhThuc": "2"}, "HinhThuc ngoài danh mục"),
        ({"MaDoiTuong": "0010900"}, "MaDoiTuong sai định dạng"),
        ({"ChuHoSo": ""}, "thiếu trường bắt buộc ChuHoSo"),
        ({"TaiLieuNop": [{"TepDinhKemId": "1", "DuongDan": "x"}]}, "TaiLieuNop: trường không có"),
        ({"NgayHenTra": "20261122090000"}, "NgayHenTra trước NgayTiepNhan"),
    ],
)
def test_a_wrong_field_is_refused_and_recorded(
    server: ProvincialServer, change: dict[str, Any], problem: str
) -> None:
    answer = _post(server, {**GOOD, **change})
    assert answer["error_code"] == "E_DINH_DANG" and problem in answer["message"]
    state = server.snapshot()
    assert state["case_count"] == 0 and problem in state["problems"][0]


def test_a_correct_case_is_accepted_and_a_resend_is_an_update(server: ProvincialServer) -> None:
    assert _post(server, GOOD)["error_code"] == 0
    assert _post(server, {**GOOD, "TrangThaiHoSo": "4"})["error_code"] == 0
    state = server.snapshot()
    assert state["case_count"] == 1 and state["case_posts"] == {GOOD["MaHoSo"]: 2}
    assert state["cases"][GOOD["MaHoSo"]]["TrangThaiHoSo"] == "4" and state["problems"] == []
