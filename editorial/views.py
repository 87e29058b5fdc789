from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from .models import ArticlePage


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = (ArticlePage.objects.live().public().filter(tags=tag)
                .select_related("stats").order_by("-date", "-pk"))
    return render(request, "editorial/tag_detail.html", {"tag": tag, "articles": articles})
