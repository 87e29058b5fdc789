"""CPU per page: what one answer costs in Python and in PostgreSQL, by kind of page.

    .venv/bin/python bench/page_cpu.py            # production settings, a throwaway database
    .venv/bin/python bench/page_cpu.py --rounds 15
    .venv/bin/python bench/page_cpu.py --profile article   # and where an article's time goes
    DEEPCUTS_PROFILE_DUMP=/tmp/article.prof .venv/bin/python bench/page_cpu.py --profile article
                                            # and keep cProfile's data, for pstats' callers view

Under load the site is CPU-bound (docs/load.md): requests a second are about cores ÷ CPU per
answer, so this is the figure to move. Wall times on a shared two-core VM swing by a third from
run to run; CPU time taken by this process, as the minimum over rounds, is steadier. The pages
are those of the load mix (every demo article, video and person, the home page and six
searches), served through Django's WSGI handler in this process with the production settings,
on the same throwaway PostgreSQL database `bench/load.py` makes, task queue drained. PostgreSQL's
share is read from its backend's CPU counters in /proc (the server must be on this machine).
"""
import argparse
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from load import PYTHON, ROOT, ThrowawayDatabase, manage, pick_urls, site_environment  # noqa: E402

KINDS = ["home", "article", "video", "person", "search", "floor"]
# The health check, as bench/load.py times it under wrk: middleware and one query, no page.
# Set beside that run's floor it shows what serving over sockets adds to every answer.
FLOOR_URL = "/healthz"
REQUESTS_PER_ROUND = 60


def measure(urls: dict[str, list[str]], rounds: int, profile: str | None = None,
            profile_file: Path | None = None) -> list[dict]:
    # The project's packages, not bench/'s modules of the same names (bench/search.py).
    here = Path(__file__).resolve().parent
    sys.path[:] = [str(ROOT)] + [entry for entry in sys.path if Path(entry or ".").resolve() != here]
    import django

    django.setup()
    from django.core.handlers.wsgi import WSGIHandler
    from django.db import connection

    app = WSGIHandler()

    def get(url: str) -> None:
        path, _, query = url.partition("?")
        environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": query,
                   "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "443", "HTTP_HOST": "127.0.0.1",
                   "HTTP_X_FORWARDED_PROTO": "https", "SERVER_PROTOCOL": "HTTP/1.1",
                   "wsgi.url_scheme": "http", "wsgi.input": io.BytesIO(b""), "wsgi.errors": sys.stderr}
        statuses = []
        b"".join(app(environ, lambda status, headers, *_: statuses.append(status)))
        if not statuses[0].startswith("200"):
            raise SystemExit(f"{url} answered {statuses[0]}")

    def postgres_seconds() -> float:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            pid = cursor.fetchone()[0]
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    rows = []
    for kind in KINDS:
        batch = (urls[kind] * (REQUESTS_PER_ROUND // len(urls[kind]) + 1))[:REQUESTS_PER_ROUND]
        for url in urls[kind]:
            get(url)  # warm: templates, caches, the prepared statements
        queries = []

        def counted(execute, sql, *rest, seen=queries):
            seen.append(sql)
            return execute(sql, *rest)

        # Counted as they run: Django empties its own query log at the start of every request.
        with connection.execute_wrapper(counted):
            for url in urls[kind]:
                get(url)
        python, postgres = [], []
        for _ in range(rounds):
            database_before, started = postgres_seconds(), time.process_time()
            for url in batch:
                get(url)
            python.append(1000 * (time.process_time() - started) / len(batch))
            postgres.append(1000 * (postgres_seconds() - database_before) / len(batch))
        if kind == profile:
            import cProfile
            import pstats

            profiler = cProfile.Profile()
            profiler.enable()
            for url in batch * 5:
                get(url)
            profiler.disable()
            if os.environ.get("DEEPCUTS_PROFILE_DUMP"):
                profiler.dump_stats(os.environ["DEEPCUTS_PROFILE_DUMP"])
            with open(profile_file, "w") as out:
                stats = pstats.Stats(profiler, stream=out).strip_dirs()
                out.write(f"{kind}: {len(batch) * 5} requests under cProfile\n")
                stats.sort_stats("cumulative").print_stats(45)
                stats.sort_stats("tottime").print_stats(25)
        rows.append({"kind": kind, "pages": len(urls[kind]), "queries": len(queries) / len(urls[kind]),
                     "python_min": min(python), "python_median": statistics.median(python),
                     "postgres": statistics.median(postgres)})
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=9,
                        help=f"rounds of {REQUESTS_PER_ROUND} requests per kind")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432",
                        help="the PostgreSQL server for the throwaway database")
    parser.add_argument("--profile", choices=KINDS,
                        help="also run this kind's requests under cProfile and print where the time goes")
    parser.add_argument("--measure", help=argparse.SUPPRESS)  # the child: a JSON file of URLs
    args = parser.parse_args()
    if args.measure:
        urls_file = Path(args.measure)
        print(json.dumps(measure(json.loads(urls_file.read_text()), args.rounds, args.profile,
                                 urls_file.with_name("profile.txt"))))
        return

    database = ThrowawayDatabase(args.postgres)
    database.create()
    try:
        with tempfile.TemporaryDirectory(prefix="deepcuts-cpu-") as work:
            env = {**site_environment(database.url, Path(work)), "DATABASE_CONN_MAX_AGE": "600"}
            print(f"Preparing {database.name}: migrate, demo content, task queue…", file=sys.stderr)
            manage(env, "migrate", "--no-input")
            manage(env, "load_demo", "--no-admin")
            manage(env, "worker", "--batch", "--no-startup-delay")
            manage(env, "collectstatic", "--no-input")
            urls_file = Path(work) / "urls.json"
            urls_file.write_text(json.dumps({**pick_urls(env), "floor": [FLOOR_URL]}))
            child = subprocess.run(
                [PYTHON, __file__, "--measure", str(urls_file), "--rounds", str(args.rounds),
                 *(["--profile", args.profile] if args.profile else [])],
                env=env, cwd=ROOT, capture_output=True, text=True)
            if child.returncode:
                raise SystemExit(child.stderr[-3000:])
            rows = json.loads(child.stdout.strip().splitlines()[-1])
            if args.profile:
                print(urls_file.with_name("profile.txt").read_text())
    finally:
        database.drop()
    print(f"| page | pages | queries | Python CPU ms, min | median | PostgreSQL CPU ms |  "
          f"({args.rounds} rounds of {REQUESTS_PER_ROUND} requests)")
    print("|---|---:|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['kind']} | {row['pages']} | {row['queries']:.1f} | {row['python_min']:.2f} | "
              f"{row['python_median']:.2f} | {row['postgres']:.2f} |")
    weights = {"home": 15, "article": 35, "video": 15, "person": 15, "search": 15}
    mix = sum(weights[r["kind"]] * (r["python_median"] + r["postgres"])
              for r in rows if r["kind"] in weights) / sum(weights.values())
    print(f"\nWeighted as the load mix's reads: {mix:.2f} CPU ms per answer (median Python + PostgreSQL).")


if __name__ == "__main__":
    main()
