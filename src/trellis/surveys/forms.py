from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from trellis.orgs.models import Kind, Organization
from trellis.surveys.models import Level, Mode

# Who a window is for, relative to the organization opening it.
POPULATIONS = {
    "self": _("The staff of this organization"),
    "self_lead": _("This county office's staff, as geographic lead agency"),
    "schools": _("The staff of every school under this organization"),
    "leas": _("The office staff of every district and charter under this organization"),
    "coes": _("The staff of every county office under this organization"),
}
SELF_LEVEL = {Kind.SCHOOL: Level.SCHOOL, Kind.LEA: Level.DISTRICT, Kind.COE: Level.COE}


def populations_for(org: Organization) -> list[tuple[str, str]]:
    keys: list[str] = []
    if org.kind in (Kind.SCHOOL, Kind.LEA, Kind.COE, Kind.STATE, Kind.AGENCY):
        keys.append("self")
    if org.kind == Kind.COE:
        keys.append("self_lead")
    if org.kind in (Kind.STATE, Kind.REGION, Kind.COE, Kind.LEA):
        keys.append("schools")
    if org.kind in (Kind.STATE, Kind.REGION, Kind.COE):
        keys.append("leas")
    if org.kind in (Kind.STATE, Kind.REGION):
        keys.append("coes")
    return [(k, str(POPULATIONS[k])) for k in keys]


def level_for(org: Organization, population: str) -> str:
    if population == "self":
        return str(SELF_LEVEL.get(Kind(org.kind), Level.STATE))
    return {"self_lead": Level.REGIONAL_LEAD, "schools": Level.SCHOOL, "leas": Level.DISTRICT, "coes": Level.COE}[
        population
    ]


def population_of(org: Organization, population: str) -> list[Organization]:
    if population in ("self", "self_lead"):
        return [org]
    kind = {"schools": Kind.SCHOOL, "leas": Kind.LEA, "coes": Kind.COE}[population]
    return list(Organization.objects.filter(org.descendants_q(), kind=kind, status="active").order_by("id"))


class WindowForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    population = forms.ChoiceField(label=_("Who is it for?"), widget=forms.RadioSelect)
    mode = forms.ChoiceField(label=_("Mode"), choices=Mode.choices, widget=forms.RadioSelect)
    opens_on = forms.DateField(label=_("First day"), widget=forms.DateInput(attrs={"type": "date"}))
    closes_on = forms.DateField(label=_("Last day"), widget=forms.DateInput(attrs={"type": "date"}))
    include_role = forms.BooleanField(label=_("Ask for the person's role (optional to answer)"), required=False)
    include_tenure = forms.BooleanField(label=_("Ask how long they have worked there (optional)"), required=False)

    def __init__(self, *args: Any, org: Organization, **kwargs: Any) -> None:
        today = timezone.localdate()
        kwargs.setdefault(
            "initial",
            {
                "opens_on": today,
                "closes_on": today + timedelta(days=21),
                "mode": Mode.CONFIDENTIAL,
                "include_role": True,
                "include_tenure": True,
            },
        )
        super().__init__(*args, **kwargs)
        choices = populations_for(org)
        population = self.fields["population"]
        assert isinstance(population, forms.ChoiceField)
        population.choices = choices
        if choices:
            self.fields["population"].initial = choices[0][0]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("opens_on") and data.get("closes_on") and data["closes_on"] < data["opens_on"]:
            self.add_error("closes_on", _("The last day must not be before the first day."))
        return data


class RosterForm(forms.Form):
    pass
