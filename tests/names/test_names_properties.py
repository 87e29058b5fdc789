"""Properties that hold for any name, not only the examples."""
import string

from hypothesis import given
from hypothesis import strategies as st

from names import MAX_CANDIDATES, name_keys, romanize, same_name, similarity

CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
LETTERS = string.ascii_letters + CYRILLIC + CYRILLIC.upper() + "이성진김우형류희민하박찬욱"
# Korean-looking words too, so the Korean readers get exercised and not only noise.
PARTS = ["Ли", "Ким", "Сон", "Джин", "Хён", "У", "Lee", "Kim", "Woo", "hyung", "Sung", "jin", "이", "성진"]

words = st.lists(
    st.one_of(st.text(alphabet=LETTERS, min_size=1, max_size=10), st.sampled_from(PARTS)),
    min_size=1, max_size=4,
)
latin_words = st.lists(st.text(alphabet=string.ascii_letters, min_size=1, max_size=10),
                       min_size=1, max_size=4)


@given(words)
def test_romanize_gives_at_least_one_spelling_and_never_too_many(name_words):
    spellings = romanize(" ".join(name_words))
    assert 1 <= len(spellings) <= MAX_CANDIDATES
    assert all(spellings)


@given(words)
def test_keys_ignore_case(name_words):
    name = " ".join(name_words)
    assert name_keys(name) == name_keys(name.upper()) == name_keys(name.lower())


@given(words, st.sampled_from(["  ", "-", " - ", "\t", "‐"]))
def test_keys_ignore_extra_spaces_and_hyphens(name_words, separator):
    name = " ".join(name_words)
    assert name_keys(name) == name_keys(f"  {separator.join(name_words)} ")


@given(words, words)
def test_same_name_and_similarity_are_symmetric(a_words, b_words):
    a, b = " ".join(a_words), " ".join(b_words)
    assert same_name(a, b) == same_name(b, a)
    assert similarity(a, b) == similarity(b, a)
    assert 0.0 <= similarity(a, b) <= 1.0
    assert (similarity(a, b) == 1.0) == same_name(a, b)


@given(latin_words)
def test_a_latin_name_matches_itself(name_words):
    name = " ".join(name_words)
    assert same_name(name, name)
    assert same_name(name, name.lower())
