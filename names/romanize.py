"""Latin spellings of a name written in any script."""
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import chain, islice

from .hangul import romanize_hangul
from .korean import korean_readings
from .russian import transliterations
from .script import detect_script, split_words

MAX_CANDIDATES = 32
# A Cyrillic name that reads as Korean keeps this many places for its plain Russian reading, in
# case it is not Korean after all: Хан Соло is Han Solo, not Han Seo Ro.
_PLAIN_PLACES = 8


def romanize(text: str) -> list[str]:
    """Candidate Latin spellings of the name `text`, most likely first, at most MAX_CANDIDATES.

    Latin comes back as written (spacing tidied). Cyrillic is read as a Korean name in the
    Kontsevich system when it looks like one (Ли Сон Джин → Lee Seong Jin, Lee Sung Jin, Yi Seong
    Jin...) and is also transliterated from Russian (Айсултан → Aysultan, Aisultan...). Hangul is
    romanized syllable by syllable in RR and the popular spellings (이성진 → Lee Seong Jin, Lee Sung
    Jin, Yi Seong Jin...). Scripts this package does not know come back as written. Text without
    letters has no spellings: [].
    """
    return list(_romanize(text))


@lru_cache(maxsize=4096)
def _romanize(text: str) -> tuple[str, ...]:
    written = " ".join(text.split())
    if not any(ch.isalpha() for ch in written):
        return ()
    script = detect_script(written)
    if script not in ("Cyrl", "Hang"):
        return (written,)
    readings = korean_readings(split_words(written), script)
    korean = islice(_unique(chain.from_iterable(reading.spellings() for reading in readings)),
                    MAX_CANDIDATES - _PLAIN_PLACES)
    if script == "Cyrl":
        plain: Iterable[str] = transliterations(written)
    else:
        plain = () if readings else (romanize_hangul(written),)
    spelled = (spelling for spelling in chain(korean, plain) if any(ch.isalpha() for ch in spelling))
    # A name of nothing but signs (ъ, ь) has no Latin letters; it still matches itself.
    return tuple(islice(_unique(spelled), MAX_CANDIDATES)) or (written,)


def _unique(spellings: Iterable[str]) -> Iterator[str]:
    seen = set()
    for spelling in spellings:
        if spelling not in seen:
            seen.add(spelling)
            yield spelling
