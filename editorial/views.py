from django.shortcuts import get_object_or_404, render
from taggit.models import Tag

from .models import ArticlePage, newest_first_page


def tag_detail(request, slug):
    tag = get_object_or_404(Tag, slug=slug)
    articles = newest_first_page(ArticlePage.objects.live().public().filter(tags=tag), request)
    return render(request, "editorial/tag_detail.html", {"tag": tag, "articles": articles})
