"""Palettes: weighted k-means in CIELAB over colour samples, each cluster named in words.

Samples are first pooled into 32×32×32 RGB bins (count and exact mean colour per bin), so k-means
runs over at most 32,768 weighted points however long the video is. A pixel sample counts once
per frame it appears in, so a cluster's weight is its share of screen area times screen time.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .colour import ColourNames, hex_of, rgb_to_lab, xkcd_names

BIN_SHIFT = 3  # 256 / 2**3 = 32 levels a channel
BINS = (256 >> BIN_SHIFT) ** 3
SEED = 20240524  # fixed: the same video always gives the same palette


@dataclass(frozen=True)
class PaletteColour:
    rgb: tuple[float, float, float]
    lab: tuple[float, float, float]
    share: float
    name: str
    name_distance: float  # CIEDE2000 to the named survey colour

    def as_dict(self) -> dict:
        return {"hex": hex_of(self.rgb), "name": self.name, "share": round(self.share, 4),
                "lab": [round(v, 1) for v in self.lab], "name_delta_e": round(self.name_distance, 1)}


class ColourHistogram:
    """Counts and colour sums per RGB bin: a lossless-enough summary of any number of pixels."""

    def __init__(self) -> None:
        self.counts = np.zeros(BINS, np.float64)
        self.sums = np.zeros((BINS, 3), np.float64)

    CHUNK = 1 << 20  # pixels per pass: the temporaries stay near 40 MB whatever the video's length

    def add(self, pixels: np.ndarray) -> None:
        """Add (..., 3) uint8 RGB samples."""
        flat = pixels.reshape(-1, 3)
        for start in range(0, len(flat), self.CHUNK):
            part = flat[start:start + self.CHUNK]
            q = (part >> BIN_SHIFT).astype(np.int32)
            index = (q[:, 0] << 10) | (q[:, 1] << 5) | q[:, 2]
            self.counts += np.bincount(index, minlength=BINS)
            for channel in range(3):
                self.sums[:, channel] += np.bincount(index, weights=part[:, channel], minlength=BINS)

    def merge(self, other: ColourHistogram) -> None:
        self.counts += other.counts
        self.sums += other.sums

    @property
    def total(self) -> float:
        return float(self.counts.sum())

    def points(self) -> tuple[np.ndarray, np.ndarray]:
        """Mean RGB colour and weight of every occupied bin."""
        occupied = np.flatnonzero(self.counts)
        weights = self.counts[occupied]
        return self.sums[occupied] / weights[:, None], weights


def weighted_kmeans(points: np.ndarray, weights: np.ndarray, k: int, iterations: int = 30,
                    seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """Lloyd's k-means with k-means++ seeding; returns (centres, total weight per centre).

    Deterministic for a given input (fixed seed, ties broken by index)."""
    k = min(k, len(points))
    rng = np.random.default_rng(seed)
    probabilities = weights / weights.sum()
    centres = [points[rng.choice(len(points), p=probabilities)]]
    nearest = ((points - centres[0]) ** 2).sum(axis=1)
    for _ in range(1, k):
        spread = nearest * weights
        if spread.sum() <= 0:
            break
        centres.append(points[rng.choice(len(points), p=spread / spread.sum())])
        nearest = np.minimum(nearest, ((points - centres[-1]) ** 2).sum(axis=1))
    centres = np.array(centres)
    labels = np.zeros(len(points), int)
    for _ in range(iterations):
        distances = ((points[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2)
        new_labels = distances.argmin(axis=1)
        mass = np.bincount(new_labels, weights=weights, minlength=len(centres))
        moved = np.stack([np.bincount(new_labels, weights=weights * points[:, d], minlength=len(centres))
                          for d in range(points.shape[1])], axis=1)
        keep = mass > 0
        centres = np.where(keep[:, None], moved / np.maximum(mass, 1e-12)[:, None], centres)
        if np.array_equal(new_labels, labels):
            break
        labels = new_labels
    mass = np.bincount(labels, weights=weights, minlength=len(centres))
    return centres[mass > 0], mass[mass > 0]


def _lab_to_rgb(lab: np.ndarray) -> np.ndarray:
    """Inverse of rgb_to_lab for the cluster centres we report (clipped to the sRGB gamut)."""
    L, a, b = lab[..., 0], lab[..., 1], lab[..., 2]
    fy = (L + 16) / 116
    fx, fz = fy + a / 500, fy - b / 200
    epsilon, kappa = 216 / 24389, 24389 / 27

    def finv(f):
        return np.where(f**3 > epsilon, f**3, (116 * f - 16) / kappa)

    xyz = np.stack([finv(fx), np.where(L > kappa * epsilon, fy**3, L / kappa), finv(fz)], axis=-1)
    xyz = xyz * np.array([0.95047, 1.0, 1.08883])
    matrix = np.linalg.inv(np.array([[0.4124564, 0.3575761, 0.1804375],
                                     [0.2126729, 0.7151522, 0.0721750],
                                     [0.0193339, 0.1191920, 0.9503041]]))
    linear = np.clip(xyz @ matrix.T, 0, 1)
    srgb = np.where(linear <= 0.0031308, 12.92 * linear, 1.055 * linear ** (1 / 2.4) - 0.055)
    return srgb * 255


def palette(histogram: ColourHistogram, k: int = 6, min_share: float = 0.02,
            names: ColourNames | None = None) -> list[PaletteColour]:
    """The main colours of the pixels in `histogram`, heaviest first.

    Clusters that get the same name are merged: a reader wants "teal 40%", not "teal 25%, teal 15%"."""
    if histogram.total <= 0:
        return []
    names = names or xkcd_names()
    rgb, weights = histogram.points()
    lab = rgb_to_lab(rgb)
    centres, mass = weighted_kmeans(lab, weights, k)
    shares = mass / mass.sum()
    named = names.nearest(centres)
    merged: dict[str, list] = {}
    for centre, share, (name, distance) in zip(centres, shares, named, strict=True):
        if name in merged:
            entry = merged[name]
            total = entry[1] + share
            entry[0] = (entry[0] * entry[1] + centre * share) / total
            entry[1] = total
        else:
            merged[name] = [centre, share, distance]
    colours = []
    for name, (centre, share, _) in merged.items():
        if share < min_share:
            continue
        distance = names.nearest(centre)[0][1]
        colours.append(PaletteColour(tuple(float(v) for v in _lab_to_rgb(centre)),
                                     tuple(float(v) for v in centre), float(share), name, distance))
    colours.sort(key=lambda c: -c.share)
    return colours
