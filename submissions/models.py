"""Reader submissions: news tips and upcoming events, held for an editor, never published as sent.

The reader's words are kept exactly as they arrived (`text`) and stay the source of whatever an
editor makes of them: a draft article or a release event. What the extractor found in the text is
stored as proposals when the submission arrives, so the moderation screen only reads them.
"""
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Submission(models.Model):
    class Kind(models.TextChoices):
        TIP = "tip", _("News tip")
        EVENT = "event", _("Upcoming event")

    class Status(models.TextChoices):
        NEW = "new", _("Waiting")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")

    kind = models.CharField(_("kind"), max_length=8, choices=Kind.choices, default=Kind.TIP)
    text = models.TextField(_("text as sent"))
    links = models.JSONField(_("links"), default=list, blank=True)
    event_date = models.CharField(
        _("event date"), max_length=10, blank=True,
        help_text=_("YYYY-MM-DD, YYYY-MM or YYYY: only as precise as the reader was."))
    event_date_as_typed = models.CharField(_("event date as typed"), max_length=60, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    language = models.CharField(_("language"), max_length=2, blank=True)
    # A keyed hash of the sender's network address: enough to see that several tips came from
    # one place, without keeping the address itself.
    sender = models.CharField(max_length=64, blank=True, db_index=True, editable=False)

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.NEW)
    reason = models.CharField(_("reason"), max_length=500, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    article = models.ForeignKey("editorial.ArticlePage", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="submissions", verbose_name=_("draft article"))
    release_event = models.ForeignKey("releases.ReleaseEvent", null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="submissions",
                                      verbose_name=_("release event"))

    analysed_at = models.DateTimeField(null=True, blank=True, editable=False)
    analysis_error = models.TextField(blank=True, editable=False)
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("reader submission")
        verbose_name_plural = _("reader submissions")
        permissions = [("moderate_submission", _("Can moderate reader submissions"))]
        indexes = [models.Index(fields=["status", "-created_at"], name="submission_queue")]

    def __str__(self):
        from editorial.text import cut_at_word

        return cut_at_word(self.text, 60)


class Proposal(models.Model):
    """Something the extractor found in a submission, linked to the catalog when it could be."""

    class Kind(models.TextChoices):
        WORK = "work", _("Video or other work")
        ARTIST = "artist", _("Artist")
        CREDIT = "credit", _("Credit")
        PERSON = "person", _("Person mentioned")
        DATE = "date", _("Date")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField(max_length=8, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=300, blank=True)
    role = models.CharField(_("role"), max_length=24, blank=True)
    value = models.CharField(_("date"), max_length=10, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    work = models.ForeignKey("catalog.Work", null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+", verbose_name=_("catalog work"))
    person = models.ForeignKey("catalog.Person", null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+", verbose_name=_("catalog person"))
    suggested_person = models.ForeignKey(
        "catalog.Person", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text=_("Same name in another script: an editor confirms the link."))

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.name or self.value}"

    @property
    def role_label(self) -> str:
        from catalog.models import Role

        return Role(self.role).label if self.role in Role.values else self.role.replace("_", " ")

    @property
    def linkable(self) -> bool:
        """Whether accepting can attach it to an article or event: it must be in the catalog."""
        return bool(self.work_id or self.person_id or self.suggested_person_id)


class RateLimitHit(models.Model):
    """One counted request, kept for the length of the rate-limit window.

    In the database rather than a per-process cache, so every app server and worker process
    sees the same count.
    """

    key = models.CharField(max_length=80)
    created_at = models.DateTimeField(db_index=True)

    class Meta:
        indexes = [models.Index(fields=["key", "created_at"], name="ratelimit_key_time")]

    def __str__(self):
        return f"{self.key} at {self.created_at:%Y-%m-%d %H:%M:%S}"
