"""Which music video(s) the article is about, by whom, from which album, out when.

A quoted title counts as a video when a video word stands next to it («клип «X»», "the video for
'X'", "X video") or when it is the song the article's video is for. The article is about the
videos named in its headline or opening, most mentioned first; a title that only follows a
reference word ("a callback to 'Sanctuary'") is a referenced work, not a subject.
"""
import re

from .document import Document, Span, Video
from .lexicon import ALBUM_WORDS, REFERENCE_REGEX, RELEASE_WORDS, VIDEO_WORDS

FILM_WORDS = {
    "en": re.compile(r"\b(?:film|movie|feature film|series|show|drama|season|episode|documentary|anime|"
                     r"novel|book)s?\b", re.IGNORECASE),
    "ru": re.compile(r"фильм\w*|кино\b|полнометражн\w*|боевик\w*|прокат\w*|сериал\w*|картин\w*|шоу\b|драм\w*|сезон\w*|сери[ия]\b|документал\w*|"
                     r"роман\w*|книг\w*|аниме", re.IGNORECASE),
}
SONG_WORDS = {
    "en": re.compile(r"\b(?:song|single|track|tune|ballad|anthem|cut)\b", re.IGNORECASE),
    "ru": re.compile(r"песн\w*|сингл\w*|трек\w*|композици\w*|балл?ад\w*", re.IGNORECASE),
}
ARTIST_BEFORE_DASH = re.compile(r"([A-ZА-ЯЁ0-9][\w.&'’ -]{0,40}?)\s+[—–-]\s+$")


def kind_of(doc: Document, title: Span) -> str:
    """video, album, song, film or unknown, from the nearest telling word around the title.

    The word right before it decides first («клип на песню «X»», "the album X"), then the word
    right after it ("'X' video"), then anything in a wider window, where a video word is the
    better clue than a stray "film" two clauses away.
    """
    if title.label in ("album", "film"):
        return title.label
    lang = doc.language
    before = doc.text[max(0, title.start - 40):title.start]
    after = re.split(r"[.!?;]\s", doc.text[title.end + 1:title.end + 30])[0]
    kinds = [("album", ALBUM_WORDS), ("film", FILM_WORDS), ("video", VIDEO_WORDS), ("song", SONG_WORDS)]
    near = []
    for kind, words in kinds:
        for match in words[lang].finditer(before[-22:]):
            near.append((len(before[-22:]) - match.end(), kind))
    if near:
        return min(near)[1]
    near = [(m.start(), kind) for kind, words in kinds for m in words[lang].finditer(after[:14])]
    if near:
        return min(near)[1]
    for kind, words in kinds[2:] + kinds[:2]:
        if words[lang].search(before) or words[lang].search(after):
            return kind
    return "unknown"


def artist_for(doc: Document, title: Span) -> list[Span]:
    """The artist named right around a title: "Joji — «Run»", "Joji's 'Run'", "«Run» by Joji"."""
    before = doc.text[max(0, title.start - 60):title.start - 1]
    window_start = max(0, title.start - 60)
    candidates = []
    bands = doc.meta.get("bands", [])
    for person in sorted(doc.people + bands, key=lambda p: p.start):
        if window_start <= person.start and person.end <= title.start:
            between = doc.text[person.end:title.start - 1]
            if re.fullmatch(r"\s*(?:[—–-]|['’]s|,)?\s*(?:(?:new|latest|official|music)\s+)*"
                            r"(?:video|clip|single|song|track)?\s*(?:for|на песню|на трек)?\s*", between,
                            re.IGNORECASE) or re.fullmatch(
                                r"\s*(?:выпустил\w*|представил\w*|показал\w*|опубликовал\w*)\s+(?:нов\w+\s+)?"
                                r"(?:клип|видео)\w*\s*(?:на песню|на трек)?\s*", between, re.IGNORECASE):
                candidates.append(person)
        elif title.end < person.start <= title.end + 12 and re.fullmatch(
                r"\W{0,2}\s*(?:by|от|—|–)\s*", doc.text[title.end + 1:person.start], re.IGNORECASE):
            candidates.append(person)
    if candidates:
        return [candidates[-1]]
    # «Ледокол» снимают клип на песню «Маяк»: the band leads the sentence.
    sentence = doc.sentence_of(title.start)
    for band in bands:
        if sentence.start <= band.start < title.start:
            return [band]
    dash = ARTIST_BEFORE_DASH.search(before)
    if dash:
        name = dash.group(1).strip()
        start = window_start + dash.start(1) + (len(dash.group(1)) - len(dash.group(1).lstrip()))
        return [Span(start, start + len(name), name, "artist", normal=name, latin=name)]
    return []


def is_referenced(doc: Document, title: Span) -> bool:
    before = doc.text[max(0, title.start - 60):title.start]
    return any(pattern.search(before) for _, pattern in REFERENCE_REGEX[doc.language])


