"""One compact PDF per component: bilevel pages in CCITT G4, greyscale/colour pages in JPEG.

Images are embedded as they are encoded (no re-compression by the PDF writer): a G4 strip from
Pillow's libtiff goes in as /CCITTFaxDecode, a JPEG as /DCTDecode. JBIG2 would be ~30 % smaller
on text but has no pure, well-maintained encoder for Python and lossy JBIG2 is known to swap
digits; G4 is lossless, universal and meets the size target. Each page keeps its resolution
(100 % scale). The document carries the dossier metadata and a PDF/A-2b identification with an
sRGB output intent.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import datetime
from functools import cache

import pikepdf
from pikepdf import Array, Dictionary, Name
from PIL import Image, ImageCms

from counter_app.digitize.pages import Page
from counter_app.digitize.processing import ink_threshold
from counter_app.digitize.profiles import Encoding
from counter_app.errors import ValidationError

PRODUCER = "counter-app (Phần mềm Bộ phận Một cửa)"


@dataclass(frozen=True)
class DocumentInfo:
    """What the PDF says about itself (metadata read by archives and the provincial system)."""

    dossier_code: str
    component_code: str
    component_name: str
    copy_type: str
    digitized_by: str
    digitized_at: datetime
    office: str = ""


def bilevel(page: Page) -> Image.Image:
    grey = page.image if page.image.mode == "L" else page.image.convert("L")
    level = ink_threshold(grey)
    return grey.point(lambda v: 255 if v >= level else 0, mode="1")


def g4_strip(image: Image.Image) -> bytes:
    """The CCITT G4 data of a one-strip TIFF written by Pillow (libtiff)."""
    buf = io.BytesIO()
    image.save(buf, "TIFF", compression="group4", tiffinfo={278: image.height})
    raw = buf.getvalue()
    with Image.open(io.BytesIO(raw)) as tif:
        tags = tif.tag_v2  # type: ignore[attr-defined]  # a TIFF: Pillow's stubs say ImageFile
        offsets, counts = tags[273], tags[279]
    if len(offsets) != 1:  # pragma: no cover - RowsPerStrip = height always gives one strip
        raise RuntimeError("G4 TIFF with more than one strip")
    return raw[offsets[0] : offsets[0] + counts[0]]


def jpeg(image: Image.Image, quality: int) -> bytes:
    buf = io.BytesIO()
    image.save(buf, "JPEG", quality=quality, optimize=True, subsampling="4:2:0")
    return buf.getvalue()


def encoding_of(page: Page) -> Encoding:
    """How one page is stored: colour wins where it was kept (a red stamp)."""
    if page.image.mode == "RGB":
        return Encoding.COLOUR
    if page.encoding is Encoding.COLOUR:
        return Encoding.GREY  # a greyscale source in a colour profile: nothing to keep
    return page.encoding


def image_xobject(pdf: pikepdf.Pdf, page: Page) -> pikepdf.Stream:
    w, h = page.image.size
    kind = encoding_of(page)
    if kind is Encoding.BILEVEL:
        data = g4_strip(bilevel(page))
        # Pillow writes mode "1" as min-is-black, so G4 "black" runs are the paper: BlackIs1.
        return pikepdf.Stream(
            pdf,
            data,
            Type=Name.XObject,
            Subtype=Name.Image,
            Width=w,
            Height=h,
            ColorSpace=Name.DeviceGray,
            BitsPerComponent=1,
            Filter=Name.CCITTFaxDecode,
            DecodeParms=Dictionary(K=-1, Columns=w, Rows=h, BlackIs1=True),
        )
    if kind is Encoding.COLOUR:
        image = page.image.convert("RGB")
        space = Name.DeviceRGB
    else:
        image = page.image.convert("L")
        space = Name.DeviceGray
    return pikepdf.Stream(
        pdf,
        jpeg(image, page.quality),
        Type=Name.XObject,
        Subtype=Name.Image,
        Width=w,
        Height=h,
        ColorSpace=space,
        BitsPerComponent=8,
        Filter=Name.DCTDecode,
    )


@cache
def srgb_profile() -> bytes:
    return bytes(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())


def _pdf_date(moment: datetime) -> str:
    offset = moment.strftime("%z") or "+0000"
    return moment.strftime("D:%Y%m%d%H%M%S") + f"{offset[:3]}'{offset[3:]}'"


def custom_info(info: DocumentInfo, pages: int) -> dict[str, str]:
    return {
        "MaHoSo": info.dossier_code,
        "MaThanhPhan": info.component_code,
        "LoaiBan": info.copy_type,
        "SoTrang": str(pages),
        "NguoiSoHoa": info.digitized_by,
        "ThoiDiemSoHoa": info.digitized_at.isoformat(timespec="seconds"),
    }


def read_info(data: bytes) -> dict[str, str]:
    """The dossier metadata a stored PDF carries (for checks and for the sync)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        keys = ("MaHoSo", "MaThanhPhan", "LoaiBan", "SoTrang", "NguoiSoHoa", "ThoiDiemSoHoa")
        out = {k: str(pdf.docinfo.get("/" + k, "")) for k in keys}
        out["pages"] = str(len(pdf.pages))
        return out


