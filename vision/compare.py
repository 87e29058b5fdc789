"""Comparing looks: how far apart two videos' palettes and pace are, and one palette for many.

Used for "similar look" and for a director's signature; works on `deepcuts.vision/1` reports, so
it needs nothing but the JSON.
"""
import math

import numpy as np

from .colour import ciede2000

# A pace ratio of e (≈2.7× more shots a minute) weighs like a colour difference of 15 ΔE00.
PACE_WEIGHT = 15.0


def palette_distance(a: list[dict], b: list[dict]) -> float:
    """Share-weighted, symmetric: each colour of one palette against its nearest in the other
    (CIEDE2000). 0 for the same palette; unrelated palettes land around 30–60."""
    if not a or not b:
        return 100.0

    def one_way(x, y):
        lab_y = np.array([c["lab"] for c in y], dtype=float)
        total = sum(c["share"] for c in x) or 1.0
        return sum(c["share"] * float(ciede2000(np.array(c["lab"], dtype=float)[None, :], lab_y).min())
                   for c in x) / total

    return (one_way(a, b) + one_way(b, a)) / 2


def pace_distance(a: float | None, b: float | None) -> float:
    if not a or not b:
        return 0.0
    return abs(math.log(a / b)) * PACE_WEIGHT


def look_distance(a: dict, b: dict) -> float:
    """Distance between two vision reports: palette plus pace."""
    return palette_distance(a.get("palette", []), b.get("palette", [])) + pace_distance(
        a.get("pace", {}).get("shots_per_minute"), b.get("pace", {}).get("shots_per_minute"))


def combined_palette(reports: list[dict], top: int = 6) -> list[dict]:
    """One palette for several videos (a director's signature): shares weighted by duration,
    colours with the same name merged, heaviest first."""
    merged: dict[str, dict] = {}
    total = sum(r.get("video", {}).get("duration_s", 0) or 0 for r in reports) or 1.0
    for report in reports:
        weight = (report.get("video", {}).get("duration_s", 0) or 0) / total
        for colour in report.get("palette", []):
            entry = merged.setdefault(colour["name"], {"name": colour["name"], "hex": colour["hex"],
                                                       "share": 0.0, "_best": 0.0})
            share = colour["share"] * weight
            entry["share"] += share
            if share > entry["_best"]:  # the hex of its heaviest occurrence
                entry["hex"], entry["_best"] = colour["hex"], share
    colours = sorted(merged.values(), key=lambda c: -c["share"])[:top]
    return [{"name": c["name"], "hex": c["hex"], "share": round(c["share"], 4)} for c in colours]
