"""Codes used in CDE's Dashboard files, in one place.

Sources: record layouts https://www.cde.ca.gov/Ta/ac/cm/ela24.asp, https://cde.ca.gov/Ta/ac/cm/math19.asp,
https://cde.ca.gov/ta/ac/cm/chronic22.asp and https://www.cde.ca.gov/ta/ac/cm/suspindicator24.asp.
Every level code runs from 1 (worst) to 5 (best); 0 means "no data" / "no color".
"""

from __future__ import annotations

from typing import Final

INDICATORS: Final = ("ela", "math", "chronic", "susp", "grad", "elpi", "cci", "science")

INDICATOR_NAMES: Final = {
    "ela": "English Language Arts",
    "math": "Mathematics",
    "chronic": "Chronic Absenteeism",
    "susp": "Suspension Rate",
    "grad": "Graduation Rate",
    "elpi": "English Learner Progress",
    "cci": "College/Career",
    "science": "Science",
}

# Status and change labels, in ascending numeric order of the measured value.
STATUS_LABELS: Final = ("VL", "L", "M", "H", "VH")
CHANGE_LABELS_ASCENDING: Final = ("DS", "D", "M", "I", "IS")
# Grid columns in the order CDE's box numbering uses (suspindicatorspring17.asp: IS=0 … DS=4).
GRID_COLUMNS: Final = ("IS", "I", "M", "D", "DS")

STATUS_NAMES: Final = {"VL": "Very Low", "L": "Low", "M": "Medium", "H": "High", "VH": "Very High"}
CHANGE_NAMES: Final = {
    "IS": "Increased Significantly",
    "I": "Increased",
    "M": "Maintained",
    "D": "Declined",
    "DS": "Declined Significantly",
}

NO_COLOR: Final = 0
RED, ORANGE, YELLOW, GREEN, BLUE = 1, 2, 3, 4, 5
COLOR_CODES: Final = {
    "N/A": 0,
    "Red": RED,
    "Orange": ORANGE,
    "Yellow": YELLOW,
    "Green": GREEN,
    "Blue": BLUE,
}
COLOR_NAMES: Final = {code: name for name, code in COLOR_CODES.items() if code} | {0: "No Color"}

STUDENT_GROUPS: Final = {
    "ALL": "All Students",
    "AA": "Black/African American",
    "AI": "American Indian or Alaska Native",
    "AS": "Asian",
    "FI": "Filipino",
    "HI": "Hispanic",
    "PI": "Pacific Islander",
    "WH": "White",
    "MR": "Two or More Races",
    "EL": "English Learners",
    "LTEL": "Long-Term English Learners",
    "ELO": "English Learners Only",
    "RFP": "Recently Reclassified Fluent-English Proficient Only",
    "EO": "English Only",
    "SED": "Socioeconomically Disadvantaged",
    "SWD": "Students with Disabilities",
    "FOS": "Foster Youth",
    "HOM": "Homeless Youth",
    "SBA": "Smarter Balanced Summative Assessment takers",
    "CAA": "California Alternate Assessment takers",
}
# The LCFF assistance files spell "two or more races" TOM (statusrecordlayout18.asp); Dashboard
# files say MR.
GROUP_ALIASES: Final = {"TOM": "MR"}
# Informational groups never receive a color (reference §1.6, [R]); they are reported, not judged.
INFORMATIONAL_GROUPS: Final = frozenset({"ELO", "RFP", "EO", "SBA", "CAA"})

RECORD_TYPES: Final = frozenset({"S", "D", "X", "L"})  # L = LEA in the Spring 2017 files
SUSPENSION_TYPES: Final = frozenset({"ES", "MS", "HS", "ED", "HD", "UD"})

DISTRICT_SCHOOL_CODE: Final = "0000000"  # caschooldashboard.org/about/glossary: LEA rows use school code 0000000
STATE_CDS: Final = "00000000000000"
