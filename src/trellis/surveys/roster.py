"""Reading survey rosters: a simple CSV/xlsx roster, or OneRoster CSV (`orgs.csv` + `users.csv`).

Pure: no Django. Every problem names its file, line and column (`ImportIssue`); a roster with any
problem raises `ImportFailed` and nothing is written (the action that stores it is all or nothing).

Simple roster columns (any order, any case): ``name, email, role, organization`` where
`organization` is the 14-digit CDS code. OneRoster 1.1 CSV (1EdTech): `orgs.csv` needs
``sourcedId, identifier`` (the CDS code goes in `identifier`), `users.csv` needs ``sourcedId,
orgSourcedIds, role, givenName, familyName, email``; students, parents, guardians and relatives are
skipped (staff surveys), and rows whose `status` is ``tobedeleted`` are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from trellis.lib.errors import ImportFailed, ImportIssue
from trellis.lib.tabular import Table, read_table

ROLES = ("teacher", "administrator", "counselor", "classified", "other")
ROLE_SYNONYMS = {
    "teacher": "teacher",
    "administrator": "administrator",
    "admin": "administrator",
    "principal": "administrator",
    "counselor": "counselor",
    "specialist": "counselor",
    "classified": "classified",
    "support": "classified",
    "other": "other",
    "": "other",
}
# OneRoster 1.1 role vocabulary, plus the staff roles 1.2 added.
ONEROSTER_ROLES = {
    "teacher": "teacher",
    "administrator": "administrator",
    "districtadministrator": "administrator",
    "siteadministrator": "administrator",
    "systemadministrator": "administrator",
    "principal": "administrator",
    "counselor": "counselor",
    "aide": "classified",
    "proctor": "classified",
}
ONEROSTER_NOT_STAFF = {"student", "parent", "guardian", "relative"}
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
CDS = re.compile(r"^[0-9]{14}$")


@dataclass(frozen=True)
class RosterEntry:
    file: str
    line: int
    name: str
    email: str
    role: str
    cds: str


def read_roster(files: Iterable[tuple[str, bytes]]) -> list[RosterEntry]:
    """Read the uploaded files: one simple roster, or OneRoster's orgs.csv and users.csv."""
    named = {name.rsplit("/", 1)[-1].lower(): data for name, data in files}
    if "users.csv" in named or "orgs.csv" in named:
        missing = [n for n in ("orgs.csv", "users.csv") if n not in named]
        if missing:
            raise ImportFailed(
                ImportIssue(m, None, None, "OneRoster needs this file too; upload both") for m in missing
            )
        return read_oneroster(
            read_table("orgs.csv", data=named["orgs.csv"]), read_table("users.csv", data=named["users.csv"])
        )
    if len(named) != 1:
        raise ImportFailed([ImportIssue(", ".join(named) or "(no file)", None, None, "upload one roster file")])
    ((name, data),) = named.items()
    return read_simple(read_table(name, data=data))


def read_simple(table: Table) -> list[RosterEntry]:
    table.require("name", "email", "role", "organization")
    entries: list[RosterEntry] = []
    issues: list[ImportIssue] = []
    for row in table.rows:
        problem = _collect(issues, table.file, row.line)
        name, email = row.get("name"), row.get("email").lower()
        role = ROLE_SYNONYMS.get(row.get("role").lower())
        cds = row.get("organization").replace("-", "").replace(" ", "")
        if not name:
            problem("name", "the name is empty")
        _check_email(problem, email)
        if role is None:
            problem("role", f"unknown role {row.get('role')!r}; use one of: {', '.join(ROLES)}")
        if not CDS.match(cds):
            problem("organization", f"{row.get('organization')!r} is not a 14-digit CDS code")
        entries.append(RosterEntry(table.file, row.line, name, email, role or "other", cds))
    _check_duplicates(entries, issues)
    if issues:
        raise ImportFailed(issues)
    return entries


def read_oneroster(orgs: Table, users: Table) -> list[RosterEntry]:
    orgs.require("sourcedId", "identifier")
    users.require("sourcedId", "orgSourcedIds", "role", "givenName", "familyName", "email")
    issues: list[ImportIssue] = []
    cds_by_org: dict[str, str] = {}
    for row in orgs.rows:
        problem = _collect(issues, orgs.file, row.line)
        if row.get("status").lower() == "tobedeleted":
            continue
        sourced, identifier = row.get("sourcedId"), row.get("identifier").replace("-", "")
        if not sourced:
            problem("sourcedId", "the sourcedId is empty")
        elif sourced in cds_by_org:
            problem("sourcedId", f"sourcedId {sourced!r} appears twice")
        if not CDS.match(identifier):
            problem(
                "identifier", f"{row.get('identifier')!r} is not a 14-digit CDS code; put the CDS code in identifier"
            )
        cds_by_org[sourced] = identifier
    entries: list[RosterEntry] = []
    for row in users.rows:
        problem = _collect(issues, users.file, row.line)
        raw_role = row.get("role")
        if row.get("status").lower() == "tobedeleted" or raw_role.lower() in ONEROSTER_NOT_STAFF:
            continue
        role = ONEROSTER_ROLES.get(raw_role.lower().replace(" ", ""), "other" if raw_role else None)
        if role is None:
            problem("role", "the role is empty")
        org_ids = [o.strip() for o in row.get("orgSourcedIds").split(",") if o.strip()]
        if not org_ids:
            problem("orgSourcedIds", "no organization given")
        elif org_ids[0] not in cds_by_org:
            problem("orgSourcedIds", f"{org_ids[0]!r} is not a sourcedId in orgs.csv")
        name = f"{row.get('givenName')} {row.get('familyName')}".strip()
        if not name:
            problem("givenName", "the name is empty")
        email = row.get("email").lower()
        _check_email(problem, email)
        cds = cds_by_org.get(org_ids[0], "") if org_ids else ""
        entries.append(RosterEntry(users.file, row.line, name, email, role or "other", cds))
    _check_duplicates(entries, issues)
    if issues:
        raise ImportFailed(issues)
    return entries


def _collect(issues: list[ImportIssue], file: str, line: int) -> Callable[[str, str], None]:
    def problem(column: str, message: str) -> None:
        issues.append(ImportIssue(file, line, column, message))

    return problem


def _check_email(problem: Callable[[str, str], None], email: str) -> None:
    if not email:
        problem("email", "the e-mail address is empty; every person needs one for their link")
    elif not EMAIL.match(email):
        problem("email", f"{email!r} is not an e-mail address")


def _check_duplicates(entries: list[RosterEntry], issues: list[ImportIssue]) -> None:
    first: dict[str, int] = {}
    for entry in entries:
        if entry.email and entry.email in first:
            issues.append(
                ImportIssue(entry.file, entry.line, "email", f"{entry.email} is already on line {first[entry.email]}")
            )
        first.setdefault(entry.email, entry.line)
