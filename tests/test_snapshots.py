"""Article snapshots: what an article page shows from the catalog, its sources and tags is stored
per article, and an editor's change shows on the page at once."""
import json

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command

from catalog.models import Credit, Person, Role, Work, WorkArtist
from deepcuts import snapshots as storage
from editorial import snapshots
from editorial.models import ArticlePage, ArticleSnapshot

pytestmark = pytest.mark.django_db

ARTICLE = "/deep-cuts/joji-run-sanctuary-callback/"


def page_of(client, url=ARTICLE) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def structured_data(page: BeautifulSoup) -> dict:
    return json.loads(page.find("script", type="application/ld+json").string)


def run_box(page: BeautifulSoup):
    return next(box for box in page.select(".credits-box") if box.h2.a.get_text() == "Run")


def article():
    return ArticlePage.objects.get(slug="joji-run-sanctuary-callback")


@pytest.fixture
def committing(django_capture_on_commit_callbacks):
    """Run what waits for a commit (dropping and rebuilding snapshots) as a real commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def without_dates(html: bytes) -> str:
    # The CSRF token and nothing else differs between two renders of the same page.
    page = BeautifulSoup(html, "html.parser")
    for hidden in page.select("input[name=csrfmiddlewaretoken]"):
        hidden.decompose()
    return str(page)


def test_every_demo_article_renders_the_same_from_its_snapshot_as_read_live(english):
    """The stored form loses nothing: each demo article, its credits boxes, artists, dates,
    sources, tags and structured data, is the same page with and without its snapshot."""
    for page in ArticlePage.objects.live():
        assert ArticleSnapshot.objects.filter(page=page, data__isnull=False).exists(), page.slug
        from_snapshot = without_dates(english.get(page.url).content)
        ArticleSnapshot.objects.filter(page=page).delete()
        live = without_dates(english.get(page.url).content)
        assert from_snapshot == live, page.slug
        snapshots.store([page.pk])


def test_the_page_reads_its_snapshot_not_the_catalog(english):
    """A snapshot is what the page shows: edited behind the signals' back, the page shows it."""
    snapshot = ArticleSnapshot.objects.get(page=article())
    data = snapshot.data
    run = next(w for w in data["works"] if w["name"] == "Run")
    run["credits"][0]["person"]["name"] = "Someone Stored"
    ArticleSnapshot.objects.filter(pk=snapshot.pk).update(data=data)
    assert "Someone Stored" in run_box(page_of(english)).get_text()


def test_a_snapshot_of_another_version_is_read_live(english):
    snapshot = ArticleSnapshot.objects.get(page=article())
    ArticleSnapshot.objects.filter(pk=snapshot.pk).update(
        data={"version": snapshots.VERSION + 1, "works": [], "people": [], "sources": [], "tags": []})
    page = page_of(english)
    assert run_box(page), "the page falls back to the catalog, not to an empty snapshot"
    assert "#joji" in page.select_one(".tags").get_text()


def test_a_renamed_director_shows_on_the_article_at_once(english, committing):
    director = Person.objects.get(slug="aisultan-seitov")
    with committing():
        director.name = "Aisultan Seitov Jr."
        director.save()
    dd = run_box(page_of(english)).find("dt", string="Director").find_next_sibling("dd")
    assert dd.a.get_text() == "Aisultan Seitov Jr."
    stored = json.dumps(ArticleSnapshot.objects.get(page=article()).data, ensure_ascii=False)
    assert "Aisultan Seitov Jr." in stored, "rebuilt in the background, not left missing"


def test_a_build_that_read_before_an_edit_is_not_stored_over_it(english, committing):
    """Two workers at once, the article not yet stored: one reads the article, an editor renames
    its director and the edit's own task stores the new name, then the first writes what it
    read before the edit. That write is refused, whichever finished first."""
    ArticleSnapshot.objects.filter(page=article()).delete()
    director = Person.objects.get(slug="aisultan-seitov")

    def read_then_edit(ids):
        read = list(ArticlePage.objects.filter(pk__in=ids).prefetch_related(
            "videos__credits__person", "videos__artists", "people", "sources", "tags"))
        with committing():
            director.name = "Aisultan Seitov Jr."
            director.save()
        return read

    written = storage.store(ArticleSnapshot, [article().pk], read_then_edit,
                            lambda page: snapshots.snapshot_of(page, works=page.videos.all()))
    assert written == 0
    assert "Aisultan Seitov Jr." in json.dumps(ArticleSnapshot.objects.get(page=article()).data,
                                               ensure_ascii=False)
    dd = run_box(page_of(english)).find("dt", string="Director").find_next_sibling("dd")
    assert dd.a.get_text() == "Aisultan Seitov Jr."


