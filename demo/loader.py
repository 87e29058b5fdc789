"""Load the demo catalog and articles from the TOML files in `demo/content/`.

Everything is matched by slug and only written when it differs, so loading twice changes
nothing (no new rows, no new page revisions). The file format is in `content/FORMAT.md`.
"""
import html
import tomllib
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from wagtail.models import Locale, Page, Site

from audit.context import recording
from audit.models import Source
from catalog.dates import PartialDate
from catalog.models import (
    Credit,
    Membership,
    Person,
    Work,
)
from catalog.spelling import guess_script
from editorial.models import ArticlePage, ArticleSource, HomePage, LegalNotice, SectionPage
from releases.models import ReleaseEvent

CONTENT_DIR = Path(__file__).resolve().parent / "content"

SECTIONS = [
    # slug, English title, Russian title, intro
    ("deep-cuts", "Deep Cuts", "Разборы", "Long reads on what a video quotes and how it was made."),
    ("reviews", "Reviews", "Рецензии", "New music videos, judged."),
    ("news", "News", "Новости", "Premieres, albums and awards."),
]

LEGAL_NOTICES = [
    {
        "name": "Meta (Instagram, Facebook)",
        "words": "Instagram\nFacebook\nИнстаграм*\nФейсбук*",
        "text": "Instagram и Facebook принадлежат компании Meta, деятельность которой признана "
                "экстремистской и запрещена в России. / Instagram and Facebook belong to Meta, "
                "whose activity is banned in Russia as extremist.",
    },
]

ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "changeme"


@dataclass
class Report:
    created: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)

    def count(self, what: str, created: bool) -> None:
        bucket = self.created if created else self.updated
        bucket[what] = bucket.get(what, 0) + 1

    def lines(self) -> list[str]:
        if not self.created and not self.updated:
            return ["Demo content is already up to date: nothing changed."]
        out = [f"created {n} {what}" for what, n in sorted(self.created.items())]
        out += [f"updated {n} {what}" for what, n in sorted(self.updated.items())]
        return out