def find_videos(doc: Document) -> Document:
    opening_end = doc.sentences[min(2, len(doc.sentences) - 1)].end if doc.sentences else len(doc.text)
    headline_titles = set()
    if doc.title:
        headline_titles = {m.group(1) or m.group(2) or m.group(3) or m.group(4)
                           for m in re.finditer(r"«([^»]+)»|“([^”]+)”|\"([^\"]+)\"|‘([^’]+)’", doc.title)}
    by_title: dict[str, dict] = {}
    for title in doc.titles:
        entry = by_title.setdefault(title.text, {"mentions": [], "kinds": [], "referenced": 0})
        entry["mentions"].append(title)
        entry["kinds"].append(kind_of(doc, title))
        entry["referenced"] += is_referenced(doc, title)

    def score(name: str, entry: dict) -> float:
        kinds = entry["kinds"]
        value = kinds.count("video") * 3 + kinds.count("song") * 2 + len(kinds)
        if name in headline_titles:
            value += 6
        if any(m.start < opening_end for m in entry["mentions"]):
            value += 3
        value -= entry["referenced"] * 4
        return value

    videos, albums = [], []
    for name, entry in by_title.items():
        kinds = entry["kinds"]
        if kinds.count("album") > max(kinds.count("video"), kinds.count("song")):
            albums.append(Video(title=name, mentions=entry["mentions"]))
            continue
        if kinds.count("film") > kinds.count("video") or not ({"video", "song"} & set(kinds)
                                                              or name in headline_titles):
            continue
        if entry["referenced"] >= len(entry["mentions"]) and name not in headline_titles:
            continue
        videos.append((score(name, entry), Video(title=name, mentions=entry["mentions"])))
    if not videos:
        # No title sits next to a video word: take the title the opening dwells on, as long as it
        # is not an album, a film, or only a reference.
        for name, entry in by_title.items():
            kinds = set(entry["kinds"])
            if kinds & {"album", "film"} or entry["referenced"] >= len(entry["mentions"]):
                continue
            if any(m.start < opening_end for m in entry["mentions"]) or name in headline_titles:
                videos.append((score(name, entry), Video(title=name, mentions=entry["mentions"])))
    videos.sort(key=lambda pair: -pair[0])
    if videos:
        best = videos[0][0]
        doc.videos = [v for s, v in videos if s >= best - 2 and s > 0]
    doc.albums = albums
    for video in doc.videos:
        for mention in video.mentions:
            artists = artist_for(doc, mention)
            if artists:
                video.artists = artists
                break
    assign_dates(doc)
    if doc.albums:
        for video in doc.videos:
            video.album = album_of(doc, video)
    return doc


DATELINE = re.compile(r"·|^\s*(?:posted|updated|published|for immediate release|опубликовано|обновлено)\b",
                      re.IGNORECASE)
TODAY = re.compile(r"today|сегодня", re.IGNORECASE)


def album_of(doc: Document, video: Video) -> Video:
    """The album named closest after the video's first mention ("«Run» from the album «Nectar»")."""
    first = video.mentions[0].start
    return min(doc.albums, key=lambda a: min(abs(m.start - first) + (0 if m.start > first else 50)
                                             for m in a.mentions))


def assign_dates(doc: Document) -> None:
    """A date in a sentence about a release belongs to whichever of the album or the video is
    named nearest to it; with neither named ("Released 4 November 2023."), to the video."""
    lang = doc.language
    article_date = doc.reference_date.isoformat() if doc.reference_date else None
    for date in doc.dates:
        sentence = doc.sentence_of(date.start)
        if not RELEASE_WORDS[lang].search(sentence.text) or DATELINE.search(sentence.text):
            continue
        if date.normal == article_date and not TODAY.search(date.text):
            continue  # the article's own date, from its byline
        rel = date.start - sentence.start
        album_hits = [(m.start(), None) for m in ALBUM_WORDS[lang].finditer(sentence.text)]
        album_hits += [(t.start - sentence.start, a) for a in doc.albums for t in a.mentions
                       if sentence.start <= t.start < sentence.end]
        video_hits = [m.start() for m in VIDEO_WORDS[lang].finditer(sentence.text)]
        video_hits += [t.start - sentence.start for v in doc.videos for t in v.mentions
                       if sentence.start <= t.start < sentence.end]
        nearest_album = min(album_hits, key=lambda hit: abs(hit[0] - rel), default=None)
        nearest_video = min((abs(h - rel) for h in video_hits), default=None)
        if nearest_album is not None and (nearest_video is None or abs(nearest_album[0] - rel) < nearest_video):
            album = nearest_album[1] or next((a for a in doc.albums if a.release_date is None), None)
            if album is not None and album.release_date is None:
                album.release_date, album.release_evidence = date.normal, sentence
        elif doc.videos and doc.videos[0].release_date is None:
            doc.videos[0].release_date, doc.videos[0].release_evidence = date.normal, sentence
