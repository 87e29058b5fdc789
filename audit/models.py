"""The change history of catalog facts: one `Change` row per catalog row that changed.

A row keeps who, when, from where (admin, import review, API, ...) and, field by field, the
value before and after. Rows written by one request or one operation share a `batch`, and each
row names the `record` (a person or a work) whose history shows it: a credit belongs to its
work, another spelling of a name to its person. What a history entry shows is the rows of one
batch for one record, and that is also what its revert undoes.

A batch is a UUID rather than a row of its own so that a rolled-back transaction can leave
nothing dangling behind it.
"""
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    ADMIN = "admin", _("Admin edit")
    IMPORT = "import", _("Import review")
    API = "api", _("API")
    SUBMISSION = "submission", _("Reader submission")
    DEMO = "demo", _("Demo loader")
    REVERT = "revert", _("Revert")
    SCRIPT = "script", _("Script or shell")


class Change(models.Model):
    class Action(models.TextChoices):
        CREATED = "created", _("added")
        UPDATED = "updated", _("changed")
        DELETED = "deleted", _("removed")

    batch = models.UUIDField(db_index=True, editable=False)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+", verbose_name=_("who"))
    source = models.CharField(_("source"), max_length=12, choices=Source.choices,
                              default=Source.SCRIPT)
    note = models.CharField(_("note"), max_length=300, blank=True)
    reverts = models.UUIDField(null=True, blank=True, db_index=True, editable=False,
                               help_text="The batch this change undoes, when it is a revert.")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.BigIntegerField()
    object_label = models.CharField(max_length=300)
    action = models.CharField(max_length=8, choices=Action.choices)
    # {attname: [before, after]} in JSON form; a created row has every field with before = null,
    # a deleted one every field with after = null, so either can be put back.
    diff = models.JSONField(default=dict)
    # {attname: [before, after]} as text, for foreign keys: the row pointed at may be gone later.
    labels = models.JSONField(default=dict)

    record_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    record_id = models.BigIntegerField()

    class Meta:
        ordering = ["-id"]
        verbose_name = _("catalog change")
        verbose_name_plural = _("catalog changes")
        indexes = [
            models.Index(fields=["record_type", "record_id", "-id"], name="audit_change_record"),
        ]

    def __str__(self):
        return f"{self.object_label}: {self.get_action_display()}"

    @property
    def model(self):
        return self.content_type.model_class()