def sync(model, lookup: dict, values: dict, report: Report, what: str):
    """get_or_create that also writes changed fields, and counts only real changes."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj.save()
        report.count(what, created=True)
        return obj
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    if changed:
        for key in changed:
            setattr(obj, key, values[key])
        obj.save()
        report.count(what, created=False)
    return obj


def sync_children(parent: dict, queryset, wanted: list[dict], keys: tuple[str, ...], report, what):
    """Make the rows in `queryset` exactly `wanted`: add missing, update changed, drop extra.

    `parent` holds the foreign key new rows get, e.g. {"work": work}.
    """
    model = queryset.model
    existing = {tuple(getattr(row, k) for k in keys): row for row in queryset}
    for order, values in enumerate(wanted):
        key = tuple(values[k] for k in keys)
        row = existing.pop(key, None)
        if hasattr(model, "sort_order"):
            values = {**values, "sort_order": order}
        if row is None:
            model.objects.create(**parent, **values)
            report.count(what, created=True)
        elif any(getattr(row, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(row, k, v)
            row.save()
            report.count(what, created=False)
    for row in existing.values():
        row.delete()
        report.count(what, created=False)


def read_toml(path: Path) -> dict:
    with path.open("rb") as fh:
        return tomllib.load(fh)


def parse_duration(text: str | None) -> timedelta | None:
    if not text:
        return None
    parts = [int(p) for p in text.split(":")]
    seconds = 0
    for part in parts:
        seconds = seconds * 60 + part
    return timedelta(seconds=seconds)


def load_people(people: list[dict], report: Report) -> dict[str, Person]:
    by_slug = {}
    for item in people:
        person = sync(Person, {"slug": item["slug"]}, {
            "kind": item.get("kind", "person"),
            "name": item["name"],
            "country": item.get("country", "").upper(),
            "genres": ", ".join(item.get("genres", [])),
            "bio": item.get("bio", ""),
            "disambiguation": item.get("disambiguation", ""),
        }, report, "people")
        names = [{"name": n["name"], "script": n.get("script") or guess_script(n["name"]),
                  "language": n.get("language", "")} for n in item.get("names", [])]
        sync_children({"person": person}, person.names.all(), names, ("name",), report, "names")
        by_slug[item["slug"]] = person
    for item in people:
        group = by_slug[item["slug"]]
        members = [{"member_id": by_slug[slug].pk} for slug in item.get("members", [])]
        sync_children({"group": group}, Membership.objects.filter(group=group), members,
                      ("member_id",), report, "memberships")
    return by_slug


def load_works(works: list[dict], people: dict[str, Person], report: Report) -> dict[str, Work]:
    by_slug = {}
    for item in works:
        release = PartialDate.parse(item["release"]) if item.get("release") else PartialDate()
        by_slug[item["slug"]] = sync(Work, {"slug": item["slug"]}, {
            "kind": item["kind"],
            "title": item["title"],
            "release_year": release.year,
            "release_month": release.month,
            "release_day": release.day,
            "release_status": item.get("release_status", "confirmed"),
            "video_url": item.get("video_url", ""),
            "duration": parse_duration(item.get("duration")),
            "description": item.get("description", ""),
        }, report, "works")
    # Albums, artists, credits and links point at other works, so they come second.
    for item in works:
        work = by_slug[item["slug"]]
        album = by_slug[item["album"]] if item.get("album") else None
        if work.album_id != (album.pk if album else None):
            work.album = album
            work.save(update_fields=["album"])
            report.count("works", created=False)
        sync_children({"work": work}, work.titles.all(), item.get("titles", []),
                      ("title", "language"), report, "titles")
        artists = [{"person_id": people[slug].pk} for slug in item.get("artists", [])]
        sync_children({"work": work}, work.artists.all(), artists, ("person_id",), report,
                      "artists")
        credits = [{
            "person_id": people[c["person"]].pk, "role": c["role"],
            "credited_as": c.get("credited_as", ""), "character": c.get("character", ""),
        } for c in item.get("credits", [])]
        sync_children({"work": work}, work.credits.all(), credits, ("person_id", "role"), report,
                      "credits")
        links = [{"target_id": by_slug[r["work"]].pk, "kind": r.get("kind", "references"),
                  "note": r.get("note", "")} for r in item.get("references", [])]
        sync_children({"source": work}, work.links_out.all(), links, ("target_id", "kind"), report,
                      "links")
    return by_slug


def load_calendar(path: Path, works: dict[str, Work], people: dict[str, Person], report: Report) -> None:
    """Hand-made release events, matched by `uid`. Works' own release dates reach the calendar by
    themselves (releases.sync); these add premiere times and releases the catalog lacks."""
    if not path.exists():
        return
    for item in read_toml(path).get("event", []):
        when = PartialDate.parse(item["date"])
        work = works[item["work"]] if item.get("work") else None
        values = {
            "title": item.get("title") or (work.title if work else ""),
            "kind": item["kind"],
            "work": work,
            "year": when.year, "month": when.month, "day": when.day,
            "time": time.fromisoformat(item["time"]) if item.get("time") else None,
            "timezone": item.get("timezone", ""),
            "status": item.get("status", "announced"),
            "origin": ReleaseEvent.Origin.EDITOR,
            "source_url": item.get("source_url", ""),
        }
        ReleaseEvent(uid=item["uid"], **values).full_clean(validate_unique=False, validate_constraints=False)
        is_new = not ReleaseEvent.objects.filter(uid=item["uid"]).exists()
        event = sync(ReleaseEvent, {"uid": item["uid"]}, values, report, "calendar events")
        artists = [people[slug] for slug in item.get("artists", [])] or (work.artist_people() if work else [])
        if {p.pk for p in event.artists.all()} != {p.pk for p in artists}:
            event.artists.set(artists)
            if not is_new:
                report.count("calendar events", created=False)


def ensure_home(report: Report) -> HomePage:
    """The page tree's root, home page and site; a fresh migrate makes them, but a flushed or
    hand-edited database may lack them."""
    home = HomePage.objects.first()
    if home is not None:
        return home
    locale = Locale.get_default() if Locale.objects.exists() else Locale.objects.create(
        language_code=settings.LANGUAGE_CODE)
    root = Page.get_first_root_node() or Page.add_root(title="Root", locale=locale)
    home = root.add_child(instance=HomePage(title="Deep Cuts", slug="home", locale=locale))
    Site.objects.update_or_create(is_default_site=True, defaults={
        "hostname": "localhost", "root_page": home, "site_name": "Deep Cuts"})
    report.count("home page", created=True)
    return home


def load_sections(home: HomePage, report: Report) -> dict[str, SectionPage]:
    sections = {}
    for slug, title, title_ru, intro in SECTIONS:
        section = SectionPage.objects.child_of(home).filter(slug=slug).first()
        if section is None:
            section = home.add_child(instance=SectionPage(
                title=title, title_ru=title_ru, slug=slug, intro=intro, show_in_menus=True))
            report.count("sections", created=True)
        sections[slug] = section
    return sections


def body_html(text: str) -> str:
    paragraphs = [" ".join(p.split()) for p in text.strip().split("\n\n") if p.strip()]
    return "".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)


def load_article(item: dict, sections, works, people, report: Report) -> ArticlePage:
    section = sections[item["section"]]
    values = {
        "title": item["title"],
        "language": item["language"],
        "teaser": " ".join(item["teaser"].split()),
        "body": body_html(item["body"]),
        "author": item.get("author", ""),
        "date": date.fromisoformat(item["date"]),
        "originally_released": (date.fromisoformat(item["originally_released"])
                                if item.get("originally_released") else None),
        "photo_credit": item.get("photo_credit", ""),
    }
    video_ids = {works[s].pk for s in item.get("videos", [])}
    person_ids = {people[s].pk for s in item.get("people", [])}
    tags = sorted({t.strip() for t in item.get("tags", []) if t.strip()}, key=str.casefold)
    sources = [(s["title"], s["url"]) for s in item.get("sources", [])]

    page = ArticlePage.objects.child_of(section).filter(slug=item["slug"]).first()
    if page is not None:
        same = (
            all(getattr(page, k) == v for k, v in values.items())
            and set(page.videos.values_list("pk", flat=True)) == video_ids
            and set(page.people.values_list("pk", flat=True)) == person_ids
            and sorted(page.tags.names(), key=str.casefold) == tags
            and [(s.title, s.url) for s in page.sources.all()] == sources
            and page.live and not page.has_unpublished_changes
        )
        if same:
            return page
        for key, value in values.items():
            setattr(page, key, value)
        report.count("articles", created=False)
    else:
        page = ArticlePage(slug=item["slug"], **values)
        section.add_child(instance=page)
        report.count("articles", created=True)
    page.videos.set(video_ids)
    page.people.set(person_ids)
    page.tags.set(tags, clear=True)
    page.sources = [ArticleSource(title=t, url=u) for t, u in sources]
    page.save_revision().publish()
    return page


def attach_evidence(item: dict, page: ArticlePage, works, people, report: Report) -> None:
    """Point each credit the article states at the article and the sentence that states it."""
    body = " ".join(item["body"].split())
    for ev in item.get("evidence", []):
        quote = " ".join(ev["quote"].split())
        if quote not in body:
            raise ValueError(f"{item['slug']}: evidence quote not found in the body: {quote[:60]}")
        credit = Credit.objects.filter(work=works[ev["work"]], person=people[ev["person"]],
                                       role=ev["role"]).first()
        if credit is None:
            raise ValueError(f"{item['slug']}: evidence names a credit the catalog lacks: "
                             f"{ev['person']} as {ev['role']} on {ev['work']}")
        if credit.source_article_id == page.pk and credit.source_quote == quote:
            continue
        # The first article that states a credit stays its source.
        if credit.source_article_id and credit.source_article_id != page.pk:
            continue
        credit.source_article_id, credit.source_quote = page.pk, quote
        credit.save(update_fields=["source_article", "source_quote"])
        report.count("credit sources", created=False)


def ensure_admin(report: Report) -> None:
    User = get_user_model()
    if not User.objects.filter(username=ADMIN_USERNAME).exists():
        User.objects.create_superuser(ADMIN_USERNAME, "admin@example.com", ADMIN_PASSWORD)
        report.count("admin user", created=True)


@transaction.atomic
@recording(Source.DEMO)  # the change history says these catalog rows came from the demo
def load_demo(content_dir: Path = CONTENT_DIR, with_admin: bool = True) -> Report:
    report = Report()
    catalog = {"person": [], "work": []}
    for path in sorted(content_dir.glob("catalog-*.toml")):
        data = read_toml(path)
        catalog["person"] += data.get("person", [])
        catalog["work"] += data.get("work", [])
    people = load_people(catalog["person"], report)
    works = load_works(catalog["work"], people, report)
    load_calendar(content_dir / "calendar.toml", works, people, report)
    for notice in LEGAL_NOTICES:
        sync(LegalNotice, {"name": notice["name"]},
             {"words": notice["words"], "text": notice["text"], "active": True}, report, "notices")
    sections = load_sections(ensure_home(report), report)
    articles = [read_toml(p) for p in sorted((content_dir / "articles").glob("*.toml"))]
    articles.sort(key=lambda a: a["date"])
    for item in articles:
        page = load_article(item, sections, works, people, report)
        attach_evidence(item, page, works, people, report)
    if with_admin:
        ensure_admin(report)
    return report
