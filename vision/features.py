"""Per-frame measurements computed once per chunk and shared by every detector.

Computing them in one vectorised step per chunk (not per frame, not per detector) keeps Python's
cost per frame far below the decoder's.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .decode import FrameChunk

GRID_CELLS_LONG_SIDE = 16  # the layout grid: 16 × 9 cells for a 16:9 video
SAMPLES_LONG_SIDE = 32  # colour samples: 32 × 18 points per frame for a 16:9 video
HIST_BITS = 3  # 8 levels a channel, 512 colour bins
GRID_DIFF_FULL_SCALE = 64.0  # a mean change of 64 levels a channel counts as a complete change


@dataclass
class ChunkFeatures:
    """`grid`: (n, gh, gw, 3) float32 cell means — the layout of each frame.
    `hist`: (n, 512) float32 colour histograms summing to 1 — the content regardless of layout.
    `samples`: (n, sh, sw, 3) uint8 point samples — real pixel colours for palettes and exposure.
    `change`: (n,) float32 content change from the previous frame (0 for the first frame)."""

    first: int
    pixels: np.ndarray
    grid: np.ndarray
    hist: np.ndarray
    samples: np.ndarray
    change: np.ndarray

    def __len__(self) -> int:
        return len(self.pixels)

    @property
    def indices(self) -> range:
        return range(self.first, self.first + len(self.pixels))


def content_change(hist_a, grid_a, hist_b, grid_b) -> np.ndarray:
    """How different two frames (or arrays of frame pairs) look, 0 (same) to 1 (unrelated).

    The geometric mean of a histogram distance and a layout distance: a cut changes both, while a
    pan or a moving subject mostly changes the layout, and a colour drifting across a histogram bin
    boundary (in a fade, say) mostly changes the histogram. Requiring both keeps those quiet."""
    hist_distance = 0.5 * np.abs(hist_a - hist_b).sum(axis=-1)
    axes = tuple(range(-3, 0))
    grid_distance = np.minimum(1.0, np.abs(grid_a - grid_b).mean(axis=axes) / GRID_DIFF_FULL_SCALE)
    return np.sqrt(hist_distance * grid_distance).astype(np.float32)


class FeatureExtractor:
    """Turns FrameChunks into ChunkFeatures, remembering the last frame to measure change across
    chunk boundaries."""

    def __init__(self, width: int, height: int):
        long_side = max(width, height)
        self.cell = max(1, long_side // GRID_CELLS_LONG_SIDE)
        self.grid_shape = (height // self.cell, width // self.cell)
        self.stride = max(1, long_side // SAMPLES_LONG_SIDE)
        self._previous: tuple[np.ndarray, np.ndarray] | None = None

    def grid(self, pixels: np.ndarray) -> np.ndarray:
        gh, gw = self.grid_shape
        c = self.cell
        cropped = pixels[:, : gh * c, : gw * c]
        # Two integer reduceat sums (rows of a cell, then cells) are ~5× faster than a float mean
        # over a reshaped view; a row of up to 257 pixels fits uint16.
        sums = np.add.reduceat(cropped, np.arange(0, gw * c, c), axis=2, dtype=np.uint16)
        sums = np.add.reduceat(sums, np.arange(0, gh * c, c), axis=1, dtype=np.uint32)
        return sums.astype(np.float32) / (c * c)

    @staticmethod
    def histograms(pixels: np.ndarray) -> np.ndarray:
        subsampled = pixels[:, ::2, ::2] >> (8 - HIST_BITS)
        n = len(pixels)
        per_frame = subsampled.shape[1] * subsampled.shape[2]
        levels = 1 << HIST_BITS
        bins = levels ** 3
        index = ((subsampled[..., 0].astype(np.int32) * levels + subsampled[..., 1]) * levels
                 + subsampled[..., 2]).reshape(n, -1)
        index += (np.arange(n, dtype=np.int32) * bins)[:, None]
        counts = np.bincount(index.ravel(), minlength=n * bins).reshape(n, bins)
        return (counts / per_frame).astype(np.float32)

    def __call__(self, chunk: FrameChunk) -> ChunkFeatures:
        pixels = chunk.pixels
        grid = self.grid(pixels)
        hist = self.histograms(pixels)
        half = self.stride // 2
        samples = np.ascontiguousarray(pixels[:, half:: self.stride, half:: self.stride])
        if self._previous is None:
            prev_hist, prev_grid = hist[:1], grid[:1]
        else:
            prev_hist, prev_grid = self._previous
        all_hist = np.concatenate([prev_hist, hist])
        all_grid = np.concatenate([prev_grid, grid])
        change = content_change(all_hist[:-1], all_grid[:-1], all_hist[1:], all_grid[1:])
        self._previous = (hist[-1:], grid[-1:])
        return ChunkFeatures(chunk.first, pixels, grid, hist, samples, change)
