"""Korean personal names in any script, reduced to keys that romanization differences cannot move.

A Korean name is read as a family name plus one to three given-name syllables. The family name is
looked up (`korean_surnames`); each given-name syllable, whatever its source, becomes Latin
spellings, and each spelling folds to a syllable key: initial class + vowel class + final.
The key of the name is "<family key>:<syllable keys run together>", e.g. "lee:songjin" for Ли Сон
Джин, Lee Sung-jin, Yi Seong Jin, Sung Jin Lee and 이성진 alike.

Syllable folding (only inside a name that reads as Korean):
- initials: k = g = kk = kh; t = d = tt = th; p = b = pp = ph; j = ch = jj = tch (McCune-Reischauer
  writes ㅈ as ch: Chung = Jeong); s = ss = sh (Shin = Sin); r = l.
- vowels: o = eo = u = oo = ou = woo = wu (Sung = Seong, Woo = U, Joon = Jun);
  yo = yeo = yu = yoo = you (Hyun = Hyeon, Hyung = Hyeong); e = ae (Jae = Je);
  ye = yae; i = ee = ie = ui = eui = yi (Hee = Hui = Hie); wo = weo; we = wae = oe; wi = wee.
  eu stays apart from u: Seung (승) is not Sung (성).
- finals: n and ng stay apart (Seon ≠ Seong); l, m, k, p, t as written. An h ending a Latin word
  after a vowel is only spelling (Ah-in, Yeoh) and is dropped.
Syllable boundaries come from spaces and hyphens when given ("Woo-hyung") and otherwise from the
split into the fewest syllables ("Woohyung" → woo + hyung); when two splits are equally short
("Hana": ha + na or han + a) both are kept.

Latin names are read surname-first and surname-last ("Sung Jin Lee"); Cyrillic and Hangul names
surname-first, as those scripts always write them.
"""
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import product

from . import hangul, kontsevich
from .korean_surnames import Surname, surnames_spelled
from .ranking import cheapest_combinations, ranked
from .script import strip_latin_accents

MAX_GIVEN_SYLLABLES = 3
_LONGEST_SYLLABLE = 7  # letters; "hyeong" and "чхвэль" are six

_INITIAL_CLASSES = {
    "k": "k", "g": "k", "kk": "k", "gg": "k", "kh": "k",
    "t": "t", "d": "t", "tt": "t", "dd": "t", "th": "t",
    "p": "p", "b": "p", "pp": "p", "bb": "p", "ph": "p",
    "j": "j", "ch": "j", "jj": "j", "tch": "j",
    "s": "s", "ss": "s", "sh": "s",
    "r": "r", "l": "r", "n": "n", "m": "m", "h": "h", "": "",
}
_VOWEL_CLASSES = {
    "a": "a", "e": "e", "ae": "e", "ya": "ya", "ye": "ye", "yae": "ye",
    "o": "o", "eo": "o", "u": "o", "oo": "o", "ou": "o", "woo": "o", "wu": "o",
    "yo": "yo", "yeo": "yo", "yu": "yo", "yoo": "yo", "you": "yo",
    "eu": "eu", "i": "i", "ee": "i", "ie": "i", "ui": "i", "eui": "i", "yi": "i",
    "wa": "wa", "wo": "wo", "weo": "wo", "we": "we", "wae": "we", "oe": "we", "wi": "wi", "wee": "wi",
}
_FINAL_CLASSES = {"": "", "n": "n", "ng": "ng", "l": "l", "m": "m", "k": "k", "p": "p", "t": "t"}
_SPELLING_H = re.compile(r"(?<=[aeiouy])h$")


def _alternation(spellings) -> str:
    return "|".join(sorted((s for s in spellings if s), key=len, reverse=True))


_LATIN_SYLLABLE = re.compile(
    f"({_alternation(_INITIAL_CLASSES)})?({_alternation(_VOWEL_CLASSES)})({_alternation(_FINAL_CLASSES)})?"
)


@lru_cache(maxsize=8192)
def syllable_key(spelling: str) -> str | None:
    """The folded key of one romanized syllable ("Seong", "sung" → "song"); None if `spelling`
    is not one Korean syllable."""
    match = _LATIN_SYLLABLE.fullmatch(spelling.lower())
    if match is None:
        return None
    initial, vowel, final = (group or "" for group in match.groups())
    return _INITIAL_CLASSES[initial] + _VOWEL_CLASSES[vowel] + _FINAL_CLASSES[final]


def split_syllables(word: str, is_syllable: Callable[[str], bool],
                    limit: int = MAX_GIVEN_SYLLABLES) -> list[tuple[str, ...]]:
    """Every split of `word` into the fewest syllables (at most `limit`); [] if there is none."""
    if not word:
        return [()]
    if limit == 0:
        return []
    splits = [
        (word[:end], *rest)
        for end in range(1, min(len(word), _LONGEST_SYLLABLE) + 1)
        if is_syllable(word[:end])
        for rest in split_syllables(word[end:], is_syllable, limit - 1)
    ]
    fewest = min(map(len, splits), default=0)
    return [split for split in splits if len(split) == fewest]


