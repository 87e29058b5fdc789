"""Site search on the demo content: across scripts and word forms, filters, grouping, ranking,
and an index that follows what editors publish and rename."""
import pytest
from django.core.management import call_command

from catalog.models import Person, PersonName, Work
from editorial.models import ArticlePage, SectionPage
from search.analysis import fold, parse_query, stem, words
from search.backends import Filters
from search.engine import search, suggest
from search.models import SearchEntry, SearchName, id_range

pytestmark = pytest.mark.django_db


def titles(text, kind, **filters):
    """Titles in one group of the results, best first."""
    results = search(text, Filters(**filters))
    return [entry.title for group in results.groups if group.kind == kind for entry in group.entries]


def kinds(text, **filters):
    return [group.kind for group in search(text, Filters(**filters)).groups]


def all_titles(text, **filters):
    return {entry.title for group in search(text, Filters(**filters)).groups for entry in group.entries}


# --- the rules for words, without a database ---------------------------------------------------

@pytest.mark.django_db(False)
@pytest.mark.parametrize("a, b", [
    ("клипов", "клип"), ("клипы", "клипе"), ("videos", "video"), ("directed", "directing"),
    ("режиссёра", "режиссер"), ("Фёдоров", "федоров"),
])
def test_word_forms_share_a_stem(a, b):
    assert stem(words(a)[0]) == stem(words(b)[0])


@pytest.mark.django_db(False)
def test_folding_drops_case_yo_and_latin_accents_but_keeps_cyrillic_letters():
    assert fold("Beyoncé ЁЛКА Йошкар") == "beyonce елка йошкар"
    assert words("Woo-hyung's «Skibidi», don’t") == ["woo", "hyungs", "skibidi", "dont"]


@pytest.mark.django_db(False)
@pytest.mark.parametrize("text", ['"', "*", "AND", "NEAR(", "-", "(", ":", "^", "(((", ")", "\x00", "",
                                  "🎬🎥", "x" * 5000, "'", "\\", "%_", "OR NOT", "{title}: x"])
def test_a_query_is_only_ever_tokens_we_made(text):
    query = parse_query(text)
    assert len(query.text) <= 200
    if query:
        tokens = _tokens(query.match)
        assert tokens and all(t and all(ch.isalnum() or ch in ":~=_" for ch in t) for t in tokens)


def _tokens(node):
    return [node.token] if hasattr(node, "token") else [t for part in node.parts for t in _tokens(part)]


# --- across scripts ----------------------------------------------------------------------------

def test_a_cyrillic_korean_name_finds_the_latin_one_without_any_alias(django_capture_on_commit_callbacks):
    person = Person.objects.get(slug="lee-sung-jin")
    with django_capture_on_commit_callbacks(execute=True):
        PersonName.objects.filter(person=person).delete()
    assert titles("Ли Сон Джин", "person")[0] == "Lee Sung Jin"
    assert titles("이성진", "person")[0] == "Lee Sung Jin"
    assert titles("Sung Jin Lee", "person")[0] == "Lee Sung Jin"


def test_a_cyrillic_surname_finds_the_latin_one_without_any_alias(django_capture_on_commit_callbacks):
    person = Person.objects.get(slug="aisultan-seitov")
    with django_capture_on_commit_callbacks(execute=True):
        PersonName.objects.filter(person=person).delete()
    assert titles("Сеитов", "person") == ["Aisultan Seitov"]
    # ...in other case forms too
    assert titles("Сеитова", "person") == ["Aisultan Seitov"]
    assert titles("Айсултан Сеитов", "person") == ["Aisultan Seitov"]


