"""Text in, search tokens out: the same rules at index time and at query time.

Pure Python (no Django), so both database backends, the tests and the benchmark share one
implementation, and so the index never has to be read back to know what a query should match.

Tokens are made here and only here, and every one is letters and digits (plus the `:`, `~`, `=`
and `_` of the keys below). The FTS5 and tsquery expressions are assembled from these tokens,
never from what a reader typed, so quotes, `*`, `AND`, `NEAR(`, brackets or NUL bytes in a query
are just characters that fall between words.

Three kinds of token:
- words: folded (case, ё→е, Latin accents, NFKC), and their Snowball stems, Russian for
  Cyrillic words and English for Latin ones, so "клипов" meets "клип" and "videos" meets "video";
- name keys (from the `names` package) for titles and names: a whole name's keys
  ("lee:songjin", "aisultanseitov") and each word's ("seitov"), so a Cyrillic query finds the
  Latin spelling and back;
- sound keys ("~ltafmars"), tagged with the script of the spelling they came from. A query looks
  only for sound keys from *other* scripts: they bridge Дэйв Майерс and Dave Meyers, but two
  Latin spellings that merely sound alike are not treated as the same word;
- exact tokens ("=lee_sung_jin", "=lee:songjin"): a whole name or title in one token, so the
  records a query names exactly are found without ranking everything that shares a word.
"""
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

import names
from names.script import strip_latin_accents

MAX_QUERY_CHARS = 200
MAX_QUERY_WORDS = 8
# Names are short; longer queries are sentences and get no whole-name keys.
MAX_NAME_WORDS = 5
MAX_TOKEN_CHARS = 40
MAX_BODY_TOKENS = 4000
MIN_PREFIX_CHARS = 2
MIN_SOUND_KEY_CHARS = 3

SOUND_MARK = "~"
EXACT_MARK = "="
_SCRIPT_MARKS = {"Latn": "l", "Cyrl": "c", "Hang": "h"}

# Words too common to narrow a search. Dropped from body text and, unless nothing else is left,
# from queries; titles keep them so "The The" and exact-title ranking still work.
STOP_WORDS = frozenset("""
a an and are as at be but by for from has have he her his i in is it its me my of on or our she
so than that the their them they this to was we were what when which who will with you your s t
а без бы в во вот все всё да для до если же за и из или к как ко мы на над не него нее неё
нет ни но о об от по под при про с со та так также там те то тот ту ты у уже чем что эта эти
это этот я его ее её их она они он оно был была были было будет
""".split())

_WORD = re.compile(r"[^\W_]+")
_APOSTROPHES = re.compile(r"(?<=[^\W\d_])['’ʼ](?=[^\W\d_])")


class _FoldedChars(dict):
    """str.translate table filled on first sight of each character: ё→е, Latin accents off.

    Looking a letter up once instead of on every occurrence is what makes folding a 200,000
    article rebuild affordable.
    """

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        if code == 0x451:
            folded = "е"
        elif unicodedata.combining(ch):
            folded = ""  # a mark NFKC could not join to its letter (casefolded İ → i + dot)
        else:
            folded = strip_latin_accents(ch)
        self[code] = folded
        return folded


_FOLDED_CHARS = _FoldedChars()


def fold(text: str) -> str:
    """Lower-case, NFKC, ё→е and no accents on Latin letters (Beyoncé → beyonce)."""
    return _fold_word(unicodedata.normalize("NFKC", text).casefold())


def _fold_word(text: str) -> str:
    return text if text.isascii() else text.translate(_FOLDED_CHARS)


def _lowered(text: str) -> str:
    return _APOSTROPHES.sub("", unicodedata.normalize("NFKC", text).casefold())


def words(text: str) -> list[str]:
    """The folded words of `text`, in order. An apostrophe inside a word joins it (don't → dont)."""
    return [word[:MAX_TOKEN_CHARS] for word in _WORD.findall(_fold_word(_lowered(text)))]


def word_pairs(text: str) -> list[tuple[str, str]]:
    """(folded, as written) for each word of `text`: the words of `words(text)`, each with its
    spelling only lower-cased, because the `names` package reads ё and accents itself
    (Фёдор is Fyodor as well as Fedor)."""
    lowered = _lowered(text)
    folded = [word[:MAX_TOKEN_CHARS] for word in _WORD.findall(_fold_word(lowered))]
    written = _WORD.findall(lowered)
    if len(written) != len(folded):  # a stray combining mark split a word one way only
        written = folded
    return list(zip(folded, written, strict=True))


