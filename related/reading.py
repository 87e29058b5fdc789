"""What an article page and the API show: the stored picks, read in one query.

Nothing here computes related reading (that happens in `refresh`, in the background); a pick
whose target has since been unpublished is skipped until the recompute drops it.
"""
from dataclasses import dataclass

from deepcuts.compiled import CompiledQuery
from editorial import cards

from .models import RelatedPick
from .reasons import shown


@dataclass
class Reading:
    article: cards.ArticleCard
    slot: str
    rank: int
    score: float
    pinned: bool
    reasons: list[dict]      # stored form: code, weight, params

    @property
    def why(self) -> list[str]:
        """The card's "why", in the active language."""
        return shown(self.reasons)


def _picks_of(article_id: int):
    return (RelatedPick.objects.filter(article_id=article_id, target__live=True).order_by("rank")
            .values_list("slot", "rank", "score", "pinned", "reasons", *cards.fields("target__")))


# Read on every article served: compiled once, not per request.
picks_of = CompiledQuery(_picks_of, values={"article_id": int})


def stored_picks(article_id: int) -> list[Reading]:
    urls, picks = cards.PageUrls(), []
    for slot, rank, score, pinned, reasons, *target in picks_of(article_id=article_id):
        article = cards.card(target, urls)
        if article is not None:  # a page on no site has no link to show
            picks.append(Reading(article, slot, rank, score, pinned, reasons))
    return picks


def related_reading(article) -> dict[str, list[Reading]]:
    """{"read_also": [...], "other_materials": [...]}, each in rank order."""
    picks = stored_picks(article.pk)
    return {
        "read_also": [p for p in picks if p.slot == RelatedPick.Slot.READ_ALSO],
        "other_materials": [p for p in picks if p.slot == RelatedPick.Slot.OTHER],
    }
