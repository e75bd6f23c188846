"""WIA 2.0 scanners on Windows (the scanner dialog-free automation API), through comtypes.

Only imported on Windows (`scanners.backend_for`). Not exercised by the Linux test suite: the
property ids below are WIA's documented constants, and each page comes back as a BMP file the
common pipeline then cleans like any other scan.
"""

from __future__ import annotations

import io
import sys
import threading
from typing import Any

from PIL import Image

from counter_app.digitize.profiles import ScanProfile
from counter_app.digitize.scanners import (
    Progress,
    RawScan,
    ScannerDevice,
    ScannerError,
    cancelled,
)

WIA_FORMAT_BMP = "{B96B3CAB-0728-11D3-9D7B-0000F81EF32E}"
SCANNER_DEVICE_TYPE = 1
# Device properties
DOCUMENT_HANDLING_SELECT = 3088  # 1 feeder, 2 flatbed, 4 duplex
DOCUMENT_HANDLING_STATUS = 3087  # bit 1: feeder ready
PAGES = 3096
# Item properties
CURRENT_INTENT = 6146  # 1 colour, 2 greyscale, 4 text
HORIZONTAL_RESOLUTION = 6147
VERTICAL_RESOLUTION = 6148
FEEDER, FLATBED, DUPLEX = 1, 2, 4
WIA_ERROR_PAPER_EMPTY = -2145320957  # 0x80210003


class WiaScanner:
    name = "wia"

    def available(self) -> bool:
        if sys.platform != "win32":
            return False
        try:
            import comtypes.client  # noqa: F401
        except ImportError:
            return False
        return True

    def _manager(self) -> Any:
        import comtypes.client

        return comtypes.client.CreateObject("WIA.DeviceManager")

    def devices(self) -> list[ScannerDevice]:
        if not self.available():
            return []
        found = []
        for info in self._manager().DeviceInfos:
            if info.Type == SCANNER_DEVICE_TYPE:
                name = info.Properties("Name").Value
                found.append(ScannerDevice("wia", str(info.DeviceID), str(name)))
        return found

    def scan(
        self,
        device: str,
        profile: ScanProfile,
        *,
        cancel: threading.Event | None = None,
        progress: Progress | None = None,
    ) -> list[RawScan]:
        if not self.available():
            raise ScannerError("E_SCANNER_MISSING", "WIA chỉ có trên Windows.")
        info = next((d for d in self._manager().DeviceInfos if d.DeviceID == device), None)
        if info is None:
            raise ScannerError("E_SCANNER_MISSING", f"Không thấy máy quét {device!r}.")
        dev = info.Connect()
        handling = DUPLEX | FEEDER if profile.duplex else FEEDER if profile.feeder else FLATBED
        _set(dev.Properties, DOCUMENT_HANDLING_SELECT, handling)
        if profile.feeder or profile.duplex:
            _set(dev.Properties, PAGES, 0)  # 0: as many as the feeder holds
        item = dev.Items(1)
        _set(item.Properties, CURRENT_INTENT, 1 if profile.scan_mode == "Color" else 2)
        _set(item.Properties, HORIZONTAL_RESOLUTION, profile.dpi)
        _set(item.Properties, VERTICAL_RESOLUTION, profile.dpi)
        scans: list[RawScan] = []
        while True:
            if cancel is not None and cancel.is_set():
                raise cancelled()
            try:
                picture = item.Transfer(WIA_FORMAT_BMP)
            except Exception as exc:  # COMError: the feeder ran out, or a real failure
                if getattr(exc, "hresult", None) == WIA_ERROR_PAPER_EMPTY and (
                    scans or not (profile.feeder or profile.duplex)
                ):
                    break
                if getattr(exc, "hresult", None) == WIA_ERROR_PAPER_EMPTY:
                    raise ScannerError("E_SCANNER_EMPTY", "Khay nạp giấy đang trống.") from exc
                raise ScannerError("E_SCANNER_FAILED", f"Máy quét báo lỗi: {exc}") from exc
            data = bytes(picture.FileData.BinaryData)
            with Image.open(io.BytesIO(data)) as image:
                image.load()
                scans.append(RawScan(image.copy(), float(profile.dpi)))
            if progress:
                progress(len(scans), 0)
            if not (profile.feeder or profile.duplex):
                break
        return scans


def _set(properties: Any, prop_id: int, value: int) -> None:
    for prop in properties:
        if prop.PropertyID == prop_id:
            prop.Value = value
            return
