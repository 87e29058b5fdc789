"""Hangul syllables in Revised Romanization, and the popular spellings beside it.

Names are romanized syllable by syllable, without the sound changes RR applies across syllables
in ordinary words (이성진 is "Seongjin", not "Seongjjin"): that is the rule RR itself sets for
personal names, and what people and passports use.
"""
_FIRST_SYLLABLE, _LAST_SYLLABLE = 0xAC00, 0xD7A3
_INITIALS = ("g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t",
             "p", "h")
_VOWELS = ("a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
           "we", "wi", "yu", "eu", "ui", "i")
# A final consonant is written as it sounds at the end of a syllable (ㅅ, ㅈ, ㅊ, ㅌ, ㅎ → t).
_FINALS = ("", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
           "t", "t", "ng", "t", "t", "k", "t", "p", "t")
_CONSONANTS = set("bcdghjklmnprst")


def is_syllable(ch: str) -> bool:
    """True for a precomposed Hangul syllable (가 to 힣)."""
    return _FIRST_SYLLABLE <= ord(ch) <= _LAST_SYLLABLE


def syllable_rr(ch: str) -> str:
    """The Revised Romanization of one syllable, lower case (성 → "seong")."""
    index = ord(ch) - _FIRST_SYLLABLE
    return _INITIALS[index // 588] + _VOWELS[index % 588 // 28] + _FINALS[index % 28]


def syllable_spellings(ch: str) -> tuple[str, ...]:
    """RR and, where it differs, the spelling most people actually use for the syllable.

    성 is "Seong" in RR but usually "Sung"; 수 "Su"/"Soo"; 우 "U"/"Woo"; 희 "Hui"/"Hee".
    """
    rr = syllable_rr(ch)
    if "eo" in rr:
        popular = rr.replace("eo", "u")
    elif rr == "u":
        popular = "woo"
    elif rr.endswith("u") and rr[-2] in _CONSONANTS:
        popular = rr[:-1] + "oo"
    elif rr.endswith("ui") and rr[-3:-2] in _CONSONANTS:
        popular = rr[:-2] + "ee"
    else:
        return (rr,)
    return (rr, popular)


def romanize_hangul(text: str) -> str:
    """Hangul that is not a Korean personal name (a stage name: 아이유 → Aiyu) in RR, each word
    capitalized."""
    return " ".join(
        "".join(syllable_rr(ch) if is_syllable(ch) else ch for ch in word).capitalize()
        for word in text.split(" ")
    )
