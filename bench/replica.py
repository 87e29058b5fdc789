"""Deep Cuts against a real PostgreSQL primary and streaming replica, both started here.

    .venv/bin/python bench/replica.py          # prints what it saw
    .venv/bin/python bench/replica.py --json   # the same as JSON (tests/test_replica.py reads it)

Two throwaway clusters are made under a temporary directory on loopback ports (the machine's own
server on 5432 is left alone): a primary, and a replica cloned with pg_basebackup and following it
by streaming replication. The site runs with DATABASE_URL on the primary and DATABASE_REPLICA_URLS
on the replica and shows, by counting queries per connection and by pausing the replica's replay:

- pages and API reads by a reader are served by the replica;
- a write goes to the primary, and the writer's next read (the pin cookie) does too, so it sees
  its own change even while the replica is behind;
- another reader on the paused replica still sees the old value (the lag is real), and sees the
  new one once replay resumes.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PRIMARY_PORT, REPLICA_PORT = 5441, 5442


def pg_bin(name: str) -> str:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if not found:
        sys.exit(f"{name} was not found under /usr/lib/postgresql; install PostgreSQL's server package.")
    return str(found[-1])


def as_postgres(*command: str) -> None:
    """Run a server command as the postgres user (PostgreSQL refuses to run as root)."""
    prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run([*prefix, *command], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


class Clusters:
    def __init__(self):
        self.dir = Path(tempfile.mkdtemp(prefix="deepcuts-replica-"))
        if os.geteuid() == 0:
            shutil.chown(self.dir, "postgres", "postgres")
        self.primary, self.replica = self.dir / "primary", self.dir / "replica"

    def start(self):
        as_postgres(pg_bin("initdb"), "-D", str(self.primary), "-U", "postgres", "--auth=trust")
        with open(self.primary / "postgresql.conf", "a") as conf:
            conf.write(f"port = {PRIMARY_PORT}\nlisten_addresses = '127.0.0.1'\n"
                       f"unix_socket_directories = '{self.dir}'\nwal_level = replica\n"
                       "max_wal_senders = 4\nfsync = off\n")
        with open(self.primary / "pg_hba.conf", "a") as hba:
            hba.write("host replication all 127.0.0.1/32 trust\n")
        self.pg_ctl(self.primary, "start")
        as_postgres(pg_bin("pg_basebackup"), "-h", "127.0.0.1", "-p", str(PRIMARY_PORT), "-U", "postgres",
                    "-D", str(self.replica), "-R", "-X", "stream")
        with open(self.replica / "postgresql.auto.conf", "a") as conf:
            conf.write(f"port = {REPLICA_PORT}\n")
        self.pg_ctl(self.replica, "start")

    def pg_ctl(self, data: Path, action: str):
        as_postgres(pg_bin("pg_ctl"), "-D", str(data), "-l", str(data.parent / f"{data.name}.log"),
                    "-w", action, *(["-m", "fast"] if action == "stop" else []))

    def stop(self):
        for data in (self.replica, self.primary):
            if (data / "postmaster.pid").exists():
                self.pg_ctl(data, "stop")
        shutil.rmtree(self.dir, ignore_errors=True)


def sql(port: int, query: str, dbname: str = "postgres"):
    import psycopg

    with psycopg.connect(host="127.0.0.1", port=port, user="postgres", dbname=dbname,
                         autocommit=True) as conn:
        cursor = conn.execute(query)
        return cursor.fetchone() if cursor.description else None


def wait_for_replica(timeout: float = 30) -> None:
    target = sql(PRIMARY_PORT, "SELECT pg_current_wal_lsn()::text")[0]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        caught_up = sql(REPLICA_PORT, f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn")[0]
        if caught_up:
            return
        time.sleep(0.05)
    raise SystemExit("The replica did not catch up within 30 s; see its log.")


def run_site_checks() -> dict:
    os.environ["DATABASE_URL"] = f"postgres://postgres@127.0.0.1:{PRIMARY_PORT}/deepcuts"
    os.environ["DATABASE_REPLICA_URLS"] = f"postgres://postgres@127.0.0.1:{REPLICA_PORT}/deepcuts"
    os.environ["DJANGO_SETTINGS_MODULE"] = "deepcuts.settings.test"
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.db import connections
    from django.test import Client
    from django.test.utils import setup_test_environment
    from wagtail.models import APIToken

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_demo", "--no-admin", stdout=open(os.devnull, "w"))
    editor = User.objects.create_superuser("replica-editor", "e@example.org", "x")
    _, token = APIToken.create_token(user=editor, name="replica check")
    wait_for_replica()

    counts = {"default": 0, "replica0": 0}

    def counter(alias):
        def count(execute, sql_text, params, many, context):
            counts[alias] += 1
            return execute(sql_text, params, many, context)
        return count

    for alias in counts:
        connections[alias].execute_wrappers.append(counter(alias))

    reader = Client()
    result = {"pages": {}}
    for url in ["/videos/rm-come-back-to-me/", "/people/lee-sung-jin/", "/api/v1/videos",
                "/api/v1/people/dan-streit"]:
        before = dict(counts)
        status = reader.get(url).status_code
        result["pages"][url] = {"status": status, "primary_queries": counts["default"] - before["default"],
                                "replica_queries": counts["replica0"] - before["replica0"]}

    sql(REPLICA_PORT, "SELECT pg_wal_replay_pause()")
    writer = Client()
    auth = {"Authorization": f"Bearer {token}"}
    before = dict(counts)
    patched = writer.patch("/api/v1/people/dan-streit", data='{"country": "NZ"}',
                           content_type="application/json", headers=auth)
    result["write"] = {"status": patched.status_code, "pin_cookie": "dc_primary" in patched.cookies,
                       "primary_queries": counts["default"] - before["default"],
                       "replica_queries": counts["replica0"] - before["replica0"]}
    result["writer_reads_own_write"] = writer.get("/api/v1/people/dan-streit").json()["country"]
    result["other_reader_while_replica_paused"] = reader.get("/api/v1/people/dan-streit").json()["country"]
    sql(REPLICA_PORT, "SELECT pg_wal_replay_resume()")
    wait_for_replica()
    result["other_reader_after_replay"] = reader.get("/api/v1/people/dan-streit").json()["country"]
    for alias in counts:
        connections[alias].close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description="Check reads on a replica and writes on the primary.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    clusters = Clusters()
    try:
        clusters.start()
        sql(PRIMARY_PORT, "CREATE DATABASE deepcuts")
        result = run_site_checks()
    finally:
        clusters.stop()
    if args.json:
        print(json.dumps(result))
        return
    print("| request | status | primary queries | replica queries |\n|---|---:|---:|---:|")
    for url, seen in result["pages"].items():
        print(f"| GET {url} | {seen['status']} | {seen['primary_queries']} | {seen['replica_queries']} |")
    write = result["write"]
    print(f"| PATCH person (token) | {write['status']} | {write['primary_queries']} "
          f"| {write['replica_queries']} |")
    print(f"\nreplica replay paused: the writer reads {result['writer_reads_own_write']!r} "
          f"(primary, pinned); another reader reads {result['other_reader_while_replica_paused']!r} "
          f"(replica, behind); after replay resumes: {result['other_reader_after_replay']!r}")


if __name__ == "__main__":
    main()
