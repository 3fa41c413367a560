"""The Spanish translation catalogs: one gettext catalog per app, edited directly by translators.

Each domain app keeps its strings in `src/trellis/<app>/locale/es/LC_MESSAGES/django.po`; strings of
the project's own templates and modules outside the apps live in `src/trellis/locale/`. Catalogs carry
no source locations (`--no-location`), so that adding a string changes only its own entry.

    python tools/messages.py extract   add new strings to every catalog (GNU gettext's xgettext, via
                                       Django's makemessages) and drop strings no longer used
    python tools/messages.py compile   write every .mo next to its .po (polib; no gettext needed)
    python tools/messages.py check     fail if a string in the code is missing from its catalog or
                                       untranslated or fuzzy, or a committed .mo is out of date

After `extract`, translate the new entries (msgstr "") in the .po files, then `compile`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import polib

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "trellis"
CATALOG = Path("locale/es/LC_MESSAGES/django.po")
# Django's app loading finds each app's `locale/`; the project catalog is settings.LOCALE_PATHS.
APPS = sorted(p.parent.name for p in PACKAGE.glob("*/apps.py"))


def _makemessages(directory: Path, ignore: list[str]) -> None:
    # -P: the app folder (cwd) must not shadow standard modules (trellis.*.selectors vs selectors).
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "trellis.settings.test"}
    args = [sys.executable, "-P", "-m", "django", "makemessages", "-l", "es", "--no-location", "--no-wrap"]
    args += [f"--ignore={pattern}" for pattern in ["static/*", "migrations/*", *ignore]]
    subprocess.run(args, cwd=directory, env=env, check=True, stdout=subprocess.DEVNULL)


def _catalogs(root: Path) -> list[tuple[Path, list[str]]]:
    """(directory to extract from, patterns to leave out) for every catalog under `root`."""
    apps = [app for app in APPS if (PACKAGE / app / CATALOG).exists()]
    out: list[tuple[Path, list[str]]] = [(root / app, []) for app in apps]
    out.append((root, [f"{app}/*" for app in apps]))
    return out


def extract() -> None:
    if shutil.which("xgettext") is None:
        sys.exit("GNU gettext is needed: apt-get install gettext")
    for directory, ignore in _catalogs(PACKAGE):
        _makemessages(directory, ignore)
        po = polib.pofile(str(directory / CATALOG), wrapwidth=0)
        # makemessages keeps strings no longer in the code as obsolete entries: drop them.
        for entry in po.obsolete_entries():
            po.remove(entry)
        po.save()


def compile_all() -> None:
    for po_path in sorted(PACKAGE.rglob("*.po")):
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))


def _compiled(po_path: Path) -> bytes:
    with tempfile.NamedTemporaryFile(suffix=".mo") as out:
        polib.pofile(str(po_path)).save_as_mofile(out.name)
        return Path(out.name).read_bytes()


def check() -> int:
    problems: list[str] = []
    for po_path in sorted(PACKAGE.rglob("*.po")):
        keys = [(e.msgctxt, e.msgid) for e in polib.pofile(str(po_path))]
        for key in sorted({k for k in keys if keys.count(k) > 1}, key=str):
            problems.append(f"{po_path.relative_to(PACKAGE.parent.parent)}: entered twice: {key[1]!r}")
        mo_path = po_path.with_suffix(".mo")
        if not mo_path.exists() or mo_path.read_bytes() != _compiled(po_path):
            stale = mo_path.relative_to(PACKAGE.parent.parent)
            problems.append(f"{stale} is out of date: run tools/messages.py compile")
    if shutil.which("xgettext") is None:
        problems.append("GNU gettext is needed for the check: apt-get install gettext")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "trellis"
            shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "static"))
            for directory, ignore in _catalogs(copy):
                committed = polib.pofile(str(PACKAGE / directory.relative_to(copy) / CATALOG))
                known = {(e.msgctxt, e.msgid) for e in committed}
                _makemessages(directory, ignore)
                where = (directory / CATALOG).relative_to(Path(tmp))
                for entry in polib.pofile(str(directory / CATALOG)):
                    if entry.obsolete:
                        continue
                    if (entry.msgctxt, entry.msgid) not in known:
                        problems.append(f"{where}: not in the catalog: {entry.msgid!r}")
                for entry in committed:
                    if not entry.translated() or "fuzzy" in entry.flags:
                        problems.append(f"{where}: not translated: {entry.msgid!r}")
    for line in problems:
        print(line)
    if problems:
        print(f"{len(problems)} problem(s): run tools/messages.py extract, translate, then compile.")
    return 1 if problems else 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "extract":
        extract()
    elif command == "compile":
        compile_all()
    elif command == "check":
        sys.exit(check())
    else:
        sys.exit(__doc__)
