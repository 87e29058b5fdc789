"""Choosing works and people on an article's form without listing the whole catalog.

A plain multiple select renders every work and every person as an option: at 100,000 works and
50,000 people the article edit screen took 65 s to open. `ChooseMany` renders only the records
already chosen; its script (catalog/static/catalog/choose_many.js) adds others found through
`choose_records`, the site search over names and titles in any script.
"""
from django import forms
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

MAX_FOUND = 10


class ChooseMany(forms.SelectMultiple):
    """A multiple select of the chosen records only, with a search box added by its script."""

    def __init__(self, kind: str, attrs=None):
        self.kind = kind  # "work" or "person": what `choose_records` looks for
        super().__init__(attrs)

    class Media:
        js = ["catalog/choose_many.js"]
        css = {"all": ["catalog/choose_many.css"]}

    def optgroups(self, name, value, attrs=None):
        # A form sent back with errors may carry anything here: only ids can name a record.
        chosen = [v for v in value if str(v).isdigit()]
        queryset = self.choices.queryset.filter(pk__in=chosen) if chosen else self.choices.queryset.none()
        groups = []
        for index, record in enumerate(queryset):
            option = self.create_option(name, str(record.pk), str(record), True, index, attrs=attrs)
            groups.append((None, [option], index))
        return groups

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        attrs = context["widget"]["attrs"]
        attrs["data-choose-url"] = reverse("catalog_choose", args=[self.kind])
        # The script's words, in the editor's language.
        attrs["data-search-label"] = _("Type a name or title to add…")
        attrs["data-remove-label"] = _("Remove")
        return context


def choose_records(request, kind: str):
    """[{"id", "label"}] of the works or people best matching `q`, for the chooser's list.
    An admin URL (catalog.wagtail_hooks): Wagtail lets only people with admin access in."""
    from search.engine import search

    if kind not in ("work", "person"):
        return JsonResponse({"detail": "Choose works or people."}, status=404)
    results = search(request.GET.get("q", "")[:200])
    found = [{"id": int(entry.ref.split(":")[1]), "label": chooser_label(entry)}
             for group in results.groups for entry in group.entries
             if entry.ref.startswith(f"{kind}:")]
    return JsonResponse({"results": found[:MAX_FOUND]})


def chooser_label(entry) -> str:
    """"Run (Music video · Joji · 2020)": enough to tell namesakes apart."""
    from search.display import describe

    shown = describe(entry, sections={})
    details = " · ".join([shown["kind_label"], *shown["meta"]])
    return f"{shown['title']} ({details})" if details else shown["title"]
