"""Is an aim statement measurable? What, how much, by when, for whom — said in words.

An aim says what will change, by how much, by when and for whom (IHI's Model for Improvement,
Langley et al., *The Improvement Guide*, 2nd ed. 2009, ch. 5; Carnegie Foundation, "Aim
Statements" one-pager, 2017: "how much, by when, for whom").  This check looks for each part
with plain patterns; it cannot judge whether the aim is wise, only whether it can be measured.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A verb of change: "increase", "reduce", "raise", ... (the "what").
_CHANGE = re.compile(
    r"\b(increas|decreas|reduc|improv|rais|lower|grow|cut|declin|boost|eliminat|doubl|halv|"
    r"narrow|clos|reach|achiev|ris|drop|fall|move|shrink|expand|aumentar|reducir|mejorar|disminuir)\w*",
    re.IGNORECASE,
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# A date: "by June 2026", "by 6/1/2026", "by the end of 2026-27", "by spring 2027", "by May".
_WHEN = re.compile(
    rf"\b(({_MONTHS})\.?\s+(\d{{1,2}},?\s+)?20\d\d|\d{{1,2}}/\d{{1,2}}/(20)?\d\d|20\d\d-\d\d(-\d\d)?|"
    rf"(spring|summer|fall|autumn|winter)\s+(of\s+)?20\d\d|(end|close)\s+of\s+(the\s+)?(20\d\d|school\s+year|"
    rf"semester|trimester|quarter|year)|by\s+(({_MONTHS})\b|20\d\d))",
    re.IGNORECASE,
)
_YEARISH = re.compile(r"\b(19|20)\d\d(-\d\d)?\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b20\d\d-\d\d-\d\d\b")
# How much: a percentage, "from 62 to 80", "by 10 points", "to 90%", a count ("25 more students").
_AMOUNT = re.compile(
    r"(\d+(\.\d+)?\s*(%|percent|per\s*cent|percentage\s+points?|points?|por\s+ciento))|"
    r"\bfrom\s+\d+(\.\d+)?\b.*\bto\s+\d+(\.\d+)?|\b(half|twice|double|zero|all)\b|\b\d+(\.\d+)?\b",
    re.IGNORECASE,
)
# For whom: students, a grade, a student group, staff, families.
_WHOM = re.compile(
    r"\b(students?|learners?|pupils?|children|kids|youth|graders?|grades?|kindergart\w*|tk\b|"
    r"english\s+learners?|els?\b|multilingual|newcomers?|foster|homeless|socioeconomically|"
    r"sped\b|special\s+education|iep|504|teachers?|staff|educators?|families|parents?|caregivers?|"
    r"freshm[ae]n|sophomores?|juniors?|seniors?|classrooms?|cohort|estudiantes?|alumnos?)\b|"
    r"\b\d{1,2}(st|nd|rd|th)[\s-]grade",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class AimCheck:
    """What is missing from an aim, one instruction per missing part (empty when measurable)."""

    missing: tuple[str, ...]
    has_what: bool
    has_how_much: bool
    has_when: bool
    has_whom: bool

    @property
    def measurable(self) -> bool:
        return not self.missing


def check_aim(text: str) -> AimCheck:
    """Check an aim statement for its four parts and say in words what to add."""
    statement = " ".join(text.split())
    has_what = bool(_CHANGE.search(statement))
    has_when = bool(_WHEN.search(statement))
    # A year or a date is not an amount: look for numbers once dates are removed.
    has_how_much = bool(_AMOUNT.search(_YEARISH.sub(" ", _WHEN.sub(" ", statement))))
    has_whom = bool(_WHOM.search(statement))
    missing: list[str] = []
    if not statement:
        return AimCheck(
            ("Write the aim: what will improve, by how much, by when, and for whom.",), False, False, False, False
        )
    if not has_what:
        missing.append("Say what will change, with a verb such as 'increase', 'reduce' or 'improve'.")
    if not has_how_much:
        missing.append("Add how much: a number or a percentage, e.g. 'from 62% to 80%'.")
    if not has_when:
        missing.append("Add a date: by when, e.g. 'by June 2026'.")
    if not has_whom:
        missing.append("Say for whom, e.g. 'for 9th-grade English learners'.")
    return AimCheck(tuple(missing), has_what, has_how_much, has_when, has_whom)
