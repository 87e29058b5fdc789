"""Which writing system a name is in, and how a name splits into words.

Everything downstream treats a hyphen like a space, because a Korean given name is written
"Sung-jin", "Sung Jin" and "Sungjin" for the same person; doing the split once, here, is what
makes every key the same whichever of those the text used.
"""
import re
import unicodedata

_SCRIPTS = {"LATIN": "Latn", "CYRILLIC": "Cyrl", "HANGUL": "Hang"}
# Whitespace, the ASCII hyphen-minus and the Unicode hyphens and dashes people type between names.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015]+")


def detect_script(text: str) -> str:
    """The script of most letters in `text`: "Latn", "Cyrl", "Hang" or "other".

    A tie goes to the script listed first (Latin, Cyrillic, Hangul); text without letters is
    "other", like text in any script this package cannot romanize.
    """
    counts = dict.fromkeys(("Latn", "Cyrl", "Hang", "other"), 0)
    for ch in text:
        if ch.isalpha():
            counts[letter_script(ch)] += 1
    return max(counts, key=counts.__getitem__) if any(counts.values()) else "other"


def letter_script(ch: str) -> str:
    """The script of one letter, by the first word of its Unicode name."""
    return _SCRIPTS.get(unicodedata.name(ch, "").split(" ", 1)[0], "other")


def split_words(text: str) -> tuple[str, ...]:
    """The words of a name: split on spaces, hyphens and dashes, never empty."""
    return tuple(word for word in _SEPARATORS.split(text) if word)


def strip_latin_accents(text: str) -> str:
    """Drop accents from Latin letters only (Beyoncé → Beyonce).

    Cyrillic й and ё and Hangul syllables decompose too, but there the parts are letters of their
    own, so they are left whole.
    """
    return "".join(
        "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        if letter_script(ch) == "Latn" else ch
        for ch in text
    )
