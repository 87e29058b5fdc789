"""Production runs background tasks through the database backend and `deepcuts worker`."""
from django.core.management import call_command
from django.test import override_settings

from editorial.models import ArticleNotice, LegalNotice

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def test_a_queued_task_waits_for_the_worker_and_then_runs(committed_demo):
    from django_tasks_db.models import DBTaskResult

    with override_settings(TASKS=DATABASE_TASKS):
        rule = LegalNotice.objects.create(name="Queued", words="Лубянк*", text="Queued.")
        # (Notes left by earlier tests' rolled-back transactions may ride along: see after_commit.)
        refresh = "editorial.tasks.refresh_all_notices"
        assert DBTaskResult.objects.filter(status="READY", task_path=refresh).count() == 1
        assert not ArticleNotice.objects.filter(notice=rule).exists()

        call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)

        # The matching, then the snapshot of the article it matched, so the page shows it.
        done = list(DBTaskResult.objects.filter(status="SUCCESSFUL").values_list("task_path", flat=True))
        assert done.count(refresh) == 1 and "editorial.tasks.store_snapshots" in done
        assert not DBTaskResult.objects.exclude(status="SUCCESSFUL").exists()
        assert ArticleNotice.objects.filter(notice=rule).count() == 1
