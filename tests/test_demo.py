import pytest
from django.apps import apps
from wagtail.models import Revision

from catalog.models import Credit, Work
from demo.loader import load_demo
from editorial.models import ArticlePage

pytestmark = pytest.mark.django_db


def snapshot():
    counts = {m._meta.label: m.objects.count() for m in apps.get_models()
              if m._meta.app_label in {"catalog", "editorial", "wagtailcore", "taggit"}}
    counts["revisions"] = Revision.objects.count()
    return counts


def test_loading_the_demo_twice_changes_nothing():
    before = snapshot()
    report = load_demo(with_admin=False)
    assert report.lines() == ["Demo content is already up to date: nothing changed."]
    assert snapshot() == before


def test_demo_has_at_least_twelve_articles_half_russian_half_english():
    articles = ArticlePage.objects.live()
    assert articles.count() >= 12
    assert articles.filter(language="ru").count() == articles.filter(language="en").count()


def test_every_demo_article_is_about_something_in_the_catalog():
    for article in ArticlePage.objects.live():
        assert article.videos.exists() or article.people.exists(), article.slug


def test_credits_cite_the_sentence_of_their_article():
    credit = Credit.objects.get(work__slug="joji-run", role="director")
    assert credit.person.name == "Aisultan Seitov"
    assert credit.source_article is not None
    article = credit.source_article.specific
    assert credit.source_quote in article.plain_text()


def test_crew_have_films_and_series_too():
    kinds = set(Work.objects.values_list("kind", flat=True))
    assert {"music_video", "album", "film", "series"} <= kinds
