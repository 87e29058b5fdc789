"""Small text helpers for article pages."""
import re
from html import unescape

from django.utils.html import strip_tags

TRAILING_PUNCTUATION = ",;:—–-(«\"'“ "


def cut_at_word(text: str, limit: int = 160) -> str:
    """Shorten `text` to at most `limit` characters, ending on a whole word and an ellipsis.

    Teasers in "Read also" blocks must never stop in the middle of a word or on a dangling comma.
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(TRAILING_PUNCTUATION) + "…"


def html_to_text(html: str) -> str:
    """Plain text of rich-text HTML, with block boundaries kept as spaces."""
    spaced = re.sub(r"</(p|h\d|li|blockquote)>|<br\s*/?>", " ", html)
    return " ".join(unescape(strip_tags(spaced)).split())


def unique_slug(text: str, is_taken, fallback: str = "item", max_length: int = 80) -> str:
    """A URL slug for `text` in any script (transliterated: "Ли Сон Джин" → "li-son-dzhin"),
    numbered when `is_taken(slug)` says the plain one is in use."""
    from anyascii import anyascii
    from django.utils.text import slugify

    base = slugify(anyascii(text))[:max_length].strip("-") or fallback
    slug, n = base, 2
    while is_taken(slug):
        slug, n = f"{base}-{n}", n + 1
    return slug
