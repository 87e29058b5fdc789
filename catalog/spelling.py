"""Spelling helpers shared by the catalog's models and forms.

The cross-script matching (Ли Сон Джин = Lee Sung Jin) belongs to the `names` library; this module
only folds what any two spellings of one string should share.
"""
import unicodedata

from django.db import models
from django.utils.translation import gettext_lazy as _


def name_key(name: str) -> str:
    """The form two spellings must share to count as the same name.

    Folds case, spacing, hyphens, ё/е and accents on Latin letters (Beyoncé = Beyonce); leaves
    Cyrillic й and Hangul alone, where the marks are letters of their own.
    """
    folded = []
    for ch in unicodedata.normalize("NFC", name).casefold().replace("ё", "е"):
        if "LATIN" in unicodedata.name(ch, ""):
            ch = "".join(c for c in unicodedata.normalize("NFD", ch)
                         if not unicodedata.combining(c))
        folded.append(ch)
    return " ".join("".join(folded).replace("-", " ").split())


class Script(models.TextChoices):
    LATIN = "Latn", _("Latin")
    CYRILLIC = "Cyrl", _("Cyrillic")
    HANGUL = "Hang", _("Hangul")
    KANA = "Jpan", _("Japanese")
    HAN = "Hani", _("Chinese characters")
    OTHER = "Zyyy", _("Other")


def guess_script(text: str) -> str:
    """The script most letters of `text` are written in, for names typed without one."""
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        uname = unicodedata.name(ch, "")
        for word, script in (("LATIN", Script.LATIN), ("CYRILLIC", Script.CYRILLIC),
                             ("HANGUL", Script.HANGUL), ("HIRAGANA", Script.KANA),
                             ("KATAKANA", Script.KANA), ("CJK", Script.HAN)):
            if uname.startswith(word) or f" {word} " in f" {uname} ":
                counts[script] = counts.get(script, 0) + 1
                break
    return max(counts, key=counts.get) if counts else Script.OTHER
