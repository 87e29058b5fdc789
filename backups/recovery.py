"""Tasks left RUNNING by a worker that died are queued again (or, after repeated deaths, failed).

django-tasks-db 0.13 claims a task by setting it RUNNING with the worker's id appended to
`worker_ids`, and only a worker that finishes the task changes that again. A worker killed in
between (kill -9, out of memory, a host lost) leaves the task RUNNING for ever: no worker picks
up a RUNNING task, and nothing notices the worker is gone (upstream django-tasks issue #46).

Every `deepcuts worker` writes a heartbeat (backups.models.WorkerHeartbeat) every few seconds
and, on start and then periodically, looks for RUNNING tasks whose worker is not alive:
- alive means a heartbeat seen in the last STALE_AFTER_SECONDS by the database's clock, unless
  the heartbeat names this machine and a process that no longer exists (then it is dead at once,
  which makes restarting a killed worker recover its task immediately);
- such a task goes back to READY, so the next free worker runs it again from the start. Our
  tasks are written to be safe to run twice (an import works in one transaction and skips a
  finished import; the others recompute derived data), so "at least once" is enough;
- a task whose workers died MAX_ATTEMPTS times is marked FAILED instead: it is probably what
  kills them (a video too large for memory), and running it again would only kill the next one.

Reclaiming is safe to run twice, or by several workers at once: each task is handed back with a
compare-and-set on its claim time, so one claimed again meanwhile is left alone.
"""
import logging
import os
import socket
import threading
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import DatabaseError, close_old_connections, connection
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import WorkerHeartbeat

logger = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 5
# Twelve missed heartbeats. Longer than any pause a live worker makes (an SQLite writer waits
# at most its 20 s busy timeout), short enough that a lost machine's task restarts within minutes.
STALE_AFTER_SECONDS = 60
RECLAIM_EVERY_SECONDS = 30
MAX_ATTEMPTS = 3


class WorkerLost(Exception):
    """Recorded as the error of a task given up after its workers died MAX_ATTEMPTS times."""


WORKER_LOST = f"{WorkerLost.__module__}.{WorkerLost.__qualname__}"


@dataclass
class Reclaimed:
    requeued: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


def new_worker_id() -> str:
    """Readable in the task list (which machine, which process) and unique across restarts."""
    return f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(8)}"


def beat(worker_id: str) -> None:
    """Record that this worker is alive, registering it on the first call."""
    if WorkerHeartbeat.objects.filter(pk=worker_id).update(seen_at=Now()):
        return
    WorkerHeartbeat.objects.create(worker_id=worker_id, hostname=socket.gethostname(), pid=os.getpid(),
                                   started_at=timezone.now(), seen_at=Now())


def retire(worker_id: str) -> None:
    """A worker that stops cleanly has finished its task (django-tasks-db waits for it)."""
    WorkerHeartbeat.objects.filter(pk=worker_id).delete()


def process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's process: it exists
        return True
    return True


def gone_from_this_host(heartbeat: WorkerHeartbeat, own_worker_id: str | None) -> bool:
    """A worker on this machine whose process has ended, or whose pid is now ours (a container
    restarted with the same pid) — dead without waiting for its heartbeat to go stale."""
    if heartbeat.hostname != socket.gethostname() or heartbeat.worker_id == own_worker_id:
        return False
    return heartbeat.pid == os.getpid() or not process_exists(heartbeat.pid)


def live_workers(own_worker_id: str | None = None) -> set[str]:
    fresh = WorkerHeartbeat.objects.filter(seen_at__gte=Now() - timedelta(seconds=STALE_AFTER_SECONDS))
    return {hb.worker_id for hb in fresh if not gone_from_this_host(hb, own_worker_id)}


