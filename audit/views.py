"""Admin screens: a record's history (in place of the snippet's own History), every catalog
change (under Reports), the revert confirmation, and the snippet edit view that refuses silent
overwrites."""
import django_filters
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.forms import CheckboxSelectMultiple
from django.http import Http404
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import DateRangePickerWidget, MultipleUserFilter, WagtailFilterSet
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView
from wagtail.snippets.views import snippets

from .display import entries_from
from .models import Change, Source
from .revert import RevertRefused, entry_changes, revert
from .tracking import TRACKED, tracked_models


def history_url(record_type: ContentType, record_id: int) -> str | None:
    model = record_type.model_class()
    viewset = getattr(model, "snippet_viewset", None)
    if viewset is None:
        return None
    try:
        return reverse(viewset.get_url_name("history"), args=[record_id])
    except NoReverseMatch:
        return None


def can_revert(user, record_type: ContentType) -> bool:
    model = record_type.model_class()
    return model is not None and user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")


def may_see_changes(user) -> bool:
    """Whoever may change a person or a work may read the catalog's history."""
    return any(user.has_perm(f"{model._meta.app_label}.change_{model._meta.model_name}")
               for model in tracked_models() if TRACKED[model._meta.label] is None)


class ChangeFilterSet(WagtailFilterSet):
    source = django_filters.MultipleChoiceFilter(
        label=gettext_lazy("Source"), choices=Source.choices,
        widget=CheckboxSelectMultiple)
    user = MultipleUserFilter(label=gettext_lazy("Who"),
                              widget=CheckboxSelectMultiple)
    at = django_filters.DateFromToRangeFilter(label=gettext_lazy("Date"), widget=DateRangePickerWidget)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        users = get_user_model().objects.filter(
            pk__in=Change.objects.exclude(user=None).values("user")).order_by("username")
        self.filters["user"].extra["queryset"] = users

    class Meta:
        model = Change
        fields = ["source", "user", "at"]


class EntriesMixin:
    """Listing views whose page of changes is shown grouped into history entries."""

    results_template_name = "audit/entries_results.html"
    filterset_class = ChangeFilterSet
    paginate_by = 60

    @cached_property
    def columns(self):
        return []  # entries are laid out by the template, not as a table

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        entries = entries_from(context["object_list"])
        user = self.request.user
        for entry in entries:
            record_type = ContentType.objects.get_for_id(entry.record_type_id)
            entry.history_url = history_url(record_type, entry.record_id)
            entry.can_revert = entry.reverted_by is None and can_revert(user, record_type)
            entry.revert_url = reverse("audit:revert", args=[entry.batch, entry.record_type_id,
                                                             entry.record_id])
        context["entries"] = entries
        context["show_record"] = self.show_record
        return context

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        kwargs["queryset"] = self.get_base_queryset()
        return kwargs


class RecordHistoryView(EntriesMixin, snippets.HistoryView):
    """A person's or a work's history: its own fields and its rows (names, credits, links)."""

    show_record = False

    def get_base_queryset(self):
        return (Change.objects.filter(record_type=ContentType.objects.get_for_model(self.model),
                                      record_id=self.object.pk)
                .select_related("user", "content_type").order_by("-id"))

    def get_queryset(self):
        return self.filter_queryset(self.get_base_queryset())


class CatalogChangesView(EntriesMixin, ReportView):
    """Every catalog change, newest first: the way back to a record that was deleted."""

    template_name = "audit/listing.html"
    page_title = gettext_lazy("Catalog changes")
    header_icon = "history"
    index_url_name = "audit:changes"
    index_results_url_name = "audit:changes_results"
    show_record = True

    def dispatch(self, request, *args, **kwargs):
        if not may_see_changes(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_base_queryset(self):
        return Change.objects.select_related("user", "content_type").order_by("-id")

    def get_queryset(self):
        return self.get_base_queryset()


class RevertView(WagtailAdminTemplateMixin, TemplateView):
    """GET: what the revert will undo. POST: undo it, or say why not and change nothing."""

    template_name = "audit/revert.html"
    page_title = gettext_lazy("Revert a change")
    header_icon = "history"

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        try:
            self.record_type = ContentType.objects.get_for_id(kwargs["record_type"])
        except ContentType.DoesNotExist:
            raise Http404 from None
        self.batch, self.record_id = kwargs["batch"], kwargs["record_id"]
        self.problems = []

    def dispatch(self, request, *args, **kwargs):
        if not can_revert(request.user, self.record_type):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def entry(self):
        entries = entries_from(entry_changes(self.batch, self.record_type.pk, self.record_id)
                               .order_by("-id"))
        if not entries:
            raise Http404
        return entries[0]

    @cached_property
    def back_url(self) -> str:
        return history_url(self.record_type, self.record_id) or reverse("audit:changes")

    def get_page_subtitle(self):
        return self.entry.record_label

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": self.back_url, "label": _("History")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(entry=self.entry, problems=self.problems, back_url=self.back_url)
        return context

    def post(self, request, *args, **kwargs):
        try:
            revert(self.batch, self.record_type.pk, self.record_id, request.user)
        except RevertRefused as refused:
            self.problems = refused.problems
            return self.render_to_response(self.get_context_data(), status=409)
        messages.success(request, _("The change is reverted. The revert is in the history too, "
                                    "and can itself be reverted."))
        return redirect(self.back_url)


class VersionedEditView(snippets.EditView):
    """The snippet editor, with the version check and the save made one step.

    The record stays locked from the moment the form is checked until it is saved, so a
    change cannot land between "nobody saved since you opened it" and the save (see
    audit.signals.lock_record for the other side).
    """

    def post(self, request, *args, **kwargs):
        with transaction.atomic():
            self.object = self.model._default_manager.select_for_update().get(pk=self.object.pk)
            return super().post(request, *args, **kwargs)


class RecordedSnippetViewSet(snippets.SnippetViewSet):
    """A snippet whose history is the catalog's change history and whose edits refuse to
    overwrite what someone else saved while the form was open."""

    edit_view_class = VersionedEditView
    history_view_class = RecordHistoryView
    edit_template_name = "audit/edit.html"
    history_template_name = "audit/listing.html"
