"""Page clean-up: resolution, crop to the paper, deskew, red-stamp and blank-page detection.

Everything works on a small copy (≈ 50–100 dpi) to decide and touches the full image once,
so a 300 dpi A4 page stays well under the 300 ms budget (bench/bench_digitize.py).
"""

from __future__ import annotations

import math
import operator
from array import array
from collections.abc import Sequence

from PIL import Image, ImageChops, ImageOps

from counter_app.digitize.pages import Page
from counter_app.digitize.profiles import MIN_DPI, Encoding, ScanProfile

# Pillow only, no NumPy: NumPy and its OpenBLAS were a sixth of the installed bundle for the
# few array operations below, which histograms and box resizes do as well.

A4_LONG_INCH = 297 / 25.4


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
    if image.mode.startswith("I;16") or image.mode in ("I", "F"):
        # Deep greys (16-bit scans) are stretched so their brightest value becomes white:
        # Pillow's own conversion would clip everything above 255 to white.
        wide = image.convert("F")
        top = float(wide.getextrema()[1])  # type: ignore[arg-type]  # one band: (min, max)
        scale = 255.0 / top if top > 0 else 255.0
        return wide.point(lambda v: v * scale).convert("L")
    if image.mode == "1":
        return image.convert("L")
    return image.convert("RGB")  # P, CMYK, YCbCr, LAB, HSV


