"""Page clean-up: resolution, crop to the paper, deskew, red-stamp and blank-page detection.

Everything works on a small copy (≈ 50–100 dpi) to decide and touches the full image once,
so a 300 dpi A4 page stays well under the 300 ms budget (bench/bench_digitize.py).
"""

from __future__ import annotations

import math

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageOps

from counter_app.digitize.pages import Page
from counter_app.digitize.profiles import MIN_DPI, Encoding, ScanProfile

A4_LONG_INCH = 297 / 25.4
Grey = npt.NDArray[np.uint8]


def guess_dpi(image: Image.Image) -> float:
    """A file without a resolution (a phone photo, a screenshot) is taken as an A4 page."""
    dpi = image.info.get("dpi")
    if isinstance(dpi, tuple) and dpi and float(dpi[0]) >= 50:
        return float(dpi[0])
    return max(image.size) / A4_LONG_INCH


def normalize_mode(image: Image.Image) -> Image.Image:
    """Any Pillow mode → "L" or "RGB"; transparency flattened on white; EXIF turn applied."""
    image = ImageOps.exif_transpose(image) or image
    if image.mode in ("L", "RGB"):
        return image
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    if image.mode in ("1", "I;16", "I;16B", "I;16L", "I", "F"):
        if image.mode.startswith("I;16") or image.mode in ("I", "F"):
            arr = np.asarray(image, dtype=np.float64)
            top = float(arr.max()) or 1.0
            return Image.fromarray((arr * (255.0 / top)).astype(np.uint8), "L")
        return image.convert("L")
    return image.convert("RGB")  # P, CMYK, YCbCr, LAB, HSV