def hand_back(task: DBTaskResult, reason: str) -> str | None:
    """Queue the task again, or fail it after MAX_ATTEMPTS claims; None if it moved meanwhile."""
    still_claimed = DBTaskResult.objects.filter(pk=task.pk, status=TaskResultStatus.RUNNING,
                                                started_at=task.started_at)
    attempts = len(task.worker_ids)
    if attempts >= MAX_ATTEMPTS:
        message = (f"{WORKER_LOST}: the worker running this task stopped without finishing it "
                   f"{attempts} times ({reason}); it is not run again automatically, because it may "
                   f"be what stops the workers. Queue it again once the cause is fixed.\n")
        changed = still_claimed.update(status=TaskResultStatus.FAILED, finished_at=Now(),
                                       exception_class_path=WORKER_LOST, traceback=message,
                                       return_value=None)
        outcome = "failed"
    else:
        changed = still_claimed.update(status=TaskResultStatus.READY)
        outcome = "requeued"
    if changed:
        logger.warning("Task %s (%s) was left running by worker %s (%s); %s after %d attempt(s).",
                       task.pk, task.task_path, task.worker_ids[-1] if task.worker_ids else "?",
                       reason, outcome, attempts)
        return outcome
    return None


def reclaim_orphaned_tasks(own_worker_id: str | None = None) -> Reclaimed:
    """Hand back every RUNNING task whose worker is not alive. Returns the task ids it moved."""
    # Tasks first, then the living: a worker registers before it claims anything, so any task
    # read here was claimed by a worker that the heartbeat read below already knows about.
    running = list(DBTaskResult.objects.running().only("id", "task_path", "worker_ids", "started_at"))
    if not running:
        return Reclaimed()
    alive = live_workers(own_worker_id)
    result = Reclaimed()
    for task in running:
        owner = task.worker_ids[-1] if task.worker_ids else None
        if owner in alive or (own_worker_id is not None and owner == own_worker_id):
            continue
        outcome = hand_back(task, "its worker stopped")
        if outcome:
            getattr(result, outcome).append(str(task.pk))
    forget_dead_workers(own_worker_id)
    return result


def release_own_tasks(worker_id: str) -> Reclaimed:
    """After the worker loop itself failed (the database went away mid-task), the task it was
    running is not running any more, though the database still says so."""
    result = Reclaimed()
    for task in DBTaskResult.objects.running().only("id", "task_path", "worker_ids", "started_at"):
        if task.worker_ids and task.worker_ids[-1] == worker_id:
            outcome = hand_back(task, "the database connection was lost while it ran")
            if outcome:
                getattr(result, outcome).append(str(task.pk))
    return result


def forget_dead_workers(own_worker_id: str | None) -> None:
    """Drop heartbeats that are stale now (by the database's clock, so a worker that registered
    a moment ago is never dropped) or whose process is gone from this machine."""
    WorkerHeartbeat.objects.filter(seen_at__lt=Now() - timedelta(seconds=STALE_AFTER_SECONDS)).delete()
    gone = [hb.pk for hb in WorkerHeartbeat.objects.all() if gone_from_this_host(hb, own_worker_id)]
    WorkerHeartbeat.objects.filter(pk__in=gone).delete()


class Heartbeat(threading.Thread):
    """Beats every HEARTBEAT_SECONDS and reclaims every RECLAIM_EVERY_SECONDS, beside the worker
    loop (which may be busy in one task for minutes). Database errors are logged and retried:
    the worker must not die because the database blinked."""

    def __init__(self, worker_id: str):
        super().__init__(name=f"heartbeat {worker_id}", daemon=True)
        self.worker_id = worker_id
        self.stopping = threading.Event()

    def run(self) -> None:
        since_reclaim = 0.0
        try:
            while not self.stopping.wait(HEARTBEAT_SECONDS):
                since_reclaim += HEARTBEAT_SECONDS
                try:
                    close_old_connections()
                    beat(self.worker_id)
                    if since_reclaim >= RECLAIM_EVERY_SECONDS:
                        since_reclaim = 0.0
                        reclaim_orphaned_tasks(self.worker_id)
                except DatabaseError as exc:
                    logger.warning("Worker %s could not record its heartbeat: %s", self.worker_id, exc)
                    connection.close()
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopping.set()
        self.join(timeout=HEARTBEAT_SECONDS * 2)