def test_a_latin_query_finds_a_name_known_only_in_cyrillic(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Person.objects.create(name="Фёдор Бондарчук", slug="fyodor-bondarchuk")
    assert titles("Fyodor Bondarchuk", "person") == ["Фёдор Бондарчук"]
    assert titles("Bondarchuk", "person") == ["Фёдор Бондарчук"]
    assert titles("федор бондарчук", "person") == ["Фёдор Бондарчук"]  # ё/е


@pytest.mark.parametrize("query, expected", [
    ("Seitov", "Aisultan Seitov"), ("Сеитов", "Aisultan Seitov"), ("seitov", "Aisultan Seitov"),
    ("SEITOV", "Aisultan Seitov"), ("Дэйв Майерс", "Dave Meyers"), ("Хиро Мураи", "Hiro Murai"),
    ("Kim Woo Hyung", "Kim Woo-hyung"), ("Ким У Хён", "Kim Woo-hyung"), ("Ryu Seong-hee", "Ryu Seong-hie"),
    ("Джоджи", "Joji"), ("Donald Glover", "Childish Gambino"),
])
def test_people_are_found_by_any_spelling_and_case(query, expected):
    assert titles(query, "person")[0] == expected


def test_a_title_is_found_by_its_russian_title_and_its_transliteration():
    assert titles("Олдбой", "film") == ["Oldboy"]
    assert titles("oldboy", "film") == ["Oldboy"]
    assert titles("Служанка", "film") == ["The Handmaiden"]


# --- word forms ----------------------------------------------------------------------------------

def test_russian_word_forms_meet(django_capture_on_commit_callbacks):
    page = _draft("Новый клип о зимнем лесе", "Режиссёр снял клип за одну ночь.")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    for query in ("клипов", "клипе", "КЛИПЫ", "режиссера", "режиссёром"):
        assert "Новый клип о зимнем лесе" in titles(query, "article"), query


def test_english_word_forms_meet(django_capture_on_commit_callbacks):
    page = _draft("A video shot in one night", "The director filmed it in a single take.", language="en")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    for query in ("videos", "Video", "directors", "filming", "takes"):
        assert "A video shot in one night" in titles(query, "article"), query


def test_yo_and_ye_are_one_letter(django_capture_on_commit_callbacks):
    page = _draft("Ёлка и её клип", "Певица Ёлка показала новое видео.")
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert titles("елка", "article") == ["Ёлка и её клип"]
    assert titles("ЁЛКА", "article") == ["Ёлка и её клип"]


# --- ranking and grouping ------------------------------------------------------------------------

def test_the_exact_name_comes_before_people_whose_bio_mentions_it():
    people = titles("Joji", "person")
    assert people[0] == "Joji" and len(people) > 1


def test_an_exact_title_comes_before_a_partial_one():
    assert titles("Come Back to Me", "music_video")[0] == "Come Back to Me"
    assert titles("run", "music_video")[0] == "Run"


def test_results_are_grouped_by_kind_with_totals_and_the_best_group_first():
    results = search("Joji")
    assert {"person", "music_video", "album", "article"} <= {g.kind for g in results.groups}
    for group in results.groups:
        assert len(group.entries) == min(group.total, 5)
        assert {entry.kind for entry in group.entries} == {group.kind}
    assert search("Nectar").groups[0].kind == "album"
    assert search("Oldboy").groups[0].kind == "film"


def test_a_kind_filter_pages_through_one_group_and_still_counts_the_others():
    everything = search("Joji")
    videos = search("Joji", Filters(kind="music_video"), per_page=2)
    assert [g.kind for g in videos.shown] == ["music_video"]
    assert len(videos.shown[0].entries) == 2 and videos.pages == 2
    assert videos.counts == everything.counts
    second = search("Joji", Filters(kind="music_video"), page=2, per_page=2)
    first_page = {e.pk for e in videos.shown[0].entries}
    assert second.shown[0].entries and not first_page & {e.pk for e in second.shown[0].entries}


def test_songs_are_searchable_when_the_catalog_has_them(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Work.objects.create(kind="song", title="Die For You", slug="die-for-you-song", release_year=2022)
    assert titles("die for you", "song") == ["Die For You"]


# --- filters -------------------------------------------------------------------------------------

def test_language_filter_keeps_articles_in_that_language_and_the_catalog():
    ru = search("Joji", Filters(language="ru"))
    articles = [e for g in ru.groups if g.kind == "article" for e in g.entries]
    assert articles and all(e.language == "ru" for e in articles)
    assert "person" in {g.kind for g in ru.groups}
    en = titles("Joji", "article", language="en")
    assert en == ["Wake up, Captain: how Joji’s “Run” docks with the “Sanctuary” ship"]


def test_section_filter_keeps_only_articles_of_that_section():
    results = search("Joji", Filters(section="reviews"))
    assert [g.kind for g in results.groups] == ["article"]
    assert all(e.section == "reviews" for e in results.groups[0].entries)


def test_kind_and_year_filters():
    assert titles("Joji", "album", year=2020) == ["Nectar"]
    assert kinds("Joji", year=2020) and "person" not in kinds("Joji", year=2020)
    assert all(e.year == 2022 for g in search("Joji", Filters(year=2022)).groups for e in g.entries)


# --- the index follows the editors -------------------------------------------------------------

def _draft(title, body, language="ru", section="news"):
    section_page = SectionPage.objects.get(slug=section)
    page = ArticlePage(title=title, slug=f"search-test-{abs(hash(title))}", language=language,
                       teaser=body, body=f"<p>{body}</p>", live=False)
    section_page.add_child(instance=page)
    return page


def test_publishing_makes_an_article_findable_and_unpublishing_removes_it(django_capture_on_commit_callbacks):
    page = _draft("Премьера: клип про космический лифт", "Лифт едет прямо к орбите.")
    assert titles("космический лифт", "article") == []  # a draft is not searchable
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert titles("космический лифт", "article") == ["Премьера: клип про космический лифт"]
    assert SearchEntry.objects.get(ref=f"page:{page.pk}").url == "/news/" + page.slug + "/"
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePage.objects.get(pk=page.pk).unpublish()
    assert titles("космический лифт", "article") == []


def test_a_renamed_person_is_found_by_the_new_name_and_their_videos_follow(
        django_capture_on_commit_callbacks):
    person = Person.objects.get(slug="dan-streit")
    person.name = "Daniel Streitfeld"
    with django_capture_on_commit_callbacks(execute=True):
        person.save()
    assert titles("Streitfeld", "person") == ["Daniel Streitfeld"]
    assert "Glimpse of Us" in titles("Streitfeld", "music_video")  # directed by him
    assert "Dan Streit" not in all_titles("Streit")
    assert [entry.title for entry in suggest("daniel str")][0] == "Daniel Streitfeld"
    assert not SearchName.objects.filter(name="dan streit").exists()


def test_a_new_alias_is_found_and_a_deleted_work_is_gone(django_capture_on_commit_callbacks):
    person = Person.objects.get(slug="rihanna")
    with django_capture_on_commit_callbacks(execute=True):
        PersonName.objects.create(person=person, name="Robyn Fenty")
    assert titles("Robyn Fenty", "person") == ["Rihanna"]
    with django_capture_on_commit_callbacks(execute=True):
        Work.objects.get(slug="the-hitcher-2007").delete()
    assert titles("Hitcher", "film") == []


def _index():
    return {e.ref: (e.kind, e.title, e.text.title_tokens, e.text.key_tokens, e.text.body_tokens,
                    e.text.facets, sorted(name.name for name in e.names.all()))
            for e in SearchEntry.objects.select_related("text").prefetch_related("names")}


def test_a_rebuild_gives_the_same_index():
    before = _index()
    call_command("rebuild_search_index", verbosity=0)
    assert _index() == before
    for entry in SearchEntry.objects.prefetch_related("names"):  # the box's names are the entry's
        assert sorted(name.name for name in entry.names.all()) == sorted(entry.folded_names())
    assert titles("Ли Сон Джин", "person")[0] == "Lee Sung Jin"
    assert SearchEntry.objects.filter(kind="article").count() == ArticlePage.objects.live().count()
    for entry in SearchEntry.objects.all():  # every kind in its own block of ids
        assert id_range(entry.kind)[0] <= entry.pk <= id_range(entry.kind)[1]


# --- the search box --------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, expected", [
    ("seit", "Aisultan Seitov"), ("Ли Сон Дж", "Lee Sung Jin"), ("ли сон джин", "Lee Sung Jin"),
    ("oldb", "Oldboy"), ("glimpse of", "Glimpse of Us"), ("джодж", "Joji"),
])
def test_suggestions_complete_the_last_word(typed, expected):
    found = [entry.title for entry in suggest(typed)]
    assert found[0] == expected
    assert len(found) <= 8


