"""The search form's GET parameters, shared by the page and the JSON API.

A filter that does not make sense (year=abc, kind=spaceship) is reported in a sentence and
left out; the rest of the search still runs, and the words typed are never refused: a query
that is too long is shortened, not rejected.
"""
from django import forms
from django.utils.translation import gettext_lazy as _

from editorial.models import Language

from .analysis import clean_query
from .backends import Filters
from .models import Kind

MIN_YEAR, MAX_YEAR = 1850, 2100
MAX_PAGE = 1000


class QueryField(forms.CharField):
    """Tidies the words (NUL bytes and control characters out, length capped) before any
    validation, so no query is ever refused."""

    def to_python(self, value) -> str:
        return clean_query(super().to_python(value))


class SearchForm(forms.Form):
    q = QueryField(label=_("Search for"), required=False)
    kind = forms.ChoiceField(label=_("Show"), required=False,
                             choices=[("", _("Everything"))] + Kind.choices, error_messages={
                                 "invalid_choice": _("There is no kind of result called “%(value)s”: "
                                                     "pick one from the list.")})
    language = forms.ChoiceField(label=_("Articles in"), required=False,
                                 choices=[("", _("Any language"))] + Language.choices, error_messages={
                                     "invalid_choice": _("Articles are in Russian or English: "
                                                         "pick one from the list.")})
    section = forms.ChoiceField(label=_("Section"), required=False, error_messages={
        "invalid_choice": _("There is no section called “%(value)s”: pick one from the list.")})
    year = forms.IntegerField(label=_("Year"), required=False, min_value=MIN_YEAR, max_value=MAX_YEAR,
                              error_messages={
                                  "invalid": _("Type the year as a number, such as 2020."),
                                  "min_value": _("Type a year between 1850 and 2100."),
                                  "max_value": _("Type a year between 1850 and 2100."),
                              })
    page = forms.IntegerField(required=False, min_value=1, max_value=MAX_PAGE, error_messages={
        "invalid": _("Page numbers are whole numbers, such as 2."),
        "min_value": _("Page numbers start at 1."),
        "max_value": _("Results stop at page 1000: add a word or a filter to narrow them."),
    })

    def __init__(self, *args, sections: dict[str, str] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [("", _("Any section"))] + sorted((sections or {}).items())
        self.fields["year"].widget.attrs.update({"inputmode": "numeric"})

    def search_args(self) -> tuple[str, Filters, int]:
        """(query, filters, page) from the fields that are valid; call after is_valid()."""
        data = getattr(self, "cleaned_data", {})
        filters = Filters(kind=data.get("kind") or None, language=data.get("language") or None,
                          section=data.get("section") or None, year=data.get("year"))
        return data.get("q", ""), filters, data.get("page") or 1

    def error_sentences(self) -> list[str]:
        return [str(message) for messages in self.errors.values() for message in messages]
