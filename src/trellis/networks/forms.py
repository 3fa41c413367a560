from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from trellis.networks.models import ConveningKind, EntryKind
from trellis.orgs.models import Organization


class DateInput(forms.DateInput):
    input_type = "date"


class LibrarySearchForm(forms.Form):
    q = forms.CharField(label=_("Search the library by meaning"), required=False, max_length=300)


class LibraryEntryForm(forms.Form):
    kind = forms.ChoiceField(choices=EntryKind.choices, label=_("Kind"))
    title = forms.CharField(max_length=200, label=_("Title"))
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label=_("What was tried and what was learned"))


class ConveningForm(forms.Form):
    title = forms.CharField(max_length=200, label=_("Title"))
    kind = forms.ChoiceField(choices=ConveningKind.choices, label=_("Kind"))
    held_on = forms.DateField(widget=DateInput, label=_("Date"))
    location = forms.CharField(max_length=200, required=False, label=_("Location"))
    agenda = forms.CharField(widget=forms.Textarea(attrs={"rows": 5}), required=False, label=_("Agenda"))


class ConsultancyForm(forms.Form):
    presenting = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("Presenting team's organization"))
    focusing_question = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label=_("Focusing question"))
    warm_feedback = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Warm feedback"))
    cool_feedback = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Cool feedback"))
    next_steps = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Next steps"))

    def __init__(self, *args: Any, members: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["presenting"].queryset = members  # type: ignore[attr-defined]
