import threading

import pytest
from django.db import connection
from django.test import Client

from editorial.models import ArticlePage, ArticleStats, most_read


def views(page):
    return ArticleStats.objects.filter(pk=page.pk).values_list("views", flat=True).first() or 0


@pytest.mark.django_db
def test_a_reader_counts_once_per_session_and_each_session_counts(client):
    page = ArticlePage.objects.get(slug="joji-run-sanctuary-callback")
    start = views(page)
    for _ in range(3):
        assert client.get(page.url).status_code == 200
    assert views(page) == start + 1
    Client().get(page.url)
    assert views(page) == start + 2


@pytest.mark.django_db
def test_view_count_shows_on_the_page_and_in_most_read(client):
    page = ArticlePage.objects.get(slug="kendrick-lamar-humble-review")
    for _ in range(4):
        Client().get(page.url)
    assert most_read(limit=1)[0] == page
    response = client.get(page.url)
    assert "5 views" in response.content.decode()


def test_concurrent_first_views_are_all_counted(committed_demo):
    page = ArticlePage.objects.get(slug="rm-come-back-to-me-review")
    readers = 8 if connection.vendor == "postgresql" else 4
    barrier = threading.Barrier(readers)
    errors = []

    def read():
        try:
            client = Client()
            barrier.wait()
            assert client.get(page.url).status_code == 200
        except Exception as exc:  # reported below with the thread's failure
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=read) for _ in range(readers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert views(page) == readers
