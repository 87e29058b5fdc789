"""Russian Cyrillic to Latin letters, with the variants people actually use.

There is no single transliteration in use: passports, BGN, ISO 9, newsrooms and the people
themselves write Айсултан as Aisultan or Aysultan, Юлия as Yulia, Yuliya or Iuliia. Each letter
gets its spellings, most common first, and a name's spellings are produced cheapest first, so
the usual one leads and the rare ones trail.
"""
from collections.abc import Iterator

from .ranking import cheapest_combinations, ranked

_LETTERS = {
    "а": ("a",), "б": ("b",), "в": ("v",), "г": ("g",), "д": ("d",), "е": ("e",), "ё": ("yo", "e"),
    "ж": ("zh",), "з": ("z",), "и": ("i",), "й": ("y", "i", "j"), "к": ("k",), "л": ("l",),
    "м": ("m",), "н": ("n",), "о": ("o",), "п": ("p",), "р": ("r",), "с": ("s",), "т": ("t",),
    "у": ("u",), "ф": ("f",), "х": ("kh", "h"), "ц": ("ts",), "ч": ("ch",), "ш": ("sh",),
    "щ": ("shch", "sch"), "ъ": ("",), "ы": ("y",), "ь": ("",), "э": ("e",), "ю": ("yu", "iu"),
    "я": ("ya", "ia"),
}
_VOWELS = set("аеёиоуыэюя")
# е is "ye" where it is pronounced so: at the start of a word and after a vowel or a sign.
_IOTATED_E = ("ye", "e")
# и after a vowel is often written y (Сеитов → Seitov, Seytov).
_I_AFTER_VOWEL = ("i", "y")
# Final -ий and -ый: Dmitriy, Dmitry, Dmitri, Dmitrii; Krasny, Krasniy.
_WORD_ENDINGS = {"ий": ("iy", "y", "i", "ii"), "ый": ("y", "iy")}


def transliterations(text: str) -> Iterator[str]:
    """Latin spellings of `text`, most common first; characters that are not Russian letters
    are kept as they are."""
    for letters in cheapest_combinations(_letter_options(text)):
        yield "".join(letters)


def _letter_options(text: str) -> list[tuple[tuple[int, str], ...]]:
    options = []
    position = 0
    while position < len(text):
        ch = text[position]
        pair = text[position:position + 2].lower()
        word_ends = not text[position + 2:position + 3].isalpha()
        if pair in _WORD_ENDINGS and word_ends:
            spellings, width = _WORD_ENDINGS[pair], 2
        elif ch.lower() in _LETTERS:
            spellings, width = _letter_spellings(ch.lower(), text[position - 1:position].lower()), 1
        else:
            options.append(((0, ch),))
            position += 1
            continue
        options.append(ranked(tuple(_in_case_of(text, position, spelling) for spelling in spellings)))
        position += width
    return options


def _letter_spellings(letter: str, previous: str) -> tuple[str, ...]:
    if letter == "е" and (not previous.isalpha() or previous in _VOWELS or previous in "ъь"):
        return _IOTATED_E
    if letter == "и" and previous in _VOWELS:
        return _I_AFTER_VOWEL
    return _LETTERS[letter]


def _in_case_of(text: str, position: int, spelling: str) -> str:
    """`spelling` in the case of the letter it stands for: Ж → Zh, but ЖУК → ZHUK."""
    ch = text[position]
    if not ch.isupper():
        return spelling
    neighbours = text[position - 1:position] + text[position + 1:position + 2]
    shouting = any(c.isalpha() and c.isupper() for c in neighbours)
    return spelling.upper() if shouting else spelling.capitalize()
