"""Release dates that are only partly known.

Sources often say "May 2024", "2019" or "on 24 May" with no year. We keep year, month and day as
separate nullable numbers and derive the precision from which are present, so nothing is padded
with a made-up "1 January".
"""
import calendar
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

MONTHS_EN = [None, "January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
# Russian needs the genitive after a day ("24 мая") and the nominative alone ("май 2024").
MONTHS_RU_GEN = [None, "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
                 "сентября", "октября", "ноября", "декабря"]
MONTHS_RU_NOM = [None, "январь", "февраль", "март", "апрель", "май", "июнь", "июль", "август",
                 "сентябрь", "октябрь", "ноябрь", "декабрь"]

ISO_FORMS = re.compile(r"^(?:(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?|--(\d{2})-(\d{2}))$")


class PartialDateError(ValueError):
    """Raised with a message a person can act on."""


@dataclass(frozen=True, order=True)
class PartialDate:
    year: int | None = None
    month: int | None = None
    day: int | None = None

    def __post_init__(self):
        validate_parts(self.year, self.month, self.day)

    @classmethod
    def parse(cls, text: str) -> "PartialDate":
        """Read 'YYYY-MM-DD', 'YYYY-MM', 'YYYY' or '--MM-DD' (day and month, year unknown)."""
        match = ISO_FORMS.match(text.strip())
        if not match:
            raise PartialDateError(
                f"“{text}” is not a date: write YYYY-MM-DD, YYYY-MM, YYYY or --MM-DD."
            )
        year, month, day, bare_month, bare_day = match.groups()
        if bare_month:
            return cls(None, int(bare_month), int(bare_day))
        return cls(int(year), int(month) if month else None, int(day) if day else None)

    @property
    def precision(self) -> str:
        if self.year is None:
            return "month_day" if self.day else "none"
        if self.day:
            return "day"
        return "month" if self.month else "year"

    def isoformat(self) -> str:
        if self.year is None:
            return f"--{self.month:02d}-{self.day:02d}" if self.day else ""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    def sort_key(self) -> tuple[int, int, int]:
        return (self.year or 0, self.month or 0, self.day or 0)

    def display(self, language: str = "en") -> str:
        """Human form in the reader's language: '24 May 2024', '24 мая 2024', 'май 2024'."""
        if self.precision == "none":
            return ""
        if language.startswith("ru"):
            if self.day:
                text = f"{self.day} {MONTHS_RU_GEN[self.month]}"
                return f"{text} {self.year}" if self.year else text
            if self.month:
                return f"{MONTHS_RU_NOM[self.month]} {self.year}"
            return str(self.year)
        if self.day:
            text = f"{self.day} {MONTHS_EN[self.month]}"
            return f"{text} {self.year}" if self.year else text
        if self.month:
            return f"{MONTHS_EN[self.month]} {self.year}"
        return str(self.year)

    def __str__(self) -> str:
        return self.isoformat()


def validate_parts(year, month, day) -> None:
    """Check a partial date; the messages name the field to fix."""
    if year is not None and not 1850 <= year <= 2100:
        raise PartialDateError(_("The year must be between 1850 and 2100."))
    if month is not None and not 1 <= month <= 12:
        raise PartialDateError(_("The month must be between 1 and 12."))
    if day is not None:
        if month is None:
            raise PartialDateError(_("A day needs a month: give the month too, or leave the day empty."))
        # With the year unknown, 29 February must stay possible.
        last = calendar.monthrange(year or 2000, month)[1]
        if not 1 <= day <= last:
            raise PartialDateError(
                pgettext("date", "%(month)s has no day %(day)s.")
                % {"month": MONTHS_EN[month], "day": day}
            )
    if month is not None and year is None and day is None:
        raise PartialDateError(_("A month alone is not a date: add the year or the day."))
