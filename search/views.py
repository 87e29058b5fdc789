"""The search page: /search/?q=...&kind=&language=&section=&year=&page=."""
from django.shortcuts import render
from django.utils.translation import get_language

from .display import describe, section_titles
from .engine import PER_PAGE, search
from .forms import SearchForm

PAGE_SIZE = PER_PAGE


def _url(params, **changes) -> str:
    """This page's query string with some parameters changed (None removes one); any change
    starts again from the first page."""
    query = params.copy()
    query.pop("page", None)
    for key, value in changes.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = value
    return "?" + query.urlencode() if query else "?"


def search_page(request):
    language = (get_language() or "en")[:2]
    sections = section_titles(language)
    form = SearchForm(request.GET, sections=sections)
    form.is_valid()
    text, filters, page = form.search_args()
    context = {"form": form, "filter_fields": [form["language"], form["section"], form["year"]],
               "search_query": text, "errors": form.error_sentences(), "results": None}
    if text:
        results = search(text, filters, page=page, per_page=PAGE_SIZE)
        if results.page > results.pages:  # past the end (results changed, or a typed URL)
            results = search(text, filters, page=results.pages, per_page=PAGE_SIZE)
        params = request.GET
        groups = [{
            "kind": group.kind, "label": group.label, "total": group.total, "capped": group.capped,
            "results": [describe(entry, sections, language) for entry in group.entries],
            "more_url": (_url(params, kind=group.kind)
                         if not filters.kind and group.total > len(group.entries) else ""),
        } for group in results.shown]
        context.update({
            "results": results,
            "groups": groups,
            "tabs": [{"label": None, "total": results.total, "capped": results.capped,
                      "url": _url(params, kind=None), "current": not filters.kind}]
                    + [{"label": group.label, "total": group.total, "capped": group.capped,
                        "url": _url(params, kind=group.kind), "current": group.kind == filters.kind}
                       for group in results.groups],
            "unfiltered_url": _url(params, kind=None, language=None, section=None, year=None)
                              if not filters.is_empty() else "",
            "previous_url": _page_url(params, results.page - 1) if results.page > 1 else "",
            "next_url": _page_url(params, results.page + 1) if results.page < results.pages else "",
        })
    return render(request, "search/search.html", context)


def _page_url(params, page: int) -> str:
    query = params.copy()
    query["page"] = str(page)
    return "?" + query.urlencode()
