"""Fill unfinished English translations from a JSON file, then recompile (a dev tool).

    .venv/bin/python resources/translations/fill.py my-strings.json

The JSON file is a list of [context, Vietnamese source, English] triples (for a plural
message, English may be a list of forms). `update.sh` runs first so new strings are present;
entries already translated are left alone unless the JSON gives a different English.
Several engineers may run this at once: it holds a lock on the .ts file while it works.
"""

from __future__ import annotations

import fcntl
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
TS = HERE / "counter_app_en.ts"


def _fill(entries: list[list[object]]) -> tuple[int, list[tuple[str, str]]]:
    wanted = {(str(c), str(s)): t for c, s, t in entries}
    tree = ET.parse(TS)
    filled = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            english = wanted.pop((name, message.findtext("source") or ""), None)
            if english is None:
                continue
            translation = message.find("translation")
            assert translation is not None
            translation.attrib.pop("type", None)
            if message.get("numerus") == "yes":
                forms = english if isinstance(english, list) else [english, english]
                for element in list(translation):
                    translation.remove(element)
                for form in forms:
                    ET.SubElement(translation, "numerusform").text = str(form)
            else:
                translation.text = str(english)
            filled += 1
    ET.indent(tree, space="    ")
    body = ET.tostring(tree.getroot(), encoding="unicode")
    TS.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n", encoding="utf-8"
    )
    return filled, sorted(wanted)


def main(paths: list[str]) -> int:
    update = ["bash", str(HERE / "update.sh")]
    with open(HERE / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        subprocess.run(update, check=True, capture_output=True)
        entries: list[list[object]] = []
        for path in paths:
            entries += json.loads(Path(path).read_text(encoding="utf-8"))
        filled, unknown = _fill(entries)
        subprocess.run(update, check=True, capture_output=True)  # normalise and compile
    print(f"filled {filled}")
    for context, source in unknown:
        print(f"not in the code (check context/source): {context} | {source}")
    return 1 if unknown else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
