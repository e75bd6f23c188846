"""Versioned form templates: data files in resources/forms, one per legal set.

A set (e.g. `tt01-2018`, Circular 01/2018/TT-VPCP) names its forms; each form has a template
id and a version that are recorded with every print, the blocks it is laid out from and its
fixed wording. `PrintingSettings.form_set` picks the set; a set may `extend` an older one, and a
form only a newer set defines (the stop notice of Circular 03/2025) is found there.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from counter_app.errors import ConfigError, ValidationError
from counter_app.text import nfc
from printing.fonts import RESOURCES

FORMS_DIR = RESOURCES / "forms"
LAYOUTS = frozenset({"receipt", "a4", "a4-landscape", "thermal"})
DATES = frozenset({"received", "status", "supplement", "apology", "now"})
BLOCKS = frozenset(
    {"header", "title", "text", "table", "signatures", "barcode", "qr", "codes", "space", "vietqr"}
)


@dataclass(frozen=True)
class Template:
    form: str  # the form it prints: "01" … "06", "stop"
    key: str  # its key in the set ("01-80mm" is the thermal receipt, form "01")
    template_id: str
    version: str
    name: str
    layout: str
    date: str
    copies: tuple[str, ...]
    header: dict[str, Any]
    blocks: tuple[dict[str, Any], ...]
    set_id: str


@dataclass(frozen=True)
class TemplateSet:
    id: str
    title: str
    extends: str
    forms: dict[str, Template]


def _nfc(value: Any) -> Any:
    if isinstance(value, str):
        return nfc(value)
    if isinstance(value, list):
        return [_nfc(v) for v in value]
    if isinstance(value, dict):
        return {k: _nfc(v) for k, v in value.items()}
    return value


def _load(path: Path) -> TemplateSet:
    try:
        data = _nfc(tomllib.loads(path.read_text("utf-8")))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError("E_TEMPLATE", f"Không đọc được tệp mẫu {path.name}: {exc}") from exc
    set_id = str(data.get("id") or path.stem)
    header = dict(data.get("header", {}))
    forms: dict[str, Template] = {}
    for key, spec in data.get("forms", {}).items():
        where = f"{path.name} [forms.{key}]"
        layout, date = spec.get("layout", "a4"), spec.get("date", "now")
        if layout not in LAYOUTS or date not in DATES:
            raise ConfigError("E_TEMPLATE", f"{where}: layout/date không hợp lệ.")
        blocks = tuple(dict(b) for b in spec.get("blocks", []))
        for b in blocks:
            if b.get("kind") not in BLOCKS:
                raise ConfigError("E_TEMPLATE", f"{where}: khối không biết {b.get('kind')!r}.")
        forms[key] = Template(
            form=str(spec.get("form", key)),
            key=key,
            template_id=str(spec["template"]),
            version=str(spec["version"]),
            name=str(spec["name"]),
            layout=layout,
            date=date,
            copies=tuple(spec.get("copies", [""])),
            header={**header, **spec.get("header", {})},
            blocks=blocks,
            set_id=set_id,
        )
    return TemplateSet(set_id, str(data.get("title", set_id)), str(data.get("extends", "")), forms)


@cache
def template_sets(folder: Path = FORMS_DIR) -> dict[str, TemplateSet]:
    sets = [_load(p) for p in sorted(folder.glob("*.toml"))]
    return {s.id: s for s in sets}


def resolve(form_set: str, key: str, folder: Path = FORMS_DIR) -> Template:
    """The template for `key` in the configured set, its ancestors, then any newer set."""
    sets = template_sets(folder)
    if form_set not in sets:
        raise ConfigError(
            "E_FORM_SET",
            f"Không có bộ mẫu {form_set!r} (cấu hình printing.form_set).",
            hint="Các bộ mẫu: " + ", ".join(sorted(sets)) + ".",
        )
    current, seen = form_set, set()
    while current and current not in seen:
        seen.add(current)
        if key in sets[current].forms:
            return sets[current].forms[key]
        current = sets[current].extends if sets[current].extends in sets else ""
    for other in sorted(sets, reverse=True):
        if key in sets[other].forms:
            return sets[other].forms[key]
    raise ValidationError("E_FORM_UNKNOWN", f"Bộ mẫu {form_set} không có mẫu {key!r}.")
