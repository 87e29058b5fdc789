"""Same-day releases: two different artists putting something out on the same day.

Only events known to the day count: "May 2026" and "2026" name no day, so they cannot collide.
Postponed and cancelled events are left out, since they will not happen on their date. The day
is the date as announced, in the event's own time zone.
"""
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from .models import ReleaseEvent


@dataclass
class Clash:
    day: date
    events: list[ReleaseEvent]
    artists: list  # catalog.Person, in the order they first appear that day


def find_clashes(events, followed: set[int] | None = None) -> list[Clash]:
    """Days on which two events have no artist in common.

    With `followed` (person ids), only those artists count, so a reader who follows RM and
    NewJeans hears about their albums meeting, not about everyone else's. Events need their
    artists prefetched.
    """
    by_day = defaultdict(list)
    for event in events:
        if event.day and event.is_active:
            by_day[event.first_day].append(event)
    clashes = []
    for day, todays in sorted(by_day.items()):
        counted = [(event, [a for a in event.artists.all() if not followed or a.pk in followed])
                   for event in todays]
        counted = [(event, people) for event, people in counted if people]
        involved = set()
        for (one, one_people), (other, other_people) in combinations(counted, 2):
            if not {p.pk for p in one_people} & {p.pk for p in other_people}:
                involved.update((one.pk, other.pk))
        if not involved:
            continue
        clash_events = [event for event, _ in counted if event.pk in involved]
        artists = {}
        for event, people in counted:
            if event.pk in involved:
                for person in people:
                    artists.setdefault(person.pk, person)
        clashes.append(Clash(day, clash_events, list(artists.values())))
    return clashes
