"""Compile the .po translation catalogs to .mo with polib (no GNU gettext needed), or check they match.

python tools/compile_messages.py           write every .mo next to its .po
python tools/compile_messages.py --check   fail if a committed .mo is missing or out of date
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1] / "src" / "trellis"


def compiled(po_path: Path) -> bytes:
    with tempfile.NamedTemporaryFile(suffix=".mo") as out:
        polib.pofile(str(po_path)).save_as_mofile(out.name)
        return Path(out.name).read_bytes()


def main(check: bool) -> int:
    stale = []
    for po_path in sorted(ROOT.rglob("*.po")):
        mo_path = po_path.with_suffix(".mo")
        data = compiled(po_path)
        if check:
            if not mo_path.exists() or mo_path.read_bytes() != data:
                stale.append(str(mo_path.relative_to(ROOT.parent.parent)))
        else:
            mo_path.write_bytes(data)
    if stale:
        print("Out of date (run python tools/compile_messages.py):", *stale, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv))
