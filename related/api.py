"""Related reading over /api/v1/: the stored picks for an article, with why each one is there.

Reasons come as a code with parameters (for programs) and a sentence (for people) in the
language asked for with `lang`, or else the request's language (cookie, Accept-Language).
"""
from datetime import date
from typing import Literal

from django.http import Http404
from django.utils import translation
from ninja import Field, Router, Schema

from api.params import Id

from .profiles import readable_articles
from .reading import Reading, stored_picks
from .reasons import sentence

router = Router(tags=["related"])


class ReasonOut(Schema):
    code: str = Field(..., description="same_work, same_album, linked_work, same_person, "
                                       "shared_tags, similar_text, same_section or pinned")
    params: dict = Field(..., description="Names come in English (`en`) and Russian (`ru`)")
    weight: float = Field(..., description="What this reason added to the score")
    text: str = Field(..., description="The reason as a phrase in the requested language")


class PickOut(Schema):
    id: int
    title: str
    url: str
    language: str
    date: date
    rank: int
    score: float
    pinned: bool = Field(..., description="Chosen by the editors rather than by score")
    reasons: list[ReasonOut]


class RelatedOut(Schema):
    article: int
    read_also: list[PickOut]
    other_materials: list[PickOut]


def pick_out(pick: Reading, request) -> dict:
    article = pick.article
    return {
        "id": article.pk, "title": article.title, "language": article.language,
        "url": request.build_absolute_uri(article.url), "date": article.date,
        "rank": pick.rank, "score": round(pick.score, 3), "pinned": pick.pinned,
        "reasons": [{"code": r.get("code", ""), "params": r.get("params") or {},
                     "weight": r.get("weight", 0.0), "text": sentence(r)} for r in pick.reasons],
    }


@router.get("/articles/{article_id}/related", response={200: RelatedOut, 404: dict},
            summary="Related reading for an article, with reasons")
def article_related(request, article_id: Id, lang: Literal["en", "ru"] | None = None):
    """"Read also" and "Other materials" as the article page shows them, best first."""
    article = readable_articles().filter(pk=article_id).first()
    if article is None:
        raise Http404
    with translation.override(lang or translation.get_language()):
        picks = stored_picks(article.pk)
        return {
            "article": article.pk,
            "read_also": [pick_out(p, request) for p in picks if p.slot == "read_also"],
            "other_materials": [pick_out(p, request) for p in picks if p.slot == "other"],
        }
