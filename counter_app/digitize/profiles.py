"""Scanner profiles: how a kind of paper is scanned and encoded.

`text` (văn bản): 300 dpi, bilevel CCITT G4, but a page with a red stamp keeps its colour.
`grey` (ảnh): 200 dpi greyscale JPEG, for photos and faint documents.
`colour` (màu, con dấu): 200 dpi colour JPEG, for certificates whose stamps must stay red.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

from counter_app.errors import ValidationError

MIN_DPI = 200  # the digitization practice: at least 200 dpi, 100 % scale


class Encoding(enum.StrEnum):
    BILEVEL = "bilevel"
    GREY = "grey"
    COLOUR = "colour"


@dataclass(frozen=True)
class ScanProfile:
    name: str
    label: str
    encoding: Encoding
    dpi: int
    jpeg_quality: int = 70
    keep_stamps: bool = True  # a page with a red stamp is kept in colour
    deskew: bool = True
    crop: bool = True
    duplex: bool = False
    feeder: bool = False

    @property
    def scan_mode(self) -> str:
        """SANE mode: colour whenever stamps must be seen, even for a bilevel result."""
        if self.encoding is Encoding.COLOUR or self.keep_stamps:
            return "Color"
        return "Gray"

    def with_options(
        self, *, dpi: int | None = None, duplex: bool | None = None, feeder: bool | None = None
    ) -> ScanProfile:
        if dpi is not None and dpi < MIN_DPI:
            raise ValidationError(
                "E_DPI_TOO_LOW", f"Độ phân giải tối thiểu khi số hoá là {MIN_DPI} dpi."
            )
        return replace(
            self,
            dpi=self.dpi if dpi is None else dpi,
            duplex=self.duplex if duplex is None else duplex,
            feeder=(self.feeder if feeder is None else feeder) or bool(duplex),
        )


PROFILES: dict[str, ScanProfile] = {
    "text": ScanProfile("text", "Văn bản (đen trắng, giữ màu con dấu)", Encoding.BILEVEL, 300),
    "grey": ScanProfile(
        "grey", "Ảnh / thang xám", Encoding.GREY, 200, jpeg_quality=60, keep_stamps=False
    ),
    "colour": ScanProfile("colour", "Màu (con dấu đỏ)", Encoding.COLOUR, 200, jpeg_quality=65),
}


def profile(name: str) -> ScanProfile:
    try:
        return PROFILES[name.strip().lower()]
    except KeyError:
        raise ValidationError(
            "E_PROFILE_UNKNOWN",
            f"Không có chế độ quét {name!r}. Chọn một trong: {', '.join(PROFILES)}.",
        ) from None
