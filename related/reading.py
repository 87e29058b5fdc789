"""What an article page and the API show: the stored picks, read in one query.

Nothing here computes related reading (that happens in `refresh`, in the background); a pick
whose target has since been unpublished is skipped until the recompute drops it.
"""
from dataclasses import dataclass

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


def stored_picks(article_id: int) -> list[Reading]:
    rows = (RelatedPick.objects.filter(article_id=article_id, target__live=True).order_by("rank")
            .values_list("slot", "rank", "score", "pinned", "reasons", *cards.fields("target__")))
    urls = cards.PageUrls()
    picks = [(cards.card(row[5:], urls), row) for row in rows]
    return [Reading(target, slot, rank, score, pinned, reasons)
            for target, (slot, rank, score, pinned, reasons, *_) in picks if target is not None]


def related_reading(article) -> dict[str, list[Reading]]:
    """{"read_also": [...], "other_materials": [...]}, each in rank order."""
    picks = stored_picks(article.pk)
    return {
        "read_also": [p for p in picks if p.slot == RelatedPick.Slot.READ_ALSO],
        "other_materials": [p for p in picks if p.slot == RelatedPick.Slot.OTHER],
    }
