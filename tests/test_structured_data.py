"""Feeds and JSON-LD parse, and say what the pages say."""
import json
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from editorial.models import ArticlePage

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


def ld(response) -> dict:
    script = BeautifulSoup(response.content, "html.parser").find("script", type="application/ld+json")
    return json.loads(script.string)


def test_video_page_is_a_music_video_object_with_director_cast_and_artist(client):
    data = ld(client.get("/videos/rm-come-back-to-me/"))
    assert data["@type"] == ["VideoObject", "MusicVideoObject"]
    assert data["uploadDate"] == "2024-05-10"
    assert [d["name"] for d in data["director"]] == ["Lee Sung Jin"]
    assert "Kim Min-ha" in [a["name"] for a in data["actor"]]
    assert [m["name"] for m in data["musicBy"]] == ["RM"]


def test_articles_are_news_or_review_articles_about_their_videos(client):
    review = ArticlePage.objects.get(slug="rm-come-back-to-me-review")
    data = ld(client.get(review.url))
    assert data["@type"] == "ReviewNewsArticle" and data["inLanguage"] == "en"
    assert "Come Back to Me" in [a["name"] for a in data["about"]]
    assert "Lee Sung Jin" in [m["name"] for m in data["mentions"]]
    news = ArticlePage.objects.get(slug="joji-nectar-vyshel")
    assert ld(client.get(news.url))["@type"] == "NewsArticle"


def test_people_and_groups(client):
    person = ld(client.get("/people/lee-sung-jin/"))
    assert person["@type"] == "Person" and "Ли Сон Джин" in person["alternateName"]
    assert ld(client.get("/people/bts/"))["@type"] == "MusicGroup"


def test_json_ld_cannot_be_closed_by_text(client):
    review = ArticlePage.objects.get(slug="rm-come-back-to-me-review")
    review.teaser = "</script><script>alert(1)</script>"
    review.save_revision().publish()
    html = client.get(review.url).content.decode()
    assert "</script><script>alert(1)" not in html
    assert ld(client.get(review.url))["description"] == review.teaser


def test_open_graph_tags(client):
    page = BeautifulSoup(client.get("/videos/joji-run/").content, "html.parser")
    assert page.find("meta", property="og:title")["content"] == "Run"
    assert page.find("meta", property="og:type")["content"] == "video.other"


@pytest.mark.parametrize("url", ["/feeds/all.rss", "/feeds/section/reviews.rss", "/feeds/tag/joji.rss",
                                 "/feeds/lang/ru.rss"])
def test_rss_feeds_parse_and_list_articles(client, url):
    response = client.get(url)
    assert response.status_code == 200
    items = ElementTree.fromstring(response.content).findall("channel/item")
    assert items
    titles = {i.findtext("title") for i in items}
    if "lang/ru" in url:
        assert titles == set(ArticlePage.objects.live().filter(language="ru").values_list("title", flat=True))


def test_a_feed_lists_each_articles_tags_in_a_fixed_number_of_queries(client):
    """Thirty items, each with its tags as categories: read together, not once per item."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/feeds/all.rss")
    items = ElementTree.fromstring(response.content).findall("channel/item")
    run = next(i for i in items if i.findtext("title") == ArticlePage.objects.get(
        slug="joji-run-sanctuary-callback").title)
    assert "joji" in {c.text for c in run.findall("category")}
    assert len(queries) <= 6, [q["sql"][:80] for q in queries.captured_queries]
    assert len(items) > 6


@pytest.mark.parametrize("url", ["/feeds/all.atom", "/feeds/section/news.atom", "/feeds/lang/en.atom"])
def test_atom_feeds_parse(client, url):
    root = ElementTree.fromstring(client.get(url).content)
    assert root.tag == f"{ATOM}feed" and root.findall(f"{ATOM}entry")


@pytest.mark.parametrize("url", ["/feeds/section/nope.rss", "/feeds/tag/nope.atom", "/feeds/lang/fr.rss"])
def test_unknown_feeds_are_404(client, url):
    assert client.get(url).status_code == 404
