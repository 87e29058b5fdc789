"""Related reading for an article.

This first version is simple on purpose: articles that share works, people or tags, most shared
first, then newest. "Other materials" fills in with the newest pieces from the same section.
"""
from collections import Counter

from .models import ArticlePage, ArticleTag

READ_ALSO_COUNT = 4
OTHER_MATERIALS_COUNT = 4


def related_by_entities(article: ArticlePage, limit: int) -> list[ArticlePage]:
    """Articles sharing works, people or tags with `article`: most shared first, then newest.

    Scores are counted from the link tables and the pages fetched by id, which keeps the query
    away from DISTINCT/GROUP BY over whole page rows (slow on PostgreSQL).
    """
    Videos = ArticlePage.videos.through
    People = ArticlePage.people.through
    scores: Counter[int] = Counter()
    links = [
        Videos.objects.filter(work_id__in=Videos.objects.filter(articlepage_id=article.pk)
                              .values("work_id")).values_list("articlepage_id", flat=True),
        People.objects.filter(person_id__in=People.objects.filter(articlepage_id=article.pk)
                              .values("person_id")).values_list("articlepage_id", flat=True),
        ArticleTag.objects.filter(tag_id__in=ArticleTag.objects.filter(content_object_id=article.pk)
                                  .values("tag_id")).values_list("content_object_id", flat=True),
    ]
    for ids in links:
        scores.update(ids)
    scores.pop(article.pk, None)
    candidates = ArticlePage.objects.live().public().filter(pk__in=scores).select_related("stats")
    ranked = sorted(candidates, key=lambda a: (-scores[a.pk], -a.date.toordinal(), -a.pk))
    return ranked[:limit]


def read_also(article: ArticlePage) -> list[ArticlePage]:
    return related_by_entities(article, READ_ALSO_COUNT)


def other_materials(article: ArticlePage, exclude=()) -> list[ArticlePage]:
    skip = [article.pk, *(a.pk for a in exclude)]
    return list(ArticlePage.objects.live().public().sibling_of(article).exclude(pk__in=skip)
                .select_related("stats").order_by("-date", "-pk")[:OTHER_MATERIALS_COUNT])
