"""Make the role groups hold their permissions (roles.definitions), safely and repeatedly.

Run after every `migrate` (see apps.py), by `manage.py setup_roles`, and for new pages: the
tree's root and each new section get their page permissions when they are created, so a flushed
or freshly loaded database is covered too.

By default nothing is taken away: a group gains what its role lists and keeps anything an
administrator added. `reset=True` makes each group exactly its role. A permission whose app has
not been migrated yet (submissions, say) is reported as missing and granted on a later run.
"""
from dataclasses import dataclass, field

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    WorkflowPage,
)

from .definitions import ROLES, Role


@dataclass
class Report:
    groups_created: list[str] = field(default_factory=list)
    granted: int = 0
    removed: int = 0
    missing: set[str] = field(default_factory=set)

    def lines(self) -> list[str]:
        out = [f"created group {name}" for name in self.groups_created]
        removed = f", removed {self.removed}" if self.removed else ""
        out.append(f"granted {self.granted} permissions{removed}")
        if self.missing:
            out.append("not there yet (run again after migrating their apps): "
                       + ", ".join(sorted(self.missing)))
        return out


def model_permissions(role: Role, report: Report) -> list[Permission]:
    if role.everything:
        return list(Permission.objects.all())
    found = []
    for label in role.permissions:
        app_label, codename = label.split(".")
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename).first()
        if permission is None:
            report.missing.add(label)
        else:
            found.append(permission)
    return found


def page_permission(kind: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{kind}_page")


def collection_permission(codename: str) -> Permission:
    app_label = "wagtailimages" if codename.endswith("_image") else "wagtaildocs"
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant_pages(group: Group, page: Page, kinds, report: Report) -> set[int]:
    ids = set()
    for kind in kinds:
        grant, created = GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=page_permission(kind))
        report.granted += created
        ids.add(grant.pk)
    return ids


def sections():
    from editorial.models import SectionPage

    return SectionPage.objects.all()


def ensure_role(role: Role, report: Report, reset: bool = False) -> Group:
    group, created = Group.objects.get_or_create(name=role.group)
    if created:
        report.groups_created.append(role.group)
    wanted = model_permissions(role, report)
    have = set(group.permissions.values_list("pk", flat=True))
    report.granted += len({p.pk for p in wanted} - have)
    group.permissions.add(*wanted)

    page_grants = set()
    root = Page.get_first_root_node()
    if root is not None:
        page_grants |= grant_pages(group, root, role.root_pages, report)
    for section in sections():
        page_grants |= grant_pages(group, section, role.section_pages, report)

    collection_grants = set()
    root_collection = Collection.get_first_root_node()
    if root_collection is not None:
        for codename in role.collections:
            grant, made = GroupCollectionPermission.objects.get_or_create(
                group=group, collection=root_collection, permission=collection_permission(codename))
            report.granted += made
            collection_grants.add(grant.pk)

    if role.reviews_drafts and root is not None:
        for task in GroupApprovalTask.objects.filter(
                workflow_tasks__workflow__in=WorkflowPage.objects.filter(page=root).values("workflow")):
            task.groups.add(group)

    if reset:
        extra = group.permissions.exclude(pk__in=[p.pk for p in wanted])
        report.removed += extra.count()
        group.permissions.remove(*extra)
        report.removed += GroupPagePermission.objects.filter(group=group).exclude(
            pk__in=page_grants).delete()[0]
        report.removed += GroupCollectionPermission.objects.filter(group=group).exclude(
            pk__in=collection_grants).delete()[0]
    return group


def ensure_roles(reset: bool = False) -> Report:
    report = Report()
    for role in ROLES:
        ensure_role(role, report, reset=reset)
    return report


def grant_on_new_page(page: Page) -> None:
    """A new root gets the root grants, a new section the section grants, for groups that
    already exist (a group made later gets them from ensure_roles)."""
    for role in ROLES:
        kinds = role.root_pages if page.depth == 1 else role.section_pages
        group = Group.objects.filter(name=role.group).first() if kinds else None
        if group is not None:
            grant_pages(group, page, kinds, Report())
