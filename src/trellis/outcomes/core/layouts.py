"""Column orders of CDE's Dashboard download files by indicator and year.

Used to write synthetic files in the published layouts and to say whether a parsed file matches its
year's layout. The parser itself matches columns by name (case-insensitively), so a file with an
unexpected column order or extra columns still parses. `verified` says whether the order was read in
a CDE record layout (or a program that reads the real files); see docs/methods/dashboard.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from trellis.outcomes.core.rules import indicator_rules


@dataclass(frozen=True)
class Layout:
    indicator: str
    year: int
    columns: tuple[str, ...]
    verified: bool
    source: str
    file_name: str


def _envelope(year: int, *, suspension: bool = False, first: str = "cds") -> list[str]:
    cols = [first, "rtype", "schoolname", "districtname", "countyname", "charter_flag", "coe_flag"]
    if year >= 2019:
        cols.append("dass_flag")  # added in 2019 (ela24.asp, math19.asp)
    if suspension:
        cols.append("type")
    return cols


_PRLOSS = [
    "currprate_enrolled",
    "currprate_tested",
    "currprate",
    "currnumPRLOSS",
    "currdenom_withoutPRLOSS",
    "currstatus_withoutPRLOSS",
    "priorprate_enrolled",
    "priorprate_tested",
    "priorprate",
    "priornumPRLOSS",
    "priordenom_withoutPRLOSS",
    "priorstatus_withoutPRLOSS",
]
_LEVELS = ["change", "statuslevel", "changelevel", "color", "box"]
_RATE = ["currnumer", "currdenom", "currstatus", "priornumer", "priordenom", "priorstatus"]


def _academic(indicator: str, year: int) -> tuple[list[str], bool, str]:
    env = [*_envelope(year), "studentgroup"]
    if year >= 2024 or (indicator == "science" and year >= 2023):
        cols = [
            *env,
            "currdenom",
            "currstatus",
            "priordenom",
            "priorstatus",
            *_LEVELS,
            "currnsizemet",
            "priornsizemet",
            "accountabilitymet",
            "hscutpoints",
            "pairshare_method",
            *_PRLOSS,
            "indicator",
            "reportingyear",
        ]
        return (
            cols,
            indicator != "science",
            "lewstephenh/sas-portfolio regression_analysis.sas; ela24.asp",
        )
    if year == 2023:
        cols = [
            *env,
            "currdenom",
            "currstatus",
            "priordenom",
            "priorstatus",
            *_LEVELS,
            "currnsizemet",
            "priornsizemet",
            "accountabilitymet",
            "hscutpoints",
            "pairshare_method",
            *_PRLOSS,
            "indicator",
            "reportingyear",
        ]
        return cols, False, "assumed: the 2024 order (the indicator column was added in 2023)"
    if year == 2022:
        cols = [
            *env,
            "currdenom",
            "currstatus",
            "statuslevel",
            "hscutpoints",
            "pairshare_method",
            "prate_enrolled",
            "prate_tested",
            "prate",
            "numPRLOSS",
            "currdenom_withoutPRLOSS",
            "currstatus_withoutPRLOSS",
            "reportingyear",
        ]
        return cols, True, "dbt model excerpts of the 2022 files (reference §3.3)"
    if year == 2019:
        cols = [
            *env,
            "currdenom",
            "currstatus",
            "priordenom",
            "priordenom_swd",
            "priorstatus",
            *_LEVELS,
            "hscutpoints",
            "curradjustment",
            "prioradjustment",
            "pairshare_method",
            "notestflag",
            "ReportingYear",
        ]
        return (
            cols,
            True,
            "https://cde.ca.gov/Ta/ac/cm/math19.asp plus a dbt model of the trailing fields",
        )
    cols = [
        *env,
        "currdenom",
        "currstatus",
        "priordenom",
        "priorstatus",
        *_LEVELS,
        "hscutpoints",
        "ReportingYear",
    ]
    return cols, False, "assumed: the 2019 order without dass_flag and the adjustment fields"


def _rate(indicator: str, year: int) -> tuple[list[str], bool, str]:
    susp = indicator == "susp"
    first = "cdscode" if (susp and year == 2019) else "cds"  # suspindicator19.asp
    env = [*_envelope(year, suspension=susp, first=first), "studentgroup"]
    if year >= 2023:
        level_name = "changeLevel" if indicator == "chronic" else "changelevel"  # CDE's own spelling
        cols = [
            *env,
            *_RATE,
            "change",
            "statuslevel",
            level_name,
            "color",
            "box",
            "smalldenom",
            "currnsizemet",
            "priornsizemet",
            "accountabilitymet",
            "certifyflag",
            "dataerrorflag",
            "indicator",
            "reportingyear",
        ]
        verified = year >= 2024
        return (
            cols,
            verified,
            "chronic24.asp / suspindicator24.asp (fields 1-23; the tail from the Solano script)",
        )
    if year == 2022:
        cols = [
            *env,
            "currnumer",
            "currdenom",
            "currstatus",
            "statuslevel",
            "certifyflag",
            "dataerrorflag",
            "reportingyear",
        ]
        return cols, False, "chronic22.asp / suspindicator22.asp (status only); field order assumed"
    if susp and year == 2017:
        cols = [*env, *_RATE, "safetynet", *_LEVELS, "reportingyear"]
        return cols, True, "https://cde.ca.gov/TA/ac/cm/suspindicatorfall17.asp"
    cols = [
        *env,
        *_RATE,
        "change",
        "safetynet",
        "statuslevel",
        "changelevel",
        "color",
        "box",
        "reportingyear",
    ]
    return cols, year == 2019, "chronic19.asp (safetynet before statuslevel)"


def _grad(year: int) -> tuple[list[str], bool, str]:
    env = [*_envelope(year), "studentgroup"]
    if year >= 2023:
        cols = [
            *env,
            *_RATE,
            *_LEVELS,
            "smalldenom",
            "fiveyrnumer",
            "currnsizemet",
            "priornsizemet",
            "accountabilitymet",
            "indicator",
            "reportingyear",
        ]
        return cols, year >= 2024, "lewstephenh/sas-portfolio regression_analysis.sas (2024)"
    if year in (2020, 2021, 2022):
        cols = [*env, "currnumer", "currdenom", "currstatus", "statuslevel", "reportingyear"]
        return cols, False, "assumed (status-only and DASS-only years)"
    cols = [*env, *_RATE, *_LEVELS, "reportingyear"]
    return cols, False, "assumed"


def _elpi(year: int) -> tuple[list[str], bool, str]:
    env = _envelope(year)
    if year >= 2024:
        env.append("studentgroup")  # ELPI files had no studentgroup column before 2024 ([R] reference §3.1)
    measures = ["currprogressed", "currmaintainPL4", "currmaintainOth", "currdeclined"]
    if year >= 2024:
        measures += [
            "currprogressed_Alternate",
            "currmaintainPL3_Alternate",
            "currnotprognotmain_Alternate",
        ]
    if year in (2019, 2022):
        return (
            env + measures + ["currdenom", "currstatus", "statuslevel", "reportingyear"],
            False,
            "assumed",
        )
    tail = ["currdenom", "currstatus", "priordenom", "priorstatus", *_LEVELS]
    if year >= 2024:
        tail += ["currnsizemet", "priornsizemet", "accountabilitymet", "indicator"]
    return (
        env + measures + tail + ["reportingyear"],
        False,
        "elpi24.asp fields 1-16; the rest assumed",
    )


def _cci(year: int) -> tuple[list[str], bool, str]:
    env = [*_envelope(year), "studentgroup"]
    prep = ["curr_prep", "curr_aprep", "curr_nprep"]
    if year in (2017, 2023):
        return (
            [*env, "currdenom", "currstatus", *prep, "statuslevel", "reportingyear"],
            False,
            "assumed",
        )
    cols = [*env, "currdenom", "currstatus", *prep, "priordenom", "priorstatus", *_LEVELS]
    if year >= 2024:
        cols += ["currnsizemet", "priornsizemet", "accountabilitymet", "indicator"]
    return [*cols, "reportingyear"], False, "assumed (no CDE layout retrieved)"


def layout(indicator: str, year: int) -> Layout:
    """The column order of `indicator`'s download file for `year`."""
    if indicator in ("ela", "math", "science"):
        cols, verified, source = _academic(indicator, year)
    elif indicator in ("chronic", "susp"):
        cols, verified, source = _rate(indicator, year)
    elif indicator == "grad":
        cols, verified, source = _grad(year)
    elif indicator == "elpi":
        cols, verified, source = _elpi(year)
    elif indicator == "cci":
        cols, verified, source = _cci(year)
    else:
        raise KeyError(indicator)
    suffix = "f" if year == 2017 else ""
    return Layout(indicator, year, tuple(cols), verified, source, f"{indicator}download{year}{suffix}.txt")


def published_files(years: range | list[int]) -> list[tuple[str, int, str]]:
    """(indicator, year, file name) of every file CDE published for those years.

    2020 and 2021 had no Dashboard; only the DASS graduation files exist (reference §1.1).
    """
    out = []
    for year in years:
        for indicator in ("ela", "math", "chronic", "susp", "grad", "elpi", "cci", "science"):
            mode = indicator_rules(indicator).year(year).mode
            if mode in ("color", "status_only"):
                out.append((indicator, year, layout(indicator, year).file_name))
            elif indicator == "grad" and year in (2020, 2021):
                out.append((indicator, year, f"graddownload{year}dassonly.txt"))
    return out
