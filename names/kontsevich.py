"""Korean syllables written in Russian, read back into Latin spellings.

Russian writes Korean names by the Kontsevich system (Пак Чхан Ук, Ким У Хён, Рю Сон Хи), often
with the popular "дж" for ㅈ (Ли Сон Джин). The system loses distinctions: "о" is both ㅓ and ㅗ, final
"н" is both ㄴ and ㅇ, "т" is ㄷ, and Latin spellings in turn differ by romanization. So one
Cyrillic syllable gives several Latin spellings: "Сон" → Seong, Sung, Song, Seon, Sun, Son. Each
comes with a cost, so the spelling people most often use comes first.
"""
import re
from itertools import product

# Cost of the second, third... spelling of a part. A different final (n/ng) changes the syllable,
# so it costs more than a different spelling of the same vowel.
_VOWEL_STEP, _INITIAL_STEP, _FINAL_STEP = 1, 1, 2

_INITIALS = {
    "кк": ("kk",), "тт": ("tt",), "пп": ("pp",), "сс": ("ss",), "чч": ("jj",),
    "чх": ("ch",), "кх": ("k",), "тх": ("t",), "пх": ("p",), "чж": ("j",), "дж": ("j",),
    "к": ("k", "g"), "г": ("g", "k"), "т": ("d", "t"), "д": ("d",), "п": ("b", "p"), "б": ("b",),
    "с": ("s",), "ш": ("sh", "s"), "ч": ("j", "ch"), "х": ("h",), "н": ("n",), "м": ("m",),
    "р": ("r",), "л": ("l",), "": ("",),
}
_VOWELS = {
    "ва": ("wa",), "во": ("wo",), "ви": ("wi",), "ве": ("oe", "we"), "вэ": ("wae",), "ый": ("ui",),
    "а": ("a",), "о": ("eo", "u", "o"), "у": ("u", "oo"), "ы": ("eu",), "и": ("i", "ee"),
    "э": ("ae", "e"), "е": ("e", "ye"), "я": ("ya",), "ё": ("yeo", "yu", "yo"), "ю": ("yu", "yoo"),
}
_FINALS = {"ль": ("l",), "нг": ("ng",), "н": ("n", "ng"), "м": ("m",), "к": ("k",), "п": ("p",),
           "т": ("t",), "": ("",)}

# Where the neighbours change what is likely: 우 alone is "Woo", 희 is "Hee", 신 is often "Shin".
_VOWEL_AFTER = {("", "у"): ("woo", "u"), ("", "и"): ("i", "yi"), ("х", "и"): ("ee", "i")}
_INITIAL_BEFORE = {("с", "и"): ("s", "sh")}
# Final "н" is ㄴ or ㅇ. In names ㅇ is the likelier after ㅓ, ㅗ, ㅕ, ㅛ (성, 동, 형, 용), ㄴ elsewhere
# (찬, 진, 준, 은).
_NG_FIRST_VOWELS = {"о", "ё"}


def _alternation(parts) -> str:
    return "|".join(sorted((re.escape(part) for part in parts if part), key=len, reverse=True))


_SYLLABLE = re.compile(
    f"({_alternation(_INITIALS)})?({_alternation(_VOWELS)})({_alternation(_FINALS)})?"
)


def is_syllable(text: str) -> bool:
    """True when lower-case `text` is one Korean syllable as Russian writes it."""
    return _SYLLABLE.fullmatch(text) is not None


def syllable_spellings(text: str) -> tuple[tuple[int, str], ...]:
    """(cost, Latin spelling) for one Cyrillic syllable, cheapest first; () if it is not one."""
    match = _SYLLABLE.fullmatch(text)
    if match is None:
        return ()
    initial, vowel, final = (group or "" for group in match.groups())
    initials = _INITIAL_BEFORE.get((initial, vowel), _INITIALS[initial])
    vowels = _VOWEL_AFTER.get((initial, vowel), _VOWELS[vowel])
    if vowel == "и" and final:
        vowels = ("i",)  # "ee" only ends a syllable: Hee, but Jin
    finals = _FINALS[final]
    if final == "н" and vowel in _NG_FIRST_VOWELS:
        finals = ("ng", "n")
    spellings = [
        (i_rank * _INITIAL_STEP + v_rank * _VOWEL_STEP + f_rank * _FINAL_STEP, i + v + f)
        for (i_rank, i), (v_rank, v), (f_rank, f)
        in product(enumerate(initials), enumerate(vowels), enumerate(finals))
    ]
    return tuple(sorted(spellings))
