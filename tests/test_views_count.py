"""View counts: a reader's browser reports each article once (deepcuts/static/js/views.js), the
server adds it with one UPDATE, and serving the page counts nothing, so a page cache cannot lose
or double readings."""

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client

from editorial.models import ArticlePage, ArticleStats, most_read


def views(page):
    return ArticleStats.objects.filter(pk=page.pk).values_list("views", flat=True).first() or 0


def count(client, page):
    return client.post(f"/api/v1/articles/{page.pk}/views")


@pytest.mark.django_db
def test_each_reported_reading_counts_once_and_the_answer_gives_the_new_total(client):
    page = ArticlePage.objects.get(slug="joji-run-sanctuary-callback")
    start = views(page)
    first = count(client, page)
    assert first.status_code == 200
    assert first.json() == {"id": page.pk, "views": start + 1}
    assert count(Client(), page).json()["views"] == start + 2
    assert views(page) == start + 2


@pytest.mark.django_db
def test_serving_the_page_counts_nothing_and_writes_no_session(client):
    page = ArticlePage.objects.get(slug="joji-run-sanctuary-callback")
    start = views(page)
    for _ in range(3):
        response = client.get(page.url)
        assert response.status_code == 200
        assert "sessionid" not in response.cookies
    assert views(page) == start


@pytest.mark.django_db
def test_the_article_page_carries_the_beacon_for_its_own_article(client):
    page = ArticlePage.objects.get(slug="kendrick-lamar-humble-review")
    soup = BeautifulSoup(client.get(page.url).content, "html.parser")
    script = soup.find("script", attrs={"data-article": str(page.pk)})
    assert script["src"].endswith("/js/views.js") and script.has_attr("defer")
    assert script["data-endpoint"] == f"/api/v1/articles/{page.pk}/views"
    # The endpoint really counts this article.
    before = views(page)
    assert client.post(script["data-endpoint"]).status_code == 200
    assert views(page) == before + 1


@pytest.mark.django_db
def test_counted_readings_show_on_the_page_and_in_most_read(client):
    page = ArticlePage.objects.get(slug="kendrick-lamar-humble-review")
    for _ in range(5):
        count(Client(), page)
    assert most_read(limit=1)[0] == page
    assert "5 views" in client.get(page.url).content.decode()
    top = BeautifulSoup(client.get("/").content, "html.parser").select_one(".most-read li")
    assert top.a.get_text() == page.title and top.select_one(".views").get_text() == "5"


@pytest.mark.django_db
def test_the_beacon_needs_no_csrf_token_or_cookie():
    page = ArticlePage.objects.get(slug="rm-come-back-to-me-review")
    response = Client(enforce_csrf_checks=True).post(f"/api/v1/articles/{page.pk}/views")
    assert response.status_code == 200
    assert views(page) == 1


@pytest.mark.django_db
def test_drafts_unknown_articles_and_other_methods_are_refused_in_words(client):
    page = ArticlePage.objects.get(slug="rm-come-back-to-me-review")
    page.unpublish()
    for url in (f"/api/v1/articles/{page.pk}/views", "/api/v1/articles/999999/views"):
        response = client.post(url)
        assert response.status_code == 404
        assert response.json()["detail"]
    assert views(page) == 0
    invalid = client.post("/api/v1/articles/0/views")
    assert invalid.status_code == 422 and invalid.json()["detail"]
    assert client.get(f"/api/v1/articles/{page.pk}/views").status_code == 405


def test_concurrent_readings_are_all_counted(committed_demo, at_once):
    page = ArticlePage.objects.get(slug="rm-come-back-to-me-review")
    readers = 8 if connection.vendor == "postgresql" else 4
    statuses = at_once(lambda: count(Client(), page).status_code, [()] * readers)
    assert statuses == [200] * readers
    assert views(page) == readers


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_browser_counts_an_article_once_however_often_it_is_opened(site, browser):
    article = ArticlePage.objects.get(slug="joji-run-sanctuary-callback")
    start = views(article)
    # A function, not a bare expression: the page's CSP forbids eval, which Playwright uses for those.
    remembered = "id => (localStorage.getItem('deepcuts:viewed') || '').includes(id)"

    def open_article(context) -> int:
        """Opens the article in a new tab; answers how many times it reported the reading."""
        tab = context.new_page()
        sent = []
        tab.on("request", lambda r: sent.append(r.method) if r.url.endswith("/views") else None)
        tab.goto(site + article.url)
        # goto() returns after the load event, so the deferred script has run; once the answer has
        # come, localStorage remembers the article.
        tab.wait_for_function(remembered, arg=f'"{article.pk}"')
        tab.wait_for_timeout(300)
        tab.close()
        return sent.count("POST")

    reader = browser.new_context()
    assert open_article(reader) == 1
    assert views(article) == start + 1
    # The same browser again, in another tab: no second count.
    assert open_article(reader) == 0
    assert views(article) == start + 1
    # The beacon neither sent nor kept a cookie: the reader stays anonymous and cacheable.
    assert reader.cookies() == []
    reader.close()

    another = browser.new_context()
    assert open_article(another) == 1
    assert views(article) == start + 2
    another.close()
