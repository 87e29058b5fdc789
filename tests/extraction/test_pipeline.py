"""What editors rely on: the credits, dates and references an article states, and nothing else."""
from datetime import date

import pytest

from extraction import Gazetteer, extract

CATALOG = Gazetteer([("RM", ["Ким Нам Джун"]), ("Joji", ["Джоджи"]),
                     ("Lee Sung Jin", ["Ли Сон Джин", "이성진"]), ("Kim Min-ha", ["Ким Мин Ха"])])

RU = """RM — «Come Back to Me»: кто снимал клип

10 мая 2024 года RM представил клип «Come Back to Me». Режиссёром выступил Ли Сон Джин, создатель \
сериала «Beef». Оператором стал Ким У Хён, а художницей-постановщицей — Рю Сон Хи, известная по \
фильму «Олдбой». Главную роль вместе с RM сыграла Ким Мин Ха. Альбом «Right Place, Wrong Person» \
выходит 24 мая.

Ранее Ли Сон Джин снял сериал «Beef». Клип отсылает к фильму «Олдбой»."""

EN = """Joji's new video for "Run" is a callback to "Sanctuary"

Directed by Aisultan Seitov, the video for "Run" came out on February 6, 2020. It was shot by \
John Smith and edited by Jane Doe. Seitov previously directed "Qas". The album "Nectar" was \
produced by Tom Jones and is out on 25 September 2020.

Photo: Kate Moss"""


def credits(result):
    return {(c["role"], c["name"]) for v in result["videos"] for c in v["credits"]}


def test_russian_article_gives_credits_in_the_nominative_and_catalog_spelling():
    result = extract(RU, gazetteer=CATALOG, article_date=date(2024, 6, 1))
    assert result["language"] == "ru"
    [video] = result["videos"]
    assert video["title"] == "Come Back to Me"
    assert [a["name"] for a in video["artists"]] == ["RM"]
    assert video["release_date"] == "2024-05-10"
    album = video["album"]
    assert (album["title"], album["release_date"]) == ("Right Place, Wrong Person", "2024-05-24")
    date_sentence = RU[album["release_date_evidence"]["start"]:album["release_date_evidence"]["end"]]
    assert "24 мая" in date_sentence
    video_date = RU[video["release_date_evidence"]["start"]:video["release_date_evidence"]["end"]]
    assert "10 мая 2024" in video_date
    assert credits(result) == {
        ("director", "Lee Sung Jin"), ("cinematographer", "Ким У Хён"),
        ("art_director", "Рю Сон Хи"), ("cast", "RM"), ("cast", "Kim Min-ha"),
    }
    assert [r["title"] for r in video["references"]] == ["Олдбой"]


def test_english_article_skips_past_work_and_album_producers():
    result = extract(EN, gazetteer=CATALOG)
    [video] = result["videos"]
    assert (video["title"], video["release_date"]) == ("Run", "2020-02-06")
    assert [a["name"] for a in video["artists"]] == ["Joji"]
    assert credits(result) == {("director", "Aisultan Seitov"), ("cinematographer", "John Smith"),
                               ("editor", "Jane Doe")}
    assert video["album"]["title"] == "Nectar"
    assert [r["title"] for r in video["references"]] == ["Sanctuary"]
    assert result["article"]["photo_credit"] == "Kate Moss"


def test_evidence_offsets_point_at_the_sentence_that_states_the_credit():
    result = extract(EN)
    for video in result["videos"]:
        for credit in video["credits"]:
            sentence = EN[credit["evidence"]["start"]:credit["evidence"]["end"]]
            assert credit["as_written"] in sentence


def test_inflected_russian_names_come_out_in_the_nominative():
    text = "Клип «Run» снят режиссёром Айсултаном Сеитовым. Оператором был Ким У Хён."
    result = extract(text)
    assert ("director", "Айсултан Сеитов") in credits(result)


def test_a_latin_gloss_after_a_cyrillic_name_gives_the_latin_spelling():
    text = "Новый клип «Run» снял Айсултан Сеитов (Aisultan Seitov)."
    result = extract(text)
    assert credits(result) == {("director", "Aisultan Seitov")}


def test_day_and_month_take_the_articles_year_or_stay_without_one():
    text = "The video for 'Run' premiered on 6 February."
    assert extract(text, article_date=date(2020, 3, 1))["videos"][0]["release_date"] == "2020-02-06"
    assert extract(text)["videos"][0]["release_date"] == "--02-06"


@pytest.mark.parametrize("month, number", [("мае", 5), ("марте", 3), ("августе", 8), ("декабре", 12)])
def test_a_month_in_the_prepositional_case_is_read(month, number):
    text = f"Клип «Run» выйдет в {month} 2031 года."
    assert extract(text)["videos"][0]["release_date"] == f"2031-{number:02d}"


def test_crew_list_lines():
    text = "«Run» — Joji\nРежиссёр: Айсултан Сеитов\nОператор-постановщик: Иван Петров\nМонтаж: Анна Козлова"
    result = extract(text, gazetteer=CATALOG)
    assert credits(result) == {("director", "Айсултан Сеитов"), ("cinematographer", "Иван Петров"),
                               ("editor", "Анна Козлова")}


@pytest.mark.parametrize("text", ["", "   "])
def test_empty_text_is_an_input_error(text):
    from extraction import ExtractionInputError

    with pytest.raises(ExtractionInputError):
        extract(text)
