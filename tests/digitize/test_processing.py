"""Clean-up of scanned pages: deskew, crop to the sheet, blank pages, red stamps, resolution."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw

from counter_app.digitize import processing
from counter_app.digitize.profiles import profile
from tests.digitize import documents


@pytest.mark.parametrize("angle", [2.0, -3.0, 1.2])
def test_deskew_straightens_a_tilted_page(angle: float) -> None:
    raw = documents.text_page(200, skew=angle)
    assert abs(processing.estimate_skew(raw, 200) + angle) < 0.3
    page = processing.prepare(raw, profile("text"), "x.png", 200)
    assert abs(processing.estimate_skew(page.image, 200)) < 0.3
    assert page.image.size == raw.size  # 100 % scale: the sheet keeps its size


def test_a_straight_page_is_left_alone() -> None:
    raw = documents.text_page(200)
    page = processing.prepare(raw, profile("text"), "x.png", 200)
    assert page.skew == 0.0
    assert np.array_equal(np.asarray(page.image), np.asarray(raw))


def test_blank_pages_are_flagged_even_with_specks_but_text_is_not() -> None:
    blank = Image.new("L", (1654, 2339), 235)
    draw = ImageDraw.Draw(blank)
    for x, y in [(300, 400), (900, 1500), (1200, 200)]:  # dust
        draw.point((x, y), fill=0)
    draw.rectangle((0, 0, 1653, 20), fill=60)  # the scanner's shadow at the edge
    assert processing.prepare(blank, profile("grey"), "b", 200).blank
    assert not processing.prepare(documents.text_page(200), profile("grey"), "t", 200).blank
    one_line = Image.new("L", (1654, 2339), 240)
    ImageDraw.Draw(one_line).text((200, 300), documents.LINE, fill=0, font=documents.font(30))
    assert not processing.prepare(one_line, profile("grey"), "o", 200).blank
    black = Image.new("L", (1654, 2339), 0)  # a dark card is not a blank page
    assert not processing.prepare(black, profile("grey"), "k", 200).blank


def test_crop_removes_a_dark_scanner_background() -> None:
    sheet = documents.text_page(200)
    framed = documents.on_dark_background(sheet, border=150)
    page = processing.prepare(framed, profile("grey"), "adf", 200)
    w, h = page.image.size
    assert abs(w - sheet.width) <= 8 and abs(h - sheet.height) <= 8
    assert page.size_mm == pytest.approx((210, 297), abs=1.5)


def test_red_stamp_keeps_colour_in_the_text_profile() -> None:
    page = processing.prepare(documents.stamped_page(200), profile("text"), "s", 200)
    assert page.stamp and page.image.mode == "RGB"
    plain = processing.prepare(documents.text_page(200).convert("RGB"), profile("text"), "t", 200)
    assert not plain.stamp and plain.image.mode == "L"


def test_resolution_is_brought_to_the_profile_and_low_resolution_is_flagged() -> None:
    hi = processing.prepare(documents.text_page(600, lines=5), profile("grey"), "600", 600)
    assert hi.dpi == 200 and hi.size_mm == pytest.approx((210, 297), abs=1.0)
    lo = processing.prepare(documents.text_page(150, lines=5), profile("grey"), "150", 150)
    assert lo.low_dpi and lo.dpi == 150


def test_any_image_mode_is_accepted() -> None:
    for mode in ("1", "P", "RGBA", "CMYK", "I;16", "LA"):
        image = Image.new(mode, (850, 1100))
        page = processing.prepare(image, profile("grey"), mode, 100)
        assert page.image.mode in ("L", "RGB")


def test_missing_resolution_is_guessed_as_a4() -> None:
    image = Image.new("L", (1240, 1754), 255)  # an A4 phone photo at 150 dpi, no dpi tag
    assert processing.guess_dpi(image) == pytest.approx(150, abs=1)
