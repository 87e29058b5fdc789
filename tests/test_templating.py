"""The public pages' Jinja2 environment (deepcuts/templating.py)."""
import pytest
from django.template import engines
from django.test import override_settings
from django.utils import translation


def render(source: str, **context) -> str:
    return engines["jinja2"].env.from_string(source).render(**context)


def test_a_template_that_prints_a_method_instead_of_calling_it_fails_under_the_strict_setting():
    assert render("{{ name.upper() }}", name="glass") == "GLASS"
    with pytest.raises(TypeError, match="call it with"):
        render("{{ name.upper }}", name="glass")


def test_translations_come_from_djangos_catalogue_with_their_values_escaped():
    with translation.override("ru"):
        assert render("{{ _('Search') }}") == "Поиск"
        assert render('{{ _("Results for “%(search_query)s”", search_query=q) }}', q="<b>") == \
            "Результаты по запросу «&lt;b&gt;»"


@override_settings(ROOT_URLCONF="deepcuts.urls")
def test_remembered_paths_follow_the_active_language_and_arguments():
    from deepcuts.templating import url

    assert url("releases:artist", "bts") != url("releases:artist", "iu")
    assert url("releases:artist", "bts").endswith("/bts/")


@pytest.mark.django_db
def test_an_article_links_to_another_page_by_its_current_address(client):
    """The body stores links to pages by id (Wagtail's rich text); the page prints their URLs."""
    from editorial.models import ArticlePage

    article, other = ArticlePage.objects.live().order_by("pk")[:2]
    article.body = f'<p>See <a linktype="page" id="{other.pk}">the other piece</a>.</p>'
    article.save_revision().publish()

    html = client.get(article.url).content.decode()

    assert f'<a href="{other.url}">the other piece</a>' in html
    assert "linktype" not in html


def template_messages():
    """Every string the public templates translate, as (template, line, message) triples."""
    from pathlib import Path

    from django.conf import settings

    env = engines["jinja2"].env
    root = Path(settings.BASE_DIR)
    for template in sorted(root.glob("*/jinja2/**/*.html")):
        for line, function, message in env.extract_translations(template.read_text()):
            # A call with arguments gives a tuple: the msgid first (and for ngettext, the plural).
            msgid = message if isinstance(message, str) else message[0]
            key = (msgid, 0) if function == "ngettext" else msgid
            yield template.relative_to(root), line, key


def test_every_string_the_public_templates_translate_has_its_russian_in_the_catalogue():
    """Django's makemessages misses Jinja calls with arguments, so a regenerated catalogue can
    silently drop them; this names each string a Russian reader would see in English."""
    from django.utils.translation import trans_real

    catalogue = trans_real.translation("ru")._catalog
    messages = list(template_messages())
    assert len(messages) > 150
    missing = [f"{template}:{line} {key!r}" for template, line, key in messages if key not in catalogue]
    assert not missing, "untranslated in deepcuts/locale/ru/LC_MESSAGES/django.po:\n" + "\n".join(missing)
