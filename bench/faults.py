"""Faults with real processes and real signals; prints what a user would have seen.

    .venv/bin/python bench/faults.py worker            # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/deepcuts_faults .venv/bin/python bench/faults.py worker
    .venv/bin/python bench/faults.py database          # as root: a throwaway PostgreSQL on port 54329
    .venv/bin/python bench/faults.py backup            # export and restore timed; DATABASE_URL works too

`worker`: `deepcuts import` of every article in the extraction corpus (English and Russian),
then `deepcuts worker` processes them while this script kill -9s it KILLS times, each time in
the middle of an import task, and starts a new one at once. At the end every import must be
done exactly once: one draft page each, no repeated proposals, every killed task finished by
a later worker. PostgreSQL databases named by DATABASE_URL are dropped and created afresh.

`database`: a PostgreSQL cluster of its own (initdb in /tmp, port 54329; the machine's server
is never touched), the demo content, gunicorn with production settings, and a second process
requesting pages and the API in a loop. PostgreSQL is stopped (`pg_ctl stop -m fast`) for
DOWN seconds and started again; every answer is counted by status, and the time from the
restart to the first good page and to the last bad one is measured.

`backup`: the demo plus PEOPLE people (each with a second spelling, a video and a credit),
`deepcuts export` to a .jsonl.gz, `deepcuts restore` into a second empty database (SQLite, or
DATABASE_URL's name + "_restored" on PostgreSQL), both timed; the restore checks the content.
"""
import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
PG_BIN = Path("/usr/lib/postgresql/15/bin")
PG_PORT = 54329
GUNICORN_PORT = 8106
PRODUCTION = {"DJANGO_SETTINGS_MODULE": "deepcuts.settings.production",
              "DJANGO_SECRET_KEY": "bench-faults-" + "k" * 50,
              "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
              "DEEPCUTS_SSL_REDIRECT": "0"}
PAGES = ["/", "/reviews/", "/videos/rm-come-back-to-me/", "/people/lee-sung-jin/", "/tags/joji/",
         "/api/v1/videos?limit=5"]


def manage(env: dict, *args: str, quiet: bool = True) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL if quiet else None)


def fresh_postgres_database(url: str) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from pages import fresh_postgres_database as recreate

    recreate(url)


# --- worker killed mid-import ----------------------------------------------------------------

def corpus_batch(folder: Path) -> int:
    folder.mkdir()
    count = 0
    for language_dir in sorted((ROOT / "eval").glob("*/*")):
        if not language_dir.is_dir():
            continue
        for source in sorted(language_dir.iterdir()):
            if source.suffix in {".txt", ".md", ".html"}:
                shutil.copy(source, folder / f"{language_dir.parent.name}-{language_dir.name}-{source.name}")
                count += 1
    return count


def start_worker(env: dict, log, worker_id: str) -> subprocess.Popen:
    command = [PYTHON, "-m", "deepcuts.cli", "worker", "--no-startup-delay", "--interval", "0.1",
               "--worker-id", worker_id]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_for(condition, timeout: float):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.02)
    raise SystemExit(f"gave up after {timeout:.0f} s")


def running_import_of(worker_id: str):
    """An import task this worker is running, not one still marked RUNNING by the worker killed
    before it; and not on its last allowed claim, which recovery would rightly give up on."""
    from django_tasks_db.models import DBTaskResult

    from backups.recovery import MAX_ATTEMPTS

    for task in DBTaskResult.objects.filter(status="RUNNING", task_path="imports.tasks.process_import"):
        if task.worker_ids[-1] == worker_id and len(task.worker_ids) < MAX_ATTEMPTS:
            return task
    return None


