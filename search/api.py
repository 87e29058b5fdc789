"""Search over /api/v1/: the page's results as JSON, and suggestions for the search box.

Parameters are the page's (`q`, `kind`, `language`, `section`, `year`, `page`) and are checked
by the same form, so a filter the page would refuse is a 422 here with the same sentence.
Any text is a valid query: quotes, operators, NUL bytes and emoji are just characters.
"""
from typing import Annotated

from django.utils.translation import get_language, ngettext
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from .display import describe, section_titles
from .engine import PER_PAGE, search, suggest
from .forms import SearchForm

router = Router(tags=["search"])

PageSize = Annotated[int, Field(ge=1, le=50)]


class ResultOut(Schema):
    kind: str
    kind_label: str
    title: str
    original_title: str
    url: str
    meta: list[str]
    summary: str
    language: str
    section: str
    year: int | None
    date: str | None


class GroupOut(Schema):
    kind: str
    label: str
    total: int
    capped: bool = Field(..., description="True when there are more than `total` (counting stops at 1000)")
    results: list[ResultOut]


class PageOut(Schema):
    number: int
    size: int
    pages: int


class SearchOut(Schema):
    query: str
    total: int
    counts: dict[str, int]
    groups: list[GroupOut]
    page: PageOut


class SuggestionsOut(Schema):
    query: str
    suggestions: list[ResultOut]
    status: str


class Problem(Schema):
    detail: str


def _form(request) -> tuple[SearchForm, dict[str, str], str]:
    language = (get_language() or "en")[:2]
    sections = section_titles(language)
    form = SearchForm(request.GET, sections=sections)
    if not form.is_valid():
        raise HttpError(422, " ".join(form.error_sentences()))
    return form, sections, language


@router.get("/search", response={200: SearchOut, 422: Problem},
            summary="Search videos, people, works and articles")
def search_endpoint(request, q: str = "", kind: str = "", language: str = "", section: str = "",
                    year: str = "", page: str = "", page_size: PageSize = PER_PAGE):
    """Results grouped by kind, best group first, as on /search/. Without `kind` each group
    holds its best five; with `kind`, its group holds page `page` (`page_size` a page) and
    `counts` still gives every kind's total."""
    form, sections, ui_language = _form(request)
    text, filters, number = form.search_args()
    results = search(text, filters, page=number, per_page=page_size)
    return {
        "query": results.query.text,
        "total": results.total,
        "counts": results.counts,
        "groups": [{"kind": group.kind, "label": str(group.label), "total": group.total,
                    "capped": group.capped,
                    "results": [describe(entry, sections, ui_language) for entry in group.entries]}
                   for group in results.shown],
        "page": {"number": results.page, "size": page_size, "pages": results.pages},
    }


@router.get("/search/autocomplete", response={200: SuggestionsOut, 422: Problem},
            summary="Suggestions for the search box")
def autocomplete_endpoint(request, q: str = ""):
    """Names and titles that match what has been typed so far (the last word may be
    unfinished), best first, at most eight."""
    form, sections, ui_language = _form(request)
    text, _, _ = form.search_args()
    entries = suggest(text)
    count = len(entries)
    return {
        "query": text,
        "suggestions": [describe(entry, sections, ui_language) for entry in entries],
        "status": ngettext("%(count)d suggestion", "%(count)d suggestions", count) % {"count": count},
    }
