"""Extraction speed: model load once per process, then time per article over the corpus.

    .venv/bin/python bench/extraction.py
"""
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))


def main() -> None:
    start = time.perf_counter()
    from extraction.people import natasha_models

    natasha_models()
    load = time.perf_counter() - start
    from score import demo_gazetteer

    from extraction import extract

    gazetteer = demo_gazetteer()
    corpus = sorted((ROOT / "eval" / "corpus").glob("*/*"))
    articles = [p for p in corpus if p.suffix in (".txt", ".md", ".html")]
    times = {"ru": [], "en": []}
    for _ in range(3):
        for path in articles:
            data = path.read_bytes()
            t = time.perf_counter()
            extract(data, None, None, gazetteer)
            times[path.parent.name].append((time.perf_counter() - t) * 1000)
    print(f"natasha models load once per process: {load * 1000:.0f} ms")
    for lang, values in times.items():
        values.sort()
        p95 = values[int(len(values) * 0.95) - 1]
        print(f"{lang}: median {statistics.median(values):.1f} ms, p95 {p95:.1f} ms per article "
              f"({len(values)} runs)")


if __name__ == "__main__":
    main()
