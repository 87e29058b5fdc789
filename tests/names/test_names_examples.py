"""The spellings the article importer and search must join, and the people they must keep apart."""
import pytest

from names import romanize, same_name, similarity

SAME_PERSON = [
    ("Ли Сон Джин", "Lee Sung Jin"),
    ("Ли Сон Джин", "이성진"),
    ("Ли Сон Джин", "Lee Sung-jin"),
    ("Ли Сон Джин", "Sung Jin Lee"),
    ("Lee Sung Jin", "이성진"),
    ("Lee Sung Jin", "Sung Jin Lee"),
    ("Lee Sung-jin", "Yi Seong-jin"),
    ("이성진", "Sung Jin Lee"),
    ("Ким У Хён", "Kim Woo-hyung"),
    ("Ким У Хён", "김우형"),
    ("Kim Woo-hyung", "김우형"),
    ("Kim Woo-hyung", "Kim Woohyung"),
    ("Kim Woo-hyung", "Kim Woo Hyung"),
    ("Kim Woo-hyung", "Kim U-hyeong"),
    ("Рю Сон Хи", "Ryu Seong-hee"),
    ("Рю Сон Хи", "Ryu Seong-hie"),
    ("Ryu Seong-hee", "Ryu Seong-hie"),
    ("Ryu Seong-hee", "류성희"),
    ("Ким Мин Ха", "Kim Min-ha"),
    ("Ким Мин Ха", "김민하"),
    ("Kim Min-ha", "김민하"),
    ("Айсултан Сеитов", "Aisultan Seitov"),
    ("Айсултан Сеитов", "Aysultan Seytov"),
    ("Хиро Мураи", "Hiro Murai"),
    ("Кендрик Ламар", "Kendrick Lamar"),
    ("Дэйв Майерс", "Dave Meyers"),
    ("Пак Чхан Ук", "Park Chan-wook"),
    ("Пак Чхан Ук", "박찬욱"),
    ("Пон Джун Хо", "Bong Joon-ho"),
    ("Пак Чханук", "Park Chan-wook"),
    ("Jung Ho-yeon", "Chung Ho-yeon"),
    ("Choi Woo-shik", "Choe U-sik"),
    ("Yoo Ah-in", "Ю А Ин"),
    ("Yoo Ah-in", "Yu A In"),
    ("Beyoncé", "Beyonce"),
    ("Дмитрий", "Dmitry"),
    ("Джоджи", "Joji"),
]

DIFFERENT_PEOPLE = [
    ("Ким Мин Ха", "Kim Min-jae"),
    ("Lee Sung Jin", "Lee Seung Hoon"),
    ("Kim Woo-hyung", "Kim Woo-bin"),
    ("Ryu Seong-hee", "Ryu Seung-ryong"),
    ("Aisultan Seitov", "Aisultan Seitkali"),
    ("Joji", "Jojo"),
    ("Dave Meyers", "Dave Free"),
    # 류 and 유 are different family names (see names.korean_surnames).
    ("Ryu Seong-hee", "Yoo Seong-hee"),
    ("Рю Сон Хи", "Ю Сон Хи"),
    # 성 (Sung) and 승 (Seung); ㄴ and ㅇ finals.
    ("Lee Sung-jin", "Lee Seung-jin"),
    ("Kim Seon-ho", "Kim Seong-ho"),
]


@pytest.mark.parametrize(("a", "b"), SAME_PERSON)
def test_spellings_of_one_person_meet(a, b):
    assert same_name(a, b)
    assert same_name(b, a)
    assert similarity(a, b) == 1.0


@pytest.mark.parametrize(("a", "b"), DIFFERENT_PEOPLE)
def test_different_people_stay_apart(a, b):
    assert not same_name(a, b)
    assert similarity(a, b) < 1.0


@pytest.mark.parametrize(("text", "expected"), [
    ("Ли Сон Джин", ["Lee Sung Jin", "Yi Seong Jin"]),
    ("Ким У Хён", ["Kim Woo Hyung", "Kim U Hyeon"]),
    ("Рю Сон Хи", ["Ryu Seong Hee", "Ryu Sung Hee"]),
    ("Пак Чхан Ук", ["Park Chan Wook"]),
    ("Айсултан Сеитов", ["Aisultan Seitov", "Aysultan Seytov"]),
    ("이성진", ["Lee Seong Jin", "Yi Seong Jin"]),
    ("김민하", ["Kim Min Ha"]),
])
def test_romanize_offers_the_spellings_people_use(text, expected):
    spellings = romanize(text)
    for spelling in expected:
        assert spelling in spellings


def test_a_cyrillic_spelling_ranks_its_english_original_above_another_person():
    assert similarity("Dave Meyers", "Дэйв Майерс") > similarity("Dave Free", "Дэйв Майерс") + 0.3
