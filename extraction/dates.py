"""Dates: a regex finds the date text in any case form, dateparser turns it into a date.

The regex decides the precision (a day and month with no year is not the same fact as a full
date), so dateparser is only asked to convert what we found, never to guess a missing part.
"""
import re
from datetime import date

import dateparser

from .document import Document, Span

RU_MONTHS = (r"январ[ьяе]|феврал[ьяе]|март[ае]?|апрел[ьяе]|ма[йяе]|июн[ьяе]|июл[ьяе]|август[ае]?|"
             r"сентябр[ьяе]|октябр[ьяе]|ноябр[ьяе]|декабр[ьяе]")
EN_MONTHS = (r"January|February|March|April|May|June|July|August|September|October|November|December|"
             r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec")
YEAR = r"(?:19|20)\d\d"

PATTERNS = {
    "ru": [
        ("day", re.compile(rf"\b(\d{{1,2}})\s+({RU_MONTHS})\s+({YEAR})(?:\s*(?:года|год|г\.))?", re.I)),
        ("month_day", re.compile(rf"\b(\d{{1,2}})\s+({RU_MONTHS})\b", re.I)),
        ("month", re.compile(rf"\b(?:в\s+)?({RU_MONTHS})\s+({YEAR})(?:-го)?(?:\s*(?:года|г\.))?", re.I)),
        ("numeric", re.compile(rf"\b(\d{{1,2}})\.(\d{{1,2}})\.({YEAR})\b")),
        ("iso", re.compile(rf"\b({YEAR})-(\d\d)-(\d\d)\b")),
        ("year", re.compile(rf"(?:\bв\s+|\(|\b(?:весной|летом|осенью|зимой|начале|конце|середине)\s+)({YEAR})(?=\s*(?:год|г\.|\)|-го))",
                            re.I)),
        ("today", re.compile(r"\bсегодня\b", re.I)),
    ],
    "en": [
        ("day", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({EN_MONTHS})\.?,?\s+({YEAR})\b")),
        ("day_us", re.compile(rf"\b({EN_MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+({YEAR})\b")),
        ("month_day", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({EN_MONTHS})\b")),
        ("month_day_us", re.compile(rf"\b({EN_MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?![,:]?\s*\d)")),
        ("month", re.compile(rf"\b({EN_MONTHS})\s+(?:of\s+)?({YEAR})\b")),
        ("numeric", re.compile(rf"\b(\d{{1,2}})\.(\d{{1,2}})\.({YEAR})\b")),
        ("iso", re.compile(rf"\b({YEAR})-(\d\d)-(\d\d)\b")),
        ("year", re.compile(rf"(?:\bin (?:(?:early|late|mid|the spring of|the summer of|the autumn of|the fall of|"
                            rf"the winter of|spring|summer|autumn|fall|winter) )?|\()({YEAR})\b(?!-)")),
        ("today", re.compile(r"\btoday\b", re.I)),
    ],
}


def parse_month(text: str, language: str) -> int | None:
    if language == "ru" and text.lower().endswith("е"):
        # dateparser knows the genitive ("мая", "марта") but not the prepositional ("в мае",
        # "в марте"): the same month, one ending apart.
        stem = text[:-1]
        text = stem + ("а" if stem.lower().endswith("т") else "я")
    parsed = dateparser.parse(f"1 {text} 2000", languages=[language],
                              settings={"PREFER_DAY_OF_MONTH": "first"})
    return parsed.month if parsed else None


def to_value(kind: str, groups: tuple, language: str, reference: date | None) -> str | None:
    """The contract's date string: YYYY-MM-DD, YYYY-MM, or --MM-DD when the year is unknown."""
    try:
        if kind == "year":
            return groups[0]
        if kind == "today":
            return reference.isoformat() if reference else None
        if kind == "iso":
            year, month, day = (int(g) for g in groups)
        elif kind == "numeric":
            day, month, year = (int(g) for g in groups)
        elif kind in ("day", "day_us"):
            day, name, year = (groups if kind == "day" else (groups[1], groups[0], groups[2]))
            day, month, year = int(day), parse_month(name, language), int(year)
        elif kind in ("month_day", "month_day_us"):
            day, name = groups if kind == "month_day" else (groups[1], groups[0])
            day, month = int(day), parse_month(name, language)
            year = reference.year if reference else None
        else:  # month and year
            name, year = groups
            month, year = parse_month(name, language), int(year)
            return f"{year:04d}-{month:02d}" if month else None
        if not month:
            return None
        if year is None:
            date(2000, month, day)  # validates day and month (29 February allowed)
            return f"--{month:02d}-{day:02d}"
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def find_dates(doc: Document) -> Document:
    taken: list[Span] = []
    for kind, pattern in PATTERNS[doc.language]:
        for match in pattern.finditer(doc.text):
            span = Span(match.start(), match.end(), match.group(), "date")
            if any(span.overlaps(t) for t in taken):
                continue
            value = to_value(kind, match.groups(), doc.language, doc.reference_date)
            if value:
                span.normal = value
                taken.append(span)
    doc.dates = sorted(taken, key=lambda s: s.start)
    return doc
