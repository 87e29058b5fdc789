"""RSS and Atom feeds: everything, per section, per tag and per language.

/feeds/all.rss · /feeds/section/<slug>.atom · /feeds/tag/<slug>.rss · /feeds/lang/ru.atom
"""
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.feedgenerator import Atom1Feed
from taggit.models import Tag

from .models import ArticlePage, Language, SectionPage

ITEMS = 30


class ArticleFeed(Feed):
    """Newest published articles; subclasses narrow them down."""

    title = "Deep Cuts"
    description = "Music videos: who made them, what they quote, and what we think of them."

    def link(self, obj=None):
        return "/"

    def articles(self, obj):
        return ArticlePage.objects.live().public()

    def items(self, obj=None):
        # Each item lists its tags: read for all of them in one query, not one per item.
        return self.articles(obj).prefetch_related("tags").order_by("-date", "-pk")[:ITEMS]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.teaser

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return item.first_published_at

    def item_author_name(self, item):
        return item.author or None

    def item_categories(self, item):
        return [tag.name for tag in item.tags.all()]


class SectionFeed(ArticleFeed):
    def get_object(self, request, slug):
        section = SectionPage.objects.live().filter(slug=slug).first()
        if section is None:
            raise Http404("No such section")
        return section

    def title(self, obj):
        return f"Deep Cuts — {obj.title}"

    def link(self, obj=None):
        return obj.url

    def articles(self, obj):
        return ArticlePage.objects.live().public().child_of(obj)


class TagFeed(ArticleFeed):
    def get_object(self, request, slug):
        tag = Tag.objects.filter(slug=slug).first()
        if tag is None:
            raise Http404("No such tag")
        return tag

    def title(self, obj):
        return f"Deep Cuts — #{obj.name}"

    def link(self, obj=None):
        return f"/tags/{obj.slug}/"

    def articles(self, obj):
        return ArticlePage.objects.live().public().filter(tags=obj)


class LanguageFeed(ArticleFeed):
    def get_object(self, request, code):
        if code not in Language.values:
            raise Http404("No such language")
        return code

    def title(self, obj):
        return f"Deep Cuts ({obj})"

    def articles(self, obj):
        return ArticlePage.objects.live().public().filter(language=obj)


def atom(feed_class):
    return type(f"Atom{feed_class.__name__}", (feed_class,), {"feed_type": Atom1Feed,
                                                               "subtitle": feed_class.description})
