"""No query breaks search: quotes, operators, brackets, NUL bytes, emoji, 5000 characters.

Wagtail's SQLite backend answers a lone `"` with a 500, because it hands the reader's text to
FTS5's query parser. Ours builds every FTS5 / tsquery expression from tokens it made itself;
these tests throw the parser's own syntax at the page, the API and the engine.
"""
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from search.backends import Filters
from search.engine import search, suggest

pytestmark = pytest.mark.django_db

SYNTAX = ['"', "'", "*", "AND", "OR", "NOT", "NEAR(", "NEAR", "-", "+", "(", ")", "[", "]", "{", "}",
          ":", "^", "~", "|", "&", "!", "<->", ":*", "\\", "%", "_", "\x00", "\x1f", "🎬", "👩‍👩‍👧",
          "title:", "{title_tokens}:", "клип", "Joji", "Ли", "ё", "x" * 300, "1987", "'s", "--"]
NASTY = ['"', '""', '"Joji', "*", "AND", "NEAR(", "NEAR(a b", "-", "(", ")", ":", "^", "((((", "]]",
         "", " ", "\x00", "\x00Joji\x00", "🎬🎥", "x" * 5000, "Joji " * 1000, "a:b", "title:Joji",
         "'; DROP TABLE sitesearch_searchentry; --", "%", "_", "\\", "\\'", "\u200b", "\ufeff", "Ли*"]

# Text a browser can send: anything but lone surrogates, which no URL can carry.
typed = st.one_of(
    st.lists(st.sampled_from(SYNTAX), max_size=8).map(" ".join),
    st.lists(st.sampled_from(SYNTAX), max_size=8).map("".join),
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=80),
)
fuzz = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.mark.parametrize("text", NASTY)
def test_nasty_queries_answer_on_the_page_and_in_the_api(client, text):
    assert client.get("/search/", {"q": text}).status_code == 200
    for path in ("/api/v1/search", "/api/v1/search/autocomplete"):
        response = client.get(path, {"q": text})
        assert response.status_code == 200, (path, text, response.content[:200])
        assert isinstance(response.json()["query"], str)


def test_bytes_that_are_not_utf8_are_still_a_page(client):
    assert client.get("/search/?q=%ff%fe%22").status_code == 200
    assert client.get("/api/v1/search?q=%ff%fe%22").status_code == 200


@fuzz
@given(text=typed)
def test_the_engine_answers_any_text(text):
    results = search(text)
    assert results.total >= 0
    assert len(suggest(text)) <= 8
    # A filter never turns a query into an error either.
    search(text, Filters(kind="article", language="ru", section="news", year=2020), page=3)


@fuzz
@given(text=typed)
def test_the_page_answers_any_text(client, text):
    response = client.get("/search/", {"q": text, "kind": "person"})
    assert response.status_code == 200


@fuzz
@given(text=typed, page=st.integers(min_value=-5, max_value=2000).map(str))
def test_the_api_answers_any_text(client, text, page):
    response = client.get("/api/v1/search", {"q": text, "page": page})
    assert response.status_code in (200, 422), response.content[:300]
    assert "detail" in response.json() if response.status_code == 422 else "groups" in response.json()
    assert client.get("/api/v1/search/autocomplete", {"q": text}).status_code == 200
