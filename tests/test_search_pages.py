"""The search page and its JSON twin, as a reader and an API client see them."""
import pytest

pytestmark = pytest.mark.django_db


def page(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    return response.content.decode()


def api(client, path="/api/v1/search", **params):
    return client.get(path, params)


def test_the_page_finds_a_person_across_scripts_and_keeps_the_words_in_the_box(english):
    html = page(english, q="Ли Сон Джин")
    assert 'href="/people/lee-sung-jin/"' in html
    assert html.count('value="Ли Сон Джин"') == 2  # the header box and the page's own box
    assert "People and groups" in html


def test_results_come_in_groups_with_a_link_to_all_of_a_kind(english):
    html = page(english, q="videos")
    assert 'id="results-person"' in html and 'id="results-article"' in html
    assert "All people and groups (" in html
    assert "kind=person" in html


def test_a_kind_page_has_pagination_and_a_page_past_the_end_shows_the_last(english, monkeypatch):
    monkeypatch.setattr("search.views.PAGE_SIZE", 5)
    html = page(english, q="videos", kind="person")
    assert 'id="results-article"' not in html
    assert 'rel="next"' in html and "Page 1 of" in html
    last = page(english, q="videos", kind="person", page=999)
    assert 'rel="prev"' in last and 'rel="next"' not in last


def test_nothing_found_says_what_to_try(english):
    html = page(english, q="zzqxv")
    assert "Nothing found" in html
    assert "every word has to match" in html
    filtered = page(english, q="zzqxv", year=2020)
    assert "Search everything for" in filtered


def test_a_bad_filter_is_explained_and_the_search_still_runs(english):
    html = page(english, q="Joji", year="twenty", section="nowhere", page="-3")
    assert "Type the year as a number, such as 2020." in html
    assert "There is no section called “nowhere”" in html
    assert 'href="/people/joji/"' in html
    assert 'value="Joji"' in html


def test_filters_narrow_the_page(english):
    html = page(english, q="Joji", section="reviews")
    assert 'id="results-article"' in html and 'id="results-person"' not in html
    assert "/reviews/joji-glimpse-of-us-obzor/" in html


def test_a_russian_reader_sees_russian_titles_with_the_original_beside(russian):
    html = page(russian, q="oldboy")
    assert ">Олдбой</a>" in html and ">Oldboy<" in html
    assert '<html lang="ru">' in html


def test_the_empty_page_explains_what_search_does(english):
    html = page(english)
    assert "Names work in any script" in html


def test_the_api_returns_the_same_groups(english):
    data = api(english, q="Сеитов").json()
    assert data["query"] == "Сеитов"
    assert data["groups"][0]["kind"] == "person"
    first = data["groups"][0]["results"][0]
    assert first["title"] == "Aisultan Seitov" and first["url"] == "/people/aisultan-seitov/"
    assert data["total"] == sum(data["counts"].values())
    assert data["counts"]["person"] == data["groups"][0]["total"]


def test_the_api_pages_one_kind(english):
    data = api(english, q="videos", kind="person", page=2, page_size=5).json()
    assert [g["kind"] for g in data["groups"]] == ["person"]
    assert len(data["groups"][0]["results"]) == 5
    assert data["page"] == {"number": 2, "size": 5, "pages": 4}
    assert len(data["counts"]) > 1
    first = api(english, q="videos", kind="person", page=1, page_size=5).json()
    urls = [{result["url"] for result in d["groups"][0]["results"]} for d in (first, data)]
    assert not urls[0] & urls[1]


@pytest.mark.parametrize("params, words", [
    ({"q": "x", "kind": "spaceship"}, "There is no kind of result called “spaceship”"),
    ({"q": "x", "year": "abc"}, "Type the year as a number"),
    ({"q": "x", "language": "de"}, "Articles are in Russian or English"),
    ({"q": "x", "page": "0"}, "Page numbers start at 1."),
])
def test_the_api_refuses_a_bad_filter_with_a_sentence(english, params, words):
    response = api(english, **params)
    assert response.status_code == 422
    assert words in response.json()["detail"]


def test_autocomplete_suggests_names_and_titles(english):
    data = api(english, "/api/v1/search/autocomplete", q="Ли Сон Дж").json()
    assert data["suggestions"][0]["title"] == "Lee Sung Jin"
    assert data["suggestions"][0]["url"] == "/people/lee-sung-jin/"
    assert data["status"].endswith(("suggestion", "suggestions"))
    assert api(english, "/api/v1/search/autocomplete", q="").json()["suggestions"] == []


def test_search_is_in_the_api_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/search" in paths and "/api/v1/search/autocomplete" in paths


def test_a_kind_with_nothing_says_so_and_offers_the_others(english):
    html = page(english, q="Joji", kind="series")
    assert "Nothing of this kind matches" in html
    assert "kind=person" in html


@pytest.mark.parametrize("language, section", [("en", "Reviews"), ("ru", "Рецензии")])
def test_article_results_name_their_section_in_the_readers_language_from_memory(client, language,
                                                                               section):
    """The section of each article result comes from the cached sections: at scale the query
    for them cost more than the search itself."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.cookies["django_language"] = language
    page(client, q="Come Back to Me")  # the sections are read once, then kept
    with CaptureQueriesContext(connection) as queries:
        html = page(client, q="Come Back to Me")
    assert f"{section} · " in html
    assert not [q for q in queries.captured_queries if "editorial_sectionpage" in q["sql"]]
