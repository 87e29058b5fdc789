"""A reader's journey in headless chromium: home → article → director → filmography.

Screenshots land in test-output/<test name>/ so a person can look at what the reader saw.
"""
import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reader_goes_from_home_to_article_to_the_directors_filmography(site, browser, output_dir):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page.goto(site + "/")
    assert page.locator("h1").inner_text().startswith("Who made the video")
    page.screenshot(path=output_dir / "1-home.png", full_page=True)

    page.get_by_role("link", name="Wake up, Captain").first.click()
    page.wait_for_url("**/deep-cuts/joji-run-sanctuary-callback/")
    assert "Sanctuary" in page.locator("h1").inner_text()
    credits = page.locator(".credits-box", has_text="Run").first
    assert credits.locator("dt", has_text="Director").count() == 1
    page.screenshot(path=output_dir / "2-article.png", full_page=True)

    credits.get_by_role("link", name="Aisultan Seitov").click()
    page.wait_for_url("**/people/aisultan-seitov/")
    assert page.locator("h1").inner_text() == "Aisultan Seitov"
    assert "Айсултан Сеитов" in page.locator(".names").inner_text()
    filmography = page.locator(".filmography")
    assert filmography.locator("h3").first.inner_text().lower() == "director"
    assert "Run" in filmography.inner_text()
    page.screenshot(path=output_dir / "3-person.png", full_page=True)


def test_article_reads_well_on_a_phone_in_russian(site, browser, output_dir):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ru-RU",
                                  extra_http_headers={"Accept-Language": "ru"})
    page = context.new_page()
    page.goto(site + "/deep-cuts/rm-come-back-to-me-komanda/")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.get_by_role("heading", name="Читайте также").count() == 1
    # Nothing wider than the screen: no sideways scrolling on a phone.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0
    page.screenshot(path=output_dir / "article-phone-ru.png", full_page=True)
    context.close()
