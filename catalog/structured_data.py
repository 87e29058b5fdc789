"""schema.org JSON-LD for catalog pages, so search engines and data users read the same facts.

Music videos are both VideoObject and MusicVideoObject; people are Person (groups MusicGroup,
companies Organization)."""
from .models import Person, Role, Work


def person_ld(person: Person, names, url: str) -> dict:
    """`names`: the person's other names, as models or a snapshot's."""
    kind = {"group": "MusicGroup", "company": "Organization"}.get(person.kind, "Person")
    data = {"@context": "https://schema.org", "@type": kind, "name": person.name, "url": url}
    other = [n.name for n in names]
    if other:
        data["alternateName"] = other
    if person.bio:
        data["description"] = person.bio
    return data


def named(person: Person, request) -> dict:
    kind = {"group": "MusicGroup", "company": "Organization"}.get(person.kind, "Person")
    return {"@type": kind, "name": person.name, "url": request.build_absolute_uri(person.get_absolute_url())}


def work_ld(work: Work, credits, artists, request) -> dict:
    """`credits` and `artists` (people) as the page shows them: models, or a snapshot's lines."""
    types = {
        Work.Kind.MUSIC_VIDEO: ["VideoObject", "MusicVideoObject"],
        Work.Kind.SONG: "MusicRecording", Work.Kind.ALBUM: "MusicAlbum",
        Work.Kind.FILM: "Movie", Work.Kind.SERIES: "TVSeries",
    }
    data = {"@context": "https://schema.org", "@type": types[work.kind], "name": work.title,
            "url": request.build_absolute_uri(work.get_absolute_url())}
    if work.description:
        data["description"] = work.description
    if work.release and work.release.year:
        key = "uploadDate" if work.kind == Work.Kind.MUSIC_VIDEO else "datePublished"
        data[key] = work.release.isoformat()
    if work.video_url:
        data["contentUrl"] = work.video_url
    if work.duration:
        seconds = int(work.duration.total_seconds())
        data["duration"] = f"PT{seconds // 60}M{seconds % 60}S"
    directors = [named(c.person, request) for c in credits if c.role == Role.DIRECTOR]
    actors = [named(c.person, request) for c in credits if c.role == Role.CAST]
    if directors:
        data["director"] = directors
    if actors:
        data["actor"] = actors
    artists = [named(person, request) for person in artists]
    if artists:
        data["musicBy" if work.kind == Work.Kind.MUSIC_VIDEO else "byArtist"] = artists
    return data
