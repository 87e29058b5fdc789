"""`deepcuts worker`: django-tasks-db's worker, plus recovery from workers that died.

The worker loop is django-tasks-db's own (`db_worker`, same options). Around it: a heartbeat so
other workers can tell this one is alive, a reclaim on start (a worker restarted after kill -9
runs its predecessor's task again at once), and a wait-and-resume when the database goes away,
instead of exiting. See backups.recovery for the rules.
"""
import logging
import time

from django.core.management.base import CommandError
from django.db import InterfaceError, OperationalError, connections
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorkerCommand

from deepcuts.middleware import database_unreachable, first_line

from ... import recovery

logger = logging.getLogger("backups.recovery")

# Pauses between reconnection attempts double up to this, so a worker is back within seconds of
# the database without hammering it while it is down.
MAX_OUTAGE_PAUSE_SECONDS = 10
# An attempt that ran this long ended a stretch of good health: the next failure is a new outage.
HEALTHY_AFTER_SECONDS = 60


class Command(DatabaseWorkerCommand):
    help = ("Run background tasks (imports, video analysis, indexing) as they are queued; tasks left "
            "running by a worker that died are run again.")

    def add_arguments(self, parser):
        super().add_arguments(parser)
        # Each start gets its own id (host, pid, random), not one fixed when the module loaded.
        parser.set_defaults(worker_id=None, reload=False)

    def handle(self, *args, worker_id=None, reload=False, verbosity=1, **options):
        if reload:
            raise CommandError("The worker does not reload itself on code changes; restart it instead.",
                               returncode=2)
        self.configure_logging(verbosity)
        if not logger.hasHandlers():
            logger.addHandler(logging.StreamHandler(self.stderr))
        worker_id = worker_id or recovery.new_worker_id()
        failures_in_a_row = 0
        lost_connection = False
        heartbeat = None
        try:
            while True:
                attempt_started = time.monotonic()
                try:
                    if heartbeat is None:
                        recovery.beat(worker_id)
                        recovery.reclaim_orphaned_tasks(worker_id)
                        heartbeat = recovery.Heartbeat(worker_id)
                        heartbeat.start()
                    if lost_connection:
                        recovery.release_own_tasks(worker_id)
                        lost_connection = False
                    return super().handle(*args, worker_id=worker_id, reload=False, verbosity=verbosity,
                                          **options)
                except (OperationalError, InterfaceError) as exc:
                    if not database_unreachable(exc):
                        raise
                    lost_connection = True
                    if time.monotonic() - attempt_started > HEALTHY_AFTER_SECONDS:
                        failures_in_a_row = 0
                    failures_in_a_row += 1
                    pause = min(2 ** (failures_in_a_row - 1), MAX_OUTAGE_PAUSE_SECONDS)
                    logger.warning("The database is unreachable (%s); worker %s tries again in %d s.",
                                   first_line(exc), worker_id, pause)
                    connections.close_all()
                    time.sleep(pause)
        finally:
            if heartbeat is not None:
                heartbeat.stop()
            try:
                recovery.retire(worker_id)
            except (OperationalError, InterfaceError):
                pass  # the database is down; the heartbeat goes stale and is dropped later
