"""Load test: the site under gunicorn and PostgreSQL, driven by wrk, without and with nginx's page cache.

    .venv/bin/python bench/load.py                # 60 s per run, 64 connections (docs/load.md)
    .venv/bin/python bench/load.py --seconds 10   # shorter, for trying it out
    .venv/bin/python bench/load.py --by-kind      # and each kind of the mix alone

Needs wrk, nginx (Debian's wrk and nginx-light: `make bench` installs them) and PostgreSQL on
127.0.0.1:5432 (--postgres to point elsewhere). Everything runs on loopback, as production would
run it (deepcuts.settings.production, `X-Forwarded-Proto: https` as from the TLS proxy), on a
throwaway database created and dropped here, with the demo content. Runs, each measured by wrk:

1. a mix of readers and contributors straight to gunicorn: home, articles, videos, people,
   search and the tip form's POST (with its CSRF token), no page cache;
2. one article page straight to gunicorn, no page cache;
3. the same article as a static file served by nginx: the most a page can go at;
4. the same article through nginx's proxy_cache in front of gunicorn (docs/operations.md);
5. the health check, /healthz, straight to gunicorn: the whole middleware stack and one query
   with no page around them, the floor under what any page can cost.

It prints a Markdown table and checks the goals: no 5xx, p99 at most 250 ms without the cache,
and the cached article at least half as fast as the static file. Every process it starts is
stopped, and the database dropped, however it ends.
"""
import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "bench" / "load"
PYTHON = sys.executable
GUNICORN = str(Path(PYTHON).with_name("gunicorn"))
APP_PORT, STATIC_PORT, PROXY_PORT = 8871, 8872, 8873
P99_GOAL_MS = 250
CACHED_SHARE_GOAL = 0.5
# Weights of the mix: mostly reading, some searching, a few tips sent.
MIX = {"home": 15, "article": 35, "video": 15, "person": 15, "search": 15, "submit": 5}
SEARCHES = ["Ли Сон Джин", "Lee Sung Jin", "Joji", "клип", "Kendrick Lamar", "cinematographer"]


class Processes:
    """Every process started here, each in its own session so its children stop with it."""

    def __init__(self):
        self.running: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, argv: list[str], env: dict, log: Path) -> subprocess.Popen:
        with open(log, "ab") as out:
            process = subprocess.Popen(argv, env=env, cwd=ROOT, stdout=out, stderr=subprocess.STDOUT,
                                       start_new_session=True)
        self.running.append((name, process))
        return process

    def stop_all(self) -> None:
        # SIGINT to the master is a quick shutdown for both gunicorn and nginx: each stops its own
        # workers (SIGTERM would wait for requests in progress).
        for _, process in reversed(self.running):
            if process.poll() is None:
                process.send_signal(signal.SIGINT)
        for name, process in reversed(self.running):
            try:
                process.wait(timeout=60)  # gunicorn's master takes ~15 s after its workers
            except subprocess.TimeoutExpired:
                print(f"{name} did not stop within 60 s; killing it.", file=sys.stderr)
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.running.clear()