def test_a_name_that_starts_with_the_letters_is_suggested_past_newer_word_matches(
        monkeypatch, django_capture_on_commit_callbacks):
    # Newer people whose second word starts with the letters fill the window of newest name
    # matches; the older one whose name starts with them must still come first.
    with django_capture_on_commit_callbacks(execute=True):
        Person.objects.create(name="Annika Strand", slug="annika-strand")
        for number in range(4):
            Person.objects.create(name=f"Maria Annikova {number}", slug=f"maria-annikova-{number}")
    monkeypatch.setattr("search.backends.base.WINDOW", 2)
    found = [entry.title for entry in suggest("anni")]
    assert found[0] == "Annika Strand"
    assert found[1:] and all(title.startswith("Maria Annikova") for title in found[1:])


def test_an_exact_title_is_suggested_past_many_people_who_share_the_word(
        monkeypatch, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        Work.objects.create(title="Kimberlite", slug="kimberlite-song", kind=Work.Kind.SONG)
        for number in range(4):
            Person.objects.create(name=f"Kimberlite {number} Park", slug=f"kimberlite-park-{number}")
    monkeypatch.setattr("search.backends.base.WINDOW", 2)
    assert [entry.title for entry in suggest("kimberlite")][0] == "Kimberlite"


def test_suggestions_only_match_names_and_titles():
    # Astana is in Aisultan Seitov's bio, not in any name or title.
    assert suggest("Astana") == []
    assert titles("Astana", "person") == ["Aisultan Seitov"]


# --- ranking windows (a common word can match 100,000 articles) -----------------------------------

def test_paging_past_the_ranking_window_lists_every_match_once(monkeypatch):
    everything = search("videos", Filters(kind="person"), per_page=100).shown[0].entries
    assert len(everything) == 20
    monkeypatch.setattr("search.backends.base.WINDOW", 3)
    paged = [entry.pk for number in range(1, 6)
             for entry in search("videos", Filters(kind="person"), page=number, per_page=4).shown[0].entries]
    assert len(paged) == len(set(paged)) == 20
    assert set(paged) == {entry.pk for entry in everything}


def test_an_exact_name_outside_the_window_still_comes_first(monkeypatch):
    monkeypatch.setattr("search.backends.base.WINDOW", 1)
    assert titles("Joji", "person")[0] == "Joji"
    assert [entry.title for entry in suggest("Joji")][0] == "Joji"


def test_an_unfinished_last_word_is_tried_as_a_prefix_when_nothing_else_matches():
    assert titles("Glai", "person") == ["Eoin Glaister"]
    # ...but a whole word that matches is not widened: "run" is not "running".
    assert "Run" in titles("run", "music_video")


def test_a_title_shared_by_more_than_are_ranked_lists_its_newest_first_and_every_one_once(
        monkeypatch, django_capture_on_commit_callbacks):
    # Past MAX_EXACT records of one name, only the newest are ranked as exact matches; the others
    # still come, once each, further down.
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(5):
            Work.objects.create(title="Quartzline", slug=f"quartzline-{number}", kind=Work.Kind.MUSIC_VIDEO)
    monkeypatch.setattr("search.backends.base.WINDOW", 1)
    monkeypatch.setattr("search.backends.base.MAX_EXACT", 2)
    newest = [entry.pk for entry in SearchEntry.objects.filter(title="Quartzline").order_by("-pk")]
    paged = [entry.pk for number in (1, 2, 3)
             for entry in search("Quartzline", Filters(kind="music_video"), page=number, per_page=2)
             .shown[0].entries]
    assert paged[:2] == newest[:2]
    assert sorted(paged) == sorted(newest)


def test_big_counts_stop_at_the_cap(monkeypatch, english):
    monkeypatch.setattr("search.backends.base.COUNT_CAP", 3)
    people = [g for g in search("videos").groups if g.kind == "person"][0]
    assert people.total == 3 and people.capped
    html = english.get("/search/", {"q": "videos"}).content.decode()
    assert '<span class="count">3+</span>' in html


def test_grouped_results_past_the_window_still_put_the_exact_name_first(monkeypatch):
    monkeypatch.setattr("search.backends.base.WINDOW", 2)
    assert titles("Joji", "person")[0] == "Joji"
    assert sorted(titles("Joji", "album")) == ["Nectar", "Smithereens"]


def test_reading_only_a_kinds_newest_rows_first_never_changes_the_results(
        monkeypatch, django_capture_on_commit_callbacks):
    """PostgreSQL reads a kind's newest rows before its index (search.backends.postgres._probe)
    and takes the window from them when they hold it (_window):
    whether that settles the count and the window or falls through to the index, the results
    are those of reading every row. Names and bios that carry the word alternate, so where the
    window ends shows in the order (inside it name matches come first, below it newest first).
    SQLite has no such step, and must give the same answers."""
    from django.db import connection

    with django_capture_on_commit_callbacks(execute=True):
        for number in range(9):
            Person.objects.create(
                name=f"Lantern {number}" if number % 2 else f"Probe Person {number}", slug=f"probe-{number}",
                bio="" if number % 2 else "Lit by a single lantern.")
    monkeypatch.setattr("search.backends.base.WINDOW", 3)
    monkeypatch.setattr("search.backends.base.COUNT_CAP", 4)

    def answers():
        seen = []
        for text, filters in [("lantern", Filters()), ("lantern", Filters(kind="person")),
                              ("videos", Filters()), ("клипов", Filters()), ("Joji", Filters()),
                              ("videos", Filters(kind="article")), ("video", Filters(language="ru"))]:
            for page in (1, 2, 3):
                results = search(text, filters, page=page, per_page=2)
                seen.append([(g.kind, g.counted, [e.pk for e in g.entries]) for g in results.groups])
        return seen

    from search.backends.base import Backend
    from search.backends.postgres import PostgresBackend

    # The baseline finds its window through the index too, not through the probe's ids.
    with monkeypatch.context() as through_the_index:
        through_the_index.setattr(PostgresBackend, "_window", Backend._window)
        everything = answers()
    monkeypatch.setattr("search.backends.postgres._RECENT_ROWS", 10**6)
    assert answers() == everything
    sizes = [1, 2, 3, 4, 5, 6, 8, 12, 40] if connection.vendor == "postgresql" else [1]
    # The first rows read alone (_FIRST_ROWS): fewer than the rest, as many, or all of them.
    firsts = [1, 2, 3, 10**6] if connection.vendor == "postgresql" else [1]
    for recent_rows, reading_on, first_rows in [(size, reading_on, first) for size in sizes
                                                for reading_on in (0, 10**6) for first in firsts]:
        monkeypatch.setattr("search.backends.postgres._RECENT_ROWS", recent_rows)
        monkeypatch.setattr("search.backends.postgres._PROBE_MAX_ROWS", reading_on)
        monkeypatch.setattr("search.backends.postgres._FIRST_ROWS", first_rows)
        assert answers() == everything, (recent_rows, reading_on, first_rows)


def test_ranking_in_sql_keeps_the_order_the_python_ranking_gives(
        monkeypatch, django_capture_on_commit_callbacks):
    """PostgreSQL ranks a kind's window and the exact matches in its statements and returns
    only the rows shown (PostgresBackend._ranked_ids, _rows); the base class reads them all and
    sorts them in Python (in_rank_order). Ties must fall the same way: names alike in several
    kinds, tiers alike with different text scores, and pages that end inside the exact
    matches, the window and below it. On SQLite this is the Python order against itself, and
    the order it must give is spelled out at the end."""
    with django_capture_on_commit_callbacks(execute=True):
        named = [("Harbor", ""), ("Harbor", "Harbor, harbor and the harbor."), ("Harbor Lane", ""),
                 ("Old Harbor", "Sang about a harbor."), ("Mara Vell", "Born by the harbor."),
                 ("Harbor Lane", "")]
        people = [Person.objects.create(name=name, slug=f"harbor-{number}", bio=bio,
                                        disambiguation=f"no. {number}")
                  for number, (name, bio) in enumerate(named)]
        for number, (kind, title) in enumerate([("music_video", "Harbor"), ("music_video", "Harbor Nights"),
                                                ("song", "Harbor"), ("music_video", "Harbor")]):
            Work.objects.create(kind=kind, title=title, slug=f"harbor-work-{number}",
                                release_year=2020 + number)
    monkeypatch.setattr("search.backends.base.WINDOW", 3)
    monkeypatch.setattr("search.backends.base.COUNT_CAP", 5)

    def answers():
        seen = []
        for text, filters in [("harbor", Filters()), ("harbor", Filters(kind="person")),
                              ("harbor", Filters(kind="music_video")), ("harbor lane", Filters()),
                              ("old harbor", Filters(kind="person"))]:
            for page in (1, 2, 3, 4):
                results = search(text, filters, page=page, per_page=2)
                seen.append([(g.kind, [e.pk for e in g.entries]) for g in results.groups])
        seen.append([(entry.kind, entry.pk) for entry in suggest("harb")])
        return seen

    from search.backends.base import Backend
    from search.backends.postgres import PostgresBackend

    with monkeypatch.context() as in_python:
        for method in ("page", "_window", "_rows"):
            in_python.setattr(PostgresBackend, method, getattr(Backend, method))
        expected = answers()
    assert answers() == expected
    # The people, page by page: both exact "Harbor"s, newest first; then the window (the three
    # newest) by tier: a name that starts with the word, one that holds it, a bio; then below
    # the window, by date alone.
    people_pages = [pks for page in expected[4:8] for kind, pks in page if kind == "person"]
    refs = [SearchEntry.objects.get(pk=pk).ref for pks in people_pages for pk in pks]
    assert refs == [f"person:{people[number].pk}" for number in (1, 0, 5, 3, 4, 2)]


def test_search_statements_are_never_kept_prepared():
    """On PostgreSQL pages run as prepared statements (DATABASE_PREPARED_STATEMENTS), but a
    prepared search would soon run one generic plan for every word and kind; searching must
    leave no statement of its own prepared on the connection, and the pages' setting intact."""
    from django.db import connection

    for _ in range(4):
        search("videos")
        search("Seitov", Filters(kind="person"))
    if connection.vendor != "postgresql":
        return  # SQLite prepares nothing across calls
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    # A search's statements match the full-text columns (@@); indexing's writes may be prepared.
    assert not [sql for sql in prepared if "@@" in sql], prepared
    assert connection.connection.prepare_threshold == connection.settings_dict["OPTIONS"]["prepare_threshold"]


@pytest.mark.parametrize("text", ["Run", "клипов", "Joji", "Ли Сон Джин", "Lee Sung Jin", "Seit"])
def test_a_postgresql_query_names_each_token_once_and_matches_the_same_rows(text):
    """A one-word query's whole-name keys are its own forms again; PostgreSQL would test each
    of them twice against every row it reads (search.backends.postgres._tsquery)."""
    from django.db import connection

    from search.backends.base import render_tree
    from search.backends.postgres import _quoted, _tsquery

    match = parse_query(text, prefix=text == "Seit").match
    merged, as_built = _tsquery(match), render_tree(match, _quoted, "|", "&")
    operands = merged.replace("(", " ").replace(")", " ").replace("|", " ").replace("&", " ").split()
    assert len(operands) == len(set(operands))
    if text == "Run":
        assert len(operands) < len(as_built.replace("|", " ").split())
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            found = "array_agg(entry_id ORDER BY entry_id) FILTER (WHERE document @@ %s::tsquery)"
            cursor.execute(f"SELECT {found}, {found}, count(*) FILTER (WHERE document @@ %s::tsquery) "
                           "FROM sitesearch_searchtext", [merged, as_built, merged])
            found_merged, found_as_built, count = cursor.fetchone()
        assert found_merged == found_as_built
        assert count > 0
