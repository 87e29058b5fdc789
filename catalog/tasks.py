"""Background work for the catalog, run by `deepcuts worker` in production."""
from django_tasks import task

from . import snapshots


@task()
def store_video_snapshots(work_ids: list[int]) -> int:
    """Build the snapshots of these music videos after what they show changed (see signals)."""
    return snapshots.store(work_ids)


@task()
def store_person_snapshots(person_ids: list[int]) -> int:
    """Build the snapshots of these people's pages after what they show changed (see signals)."""
    return snapshots.store_people(person_ids)
