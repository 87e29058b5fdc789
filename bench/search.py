"""Search latency, ours beside Wagtail's database backend, on whatever DATABASE_URL points at.

    .venv/bin/python bench/scale.py                                   # fill var/scale.sqlite3 first
    DATABASE_URL=sqlite:///var/scale.sqlite3 .venv/bin/python bench/search.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/deepcuts_scale .venv/bin/python bench/search.py
    .venv/bin/python bench/search.py --demo                           # the demo only, in a temp file

Queries come from the database itself: people's Latin names and their Cyrillic aliases, Cyrillic
spellings of English names that are stored nowhere (only transliteration finds those), video
titles, common words in both languages, and the first letters of names for the search box.

Both engines do the same job per query: the best five people, works and articles and how many
of each there are (what /search/ shows). Any query is stopped after --limit seconds and counted
at the limit; Wagtail's backend runs --wagtail-queries of each kind once (one query took minutes
at full scale on SQLite). Wagtail's index is built with `update_index` when it is
emptier than ours (slow at full scale: it indexes one object at a time). `hit` is how often the
record the query names is among the five shown for its kind. The `page` columns time the same
queries as a reader meets them: the /search/ page, or the box's autocomplete answer, around ours.
"""
import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Russian spellings of the English names bench/scale.py uses, as a Russian newsroom writes them.
CYRILLIC = {
    "Dan": "Дэн", "Eoin": "Эоин", "Grace": "Грейс", "Tom": "Том", "Ruth": "Рут", "Oscar": "Оскар",
    "Nina": "Нина", "Leo": "Лео", "Ivy": "Айви", "Sam": "Сэм", "Maya": "Майя", "Joe": "Джо",
    "Streit": "Стрейт", "Glaister": "Глейстер", "Harlow": "Харлоу", "Quinn": "Куинн",
    "Mercer": "Мерсер", "Fenwick": "Фенвик", "Ashby": "Эшби", "Lowry": "Лаури", "Doyle": "Дойл",
    "Hale": "Хейл", "Pryce": "Прайс", "Wexler": "Векслер",
}
BOX_QUERIES = "search box, 4 letters"
WORDS_EN = ["videos", "directed", "choreography", "rain", "warehouse", "colours", "warm amber",
            "long takes", "references", "the editing"]
WORDS_RU = ["клипов", "съёмки", "хореографию", "дождём", "склейки", "тёплым янтарным", "декорации",
            "отсылки к старым", "оператор", "припеве"]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=int, default=25, help="queries per kind of query")
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of each query")
    parser.add_argument("--demo", action="store_true", help="a temporary database with the demo only")
    parser.add_argument("--no-wagtail", action="store_true", help="time our search only")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--limit", type=float, default=10.0,
                        help="seconds a query may run before it is stopped and counted at the limit")
    parser.add_argument("--wagtail-queries", type=int, default=5,
                        help="queries per kind for Wagtail's backend (at full scale one can take minutes)")
    return parser.parse_args()


def setup(demo: bool):
    if demo:
        tmp = tempfile.mkdtemp()
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp}/search-bench.sqlite3"
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{ROOT / 'var' / 'scale.sqlite3'}")
    os.environ["DJANGO_SETTINGS_MODULE"] = "deepcuts.settings.test"
    import django

    django.setup()
    from django.core.management import call_command

    if demo:
        call_command("migrate", verbosity=0)
        call_command("load_demo", "--no-admin", stdout=open(os.devnull, "w"))


