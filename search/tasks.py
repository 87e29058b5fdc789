"""Index updates run in the background (`deepcuts worker`); tests and development run them inline."""
from django_tasks import task


@task()
def update_search_index(refs: list[str]) -> int:
    """Rewrite the search entries of these records (see search.indexing.update)."""
    from .indexing import update

    return update(refs)
