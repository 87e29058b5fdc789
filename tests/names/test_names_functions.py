"""Each function on its own: scripts, spellings, keys, scores, and the tables behind them."""
import pytest

from names import (
    MAX_CANDIDATES,
    detect_script,
    hangul,
    kontsevich,
    name_keys,
    romanize,
    same_name,
    similarity,
)
from names.korean import split_syllables, syllable_key
from names.korean_surnames import SURNAMES
from names.matching import plain_key, sound_key


@pytest.mark.parametrize(("text", "script"), [
    ("Lee Sung-jin", "Latn"),
    ("Beyoncé", "Latn"),
    ("Ли Сон Джин", "Cyrl"),
    ("Ёлкин", "Cyrl"),
    ("이성진", "Hang"),
    ("東京", "other"),
    ("", "other"),
    ("1999 — 2024", "other"),
    ("Ли Sung Jin", "Latn"),  # the majority of letters decides
])
def test_detect_script(text, script):
    assert detect_script(text) == script


def test_latin_romanizes_to_itself_with_spacing_tidied():
    assert romanize("Kendrick Lamar") == ["Kendrick Lamar"]
    assert romanize("  Lee   Sung-jin ") == ["Lee Sung-jin"]


def test_text_without_letters_has_no_spellings_and_no_keys():
    assert romanize("") == []
    assert romanize(" 1999 ") == []
    assert name_keys("") == frozenset()
    assert not same_name("", "")


def test_scripts_without_a_romanization_come_back_as_written():
    assert romanize("東京") == ["東京"]
    assert same_name("東京", "東京")


@pytest.mark.parametrize(("text", "expected"), [
    ("Дмитрий", ["Dmitriy", "Dmitry"]),
    ("Щукин", ["Shchukin", "Schukin"]),
    ("Юлия", ["Yuliya", "Iuliia"]),
    ("Ёлкин", ["Yolkin", "Elkin"]),
    ("Евгений", ["Yevgeniy", "Evgeny"]),
    ("Жанна Цой", ["Zhanna Tsoy"]),
    ("Хиро Мураи", ["Khiro Murai", "Hiro Murai"]),
    ("Съёмка", ["Syomka"]),
])
def test_russian_transliteration_variants(text, expected):
    spellings = romanize(text)
    for spelling in expected:
        assert spelling in spellings


def test_shouted_cyrillic_stays_shouted():
    assert romanize("ЖУК")[0] == "ZHUK"


def test_the_usual_spelling_comes_first():
    assert romanize("Айсултан Сеитов")[0] == "Aysultan Seitov"
    assert romanize("Ли Сон Джин")[:3] == ["Lee Seong Jin", "Lee Sung Jin", "Yi Seong Jin"]
    assert romanize("김민하")[0] == "Kim Min Ha"


def test_a_korean_looking_cyrillic_name_keeps_its_russian_reading():
    # Хан is a Korean family name and Соло reads as two syllables, but this is Han Solo.
    assert "Han Solo" in romanize("Хан Соло")
    assert same_name("Хан Соло", "Han Solo")


def test_hangul_that_is_not_a_personal_name_is_romanized_plainly():
    assert romanize("아이유") == ["Aiyu"]


def test_spellings_are_capped():
    long_name = "Щукина-Йохансен Ёлкина Юлия Евгеньевна Хьюстон"
    assert 0 < len(romanize(long_name)) <= MAX_CANDIDATES
    assert len(romanize("Сон Сон Сон Сон")) <= MAX_CANDIDATES


def test_korean_keys_tolerate_name_order_and_syllable_breaks():
    keys = {key for key in name_keys("Lee Sung-jin") if ":" in key}
    assert "lee:songjin" in keys
    assert "lee:songjin" in name_keys("Sung Jin Lee")
    assert "lee:songjin" in name_keys("LEE SUNGJIN")


@pytest.mark.parametrize("name", ["Lee Sung Jin", "Yi Seong-jin", "Rhee Sungjin", "Ri Song Jin",
                                  "I Seong-jin", "Li Sung Jin", "Ли Сон Джин", "Ри Сон Джин",
                                  "И Сон Джин", "리성진"])
def test_every_spelling_of_lee_is_one_family_name(name):
    assert same_name(name, "이성진")


@pytest.mark.parametrize(("a", "b"), [("Park", "Pak"), ("Park", "Bak"), ("Choi", "Choe"),
                                      ("Jeong", "Jung"), ("Jeong", "Chung"), ("Kang", "Gang"),
                                      ("Shin", "Sin"), ("Ryu", "Ryoo"), ("Yoo", "Yu")])