def ensure_indexes(with_wagtail: bool, fresh_wagtail: bool) -> dict[str, float]:
    """Build whichever index is missing, and say how long it took."""
    from django.core.management import call_command
    from wagtail.search.models import IndexEntry

    from catalog.models import Person, Work
    from editorial.models import ArticlePage
    from search.models import SearchEntry

    built = {}
    records = Person.objects.count() + Work.objects.count() + ArticlePage.objects.live().count()
    if SearchEntry.objects.count() < records:
        started = time.perf_counter()
        call_command("rebuild_search_index", verbosity=0)
        built["ours"] = time.perf_counter() - started
    # Wagtail reindexes a person when the person is saved, not when a name is added after, so
    # its index of freshly loaded content lacks the aliases: rebuilt, it has them.
    if with_wagtail and (fresh_wagtail or IndexEntry.objects.count() < records * 0.99):
        print(f"building Wagtail's index for {records} records (update_index)...", file=sys.stderr)
        started = time.perf_counter()
        call_command("update_index", verbosity=0)
        built["wagtail"] = time.perf_counter() - started
    return built


def query_sets(count: int, rng: random.Random) -> dict[str, list[tuple[str, str, int]]]:
    """{kind of query: [(query, kind of the record it names, that record's id or 0)]}."""
    from catalog.models import Person, PersonName, Work

    aliased = list(PersonName.objects.filter(language="ru").values_list("person_id", "name", "person__name"))
    people = rng.sample(aliased, min(count, len(aliased)))
    english = [(pk, name) for pk, name in Person.objects.filter(names__isnull=True, kind="person")
               .values_list("pk", "name")[:20000]
               if all(part in CYRILLIC or part.isdigit() for part in name.split())]
    unaliased = rng.sample(english, min(count, len(english)))
    videos = list(Work.objects.filter(kind="music_video").values_list("pk", "title")[:20000])
    titles = rng.sample(videos, min(count, len(videos)))
    return {
        "name, Latin": [(latin, "person", pk) for pk, _, latin in people],
        "name, Cyrillic alias": [(cyrillic, "person", pk) for pk, cyrillic, _ in people],
        "name, transliterated": [(" ".join(CYRILLIC.get(part, part) for part in name.split()), "person", pk)
                                 for pk, name in unaliased],
        "title": [(title, "music_video", pk) for pk, title in titles],
        "words, English": [(word, "", 0) for word in WORDS_EN],
        "words, Russian": [(word, "", 0) for word in WORDS_RU],
        BOX_QUERIES: [(latin[:4], "person", pk) for pk, _, latin in people],
    }


def ours(query: str, box: bool) -> dict[str, list[int]]:
    from search.engine import search, suggest

    if box:
        return {"person": [int(e.ref.split(":")[1]) for e in suggest(query) if e.kind == "person"]}
    results = search(query)
    return {group.kind: [int(e.ref.split(":")[1]) for e in group.entries] for group in results.groups}


_client = None


def page(query: str, box: bool) -> None:
    """What a reader waits for: the /search/ page (or the box's autocomplete) around `ours`, its
    sections, labels and template included. Hits are counted on `ours`, which it shows."""
    global _client
    from django.test import Client

    _client = _client or Client()
    if box:
        response = _client.get("/api/v1/search/autocomplete", {"q": query})
    else:
        response = _client.get("/search/", {"q": query})
    if response.status_code != 200:
        raise RuntimeError(f"status {response.status_code}")
    return None


def wagtail(query: str, box: bool) -> dict[str, list[int]]:
    """What /search/ would cost on Wagtail's backend: top five and a count, per model."""
    from wagtail.search.backends import get_search_backend

    from catalog.models import Person, Work
    from editorial.models import ArticlePage

    backend = get_search_backend()
    if box:
        return {"person": [p.pk for p in backend.autocomplete(query, Person)[:8]]}
    found = {}
    for kind, queryset in (("person", Person.objects.all()), ("music_video", Work.objects.all()),
                           ("article", ArticlePage.objects.live())):
        results = backend.search(query, queryset)
        found[kind] = [obj.pk for obj in results[:5]]
        results.count()
    return found


