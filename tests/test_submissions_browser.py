"""In headless chromium: a reader sends a tip full of script on a phone; an editor opens it in the
moderation queue, and no script from the tip ever runs. Screenshots land in test-output/<test>/."""
import shutil

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
XSS = ('Joji\'s new video “Run” is out, directed by Aisultan Seitov. <script>window.__xss = 1</script>'
       '<img src=x onerror="window.__xss = 1"><svg onload="window.__xss = 1"></svg>'
       '<a href="javascript:window.__xss = 1">watch</a> "><script>window.__xss = 1</script>')


@pytest.fixture
def site(live_server, committed_demo):
    return live_server.url


@pytest.fixture
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def watch_for_scripts(page) -> list[str]:
    """Anything a payload could do to be noticed: set the flag, or open a dialog."""
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


def no_script_ran(page, dialogs) -> bool:
    return page.evaluate("typeof window.__xss") == "undefined" and not dialogs


@pytest.fixture
def moderator(committed_demo):
    """Made before the browser starts: the ORM refuses to run beside playwright's event loop."""
    user = get_user_model().objects.create_user("moderator", "m@example.com", "a-long-test-password")
    group = Group.objects.create(name="Tip moderators")
    group.permissions.add(Permission.objects.get(codename="access_admin"),
                          Permission.objects.get(codename="moderate_submission"))
    user.groups.add(group, Group.objects.get(name="Editors"))  # Wagtail's: may edit pages
    return user


def moderator_login(page, site):
    page.goto(site + "/admin/login/")
    page.fill("input[name=username]", "moderator")
    page.fill("input[name=password]", "a-long-test-password")
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(site + "/admin/")


def test_a_script_in_a_tip_never_runs_for_the_reader_or_the_editor(site, moderator, browser, output_dir):
    phone = browser.new_context(viewport={"width": 360, "height": 780}, locale="en-GB")
    page = phone.new_page()
    dialogs = watch_for_scripts(page)
    page.goto(site + "/submit/")
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.get_by_label("Upcoming event").check()
    page.fill("textarea[name=text]", XSS)
    page.fill("textarea[name=links]", "https://example.com/joji-run")
    page.fill("input[name=event_date]", "24 May 2031")
    page.fill("input[name=place]", '<img src=x onerror="window.__xss = 1">')
    page.fill("input[name=contact]", "<script>window.__xss = 1</script>")
    page.screenshot(path=output_dir / "1-form-phone.png", full_page=True)
    page.get_by_role("button", name="Send").click()
    page.wait_for_url("**/submit/thanks/")
    assert no_script_ran(page, dialogs)
    page.screenshot(path=output_dir / "2-thanks-phone.png", full_page=True)
    phone.close()

    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = desk.new_page()
    dialogs = watch_for_scripts(page)
    moderator_login(page, site)
    page.get_by_role("link", name="Reader submissions").first.click()
    page.wait_for_url("**/admin/submissions/")
    assert no_script_ran(page, dialogs)
    page.screenshot(path=output_dir / "3-queue.png", full_page=True)
    page.locator(".moderation-list tbody a").first.click()
    page.locator(".as-sent").wait_for()
    assert page.locator(".as-sent").inner_text() == XSS  # the words, shown as words
    page.locator(".moderation-preview summary").click()
    assert no_script_ran(page, dialogs)
    page.screenshot(path=output_dir / "4-detail.png", full_page=True)

    page.get_by_role("button", name="Create a draft article").click()
    page.locator(".decided").wait_for()
    assert no_script_ran(page, dialogs)
    page.locator(".decided a").first.click()
    page.wait_for_url("**/admin/pages/*/edit/", wait_until="domcontentloaded")
    page.locator(".Draftail-Editor").first.wait_for()  # the body, drawn by the rich-text editor
    assert no_script_ran(page, dialogs)
    page.screenshot(path=output_dir / "5-draft-article.png", full_page=True)
    desk.close()
