"""Trim Qt's ICU data library (libicudata.so.NN, 32 MB) to what a Vietnamese/English app uses.

Qt (Linux wheels) links ICU for collation (QCollator), locale case mapping, extra text codecs
and time-zone names. The data library holds one blob, the symbol `icudtNN_dat`: an ICU
"common data" package (a header, then a table of contents of (name, data) offsets, then the
items). This module copies the blob out of the bundle's library, drops the items the app can
never ask for, and links a new library with the same soname exporting the same symbol.

Kept: root, en* and vi* of every locale tree (locale data, collation, break iterators,
currency/language/region/unit/zone names, spell-out rules) with the trees' shared string
pools; every item that is not per locale (Unicode normalization and IDNA (uts46), the
collation root table, time-zone rules and meta-zones, plural rules, likely subtags…); the
break-iterator rules; the single-byte code pages (Windows 125x incl. 1258 Vietnamese,
ISO 8859, KOI8…). Dropped: the other ~800 locales, the CJK/Thai/Lao/Khmer/Burmese word
dictionaries (ICU falls back to its plain rules), the multi-byte East Asian code pages, and
the transliteration rules, character names and confusables (no Qt API reaches them).

The ToC is rewritten here in Python rather than with Debian's icupkg: the Debian tool is
ICU 72 and the data is ICU 73, and the container is 40 lines of struct work. Linking needs
only binutils (`as`, `ld`). Any failure raises: the caller keeps the original library.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
from pathlib import Path

ALIGN = 16  # ICU's own packager aligns every item to 16 bytes; some readers rely on it
LOCALE = re.compile(r"^(?:(?P<tree>\w+)/)?(?P<locale>[a-z]{2,3}(?:_\w*)?|root)\.res$")
KEEP_LOCALES = re.compile(r"^(root|en|en_\w+|vi|vi_\w+)$")
DROP_TREES = ("translit/",)
# Unicode character names (u_charName) and the spoof checker's confusables: no Qt API uses them.
DROP_ITEMS = {"unames.icu", "confusables.cfu"}


def keep(name: str, item: bytes) -> bool:
    """Whether the package item `name` (without the "icudtNNl/" prefix) stays."""
    if name.startswith(DROP_TREES) or name.endswith(".dict") or name in DROP_ITEMS:
        return False
    match = LOCALE.match(name)
    if match and name.rsplit("/", 1)[-1] != "res_index.res":
        return bool(KEEP_LOCALES.match(match["locale"]))
    if name.endswith(".cnv"):
        # UConverterStaticData after the item's header: structSize(4) name(60) codepage(4)
        # platform, conversionType, minBytesPerChar, maxBytesPerChar.
        header_size = struct.unpack_from("<H", item, 0)[0]
        return item[header_size + 71] == 1
    return True


def read_package(blob: bytes) -> tuple[bytes, list[tuple[str, bytes]]]:
    """(header, [(full item name, item bytes)]) of an ICU common data package."""
    header_size = struct.unpack_from("<H", blob, 0)[0]
    # Magic 0xda27, then UDataInfo: size, reserved, isBigEndian (byte 8), …, dataFormat (12).
    if blob[2:4] != b"\xda\x27" or blob[8] != 0 or blob[12:16] != b"CmnD":
        raise ValueError("not a little-endian ICU common data package")
    toc = blob[header_size:]
    count = struct.unpack_from("<I", toc, 0)[0]
    entries = [struct.unpack_from("<II", toc, 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_at, data_at) in enumerate(entries):
        name = toc[name_at : toc.index(b"\0", name_at)].decode("ascii")
        end = entries[i + 1][1] if i + 1 < count else len(toc)
        items.append((name, toc[data_at:end]))
    return blob[:header_size], items


def write_package(header: bytes, items: list[tuple[str, bytes]]) -> bytes:
    """The package again: header, ToC (sorted names, as ICU binary-searches them), items."""
    items = sorted(items, key=lambda item: item[0].encode("ascii"))
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    start = 4 + 8 * len(items)
    data_at = _aligned(len(header) + start + len(names)) - len(header)
    toc, name_at, body = bytearray(struct.pack("<I", len(items))), start, bytearray()
    for name, data in items:
        toc += struct.pack("<II", name_at, data_at + len(body))
        name_at += len(name) + 1
        body += data + b"\0" * (_aligned(len(data)) - len(data))
    toc += names
    toc += b"\0" * (data_at - len(toc))
    return header + bytes(toc) + bytes(body)


def _aligned(n: int) -> int:
    return (n + ALIGN - 1) // ALIGN * ALIGN


def trim(blob: bytes) -> bytes:
    header, items = read_package(blob)
    kept = [(name, data) for name, data in items if keep(name.split("/", 1)[1], data)]
    if not any(name.endswith("/vi.res") for name, _ in kept):
        raise ValueError("the trimmed package lost the Vietnamese locale")
    return write_package(header, kept)


# -- the ELF side: read the blob out of the library, link a new one ---------------------------
def data_symbol(library: Path) -> tuple[str, bytes]:
    """(symbol name, bytes) of the icudtNN_dat blob of an x86-64/aarch64 ELF shared library."""
    elf = library.read_bytes()
    if elf[:4] != b"\x7fELF" or elf[4] != 2 or elf[5] != 1:
        raise ValueError(f"{library.name}: not a 64-bit little-endian ELF file")
    shoff, shentsize, shnum = (
        struct.unpack_from("<Q", elf, 0x28)[0],
        *struct.unpack_from("<HH", elf, 0x3A),
    )
    sections = [struct.unpack_from("<IIQQQQIIQQ", elf, shoff + i * shentsize) for i in range(shnum)]
    for _, kind, _, _, offset, size, link, _, _, entsize in sections:
        if kind != 11:  # SHT_DYNSYM
            continue
        strtab = sections[link][4]
        for at in range(offset, offset + size, entsize):
            name_at, _, _, shndx, value, length = struct.unpack_from("<IBBHQQ", elf, at)
            name = elf[strtab + name_at : elf.index(b"\0", strtab + name_at)].decode("ascii")
            if re.fullmatch(r"icudt\d+_dat", name) and shndx:
                _, _, _, addr, sec_offset, *_ = sections[shndx]
                start = sec_offset + value - addr
                return name, elf[start : start + length]
    raise ValueError(f"{library.name}: no icudtNN_dat symbol")


def soname(library: Path) -> str:
    out = subprocess.run(
        ["readelf", "-d", str(library)], check=True, capture_output=True, text=True
    ).stdout
    match = re.search(r"\(SONAME\)\s+Library soname: \[([^\]]+)\]", out)
    if not match:
        raise ValueError(f"{library.name}: no soname")
    return match[1]


def link_data_library(symbol: str, blob: bytes, so_name: str, target: Path) -> None:
    """A shared library exporting `symbol` = blob (read-only, 16-aligned), soname `so_name`."""
    with tempfile.TemporaryDirectory(prefix="icu-trim-") as tmp:
        work = Path(tmp)
        (work / "data.bin").write_bytes(blob)
        (work / "data.s").write_text(
            "\t.section .rodata\n"
            f"\t.balign {ALIGN}\n"
            f"\t.globl {symbol}\n"
            f"\t.type {symbol}, @object\n"
            f"{symbol}:\n"
            '\t.incbin "data.bin"\n'
            f"\t.size {symbol}, . - {symbol}\n"
            '\t.section .note.GNU-stack,"",@progbits\n'
        )
        subprocess.run(["as", "-o", "data.o", "data.s"], check=True, cwd=work)
        subprocess.run(
            ["ld", "-shared", "-soname", so_name, "-z", "noexecstack", "-o", "lib.so", "data.o"],
            check=True,
            cwd=work,
        )
        shutil.copyfile(work / "lib.so", target)


def trim_library(library: Path) -> tuple[int, int]:
    """Replace the ICU data library in place; (bytes before, bytes after)."""
    library = library.resolve()
    before = library.stat().st_size
    symbol, blob = data_symbol(library)
    trimmed = trim(blob)
    with tempfile.TemporaryDirectory(prefix="icu-trim-") as tmp:
        new = Path(tmp) / library.name
        link_data_library(symbol, trimmed, soname(library), new)
        if data_symbol(new) != (symbol, trimmed):  # read back what the loader will see
            raise ValueError("the new library does not hold the trimmed data")
        shutil.copyfile(new, library)
    return before, library.stat().st_size
