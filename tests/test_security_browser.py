"""The Content Security Policy holds on real pages: chromium reports no violation anywhere a
reader or an editor goes, and an injected script would not run."""
import pytest
from django.contrib.auth.models import User

from editorial.models import ArticlePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.__csp = [];
document.addEventListener('securitypolicyviolation',
    e => window.__csp.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')));
"""


def open_watched(browser, **context_options):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, **context_options)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    return page, console


def violations(page, console) -> list[str]:
    # "load" and a moment for deferred scripts (the view beacon): networkidle is not reliable here.
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)
    return page.evaluate("window.__csp") + [m for m in console if "Content Security Policy" in m]


def test_public_pages_satisfy_the_policy(site, browser):
    article = ArticlePage.objects.live().get(slug="rm-come-back-to-me-review")
    page, console = open_watched(browser)
    for path in ["/", article.url, "/videos/rm-come-back-to-me/", "/people/lee-sung-jin/",
                 "/reviews/", "/tags/joji/", "/no-such-page/", "/api/v1/docs"]:
        response = page.goto(site + path)
        assert "default-src 'self'" in response.headers["content-security-policy"], path
        found = violations(page, console)
        assert found == [], (path, found)


def test_admin_pages_satisfy_the_admin_policy(site, browser):
    User.objects.create_superuser("chief", "chief@example.org", "a-long-test-password")
    article = ArticlePage.objects.live().get(slug="rm-come-back-to-me-review")
    page, console = open_watched(browser)
    page.goto(site + "/admin/login/")
    page.fill("input[name=username]", "chief")
    page.fill("input[name=password]", "a-long-test-password")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    for path in ["/admin/", f"/admin/pages/{article.pk}/edit/", "/admin/snippets/catalog/work/",
                 "/admin/imports/", article.url]:
        page.goto(site + path)
        found = violations(page, console)
        assert found == [], (path, found)


def test_a_script_smuggled_into_an_article_does_not_run(site, browser):
    article = ArticlePage.objects.live().get(slug="rm-come-back-to-me-review")
    article.teaser = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'
    article.save_revision().publish()
    page, console = open_watched(browser)
    page.goto(site + article.url)
    assert page.evaluate("window.__xss") is None
    assert "<script>window.__xss" in page.content() or "&lt;script&gt;" in page.content()
