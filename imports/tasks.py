"""Imports run as background tasks (`deepcuts worker`); tests and development run them inline."""
from django_tasks import task


@task()
def process_import(imported_id: int) -> None:
    """A failure is recorded on the import (and the task result) so it can be retried with
    `deepcuts import --retry`; nothing half-done is kept (see importing.process)."""
    from .importing import process
    from .models import ImportedArticle

    try:
        process(imported_id)
    except Exception as exc:
        ImportedArticle.objects.filter(pk=imported_id).update(
            status=ImportedArticle.Status.FAILED, error=f"{type(exc).__name__}: {exc}"[:2000])
        raise
