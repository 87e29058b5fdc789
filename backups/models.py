"""Which task workers are alive, so the tasks of one that died can be handed to another.

django-tasks-db marks a task RUNNING when a worker claims it and only changes that when the task
ends; a worker killed in between (kill -9, out of memory, a lost machine) leaves the task RUNNING
for ever, and nothing ever runs it. Each `deepcuts worker` therefore keeps a heartbeat row here,
and any worker hands back the tasks of workers whose heartbeat stopped (see `backups.recovery`).
"""
from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    # The id django-tasks-db records in DBTaskResult.worker_ids when this worker claims a task.
    worker_id = models.CharField(_("worker"), max_length=64, primary_key=True)
    hostname = models.CharField(_("host"), max_length=255)
    # With the host: lets a worker on the same machine see at once that this one is gone.
    pid = models.PositiveIntegerField(_("process id"))
    started_at = models.DateTimeField(_("started at"))
    # The database's clock, not the worker's, so machines with skewed clocks agree on staleness.
    seen_at = models.DateTimeField(_("last seen at"), db_index=True)

    class Meta:
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self):
        return f"{self.worker_id} ({self.hostname}, pid {self.pid})"
