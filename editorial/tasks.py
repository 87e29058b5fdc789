"""Background work for the editorial side, run by `deepcuts worker` in production."""
from django_tasks import task

from . import snapshots
from .models import ArticleNotice, ArticlePage, LegalNotice
from .signals import snapshot_changes


def match_notices(article: ArticlePage, notices) -> bool:
    """Link the article to the notices its text matches; True if its links changed (its page
    shows them from its snapshot, which must then be built again)."""
    text = article.plain_text()
    wanted = {n.pk for n in notices if n.matches(text)}
    have = set(article.notice_links.values_list("notice_id", flat=True))
    if wanted == have:
        return False
    article.notice_links.filter(notice_id__in=have - wanted).delete()
    ArticleNotice.objects.bulk_create(
        [ArticleNotice(article=article, notice_id=pk) for pk in wanted - have],
        ignore_conflicts=True,
    )
    return True


@task()
def refresh_article_notices(article_id: int) -> None:
    """Re-match one article after it is published."""
    article = ArticlePage.objects.filter(pk=article_id).first()
    if article is not None and match_notices(article, list(LegalNotice.objects.all())):
        snapshot_changes.note(articles=[article.pk])


@task()
def refresh_all_notices() -> None:
    """Re-match every live article after a notice rule changes."""
    notices = list(LegalNotice.objects.all())
    changed = [article.pk for article in ArticlePage.objects.live().iterator(chunk_size=500)
               if match_notices(article, notices)]
    snapshot_changes.note(articles=changed)  # one rebuild for them all


@task()
def store_snapshots(article_ids: list[int]) -> int:
    """Build the snapshots of these articles after what they show changed (see signals)."""
    return snapshots.store(article_ids)
