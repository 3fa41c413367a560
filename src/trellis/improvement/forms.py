"""Input shape only; decisions are in actions.py and core/."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.utils.translation import gettext_lazy as _

from trellis.improvement.models import (
    CauseKind,
    DriverNode,
    FishboneCategory,
    Measure,
    PdsaCycle,
    Project,
    TeamRole,
)

if TYPE_CHECKING:
    ProjectModelForm = forms.ModelForm[Project]
    MeasureModelForm = forms.ModelForm[Measure]
    PdsaModelForm = forms.ModelForm[PdsaCycle]
else:  # Django's ModelForm is not subscriptable at run time
    ProjectModelForm = MeasureModelForm = PdsaModelForm = forms.ModelForm

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
NO_NAMES_HELP = _("Tick only after checking: the text names no student (describe students by grade or role).")


class ProjectForm(ProjectModelForm):
    class Meta:
        model = Project
        fields = ["title", "problem", "aim", "started_on"]
        labels = {"started_on": _("Started on")}
        help_texts = {
            "problem": _(
                "The problem of practice, in the team's words: what is happening, for whom, and why it matters."
            ),
            "aim": _("What will improve, by how much, by when, and for whom."),
        }
        widgets = {
            "started_on": DATE,
            "problem": forms.Textarea(attrs={"rows": 3}),
            "aim": forms.Textarea(attrs={"rows": 3}),
        }


class ProjectEditForm(ProjectForm):
    class Meta(ProjectForm.Meta):
        fields = ["title", "problem", "aim", "started_on", "status", "progress_override"]
        labels = {**ProjectForm.Meta.labels, "progress_override": _("Progress score set by the team (optional)")}
        widgets = {
            **ProjectForm.Meta.widgets,
            "progress_override": forms.NumberInput(attrs={"step": "0.5", "min": "0.5", "max": "5"}),
        }


class TeamForm(forms.Form):
    member: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Person"), queryset=None)
    role = forms.ChoiceField(label=_("Role on the team"), choices=TeamRole.choices)

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["member"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = candidates


class ShareForm(forms.Form):
    organization: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Share with"), queryset=None)

    def __init__(self, *args: Any, targets: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organization"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = targets


class RootCauseForm(forms.Form):
    kind = forms.ChoiceField(choices=CauseKind.choices, widget=forms.HiddenInput)
    category = forms.ChoiceField(label=_("Category"), choices=[("", "—"), *FishboneCategory.choices], required=False)
    interviewee = forms.CharField(
        label=_("Who was interviewed (role or grade, never a name)"), max_length=120, required=False
    )
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 3}))
    confirmed = forms.BooleanField(label=_("I checked: no student is named"), required=False, help_text=NO_NAMES_HELP)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") == CauseKind.FISHBONE and not data.get("category"):
            self.add_error("category", _("Choose the fishbone category this cause belongs to."))
        return data


class DriverForm(forms.Form):
    text = forms.CharField(label=_("Text"), max_length=300)
    parent = forms.ModelChoiceField(queryset=DriverNode.objects.none(), required=False, widget=forms.HiddenInput)


class MeasureForm(MeasureModelForm):
    class Meta:
        model = Measure
        fields = [
            "name",
            "kind",
            "definition",
            "frequency",
            "unit",
            "higher_is_better",
            "target",
            "chart",
            "baseline_points",
            "as_percent",
        ]
        widgets = {"definition": forms.Textarea(attrs={"rows": 3})}
        labels = {"baseline_points": _("Baseline points"), "as_percent": _("Show as a percentage")}


class PasteForm(forms.Form):
    cells = forms.CharField(
        label=_("Paste from a spreadsheet"),
        help_text=_("Copy two columns (date, value) — or three with a denominator — and paste them here."),
        widget=forms.Textarea(attrs={"rows": 8, "spellcheck": "false"}),
    )


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Upload a CSV or Excel file"),
        help_text=_(
            "Columns: date, value, and optionally denominator and note. Nothing is saved unless every row is valid."
        ),
    )


class NoteForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DATE)
    text = forms.CharField(label=_("Note"), max_length=120)


class PdsaForm(PdsaModelForm):
    measures = forms.ModelMultipleChoiceField(
        label=_("Measures this cycle watches"),
        queryset=Measure.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    confirmed = forms.BooleanField(label=_("I checked: no student is named"), required=False, help_text=NO_NAMES_HELP)

    class Meta:
        model = PdsaCycle
        fields = [
            "title",
            "change_idea",
            "previous",
            "starts_on",
            "ends_on",
            "question",
            "prediction",
            "plan",
            "data_plan",
            "measures",
            "observations",
            "results",
            "decision",
            "next_steps",
        ]
        labels = {"change_idea": _("Change idea tested"), "previous": _("Follows cycle (ramp)")}
        widgets = {
            "starts_on": DATE,
            "ends_on": DATE,
            **{
                f: forms.Textarea(attrs={"rows": 3})
                for f in ("question", "prediction", "plan", "data_plan", "observations", "results", "next_steps")
            },
        }

    def __init__(self, *args: Any, project: Project, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from trellis.improvement.models import DriverKind

        self.fields["change_idea"].queryset = project.drivers.filter(kind=DriverKind.CHANGE)  # type: ignore[attr-defined]
        previous = project.cycles.all()
        if self.instance.pk:
            previous = previous.exclude(pk=self.instance.pk)
        self.fields["previous"].queryset = previous  # type: ignore[attr-defined]
        self.fields["measures"].queryset = project.measures.all()  # type: ignore[attr-defined]