def small_grey(image: Image.Image, dpi: float, target_dpi: float = 75) -> Image.Image:
    """A small greyscale copy to decide on (integer box reduction: fast and averaging)."""
    grey = image.convert("L") if image.mode != "L" else image
    factor = int(dpi // target_dpi)
    return grey.reduce(factor) if factor >= 2 else grey


# -- statistics from a 256-level histogram ----------------------------------------------------


def _nth_level(hist: Sequence[int], k: int) -> int:
    """The k-th smallest value (from 0) of the pixels counted in `hist`."""
    seen = 0
    for level, count in enumerate(hist):
        seen += count
        if seen > k:
            return level
    return len(hist) - 1


def percentile(hist: Sequence[int], q: float) -> float:
    """NumPy's default percentile (linear between the two nearest ranks), from a histogram:
    the decisions below were tuned with it."""
    n = sum(hist)
    if n == 0:
        return 0.0
    pos = (n - 1) * (q / 100)
    k = math.floor(pos)
    a, b, t = _nth_level(hist, k), _nth_level(hist, min(k + 1, n - 1)), pos - k
    return a + (b - a) * t if t < 0.5 else b - (b - a) * (1 - t)


def count_below(hist: Sequence[int], level: float) -> int:
    """How many pixels are darker than `level` (which may fall between two grey levels)."""
    return sum(hist[: max(0, math.ceil(level))])


def otsu(histogram: Sequence[int]) -> int:
    """Otsu's threshold: the grey level that best splits ink from paper."""
    hist = histogram[:256]
    total = float(sum(hist))
    if total == 0:
        return 128
    mean_all = float(sum(level * count for level, count in enumerate(hist)))
    best, best_level = -1.0, 0
    weight_bg = mean_cum = 0.0
    for level, count in enumerate(hist):
        weight_bg += count
        mean_cum += level * count
        weight_fg = total - weight_bg
        if weight_bg == 0 or weight_fg == 0:
            between = 0.0  # everything on one side: no split
        else:
            between = (mean_all * weight_bg - total * mean_cum) ** 2 / (weight_bg * weight_fg)
        if between > best:
            best, best_level = between, level
    return best_level


def ink_threshold(grey: Image.Image) -> int:
    """Otsu, kept within sane bounds so an empty or a dark page does not turn into noise."""
    return min(200, max(90, otsu(grey.convert("L").histogram())))


def mask(grey: Image.Image, test: float, *, below: bool) -> Image.Image:
    """255 where a grey level is below (or above) `test`, else 0."""
    return grey.point([255 if (v < test if below else v > test) else 0 for v in range(256)])


def line_means(image: Image.Image, *, rows: bool) -> array[float]:
    """The mean of each row (or column) of a one-band image, as floats (a box resize in
    mode F: exact sums, no 8-bit rounding)."""
    f = image if image.mode == "F" else image.convert("F")
    size = (1, f.height) if rows else (f.width, 1)
    return array("f", f.resize(size, Image.Resampling.BOX).tobytes())


# -- red stamps -------------------------------------------------------------------------------


def has_red_stamp(image: Image.Image, dpi: float) -> bool:
    """Whether a page shows red ink (a seal, con dấu) worth keeping in colour."""
    if image.mode != "RGB":
        return False
    factor = int(dpi // 50)
    small = image.reduce(factor) if factor >= 2 else image
    r, g, b = small.split()
    # Red: bright in R and well above both G and B (subtract clips at 0, so "> 60" is exact).
    redness = ImageChops.subtract(r, ImageChops.lighter(g, b))
    red = ImageChops.darker(mask(r, 110, below=False), mask(redness, 60, below=False))
    count = red.histogram()[255]
    return count > 0.0008 * small.width * small.height and count >= 12


# -- crop to the paper ------------------------------------------------------------------------


def paper_box(image: Image.Image, dpi: float) -> tuple[int, int, int, int] | None:
    """The sheet inside a darker scanner background (feeder scanners, an open lid), if any."""
    grey = small_grey(image, dpi, 50)
    w, h = grey.size
    if h < 20 or w < 20:
        return None
    edge = max(1, min(h, w) // 50)
    strips = [(0, 0, w, edge), (0, h - edge, w, h), (0, 0, edge, h), (w - edge, 0, w, h)]
    border = [sum(c) for c in zip(*(grey.crop(box).histogram() for box in strips), strict=True)]
    background = percentile(border, 50)
    paper = percentile(grey.histogram(), 90)
    if background > 150 or paper - background < 60:
        return None  # the sheet fills the scan, or there is no light sheet to find
    bright = mask(grey, (background + paper) / 2, below=False)
    # Rows and columns that are mostly sheet (means of a 0/255 mask: 0.4 → 102).
    rows = [y for y, m in enumerate(line_means(bright, rows=True)) if m > 0.4 * 255]
    cols = [x for x, m in enumerate(line_means(bright, rows=False)) if m > 0.4 * 255]
    if not rows or not cols:
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

STRIP = 8  # px at 100 dpi: within so narrow a strip a 5° slope moves a line < 1 px


def estimate_skew(image: Image.Image, dpi: float, max_angle: float = 5.0) -> float:
    """Skew of the text lines in degrees (positive: lines fall to the right).

    Projection profiles: for each candidate angle the dark pixels are projected onto the
    vertical axis along that slope; straight text lines give the sharpest profile.
    """
    grey = small_grey(image, dpi, 100)
    dark = mask(grey, ink_threshold(grey), below=True)
    inked = dark.histogram()[255]
    if inked < 200 or inked > 0.5 * grey.width * grey.height:
        return 0.0  # nothing to measure, or a dark photo: leave it
    # The ink of each row within narrow vertical strips, once (a box reduction of the mask);
    # each candidate slope then only shifts these few columns, not the whole page.
    strips = dark.reduce((STRIP, 1)).convert("F")
    cols, h = strips.size
    pad = math.ceil(cols * STRIP * math.tan(math.radians(max_angle + 0.5))) + 1

    def sharpness(angle: float) -> float:
        # Shear: strip x moves up by x·tan(angle), as projecting along that slope does.
        slope = STRIP * math.tan(math.radians(angle))
        sheared = strips.transform(
            (cols, h + 2 * pad), Image.Transform.AFFINE, (1, 0, 0, slope, 1, -pad)
        )
        rows = line_means(sheared, rows=True)
        return float(sum(map(operator.mul, rows, rows)))  # sum of squares: peaks score high

    coarse = [-max_angle + 0.5 * i for i in range(round(4 * max_angle) + 1)]
    best = max(coarse, key=sharpness)
    fine = [best - 0.5 + 0.1 * i for i in range(11)]
    skew: float = max(fine, key=sharpness)
    return round(skew, 2)


def rotate_fine(image: Image.Image, angle: float, *, smooth: bool = True) -> Image.Image:
    """Turn by a small angle, filling the corners with the paper's own tone (no light
    triangles in the corners); the page size is kept.

    `smooth=False` (nearest pixel, 5–7× faster) is for pages that become black-and-white
    anyway: at 300 dpi its one-pixel steps vanish in the thresholding.
    """
    small = image.reduce(8) if min(image.size) >= 64 else image
    hist = small.histogram()
    tone = [int(percentile(hist[i : i + 256], 90)) for i in range(0, len(hist), 256)]
    fill: int | tuple[int, ...] = tone[0] if image.mode == "L" else tuple(tone)
    method = Image.Resampling.BILINEAR if smooth else Image.Resampling.NEAREST
    return image.rotate(angle, resample=method, expand=False, fillcolor=fill)


# -- blank pages ------------------------------------------------------------------------------


def looks_blank(image: Image.Image, dpi: float) -> bool:
    """Almost no ink on light paper (margins ignored: scanner shadows, punch holes)."""
    grey = small_grey(image, dpi, 75)
    w, h = grey.size
    my, mx = max(1, h // 25), max(1, w // 25)
    inner = grey.crop((mx, my, w - mx, h - my)) if h > 2 * my and w > 2 * mx else grey
    # The box reduction already averages dust and sensor noise away; ink strokes stay dark.
    hist = inner.histogram()
    paper = percentile(hist, 90)
    if paper < 120:
        return False  # a dark page (a photo, a black card) is not blank
    return count_below(hist, paper - 60) < 0.0015 * inner.width * inner.height


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
