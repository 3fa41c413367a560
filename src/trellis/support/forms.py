from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from trellis.orgs.models import Organization
from trellis.support.core.feedback import ITEMS, SCALE_LABELS
from trellis.support.core.focus import FOCUS_GROUPS, PRIORITIES
from trellis.support.models import ActivityKind, Level
from trellis.support.selectors import element_titles


class DateInput(forms.DateInput):
    input_type = "date"


class EngagementForm(forms.Form):
    recipient = forms.ModelChoiceField(queryset=Organization.objects.none(), label=_("Organization supported"))
    level = forms.TypedChoiceField(choices=Level.choices, coerce=int, label=_("Level of support"))
    title = forms.CharField(max_length=200, label=_("Title"))
    problem_of_practice = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Problem of practice")
    )
    goals = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False, label=_("Goals"))
    student_groups = forms.MultipleChoiceField(
        choices=list(FOCUS_GROUPS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Student groups"),
    )
    priorities = forms.TypedMultipleChoiceField(
        choices=[(n, f"{n}. {name}") for n, name in PRIORITIES.items()],
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Priority areas"),
    )
    elements = forms.MultipleChoiceField(
        choices=(), required=False, widget=forms.CheckboxSelectMultiple, label=_("Conditions and capacities")
    )
    starts_on = forms.DateField(widget=DateInput, label=_("Starts on"))
    ends_on = forms.DateField(widget=DateInput, required=False, label=_("Ends on"))

    def __init__(self, *args: Any, recipients: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = recipients  # type: ignore[attr-defined]
        self.fields["elements"].choices = sorted(element_titles().items(), key=lambda kv: kv[0])  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("ends_on") and data.get("starts_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end comes before the start."))
        return data


class ActivityForm(forms.Form):
    kind = forms.ChoiceField(choices=ActivityKind.choices, label=_("Activity"))
    occurred_on = forms.DateField(widget=DateInput, label=_("Date"))
    minutes = forms.IntegerField(min_value=5, max_value=24 * 60, label=_("Time spent (minutes)"))
    note = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False, label=_("Note"))


class CloseForm(forms.Form):
    outcome_note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}),
        label=_("Outcome"),
        help_text=_("What came of the engagement: progress on the goals, what the organization now does itself."),
    )
    closed_on = forms.DateField(widget=DateInput, label=_("Closed on"))


class FeedbackForm(forms.Form):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for item in ITEMS:
            self.fields[item.id] = forms.TypedChoiceField(
                label=item.text,
                choices=[(v, label) for v, label in SCALE_LABELS.items()],
                coerce=int,
                widget=forms.RadioSelect,
                required=False,
            )

    def answers(self) -> dict[str, int]:
        return {k: v for k, v in self.cleaned_data.items() if v not in (None, "")}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not any(v not in (None, "") for v in data.values()):
            raise forms.ValidationError(_("Answer at least one question."))
        return data
