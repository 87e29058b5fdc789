"""Picking one spelling per part of a name, cheapest combinations first.

Every transliteration here is a product: each letter or syllable has a few spellings, and a name
is one choice per part. The product grows fast (a four-word Cyrillic name easily has thousands of
spellings), so combinations are produced lazily in order of total cost and callers take only as
many as they need.
"""
import heapq
from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")

# One part's options: (cost, value) pairs, cheapest (most likely) first.
Options = Sequence[tuple[int, T]]


def ranked(values: Sequence[T]) -> tuple[tuple[int, T], ...]:
    """Options whose cost is their position: the first value costs 0, the next 1, and so on."""
    return tuple(enumerate(values))


def cheapest_combinations(parts: Sequence[Options[T]]) -> Iterator[tuple[T, ...]]:
    """Every way to take one option from each part, in order of total cost.

    Equal totals come out with the later parts varied first, so list the parts whose
    alternatives are most plausible last. Costs within a part must not decrease.
    """
    if any(not options for options in parts):
        return
    start = (0,) * len(parts)
    frontier = [(sum(options[0][0] for options in parts), start)]
    seen = {start}
    while frontier:
        cost, picks = heapq.heappop(frontier)
        yield tuple(options[pick][1] for options, pick in zip(parts, picks, strict=True))
        for position, options in enumerate(parts):
            pick = picks[position]
            if pick + 1 < len(options):
                following = picks[:position] + (pick + 1,) + picks[position + 1:]
                if following not in seen:
                    seen.add(following)
                    step = options[pick + 1][0] - options[pick][0]
                    heapq.heappush(frontier, (cost + step, following))
