"""A floor under extraction quality on the hand-written corpus (`make eval` prints the figures).

The floors sit a little below today's scores (credits F1 0.91, director 0.95), so a change that
makes extraction clearly worse fails here instead of passing unnoticed.
"""
import json
from datetime import date
from pathlib import Path

from extraction import extract

ROOT = Path(__file__).resolve().parents[2]


def test_corpus_scores_stay_above_the_floor():
    import sys

    sys.path.insert(0, str(ROOT / "eval"))
    from score import CREDIT_ROLES, Tally, demo_gazetteer, score_article

    gazetteer = demo_gazetteer()
    tally = Tally()
    for path in sorted((ROOT / "eval" / "corpus").glob("*/*")):
        if path.suffix not in (".txt", ".md", ".html"):
            continue
        truth = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        published = truth["article"].get("published")
        result = extract(path.read_bytes(), None, date.fromisoformat(published) if published else None,
                         gazetteer)
        score_article(result, truth, tally, [])
    credits = [sum(tally.counts[r][i] for r in CREDIT_ROLES if r in tally.counts) for i in range(3)]
    assert Tally.prf(*credits)[2] >= 0.88
    assert Tally.prf(*tally.counts["director"])[2] >= 0.90
    assert Tally.prf(*tally.counts["video"])[2] >= 0.85