class ThrowawayDatabase:
    def __init__(self, server_url: str):
        self.server = urlsplit(server_url)
        self.name = f"deepcuts_load_{os.getpid()}"
        self.url = f"{server_url.rstrip('/')}/{self.name}"

    def _execute(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(host=self.server.hostname, port=self.server.port or 5432,
                             user=self.server.username or "postgres", password=self.server.password,
                             dbname="postgres", autocommit=True) as connection:
            connection.execute(statement)

    def create(self) -> None:
        import psycopg

        try:
            self._execute(f'CREATE DATABASE "{self.name}"')
        except psycopg.OperationalError:
            raise SystemExit(f"PostgreSQL did not answer at {self.server.hostname}:"
                             f"{self.server.port or 5432}: start it, or pass --postgres "
                             "postgres://USER@HOST:PORT.") from None

    def drop(self) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds_by_process(process_groups: list[int], database: str | None) -> dict[int, float]:
    """CPU time (user + system) so far of every process in `process_groups` and of the PostgreSQL
    backends serving `database`, by pid. Differences between two readings are what a run cost,
    whatever else the machine was doing: the capacity figure that a busy machine cannot blur."""
    pids = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        if int(fields[2]) in process_groups:  # fields[2] is the process group
            pids.add(int(stat.parent.name))
    if database:
        pids |= set(database_backends(database))
    spent = {}
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        spent[pid] = (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime
    return spent


def database_backends(database: str) -> list[int]:
    import psycopg

    with psycopg.connect(host="127.0.0.1", user="postgres", dbname="postgres", autocommit=True) as conn:
        return [row[0] for row in conn.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()", [database])]


def site_environment(database_url: str, work: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "deepcuts.settings.production",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DEEPCUTS_SSL_REDIRECT": "0",
        "DATABASE_URL": database_url,
        "DEEPCUTS_STATIC_ROOT": str(work / "static"),
        "DEEPCUTS_MEDIA_ROOT": str(work / "media"),
        "DEEPCUTS_CACHE_DIR": str(work / "cache"),
        # Every tip comes from 127.0.0.1; the limit of 5 per 10 minutes would refuse all but five.
        "DEEPCUTS_SUBMISSIONS_PER_WINDOW": "1000000000",
        "DEEPCUTS_LOG_LEVEL": "ERROR",
    }


def manage(env: dict, *args: str) -> str:
    result = subprocess.run([PYTHON, "manage.py", *args], env=env, cwd=ROOT, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


PICK_URLS = """
import json
from catalog.models import Person, Work
from editorial.models import ArticlePage
print(json.dumps({
    "article": [a.url for a in ArticlePage.objects.live().public().order_by("-date", "pk")],
    "video": [w.get_absolute_url() for w in Work.objects.filter(kind=Work.Kind.MUSIC_VIDEO).order_by("pk")],
    "person": [p.get_absolute_url() for p in Person.objects.order_by("pk")],
}))
"""


def pick_urls(env: dict) -> dict[str, list[str]]:
    """Every article, video and person of the demo, so the mix is not one hot page of each."""
    urls = json.loads(manage(env, "shell", "-c", PICK_URLS).strip().splitlines()[-1])
    urls["home"] = ["/"]
    urls["search"] = [f"/search/?q={quote(q)}" for q in SEARCHES]
    return urls


def fetch(port: int, path: str, method: str = "GET", headers: dict | None = None, body: str | None = None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request(method, path, body=body,
                           headers={"X-Forwarded-Proto": "https", "Host": f"127.0.0.1:{port}",
                                    **(headers or {})})
        response = connection.getresponse()
        return response.status, response.getheaders(), response.read()
    finally:
        connection.close()


def wait_until_serving(port: int, process: subprocess.Popen, log: Path, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"The server on port {port} stopped; its log:\n{log.read_text()[-3000:]}")
        try:
            if fetch(port, "/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    sys.exit(f"Nothing answered on port {port} within {timeout:.0f} s; see {log}.")


def cache_status(port: int, path: str) -> str:
    """nginx's X-Cache-Status for `path` asked twice: HIT if the page cache kept the first answer."""
    fetch(port, path)
    headers = dict((k.lower(), v) for k, v in fetch(port, path)[1])
    return headers.get("x-cache-status", "")


def submission_request(port: int) -> str:
    """The tip form's POST as a browser sends it: the CSRF cookie and token from the form, and the
    Origin an HTTPS page sends."""
    status, headers, body = fetch(port, "/submit/")
    cookie = next((v for k, v in headers if k.lower() == "set-cookie" and v.startswith("csrftoken=")), "")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if status != 200 or not cookie or not token:
        sys.exit("The tip form gave no CSRF cookie and token; cannot post to it.")
    origin = f"https://127.0.0.1:{port}"
    headers = " | ".join([f"Cookie: {cookie.split(';')[0]}", f"Origin: {origin}",
                          f"Referer: {origin}/submit/", "Content-Type: application/x-www-form-urlencoded"])
    form = urlencode({"csrfmiddlewaretoken": token.group(1).decode(), "kind": "tip", "website": "",
                      "text": "Load test: a new video by the director of Run is said to come out in May."})
    return f"POST\t/submit/\t{headers}\t{form}"


def write_requests(path: Path, urls: dict[str, list[str]], post: str | None, only: str | None = None) -> None:
    lines = []
    for kind, weight in MIX.items():
        if only and kind != only:
            continue
        if kind == "submit":
            if post:
                lines.append(f"{weight}\t{post}")
            continue
        # The weight of a kind is shared by its pages, so more demo pages do not change the mix.
        for url in urls[kind]:
            lines.append(f"{max(1, round(weight * 100 / len(urls[kind])))}\tGET\t{url}\t\t")
    path.write_text("\n".join(lines) + "\n")


@dataclass
class Result:
    name: str
    requests: int
    seconds: float
    p50_ms: float
    p99_ms: float
    statuses: dict
    socket_errors: dict
    cache: dict
    load_before: float
    cpu_seconds: float  # of the serving processes (gunicorn and/or nginx) and PostgreSQL's backends

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    @property
    def failed(self) -> int:
        return sum(n for status, n in self.statuses.items() if status[0] not in "23")

    @property
    def server_errors(self) -> int:
        return self.statuses.get("5xx", 0)

    @property
    def cpu_ms_per_answer(self) -> float:
        return 1000 * self.cpu_seconds / max(1, self.requests)

    @property
    def socket_error_count(self) -> int:
        return sum(self.socket_errors.values())


def run_wrk(name: str, port: int, requests_file: Path, seconds: int, connections: int,
            threads: int, serving: list[int], database: str | None) -> Result:
    """One wrk run against `port`; `serving` are the process groups doing the work (their CPU time
    is measured, with that of `database`'s PostgreSQL backends)."""
    load_before = os.getloadavg()[0]
    cpu_before = cpu_seconds_by_process(serving, database)
    argv = ["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--timeout", "30s",
            "-s", str(HERE / "mix.lua"), f"http://127.0.0.1:{port}", "--", str(requests_file)]
    print("$ " + " ".join(argv), flush=True)
    completed = subprocess.run(argv, capture_output=True, text=True)
    line = next((line for line in completed.stdout.splitlines() if line.startswith("WRK_RESULT ")), None)
    if completed.returncode or line is None:
        sys.exit(f"wrk failed:\n{completed.stdout}\n{completed.stderr}")
    cpu_after = cpu_seconds_by_process(serving, database)
    # The connections wrk leaves behind are still queued at gunicorn, which answers them before
    # anything else; the next run must not start behind them.
    fetch(APP_PORT, "/")
    cpu = sum(spent - cpu_before.get(pid, 0.0) for pid, spent in cpu_after.items())
    data = json.loads(line.removeprefix("WRK_RESULT "))
    return Result(name=name, requests=data["requests"], seconds=data["duration_us"] / 1e6,
                  p50_ms=data["latency_us"]["p50"] / 1000, p99_ms=data["latency_us"]["p99"] / 1000,
                  statuses=data["statuses"], socket_errors=data["socket_errors"], cache=data["cache"],
                  load_before=load_before, cpu_seconds=cpu)


def table(results: list[Result]) -> str:
    rows = ["| run | req/s | p50 ms | p99 ms | non-2xx/3xx | 5xx | socket errors | CPU ms per answer "
            "| load avg before |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        cache = ", ".join(f"{k} {v}" for k, v in sorted(r.cache.items()))
        rows.append(f"| {r.name}{f' ({cache})' if cache else ''} | {r.rate:,.0f} | {r.p50_ms:.1f} "
                    f"| {r.p99_ms:.1f} | {r.failed} | {r.server_errors} | {r.socket_error_count} "
                    f"| {r.cpu_ms_per_answer:.2f} | {r.load_before:.2f} |")
    return "\n".join(rows)


def verdicts(results: dict[str, Result]) -> list[tuple[bool, str]]:
    uncached = [results["mix"], results["article"]]
    static, cached = results["static"], results["cached"]
    share = cached.rate / static.rate
    return [
        (all(r.server_errors == 0 for r in results.values()), "no 5xx in any run"),
        (all(r.socket_error_count == 0 for r in results.values()), "no socket errors or timeouts"),
        (all(r.p99_ms <= P99_GOAL_MS for r in uncached),
         f"p99 without the page cache ≤ {P99_GOAL_MS} ms "
         f"(mix {results['mix'].p99_ms:.0f} ms, article {results['article'].p99_ms:.0f} ms)"),
        (share >= CACHED_SHARE_GOAL,
         f"cached article ≥ {CACHED_SHARE_GOAL:.0%} of nginx's static file ({share:.0%})"),
    ]


def capacity(result: Result, cores: int, connections: int) -> str:
    """What the CPU cost per answer allows on this many otherwise idle cores. With `connections`
    requests always in flight, Little's law makes the mean wait connections ÷ throughput."""
    most = cores * 1000 / result.cpu_ms_per_answer
    return (f"{result.name}: {result.cpu_ms_per_answer:.1f} CPU ms per answer (app + PostgreSQL), so "
            f"at most ≈{most:,.0f} req/s on {cores} idle cores; with {connections} connections in "
            f"flight that is a mean latency of ≈{1000 * connections / most:,.0f} ms.")


def main() -> None:
    cores = os.cpu_count() or 1
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=60, help="length of each measured run (60)")
    parser.add_argument("--connections", type=int, default=64, help="wrk's open connections (64)")
    parser.add_argument("--workers", type=int, default=cores,
                        help="gunicorn sync workers (one per core, measured in docs/load.md)")
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"],
                        help="gunicorn's worker class (sync: no keep-alive; gthread keeps connections open)")
    parser.add_argument("--threads", type=int, default=1, help="threads per gthread worker")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432",
                        help="the PostgreSQL server for the throwaway database")
    parser.add_argument("--check", action="store_true", help="exit 1 when a goal is missed")
    parser.add_argument("--by-kind", action="store_true",
                        help="also run each kind of the mix alone: what each costs under wrk")
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            sys.exit(f"{tool} is not installed: run `make bench`, or apt-get install wrk nginx-light.")

    work = Path(tempfile.mkdtemp(prefix="deepcuts-load-"))
    processes, database = Processes(), ThrowawayDatabase(args.postgres)

    def interrupted(signum, frame):
        raise SystemExit(f"Stopped by signal {signum}.")

    signal.signal(signal.SIGTERM, interrupted)
    database.create()
    try:
        env = site_environment(database.url, work)
        print(f"Preparing {database.name}: migrate, demo content, collectstatic…", flush=True)
        manage(env, "migrate", "--no-input")
        manage(env, "load_demo", "--no-admin")
        # Production queues the search index, related reading and article snapshots for the task
        # worker; measuring before it has run would serve an empty index and live reads.
        manage(env, "worker", "--batch", "--no-startup-delay")
        manage(env, "collectstatic", "--no-input")
        urls = pick_urls(env)

        app_log = work / "gunicorn.log"
        gunicorn = processes.start("gunicorn", [
            GUNICORN, "deepcuts.wsgi", "--bind", f"127.0.0.1:{APP_PORT}", "--workers", str(args.workers),
            "--worker-class", args.worker_class, "--threads", str(args.threads), "--timeout", "60",
            "--backlog", "2048", "--no-control-socket",
            # Django is set up once, before the workers fork: they start ready and share its memory.
            "--preload"], env, app_log)
        wait_until_serving(APP_PORT, gunicorn, app_log)
        article = urls["article"][0]

        nginx_dir = work / "nginx"
        static_page = nginx_dir / "static-site" / article.strip("/") / "index.html"
        static_page.parent.mkdir(parents=True)
        status, _, html = fetch(APP_PORT, article)
        assert status == 200, f"{article} answered {status}"
        static_page.write_bytes(html)
        user = "user root root;" if os.geteuid() == 0 else ""
        config = (HERE / "nginx.conf.template").read_text()
        for name, value in {"DIR": str(nginx_dir), "USER": user, "APP_PORT": APP_PORT,
                            "STATIC_PORT": STATIC_PORT, "PROXY_PORT": PROXY_PORT}.items():
            config = config.replace(f"@{name}@", str(value))
        (nginx_dir / "nginx.conf").write_text(config)
        nginx_log = work / "nginx.log"
        nginx_binary = shutil.which("nginx") or "/usr/sbin/nginx"
        nginx = processes.start("nginx", [nginx_binary, "-p", str(nginx_dir), "-e", "stderr",
                                          "-c", str(nginx_dir / "nginx.conf")], env, nginx_log)
        wait_until_serving(PROXY_PORT, nginx, nginx_log)

        mix_file, article_file, floor_file = work / "mix.txt", work / "article.txt", work / "floor.txt"
        floor_file.write_text("1\tGET\t/healthz\t\t\n")
        write_requests(mix_file, urls, submission_request(APP_PORT))
        write_requests(article_file, {"article": [article]}, None, only="article")

        wrk = {"seconds": args.seconds, "connections": args.connections, "threads": min(cores, 4)}
        app = {"serving": [gunicorn.pid], "database": database.name}
        print(f"Warming up the {args.workers} gunicorn workers…", flush=True)
        run_wrk("warm-up", APP_PORT, mix_file, **{**wrk, "seconds": min(15, args.seconds)}, **app)
        results = {
            "mix": run_wrk("mix → gunicorn, no page cache", APP_PORT, mix_file, **wrk, **app),
            "article": run_wrk(f"article {article} → gunicorn, no page cache", APP_PORT, article_file,
                               **wrk, **app),
            "static": run_wrk("article as a static file → nginx", STATIC_PORT, article_file, **wrk,
                              serving=[nginx.pid], database=None),
        }
        if cache_status(PROXY_PORT, article) != "HIT":
            sys.exit(f"nginx does not keep {article} for anonymous readers (X-Cache-Status is not HIT "
                     "on the second request); check its Cache-Control and Set-Cookie headers.")
        results["cached"] = run_wrk("article → nginx proxy_cache → gunicorn", PROXY_PORT, article_file,
                                    **wrk, serving=[nginx.pid, gunicorn.pid], database=database.name)
        results["floor"] = run_wrk("health check /healthz → gunicorn (the floor)", APP_PORT, floor_file,
                                   **wrk, **app)
        # What each kind of request costs under load, where bench/page_cpu.py times them one at a
        # time in one process (docs/load.md, session 18).
        by_kind = []
        for kind in MIX if args.by_kind else ():
            kind_file = work / f"{kind}.txt"
            write_requests(kind_file, urls, submission_request(APP_PORT) if kind == "submit" else None,
                           only=kind)
            by_kind.append(run_wrk(f"{kind} alone → gunicorn, no page cache", APP_PORT, kind_file,
                                   **wrk, **app))
        print()
        print(f"{args.connections} connections, {args.seconds} s per run, gunicorn {args.workers} "
              f"{args.worker_class} workers, {cores} cores, "
              f"PostgreSQL {database.server.hostname}:{database.server.port}; "
              f"mix weights {MIX}")
        print()
        print(table(list(results.values())))
        if by_kind:
            print()
            print(table(by_kind))
        print()
        checks = verdicts(results)
        for passed, text in checks:
            print(f"{'PASS' if passed else 'MISS'}  {text}")
        print()
        for key in ("mix", "article", "floor"):
            print(capacity(results[key], cores, args.connections))
        if any(r.server_errors for r in results.values()):
            print(f"\ngunicorn's log ends:\n{app_log.read_text()[-3000:]}")
        if args.check and not all(passed for passed, _ in checks):
            raise SystemExit(1)
    finally:
        processes.stop_all()
        database.drop()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
