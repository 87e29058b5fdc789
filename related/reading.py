"""What an article page and the API show: the stored picks, read in one query.

Nothing here computes related reading (that happens in `refresh`, in the background); a pick
whose target has since been unpublished is skipped until the recompute drops it.
"""
from dataclasses import dataclass

from .models import RelatedPick
from .reasons import shown


@dataclass
class Reading:
    article: object          # editorial.ArticlePage
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
    picks = (RelatedPick.objects.filter(article_id=article_id, target__live=True)
             .select_related("target", "target__stats")
             # A card shows the title, date, teaser and views: the bodies stay in the database.
             .defer("target__body", "target__search_description", "target__seo_title")
             .order_by("rank"))
    return [Reading(p.target, p.slot, p.rank, p.score, p.pinned, p.reasons) for p in picks]


def related_reading(article) -> dict[str, list[Reading]]:
    """{"read_also": [...], "other_materials": [...]}, each in rank order."""
    picks = stored_picks(article.pk)
    return {
        "read_also": [p for p in picks if p.slot == RelatedPick.Slot.READ_ALSO],
        "other_materials": [p for p in picks if p.slot == RelatedPick.Slot.OTHER],
    }
