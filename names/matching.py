"""Keys that make the spellings of one name meet, and a score for spellings that nearly do.

`name_keys(text)` is the set of keys of every Latin spelling `romanize` gives, in three kinds:

Korean keys, "lee:songjin": for a name that reads as Korean (see `names.korean` for the syllable
folding and `names.korean_surnames` for family names). They carry the Korean-specific folding:
romanization systems (Sung = Seong, Chung = Jeong, Lee = Yi), hyphens and spaces inside the given
name (Woo-hyung = Woohyung = Woo Hyung) and the order of family and given name (Sung Jin Lee).

Plain keys, "aisultanseitov": every name. Per word: accents dropped (Beyoncé = Beyonce), case
folded, only letters kept, then spelling noise folded: ck → k, c → s before e/i/y and k elsewhere
(ch is kept), x → ks, kh → h (Russian х), dzh/dj → j (Russian дж), shch → sch (щ), ee → i, oo and
ou → u, y → i (Aysultan = Aisultan, Dmitriy = Dmitrii), and doubled letters made single. Words are
then run together, so spaces and hyphens never matter.

Sound keys, "~TAFMARS": only for names that do not read as Korean, where Korean keys already do
better. English spelling cannot be recovered from Russian (Дэйв Майерс is Dave Meyers) so this
key keeps the consonants by sound class (b/p, d/t/th, g/k/c/q, v/f/ph, s/z, sh/zh, ch, j/dzh,
h/kh, l, r, m, n), one vowel class for each run of vowels (a/e, i/y/ee/ea/ie, o/u/w/oo/ou,
taken from the run's first vowel) and drops an English silent final e (Dave = Дэйв, Joji ≠ Jojo).

A Cyrillic or Hangul spelling stands for several Latin ones, and two people can share a name,
so a match here says only that the names could be the same. Never merge two catalog people on a
name match alone: a second clue (the same video, the same role, an editor's confirmation) is the
caller's job.
"""
import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from .korean import korean_readings
from .romanize import romanize
from .script import detect_script, split_words, strip_latin_accents

_PLAIN_FOLDS = tuple((re.compile(pattern), replacement) for pattern, replacement in (
    (r"ck", "k"), (r"c(?=[eiy])", "s"), (r"c(?!h)", "k"), (r"x", "ks"), (r"kh", "h"), (r"dzh|dj", "j"),
    (r"shch", "sch"), (r"ee", "i"), (r"oo|ou", "u"), (r"y", "i"), (r"(.)\1+", r"\1"),
))

_SOUND_UNITS = re.compile(r"shch|dzh|tch|sch|ch|sh|zh|kh|ph|th|dj|ck|qu|ee|ea|ie|oo|ou|[a-z]")
_SOUNDS = {
    "a": "A", "e": "A", "i": "I", "y": "I", "ee": "I", "ea": "I", "ie": "I",
    "o": "U", "u": "U", "w": "U", "oo": "U", "ou": "U",
    "b": "P", "p": "P", "d": "T", "t": "T", "th": "T", "g": "K", "k": "K", "q": "K", "ck": "K",
    "qu": "KU", "x": "KS", "v": "F", "f": "F", "ph": "F", "s": "S", "z": "S",
    "sh": "X", "zh": "X", "sch": "X", "shch": "X", "ch": "C", "tch": "C", "j": "J", "dzh": "J", "dj": "J",
    "h": "H", "kh": "H", "l": "L", "r": "R", "m": "M", "n": "N",
}
_VOWEL_SOUNDS = {"A", "I", "U"}


def name_keys(text: str) -> frozenset[str]:
    """Keys of the name `text`; two spellings of one name share at least one. Empty without letters."""
    return _forms(text).keys


def same_name(a: str, b: str) -> bool:
    """True when `a` and `b` can be spellings of one name (their keys meet)."""
    return bool(name_keys(a) & name_keys(b))


def similarity(a: str, b: str) -> float:
    """How alike two names are, from 0 to 1, for ranking near misses.

    1.0 exactly when `same_name(a, b)`. Otherwise the best string similarity between their Korean
    keys, or the mean of the best similarity between their plain keys and between their sound
    keys, whichever is higher. Symmetric.
    """
    forms_a, forms_b = _forms(a), _forms(b)
    if forms_a.keys & forms_b.keys:
        return 1.0
    korean = _best_ratio(forms_a.korean, forms_b.korean)
    spelled = (_best_ratio(forms_a.plain, forms_b.plain) + _best_ratio(forms_a.sound, forms_b.sound)) / 2
    return max(korean, spelled)


def plain_key(spelling: str) -> str:
    """The plain key of one Latin spelling ("Aysultan Seytov" → "aisultanseitov")."""
    return "".join(_plain_word(word) for word in split_words(spelling))


def sound_key(spelling: str) -> str:
    """The sound key of one Latin spelling ("Dave Meyers" → "~TAFMARS"); "" without Latin letters."""
    sounds = "".join(_sound_word(word) for word in split_words(spelling))
    return f"~{sounds}" if sounds else ""


@dataclass(frozen=True)
class _Forms:
    korean: frozenset[str]
    plain: frozenset[str]
    sound: frozenset[str]

    @property
    def keys(self) -> frozenset[str]:
        return self.korean | self.plain | (frozenset() if self.korean else self.sound)


@lru_cache(maxsize=4096)
def _forms(text: str) -> _Forms:
    spellings = romanize(text)
    readings = korean_readings(split_words(text), detect_script(text))
    return _Forms(
        korean=frozenset(key for reading in readings for key in reading.keys()),
        plain=frozenset(filter(None, map(plain_key, spellings))),
        sound=frozenset(filter(None, map(sound_key, spellings))),
    )


def _plain_word(word: str) -> str:
    letters = "".join(ch for ch in strip_latin_accents(word).casefold() if ch.isalpha())
    for pattern, replacement in _PLAIN_FOLDS:
        letters = pattern.sub(replacement, letters)
    return letters


def _sound_word(word: str) -> str:
    letters = "".join(ch for ch in strip_latin_accents(word).casefold() if "a" <= ch <= "z")
    if len(letters) > 2 and letters[-1] == "e" and letters[-2] not in "aeiouy":
        letters = letters[:-1]  # the silent e of Dave, Kate, Mike
    letters = re.sub(r"c(?!h)", "k", re.sub(r"c(?=[eiy])", "s", letters))
    sounds: list[str] = []
    for unit in _SOUND_UNITS.findall(letters):
        for sound in _SOUNDS[unit]:
            is_vowel = sound in _VOWEL_SOUNDS
            if sounds and (sounds[-1] == sound or is_vowel and sounds[-1] in _VOWEL_SOUNDS):
                continue  # doubled consonants are one; a run of vowels keeps its first
            sounds.append(sound)
    return "".join(sounds)


def _best_ratio(keys_a: frozenset[str], keys_b: frozenset[str]) -> float:
    """The highest string similarity between a key of one set and a key of the other."""
    best = 0.0
    for key_a in keys_a:
        for key_b in keys_b:
            # Each pair in one order, so the score does not depend on which name came first.
            matcher = SequenceMatcher(None, *sorted((key_a, key_b)))
            if matcher.real_quick_ratio() > best and matcher.quick_ratio() > best:
                best = max(best, matcher.ratio())
    return best
