"""Related reading for an article.

This first version is simple on purpose: articles that share works, people or tags, most shared
first, then newest. "Other materials" fills in with the newest pieces from the same section.
"""
from django.db.models import Count, Q

from .models import ArticlePage

READ_ALSO_COUNT = 4
OTHER_MATERIALS_COUNT = 4


def related_by_entities(article: ArticlePage):
    """Articles sharing works, people or tags with `article`, most shared first, then newest."""
    work_ids = list(article.videos.values_list("pk", flat=True))
    person_ids = list(article.people.values_list("pk", flat=True))
    tag_ids = list(article.tags.values_list("pk", flat=True))
    shared = (Q(videos__in=work_ids) | Q(people__in=person_ids)
              | Q(tagged_items__tag_id__in=tag_ids))
    return (ArticlePage.objects.live().public().exclude(pk=article.pk).filter(shared)
            .annotate(shared=Count("pk")).select_related("stats")
            .order_by("-shared", "-date", "-pk"))


def read_also(article: ArticlePage) -> list[ArticlePage]:
    return list(related_by_entities(article)[:READ_ALSO_COUNT])


def other_materials(article: ArticlePage, exclude=()) -> list[ArticlePage]:
    skip = [article.pk, *(a.pk for a in exclude)]
    return list(ArticlePage.objects.live().public().sibling_of(article).exclude(pk__in=skip)
                .select_related("stats").order_by("-date", "-pk")[:OTHER_MATERIALS_COUNT])
