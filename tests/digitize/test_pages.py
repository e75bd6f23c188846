"""Page operations the clerk uses on the thumbnails: reorder, rotate, delete, insert, replace."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from counter_app.digitize.pages import Page, PageDeck
from counter_app.errors import ValidationError


def page(tag: int, size: tuple[int, int] = (40, 60)) -> Page:
    image = Image.new("L", size, 255)
    image.putpixel((0, 0), tag)  # a mark in the top-left corner tells pages (and turns) apart
    return Page(image=image, dpi=300, source=f"p{tag}")


def tags(deck: PageDeck) -> list[str]:
    return [p.source for p in deck]


def test_move_reorder_delete_insert_replace() -> None:
    deck = PageDeck([page(1), page(2), page(3), page(4)])
    deck.move(0, 2)
    assert tags(deck) == ["p2", "p3", "p1", "p4"]
    deck.reorder([deck[3].id, deck[2].id, deck[1].id, deck[0].id])
    assert tags(deck) == ["p4", "p1", "p3", "p2"]
    removed = deck.delete(1)
    assert removed.source == "p1" and tags(deck) == ["p4", "p3", "p2"]
    deck.insert(1, [page(7), page(8)])
    assert tags(deck) == ["p4", "p7", "p8", "p3", "p2"]
    deck.insert(len(deck), [page(9)])
    assert tags(deck)[-1] == "p9"
    deck.replace(0, [page(5)])
    assert tags(deck) == ["p5", "p7", "p8", "p3", "p2", "p9"]


def test_bad_positions_are_refused_with_a_code() -> None:
    deck = PageDeck([page(1)])
    for action in (lambda: deck.delete(3), lambda: deck.rotate(-1), lambda: deck.insert(5, [])):
        with pytest.raises(ValidationError) as err:
            action()
        assert err.value.code == "E_PAGE_UNKNOWN"
    with pytest.raises(ValidationError):
        deck.reorder([12345])
    with pytest.raises(ValidationError) as err:
        deck.replace(0, [])
    assert err.value.code == "E_PAGE_NONE"
    assert tags(deck) == ["p1"]


def test_rotation_is_clockwise_lossless_and_keeps_identity() -> None:
    deck = PageDeck([page(10, (40, 60))])
    original = np.asarray(deck[0].image).copy()
    first_id = deck[0].id
    deck.rotate(0, 1)
    turned = deck[0].image
    assert turned.size == (60, 40)
    # Clockwise: the top-left corner moves to the top-right.
    assert turned.getpixel((59, 0)) == 10 and turned.getpixel((0, 0)) == 255
    assert deck[0].id == first_id
    deck.rotate(0, 3)
    assert np.array_equal(np.asarray(deck[0].image), original)
    deck.rotate(0, 2)
    assert deck[0].image.getpixel((39, 59)) == 10


def test_blank_flag_is_the_clerks_call_and_pages_are_never_dropped() -> None:
    deck = PageDeck([page(1), Page(Image.new("L", (40, 60), 255), 300, "blank", blank=True)])
    assert deck.blank_pages() == [1]
    assert "trắng" in deck[1].warnings()[0]
    deck.set_blank(1, False)
    assert deck.blank_pages() == [] and len(deck) == 2


def test_thumbnail_is_small_rgb_and_keeps_aspect() -> None:
    p = Page(Image.new("L", (2480, 3508), 200), 300, "a4")
    thumb = p.thumbnail(180)
    assert thumb.mode == "RGB" and max(thumb.size) == 180 and thumb.size[0] < thumb.size[1]
    assert p.size_mm == pytest.approx((210, 297), abs=0.5)