def test_a_credit_added_to_a_video_shows_in_its_articles_box(english, committing):
    run = Work.objects.get(slug="joji-run")
    colorist = Person.objects.create(name="Test Colorist", slug="test-colorist")
    with committing():
        Credit.objects.create(work=run, person=colorist, role=Role.COLORIST)
    colorist_line = run_box(page_of(english)).find("dt", string="Colorist")
    assert colorist_line.find_next_sibling("dd").a["href"] == "/people/test-colorist/"


def test_a_credit_removed_and_an_artist_added_show_at_once(english, committing):
    run = Work.objects.get(slug="joji-run")
    guest = Person.objects.create(name="Guest Artist", slug="guest-artist")
    with committing():
        Credit.objects.filter(work=run, role=Role.DIRECTOR).delete()
        WorkArtist.objects.create(work=run, person=guest)
    box = run_box(page_of(english))
    assert box.find("dt", string="Director") is None
    assert "Guest Artist" in box.select_one(".muted").get_text()


def test_a_retitled_video_shows_in_the_box_and_the_structured_data(english, committing):
    run = Work.objects.get(slug="joji-run")
    with committing():
        run.title = "Run (Director's Cut)"
        run.save()
    page = page_of(english)
    assert "Run (Director's Cut)" in [box.h2.a.get_text() for box in page.select(".credits-box")]
    assert "Run (Director's Cut)" in [w["name"] for w in structured_data(page)["about"]]


def test_a_deleted_video_and_person_leave_the_article(english, committing):
    page = article()
    mentioned = page.people.first()
    assert mentioned is not None, "the demo article mentions someone"
    with committing():
        Work.objects.get(slug="joji-run").delete()
        mentioned.delete()
    data = structured_data(page_of(english))
    assert "Run" not in [w["name"] for w in data["about"]]
    assert mentioned.name not in [p["name"] for p in data.get("mentions", [])]


def test_a_renamed_tag_shows_on_its_articles(english, committing):
    tag = article().tags.get(slug="joji")
    with committing():
        tag.name = "Joji (George Miller)"
        tag.save()
    assert "#Joji (George Miller)" in page_of(english).select_one(".tags").get_text()


def test_a_republished_article_shows_its_new_videos_and_sources(english, committing):
    page = article()
    sanctuary = Work.objects.get(slug="joji-sanctuary")
    with committing():
        page.videos.remove(sanctuary)
        page.sources.all().delete()
        page.save_revision().publish()
    shown = page_of(english)
    assert [box.h2.a.get_text() for box in shown.select(".credits-box")] == ["Run"]
    assert shown.select_one(".sources") is None


def test_a_preview_shows_the_drafts_videos_not_the_stored_ones(client, committing):
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_superuser("ed", "ed@example.org", "x"))
    page = article()
    this_is_america = Work.objects.get(slug="childish-gambino-this-is-america")
    page.videos.add(this_is_america)
    page.save_revision()  # a draft: the published page keeps its snapshot
    draft = BeautifulSoup(client.get(f"/admin/pages/{page.pk}/view_draft/").content, "html.parser")
    assert this_is_america.title in [box.h2.a.get_text() for box in draft.select(".credits-box")]
    published = page_of(client)
    assert this_is_america.title not in [box.h2.a.get_text() for box in published.select(".credits-box")]


def test_the_command_stores_every_articles_snapshot(capsys):
    ArticleSnapshot.objects.all().delete()
    call_command("store_snapshots")
    assert ArticleSnapshot.objects.filter(data__isnull=False).count() == ArticlePage.objects.count()
    assert "Snapshots stored for" in capsys.readouterr().out


def test_the_command_can_build_only_the_stale_snapshots(capsys):
    from catalog import snapshots as catalog_snapshots
    from catalog.models import Person, PersonSnapshot, WorkSnapshot

    call_command("store_snapshots")
    capsys.readouterr()
    dropped, missing, other_version = ArticlePage.objects.order_by("pk")[:3]
    snapshots.forget([dropped.pk])
    ArticleSnapshot.objects.filter(page=missing).delete()
    ArticleSnapshot.objects.filter(page=other_version).update(data={"version": 0})
    person = Person.objects.order_by("pk").first()
    PersonSnapshot.objects.filter(person=person).update(data={"version": 0})
    video_built = set(WorkSnapshot.objects.values_list("built_at", flat=True))

    call_command("store_snapshots", "--stale")
    out = capsys.readouterr().out
    assert "Snapshots stored for 3 articles" in out
    assert "Snapshots stored for 0 music videos" in out
    assert "Snapshots stored for 1 people" in out
    current = ArticleSnapshot.objects.filter(data__version=snapshots.VERSION)
    assert current.count() == ArticlePage.objects.count()
    assert PersonSnapshot.objects.get(person=person).data["version"] == catalog_snapshots.PERSON_VERSION
    assert set(WorkSnapshot.objects.values_list("built_at", flat=True)) == video_built
