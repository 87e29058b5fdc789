"""Searching in headless chromium: suggestions under the header box, by mouse and keyboard, the
results page on a phone in Russian, and the plain form without JavaScript.

Screenshots land in test-output/<test name>/.
"""
import re
import shutil

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


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


def test_typing_a_cyrillic_name_suggests_the_person_and_enter_opens_them(site, browser, output_dir):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page.goto(site + "/")
    box = page.locator("header input[name=q]")
    box.click()
    box.press_sequentially("Ли Сон Дж", delay=30)
    option = page.get_by_role("option", name=re.compile("Lee Sung Jin"))
    option.wait_for()
    assert box.get_attribute("aria-expanded") == "true"
    page.screenshot(path=output_dir / "1-suggestions.png")

    box.press("ArrowDown")
    assert option.get_attribute("aria-selected") == "true"
    assert box.get_attribute("aria-activedescendant") == option.get_attribute("id")
    box.press("Escape")
    assert box.get_attribute("aria-expanded") == "false"
    box.press("ArrowDown")  # reopens
    option.wait_for()
    box.press("ArrowDown")
    box.press("Enter")
    page.wait_for_url("**/people/lee-sung-jin/")
    assert page.locator("h1").inner_text() == "Lee Sung Jin"


def test_a_suggestion_is_followed_with_the_mouse_and_enter_without_one_searches(site, browser, output_dir):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page.goto(site + "/deep-cuts/")
    box = page.locator("header input[name=q]")
    box.fill("oldb")
    page.get_by_role("option", name=re.compile("Oldboy")).click()
    page.wait_for_url("**/works/oldboy-2003/")

    box = page.locator("header input[name=q]")
    box.fill("клипов")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q="))
    assert page.locator("header input[name=q]").input_value() == "клипов"
    assert page.locator("#results-article .search-result").count() > 0
    page.screenshot(path=output_dir / "2-results.png", full_page=True)


def test_the_results_page_reads_well_on_a_phone_in_russian(site, browser, output_dir):
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="ru-RU",
                                  extra_http_headers={"Accept-Language": "ru"})
    page = context.new_page()
    page.goto(site + "/search/?q=Joji")
    assert page.locator("html").get_attribute("lang") == "ru"
    assert page.locator(".search-group").count() >= 3
    # Nothing wider than the screen: no sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.screenshot(path=output_dir / "phone-ru.png", full_page=True)

    page.locator("header input[name=q]").fill("сеитов")
    page.get_by_role("option", name=re.compile("Айсултан Сеитов")).wait_for()  # the Russian spelling
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0
    page.screenshot(path=output_dir / "phone-ru-suggestions.png")
    page.locator("#results-person .result-title").first.click()
    page.wait_for_url("**/people/joji/")
    context.close()


def test_without_javascript_the_box_is_a_plain_form(site, browser):
    context = browser.new_context(java_script_enabled=False, locale="en-GB")
    page = context.new_page()
    page.goto(site + "/")
    box = page.locator("header input[name=q]")
    box.fill("Seitov")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/search/\?q=Seitov"))
    page.locator("#results-person a.result-title", has_text="Aisultan Seitov").click()
    page.wait_for_url("**/people/aisultan-seitov/")
    context.close()
