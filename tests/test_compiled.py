"""Compiled queries (deepcuts.compiled): the SQL of a page's fixed-shape queries is made once, and
every call must still answer exactly what the ordinary QuerySet answers."""
import pytest
from django.db.models import Count
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalog.models import Person, Work
from catalog.views import person_named, video_named
from deepcuts.compiled import CompiledQuery, NotCompilable
from editorial.models import ArticlePage, ArticleStats, _article_at, article_at
from related.models import RelatedPick
from related.reading import _picks_of, picks_of


def fields_of(obj):
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def joined(obj, name):
    """The fields of the row select_related joined as `name`, read without a query (None if none)."""
    field = obj._meta.get_field(name)
    assert field.is_cached(obj), f"{name} was not joined"
    related = field.get_cached_value(obj)
    return fields_of(related) if related is not None else None


def counting(build):
    """`build`, counting its calls: a compiled query builds twice to plan, then never again."""
    def counted(**arguments):
        counted.calls += 1
        return build(**arguments)
    counted.calls = 0
    return counted


@pytest.mark.django_db
def test_an_article_found_by_its_compiled_query_is_the_one_the_orm_finds_with_its_joined_rows():
    for page in ArticlePage.objects.live():
        lookup = {"slug": page.slug, "depth": page.depth, "url_path": page.url_path}
        [compiled], [plain] = article_at(**lookup), list(_article_at(**lookup))
        assert type(compiled) is ArticlePage
        assert fields_of(compiled) == fields_of(plain)
        assert compiled.has_view_restrictions is plain.has_view_restrictions is False
        # The rows select_related joined came with it: no query to read them.
        assert joined(compiled, "stats") == joined(plain, "stats")
        assert joined(compiled, "snapshot") == joined(plain, "snapshot")
    assert article_at(slug="no-such-article", depth=4, url_path="/home/news/no-such-article/") == []


@pytest.mark.django_db
def test_a_restricted_article_is_found_restricted(django_user_model):
    from wagtail.models import PageViewRestriction

    page = ArticlePage.objects.live().first()
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    [found] = article_at(slug=page.slug, depth=page.depth, url_path=page.url_path)
    assert found.has_view_restrictions is True


@pytest.mark.django_db
def test_each_call_is_one_query_and_the_sql_is_built_only_to_plan(django_assert_num_queries):
    build = counting(lambda slug: Person.objects.filter(slug=slug).select_related("snapshot")[:1])
    named = CompiledQuery(build, values={"slug": str})
    people = list(Person.objects.order_by("pk")[:5])
    for person in people:
        with django_assert_num_queries(1):
            [found] = named(slug=person.slug)
        assert found.pk == person.pk and found.name == person.name
    assert build.calls == 2


@pytest.mark.django_db
def test_values_lists_come_back_as_the_orm_gives_them():
    article_ids = set(RelatedPick.objects.values_list("article_id", flat=True))
    assert article_ids
    for article_id in article_ids:
        assert picks_of(article_id=article_id) == list(_picks_of(article_id))
    assert picks_of(article_id=10 ** 9) == []


@pytest.mark.django_db
def test_the_video_and_person_pages_rows():
    for work in Work.objects.all():
        [found] = video_named(slug=work.slug)
        assert fields_of(found) == fields_of(work)
        assert (found.album.pk if found.album_id else None) == work.album_id
    for person in Person.objects.all():
        [found] = person_named(slug=person.slug)
        assert fields_of(found) == fields_of(person)


@pytest.mark.django_db
def test_a_value_of_another_type_takes_the_ordinary_path():
    build = counting(lambda slug: Work.objects.filter(slug=slug)[:1])
    named = CompiledQuery(build, values={"slug": str})
    # None is not a str: the ordinary QuerySet asks `slug IS NULL`, never `slug = NULL`.
    assert named(slug=None) == []
    assert build.calls == 1
    work = Work.objects.first()
    assert [w.pk for w in named(slug=work.slug)] == [work.pk]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(slug=st.one_of(st.text(max_size=40), st.sampled_from(
    ["\x1fcompiled-a:slug", "\x1fcompiled-b:slug", "' OR 1=1 --", "%", "_", "joji-run", "ё"])))
@pytest.mark.django_db
def test_any_text_finds_what_the_orm_finds(slug):
    slug = slug.replace("\x00", "")  # PostgreSQL text cannot hold NUL, with the ORM or without
    assert [w.pk for w in video_named(slug=slug)] == list(
        Work.objects.filter(slug=slug).values_list("pk", flat=True)[:1])


@pytest.mark.django_db
def test_shape_arguments_get_a_plan_each():
    build = counting(lambda kind, year: Work.objects.filter(kind=kind, release_year__gte=year)
                     .annotate(credited=Count("credits")).order_by("pk"))
    by_kind = CompiledQuery(build, values={"year": int}, shape=("kind",))
    for kind in (Work.Kind.MUSIC_VIDEO, Work.Kind.ALBUM, Work.Kind.MUSIC_VIDEO):
        for year in (1990, 2020):
            plain = list(build(kind=kind, year=year))
            compiled = by_kind(kind=kind, year=year)
            assert [(w.pk, w.credited) for w in compiled] == [(w.pk, w.credited) for w in plain]
    assert build.calls == 2 * 2 + 6  # two plans of two builds each, and the six plain builds above


@pytest.mark.django_db
def test_a_value_the_orm_rewrites_is_refused_when_planned():
    starting = CompiledQuery(lambda prefix: Work.objects.filter(slug__startswith=prefix),
                             values={"prefix": str})
    with pytest.raises(NotCompilable, match="LIKE"):
        starting(prefix="joji")


