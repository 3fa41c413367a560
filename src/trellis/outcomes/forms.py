from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from trellis.outcomes.core.codes import INDICATOR_NAMES


class DashboardImportForm(forms.Form):
    file = forms.FileField(
        label=_("Dashboard download file"),
        help_text=_(
            "A California School Dashboard download file (tab-delimited text or xlsx), e.g. eladownload2019.txt."
        ),
    )
    indicator = forms.ChoiceField(
        label=_("Indicator"),
        required=False,
        choices=[("", _("From the file name"))] + [(k, v) for k, v in INDICATOR_NAMES.items()],
    )
    year = forms.IntegerField(label=_("Dashboard year"), required=False, min_value=2017, max_value=2100)
