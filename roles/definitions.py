"""Who may do what: the four roles of the newsroom as data.

Each role is a Django group. Model permissions are "app_label.codename"; page permissions are
Wagtail's (add, change, publish, ...) granted on a part of the page tree; image and document
permissions are granted on the root collection, as Wagtail expects.

- Contributors send tips and events (anonymous readers can too; signing in only says who sent it).
- Writers draft articles in the sections and revise them, but cannot publish: "Submit for
  moderation" sends a draft to the editors. They cannot change the catalog.
- Editors publish, review imported facts, moderate reader submissions, keep the catalog
  (people, works, credits), the release calendar, video looks and legal notices.
- Administrators may do everything, users and settings included.
"""
from dataclasses import dataclass

CONTRIBUTORS = "Contributors"
WRITERS = "Writers"
EDITORS = "Editors"
ADMINISTRATORS = "Administrators"

ALL_PAGE_PERMISSIONS = ("add", "change", "publish", "lock", "unlock", "bulk_delete")
IMAGES_AND_DOCUMENTS = ("add_image", "change_image", "choose_image", "delete_image",
                        "add_document", "change_document", "choose_document", "delete_document")


@dataclass(frozen=True)
class Role:
    group: str
    permissions: tuple[str, ...] = ()
    root_pages: tuple[str, ...] = ()       # page permissions on the tree's root: every page
    section_pages: tuple[str, ...] = ()    # page permissions on each section and its articles
    collections: tuple[str, ...] = ()      # image and document permissions on the root collection
    everything: bool = False               # every model permission there is
    reviews_drafts: bool = False           # approves what writers submit for moderation


def crud(label: str, *actions: str) -> tuple[str, ...]:
    app, model = label.split(".")
    return tuple(f"{app}.{action}_{model}" for action in actions or ("add", "change", "delete", "view"))


ROLES = (
    Role(CONTRIBUTORS, permissions=("submissions.add_submission",)),
    Role(
        WRITERS,
        permissions=("wagtailadmin.access_admin",),
        section_pages=("add", "change"),
        collections=("add_image", "choose_image", "add_document", "choose_document"),
    ),
    Role(
        EDITORS,
        permissions=(
            "wagtailadmin.access_admin",
            *crud("catalog.person"), *crud("catalog.work"),
            *crud("imports.importedarticle"), *crud("imports.proposal"),
            *crud("releases.releaseevent"),
            "submissions.moderate_submission", *crud("submissions.submission", "change", "view"),
            *crud("looks.videolook"),
            *crud("editorial.legalnotice"),
        ),
        root_pages=("add", "change", "publish", "lock", "unlock"),
        collections=IMAGES_AND_DOCUMENTS,
        reviews_drafts=True,
    ),
    Role(ADMINISTRATORS, everything=True, root_pages=ALL_PAGE_PERMISSIONS,
         collections=IMAGES_AND_DOCUMENTS, reviews_drafts=True),
)
