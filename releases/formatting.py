"""What the calendar's pages print: an event's when, a day's name, a clash in a sentence, and the
follow button and upcoming block the person page includes (deepcuts/templating.py names them)."""
from django.utils import timezone
from django.utils.translation import get_language

from catalog.models import Person
from deepcuts.compiled import CompiledQuery
from releases import display, follows
from releases.models import ReleaseEvent

PERSON_PAGE_LIMIT = 5


def event_when(event) -> str:
    """'24 May 2026, 13:00 KST (Asia/Seoul)', 'May 2026, day to be announced', …"""
    return display.event_when(event, get_language() or "en")


def event_clock(event) -> str:
    return display.event_clock(event)


def day_name(day) -> str:
    return display.day_name(day, get_language() or "en")


def names_joined(people) -> str:
    return display.names_joined(people)


def clash_sentence(clash) -> str:
    return display.clash_sentence(clash)


def person_releases(context, person: Person):
    """The person page's "Upcoming releases" and follow button (catalog's view stays unaware);
    shown, like the button, only for those who can have release events."""
    follow = follow_context(context, person)
    events = []
    if follow["show"]:
        events = list(ReleaseEvent.objects.public().filter(artists=person).coming(timezone.localdate())
                      .soonest_first().for_reading()[:PERSON_PAGE_LIMIT + 1])
    return {**follow, "events": events[:PERSON_PAGE_LIMIT], "more": len(events) > PERSON_PAGE_LIMIT}


def follow_button(context, person: Person):
    return follow_context(context, person)


# Asked on the page of every person who is no artist: compiled once, not per request.
any_event_of = CompiledQuery(lambda person_id: ReleaseEvent.objects.public().filter(artists=person_id)
                          .values_list("pk")[:1], values={"person_id": int})


def follow_context(context, person: Person) -> dict:
    """Only artists get the button: following a cinematographer would follow nothing, since
    events list the performing artists. The person page knows from its snapshot whether the
    person is an artist of any work (`_is_artist`); other callers ask."""
    request = context["request"]
    if not hasattr(person, "_followable"):  # asked twice per person page: the button and the block
        is_artist = getattr(person, "_is_artist", None)
        if is_artist is None:
            is_artist = person.works_as_artist.exists()
        person._followable = is_artist or bool(any_event_of(person_id=person.pk))
    return {
        "show": person._followable,
        "person": person,
        "is_followed": person.pk in follows.followed_ids(request),
        "request": request,
    }
