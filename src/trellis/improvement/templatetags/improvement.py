"""Template helpers: the projects section of an organization's page, and USWDS form fields."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.utils.safestring import SafeString, mark_safe

from trellis.improvement import selectors

register = template.Library()

_CLASSES = {
    forms.Textarea: "usa-textarea",
    forms.Select: "usa-select",
    forms.SelectMultiple: "usa-select",
    forms.FileInput: "usa-file-input",
    forms.ClearableFileInput: "usa-file-input",
}


@register.inclusion_tag("improvement/_field.html")
def field(bound: forms.BoundField, hx: str = "") -> dict[str, Any]:
    widget = bound.field.widget
    if isinstance(widget, forms.CheckboxInput):
        css = "usa-checkbox__input"
    elif isinstance(widget, forms.CheckboxSelectMultiple | forms.HiddenInput):
        css = ""
    else:
        css = next((c for kind, c in _CLASSES.items() if isinstance(widget, kind)), "usa-input")
    attrs: dict[str, str | bool] = {"class": css} if css else {}
    if bound.errors:
        attrs["aria-invalid"] = "true"
    if bound.help_text:
        attrs["aria-describedby"] = f"{bound.auto_id}-hint"
    return {
        "f": bound,
        "widget": bound.as_widget(attrs=attrs),
        "checkbox": isinstance(widget, forms.CheckboxInput),
        "multi": isinstance(widget, forms.CheckboxSelectMultiple),
        "hidden": isinstance(widget, forms.HiddenInput),
    }


@register.filter
def svg(markup: str) -> SafeString:
    """Chart SVG built by our own pure renderers (every text escaped there)."""
    return mark_safe(markup)


@register.simple_tag
def driver_diagram(project: Any, tree: Any) -> SafeString:
    return svg(selectors.driver_svg(project, tree))
