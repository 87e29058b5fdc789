"""The request's Wagtail site comes from a cached list: it must be the site Wagtail would pick,
and a changed site or home page must be seen on the next request."""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from wagtail.models import Page, Site
from wagtail.models.sites import get_site_for_hostname

from editorial.models import HomePage
from editorial.sites import cached_sites, forget_sites, site_for

pytestmark = pytest.mark.django_db

HOSTS = ["a.example", "b.example", "localhost"]
site_rows = st.lists(st.tuples(st.sampled_from(HOSTS), st.sampled_from([80, 443, 8000])),
                     min_size=1, max_size=4, unique=True)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=site_rows, default=st.integers(min_value=-1, max_value=3),
       hostname=st.sampled_from(HOSTS + ["unknown.example"]), port=st.sampled_from([80, 443, 8000, 9999]))
def test_the_cached_choice_is_the_one_wagtail_makes(rows, default, hostname, port):
    root = Page.objects.get(depth=1)
    Site.objects.all().delete()
    for index, (host, site_port) in enumerate(rows):
        Site.objects.create(hostname=host, port=site_port, root_page=root, is_default_site=index == default)
    try:
        expected = get_site_for_hostname(hostname, port).pk
    except Site.DoesNotExist:
        expected = None
    chosen = site_for(hostname, port, list(Site.objects.select_related("root_page")))
    assert (chosen.pk if chosen else None) == expected


def test_a_renamed_home_page_and_a_moved_site_are_seen_at_once(english):
    assert "Deep Cuts" in english.get("/").content.decode()
    home = HomePage.objects.get()
    home.title = "Deep Cuts, renamed"
    home.save_revision().publish()
    assert cached_sites()[0].root_page.title == "Deep Cuts, renamed"

    site = Site.objects.get(is_default_site=True)
    site.is_default_site = False
    site.hostname = "elsewhere.example"
    site.save()
    assert english.get("/deep-cuts/joji-run-sanctuary-callback/").status_code == 404
    site.hostname = "testserver"
    site.save()
    assert english.get("/deep-cuts/joji-run-sanctuary-callback/").status_code == 200


def test_each_request_gets_its_own_copy_of_the_site():
    forget_sites()
    first, second = cached_sites()[0], cached_sites()[0]
    first.root_page.title = "changed by one request"
    assert second.root_page.title != "changed by one request"


def test_a_view_restriction_on_a_section_or_on_an_aliased_page_still_holds(english):
    from wagtail.models import PageViewRestriction

    from editorial.models import ArticlePage, SectionPage

    url = "/deep-cuts/joji-run-sanctuary-callback/"
    assert english.get(url).status_code == 200
    section = SectionPage.objects.get(slug="deep-cuts")
    restriction = PageViewRestriction.objects.create(page=section, restriction_type="password",
                                                     password="secret")
    source = ArticlePage.objects.get(slug="joji-run-sanctuary-callback")
    locked = english.get(url).content.decode()
    assert 'type="password"' in locked and source.teaser not in locked
    restriction.delete()
    # On the article itself, and on the home page above everything.
    for page in [source, source.get_parent().get_parent()]:
        restriction = PageViewRestriction.objects.create(page=page, restriction_type="password",
                                                         password="secret")
        locked = english.get(url).content.decode()
        assert 'type="password"' in locked and source.teaser not in locked, page
        restriction.delete()
    assert source.teaser in english.get(url).content.decode()

    news = SectionPage.objects.get(slug="news")
    alias = source.create_alias(parent=news, update_slug="joji-alias")
    assert english.get(alias.url).status_code == 200
    PageViewRestriction.objects.create(page=source, restriction_type="login")
    response = english.get(alias.url)
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_restriction_on_the_home_page_holds_for_the_home_page_itself(english):
    """The home page answers for its own restrictions from the cached restricted paths."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from wagtail.models import PageViewRestriction

    from editorial.models import HomePage

    home = HomePage.objects.get()
    english.get("/")
    with CaptureQueriesContext(connection) as queries:
        assert english.get("/").status_code == 200
    assert not [q["sql"] for q in queries.captured_queries if "wagtailcore_pageviewrestriction" in q["sql"]]
    restriction = PageViewRestriction.objects.create(page=home, restriction_type="login")
    response = english.get("/")
    assert response.status_code == 302 and "login" in response["Location"]
    restriction.delete()
    assert english.get("/").status_code == 200


def test_a_catalog_page_links_its_articles_without_looking_the_site_up(english):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    english.get("/")  # the sites are in the cache from here on
    with CaptureQueriesContext(connection) as queries:
        page = english.get("/people/childish-gambino/").content.decode()
    assert "/deep-cuts/" in page or "/reviews/" in page or "/news/" in page
    assert not [q["sql"] for q in queries.captured_queries if '"wagtailcore_site"' in q["sql"]]


def test_articles_under_a_view_restriction_are_listed_nowhere(english):
    """A restriction on an article, its section or the home page takes the article off the home
    page, the catalog pages, tags, feeds and the API, and it comes back when the restriction
    goes."""
    from wagtail.models import PageViewRestriction

    from editorial.models import ArticlePage, SectionPage

    article = ArticlePage.objects.get(slug="joji-run-sanctuary-callback")
    lists = ["/", "/videos/joji-run/", "/people/joji/", "/tags/joji/", "/feeds/all.rss",
             "/feeds/tag/joji.rss", "/feeds/lang/en.rss", "/api/v1/articles?tag=joji"]

    def listed_on() -> list[str]:
        return [url for url in lists if article.title in english.get(url).content.decode()
                or f'"id":{article.pk},' in english.get(url).content.decode().replace(" ", "")]

    assert listed_on() == lists
    section = SectionPage.objects.get(slug="deep-cuts")
    for restricted in [section, article, section.get_parent()]:
        restriction = PageViewRestriction.objects.create(page=restricted, restriction_type="login")
        assert listed_on() == [], restricted
        restriction.delete()
    assert listed_on() == lists


def test_a_restricted_article_moved_to_another_section_stays_unlisted(english):
    """The restricted paths are kept in the cache: moving the restricted page changes its path,
    and the listings must follow it there."""
    from wagtail.models import PageViewRestriction

    from editorial.models import ArticlePage, SectionPage

    article = ArticlePage.objects.get(slug="joji-run-sanctuary-callback")
    PageViewRestriction.objects.create(page=article, restriction_type="login")
    assert article.title not in english.get("/").content.decode()
    article.move(SectionPage.objects.get(slug="news"), pos="last-child")
    assert article.title not in english.get("/").content.decode()
    assert article.title not in english.get("/videos/joji-run/").content.decode()


def test_the_cached_restricted_paths_are_dropped_again_once_the_change_commits(
        english, django_capture_on_commit_callbacks):
    """Until the restriction commits, other requests still read the old rows and may store them
    in the cache; the drop after the commit clears what they stored."""
    from django.core.cache import cache
    from wagtail.models import PageViewRestriction

    from editorial.models import ArticlePage
    from editorial.restrictions import RESTRICTED_PATHS_CACHE_KEY, restricted_paths

    article = ArticlePage.objects.get(slug="joji-run-sanctuary-callback")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=article, restriction_type="login")
        cache.set(RESTRICTED_PATHS_CACHE_KEY, [], timeout=None)  # another reader, before the commit
    assert article.path in restricted_paths()
    assert article.title not in english.get("/").content.decode()
