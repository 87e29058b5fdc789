"""The scoring rules of related reading, on hand-made profiles (no database)."""
from datetime import date

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from related import scoring
from related.reasons import sentence, shown
from related.scoring import Profile, Scored, arrange, idf, score

TODAY = date(2026, 11, 29)
RUN, SANCTUARY, NECTAR, GLIMPSE = 1, 2, 3, 4
SEITOV, GLAISTER, JOJI, STREIT = 10, 11, 12, 13


def profile(pk, works=(), albums=None, links=(), people=None, tags=(), language="en",
            section="s1", day=date(2026, 1, 1)) -> Profile:
    return Profile(article_id=pk, language=language, date=day, section=section,
                   works=frozenset(works), albums=albums or {}, links=frozenset(links),
                   people=people or {}, tags=frozenset(tags))


def codes(scored) -> list[str]:
    return [r.code for r in scored.reasons]


def test_nothing_in_common_is_no_pick():
    a = profile(100, works=[RUN], section="s1")
    b = profile(101, works=[GLIMPSE], section="s2")
    assert score(a, b, similarity=0.2, today=TODAY) is None


def test_a_shared_video_outweighs_a_shared_tag_and_text():
    a = profile(100, works=[RUN], tags=[7])
    same_video = profile(101, works=[RUN], section="s2")
    tag_and_text = profile(102, works=[GLIMPSE], tags=[7], section="s2")
    first = score(a, same_video, None, TODAY)
    second = score(a, tag_and_text, 0.7, TODAY)
    assert first.score > second.score
    assert codes(first)[0] == "same_work" and first.reasons[0].params == {"work": RUN}
    assert set(codes(second)) == {"shared_tags", "similar_text"}


def test_the_director_of_the_shared_video_is_not_news_but_of_another_video_is():
    a = profile(100, works=[RUN], people={SEITOV: {"director": frozenset({RUN})}})
    same_video = profile(101, works=[RUN], people={SEITOV: {"director": frozenset({RUN})}})
    other_video = profile(102, works=[SANCTUARY], people={SEITOV: {"director": frozenset({SANCTUARY})}})
    assert "same_person" not in codes(score(a, same_video, None, TODAY))
    reason = next(r for r in score(a, other_video, None, TODAY).reasons if r.code == "same_person")
    assert reason.params == {"person": SEITOV, "role": "director"}


def test_the_strongest_common_role_is_the_one_told():
    a = profile(100, works=[RUN], people={JOJI: {"artist": frozenset({RUN}), "about": frozenset({None})}})
    b = profile(101, works=[GLIMPSE], people={JOJI: {"artist": frozenset({GLIMPSE}),
                                                     "about": frozenset({None})}})
    reason = next(r for r in score(a, b, None, TODAY).reasons if r.code == "same_person")
    assert reason.params["role"] == "artist"
    different = profile(102, works=[GLIMPSE], people={JOJI: {"cast": frozenset({GLIMPSE})}})
    mixed = next(r for r in score(a, different, None, TODAY).reasons if r.code == "same_person")
    assert mixed.params["role"] == "" and mixed.weight < reason.weight


def test_an_album_counts_only_beyond_the_shared_video():
    a = profile(100, works=[RUN, NECTAR], albums={NECTAR: frozenset({RUN, NECTAR})})
    on_run = profile(101, works=[RUN], albums={NECTAR: frozenset({RUN})})
    on_sanctuary = profile(102, works=[SANCTUARY], albums={NECTAR: frozenset({SANCTUARY})})
    assert "same_album" not in codes(score(a, on_run, None, TODAY))
    assert "same_album" in codes(score(a, on_sanctuary, None, TODAY))


def test_a_referenced_video_is_a_reason_from_either_end():
    link = (RUN, "references", SANCTUARY)
    from_run = profile(100, works=[RUN], links=[link])
    from_sanctuary = profile(101, works=[SANCTUARY], links=[link])
    forward = score(from_run, profile(102, works=[SANCTUARY], section="s2"), None, TODAY)
    backward = score(from_sanctuary, profile(103, works=[RUN], section="s2"), None, TODAY)
    for scored in (forward, backward):
        assert scored.reasons[0].code == "linked_work"
        assert scored.reasons[0].params == {"source": RUN, "kind": "references", "target": SANCTUARY}


def test_entities_in_many_articles_count_less():
    assert idf(1) > idf(200) > idf(5000) > 0
    a = profile(100, tags=[7])
    b = profile(101, tags=[7], section="s2")
    rare = score(a, b, None, TODAY, df={("tag", 7): 2})
    common = score(a, b, None, TODAY, df={("tag", 7): 50_000})
    assert rare.score > common.score


