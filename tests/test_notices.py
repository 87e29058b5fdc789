import pytest

from editorial.models import ArticleNotice, ArticlePage, LegalNotice

pytestmark = pytest.mark.django_db


def notice(**kwargs):
    return LegalNotice(name="test", text="Notice.", **kwargs)


@pytest.mark.parametrize("words, text, hit", [
    ("Instagram", "posted on instagram yesterday", True),
    ("Instagram", "an Instagrammer posted", False),
    ("Instagram*", "an Instagrammer posted", True),
    ("Инстаграм*", "Тизер появился в Инстаграме.", True),
    ("Meta", "Metallica played", False),
    ("Facebook, Meta", "owned by Meta.", True),
    ("", "anything", False),
])
def test_words_match_whole_words_and_star_matches_forms(words, text, hit):
    assert notice(words=words).matches(text) is hit


def test_a_new_rule_attaches_to_matching_articles_and_shows_on_them(
        client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        rule = LegalNotice.objects.create(name="Squares", words="Лубянк*", text="Осторожно.")
    matched = set(ArticleNotice.objects.filter(notice=rule).values_list("article__slug", flat=True))
    assert matched == {"ic3peak-smerti-bolshe-net-premiera"}
    shown = client.get(ArticlePage.objects.get(slug="ic3peak-smerti-bolshe-net-premiera").url)
    assert "Осторожно." in shown.content.decode()
    # Editing the rule re-matches; switching it off hides it.
    rule.words = "Instagram"
    with django_capture_on_commit_callbacks(execute=True):
        rule.save()
    review = ArticlePage.objects.get(slug="rm-come-back-to-me-review")
    assert ArticleNotice.objects.filter(notice=rule, article=review).exists()
    assert "Осторожно." in client.get(review.url).content.decode()
    rule.active = False
    with django_capture_on_commit_callbacks(execute=True):
        rule.save()
    assert "Осторожно" not in client.get(review.url).content.decode()
    rule.active, rule.text = True, "Осторожно, переписано."
    with django_capture_on_commit_callbacks(execute=True):
        rule.save()
    assert "Осторожно, переписано." in client.get(review.url).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        rule.delete()
    assert "Осторожно" not in client.get(review.url).content.decode()


def test_publishing_an_article_matches_it(django_capture_on_commit_callbacks):
    page = ArticlePage.objects.get(slug="joji-run-sanctuary-callback")
    assert not page.notice_links.exists()
    page.body += "<p>The teaser went up on Facebook first.</p>"
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert page.notice_links.filter(notice__name__startswith="Meta").exists()
