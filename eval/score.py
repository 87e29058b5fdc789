"""Score the extraction library against the hand-written corpus in eval/corpus/.

    make eval                 # per-role and overall precision / recall / F1
    python eval/score.py -v   # also list every miss and false alarm

The catalog of the demo content is the gazetteer, as in the importer. A predicted credit counts
when its role matches and its name is the same person's name in any script (the `names` keys).
"""
import argparse
import json
import sys
import tomllib
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extraction import Gazetteer, extract  # noqa: E402
from names import detect_script, same_name, similarity  # noqa: E402

CORPUS = ROOT / "eval" / "corpus"


def demo_gazetteer() -> Gazetteer:
    people = []
    for path in sorted((ROOT / "demo" / "content").glob("catalog-*.toml")):
        for person in tomllib.loads(path.read_text(encoding="utf-8")).get("person", []):
            people.append((person["name"], [n["name"] for n in person.get("names", [])]))
    return Gazetteer(people)


def fold(text: str | None) -> str:
    return " ".join((text or "").casefold().replace("ё", "е").split())


def names_match(a: str, b: str) -> bool:
    """Same person: equal, or the same name keys in any script. A Cyrillic spelling of a Western
    name ("Майкл Питерс") cannot be turned back into its English spelling by rules, so across
    scripts a close sound-alike (names.similarity ≥ 0.7) counts too."""
    if fold(a) == fold(b) or same_name(a, b):
        return True
    return detect_script(a) != detect_script(b) and similarity(a, b) >= 0.7


class Tally:
    def __init__(self):
        self.counts = defaultdict(lambda: [0, 0, 0])  # tp, fp, fn

    def add(self, key: str, tp: int = 0, fp: int = 0, fn: int = 0):
        row = self.counts[key]
        row[0] += tp
        row[1] += fp
        row[2] += fn

    @staticmethod
    def prf(tp, fp, fn):
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def match_lists(predicted: list, expected: list, same) -> tuple[int, list, list]:
    left = list(expected)
    tp, false_alarms = 0, []
    for item in predicted:
        hit = next((e for e in left if same(item, e)), None)
        if hit is None:
            false_alarms.append(item)
        else:
            left.remove(hit)
            tp += 1
    return tp, false_alarms, left


def score_article(result: dict, truth: dict, tally: Tally, log: list[str]) -> None:
    def credits_of(videos):
        return [(c["role"], c["name"]) for v in videos for c in v.get("credits", [])]

    predicted, expected = credits_of(result["videos"]), credits_of(truth["videos"])
    for role in {r for r, _ in predicted + expected}:
        tp, fps, fns = match_lists([c for c in predicted if c[0] == role],
                                   [c for c in expected if c[0] == role],
                                   lambda a, b: names_match(a[1], b[1]))
        tally.add(role, tp, len(fps), len(fns))
        log += [f"  false credit {r}: {n}" for r, n in fps] + [f"  missed credit {r}: {n}" for r, n in fns]

    titles_p = [v["title"] for v in result["videos"]]
    titles_e = [v["title"] for v in truth["videos"]]
    tp, fps, fns = match_lists(titles_p, titles_e, lambda a, b: fold(a) == fold(b))
    tally.add("video", tp, len(fps), len(fns))
    log += [f"  false video: {t}" for t in fps] + [f"  missed video: {t}" for t in fns]

    for field, getter in (("release_date", lambda v: v.get("release_date")),
                          ("album", lambda v: fold((v.get("album") or {}).get("title"))),
                          ("album_date", lambda v: (v.get("album") or {}).get("release_date"))):
        for video in truth["videos"]:
            want = getter(video)
            got_video = next((v for v in result["videos"] if fold(v["title"]) == fold(video["title"])), None)
            got = getter(got_video) if got_video else None
            if want and got == want:
                tally.add(field, tp=1)
            else:
                if want:
                    tally.add(field, fn=1)
                if got:
                    tally.add(field, fp=1)
                if want or got:
                    log.append(f"  {field}: expected {want!r}, got {got!r}")

    refs_p = [fold(r["title"]) for v in result["videos"] for r in v.get("references", [])]
    refs_e = [fold(r["title"]) for v in truth["videos"] for r in v.get("references", [])]
    tp, fps, fns = match_lists(refs_p, refs_e, lambda a, b: a == b)
    tally.add("reference", tp, len(fps), len(fns))
    log += [f"  false reference: {t}" for t in fps] + [f"  missed reference: {t}" for t in fns]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("--lang", choices=["ru", "en"])
    parser.add_argument("--corpus", default=str(CORPUS),
                        help="folder of ru/ and en/ articles (eval/holdout is kept for held-out checks)")
    args = parser.parse_args()
    gazetteer = demo_gazetteer()
    tallies = {"ru": Tally(), "en": Tally()}
    corpus = Path(args.corpus)
    articles = sorted(p for p in corpus.glob("*/*") if p.suffix in (".txt", ".md", ".html"))
    if args.lang:
        articles = [a for a in articles if a.parent.name == args.lang]
    for path in articles:
        truth = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
        published = (truth.get("article") or {}).get("published")
        result = extract(path.read_bytes(), None, date.fromisoformat(published) if published else None,
                         gazetteer)
        log: list[str] = []
        score_article(result, truth, tallies[path.parent.name], log)
        if args.verbose and log:
            print(f"{path.relative_to(corpus)}")
            print("\n".join(log))
    report(tallies, len(articles))
    return 0


CREDIT_ROLES = ("director", "cinematographer", "art_director", "production_designer", "editor",
                "choreographer", "producer", "production_company", "cast", "songwriter", "screenwriter",
                "stylist", "lighting", "vfx", "colorist", "animator")


def report(tallies: dict[str, Tally], count: int) -> None:
    combined = Tally()
    for tally in tallies.values():
        for key, (tp, fp, fn) in tally.counts.items():
            combined.add(key, tp, fp, fn)
    print(f"\n{count} articles\n")
    print(f"{'':22}{'P':>6}{'R':>6}{'F1':>6}{'tp':>5}{'fp':>5}{'fn':>5}")
    groups = [("credits by role", [k for k in CREDIT_ROLES if k in combined.counts]),
              ("other facts", ["video", "release_date", "album", "album_date", "reference"])]
    for heading, keys in groups:
        print(heading)
        for key in keys:
            tp, fp, fn = combined.counts[key]
            p, r, f = Tally.prf(tp, fp, fn)
            print(f"  {key:20}{p:6.2f}{r:6.2f}{f:6.2f}{tp:5}{fp:5}{fn:5}")
    print()
    for label, tally in (("ru", tallies["ru"]), ("en", tallies["en"]), ("all", combined)):
        credit = [sum(tally.counts[k][i] for k in CREDIT_ROLES if k in tally.counts) for i in range(3)]
        every = [sum(v[i] for v in tally.counts.values()) for i in range(3)]
        _, _, cf = Tally.prf(*credit)
        _, _, af = Tally.prf(*every)
        print(f"{label:4} credits F1 {cf:.3f}   all facts F1 {af:.3f}")


if __name__ == "__main__":
    sys.exit(main())
