"""The one object every pipeline component reads and extends."""
from dataclasses import dataclass, field
from datetime import date


@dataclass
class Span:
    start: int
    end: int
    text: str
    label: str = ""
    normal: str = ""  # nominative / canonical form, for people
    latin: str | None = None  # Latin spelling when the article or the catalog gives one

    def overlaps(self, other: "Span") -> bool:
        return self.start < other.end and other.start < self.end


@dataclass
class Credit:
    role: str
    person: Span
    evidence: Span
    video: "Video | None" = None


@dataclass
class Video:
    title: str
    mentions: list[Span] = field(default_factory=list)
    artists: list[Span] = field(default_factory=list)
    release_date: str | None = None
    release_evidence: Span | None = None  # the sentence that gives the date
    album: "Video | None" = None
    credits: list[Credit] = field(default_factory=list)
    references: list[dict] = field(default_factory=list)
    colors: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    settings: list[str] = field(default_factory=list)


@dataclass
class Document:
    text: str
    language: str
    reference_date: date | None = None
    title: str | None = None
    sentences: list[Span] = field(default_factory=list)
    people: list[Span] = field(default_factory=list)
    titles: list[Span] = field(default_factory=list)
    dates: list[Span] = field(default_factory=list)
    credits: list[Credit] = field(default_factory=list)
    videos: list[Video] = field(default_factory=list)
    albums: list[Video] = field(default_factory=list)
    meta: dict = field(default_factory=dict)

    def sentence_of(self, position: int) -> Span:
        for sentence in self.sentences:
            if sentence.start <= position < sentence.end:
                return sentence
        return Span(0, len(self.text), self.text, "sentence")

    def within(self, spans: list[Span], outer: Span) -> list[Span]:
        return [s for s in spans if s.start >= outer.start and s.end <= outer.end]