def test_family_name_variants(a, b):
    assert same_name(f"{a} Min-ho", f"{b} Min-ho")


def test_ryu_and_yoo_stay_apart_but_rank_as_near_misses():
    assert not same_name("Рю Сон Хи", "Yoo Seong-hee")
    near = similarity("Рю Сон Хи", "Yoo Seong-hee")
    assert near > similarity("Рю Сон Хи", "Yoo Seung-ryong")
    assert near > 0.8


def test_similarity_is_one_only_for_the_same_name():
    assert similarity("Пак Чхан Ук", "Park Chan-wook") == 1.0
    assert 0.0 <= similarity("Park Chan-wook", "Kendrick Lamar") < 0.5


@pytest.mark.parametrize(("spelling", "key"), [
    ("Aysultan Seytov", "aisultanseitov"),
    ("Kendrick", "kendrik"),
    ("Khiro", "hiro"),
    ("Dzhodzhi", "joji"),
    ("Beyoncé", "beionse"),
    ("Allen", "alen"),
])
def test_plain_key(spelling, key):
    assert plain_key(spelling) == key


@pytest.mark.parametrize(("spelling", "key"), [
    ("Dave Meyers", "~TAFMARS"),
    ("Deyv Mayers", "~TAFMARS"),
    ("Joji", "~JUJI"),
    ("Jojo", "~JUJU"),
    ("Free", "~FRI"),
    ("Ёлкин", ""),
])
def test_sound_key(spelling, key):
    assert sound_key(spelling) == key


@pytest.mark.parametrize(("spellings", "key"), [
    (["Seong", "Sung", "Song", "seong"], "song"),
    (["Hyeon", "Hyun", "Hyon"], "hyon"),
    (["Hee", "Hui", "Hie", "Hi"], "hi"),
    (["Woo", "U", "Wu"], "o"),
    (["Jin", "Chin"], "jin"),
    (["Wook", "Uk"], "ok"),
])
def test_syllable_key_folds_romanization_systems(spellings, key):
    assert {syllable_key(spelling) for spelling in spellings} == {key}


def test_syllable_key_keeps_what_tells_names_apart():
    assert syllable_key("Seung") != syllable_key("Sung")
    assert syllable_key("Seon") != syllable_key("Seong")
    assert syllable_key("Ha") != syllable_key("Hae")
    assert syllable_key("Gordon") is None


def test_split_syllables_prefers_the_fewest():
    latin = lambda text: syllable_key(text) is not None  # noqa: E731
    assert split_syllables("woohyung", latin) == [("woo", "hyung")]
    assert split_syllables("seongjin", latin) == [("seong", "jin")]
    assert sorted(split_syllables("hana", latin)) == [("ha", "na"), ("han", "a")]
    assert split_syllables("gordon", latin) == []
    assert split_syllables("seongjinhoha", latin) == []  # more than three syllables


def test_every_hangul_syllable_spelling_folds():
    for code in range(0xAC00, 0xD7A4):
        for spelling in hangul.syllable_spellings(chr(code)):
            assert syllable_key(spelling) is not None, (chr(code), spelling)


def test_every_cyrillic_syllable_spelling_folds():
    initials = ["", "кк", "чх", "кх", "тх", "пх", "чж", "дж", "к", "г", "т", "д", "п", "б", "с", "ш",
                "ч", "х", "н", "м", "р", "л"]
    vowels = ["ва", "во", "ви", "ве", "вэ", "ый", "а", "о", "у", "ы", "и", "э", "е", "я", "ё", "ю"]
    finals = ["", "ль", "нг", "н", "м", "к", "п", "т"]
    for initial in initials:
        for vowel in vowels:
            for final in finals:
                spellings = kontsevich.syllable_spellings(initial + vowel + final)
                assert spellings
                for _, spelling in spellings:
                    assert syllable_key(spelling) is not None, (initial + vowel + final, spelling)


def test_hangul_rr():
    assert [hangul.syllable_rr(ch) for ch in "이성진"] == ["i", "seong", "jin"]
    assert hangul.syllable_spellings("성") == ("seong", "sung")
    assert hangul.syllable_spellings("우") == ("u", "woo")
    assert hangul.syllable_spellings("희") == ("hui", "hee")


def test_surname_table_spellings_fold_like_syllables():
    # Each Latin family-name spelling is also found by the Latin reader, so it must be letters.
    for surname in SURNAMES:
        assert surname.latin and surname.hangul and surname.cyrillic
        for spelling in surname.latin:
            assert spelling.isascii() and spelling.isalpha()