def assemble(pages: list[Page], info: DocumentInfo, *, pdfa: bool = True) -> bytes:
    """The PDF of one component, ready to hash, store and sign.

    Each page is stored as its profile asked (bilevel G4, greyscale or colour JPEG).
    """
    if not pages:
        raise ValidationError("E_PAGE_NONE", "Chưa có trang nào để lưu.")
    pdf = pikepdf.new()
    for page in pages:
        w_pt = page.image.width * 72.0 / page.dpi
        h_pt = page.image.height * 72.0 / page.dpi
        content = f"q {w_pt:.3f} 0 0 {h_pt:.3f} 0 0 cm /Im0 Do Q".encode("ascii")
        pdf.pages.append(
            pikepdf.Page(
                Dictionary(
                    Type=Name.Page,
                    MediaBox=Array([0, 0, round(w_pt, 3), round(h_pt, 3)]),
                    Resources=Dictionary(XObject=Dictionary(Im0=image_xobject(pdf, page))),
                    Contents=pikepdf.Stream(pdf, content),
                )
            )
        )
    title = f"{info.component_name} – hồ sơ {info.dossier_code}"
    pdf.docinfo[Name.Title] = title
    pdf.docinfo[Name.Author] = info.digitized_by
    pdf.docinfo[Name.Subject] = f"Bản số hoá thành phần hồ sơ {info.dossier_code}"
    pdf.docinfo[Name.Keywords] = (
        f"MaHoSo={info.dossier_code}; MaThanhPhan={info.component_code}; "
        f"LoaiBan={info.copy_type}; SoTrang={len(pages)}"
    )
    pdf.docinfo[Name.Creator] = info.office or PRODUCER
    pdf.docinfo[Name.Producer] = PRODUCER
    pdf.docinfo[Name.CreationDate] = _pdf_date(info.digitized_at)
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta.load_from_docinfo(pdf.docinfo)
        if pdfa:
            meta["pdfaid:part"] = "2"
            meta["pdfaid:conformance"] = "B"
    # Machine-readable copies of the same facts (custom Info keys are allowed by PDF/A-2).
    for key, value in custom_info(info, len(pages)).items():
        pdf.docinfo[Name("/" + key)] = value
    if pdfa:
        icc = pikepdf.Stream(pdf, srgb_profile(), N=3)
        pdf.Root.OutputIntents = Array(
            [
                Dictionary(
                    Type=Name.OutputIntent,
                    S=Name.GTS_PDFA1,
                    OutputConditionIdentifier="sRGB IEC61966-2.1",
                    DestOutputProfile=icc,
                )
            ]
        )
    out = io.BytesIO()
    pdf.save(out, fix_metadata_version=False, deterministic_id=True)
    return out.getvalue()