def test_newer_pieces_and_closer_texts_rank_higher():
    a = profile(100, tags=[7])
    old = score(a, profile(101, tags=[7], day=date(2015, 1, 1)), None, TODAY)
    new = score(a, profile(102, tags=[7], day=date(2026, 11, 1)), None, TODAY)
    assert new.score > old.score
    close = score(a, profile(103, tags=[7]), 0.8, TODAY)
    far = score(a, profile(104, tags=[7]), 0.5, TODAY)
    assert close.score > far.score
    assert "similar_text" in codes(close) and "similar_text" not in codes(far)


def test_pins_come_first_and_exclusions_win():
    ranked = [Scored(200 + i, 10.0 - i, [scoring.Reason("same_work", 6.0, {"work": i})])
              for i in range(10)]
    placed = arrange(ranked, pinned=[999, 205], excluded=[200, 999])
    assert [p.target for p in placed[:2]] == [205, 201]
    assert placed[0].pinned and placed[0].reasons[0].code == "pinned"
    assert 200 not in [p.target for p in placed] and 999 not in [p.target for p in placed]


scored_lists = st.lists(
    st.builds(lambda t, s: Scored(t, s, [scoring.Reason("similar_text", s)]),
              st.integers(1, 40), st.floats(0, 20, allow_nan=False)),
    max_size=30, unique_by=lambda s: s.target)


@given(scored_lists, st.lists(st.integers(1, 45), max_size=6), st.sets(st.integers(1, 45), max_size=6))
def test_arranged_picks_are_unique_ranked_and_split_by_strength(ranked, pinned, excluded):
    placed = arrange(ranked, pinned=pinned, excluded=excluded)
    targets = [p.target for p in placed]
    assert len(targets) == len(set(targets))
    assert not set(targets) & excluded
    assert [p.rank for p in placed] == list(range(1, len(placed) + 1))
    pins = [p for p in placed if p.pinned]
    assert placed[:len(pins)] == pins
    assert [p.target for p in pins] == list(dict.fromkeys(t for t in pinned if t not in excluded))
    chosen = [p for p in placed if not p.pinned]
    read_also = [p for p in chosen if p.slot == "read_also"]
    other = [p for p in chosen if p.slot == "other"]
    assert chosen == read_also + other
    assert all(p.score >= scoring.READ_ALSO_MIN for p in read_also)
    assert len(pins) + len(read_also) <= max(scoring.READ_ALSO_COUNT, len(pins))
    assert len(other) <= scoring.OTHER_COUNT
    assert [p.score for p in read_also] == sorted((p.score for p in read_also), reverse=True)
    assert [p.score for p in other] == sorted((p.score for p in other), reverse=True)


# Telling the reasons ----------------------------------------------------------------------------

HIRO = {"id": 5, "en": "Hiro Murai", "ru": "Хиро Мураи"}
STORED = [
    {"code": "same_work", "params": {"work": {"id": 1, "en": "This Is America"}}},
    {"code": "same_album", "params": {"album": {"id": 2, "en": "Nectar"}}},
    {"code": "linked_work", "params": {"source": {"id": 1, "en": "Run"}, "kind": "references",
                                       "target": {"id": 2, "en": "Sanctuary"}}},
    {"code": "same_person", "params": {"person": HIRO, "role": "director"}},
    {"code": "same_person", "params": {"person": HIRO, "role": "choreographer"}},
    {"code": "same_person", "params": {"person": HIRO, "role": ""}},
    {"code": "shared_tags", "params": {"tags": ["joji", "nectar"]}},
    {"code": "similar_text", "params": {"similarity": 0.7}},
    {"code": "same_section", "params": {"section": {"id": 3, "en": "Reviews", "ru": "Рецензии"}}},
    {"code": "pinned", "params": {}},
]


def test_every_reason_reads_as_a_phrase_with_names_in_the_readers_script():
    with translation.override("en"):
        english = [sentence(r) for r in STORED]
    with translation.override("ru"):
        russian = [sentence(r) for r in STORED]
    assert all(english) and all(russian)
    assert english[3] == "same director: Hiro Murai"
    assert english[4] == "also with Hiro Murai, choreographer"
    assert english[2] == "“Run” references “Sanctuary”"
    assert "Хиро Мураи" in russian[3] and "Hiro Murai" not in russian[3]
    assert "Рецензии" in russian[8]
    # A name without a Russian spelling stays as it is.
    assert "This Is America" in russian[0]


def test_a_card_tells_the_pin_then_the_two_strongest_reasons():
    with translation.override("en"):
        told = shown([STORED[9], STORED[0], STORED[3], STORED[7], STORED[8]])
        assert told == ["Chosen by the editors", "Both about “This Is America”",
                        "Same director: Hiro Murai"]
        assert shown([STORED[8]]) == ["Also in Reviews"]