@dataclass(frozen=True)
class KoreanName:
    """A name read as Korean.

    `surnames`: every family name the written one can be (Cyrillic "Сон" is four).
    `syllables`: for each given-name syllable, its Latin spellings with their costs, cheapest first.
    `word_sizes`: how many syllables each written given-name word had, to print them the same way.
    """
    surnames: tuple[Surname, ...]
    syllables: tuple[tuple[tuple[int, str], ...], ...]
    word_sizes: tuple[int, ...]

    def keys(self) -> set[str]:
        """Keys "<family>:<given>", for every family name and every distinct folding of the syllables."""
        per_syllable = [{syllable_key(spelling) for _, spelling in options} for options in self.syllables]
        given = {"".join(keys) for keys in product(*per_syllable)}
        return {f"{surname.key}:{name}" for surname in self.surnames for name in given}

    def spellings(self) -> Iterator[str]:
        """Latin spellings, family name first, most likely first."""
        family = ranked(list(dict.fromkeys(
            spelling for surname in self.surnames for spelling in surname.latin
        )))
        for surname, *syllables in cheapest_combinations([family, *self.syllables]):
            words, start = [surname], 0
            for size in self.word_sizes:
                words.append("".join(syllables[start:start + size]).capitalize())
                start += size
            yield " ".join(words)


@lru_cache(maxsize=4096)
def korean_readings(words: tuple[str, ...], script: str) -> tuple[KoreanName, ...]:
    """The ways `words` (already split) read as a Korean name; () when they don't."""
    if script == "Latn":
        return _from_latin(words)
    if script == "Cyrl":
        return _from_cyrillic(words)
    if script == "Hang":
        return _from_hangul(words)
    return ()


def _from_latin(words: tuple[str, ...]) -> tuple[KoreanName, ...]:
    letters = tuple(strip_latin_accents(word).lower().replace("'", "").replace("’", "") for word in words)
    if len(letters) < 2 or not all(word.isascii() and word.isalpha() for word in letters):
        return ()
    letters = tuple(_SPELLING_H.sub("", word) for word in letters)
    orders = [(letters[0], letters[1:]), (letters[-1], letters[:-1])]
    readings = []
    for family, given in orders:
        surnames = surnames_spelled(family, "Latn")
        if surnames:
            for split, sizes in _split_given_words(given, _is_latin_syllable):
                readings.append(KoreanName(surnames, tuple(((0, syllable),) for syllable in split), sizes))
    return tuple(readings)


def _from_cyrillic(words: tuple[str, ...]) -> tuple[KoreanName, ...]:
    lowered = tuple(word.lower() for word in words)
    surnames = surnames_spelled(lowered[0], "Cyrl")
    if not surnames or len(words) < 2:
        return ()
    readings = []
    for split, sizes in _split_given_words(lowered[1:], kontsevich.is_syllable):
        syllables = tuple(kontsevich.syllable_spellings(syllable) for syllable in split)
        readings.append(KoreanName(surnames, syllables, sizes))
    return tuple(readings)


def _from_hangul(words: tuple[str, ...]) -> tuple[KoreanName, ...]:
    if not all(hangul.is_syllable(ch) for word in words for ch in word):
        return ()
    if len(words) == 1:
        # 이성진: the family name is the first syllable, or the first two (남궁민).
        name = words[0]
        family_splits = [(name[:2], name[2:]), (name[:1], name[1:])]
    else:
        family_splits = [(words[0], "".join(words[1:]))]
    for family, given in family_splits:
        surnames = surnames_spelled(family, "Hang")
        if surnames and 1 <= len(given) <= MAX_GIVEN_SYLLABLES:
            syllables = tuple(ranked(hangul.syllable_spellings(ch)) for ch in given)
            return (KoreanName(surnames, syllables, (1,) * len(given)),)
    return ()


def _is_latin_syllable(text: str) -> bool:
    return syllable_key(text) is not None


def _split_given_words(words: tuple[str, ...], is_syllable: Callable[[str], bool]
                       ) -> list[tuple[tuple[str, ...], tuple[int, ...]]]:
    """Each way to split every given-name word into syllables, with at most three in all, as
    (syllables, syllables per word)."""
    if not words:
        return []
    per_word = [split_syllables(word, is_syllable) for word in words]
    found = []
    for splits in product(*per_word):
        syllables = tuple(syllable for split in splits for syllable in split)
        if len(syllables) <= MAX_GIVEN_SYLLABLES:
            found.append((syllables, tuple(len(split) for split in splits)))
    return found
