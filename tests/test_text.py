from hypothesis import given
from hypothesis import strategies as st

from editorial.text import cut_at_word, html_to_text


def test_short_text_is_left_alone():
    assert cut_at_word("A short teaser.", 50) == "A short teaser."


def test_long_text_ends_on_a_whole_word_with_an_ellipsis():
    text = "Kendrick Lamar and Dave Free turn the single into a rapid-fire sermon"
    cut = cut_at_word(text, 30)
    assert cut == "Kendrick Lamar and Dave Free…"


def test_no_dangling_punctuation_before_the_ellipsis():
    assert cut_at_word("Первый клип, второй клип, третий клип", 14) == "Первый клип…"


words = st.lists(st.text(alphabet="abcdeжзий", min_size=1, max_size=12), min_size=1, max_size=40)


@given(words, st.integers(min_value=5, max_value=200))
def test_cut_never_splits_a_word_and_respects_the_limit(word_list, limit):
    text = " ".join(word_list)
    cut = cut_at_word(text, limit)
    if cut == text:
        return
    assert cut.endswith("…")
    body = cut[:-1]
    assert len(body) <= limit
    # Every word kept is a whole word of the original, unless one word is longer than the limit.
    if " " in text[:limit]:
        assert body.split() == word_list[: len(body.split())]


def test_html_to_text_keeps_paragraphs_apart():
    assert html_to_text("<p>One&nbsp;two.</p><p>Three</p>") == "One two. Three"
