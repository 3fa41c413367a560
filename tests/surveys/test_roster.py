"""Rosters: simple CSV/xlsx and OneRoster CSV, validated with file, line and column; all or nothing."""

from __future__ import annotations

import io

import openpyxl
import pytest

from trellis.lib.errors import ImportFailed
from trellis.surveys import actions
from trellis.surveys.models import Invitation, SurveyWindow
from trellis.surveys.roster import read_roster

SIMPLE = b"""Name,Email,Role,Organization
Ana Lopez,ana@alameda.example.org,teacher,01611920130229
Ben Kim,BEN@alameda.example.org,Principal,01611926000509
"""
ORGS = b"""sourcedId,status,dateLastModified,name,type,identifier,parentSourcedId
org-1,,,Alameda High,school,01611920130229,
org-2,,,Bay Farm Elementary,school,01611926000509,
"""
USERS = b"""sourcedId,status,dateLastModified,enabledUser,orgSourcedIds,role,username,userIds,givenName,\
familyName,middleName,identifier,email,sms,phone,agentSourcedIds,grades,password
u1,,,true,org-1,teacher,ana,,Ana,Lopez,,,ana@alameda.example.org,,,,,
u2,,,true,org-2,administrator,ben,,Ben,Kim,,,ben@alameda.example.org,,,,,
u3,,,true,org-2,student,kid,,Kid,Student,,,,,,,,
u4,,,true,org-1,aide,cy,,Cy,Aide,,,cy@alameda.example.org,,,,,
"""


def test_it_reads_a_simple_roster_and_oneroster_alike() -> None:
    simple = read_roster([("roster.csv", SIMPLE)])
    assert [(e.email, e.role, e.cds) for e in simple] == [
        ("ana@alameda.example.org", "teacher", "01611920130229"),
        ("ben@alameda.example.org", "administrator", "01611926000509"),
    ]
    oneroster = read_roster([("orgs.csv", ORGS), ("users.csv", USERS)])
    assert [(e.email, e.role, e.cds) for e in oneroster] == [
        ("ana@alameda.example.org", "teacher", "01611920130229"),
        ("ben@alameda.example.org", "administrator", "01611926000509"),
        ("cy@alameda.example.org", "classified", "01611920130229"),
    ]  # the student is skipped


def test_it_reads_xlsx() -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["name", "email", "role", "organization"])
    sheet.append(["Ana Lopez", "ana@alameda.example.org", "teacher", "01611920130229"])
    data = io.BytesIO()
    book.save(data)
    assert read_roster([("roster.xlsx", data.getvalue())])[0].cds == "01611920130229"


def test_it_names_file_line_and_column_of_every_problem() -> None:
    bad = SIMPLE + b"Cy,not-an-email,wizard,123\n,ana@alameda.example.org,teacher,01611920130229\n"
    with pytest.raises(ImportFailed) as failure:
        read_roster([("roster.csv", bad)])
    messages = [str(i) for i in failure.value.issues]
    assert "roster.csv, line 4, column 'email': 'not-an-email' is not an e-mail address" in messages
    assert any(m.startswith("roster.csv, line 4, column 'role': unknown role 'wizard'") for m in messages)
    assert "roster.csv, line 4, column 'organization': '123' is not a 14-digit CDS code" in messages
    assert "roster.csv, line 5, column 'name': the name is empty" in messages
    assert "roster.csv, line 5, column 'email': ana@alameda.example.org is already on line 2" in messages


def test_it_checks_oneroster_references_and_needs_both_files() -> None:
    users = USERS.replace(b"u2,,,true,org-2", b"u2,,,true,org-9")
    with pytest.raises(ImportFailed) as failure:
        read_roster([("orgs.csv", ORGS), ("users.csv", users)])
    assert [str(i) for i in failure.value.issues] == [
        "users.csv, line 3, column 'orgSourcedIds': 'org-9' is not a sourcedId in orgs.csv"
    ]
    with pytest.raises(ImportFailed) as failure:
        read_roster([("users.csv", USERS)])
    assert str(failure.value.issues[0]).startswith("orgs.csv: OneRoster needs this file too")
    with pytest.raises(ImportFailed) as failure:
        read_roster([("orgs.csv", ORGS.replace(b"01611920130229", b"school-1")), ("users.csv", USERS)])
    assert "orgs.csv, line 2, column 'identifier'" in str(failure.value.issues[0])


@pytest.mark.django_db
def test_it_imports_all_or_nothing_and_reimports_without_change(confidential: SurveyWindow) -> None:
    outside = SIMPLE + b"Dee,dee@fresno.example.org,teacher,10621661030618\n"
    with pytest.raises(ImportFailed) as failure:
        actions.roster_import(confidential, read_roster([("r.csv", outside)]), user=None)
    assert str(failure.value.issues[0]) == (
        "r.csv, line 4, column 'organization': 10621661030618 is not one of the organizations this survey is for"
    )
    assert Invitation.objects.count() == 0
    first = actions.roster_import(confidential, read_roster([("r.csv", SIMPLE)]), user=None)
    again = actions.roster_import(confidential, read_roster([("r.csv", SIMPLE)]), user=None)
    assert (first.added, again.added, again.unchanged) == (2, 0, 2)
    hashes = set(Invitation.objects.values_list("token_hash", flat=True))
    assert len(hashes) == 2 and all(len(h) == 64 for h in hashes)