def kill_workers(env: dict, log, kills: int, rng: random.Random, imports: int) -> tuple:
    """kill -9 the worker in the middle of an import task `kills` times, starting a new one each
    time. Returns [(task id, killed at)] and how many kills came just after a task finished."""
    from imports.models import ImportedArticle

    def done() -> int:
        return ImportedArticle.objects.filter(status="done").count()

    victims, misses = [], 0
    worker_id = "bench-worker-0"
    worker = start_worker(env, log, worker_id)
    while len(victims) < kills and misses < 4 * kills:
        # Let the new worker finish a few imports first, so kills land in warm workers too, at
        # different points of a task (reading, extracting, writing the draft in its transaction).
        target = min(done() + rng.randint(0, 3), imports - 1)
        wait_for(lambda target=target: done() >= target, 600)
        task = wait_for(lambda worker_id=worker_id: running_import_of(worker_id), 600)
        time.sleep(rng.uniform(0, 0.1))
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        killed_at = time.time()
        task.refresh_from_db()
        if task.status == "RUNNING":
            victims.append((task.pk, killed_at))
        else:
            misses += 1  # it finished just before the signal: a restart, but no task to recover
        worker_id = f"bench-worker-{len(victims) + misses}"
        worker = start_worker(env, log, worker_id)
    return victims, misses, worker


def check_imports(imports: int, pages_before: int) -> bool:
    from editorial.models import ArticlePage
    from imports.models import ImportedArticle, Proposal

    done = ImportedArticle.objects.filter(status="done").count()
    pages = ArticlePage.objects.count() - pages_before
    page_ids = list(ImportedArticle.objects.values_list("page_id", flat=True))
    shared = len(page_ids) - len(set(page_ids))
    # A proposal is one (import, kind, video, role, name, value): the model's own uniqueness.
    keys = list(Proposal.objects.values_list("imported_id", "kind", "video_title", "role", "name", "value"))
    repeated = len(keys) - len(set(keys))
    print(f"imports done {done}/{imports}; draft pages created {pages}; pages shared by two imports "
          f"{shared}; proposals {len(keys)}, repeated {repeated}")
    for name, error in ImportedArticle.objects.exclude(status="done").values_list("source_name", "error"):
        print(f"  not done: {name}: {error}")
    return done == imports and pages == imports and shared == 0 and repeated == 0


def report_recoveries(victims: list, misses: int) -> bool:
    from django_tasks_db.models import DBTaskResult

    print(f"kills that caught an import task running: {len(victims)} (and {misses} that just missed one)")
    print("| kill | task | claims | finished | recovered after (s) |")
    print("|---:|---|---:|---|---:|")
    recoveries = []
    for n, (pk, killed_at) in enumerate(victims, 1):
        task = DBTaskResult.objects.get(pk=pk)
        recovered = task.finished_at.timestamp() - killed_at if task.finished_at else float("nan")
        recoveries.append(recovered)
        print(f"| {n} | {str(pk)[:8]} | {len(task.worker_ids)} | {task.status} | {recovered:.1f} |")
    if recoveries:
        print(f"median recovery {sorted(recoveries)[len(recoveries) // 2]:.1f} s")
    for task in DBTaskResult.objects.exclude(status="SUCCESSFUL"):  # any task, for the record
        print(f"  task {task.task_path} {task.status}: {task.traceback.strip().splitlines()[-1:]}")
    unfinished = DBTaskResult.objects.filter(task_path="imports.tasks.process_import") \
        .exclude(status="SUCCESSFUL").count()
    print(f"import tasks not successful at the end: {unfinished}")
    return unfinished == 0


def worker_fault(kills: int, seed: int) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="deepcuts-faults-"))
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/faults.sqlite3")
    if os.environ["DATABASE_URL"].startswith("postgres"):
        fresh_postgres_database(os.environ["DATABASE_URL"])
    os.environ.update(PRODUCTION)
    env = dict(os.environ)
    manage(env, "migrate", "--no-input")
    manage(env, "load_demo", "--no-admin")

    import django

    django.setup()
    from django.db import connection
    from django_tasks_db.models import DBTaskResult

    from editorial.models import ArticlePage
    from imports.models import ImportedArticle

    pages_before = ArticlePage.objects.count()
    files = corpus_batch(tmp / "batch")
    started = time.monotonic()
    manage(env, "import_articles", str(tmp / "batch"), quiet=False)
    imports = ImportedArticle.objects.count()
    print(f"{connection.vendor}: {files} files, {imports} queued as imports; {kills} kills (seed {seed})")

    with (tmp / "workers.log").open("ab") as log:
        victims, misses, worker = kill_workers(env, log, kills, random.Random(seed), imports)
        wait_for(lambda: not DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).exists(), 1800)
        worker.send_signal(signal.SIGTERM)
        worker.wait(timeout=60)
    print(f"whole batch, kills and restarts included: {time.monotonic() - started:.0f} s")
    ok = check_imports(imports, pages_before) & report_recoveries(victims, misses) and len(victims) == kills
    print("RESULT:", "nothing lost, nothing duplicated" if ok else "FAILED")
    shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(0 if ok else 1)


