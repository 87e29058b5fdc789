"""Work out and store related reading: the only place that computes it.

`refresh(ids)` is what the background task runs when articles or the catalog change: it
re-encodes texts that changed, recomputes the articles' picks, then ("fan-out") the picks of the
articles that may now list them or stop listing them: their closest neighbours and every article
that currently picks one of them. `compute` does one batch: a fixed number of queries for the
batch, then pure scoring (see `scoring`).
"""
from collections import defaultdict
from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from editorial.text import html_to_text

from . import candidates, encoder
from .labels import Labels
from .models import ArticleEmbedding, RelatedChoice, RelatedPick
from .profiles import chunks, load_profiles, readable_articles, rows
from .scoring import arrange, score
from .vectors import index

BATCH = 100
ENCODE_BATCH = 64
FAN_OUT = 20          # neighbours per changed article whose picks are recomputed too
FAN_OUT_CAP = 2000    # ...and at most this many per refresh


def refresh(article_ids: Iterable[int], fan_out: bool = True) -> int:
    """Recompute these articles (and with `fan_out`, their neighbours); returns how many."""
    ids = sorted(set(article_ids))
    if not ids:
        return 0
    update_embeddings(ids)
    neighbours: set[int] = set()
    for batch in chunks(ids, BATCH):
        neighbours |= compute(batch)
    if not fan_out:
        return len(ids)
    neighbours |= set(rows(lambda c: RelatedPick.objects.filter(target_id__in=c)
                           .values_list("article_id", flat=True), ids))
    neighbours = sorted(neighbours - set(ids))[:FAN_OUT_CAP]
    update_embeddings(neighbours, only_missing=True)
    for batch in chunks(neighbours, BATCH):
        compute(batch, sync=False)
    return len(ids) + len(neighbours)


def update_embeddings(article_ids: Iterable[int], only_missing: bool = False) -> int:
    """Encode the texts of readable articles whose text changed (or, with `only_missing`, that
    have no vector yet); mark the rest as not live. Returns how many texts were encoded."""
    ids = list(article_ids)
    existing = {pk: (text_hash, live) for pk, text_hash, live in rows(
        lambda c: ArticleEmbedding.objects.filter(article_id__in=c)
        .values_list("article_id", "text_hash", "live"), ids)}
    wanted = [pk for pk in ids if pk not in existing] if only_missing else ids
    pages = list(rows(lambda c: readable_articles().filter(pk__in=c)
                      .values_list("pk", "title", "teaser", "body"), wanted))
    now = timezone.now()
    readable = {pk for pk, *_ in pages}
    gone = [pk for pk in ids if pk in existing and existing[pk][1] and pk not in readable]
    if not only_missing and gone:
        ArticleEmbedding.objects.filter(article_id__in=gone).update(live=False, updated_at=now)
    changed, revived = [], []
    for pk, title, teaser, body in pages:
        text = encoder.article_text(title, teaser, html_to_text(body))
        digest = encoder.text_hash(text)
        if pk in existing and existing[pk][0] == digest:
            if not existing[pk][1]:
                revived.append(pk)
            continue
        changed.append((pk, text, digest))
    if revived:
        ArticleEmbedding.objects.filter(article_id__in=revived).update(live=True, updated_at=now)
    for start in range(0, len(changed), ENCODE_BATCH):
        batch = changed[start:start + ENCODE_BATCH]
        vectors = encoder.encode([text for _, text, _ in batch])
        ArticleEmbedding.objects.bulk_create(
            [ArticleEmbedding(article_id=pk, vector=encoder.to_bytes(vector), text_hash=digest,
                              live=True, updated_at=now)
             for (pk, _, digest), vector in zip(batch, vectors, strict=True)],
            update_conflicts=True, unique_fields=["article"],
            update_fields=["vector", "text_hash", "live", "updated_at"])
    return len(changed)


def editors_choices(article_ids: Iterable[int]) -> tuple[dict[int, list[int]], dict[int, set[int]]]:
    pinned: dict[int, list[int]] = defaultdict(list)
    excluded: dict[int, set[int]] = defaultdict(set)
    for article_id, target_id, action in rows(
            lambda c: RelatedChoice.objects.filter(article_id__in=c)
            .order_by("article_id", "sort_order", "pk").values_list("article_id", "target_id", "action"),
            article_ids):
        if action == RelatedChoice.Action.EXCLUDE:
            excluded[article_id].add(target_id)
        elif target_id != article_id:
            pinned[article_id].append(target_id)
    return pinned, excluded


def compute(article_ids: list[int], sync: bool = True) -> set[int]:
    """Recompute and store one batch's picks; returns each article's closest neighbours."""
    if sync:
        index.sync()
    sources = load_profiles(article_ids, with_links=True)
    unreadable = set(article_ids) - set(sources)
    if unreadable:   # unpublished or restricted: nothing is shown, nothing is kept
        RelatedPick.objects.filter(article_id__in=unreadable).delete()
    if not sources:
        return set()
    found = candidates.find(sources, index)
    pinned, excluded = editors_choices(sources)
    wanted = set().union(*found.candidates.values(), *pinned.values())
    profiles = load_profiles(wanted)
    today = timezone.localdate()

    placed, neighbours = {}, set()
    for source, profile in sources.items():
        others = (set(found.candidates[source]) | set(pinned[source])) - {source}
        similarity = index.similarities(source, others)
        scored = [s for other in others if other in profiles
                  if (s := score(profile, profiles[other], similarity.get(other), today, found.df))]
        placed[source] = arrange(scored, [p for p in pinned[source] if p in profiles],
                                 excluded[source])
        best = sorted(scored, key=lambda s: -s.score)[:FAN_OUT]
        neighbours |= {s.target for s in best}

    labels = Labels((r for picks in placed.values() for p in picks for r in p.reasons),
                    (p.section for p in sources.values()))
    picks = [RelatedPick(article_id=source, target_id=p.target, slot=p.slot, rank=p.rank,
                         score=p.score, pinned=p.pinned,
                         reasons=[labels.stored(r, sources[source].section) for r in p.reasons])
             for source, items in placed.items() for p in items]
    with transaction.atomic():
        RelatedPick.objects.filter(article_id__in=list(sources)).delete()
        RelatedPick.objects.bulk_create(picks, batch_size=1000)
    return neighbours
