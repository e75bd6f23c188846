"""The layout engine and the font: wrapping never overflows, tables continue, the font has
every Vietnamese letter, lines are tall enough for stacked marks, the overlap check works."""

from __future__ import annotations

import io
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import ImageFont
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from printing import fonts, sheets, tables
from printing.fonts import BOLD, ITALIC, REGULAR
from printing.layout import ASCENT, DESCENT, Flow, LineOp, Style, TextOp, wrap
from tests.printing import pdfcheck

VIETNAMESE = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
TONES = ["", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"]


def every_letter() -> str:
    letters = [
        unicodedata.normalize("NFC", base + tone)
        for base in VIETNAMESE + VIETNAMESE.upper()
        for tone in TONES
    ]
    return "".join(ch for ch in letters if len(ch) == 1)


def test_the_bundled_font_has_every_vietnamese_letter_and_its_licence() -> None:
    text = every_letter() + "–…“”"
    assert len(every_letter()) > 200
    for face in (REGULAR, BOLD, ITALIC):
        assert fonts.missing_glyphs(text, face) == set()
    assert "Bitstream Vera" in (fonts.FONT_DIR / "LICENSE-DejaVu.txt").read_text()


def test_lines_are_tall_enough_for_stacked_marks() -> None:
    """A capital with two marks (Ẳ) must not reach into the line above, nor a descender below."""
    for face in (REGULAR, BOLD, ITALIC):
        font = ImageFont.truetype(str(fonts.font_path(face)), 1000)
        for ch in every_letter() + "gjpqy":
            _, top, _, bottom = font.getbbox(ch, anchor="ls")
            assert -top <= ASCENT * 1000 and bottom <= DESCENT * 1000, ch
    assert ASCENT + DESCENT <= 1.4  # the leading every style uses


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from(list(every_letter() + " .,-/()0123456789")), max_size=400
    ),
    width=st.floats(min_value=20, max_value=400),
)
def test_wrapped_lines_fit_and_keep_every_letter(text: str, width: float) -> None:
    fonts.register()
    lines = wrap([(text, REGULAR), (" " + text.upper(), BOLD)], 9, width)
    for line in lines:
        assert line.width <= width + 0.01
        for frag in line.frags:
            assert stringWidth(frag.text, frag.font, 9) <= width + 0.01
    joined = "".join(f.text for line in lines for f in line.frags)
    assert "".join(joined.split()) == "".join((text + text.upper()).split())


def test_a_word_longer_than_the_line_is_cut_not_lost() -> None:
    fonts.register()
    word = "Nghiêng" * 30
    lines = wrap([(word, REGULAR)], 10, 100)
    assert len(lines) > 5
    assert "".join(f.text for line in lines for f in line.frags) == word


def test_a_table_repeats_its_header_and_splits_a_row_taller_than_a_page() -> None:
    fonts.register()
    flow = Flow(300, 200, (10, 10, 10, 10))
    style = Style(9, 12.6)
    long_cell = [("dòng " * 400, REGULAR)]
    rows = [[[("1", REGULAR)], [("ngắn", REGULAR)]], [[("2", REGULAR)], long_cell]]
    tables.table(
        flow,
        [tables.Column("TT", 1), tables.Column("Nội dung", 5)],
        rows,
        style,
        Style(9, 12.6, BOLD),
    )
    assert len(flow.pages) > 3
    for ops in flow.pages:
        heads = [op for op in ops if isinstance(op, TextOp) and op.text == "Nội dung"]
        assert len(heads) == 1  # every page starts with the header
        assert all(op.box()[3] <= flow.bottom + 0.01 for op in ops if isinstance(op, TextOp))
    words = sum(
        op.text.split().count("dòng") for ops in flow.pages for op in ops if isinstance(op, TextOp)
    )
    assert words == 400  # nothing lost at the page breaks


def test_the_overlap_check_finds_text_printed_over_text() -> None:
    fonts.register()

    def page(clash: bool) -> bytes:
        buf = io.BytesIO()
        c = Canvas(buf)
        c.setFont(REGULAR, 10)
        c.drawString(100, 700, "Tiếp nhận hồ sơ của: Nguyễn Thị Ánh Tuyết")
        c.drawString(100, 686, "Địa chỉ: Thôn Đông, xã Thử Nghiệm")  # the next line: no clash
        if clash:
            c.drawString(130, 689, "Trần Thị Bình")  # printed over the address
        c.save()
        return buf.getvalue()

    assert pdfcheck.overlapping(pdfcheck.glyphs(page(False), 0)) == []
    assert len(pdfcheck.overlapping(pdfcheck.glyphs(page(True), 0))) >= 5


def test_reprint_stamp_and_page_numbers_stay_in_the_margins() -> None:
    fonts.register()
    flow = Flow(400, 300, (30, 40, 30, 30))
    for _ in range(40):
        flow.text([("Một dòng nội dung khá dài để lấp đầy trang giấy", REGULAR)], Style(9, 12.6))
    content = [[op.box() for op in ops] for ops in flow.pages]
    sheets.decorate(flow, reprint=True, running="Mẫu 01 – Mã hồ sơ 000.00.01.H22-261123-0001")
    assert len(flow.pages) > 1
    for ops, boxes in zip(flow.pages, content, strict=True):
        extra = ops[len(boxes) :]
        assert any(isinstance(op, TextOp) and op.text == sheets.REPRINT for op in extra)
        assert any(isinstance(op, LineOp) for op in extra)
        for op in extra:
            x0, y0, x1, y1 = op.box()
            assert y1 <= flow.top + 0.01 or y0 >= flow.bottom - 0.01  # outside the text area
            assert x0 >= 0 and x1 <= flow.frame_width
