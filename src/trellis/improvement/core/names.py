"""Keep students' names out of improvement notes (empathy interviews, root causes, PDSA notes).

The rule: describe a student by role, grade or a letter ("a 7th-grade student", "Student A"),
never by name.  Teams write notes quickly and share them with coaches and networks, so a name
typed by habit must be caught before it is stored.  This check catches the obvious patterns —
a common given name written with a capital letter, or "named X" / "name is X" / "called X" — and
cannot catch every name; docs/methods/improvement.md says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

# "named Maria", "her name is Maria", "called Jo", "se llama Maria"
_INTRODUCED = re.compile(
    r"\b(?:named|name\s+is|name's|called|goes\s+by|se\s+llama|llamad[oa])\s+([A-Z][a-z'\-]+)",
)
_WORD = re.compile(r"\b[A-Z][a-z'\-]+\b")


@dataclass(frozen=True)
class NameFinding:
    word: str
    reason: str

    def __str__(self) -> str:
        return f"'{self.word}' {self.reason}"


@cache
def given_names() -> frozenset[str]:
    """Common given names (US birth records and California school rosters), lower-cased.

    Names that are also ordinary English words (May, June, Will, Grace, Hope, ...) are left out
    of the list so that ordinary sentences pass; they are still caught after "named".
    """
    text = resources.files("trellis.improvement").joinpath("data/given_names.txt").read_text()
    return frozenset(line.strip().lower() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def find_student_names(text: str) -> list[NameFinding]:
    """Words in `text` that look like a person's name, each with the reason, in order."""
    findings: dict[str, NameFinding] = {}
    for match in _INTRODUCED.finditer(text):
        findings.setdefault(match.group(1), NameFinding(match.group(1), "follows 'named' or 'called'"))
    names = given_names()
    for match in _WORD.finditer(text):
        word = match.group(0)
        if word.lower().strip("'") in names:
            findings.setdefault(word, NameFinding(word, "looks like a given name"))
    return list(findings.values())


def name_warning(text: str) -> str | None:
    """The message to show when `text` seems to contain a student's name, or None."""
    found = find_student_names(text)
    if not found:
        return None
    listed = ", ".join(str(f) for f in found[:5])
    return (
        f"This looks like it contains a name ({listed}). Describe students by grade or role, "
        "e.g. 'a 7th-grade student' or 'Student A', never by name."
    )