@pytest.mark.django_db
def test_a_value_the_sql_never_sees_is_refused():
    careless = CompiledQuery(lambda slug, limit: Work.objects.filter(slug=slug)[:1],
                             values={"slug": str, "limit": int})
    with pytest.raises(NotCompilable, match="limit"):
        careless(slug="joji-run", limit=3)


@pytest.mark.django_db
def test_a_builder_that_reads_the_clock_is_refused():
    recent = CompiledQuery(
        lambda slug: ArticlePage.objects.filter(slug=slug, first_published_at__lte=timezone.now()),
        values={"slug": str})
    with pytest.raises(NotCompilable, match="none of the values"):
        recent(slug="anything")


@pytest.mark.django_db
def test_sql_that_changes_with_a_value_must_be_declared_as_shape():
    sized = CompiledQuery(lambda slug: Work.objects.filter(slug=slug)[:len(slug)], values={"slug": str})
    with pytest.raises(NotCompilable, match="shape"):
        sized(slug="joji-run")


def test_only_text_and_whole_numbers_can_be_compiled_ahead():
    with pytest.raises(TypeError):
        CompiledQuery(lambda day: Work.objects.filter(release_day=day), values={"day": float})


@pytest.mark.django_db
def test_prefetches_are_refused():
    with_credits = CompiledQuery(lambda slug: Work.objects.filter(slug=slug).prefetch_related("credits"),
                                 values={"slug": str})
    with pytest.raises(NotCompilable, match="prefetch"):
        with_credits(slug="joji-run")


@pytest.mark.django_db
def test_the_home_pages_queries_follow_a_new_restriction():
    from wagtail.models import PageViewRestriction

    from editorial.cards import FIELDS
    from editorial.models import (
        HomePage,
        SectionPage,
        live_sections,
        most_read,
        most_read_articles,
        newest_articles,
    )
    from editorial.restrictions import restricted_paths

    def plain(restricted):
        live = ArticlePage.objects.live().public_given(restricted).order_by("-date", "-pk")
        return (list(live.values_list(*FIELDS)[:HomePage.NEWEST_READ]),
                list(most_read(5, restricted).values_list(*FIELDS)))

    for views, page in enumerate(ArticlePage.objects.live().order_by("pk"), start=1):
        ArticleStats.objects.update_or_create(page=page, defaults={"views": views})
    section = SectionPage.objects.get(slug="deep-cuts")
    sections = tuple(SectionPage.objects.values_list("pk", flat=True))
    for restrict in (False, True, False):
        restriction = (PageViewRestriction.objects.create(page=section, restriction_type="login")
                       if restrict else None)
        restricted = tuple(restricted_paths())
        assert bool(restricted) is restrict
        newest, read = plain(restricted)
        assert newest_articles(restricted=restricted) == newest
        assert most_read_articles(restricted=restricted) == read and len(read) == 5
        assert any(row[3].startswith(section.path) for row in newest) is not restrict
        assert [s.pk for s in live_sections(restricted=restricted, ids=sections)] == list(
            SectionPage.objects.live().public_given(restricted).filter(pk__in=sections)
            .order_by("path").values_list("pk", flat=True))
        if restriction:
            restriction.delete()


@pytest.mark.django_db
def test_the_catalog_pages_article_links_and_follow_check_match_the_orm():
    from catalog.models import Credit
    from catalog.views import articles_on_person, articles_on_work
    from releases.formatting import any_event_of
    from releases.models import ReleaseEvent

    videos, people = ArticlePage.videos.through.objects, ArticlePage.people.through.objects
    about_some = 0
    for work in Work.objects.all():
        assert sorted(articles_on_work(work_id=work.pk)) == sorted(
            videos.filter(work=work).values_list("articlepage_id", flat=True))
    for person in Person.objects.all():
        expected = (set(videos.filter(work__in=Credit.objects.filter(person=person).values("work"))
                        .values_list("articlepage_id", flat=True))
                    | set(people.filter(person=person).values_list("articlepage_id", flat=True)))
        found = articles_on_person(person_id=person.pk)
        assert set(found) == expected and len(found) == len(expected)
        about_some += bool(expected)
        assert bool(any_event_of(person_id=person.pk)) is ReleaseEvent.objects.public().filter(
            artists=person).exists()
    assert about_some >= 5


@pytest.mark.django_db
def test_an_escaped_value_is_never_run_unescaped():
    """SQLite's iexact escapes LIKE's characters in the value: such a builder is refused there;
    where the value goes through as it is (PostgreSQL's UPPER), the answer is the ORM's."""
    build = lambda slug: Work.objects.filter(slug__iexact=slug).order_by("pk")  # noqa: E731
    ignoring_case = CompiledQuery(build, values={"slug": str})
    for slug in ["JOJI-RUN", "joji%run", "joji_run", "joji\\run"]:
        try:
            found = ignoring_case(slug=slug)
        except NotCompilable:
            continue
        assert [w.pk for w in found] == [w.pk for w in build(slug)], slug


@pytest.mark.django_db
def test_sql_that_can_match_nothing_is_answered_by_the_orm():
    in_ids = CompiledQuery(lambda ids: Work.objects.filter(pk__in=ids).order_by("pk"),
                           values={}, shape=("ids",))
    assert in_ids(ids=()) == []
    work = Work.objects.first()
    assert [w.pk for w in in_ids(ids=(work.pk,))] == [work.pk]


@pytest.mark.django_db
def test_a_builder_that_picks_its_database_is_refused():
    pinned = CompiledQuery(lambda slug: Work.objects.using("default").filter(slug=slug), values={"slug": str})
    with pytest.raises(NotCompilable, match="router"):
        pinned(slug="joji-run")
