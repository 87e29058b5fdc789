"""How an event's date reads: only as precise as what was announced, in the reader's language.

"24 May 2026, 13:00 KST (Asia/Seoul)", "May 2026, day to be announced", "2026, date to be
announced": a month-only release is never pinned to the first of the month, and a time is shown
in the zone it was announced in, with the zone named, because a premiere at 13:00 in Seoul is the
small hours in Moscow and readers need to know which clock is meant.
"""
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from catalog.dates import PartialDate

from .models import ReleaseEvent


def event_when(event: ReleaseEvent, language: str) -> str:
    text = event.when.display(language)
    if event.precision == "year":
        return _("%(year)s, date to be announced") % {"year": text}
    if event.precision == "month":
        return _("%(month)s, day to be announced") % {"month": text}
    if event.precision == "time":
        clock = event_clock(event)
        return f"{text}, {clock}" if clock else text
    return text


def event_clock(event: ReleaseEvent) -> str:
    """'13:00 KST (Asia/Seoul)'; a zone without a letter abbreviation reads 'UTC+03'."""
    moment = event.starts_at()
    if moment is None:
        return ""
    abbreviation = moment.tzname() or ""
    if abbreviation[:1] in ("+", "-"):
        abbreviation = f"UTC{abbreviation}"
    clock = moment.strftime("%H:%M")
    if event.timezone in ("UTC", abbreviation):
        return f"{clock} {abbreviation}"
    return f"{clock} {abbreviation} ({event.timezone.replace('_', ' ')})"


def day_name(day, language: str) -> str:
    return PartialDate(day.year, day.month, day.day).display(language)


def month_name(year: int, month: int, language: str) -> str:
    text = PartialDate(year, month).display(language)
    return text[:1].upper() + text[1:]


def names_joined(people) -> str:
    """'RM and SZA', 'RM, SZA and Joji' (in Russian with «и»)."""
    return str(get_text_list([person.name for person in people], _("and")))


def clash_sentence(clash) -> str:
    return _("%(artists)s release on the same day") % {"artists": names_joined(clash.artists)}
