"""Related reading is recomputed in the background (`deepcuts worker`); tests and development
run it inline."""
from django_tasks import task

PERSON_ARTICLES_CAP = 5000


@task()
def refresh_related(article_ids: list[int] | None = None, work_ids: list[int] | None = None,
                    person_ids: list[int] | None = None) -> int:
    """Recompute after articles, works (credits, links, albums) or people (names) changed.

    Changed articles and works spread to their neighbours (fan-out). A renamed person only
    changes the names stored in reasons, so their articles are recomputed without it.
    """
    from .profiles import ArticlePeople, ArticleWorks, rows
    from .refresh import refresh

    ids = set(article_ids or ())
    ids |= set(rows(lambda c: ArticleWorks.objects.filter(work_id__in=c)
                    .values_list("articlepage_id", flat=True), work_ids or ()))
    done = refresh(ids, fan_out=True) if ids else 0
    if person_ids:
        from catalog.models import Credit

        works = rows(lambda c: Credit.objects.filter(person_id__in=c)
                     .values_list("work_id", flat=True), person_ids)
        about = set(rows(lambda c: ArticlePeople.objects.filter(person_id__in=c)
                         .values_list("articlepage_id", flat=True), person_ids))
        about |= set(rows(lambda c: ArticleWorks.objects.filter(work_id__in=c)
                          .values_list("articlepage_id", flat=True), set(works)))
        done += refresh(sorted(about - ids, reverse=True)[:PERSON_ARTICLES_CAP], fan_out=False)
    return done