@contextmanager
def time_limit(seconds: float):
    """Stop any statement that runs past `seconds`: a progress handler on SQLite, the
    statement_timeout on PostgreSQL. A stopped statement raises DatabaseError."""
    from django.db import connection

    connection.ensure_connection()
    if connection.vendor == "sqlite":
        deadline = time.perf_counter() + seconds
        connection.connection.set_progress_handler(lambda: int(time.perf_counter() > deadline), 100_000)
        try:
            yield
        finally:
            connection.connection.set_progress_handler(None, 0)
    else:
        with connection.cursor() as cursor:
            # set_config, not SET: SET takes no bound parameters (the server binds them here).
            cursor.execute("SELECT set_config('statement_timeout', %s, false)", [str(int(seconds * 1000))])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SET statement_timeout = 0")


def measure(engine, queries, repeat: int, box: bool, limit: float) -> tuple[list[float], float | None, int]:
    """Timings (ms) of `repeat` runs of each query, how often the named record was shown, and
    how many queries ran past `limit` seconds (counted at the limit, a lower bound, and not
    repeated)."""
    from django.db import DatabaseError

    timings, hits, named, stopped = [], 0, 0, 0
    for query, kind, pk in queries:
        for run in range(repeat):
            started = time.perf_counter()
            try:
                with time_limit(limit):
                    found = engine(query, box)
            except DatabaseError:
                timings.append(limit * 1000)
                stopped += 1
                if run == 0 and pk:
                    named += 1
                break
            except Exception as exc:  # a backend that cannot parse the text is a finding, not a crash
                print(f"  {engine.__name__} failed on {query!r}: {exc.__class__.__name__}", file=sys.stderr)
                break
            timings.append((time.perf_counter() - started) * 1000)
            if run == 0 and pk and found is not None:
                named += 1
                hits += pk in found.get(kind, [])
    return timings, (hits / named if named else None), stopped


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


def main() -> None:
    args = parse_args()
    setup(args.demo)
    from django.db import connection

    from catalog.models import Person, Work
    from editorial.models import ArticlePage

    built = ensure_indexes(not args.no_wagtail, fresh_wagtail=args.demo)
    sets = query_sets(args.queries, random.Random(args.seed))
    engines = [ours, page] if args.no_wagtail else [ours, page, wagtail]
    print(f"{connection.vendor}: {Person.objects.count()} people, {Work.objects.count()} works, "
          f"{ArticlePage.objects.live().count()} live articles; "
          + ", ".join(f"{name} index built in {seconds:.0f} s" for name, seconds in built.items()))
    header = "| queries |" + "".join(f" {e.__name__} n | p50 ms | p95 ms | hit | stopped |" for e in engines)
    print(header, flush=True)
    print("|" + "---|" * (1 + 5 * len(engines)), flush=True)
    everything: dict[str, list[float]] = {e.__name__: [] for e in engines}
    for name, queries in sets.items():
        if not queries:
            continue
        cells = []
        for engine in engines:
            box = name in BOX_QUERIES
            # Wagtail's backend gets fewer queries, each run once: one can take minutes here.
            chosen, repeat = ((queries[:args.wagtail_queries], 1) if engine is wagtail
                              else (queries, args.repeat))
            try:
                with time_limit(args.limit):
                    engine(chosen[0][0], box)  # warm up: caches, stemmers, name tables
            except Exception:
                pass  # measured (and counted as stopped) below
            timings, hit, stopped = measure(engine, chosen, repeat, box, args.limit)
            everything[engine.__name__] += timings
            cells.append(f" {len(chosen)} | {percentile(timings, 50):.1f} | {percentile(timings, 95):.1f} | "
                         + (f"{hit:.0%}" if hit is not None else "–") + f" | {stopped} |")
        print(f"| {name} |" + "".join(cells), flush=True)
    print("| **all** |" + "".join(f" | {percentile(t, 50):.1f} | {percentile(t, 95):.1f} | | |"
                                  for t in everything.values()), flush=True)
    print(f"(stopped: queries that ran past {args.limit:.0f} s, counted at {args.limit:.0f} s; "
          f"load average {os.getloadavg()[0]:.1f})", flush=True)

if __name__ == "__main__":
    main()
