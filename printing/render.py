"""Rendering a dossier's forms: preview (nothing recorded), produce a file (recorded with the
print, in one transaction), record a print made from the preview.

Media: `pdf` (every form), `png` and `escpos` (the 80 mm thermal receipt, Mẫu 01).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from counter_app.config import PrintingSettings
from counter_app.errors import ConfigError, ValidationError
from counter_app.services import forms
from counter_app.services.context import Actor, Core
from counter_app.services.forms import FormData, Output, PrintRecord
from printing import blocks, raster, sheets
from printing.context import dossier_context
from printing.files import AtomicFile, check_target
from printing.layout import Flow
from printing.templates import Template, resolve

MEDIA_BY_SUFFIX = {
    ".pdf": "pdf",
    ".png": "png",
    ".bin": "escpos",
    ".escpos": "escpos",
    ".prn": "escpos",
    ".xlsx": "xlsx",
}
LAYOUT_PROFILES = {"a4": "a4", "a4-landscape": "a4-landscape", "thermal": "thermal"}


@dataclass(frozen=True)
class Rendered:
    form: str
    code: str  # the dossier code; the date range for the tracking book
    name: str
    template_id: str
    template_version: str
    media: str
    data: bytes
    pages: int
    reprint: bool
    laid_out: tuple[Flow, ...] = field(default=(), repr=False, compare=False)

    @property
    def output(self) -> Output:
        return Output(self.data, self.template_id, self.template_version, self.media)


def media_for(path: Path, allowed: tuple[str, ...]) -> str:
    check_target(path)
    media = MEDIA_BY_SUFFIX.get(path.suffix.lower(), "")
    if media not in allowed:
        names = ", ".join(s for s, m in MEDIA_BY_SUFFIX.items() if m in allowed)
        raise ValidationError(
            "E_OUT_FORMAT",
            f"Không biết ghi tệp {path.name!r} ở dạng nào.",
            hint=f"Dùng đuôi tệp: {names}.",
        )
    return media


def profile_for(template: Template, settings: PrintingSettings) -> blocks.Profile:
    if template.layout == "receipt":
        layout = settings.receipt_layout
        if layout not in ("a5x2", "a4x2"):
            raise ConfigError(
                "E_CONFIG_VALUE",
                f"printing.receipt_layout = {layout!r} không hợp lệ (a5x2 hoặc a4x2).",
            )
        return blocks.PROFILES["a5" if layout == "a5x2" else "a4"]
    return blocks.PROFILES[LAYOUT_PROFILES[template.layout]]


def copy_labels(template: Template, settings: PrintingSettings) -> tuple[str, ...]:
    if template.layout not in ("receipt", "thermal"):
        return ("",)
    if not 1 <= settings.copies <= len(template.copies):
        raise ConfigError(
            "E_CONFIG_VALUE",
            f"printing.copies = {settings.copies}: {template.name} có "
            f"{len(template.copies)} liên ({'; '.join(template.copies)}).",
        )
    return template.copies[: settings.copies]


def build(data: FormData, settings: PrintingSettings, media: str = "pdf") -> Rendered:
    """Lay out and paint one form for one dossier (no database access)."""
    key = data.form
    if media in ("png", "escpos"):
        if data.form != "01":
            raise ValidationError(
                "E_FORM_MEDIA", "Chỉ Giấy tiếp nhận (Mẫu 01) có bản in nhiệt 80 mm."
            )
        key = "01-80mm"
    elif media != "pdf":
        raise ValidationError("E_FORM_MEDIA", f"Mẫu {data.form} không xuất ra dạng {media}.")
    template = resolve(settings.form_set, key)
    profile = profile_for(template, settings)
    ctx = dossier_context(data, template, settings)
    flows = []
    for label in copy_labels(template, settings):
        flow = blocks.lay_out(template, profile, ctx, label)
        short = template.name.split(" – ")[0]
        running = f"{short} – Mã hồ sơ {data.view.code}" + (f" – {label}" if label else "")
        sheets.decorate(flow, reprint=data.reprint, running=running)
        flows.append(flow)
    if media == "pdf":
        side = template.layout == "receipt" and settings.receipt_layout == "a5x2"
        laid = sheets.side_by_side(flows) if side else sheets.one_after_another(flows)
        payload = sheets.to_pdf(
            laid, title=f"{template.name} – {data.view.code}", author=data.office.name
        )
        pages = len(laid)
    else:
        images = [raster.to_image(f, blocks.THERMAL_DPI) for f in flows]
        if media == "png":
            payload = raster.png_bytes(raster.stack(images), blocks.THERMAL_DPI)
        else:
            payload = raster.escpos_job(images)
        pages = len(images)
    return Rendered(
        form=data.form,
        code=data.view.code,
        name=template.name,
        template_id=template.template_id,
        template_version=template.version,
        media=media,
        data=payload,
        pages=pages,
        reprint=data.reprint,
        laid_out=tuple(flows),
    )


def preview(core: Core, actor: Actor, code: str, form: str, *, media: str = "pdf") -> Rendered:
    """Render for the screen: nothing is recorded (printing or saving it is, via `record`)."""
    return build(forms.load(core, actor, code, form), core.settings.printing, media)


def record(core: Core, actor: Actor, rendered: Rendered) -> PrintRecord:
    """The previewed form went to a printer or a file: record it (and audit "print")."""
    return forms.record_print(
        core, actor, rendered.code, rendered.form, rendered.output, reprint=rendered.reprint
    )


def produce(core: Core, actor: Actor, code: str, form: str, out: str | Path) -> Rendered:
    """Render to `out` (format from its suffix) and record the print: both or neither."""
    path = Path(out)
    media = media_for(path, ("pdf", "png", "escpos"))
    done: list[Rendered] = []

    def render(data: FormData) -> Output:
        done.append(build(data, core.settings.printing, media))
        return done[-1].output

    with AtomicFile(path) as sink:
        forms.produce(core, actor, code, form, render, sink.write)
        sink.commit()
    return done[-1]
