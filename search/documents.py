"""Catalog records and articles turned into search entries, many at a time.

Each builder takes a list of ids and reads everything it needs in a handful of queries (never
one query per record), so the same code serves one changed record and a rebuild of 350,000.
It yields (entry, text) pairs without ids (search.indexing assigns them); an id that no longer
qualifies (deleted, unpublished, private) simply yields nothing.
"""
from collections import defaultdict
from collections.abc import Iterable, Iterator

from django.db.models import Q
from wagtail.models import Page

from catalog.models import Credit, Person, PersonName, Role, Work, WorkArtist, WorkTitle
from editorial.cards import PageUrls
from editorial.models import ArticlePage, ArticleTag, SectionPage
from editorial.restrictions import read_restricted_paths
from editorial.text import cut_at_word, html_to_text

from .analysis import name_tokens, text_tokens
from .models import Kind, SearchEntry, SearchText

SUMMARY_CHARS = 200


def person_ref(pk: int) -> str:
    return f"person:{pk}"


def work_ref(pk: int) -> str:
    return f"work:{pk}"


def page_ref(pk: int) -> str:
    return f"page:{pk}"


def facets(language: str = "", section: str = "", year: int | None = None) -> str:
    """The filters an entry answers to besides its kind, as tokens: "l:ru s:news y:2020"."""
    parts = [f"l:{language}" if language else "", f"s:{section}" if section else "",
             f"y:{year}" if year else ""]
    return " ".join(part for part in parts if part)


Document = tuple[SearchEntry, SearchText]


def _grouped(pairs: Iterable[tuple[int, str]]) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = defaultdict(list)
    for key, value in pairs:
        grouped[key].append(value)
    return grouped


def people(ids: list[int]) -> Iterator[Document]:
    aliases = PersonName.objects.filter(person_id__in=ids).order_by("person_id", "sort_order")
    other_names = _grouped(aliases.values_list("person_id", "name"))
    # Reversed so the first Russian spelling wins.
    russian = dict(list(aliases.filter(language="ru").values_list("person_id", "name"))[::-1])
    fields = ("id", "kind", "name", "slug", "disambiguation", "country", "genres", "bio")
    for person in Person.objects.filter(pk__in=ids).only(*fields).order_by("pk"):
        tokens = name_tokens([person.name, *other_names.get(person.pk, [])])
        yield SearchEntry(
            ref=person_ref(person.pk), kind=Kind.PERSON, subkind=person.kind,
            url=person.get_absolute_url(), title=person.name, title_ru=russian.get(person.pk, ""),
            byline=person.disambiguation, summary=cut_at_word(person.bio, SUMMARY_CHARS),
            names_folded=tokens.folded, whole_keys=tokens.whole_keys,
        ), SearchText(
            title_tokens=tokens.title, key_tokens=tokens.keys,
            body_tokens=text_tokens(person.disambiguation, person.genres, person.bio),
        )


def works(ids: list[int]) -> Iterator[Document]:
    titles = WorkTitle.objects.filter(work_id__in=ids).order_by("work_id", "sort_order")
    other_titles = _grouped(titles.values_list("work_id", "title"))
    russian = dict(list(titles.filter(language="ru").values_list("work_id", "title"))[::-1])
    artists = _grouped(WorkArtist.objects.filter(work_id__in=ids).order_by("work_id", "sort_order")
                       .values_list("work_id", "person__name"))
    directors = _grouped(Credit.objects.filter(work_id__in=ids, role=Role.DIRECTOR)
                         .order_by("work_id", "sort_order").values_list("work_id", "person__name"))
    fields = ("id", "kind", "title", "slug", "release_year", "description")
    for work in Work.objects.filter(pk__in=ids).only(*fields).order_by("release_year", "pk"):
        work_artists = artists.get(work.pk, [])
        tokens = name_tokens([work.title, *other_titles.get(work.pk, [])])
        year = str(work.release_year or "")
        yield SearchEntry(
            ref=work_ref(work.pk), kind=work.kind, url=work.get_absolute_url(), title=work.title,
            title_ru=russian.get(work.pk, ""), byline=", ".join(work_artists),
            summary=cut_at_word(work.description, SUMMARY_CHARS), year=work.release_year,
            names_folded=tokens.folded, whole_keys=tokens.whole_keys,
        ), SearchText(
            title_tokens=tokens.title, key_tokens=tokens.keys,
            body_tokens=text_tokens(*work_artists, *directors.get(work.pk, []), year, work.description),
            facets=facets(year=work.release_year),
        )


def articles(ids: list[int]) -> Iterator[Document]:
    """Live articles that anyone may read; drafts and restricted pages are not searchable."""
    # From the database, not the listings' cache: the index must never outlive a restriction.
    urls, private = PageUrls(), read_restricted_paths()
    sections = {path: slug for path, slug in SectionPage.objects.values_list("path", "slug")}
    tags = _grouped(ArticleTag.objects.filter(content_object_id__in=ids)
                    .values_list("content_object_id", "tag__name"))
    fields = ("id", "title", "path", "url_path", "language", "teaser", "body", "author", "date")
    pages = ArticlePage.objects.live().filter(pk__in=ids).only(*fields).order_by("date", "pk")
    for page in pages:
        url = urls.url(page.url_path)
        if url is None or any(page.path.startswith(path) for path in private):
            continue
        tokens = name_tokens([page.title], with_keys=False)
        section = sections.get(page.path[:-Page.steplen], "")
        yield SearchEntry(
            ref=page_ref(page.pk), kind=Kind.ARTICLE, url=url, title=page.title,
            byline=page.author, summary=cut_at_word(page.teaser, SUMMARY_CHARS),
            language=page.language, section=section, year=page.date.year, date=page.date,
            names_folded=tokens.folded,
        ), SearchText(
            title_tokens=tokens.title, key_tokens=tokens.keys,
            body_tokens=text_tokens(page.teaser, *tags.get(page.pk, []), page.author,
                                    html_to_text(page.body)),
            facets=facets(page.language, section, page.date.year),
        )


BUILDERS = {"person": people, "work": works, "page": articles}


def all_ids() -> Iterator[tuple[str, list[int]]]:
    """(source, ids) for everything that may be searchable. Articles come oldest first, so
    that entry ids grow with the date, as they do when articles are published one by one:
    past its ranking window a search lists matches newest first by entry id."""
    yield "person", list(Person.objects.order_by("pk").values_list("pk", flat=True))
    yield "work", list(Work.objects.order_by("release_year", "pk").values_list("pk", flat=True))
    yield "page", list(ArticlePage.objects.live().order_by("date", "pk").values_list("pk", flat=True))


def articles_under(page_id: int) -> list[int]:
    """Ids of the articles at or below a page (a moved section, a new view restriction)."""
    page = Page.objects.filter(pk=page_id).only("path").first()
    if page is None:
        return []
    return list(ArticlePage.objects.filter(Q(path__startswith=page.path)).values_list("pk", flat=True))


def works_of(person_ids: list[int]) -> list[int]:
    """Works whose entry shows these people: as artists, or in the text as directors."""
    as_artist = WorkArtist.objects.filter(person_id__in=person_ids).values_list("work_id", flat=True)
    as_director = Credit.objects.filter(person_id__in=person_ids, role=Role.DIRECTOR).values_list(
        "work_id", flat=True)
    return sorted(set(as_artist) | set(as_director))
