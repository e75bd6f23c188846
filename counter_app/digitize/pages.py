"""Pages of one component while the clerk works on them, and the operations on the list.

A `Page` holds the cleaned image (greyscale, or colour where colour matters) at its final
resolution; `PageDeck` is the ordered list the screen shows: move, rotate, delete, insert,
replace. Blank pages are flagged for the clerk and never dropped by the program.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from PIL import Image

from counter_app.digitize.profiles import Encoding
from counter_app.errors import ValidationError

_ids = itertools.count(1)


@dataclass(frozen=True)
class Page:
    image: Image.Image  # mode "L" or "RGB", already deskewed and cropped
    dpi: int
    source: str  # file name and page number, or the scanner, for the clerk
    blank: bool = False  # looks empty: the clerk decides whether to keep it
    stamp: bool = False  # a red stamp was seen: kept in colour in a black-and-white profile
    low_dpi: bool = False  # the source had less than 200 dpi: shown as a warning
    skew: float = 0.0  # degrees corrected by deskew
    encoding: Encoding = Encoding.GREY  # how the PDF stores it (from the profile it came with)
    quality: int = 70  # JPEG quality when stored as JPEG
    id: int = field(default_factory=lambda: next(_ids))

    @property
    def size_mm(self) -> tuple[float, float]:
        w, h = self.image.size
        return (w * 25.4 / self.dpi, h * 25.4 / self.dpi)

    def rotated(self, quarter_turns: int) -> Page:
        """Rotated clockwise by 90° steps: lossless (a transpose), keeps the page's identity."""
        turns = quarter_turns % 4
        if turns == 0:
            return self
        op = {
            1: Image.Transpose.ROTATE_270,  # PIL's ROTATE_* turn counter-clockwise
            2: Image.Transpose.ROTATE_180,
            3: Image.Transpose.ROTATE_90,
        }[turns]
        return replace(self, image=self.image.transpose(op), id=self.id)

    def thumbnail(self, longest: int = 180) -> Image.Image:
        thumb = self.image.copy()
        thumb.thumbnail((longest, longest), Image.Resampling.BILINEAR)
        return thumb.convert("RGB")

    def warnings(self) -> list[str]:
        out = []
        if self.blank:
            out.append("Trang có vẻ trắng: kiểm tra trước khi lưu")
        if self.low_dpi:
            out.append("Độ phân giải thấp (dưới 200 dpi)")
        if self.stamp:
            out.append("Có con dấu đỏ: giữ màu")
        return out


class PageDeck:
    """The ordered pages of one component (the screen's thumbnails)."""

    def __init__(self, pages: Iterable[Page] = ()) -> None:
        self._pages: list[Page] = list(pages)

    def __len__(self) -> int:
        return len(self._pages)

    def __iter__(self) -> Iterator[Page]:
        return iter(self._pages)

    def __getitem__(self, index: int) -> Page:
        return self._pages[self._check(index)]

    @property
    def pages(self) -> list[Page]:
        return list(self._pages)

    def index_of(self, page_id: int) -> int:
        for i, page in enumerate(self._pages):
            if page.id == page_id:
                return i
        raise ValidationError("E_PAGE_UNKNOWN", "Trang này không còn trong danh sách.")

    def _check(self, index: int) -> int:
        if not 0 <= index < len(self._pages):
            raise ValidationError("E_PAGE_UNKNOWN", f"Không có trang số {index + 1}.")
        return index

    def append(self, pages: Iterable[Page]) -> None:
        self._pages.extend(pages)

    def insert(self, index: int, pages: Iterable[Page]) -> None:
        """Insert before `index` (len(deck) appends)."""
        if not 0 <= index <= len(self._pages):
            raise ValidationError("E_PAGE_UNKNOWN", f"Không chèn được vào vị trí {index + 1}.")
        self._pages[index:index] = list(pages)

    def replace(self, index: int, pages: Iterable[Page]) -> None:
        """A page re-scanned or re-imported: the new page(s) take its place."""
        new = list(pages)
        if not new:
            raise ValidationError("E_PAGE_NONE", "Không có trang mới để thay thế.")
        self._pages[self._check(index) : index + 1] = new

    def delete(self, index: int) -> Page:
        return self._pages.pop(self._check(index))

    def move(self, source: int, target: int) -> None:
        """Drag a page from `source` so that it ends up at position `target`."""
        page = self._pages.pop(self._check(source))
        self._pages.insert(max(0, min(target, len(self._pages))), page)

    def reorder(self, page_ids: list[int]) -> None:
        """The order the screen shows after a drag (the same pages, rearranged)."""
        by_id = {p.id: p for p in self._pages}
        if sorted(page_ids) != sorted(by_id):
            raise ValidationError("E_PAGE_UNKNOWN", "Thứ tự trang không khớp danh sách trang.")
        self._pages = [by_id[i] for i in page_ids]

    def rotate(self, index: int, quarter_turns: int = 1) -> None:
        self._pages[self._check(index)] = self._pages[index].rotated(quarter_turns)

    def set_blank(self, index: int, blank: bool) -> None:
        """The clerk's verdict on a page the program flagged (or did not)."""
        self._pages[self._check(index)] = replace(self._pages[index], blank=blank)

    def blank_pages(self) -> list[int]:
        return [i for i, p in enumerate(self._pages) if p.blank]
