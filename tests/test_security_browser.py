"""The Content Security Policy holds on real pages: chromium reports no violation anywhere a
reader or an editor goes, and an injected script would not run."""
import pytest
from django.contrib.auth.models import User

from editorial.models import ArticlePage
from imports.importing import queue_import
from submissions.models import Submission
from submissions.moderation import accept_as_article

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
                 "/works/joji-nectar/", "/reviews/", "/tags/joji/", "/calendar/", "/submit/",
                 "/search/?q=Ли+Сон+Джин", "/no-such-page/", "/api/v1/docs"]:
        response = page.goto(site + path)
        assert "default-src 'self'" in response.headers["content-security-policy"], path
        found = violations(page, console)
        assert found == [], (path, found)


def test_the_search_box_suggests_and_a_tip_is_sent_within_the_policy(site, browser):
    """The two pages that run the most script and post a form, used as a reader uses them."""
    page, console = open_watched(browser)
    page.goto(site + "/")
    page.fill("header input[name=q]", "Ли Сон")
    page.wait_for_selector("[role=listbox] [role=option]")
    assert violations(page, console) == []
    page.goto(site + "/submit/")
    page.fill("textarea[name=text]", "Lee Sung Jin is shooting a new video for RM in Seoul next month.")
    page.click("form.submit-form button[type=submit]")
    page.wait_for_url("**/submit/thanks/")
    assert violations(page, console) == []


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
                 "/admin/imports/", "/admin/submissions/", "/admin/catalog-changes/", article.url]:
        page.goto(site + path)
        found = violations(page, console)
        assert found == [], (path, found)


PAYLOAD = ('<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">'
           '<a href="javascript:window.__xss = 3">read more</a>')

# Whether anything of the payload ran or is in the page as markup (rather than as words). The
# page's JSON-LD names the teaser as data (escaped, see test_structured_data): not a script.
SCRIPT_RAN_OR_IS_MARKUP = """() => window.__xss !== undefined
    || [...document.scripts].some(script => script.type !== 'application/ld+json'
                                            && script.textContent.includes('__xss'))
    || document.querySelectorAll('img[onerror], a[href^="javascript:"]').length > 0"""


def test_a_script_smuggled_into_an_article_does_not_run(site, browser):
    article = ArticlePage.objects.live().get(slug="rm-come-back-to-me-review")
    article.teaser = PAYLOAD
    article.save_revision().publish()
    page, console = open_watched(browser)
    page.goto(site + article.url)
    assert not page.evaluate(SCRIPT_RAN_OR_IS_MARKUP)
    assert page.locator("p.lead").inner_text() == PAYLOAD  # shown as the words that were typed


def test_scripts_in_an_imported_text_and_in_a_readers_tip_reach_the_article_as_words(site, browser):
    """The two ways outside text becomes an article body: an import and an accepted tip."""
    imported, _ = queue_import("payload.txt", f"Joji on stage\n\nJoji said {PAYLOAD} and left.")
    imported.refresh_from_db()
    tip = Submission.objects.create(text=f"Joji has a new video out, a reader says. {PAYLOAD}")
    editor = User.objects.create_superuser("desk", "desk@example.org", "a-long-test-password")
    from_tip = accept_as_article(tip, editor, "A tip with a payload")
    page, console = open_watched(browser)
    for article in (imported.page, from_tip):
        article.get_latest_revision().publish()
        article.refresh_from_db()
        page.goto(site + article.url)
        assert not page.evaluate(SCRIPT_RAN_OR_IS_MARKUP), article.title
        assert "<script>window.__xss = 1</script>" in page.locator(".body").inner_text(), article.title
