"""Page render times at scale: article, video and person pages picked at random from the
generated catalog (bench/scale.py), each request a different page, no page cache.

    .venv/bin/python bench/scale.py                     # once: fills var/scale.sqlite3
    .venv/bin/python bench/pages_scale.py               # SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/deepcuts_scale .venv/bin/python bench/pages_scale.py

Prints median and p95 per page kind as a Markdown table (goal: p95 ≤ 30 ms), in wall time and
in this process's CPU time. On SQLite the database work happens inside the process, so CPU time
is the page's own cost even when other jobs share the machine; on PostgreSQL it leaves out the
server's share, so read the wall time there, on a quiet machine.
"""
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "300"))


def percentile(times: list[float], share: float) -> float:
    ordered = sorted(times)
    return ordered[max(0, int(len(ordered) * share) - 1)]


def main() -> None:
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'scale.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "deepcuts.settings.test"
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from catalog.models import Person, Work
    from editorial.models import ArticlePage

    setup_test_environment()
    if not Work.objects.filter(slug__startswith="scale-video-").exists():
        sys.exit("No generated rows here: run bench/scale.py first (same DATABASE_URL).")
    rng = random.Random(7)
    counts = {"article": ArticlePage.objects.count(), "video": Work.objects.count(),
              "person": Person.objects.count()}
    # Articles with their related picks stored, as every article has in use (bench/scale.py
    # computes them for the newest articles only).
    articles = list(ArticlePage.objects.filter(slug__startswith="scale-article-", related_picks__isnull=False)
                    .distinct().order_by("?").values_list("url_path", flat=True)[:REQUESTS])
    site_root = ArticlePage.objects.first().get_site().root_page.url_path
    urls = {
        "article": ["/" + path[len(site_root):] for path in articles],
        "video": [f"/videos/scale-video-{rng.randrange(counts['video'] - 100)}/" for _ in range(REQUESTS)],
        "person": [f"/people/scale-person-{rng.randrange(counts['person'] - 100)}/" for _ in range(REQUESTS)],
    }
    client = Client()
    client.get("/")  # one warm-up for the process, not per page
    print(f"| page | median ms | p95 ms | CPU median ms | CPU p95 ms | requests |  ({connection.vendor}; "
          f"{counts['article']} articles, {counts['video']} works, {counts['person']} people; "
          f"load average {os.getloadavg()[0]:.1f})")
    print("|---|---:|---:|---:|---:|---:|")
    for kind, pages in urls.items():
        times, cpu = [], []
        for url in pages:
            start, start_cpu = time.perf_counter(), time.process_time()
            response = client.get(url)
            elapsed, elapsed_cpu = time.perf_counter() - start, time.process_time() - start_cpu
            if response.status_code == 404:
                continue  # a generated slug that the sample skipped
            assert response.status_code == 200, (url, response.status_code)
            times.append(elapsed * 1000)
            cpu.append(elapsed_cpu * 1000)
        print(f"| {kind} | {statistics.median(times):.1f} | {percentile(times, .95):.1f} "
              f"| {statistics.median(cpu):.1f} | {percentile(cpu, .95):.1f} | {len(times)} |")


if __name__ == "__main__":
    main()
