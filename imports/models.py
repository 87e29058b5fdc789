"""Imported articles and the facts proposed from them, waiting for an editor.

An import is keyed by the hash of its text, so importing the same article again finds the
existing one and changes nothing. Proposals are unique per article and fact, so a task that is
run twice (a worker killed and restarted) cannot create them twice.
"""
import hashlib

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


def text_hash(text: str) -> str:
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


class ImportedArticle(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        DONE = "done", _("Ready for review")
        FAILED = "failed", _("Failed")

    source_name = models.CharField(_("source"), max_length=300)
    raw = models.TextField(_("original text"))
    content_hash = models.CharField(max_length=64, unique=True, editable=False)
    article_date = models.DateField(_("article date"), null=True, blank=True)
    section = models.ForeignKey("editorial.SectionPage", null=True, on_delete=models.SET_NULL,
                                related_name="+")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    text = models.TextField(_("text as read"), blank=True)
    language = models.CharField(max_length=2, blank=True)
    extraction = models.JSONField(null=True, blank=True)
    page = models.ForeignKey("editorial.ArticlePage", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="imports")
    batch = models.CharField(max_length=36, db_index=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("imported article")

    def __str__(self):
        return self.source_name

    def save(self, *args, **kwargs):
        if not self.content_hash:
            self.content_hash = text_hash(self.raw)
        super().save(*args, **kwargs)

    @property
    def title(self) -> str:
        return (self.page.title if self.page else None) or self.source_name

    def pending_count(self) -> int:
        return self.proposals.filter(status=Proposal.Status.PENDING).count()


class Proposal(models.Model):
    """One fact the extractor found, with the sentence that states it."""

    class Kind(models.TextChoices):
        CREDIT = "credit", _("Credit")
        RELEASE_DATE = "release_date", _("Video release date")
        ALBUM = "album", _("Album")
        ALBUM_DATE = "album_date", _("Album release date")
        REFERENCE = "reference", _("Reference")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    imported = models.ForeignKey(ImportedArticle, on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    video_title = models.CharField(_("video"), max_length=300)
    video_artists = models.JSONField(default=list, blank=True)
    role = models.CharField(_("role"), max_length=24, blank=True)
    name = models.CharField(_("name"), max_length=300, blank=True,
                            help_text=_("Person, album or referenced work, as it will be saved."))
    as_written = models.CharField(_("as written"), max_length=300, blank=True)
    value = models.CharField(_("date"), max_length=10, blank=True)
    evidence_start = models.PositiveIntegerField(null=True, blank=True)
    evidence_end = models.PositiveIntegerField(null=True, blank=True)
    person = models.ForeignKey("catalog.Person", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("catalog person"))
    suggested_person = models.ForeignKey("catalog.Person", null=True, blank=True,
                                         on_delete=models.SET_NULL, related_name="+",
                                         help_text=_("Same name in another script: confirm to link."))
    work = models.ForeignKey("catalog.Work", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("catalog video"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["imported", "kind", "video_title", "role", "name", "value"],
                                    name="proposal_unique"),
        ]

    def __str__(self):
        if self.kind == self.Kind.CREDIT:
            return f"{self.role_label}: {self.name}"
        return f"{self.get_kind_display()}: {' '.join(filter(None, [self.name, self.value]))}"

    @property
    def role_label(self) -> str:
        from catalog.models import Role

        if self.kind == self.Kind.CREDIT and self.role in Role.values:
            return Role(self.role).label
        return self.role.replace("_", " ")

    @property
    def evidence(self) -> str:
        if self.evidence_start is None:
            return ""
        return self.imported.text[self.evidence_start:self.evidence_end]
