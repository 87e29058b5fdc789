"""Colour science the analysis needs: sRGB → CIELAB, CIEDE2000, and names for colours.

Names come from the XKCD colour survey (Randall Munroe, 2010; ~949 names chosen by 222,500 people,
CC0 1.0 public domain), shipped as vision/data/xkcd_colors.csv, extracted from matplotlib's
`_color_data.py`. These are the words people actually use ("neon blue", "fuchsia", "teal").
A colour gets the name whose survey colour is nearest by CIEDE2000, which follows perceived
difference far better than distances in RGB or plain CIE76 in Lab (notably for blues and greys).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np

# sRGB (D65) to CIE XYZ, and the D65 white point, as in IEC 61966-2-1.
_RGB_TO_XYZ = np.array([[0.4124564, 0.3575761, 0.1804375],
                        [0.2126729, 0.7151522, 0.0721750],
                        [0.0193339, 0.1191920, 0.9503041]])
_WHITE_D65 = np.array([0.95047, 1.0, 1.08883])


def _srgb_to_linear_table() -> np.ndarray:
    c = np.arange(256) / 255.0
    return np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)


_LINEAR = _srgb_to_linear_table()


def rgb_to_lab(rgb: np.ndarray) -> np.ndarray:
    """(..., 3) sRGB in 0–255 (uint8 or float) → (..., 3) CIELAB floats (L 0–100)."""
    rgb = np.asarray(rgb)
    if rgb.dtype == np.uint8:
        linear = _LINEAR[rgb]
    else:
        c = np.clip(rgb / 255.0, 0.0, 1.0)
        linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    xyz = linear @ _RGB_TO_XYZ.T / _WHITE_D65
    epsilon, kappa = 216 / 24389, 24389 / 27
    f = np.where(xyz > epsilon, np.cbrt(xyz), (kappa * xyz + 16) / 116)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])],
                    axis=-1)


def ciede2000(lab1: np.ndarray, lab2: np.ndarray) -> np.ndarray:
    """CIEDE2000 colour difference (Sharma, Wu & Dalal 2005), broadcasting over leading axes."""
    lab1, lab2 = np.asarray(lab1, float), np.asarray(lab2, float)
    L1, a1, b1 = lab1[..., 0], lab1[..., 1], lab1[..., 2]
    L2, a2, b2 = lab2[..., 0], lab2[..., 1], lab2[..., 2]
    c_mean = (np.hypot(a1, b1) + np.hypot(a2, b2)) / 2
    g = 0.5 * (1 - np.sqrt(c_mean**7 / (c_mean**7 + 25.0**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = np.hypot(a1p, b1), np.hypot(a2p, b2)
    h1p = np.degrees(np.arctan2(b1, a1p)) % 360
    h2p = np.degrees(np.arctan2(b2, a2p)) % 360
    dL, dC = L2 - L1, c2p - c1p
    dh = h2p - h1p
    dh = np.where(dh > 180, dh - 360, np.where(dh < -180, dh + 360, dh))
    dh = np.where(c1p * c2p == 0, 0.0, dh)
    dH = 2 * np.sqrt(c1p * c2p) * np.sin(np.radians(dh / 2))
    L_mean, c_mean_p = (L1 + L2) / 2, (c1p + c2p) / 2
    h_sum = h1p + h2p
    h_mean = np.where(np.abs(h1p - h2p) > 180, np.where(h_sum < 360, h_sum + 360, h_sum - 360), h_sum) / 2
    h_mean = np.where(c1p * c2p == 0, h_sum, h_mean)
    t = (1 - 0.17 * np.cos(np.radians(h_mean - 30)) + 0.24 * np.cos(np.radians(2 * h_mean))
         + 0.32 * np.cos(np.radians(3 * h_mean + 6)) - 0.20 * np.cos(np.radians(4 * h_mean - 63)))
    s_l = 1 + 0.015 * (L_mean - 50) ** 2 / np.sqrt(20 + (L_mean - 50) ** 2)
    s_c = 1 + 0.045 * c_mean_p
    s_h = 1 + 0.015 * c_mean_p * t
    r_t = (-2 * np.sqrt(c_mean_p**7 / (c_mean_p**7 + 25.0**7))
           * np.sin(np.radians(60 * np.exp(-(((h_mean - 275) / 25) ** 2)))))
    return np.sqrt((dL / s_l) ** 2 + (dC / s_c) ** 2 + (dH / s_h) ** 2 + r_t * (dC / s_c) * (dH / s_h))


def hex_of(rgb) -> str:
    r, g, b = (int(round(min(255, max(0, v)))) for v in rgb)
    return f"#{r:02x}{g:02x}{b:02x}"


def rgb_of_hex(text: str) -> tuple[int, int, int]:
    text = text.lstrip("#")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


@dataclass(frozen=True)
class ColourNames:
    """A colour-name dictionary searchable by perceived difference."""

    names: tuple[str, ...]
    hexes: tuple[str, ...]
    lab: np.ndarray  # (n, 3)

    def nearest(self, lab: np.ndarray) -> list[tuple[str, float]]:
        """For each Lab colour in (m, 3): the nearest name and its CIEDE2000 distance."""
        lab = np.atleast_2d(lab)
        distances = ciede2000(lab[:, None, :], self.lab[None, :, :])
        best = distances.argmin(axis=1)
        return [(self.names[i], float(distances[row, i])) for row, i in enumerate(best)]

    def name(self, rgb) -> str:
        return self.nearest(rgb_to_lab(np.asarray(rgb, float)))[0][0]


@cache
def xkcd_names() -> ColourNames:
    """The XKCD colour survey names (CC0), loaded once per process."""
    text = resources.files("vision").joinpath("data/xkcd_colors.csv").read_text(encoding="utf-8")
    rows = [row for row in csv.reader(line for line in text.splitlines() if not line.startswith("#"))]
    rows = rows[1:]  # header: name,hex
    names = tuple(name for name, _ in rows)
    hexes = tuple(value for _, value in rows)
    lab = rgb_to_lab(np.array([rgb_of_hex(value) for value in hexes], float))
    return ColourNames(names, hexes, lab)
