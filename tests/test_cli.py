import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEEPCUTS = Path(sys.executable).parent / "deepcuts"


def run(*args, **env):
    return subprocess.run([str(DEEPCUTS), *args], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, **env}, timeout=120)


def test_help_lists_every_command():
    result = run("--help")
    assert result.returncode == 0
    for command in ("serve", "demo", "migrate", "createsuperuser", "worker"):
        assert f"  {command} " in result.stdout


@pytest.mark.parametrize("args, message", [
    (["frobnicate"], "unknown command 'frobnicate'"),
    (["manage"], "'manage' needs a command"),
])
def test_mistakes_exit_2_with_one_line(args, message):
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert message in result.stderr and result.stderr.count("\n") == 1


def test_subcommands_reach_django(tmp_path):
    result = run("check", DJANGO_SETTINGS_MODULE="deepcuts.settings.test")
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_worker_is_the_tasks_db_worker():
    result = run("worker", "--help", DJANGO_SETTINGS_MODULE="deepcuts.settings.test")
    assert result.returncode == 0, result.stderr
    assert "--queue-name" in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], capture_output=True, text=True,
        cwd=ROOT, env={**env, "DJANGO_SETTINGS_MODULE": "deepcuts.settings.production"},
        timeout=60)
    assert result.returncode != 0
    assert "Set DJANGO_SECRET_KEY" in result.stderr
