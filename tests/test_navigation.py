"""The section menu is cached, so it must follow what editors publish, rename and unpublish."""
import pytest

from editorial.models import HomePage, SectionPage

pytestmark = pytest.mark.django_db


def menu(client) -> str:
    return client.get("/").content.decode().split('class="sections"')[1].split("</nav>")[0]


def test_menu_follows_sections_as_editors_change_them(english):
    assert "Interviews" not in menu(english)
    home = HomePage.objects.get()
    section = home.add_child(instance=SectionPage(title="Interviews", title_ru="Интервью", slug="interviews",
                                                  show_in_menus=True))
    section.save_revision().publish()
    assert 'href="/interviews/"' in menu(english)

    section.title = "Conversations"
    section.save_revision().publish()
    assert "Conversations" in menu(english) and "Interviews" not in menu(english)

    section.unpublish()
    assert "/interviews/" not in menu(english)


def test_menu_speaks_the_readers_language(russian):
    section = SectionPage.objects.live().in_menu().exclude(title_ru="").first()
    assert section.title_ru in menu(russian)
