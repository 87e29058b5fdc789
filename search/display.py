"""How a search result reads, in the reader's language: for the page, the API and the box alike.

Entries store codes (kind, section slug, dates), never sentences, so each reader gets labels
in their own language from the same row.
"""
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from catalog.dates import PartialDate
from catalog.models import Person, Work
from editorial.models import Language, sections_by_path

from .models import Kind, SearchEntry

LANGUAGE_NAMES = dict(Language.choices)


def section_titles(language: str) -> dict[str, str]:
    """Section slug → its title in `language`, for every live section, from the cached sections
    (at scale the query took longer than the search: SQLite read the page tree to find three)."""
    return {section.slug: section.title_for(language)
            for section in sections_by_path().values() if section.live}


def kind_label(entry: SearchEntry) -> str:
    """"Group", "Music video", "Article": what one result is."""
    if entry.kind == Kind.PERSON:
        return str(Person.Kind(entry.subkind).label) if entry.subkind in Person.Kind.values else _("Person")
    if entry.kind == Kind.ARTICLE:
        return _("Article")
    return str(Work.Kind(entry.kind).label)


def describe(entry: SearchEntry, sections: dict[str, str], language: str | None = None) -> dict:
    """A result as plain data: what the template renders and the API returns."""
    language = (language or get_language() or "en")[:2]
    title = entry.title_ru if language == "ru" and entry.title_ru else entry.title
    if entry.kind == Kind.ARTICLE:
        meta = [sections.get(entry.section, ""),
                PartialDate(entry.date.year, entry.date.month, entry.date.day).display(language)
                if entry.date else ""]
    else:
        meta = [entry.byline, str(entry.year or "")]
    return {
        "kind": entry.kind,
        "kind_label": kind_label(entry),
        "title": title,
        # The canonical spelling when the title shown is another one (Олдбой — Oldboy).
        "original_title": entry.title if title != entry.title else "",
        "url": entry.url,
        # Section and date, artists and year, or a person's disambiguation.
        "meta": [part for part in meta if part],
        "summary": entry.summary,
        "language": entry.language,
        "language_name": LANGUAGE_NAMES.get(entry.language, ""),
        "section": entry.section,
        "year": entry.year,
        "date": entry.date.isoformat() if entry.date else None,
    }
