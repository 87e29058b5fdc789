"""Published articles over /api/v1/: only what a reader could see on the site (live and public)."""
from datetime import date

from django.http import Http404
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from wagtail.rich_text import expand_db_html

from api.params import Id
from catalog.api import PersonRef, WorkRef

from .models import ArticlePage, ArticleTag, record_view

router = Router(tags=["articles"])


class ArticleOut(Schema):
    id: int
    title: str
    slug: str
    language: str
    section: str
    date: date
    author: str
    teaser: str
    url: str

    @staticmethod
    def resolve_section(article):
        return article.section.slug

    @staticmethod
    def resolve_url(article, context):
        return article.get_full_url(context["request"]) or article.url


class ArticleDetail(ArticleOut):
    body_html: str = Field(..., description="The article body as HTML, links expanded")
    tags: list[str]
    videos: list[WorkRef]
    people: list[PersonRef]

    @staticmethod
    def resolve_body_html(article):
        return expand_db_html(article.body)

    @staticmethod
    def resolve_tags(article):
        return [tag.name for tag in article.tags.all()]

    @staticmethod
    def resolve_videos(article):
        return list(article.videos.all())

    @staticmethod
    def resolve_people(article):
        return list(article.people.all())


def published():
    return ArticlePage.objects.live().public()


@router.get("/articles", response=list[ArticleOut], summary="Published articles, newest first")
@paginate
def list_articles(request, language: str | None = None, section: str | None = None,
                  tag: str | None = None, video: str | None = None, person: str | None = None):
    qs = published()
    if language:
        qs = qs.filter(language=language)
    if section:
        qs = qs.filter(path__startswith=_section_path(section))
    # Subqueries, not joins: a join would repeat articles and need DISTINCT, and counting
    # 200,000 distinct rows for the page's total took 1.6 s.
    if tag:
        qs = qs.filter(pk__in=ArticleTag.objects.filter(tag__slug=tag).values("content_object_id"))
    if video:
        qs = qs.filter(pk__in=ArticlePage.videos.through.objects.filter(work__slug=video)
                       .values("articlepage_id"))
    if person:
        qs = qs.filter(pk__in=ArticlePage.people.through.objects.filter(person__slug=person)
                       .values("articlepage_id"))
    return qs.order_by("-date", "-pk")


def _section_path(slug: str) -> str:
    from .models import SectionPage

    section = SectionPage.objects.filter(slug=slug).first()
    # An unknown section matches nothing rather than everything.
    return section.path if section else "-"


@router.get("/articles/{article_id}", response={200: ArticleDetail, 404: dict}, summary="One article")
def get_article(request, article_id: Id):
    article = published().filter(pk=article_id).prefetch_related("videos", "people", "tags").first()
    if article is None:
        raise Http404
    return article


class ViewsOut(Schema):
    id: int
    views: int


@router.post("/articles/{article_id}/views", response={200: ViewsOut, 404: dict},
             summary="Count one reading of an article",
             description="Sent once per article by a reader's browser (the article page's script "
                         "remembers which it has counted), because the page itself may come from a "
                         "shared cache. Answers the article's views, this one included.")
def count_view(request, article_id: Id):
    article = published().filter(pk=article_id).first()
    if article is None:
        raise Http404
    return {"id": article.pk, "views": record_view(article)}
