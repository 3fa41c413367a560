"""Fill Spanish translations into src/trellis/locale/es/LC_MESSAGES/django.po from dictionaries.

    python tools/translate.py tools/es_core.py [more modules…]

Each module defines ES (msgid → msgstr) and optionally PLURALS (msgid → (singular, plural)).
Whitespace inside msgids is normalized, so multi-line template strings match. Prints what is missing.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import polib

PO = Path(__file__).resolve().parents[1] / "src/trellis/locale/es/LC_MESSAGES/django.po"


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def main(paths: list[str]) -> None:
    singles: dict[str, str] = {}
    plurals: dict[str, tuple[str, str]] = {}
    for path in paths:
        spec = importlib.util.spec_from_file_location(Path(path).stem, path)
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        singles |= {norm(k): v for k, v in module.ES.items()}
        plurals |= {norm(k): v for k, v in getattr(module, "PLURALS", {}).items()}
    po = polib.pofile(str(PO))
    po.metadata["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    po.metadata["Language"] = "es"
    missing = []
    for entry in po:
        key = norm(entry.msgid)
        if entry.msgid_plural and key in plurals:
            entry.msgstr_plural = {0: plurals[key][0], 1: plurals[key][1]}
        elif key in singles:
            entry.msgstr = singles[key]
        elif not entry.translated():
            missing.append(entry.msgid)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    po.save()
    for m in missing:
        print("missing:", m)


if __name__ == "__main__":
    main(sys.argv[1:])
