"""Reasons for a pick: stored as a code with parameters, told as a sentence at display time.

Names inside the parameters are stored with their Russian spelling beside the canonical one
(`{"id": 5, "en": "Lee Sung Jin", "ru": "Ли Сон Джин"}`), so a Russian reader reads "тот же
режиссёр: Ли Сон Джин" without the page asking the catalog. `labels` fills them in when picks are
stored; `sentence` and `shown` run when a page or the API shows them.
"""
from collections.abc import Iterable

from django.utils.text import capfirst
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from catalog.models import Role, WorkLink

MAX_SHOWN = 2

ROLE_SENTENCES = {
    "director": _("same director: %(name)s"),
    "cinematographer": _("same cinematographer: %(name)s"),
    "artist": _("same artist: %(name)s"),
    "creator": _("same creator: %(name)s"),
    "about": _("also about %(name)s"),
}


def name(label: dict | None) -> str:
    """A stored label in the reader's language, falling back to the canonical name."""
    if not label:
        return ""
    language = (get_language() or "en")[:2]
    return label.get(language) or label.get("en") or ""


def role_label(role: str) -> str:
    try:
        return str(Role(role).label).lower()
    except ValueError:
        return role


def link_label(kind: str) -> str:
    try:
        return str(WorkLink.Kind(kind).label)
    except ValueError:
        return kind


def sentence(reason: dict) -> str:
    """One reason as a short phrase in the active language, e.g. "same director: Hiro Murai"."""
    code, params = reason.get("code"), reason.get("params") or {}
    if code == "pinned":
        return gettext("chosen by the editors")
    if code == "same_work":
        return gettext("both about “%(work)s”") % {"work": name(params.get("work"))}
    if code == "same_album":
        return gettext("same album: “%(album)s”") % {"album": name(params.get("album"))}
    if code == "linked_work":
        return gettext("“%(source)s” %(link)s “%(target)s”") % {
            "source": name(params.get("source")), "link": link_label(params.get("kind", "")),
            "target": name(params.get("target"))}
    if code == "same_person":
        person, role = name(params.get("person")), params.get("role", "")
        if role in ROLE_SENTENCES:
            return str(ROLE_SENTENCES[role]) % {"name": person}
        if role:
            return gettext("also with %(name)s, %(role)s") % {"name": person,
                                                              "role": role_label(role)}
        return gettext("%(name)s is in both") % {"name": person}
    if code == "shared_tags":
        return gettext("shared tags: %(tags)s") % {"tags": ", ".join(params.get("tags", []))}
    if code == "similar_text":
        return gettext("similar text")
    if code == "same_section":
        return gettext("also in %(section)s") % {"section": name(params.get("section"))}
    return ""


def shown(reasons: Iterable[dict], limit: int = MAX_SHOWN) -> list[str]:
    """What a card says about why it is there: the strongest reasons, the editors' pin first;
    "also in <section>" only when nothing better joins the two pieces."""
    reasons = list(reasons)
    pinned = [r for r in reasons if r.get("code") == "pinned"]
    rest = [r for r in reasons if r.get("code") not in ("pinned", "same_section")]
    if not rest:
        rest = [r for r in reasons if r.get("code") == "same_section"]
    phrases = [sentence(r) for r in pinned + rest[:limit]]
    return [capfirst(p) for p in phrases if p]