# --- export and restore at size -------------------------------------------------------------

def add_catalog_rows(people: int) -> int:
    """`people` extra people, each with a second spelling, a music video and a credit: plain rows
    in bulk (no signals), enough to measure rows per second."""
    from catalog.models import Credit, Person, PersonName, Work

    batch = 2000
    Person.objects.bulk_create([Person(name=f"Bench Person {n}", slug=f"bench-person-{n}",
                                       name_key=f"bench person {n}", bio="Made up for the benchmark.")
                                for n in range(people)], batch_size=batch)
    ids = list(Person.objects.filter(slug__startswith="bench-person-").order_by("pk")
               .values_list("pk", flat=True))
    PersonName.objects.bulk_create([PersonName(person_id=pk, name=f"Бенч {n}", script="Cyrl", language="ru",
                                               name_key=f"бенч {n}", sort_order=0)
                                    for n, pk in enumerate(ids)], batch_size=batch)
    Work.objects.bulk_create([Work(kind="music_video", title=f"Bench Video {n}", slug=f"bench-video-{n}",
                                   release_year=2000 + n % 25) for n in range(people)], batch_size=batch)
    works = list(Work.objects.filter(slug__startswith="bench-video-").order_by("pk")
                 .values_list("pk", flat=True))
    Credit.objects.bulk_create([Credit(work_id=work, person_id=person, role="director", sort_order=0)
                                for work, person in zip(works, ids, strict=True)], batch_size=batch)
    return people * 4


def backup_at_size(people: int) -> None:
    tmp = Path(tempfile.mkdtemp(prefix="deepcuts-faults-"))
    source = os.environ.setdefault("DATABASE_URL", f"sqlite:///{tmp}/source.sqlite3")
    target = f"sqlite:///{tmp}/restored.sqlite3"
    if source.startswith("postgres"):
        target = source + "_restored"
        fresh_postgres_database(source)
        fresh_postgres_database(target)
    os.environ.update(PRODUCTION)
    env = dict(os.environ)
    manage(env, "migrate", "--no-input")
    manage(env, "load_demo", "--no-admin")
    import django

    django.setup()
    from django.db import connection

    added = add_catalog_rows(people)
    export_file = tmp / "export.jsonl.gz"
    started = time.monotonic()
    manage(env, "export", str(export_file), quiet=False)
    exported = time.monotonic() - started
    started = time.monotonic()
    manage({**env, "DATABASE_URL": target}, "restore", str(export_file), quiet=False)
    restored = time.monotonic() - started
    print(f"{connection.vendor} -> {target.split(':')[0]}: demo + {added} bench rows; export "
          f"{export_file.stat().st_size / 1024**2:.1f} MB gzip in {exported:.1f} s, restore (migrate, load, "
          f"check, search index) {restored:.1f} s")
    shutil.rmtree(tmp, ignore_errors=True)


# --- database stopped under load -------------------------------------------------------------

def as_postgres(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(["runuser", "-u", "postgres", "--", *args], check=check, capture_output=True,
                          text=True)


def pg_ctl(data: Path, *args: str) -> None:
    as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), *args)


