"""Person names across scripts and transliterations: Ли Сон Джин = Lee Sung-jin = 이성진.

Pure Python, no Django, so the article importer, search and the CLI share one implementation.

- `detect_script(text)`: "Latn", "Cyrl", "Hang" or "other".
- `romanize(text)`: candidate Latin spellings, most likely first.
- `name_keys(text)`: keys that spellings of one name share (folding rules in `names.matching`).
- `same_name(a, b)`: the keys meet, so the names can be the same.
- `similarity(a, b)`: 0..1, for ranking near misses.

A name match is a candidate, never proof: a Cyrillic spelling stands for several Latin ones and
people share names, so callers need a second clue before treating two records as one person.
"""
from .matching import name_keys, same_name, similarity
from .romanize import MAX_CANDIDATES, romanize
from .script import detect_script

__all__ = ["MAX_CANDIDATES", "detect_script", "name_keys", "romanize", "same_name", "similarity"]
