"""Public pages can be kept by a shared cache (nginx) for anonymous readers; nothing that belongs to
one reader (a session, a cookie being set, the admin, a form post) ever can. See deepcuts/cache.py
and the proxy section of docs/operations.md."""
import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.test import Client
from django.utils.cache import has_vary_header

from editorial.models import ArticlePage

SHARED = "public, max-age=0, s-maxage=60"
PRIVATE = "private, no-store"
ARTICLE = "/deep-cuts/joji-run-sanctuary-callback/"
PUBLIC_PAGES = [
    "/",
    "/deep-cuts/",
    ARTICLE,
    "/videos/joji-run/",
    "/people/aisultan-seitov/",
    "/people/joji/",  # an artist: the follow button is a GET form too
    "/tags/joji/",
    "/search/?q=Ли+Сон+Джин",
    "/calendar/",
    "/api/v1/articles",
]


@pytest.mark.django_db
@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_an_anonymous_reader_gets_a_page_a_shared_cache_may_keep(url):
    response = Client().get(url)
    assert response.status_code == 200
    assert response["Cache-Control"] == SHARED
    assert not response.cookies, f"{url} sets {list(response.cookies)}"
    assert "csrfmiddlewaretoken" not in response.content.decode()
    # The language comes from a cookie or the browser's header: the cache must tell them apart.
    assert has_vary_header(response, "Cookie") and has_vary_header(response, "Accept-Language")


@pytest.mark.django_db
def test_head_and_revalidation_keep_the_same_terms():
    client = Client()
    assert client.head(ARTICLE)["Cache-Control"] == SHARED
    etag = client.get(ARTICLE)["ETag"]
    revalidated = client.get(ARTICLE, headers={"If-None-Match": etag})
    assert revalidated.status_code == 304 and revalidated["Cache-Control"] == SHARED


@pytest.mark.django_db
def test_the_time_a_cache_keeps_pages_is_a_setting(settings):
    settings.DEEPCUTS_PAGE_CACHE_SECONDS = 300
    assert Client().get("/")["Cache-Control"] == "public, max-age=0, s-maxage=300"
    settings.DEEPCUTS_PAGE_CACHE_SECONDS = 0
    assert "public" not in Client().get("/").get("Cache-Control", "")


@pytest.mark.django_db
def test_a_reader_with_the_language_cookie_gets_their_language_and_a_shareable_page(russian):
    response = russian.get(ARTICLE)
    assert response["Cache-Control"] == SHARED
    assert BeautifulSoup(response.content, "html.parser").html["lang"] == "ru"


@pytest.mark.django_db
def test_a_logged_in_editor_gets_pages_no_cache_keeps(client):
    client.force_login(User.objects.create_user("writer", password="x"))
    for url in ["/", ARTICLE, "/videos/joji-run/"]:
        response = client.get(url)
        assert response.status_code == 200
        assert response["Cache-Control"] == PRIVATE


@pytest.mark.django_db
def test_the_admin_and_its_login_page_are_never_shared(client):
    login = Client().get("/admin/login/")
    assert login.status_code == 200 and login["Cache-Control"] == PRIVATE
    client.force_login(User.objects.create_superuser("boss", "boss@example.org", "x"))
    dashboard = client.get("/admin/")
    assert dashboard.status_code == 200 and dashboard["Cache-Control"] == PRIVATE
    article = ArticlePage.objects.get(slug="joji-run-sanctuary-callback")
    preview = client.get(f"/admin/pages/{article.pk}/view_draft/")
    assert preview.status_code == 200 and preview["Cache-Control"] == PRIVATE


@pytest.mark.django_db
def test_posts_and_pages_that_set_a_cookie_are_never_shared():
    client = Client()
    form = client.get("/submit/")  # carries a CSRF token, so it sets the CSRF cookie
    assert "csrftoken" in form.cookies and PRIVATE in form["Cache-Control"]
    posted = client.post("/submit/", {"kind": "tip", "text": "x"})
    assert posted["Cache-Control"] == PRIVATE
    article = ArticlePage.objects.get(slug="joji-run-sanctuary-callback")
    beacon = client.post(f"/api/v1/articles/{article.pk}/views")
    assert beacon.status_code == 200 and beacon["Cache-Control"] == PRIVATE


@pytest.mark.django_db
def test_api_calls_with_a_token_are_never_shared():
    response = Client().get("/api/v1/articles", headers={"Authorization": "Bearer not-a-token"})
    assert response["Cache-Control"] == PRIVATE


@pytest.mark.django_db
def test_missing_pages_are_not_marked_for_sharing():
    response = Client().get("/people/nobody-at-all/")
    assert response.status_code == 404
    assert "public" not in response.get("Cache-Control", "")


@pytest.mark.django_db
@pytest.mark.parametrize("code, footer", [("ru", "база знаний о клипах"),
                                          ("en", "a knowledge base of music videos")])
def test_the_language_switch_is_a_get_form_that_sets_the_cookie_and_returns(code, footer):
    client = Client()
    home = BeautifulSoup(client.get("/videos/joji-run/").content, "html.parser")
    switch = home.select_one("form.lang")
    assert switch["method"] == "get" and not switch.select("[name=csrfmiddlewaretoken]")
    fields = {"next": switch.select_one("[name=next]")["value"], "language": code}
    assert code in [b["value"] for b in switch.select("button[name=language]")]

    response = client.get(switch["action"], fields)
    assert response.status_code == 302 and response["Location"] == "/videos/joji-run/"
    assert response.cookies["django_language"].value == code
    assert response["Cache-Control"] == PRIVATE
    page = BeautifulSoup(client.get("/").content, "html.parser")
    assert page.html["lang"] == code and footer in page.get_text()


@pytest.mark.django_db
@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/x", "", "javascript:alert(1)"])
def test_the_language_switch_never_leads_off_the_site(next_url):
    response = Client().get("/i18n/language/", {"language": "ru", "next": next_url})
    assert response.status_code == 302 and response["Location"] == "/"
    assert response.cookies["django_language"].value == "ru"


@pytest.mark.django_db
def test_an_unknown_language_changes_nothing():
    response = Client().get("/i18n/language/", {"language": "xx", "next": "/tags/joji/"})
    assert response.status_code == 302 and response["Location"] == "/tags/joji/"
    assert "django_language" not in response.cookies


@pytest.mark.django_db
def test_the_old_post_switch_still_works_for_pages_open_in_a_tab():
    response = Client().post("/i18n/setlang/", {"language": "ru", "next": "/"})
    assert response.status_code == 302 and response.cookies["django_language"].value == "ru"
