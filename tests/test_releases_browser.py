"""A reader follows two artists on a phone and the calendar tells them both release on one day.

Screenshots land in test-output/<test name>/.
"""
import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEXT_YEAR = timezone.localdate().year + 1


@pytest.fixture
def calendar_site(site):
    """The demo site, with RM and NewJeans releasing on one day next May."""
    from catalog.models import Person
    from releases.models import ReleaseEvent

    newjeans = Person.objects.create(name="NewJeans", slug="newjeans", kind=Person.Kind.GROUP)
    for title, person, kind in (("Right Here", Person.objects.get(slug="rm"), "album"),
                                ("How Sweet", newjeans, "single")):
        event = ReleaseEvent.objects.create(title=title, kind=kind, year=NEXT_YEAR, month=5, day=24,
                                            status="confirmed")
        event.artists.set([person])
    return site


def no_sideways_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0


def test_a_reader_follows_two_artists_and_sees_their_same_day_releases(calendar_site, browser, output_dir):
    site = calendar_site
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="ru-RU",
                                  extra_http_headers={"Accept-Language": "ru"})
    page = context.new_page()
    for slug in ("rm", "newjeans"):
        page.goto(f"{site}/people/{slug}/")
        page.locator(".follow-button").click()
        page.wait_for_url(f"**/people/{slug}/")
        assert page.locator(".follow-button").get_attribute("aria-pressed") == "true"
    page.screenshot(path=output_dir / "person-phone-ru.png", full_page=True)

    page.goto(f"{site}/calendar/{NEXT_YEAR}/5/")
    assert page.locator("h1").inner_text() == f"Май {NEXT_YEAR}"
    callout = page.locator(".clash-sentence")
    assert callout.count() == 1
    assert "RM" in callout.inner_text() and "NewJeans" in callout.inner_text()
    assert "24 мая" in callout.inner_text()
    # On a phone the month is a list of the days that have releases.
    assert page.locator(".day:visible").count() == 1
    assert no_sideways_scroll(page)
    page.screenshot(path=output_dir / "month-phone-ru.png", full_page=True)

    page.goto(f"{site}/people/rm/")
    page.locator(".follow-button").click()  # unfollow: one followed artist cannot clash
    page.goto(f"{site}/calendar/{NEXT_YEAR}/5/")
    assert page.locator(".clash-sentence").count() == 0
    context.close()


def test_month_grid_on_a_desktop(calendar_site, browser, output_dir):
    site = calendar_site
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page.goto(f"{site}/calendar/2024/5/")
    assert page.locator(".weekday").first.is_visible()
    cell = page.locator(".day", has=page.locator("time[datetime='2024-05-24']"))
    assert "Right Place, Wrong Person" in cell.inner_text()
    assert "13:00 KST (Asia/Seoul)" in cell.inner_text()
    assert no_sideways_scroll(page)
    page.screenshot(path=output_dir / "month-desktop-en.png", full_page=True)