def small_grey(image: Image.Image, dpi: float, target_dpi: float = 75) -> Grey:
    """A small greyscale copy to decide on (integer box reduction: fast and averaging)."""
    grey = image.convert("L") if image.mode != "L" else image
    factor = int(dpi // target_dpi)
    if factor >= 2:
        grey = grey.reduce(factor)
    return np.asarray(grey, dtype=np.uint8)


def otsu(histogram: list[int] | npt.NDArray[np.int64]) -> int:
    """Otsu's threshold: the grey level that best splits ink from paper."""
    hist = np.asarray(histogram, dtype=np.float64)[:256]
    total = hist.sum()
    if total == 0:
        return 128
    levels = np.arange(256, dtype=np.float64)
    weight_bg = np.cumsum(hist)
    weight_fg = total - weight_bg
    mean_cum = np.cumsum(hist * levels)
    mean_all = mean_cum[-1]
    with np.errstate(divide="ignore", invalid="ignore"):
        between = (mean_all * weight_bg - total * mean_cum) ** 2 / (weight_bg * weight_fg)
    between = np.nan_to_num(between, nan=0.0, posinf=0.0)
    return int(np.argmax(between))


def ink_threshold(grey: Grey | Image.Image) -> int:
    """Otsu, kept within sane bounds so an empty or a dark page does not turn into noise."""
    if isinstance(grey, Image.Image):
        hist: list[int] | npt.NDArray[np.int64] = grey.convert("L").histogram()
    else:
        hist = np.bincount(grey.ravel(), minlength=256)
    return min(200, max(90, otsu(hist)))


# -- red stamps -------------------------------------------------------------------------------


def has_red_stamp(image: Image.Image, dpi: float) -> bool:
    """Whether a page shows red ink (a seal, con dấu) worth keeping in colour."""
    if image.mode != "RGB":
        return False
    factor = int(dpi // 50)
    small = image.reduce(factor) if factor >= 2 else image
    rgb = np.asarray(small, dtype=np.int16)
    r, g, b = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    red = (r > 110) & (r - np.maximum(g, b) > 60)
    return bool(red.mean() > 0.0008 and int(red.sum()) >= 12)


# -- crop to the paper ------------------------------------------------------------------------


def paper_box(image: Image.Image, dpi: float) -> tuple[int, int, int, int] | None:
    """The sheet inside a darker scanner background (feeder scanners, an open lid), if any."""
    grey = small_grey(image, dpi, 50)
    h, w = grey.shape
    if h < 20 or w < 20:
        return None
    edge = max(1, min(h, w) // 50)
    border = np.concatenate(
        [grey[:edge].ravel(), grey[-edge:].ravel(), grey[:, :edge].ravel(), grey[:, -edge:].ravel()]
    )
    background = float(np.median(border))
    paper = float(np.percentile(grey, 90))
    if background > 150 or paper - background < 60:
        return None  # the sheet fills the scan, or there is no light sheet to find
    bright = grey > (background + paper) / 2
    rows = np.flatnonzero(bright.mean(axis=1) > 0.4)
    cols = np.flatnonzero(bright.mean(axis=0) > 0.4)
    if rows.size == 0 or cols.size == 0:
        return None
    top, bottom, left, right = rows[0], rows[-1] + 1, cols[0], cols[-1] + 1
    if (bottom - top) * (right - left) < 0.25 * h * w:
        return None  # too small to be the sheet: leave the scan alone
    sx, sy = image.width / w, image.height / h
    return (
        int(left * sx),
        int(top * sy),
        min(image.width, math.ceil(right * sx)),
        min(image.height, math.ceil(bottom * sy)),
    )


# -- deskew -----------------------------------------------------------------------------------


def estimate_skew(image: Image.Image, dpi: float, max_angle: float = 5.0) -> float:
    """Skew of the text lines in degrees (positive: lines fall to the right).

    Projection profiles: for each candidate angle the dark pixels are projected onto the
    vertical axis along that slope; straight text lines give the sharpest histogram.
    """
    grey = small_grey(image, dpi, 100)
    dark = grey < ink_threshold(grey)
    ys, xs = np.nonzero(dark)
    if ys.size < 200 or ys.size > 0.5 * dark.size:
        return 0.0  # nothing to measure, or a dark photo: leave it
    if ys.size > 60_000:
        pick = np.random.default_rng(0).choice(ys.size, 60_000, replace=False)
        ys, xs = ys[pick], xs[pick]
    yf, xf = ys.astype(np.float64), xs.astype(np.float64)

    def sharpness(angle: float) -> float:
        proj = np.round(yf - xf * math.tan(math.radians(angle))).astype(np.int64)
        hist = np.bincount(proj - proj.min())
        return float(np.dot(hist, hist))

    coarse = np.arange(-max_angle, max_angle + 1e-9, 0.5)
    best = max(coarse, key=sharpness)
    fine = np.arange(best - 0.5, best + 0.5 + 1e-9, 0.1)
    return round(float(max(fine, key=sharpness)), 2)


def rotate_fine(image: Image.Image, angle: float, *, smooth: bool = True) -> Image.Image:
    """Turn by a small angle, filling the corners with the paper's own tone (no light
    triangles in the corners); the page size is kept.

    `smooth=False` (nearest pixel, 5–7× faster) is for pages that become black-and-white
    anyway: at 300 dpi its one-pixel steps vanish in the thresholding.
    """
    small = image.reduce(8) if min(image.size) >= 64 else image
    tone = np.percentile(np.asarray(small).reshape(-1, len(image.getbands())), 90, axis=0)
    fill: int | tuple[int, ...] = int(tone[0]) if image.mode == "L" else tuple(int(v) for v in tone)
    method = Image.Resampling.BILINEAR if smooth else Image.Resampling.NEAREST
    return image.rotate(angle, resample=method, expand=False, fillcolor=fill)


# -- blank pages ------------------------------------------------------------------------------


def looks_blank(image: Image.Image, dpi: float) -> bool:
    """Almost no ink on light paper (margins ignored: scanner shadows, punch holes)."""
    grey = small_grey(image, dpi, 75)
    h, w = grey.shape
    my, mx = max(1, h // 25), max(1, w // 25)
    inner = grey[my : h - my, mx : w - mx] if h > 2 * my and w > 2 * mx else grey
    # The box reduction already averages dust and sensor noise away; ink strokes stay dark.
    paper = float(np.percentile(inner, 90))
    if paper < 120:
        return False  # a dark page (a photo, a black card) is not blank
    ink = inner < paper - 60
    return bool(ink.mean() < 0.0015)


# -- the whole clean-up -----------------------------------------------------------------------


def prepare(
    image: Image.Image, profile: ScanProfile, source: str, dpi: float | None = None
) -> Page:
    """A raw image from a file or a scanner → a clean page for `profile`."""
    image = normalize_mode(image)
    src_dpi = dpi or guess_dpi(image)
    low = src_dpi < MIN_DPI - 1
    stamp = (
        image.mode == "RGB"
        and profile.encoding is not Encoding.COLOUR
        and profile.keep_stamps
        and has_red_stamp(image, src_dpi)
    )
    keep_colour = image.mode == "RGB" and (profile.encoding is Encoding.COLOUR or stamp)
    if not keep_colour and image.mode != "L":
        image = image.convert("L")
    # A colour page inside a bilevel profile is stored at the minimum resolution: compact.
    target = MIN_DPI if stamp and profile.encoding is Encoding.BILEVEL else profile.dpi
    if src_dpi > target * 1.05:
        scale = target / src_dpi
        size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
        image = image.resize(
            size, Image.Resampling.LANCZOS if scale > 0.5 else Image.Resampling.BOX
        )
        src_dpi = target
    if profile.crop:
        box = paper_box(image, src_dpi)
        if box is not None:
            image = image.crop(box)
    skew = 0.0
    if profile.deskew:
        skew = estimate_skew(image, src_dpi)
        if abs(skew) >= 0.15:
            bilevel = profile.encoding is Encoding.BILEVEL and image.mode == "L"
            image = rotate_fine(image, skew, smooth=not bilevel)
        else:
            skew = 0.0
    return Page(
        image=image,
        dpi=round(src_dpi),
        source=source,
        blank=looks_blank(image, src_dpi),
        stamp=stamp,
        low_dpi=low,
        skew=skew,
        encoding=profile.encoding,
        quality=profile.jpeg_quality,
    )
