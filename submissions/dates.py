"""An event date as a reader types it: "24 May 2026", "24 мая", "May 2026", "24.05.2026", "2026-05".

ISO forms go to `catalog.dates.PartialDate`; anything else is read by the extractor's date
finder, the same rules that read dates in articles, so both languages and all their case forms
work. The date is only as precise as what was written: "May 2026" stays a month.
"""
from datetime import date, timedelta

from django.utils.translation import gettext as _

from catalog.dates import ISO_FORMS, PartialDate, PartialDateError
from extraction.dates import find_dates
from extraction.document import Document
from extraction.language import detect_language


def read_date(typed: str, today: date, upcoming: bool = False) -> PartialDate:
    """The date in `typed`. A day and month with no year is the next such day from `today`;
    `upcoming` refuses a date that has already passed. Errors say what to write instead."""
    typed = typed.strip()
    if ISO_FORMS.match(typed):
        when = PartialDate.parse(typed)  # its own errors name the part that is wrong
    else:
        doc = find_dates(Document(text=typed, language=detect_language(typed), reference_date=today))
        if len(doc.dates) != 1:
            raise PartialDateError(
                _("We could not read “%(date)s” as one date: write it like 24 May 2026, May 2026 "
                  "or 2026-05-24.") % {"date": typed[:60]})
        when = PartialDate.parse(doc.dates[0].normal)
        if when.year == today.year and str(today.year) not in typed and when.sort_key() < sort_key(today):
            when = PartialDate(today.year + 1, when.month, when.day)
    if when.year is None:
        raise PartialDateError(_("Add the year to the date, e.g. 24 May %(year)s.") % {"year": today.year})
    # A day's grace: the reader's today may be ahead of the server's (Seoul is UTC+9).
    if upcoming and has_passed(when, today - timedelta(days=1)):
        raise PartialDateError(_("“%(date)s” has already passed: an upcoming event needs a date from "
                                 "today on.") % {"date": typed[:60]})
    return when


def sort_key(day: date) -> tuple[int, int, int]:
    return (day.year, day.month, day.day)


def has_passed(when: PartialDate, today: date) -> bool:
    """Compared at the precision given: "May 2026" has not passed until May 2026 is over."""
    now = sort_key(today)[:{"year": 1, "month": 2, "day": 3}[when.precision]]
    return when.sort_key()[:len(now)] < now
