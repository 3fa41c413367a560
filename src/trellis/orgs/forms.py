from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class DirectorySearchForm(forms.Form):
    q = forms.CharField(label=_("Name or CDS code"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Level"),
        required=False,
        choices=[("", _("All levels")), ("coe", _("County offices")), ("lea", _("LEAs")), ("school", _("Schools"))],
    )


class OrganizationImportForm(forms.Form):
    file = forms.FileField(
        label=_("CDE file"),
        help_text=_("A Dashboard download file or the CDE public schools directory, as tab-delimited text or xlsx."),
    )
