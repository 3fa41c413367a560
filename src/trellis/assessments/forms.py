"""Forms check the shape of input; the actions decide."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from trellis.assessments.models import Scope

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024  # 10 MB per file: documents and screenshots, not videos
# Allowed evidence types, by extension, with the bytes a real file of that type starts with
# (None: a text format with no signature; ZIP-based Office files all start with PK\x03\x04).
EVIDENCE_TYPES: dict[str, tuple[str, bytes | None]] = {
    ".pdf": ("application/pdf", b"%PDF-"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04"),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", b"PK\x03\x04"),
    ".csv": ("text/csv", None),
    ".txt": ("text/plain", None),
}


def validate_evidence_file(upload: UploadedFile) -> None:
    name = upload.name or ""
    extension = Path(name).suffix.lower()
    if extension not in EVIDENCE_TYPES:
        allowed = ", ".join(sorted(EVIDENCE_TYPES))
        raise ValidationError(
            _("%(name)s: this type of file is not accepted (use %(allowed)s).") % {"name": name, "allowed": allowed}
        )
    if (upload.size or 0) > MAX_EVIDENCE_BYTES:
        raise ValidationError(_("%(name)s is larger than 10 MB.") % {"name": name})
    content_type, signature = EVIDENCE_TYPES[extension]
    head = upload.read(16)
    upload.seek(0)
    if signature is not None and not head.startswith(signature):
        raise ValidationError(_("%(name)s is not a real %(ext)s file.") % {"name": name, "ext": extension})
    if signature is None and b"\x00" in head:
        raise ValidationError(_("%(name)s is not a text file.") % {"name": name})
    upload.content_type = content_type


class StartForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("What the team rates"),
        choices=[(s.value, s.label) for s in Scope if s != Scope.RECIPROCAL],
        widget=forms.RadioSelect,
        initial=Scope.BOTH,
    )
    school_year = forms.RegexField(
        label=_("School year"), regex=r"^\d{4}-\d{2}$", max_length=7, help_text=_("For example 2025-26.")
    )


class TeamForm(forms.Form):
    members: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Invite members of the organization"), queryset=None, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["members"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = members


def rank_choices(levels: list[tuple[int, str]]) -> list[tuple[str, str]]:
    return [(str(rank), f"{rank}. {name}") for rank, name in levels]


class ConsensusForm(forms.Form):
    rank = forms.TypedChoiceField(label=_("Consensus rating"), coerce=int, widget=forms.RadioSelect)
    evidence = forms.CharField(
        label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 4}), max_length=4000
    )
    links = forms.CharField(
        label=_("Links to evidence"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One web address per line."),
        max_length=4000,
    )
    file = forms.FileField(
        label=_("Attach a file"),
        required=False,
        help_text=_("PDF, image, Word, Excel, PowerPoint, CSV or text; up to 10 MB."),
        validators=[validate_evidence_file],
    )
    next_steps = forms.CharField(
        label=_("Next steps"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
    )

    def __init__(self, *args: Any, levels: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["rank"]
        assert isinstance(field, forms.TypedChoiceField)
        field.choices = rank_choices(levels)

    def clean_links(self) -> list[str]:
        links = [line.strip() for line in self.cleaned_data["links"].splitlines() if line.strip()]
        check = URLValidator(schemes=["http", "https"])
        for link in links:
            try:
                check(link)
            except ValidationError:
                raise ValidationError(
                    _("%(link)s is not a web address (http:// or https://).") % {"link": link}
                ) from None
        return links


class ShareForm(forms.Form):
    organizations: forms.ModelMultipleChoiceField[Any] = forms.ModelMultipleChoiceField(
        label=_("Share with"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    code = forms.CharField(
        label=_("Or another organization, by CDS code"),
        required=False,
        max_length=24,
        help_text=_("14 digits, e.g. a network host's or a partner's code."),
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organizations"]
        assert isinstance(field, forms.ModelMultipleChoiceField)
        field.queryset = candidates


class ReciprocalStartForm(forms.Form):
    pair = forms.ChoiceField(label=_("Support relationship"))
    period_start = forms.DateField(label=_("Support period from"), widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label=_("to"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, pairs: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["pair"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = pairs

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("period_start") and data.get("period_end") and data["period_end"] < data["period_start"]:
            raise ValidationError(_("The period must end after it starts."))
        return data
