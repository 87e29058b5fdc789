"""Reads on a real streaming replica, writes and the writer's next reads on the primary.

bench/replica.py starts its own primary and replica clusters on loopback, whatever database the
rest of the suite uses, so .ci/run runs this once (it is deselected from the PostgreSQL pass).
"""
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.replica


@pytest.fixture(scope="module")
def seen():
    result = subprocess.run([sys.executable, "bench/replica.py", "--json"], cwd=ROOT, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_readers_are_served_by_the_replica(seen):
    for url, counts in seen["pages"].items():
        assert counts["status"] == 200, url
        assert counts["replica_queries"] > 0 and counts["primary_queries"] == 0, (url, counts)


def test_a_write_goes_to_the_primary_and_pins_the_writer(seen):
    write = seen["write"]
    assert write["status"] == 200
    assert write["replica_queries"] == 0 and write["primary_queries"] > 0
    assert write["pin_cookie"]


def test_the_writer_never_reads_a_stale_copy(seen):
    # The replica's replay was paused after the write, so only the primary had "NZ".
    assert seen["writer_reads_own_write"] == "NZ"
    assert seen["other_reader_while_replica_paused"] != "NZ"
    assert seen["other_reader_after_replay"] == "NZ"