_stemmers = threading.local()  # Snowball stemmers keep state while stemming: one per thread


def _stemmer(language: str):
    stemmer = getattr(_stemmers, language, None)
    if stemmer is None:
        stemmer = snowballstemmer.stemmer(language)
        setattr(_stemmers, language, stemmer)
    return stemmer


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """The Snowball stem of one folded word: Russian for Cyrillic, English for Latin."""
    script = names.detect_script(word)
    if script == "Cyrl":
        return _stemmer("russian").stemWord(word) or word
    if script == "Latn":
        return _stemmer("english").stemWord(word) or word
    return word


def word_forms(word: str) -> list[str]:
    """The word and its stem, once each."""
    stemmed = stem(word)
    return [word] if stemmed == word else [word, stemmed]


@lru_cache(maxsize=65536)
def _keys(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(spelling keys, sound keys) of a name; sound keys carry the mark of the name's script."""
    script_mark = _SCRIPT_MARKS.get(names.detect_script(name), "o")
    spelling, sound = [], []
    for key in sorted(names.name_keys(name)):
        if key.startswith("~"):
            sound.append(SOUND_MARK + script_mark + key[1:].lower())
        else:
            spelling.append(key)
    return tuple(spelling), tuple(sound)


def name_keys(name: str) -> list[str]:
    """Every key of a name as index tokens: spelling keys, then script-marked sound keys."""
    spelling, sound = _keys(name)
    return [*spelling, *(key for key in sound if len(key) - 2 >= MIN_SOUND_KEY_CHARS)]


def foreign_sound_keys(name: str) -> list[str]:
    """The name's sound keys as they would be stored for a spelling in each *other* script."""
    _, sound = _keys(name)
    marks = set(_SCRIPT_MARKS.values()) | {"o"}
    return [SOUND_MARK + mark + key[2:] for key in sound if len(key) - 2 >= MIN_SOUND_KEY_CHARS
            for mark in sorted(marks) if mark != key[1]]


def _unique(tokens) -> list[str]:
    return list(dict.fromkeys(token for token in tokens if token))


@dataclass(frozen=True)
class NameTokens:
    """What a catalog record or a headline contributes to the index."""
    title: str        # words and stems, for the heaviest-weighted column
    keys: str         # whole-name and per-word name keys
    folded: str       # "|lee sung jin|ли сон джин|": each name folded, for exact and prefix ranking
    whole_keys: str   # "|lee:songjin|lisungjin|~ltafmars|": each name's whole keys, for exact ranking


def name_tokens(all_names: list[str], with_keys: bool = True) -> NameTokens:
    """Tokens of a title or name and its other spellings; `with_keys` adds transliteration keys."""
    title, keys, folded, whole = [], [], [], []
    for name in all_names:
        pairs = word_pairs(name)
        if not pairs:
            continue
        folded.append(" ".join(word for word, _ in pairs))
        for word, _ in pairs:
            title += word_forms(word)
        if len(pairs) <= MAX_QUERY_WORDS:
            keys.append(exact_token(word for word, _ in pairs))
        if not with_keys:
            continue
        if len(pairs) <= MAX_NAME_WORDS:
            whole_keys = name_keys(" ".join(written for _, written in pairs))
            whole += whole_keys
            keys += whole_keys
            keys += [EXACT_MARK + key for key in whole_keys if not key.startswith(SOUND_MARK)]
        for _, written in pairs:
            if not written.isdigit():
                keys += name_keys(written)
    return NameTokens(
        title=" ".join(_unique(title)),
        keys=" ".join(_unique(keys)),
        folded=_framed(_unique(folded)),
        whole_keys=_framed(_unique(whole)),
    )


def exact_token(folded_words) -> str:
    """One token for a whole name or title: "=lee_sung_jin". A query for exactly that name
    finds it without looking through everything else that merely shares a word."""
    return EXACT_MARK + "_".join(folded_words)


def _framed(items: list[str]) -> str:
    return "|" + "|".join(items) + "|" if items else ""


def text_tokens(*texts: str) -> str:
    """Body tokens: stems of every word but stop words, each once, at most MAX_BODY_TOKENS."""
    tokens: dict[str, None] = {}
    for text in texts:
        for word in words(text):
            if word not in STOP_WORDS:
                tokens[stem(word)] = None
                if len(tokens) >= MAX_BODY_TOKENS:
                    return " ".join(tokens)
    return " ".join(tokens)


# A query as a small tree of tokens, rendered by each backend in its own syntax.

@dataclass(frozen=True)
class Term:
    token: str
    prefix: bool = False


@dataclass(frozen=True)
class AnyOf:
    """At least one of the parts matches."""
    parts: tuple


@dataclass(frozen=True)
class AllOf:
    """Every part matches."""
    parts: tuple


@dataclass(frozen=True)
class Query:
    """A parsed query. `match` is None when the text had no words: nothing to look for."""
    text: str                      # the query as the reader typed it, trimmed, for display
    phrase: str = ""               # folded words joined by spaces, for exact and prefix ranking
    match: "AnyOf | AllOf | None" = None
    exact_keys: tuple[str, ...] = ()   # whole-name spelling keys: an exact name in another spelling
    sound_keys: tuple[str, ...] = ()   # whole-name sound keys from other scripts: a near-exact name
    words: tuple[str, ...] = field(default=())

    @property
    def exact(self) -> "AnyOf | None":
        """The tokens of a name or title that is exactly this query, in any spelling."""
        if not self.words:
            return None
        tokens = [exact_token(self.words), *(EXACT_MARK + key for key in self.exact_keys)]
        return AnyOf(tuple(Term(token) for token in dict.fromkeys(tokens)))

    def __bool__(self) -> bool:
        return self.match is not None


def clean_query(text: str | None) -> str:
    """What we keep of a typed query: no NUL or control characters, spaces tidied, length capped."""
    text = (text or "")[:MAX_QUERY_CHARS * 4]
    text = "".join(" " if unicodedata.category(ch)[0] == "C" else ch for ch in text)
    return " ".join(text.split())[:MAX_QUERY_CHARS]


def parse_query(text: str | None, prefix: bool = True) -> Query:
    """The tokens a query looks for: for each word, any of its forms (all words must match),
    or, for a short query, any whole-name key of it (an exact name in another script).

    With `prefix` the last word also matches as the start of a word ("seit" finds "Seitov").
    """
    shown = clean_query(text)
    pairs = word_pairs(shown)[:MAX_QUERY_WORDS]
    if not pairs:
        return Query(text=shown)
    query_words = [word for word, _ in pairs]
    phrase = " ".join(query_words)
    meaningful = [pair for pair in pairs if pair[0] not in STOP_WORDS] or pairs
    last = query_words[-1]
    groups = []
    for word, written in meaningful:
        with_prefix = prefix and word == last and len(word) >= MIN_PREFIX_CHARS
        alternatives = [Term(word, prefix=with_prefix)]
        alternatives += [Term(form) for form in word_forms(word)[1:]]
        if not word.isdigit():
            # A Russian case form keys through its stem too: "Сеитова" finds "Seitov".
            for form in dict.fromkeys([written, stem(word)]):
                alternatives += [Term(key) for key in _keys(form)[0]]
                alternatives += [Term(key) for key in foreign_sound_keys(form)]
        groups.append(AnyOf(tuple(_unique_terms(alternatives))))
    every_word = AllOf(tuple(groups)) if len(groups) > 1 else groups[0]
    exact_keys: list[str] = []
    sound_keys: list[str] = []
    if len(pairs) <= MAX_NAME_WORDS:
        spelled = " ".join(written for _, written in pairs)
        exact_keys = list(_keys(spelled)[0])
        sound_keys = foreign_sound_keys(spelled)
    whole = [Term(key) for key in _unique(exact_keys + sound_keys)]
    match = AnyOf((every_word, *whole)) if whole else every_word
    return Query(text=shown, phrase=phrase, match=match, exact_keys=tuple(exact_keys),
                 sound_keys=tuple(sound_keys), words=tuple(query_words))


def _unique_terms(terms: list[Term]) -> list[Term]:
    """Drop repeats, and exact terms already covered by a prefix term of the same token."""
    prefixed = {term.token for term in terms if term.prefix}
    seen, kept = set(), []
    for term in terms:
        if term in seen or (not term.prefix and term.token in prefixed):
            continue
        seen.add(term)
        kept.append(term)
    return kept