def drive(url: str, out: Path, stop_file: Path, threads: int) -> None:
    """The readers: request the pages in a loop and record every answer (a second process, so
    the measuring never shares a GIL or a connection pool with anything it measures)."""
    lock = threading.Lock()
    records = []

    def reader(n: int) -> None:
        i = n
        while not stop_file.exists():
            page = PAGES[i % len(PAGES)]
            i += 1
            started = time.time()
            try:
                with urllib.request.urlopen(url + page, timeout=30) as response:
                    status, headers, body = response.status, response.headers, response.read()
            except urllib.error.HTTPError as error:
                status, headers, body = error.code, error.headers, error.read()
            except OSError as error:
                status, headers, body = f"no answer ({type(error).__name__})", {}, b""
            with lock:
                records.append({"t": started, "ms": (time.time() - started) * 1000, "status": status,
                                "page": page, "retry_after": headers.get("Retry-After"),
                                "traceback": b"Traceback" in body})

    workers = [threading.Thread(target=reader, args=(n,)) for n in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    out.write_text(json.dumps(records))


def database_fault(down_seconds: float, threads: int) -> None:
    if os.geteuid() != 0:
        raise SystemExit("bench/faults.py database runs PostgreSQL as the postgres user: run it as root.")
    tmp = Path(tempfile.mkdtemp(prefix="deepcuts-faults-"))
    tmp.chmod(0o755)
    data = tmp / "pgdata"
    data.mkdir()
    shutil.chown(data, "postgres", "postgres")
    gunicorn = driver = worker = None
    gunicorn_log = (tmp / "gunicorn.log").open("wb")
    try:
        as_postgres(str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        pg_ctl(data, "-o", f"-p {PG_PORT} -k /tmp -c listen_addresses=127.0.0.1",
               "-l", str(data / "server.log"), "-w", "start")
        url = f"postgres://postgres@127.0.0.1:{PG_PORT}/deepcuts"
        fresh_postgres_database(url)
        env = {**os.environ, **PRODUCTION, "DATABASE_URL": url, "DEEPCUTS_STATIC_ROOT": str(tmp / "static"),
               "DEEPCUTS_MEDIA_ROOT": str(tmp / "media"), "DEEPCUTS_CACHE_DIR": str(tmp / "cache")}
        manage(env, "migrate", "--no-input")
        manage(env, "load_demo", "--no-admin")
        manage(env, "collectstatic", "--no-input")
        gunicorn = subprocess.Popen(
            [str(Path(PYTHON).parent / "gunicorn"), "deepcuts.wsgi", "-b", f"127.0.0.1:{GUNICORN_PORT}",
             "-w", "4", "--timeout", "60"],
            cwd=ROOT, env=env, stdout=gunicorn_log, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{GUNICORN_PORT}"
        wait_for(lambda: urlopen_status(base + "/") == 200, 60)
        # A task worker too: it must wait out the outage, not exit.
        worker = subprocess.Popen([PYTHON, "-m", "deepcuts.cli", "worker", "--no-startup-delay"], cwd=ROOT,
                                  env=env, stdout=gunicorn_log, stderr=subprocess.STDOUT)

        out, stop_file = tmp / "answers.json", tmp / "stop"
        driver = subprocess.Popen([PYTHON, __file__, "drive", base, str(out), str(stop_file), str(threads)],
                                  cwd=ROOT)
        marks = {}
        time.sleep(5)
        marks["stop"] = time.time()
        pg_ctl(data, "-m", "fast", "-w", "stop")
        marks["stopped"] = time.time()
        time.sleep(down_seconds)
        marks["start"] = time.time()
        pg_ctl(data, "-o", f"-p {PG_PORT} -k /tmp -c listen_addresses=127.0.0.1",
               "-l", str(data / "server.log"), "-w", "start")
        marks["started"] = time.time()
        time.sleep(10)
        stop_file.touch()
        driver.wait(timeout=120)
        report(json.loads(out.read_text()), marks, down_seconds, threads)
        worker_after_outage(env, worker, tmp)
    finally:
        for process in (driver, gunicorn, worker):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
        if (data / "postmaster.pid").exists():
            pg_ctl(data, "-m", "immediate", "-w", "stop")
        shutil.rmtree(tmp, ignore_errors=True)


def worker_after_outage(env: dict, worker: subprocess.Popen, tmp: Path) -> None:
    """The worker that lived through the outage still runs, and runs what is queued after it."""
    alive = worker.poll() is None
    article = tmp / "after-the-outage.txt"
    article.write_text("After the outage\n\nThe video for \"Back Again\" by Test Pattern was directed by "
                       "Ann Example.\n", encoding="utf-8")
    queued = time.time()
    manage(env, "import_articles", str(article))
    import psycopg

    with psycopg.connect(f"host=127.0.0.1 port={PG_PORT} user=postgres dbname=deepcuts") as db:
        def done():
            row = db.execute("SELECT status FROM imports_importedarticle WHERE source_name LIKE %s",
                             ["%after-the-outage.txt"]).fetchone()
            db.commit()
            return row and row[0] == "done"

        wait_for(done, 120)
    print(f"task worker still running after the outage: {'yes' if alive else 'NO'}; an import queued "
          f"after it was done in {time.time() - queued:.1f} s")


def urlopen_status(url: str):
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return None


def report(records: list[dict], marks: dict, down: float, threads: int) -> None:
    """Answers grouped by when their request started, against what PostgreSQL was doing."""
    phases = {
        "up": (0, marks["stop"]),
        "shutting down (pg_ctl stop -m fast)": (marks["stop"], marks["stopped"]),
        "stopped": (marks["stopped"], marks["start"]),
        "starting (pg_ctl start)": (marks["start"], marks["started"]),
        "up again": (marks["started"], float("inf")),
    }
    print(f"PostgreSQL stopped for {down:.0f} s under {threads} readers ({len(records)} requests)")
    print("| PostgreSQL | seconds | requests | answers by status |")
    print("|---|---:|---:|---|")
    for name, (begin, end) in phases.items():
        rows = [r for r in records if begin <= r["t"] < end]
        counts = ", ".join(f"{k}: {v}" for k, v in sorted(Counter(str(r["status"]) for r in rows).items()))
        seconds = f"{end - begin:.1f}" if end != float("inf") and begin else "-"
        print(f"| {name} | {seconds} | {len(rows)} | {counts} |")
    def answered(r):
        return r["t"] + r["ms"] / 1000 - marks["started"]

    unavailable = [r for r in records if r["status"] == 503]
    good_after = [answered(r) for r in records if r["status"] == 200 and r["t"] >= marks["start"]]
    bad_after = [answered(r) for r in records if r["status"] != 200 and r["t"] >= marks["start"]]
    all_good = all(r["status"] == 200 for r in records if r["t"] >= marks["started"])
    last_bad = max(bad_after, default=float("nan"))
    print(f"relative to the moment PostgreSQL accepted connections again: first 200 answered at "
          f"{min(good_after):+.2f} s, last non-200 answered at {last_bad:+.2f} s; "
          f"every request started after it got 200: {'yes' if all_good else 'NO'}")
    print(f"503 answers without Retry-After: {sum(1 for r in unavailable if not r['retry_after'])}; "
          f"answers showing a traceback: {sum(1 for r in records if r['traceback'])}; "
          f"500s: {sum(1 for r in records if r['status'] == 500)}; "
          f"no answer at all: {sum(1 for r in records if not isinstance(r['status'], int))}")
    if unavailable:
        times = sorted(r["ms"] for r in unavailable)
        print(f"503 answer time: median {times[len(times) // 2]:.0f} ms, slowest {times[-1]:.0f} ms")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "drive":
        drive(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]), int(sys.argv[5]))
        return
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="scenario", required=True)
    worker = sub.add_parser("worker", help="kill -9 the task worker in the middle of a batch import")
    worker.add_argument("--kills", type=int, default=5)
    worker.add_argument("--seed", type=int, default=5)
    database = sub.add_parser("database", help="stop PostgreSQL under load and start it again")
    database.add_argument("--down", type=float, default=15, help="seconds PostgreSQL stays stopped")
    database.add_argument("--readers", type=int, default=8)
    backup = sub.add_parser("backup", help="time deepcuts export and deepcuts restore on a larger catalog")
    backup.add_argument("--people", type=int, default=20000, help="extra people, each with 3 more rows")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    if args.scenario == "worker":
        worker_fault(args.kills, args.seed)
    elif args.scenario == "backup":
        backup_at_size(args.people)
    else:
        database_fault(args.down, args.readers)


if __name__ == "__main__":
    main()
