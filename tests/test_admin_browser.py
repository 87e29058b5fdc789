"""An editor chooses what an article is about in a real browser: the chooser's search finds a
work by another title, adds it, removes another, and the saved draft has exactly those."""
import pytest
from django.contrib.auth.models import User

from catalog.models import Work
from editorial.models import ArticlePage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_adds_and_removes_works_with_the_chooser(site, browser, output_dir):
    User.objects.create_superuser("chief", "chief@example.org", "a-long-test-password")
    article = ArticlePage.objects.get(slug="joji-run-sanctuary-callback")
    before = set(article.videos.values_list("pk", flat=True))
    oldboy = Work.objects.get(slug="oldboy-2003")
    dropped = Work.objects.get(pk=min(before))
    page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(site + "/admin/login/")
    page.fill("input[name=username]", "chief")
    page.fill("input[name=password]", "a-long-test-password")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(site + f"/admin/pages/{article.pk}/edit/")

    chips = page.locator("select[name=videos] ~ ul.choose-many-chips")
    assert chips.locator("li").count() == len(before)
    page.locator("select[name=videos] ~ input.choose-many-search").fill("Олдбой")
    found = page.locator("select[name=videos] ~ ul.choose-many-found button")
    found.filter(has_text="Oldboy").first.click()
    assert chips.locator("li", has_text="Oldboy").count() == 1
    chips.locator("li", has_text=dropped.title).first.locator("button").click()
    chips.scroll_into_view_if_needed()
    page.screenshot(path=output_dir / "article-chooser.png")

    page.locator("button[type=submit]", has_text="Save draft").first.click()
    page.wait_for_load_state("load")
    draft = ArticlePage.objects.get(pk=article.pk).get_latest_revision_as_object()
    assert {work.pk for work in draft.videos.all()} == before - {dropped.pk} | {oldboy.pk}
