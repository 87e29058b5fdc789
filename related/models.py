"""Related reading, stored: each article's picks with their reasons, its text embedding, and the
editors' pins and exclusions.

Picks are worked out when articles or the catalog change (see `refresh`), so an article page
only reads rows. Reasons are stored as codes with parameters, not sentences, so each reader
sees them in their own language (see `reasons`).
"""
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable


class ArticleEmbedding(models.Model):
    """The article's text as a sentence-encoder vector (float16 bytes: 1 KB for 512 numbers).

    `text_hash` lets a republish that leaves the text alone skip the encoder; `live` is cleared
    on unpublish so the in-process index (see `vectors`) stops offering the article.
    """

    article = models.OneToOneField("editorial.ArticlePage", on_delete=models.CASCADE,
                                   primary_key=True, related_name="embedding")
    vector = models.BinaryField()
    text_hash = models.CharField(max_length=40)
    live = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("article embedding")

    def __str__(self):
        return f"embedding of {self.article_id}"


class RelatedPick(models.Model):
    """One article recommended under another, with its rank, score and why."""

    class Slot(models.TextChoices):
        READ_ALSO = "read_also", _("Read also")
        OTHER = "other", _("Other materials")

    article = models.ForeignKey("editorial.ArticlePage", on_delete=models.CASCADE,
                                related_name="related_picks")
    target = models.ForeignKey("editorial.ArticlePage", on_delete=models.CASCADE,
                               related_name="picked_by")
    slot = models.CharField(max_length=10, choices=Slot.choices)
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    pinned = models.BooleanField(default=False)
    # [{"code": "same_person", "weight": 2.9, "params": {...}}, ...], strongest first.
    reasons = models.JSONField(default=list)
    computed_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["article", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["article", "target"], name="related_pick_unique"),
        ]
        indexes = [models.Index(fields=["article", "rank"], name="related_pick_order")]
        verbose_name = _("related pick")

    def __str__(self):
        return f"{self.article_id} → {self.target_id} ({self.slot} #{self.rank})"


class RelatedChoice(Orderable):
    """An editor's say over one article's related reading: always show a piece, or never."""

    class Action(models.TextChoices):
        PIN = "pin", _("Always show (pin)")
        EXCLUDE = "exclude", _("Never show")

    article = ParentalKey("editorial.ArticlePage", on_delete=models.CASCADE,
                          related_name="related_choices")
    target = models.ForeignKey("editorial.ArticlePage", on_delete=models.CASCADE,
                               related_name="+", verbose_name=_("article"))
    action = models.CharField(_("action"), max_length=8, choices=Action.choices,
                              default=Action.PIN)

    panels = [FieldRowPanel([FieldPanel("action"), FieldPanel("target")])]

    class Meta(Orderable.Meta):
        verbose_name = _("related reading choice")

    def __str__(self):
        return f"{self.get_action_display()}: {self.target_id}"

    def clean(self):
        if self.article_id and self.article_id == self.target_id:
            raise ValidationError({"target": _(
                "An article cannot be related reading for itself: choose another article.")})
