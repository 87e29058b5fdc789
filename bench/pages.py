"""Page render times on the demo content: median and p95 over repeated uncached requests.

    make bench                       # SQLite in a temporary file
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/deepcuts_bench make bench   # recreated each run

Each page is fetched once to warm up, then REPEAT times by the same reader (so the view counter
writes only on the first request, as for a real reader coming back). Prints a Markdown table.
"""
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPEAT = int(os.environ.get("BENCH_REPEAT", "200"))
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def fresh_postgres_database(url: str) -> None:
    """Drop and recreate the benchmark's own PostgreSQL database, so every run starts empty."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(url)
    with psycopg.connect(host=config["HOST"], port=config["PORT"] or 5432,
                         user=config["USER"], password=config["PASSWORD"] or None,
                         dbname="postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}"')
        admin.execute(f'CREATE DATABASE "{config["NAME"]}"')


def main() -> None:
    tmp = tempfile.TemporaryDirectory()
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp.name}/bench.sqlite3")
    if os.environ["DATABASE_URL"].startswith("postgres"):
        fresh_postgres_database(os.environ["DATABASE_URL"])
    os.environ["DJANGO_SETTINGS_MODULE"] = "deepcuts.settings.test"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_demo", "--no-admin", stdout=open(os.devnull, "w"))

    from editorial.models import ArticlePage

    article = ArticlePage.objects.get(slug="rm-come-back-to-me-review")
    pages = {
        "home": "/",
        "section": "/reviews/",
        "article": article.url,
        "video": "/videos/rm-come-back-to-me/",
        "person": "/people/lee-sung-jin/",
        "group": "/people/bts/",
        "tag": "/tags/joji/",
    }
    client = Client()
    print(f"| page | median ms | p95 ms | requests |  ({connection.vendor}, {REPEAT} each)")
    print("|---|---:|---:|---:|")
    for name, url in pages.items():
        assert client.get(url).status_code == 200, url
        times = []
        for _ in range(REPEAT):
            start = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(f"| {name} | {statistics.median(times):.1f} | {p95:.1f} | {REPEAT} |")


if __name__ == "__main__":
    main()
