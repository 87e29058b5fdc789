"""Small detectors, each fed every chunk of frames from the one decoding loop (the design of
PySceneDetect): each keeps only what it needs and reports when the video ends."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .features import ChunkFeatures, content_change
from .palette import ColourHistogram


@dataclass(frozen=True)
class Cut:
    frame: int  # the first frame of the new shot
    score: float


class CutDetector:
    """Hard cuts: a content change that stands out from its neighbourhood, and stays.

    - Adaptive threshold: the change into frame t must exceed `min_score` and be `ratio` times the
      mean change of the `window` frames on either side, so fast motion (large changes everywhere)
      does not cut while a cut between two still shots (tiny changes around it) does.
    - Flash guard: if some frame within `flash_frames` after the jump looks like a frame just before
      it, the picture came back — a flash of light or a strobe, not a cut.
    - At most one cut per `min_shot_frames` frames.
    Decisions wait `window + flash_frames` frames, so cuts are exact to the frame."""

    def __init__(self, min_score: float = 0.3, ratio: float = 3.0, window: int = 3, flash_frames: int = 3,
                 min_shot_frames: int = 3):
        self.min_score, self.ratio, self.window = min_score, ratio, window
        self.flash_frames, self.min_shot_frames = flash_frames, min_shot_frames
        self.cuts: list[Cut] = []
        self.rejected_flashes: list[int] = []
        self._changes: list[np.ndarray] = []
        self._change = np.zeros(0, np.float32)
        self._memory: dict[int, tuple[np.ndarray, np.ndarray]] = {}  # frame → (hist, grid), recent only
        self._pending: list[int] = []
        self._seen = 0

    @property
    def lookahead(self) -> int:
        return max(self.window, self.flash_frames)

    def feed(self, features: ChunkFeatures) -> None:
        self._changes.append(features.change)
        for offset, index in enumerate(features.indices):
            self._memory[index] = (features.hist[offset], features.grid[offset])
        candidates = np.flatnonzero(features.change >= self.min_score) + features.first
        self._pending.extend(int(c) for c in candidates if c > 0)
        self._seen = features.first + len(features)
        self._decide(final=False)

    def finish(self) -> list[Cut]:
        self._decide(final=True)
        return self.cuts

    def _decide(self, final: bool) -> None:
        if self._changes:
            self._change = np.concatenate([self._change, *self._changes])
            self._changes = []
        while self._pending and (final or self._pending[0] + self.lookahead < self._seen):
            frame = self._pending.pop(0)
            if self._is_cut(frame):
                if self.cuts and frame - self.cuts[-1].frame < self.min_shot_frames:
                    continue
                self.cuts.append(Cut(frame, float(self._change[frame])))
        oldest_needed = (self._pending[0] if self._pending else self._seen) - self.flash_frames - 2
        for index in [i for i in self._memory if i < oldest_needed]:
            del self._memory[index]

    def _is_cut(self, frame: int) -> bool:
        change = self._change
        score = float(change[frame])
        around = np.concatenate([change[max(1, frame - self.window): frame],
                                 change[frame + 1: frame + 1 + self.window]])
        if around.size and score < self.ratio * float(around.mean()):
            return False
        return not self._is_flash(frame, score)

    def _is_flash(self, frame: int, score: float) -> bool:
        similar = max(0.5 * self.min_score, 0.35 * score)
        span = self.flash_frames + 1
        for before in range(frame - 1, max(-1, frame - 1 - span), -1):
            for after in range(frame, frame + span):
                if after - before > span or before not in self._memory or after not in self._memory:
                    continue
                (hist_a, grid_a), (hist_b, grid_b) = self._memory[before], self._memory[after]
                if after > frame and content_change(hist_a, grid_a, hist_b, grid_b) < similar:
                    self.rejected_flashes.append(frame)
                    return True
        return False


@dataclass(frozen=True)
class GradualTransition:
    kind: str  # "fade_in", "fade_out" or "dissolve"
    start: int  # first frame that differs from the shot before
    end: int  # last frame of the change (inclusive)


class FadeDetector:
    """Fades to and from black, and dissolves: stretches where every frame is a mix of the frames at
    both ends (f_m ≈ a·f_start + (1−a)·f_end with a falling steadily), over more than a few frames.

    Checked on the 16×9 layout grid of every frame, kept for the whole video (≈1.7 kB a frame), at
    the end. Windows where one step makes most of the change are cuts, not mixes; a mix between
    two pictures that differ only in brightness is a lighting change unless one end is black."""

    def __init__(self, window: int = 6, min_change: float = 12.0, min_frames: int = 4,
                 black_level: float = 24.0):
        self.window, self.min_change = window, min_change
        self.min_frames, self.black_level = min_frames, black_level
        self._grids: list[np.ndarray] = []

    def feed(self, features: ChunkFeatures) -> None:
        self._grids.append(features.grid.reshape(len(features), -1).astype(np.float16))

    def is_black(self, grid: np.ndarray) -> np.ndarray:
        """Black frames: no cell brighter than `black_level` (0–255)."""
        luma = grid.reshape(*grid.shape[:-1], -1, 3) @ np.array([0.299, 0.587, 0.114], np.float32)
        return luma.max(axis=-1) < self.black_level

    def finish(self) -> list[GradualTransition]:
        if not self._grids:
            return []
        grids = np.concatenate(self._grids).astype(np.float32)
        self._grids = [grids]
        count, w = len(grids), self.window
        if count <= w:
            return []
        steps = np.abs(np.diff(grids, axis=0)).mean(axis=1)  # steps[i]: change from frame i to i+1
        start_grids, end_grids = grids[:-w], grids[w:]
        span = start_grids - end_grids
        total = np.abs(span).mean(axis=1)
        norm = np.maximum((span * span).sum(axis=1), 1e-6)
        mixed = total > self.min_change
        previous_alpha = np.ones(len(total), np.float32)
        worst_residual = np.zeros(len(total), np.float32)
        for j in range(1, w):
            middle = grids[j: count - w + j]
            alpha = ((middle - end_grids) * span).sum(axis=1) / norm
            residual = np.abs(middle - (end_grids + alpha[:, None] * span)).mean(axis=1)
            worst_residual = np.maximum(worst_residual, residual)
            mixed &= (alpha <= previous_alpha + 0.05) & (alpha > -0.05) & (alpha < 1.05)
            previous_alpha = alpha
        biggest_step = np.lib.stride_tricks.sliding_window_view(steps, w).max(axis=1)[: len(total)]
        mixed &= worst_residual < 0.12 * total + 1.5
        mixed &= biggest_step < 0.6 * total
        return self._regions(grids, steps, np.flatnonzero(mixed))

    def _regions(self, grids: np.ndarray, steps: np.ndarray, starts: np.ndarray) -> list[GradualTransition]:
        transitions: list[GradualTransition] = []
        regions: list[list[int]] = []
        for s in starts:
            if regions and s <= regions[-1][1]:
                regions[-1][1] = int(s) + self.window
            else:
                regions.append([int(s), int(s) + self.window])
        black = self.is_black(grids)
        for first, last in regions:
            moving = np.flatnonzero(steps[first:last] > 0.5)
            if moving.size == 0:
                continue
            start, end = first + int(moving[0]) + 1, first + int(moving[-1]) + 1
            if end - start + 1 < self.min_frames:
                continue
            before, after = grids[start - 1], grids[end]
            if black[end] and not black[start - 1]:
                kind = "fade_out"
            elif black[start - 1] and not black[end]:
                kind = "fade_in"
            elif black[start - 1] and black[end]:
                continue
            else:
                if self._same_picture_brighter(before, after):
                    continue
                kind = "dissolve"
            transitions.append(GradualTransition(kind, start, end))
        return transitions

    @staticmethod
    def _same_picture_brighter(before: np.ndarray, after: np.ndarray) -> bool:
        """A light dimming or an exposure ramp scales the picture; a dissolve replaces it."""
        scale = float((before * after).sum() / max(float((before * before).sum()), 1e-6))
        return float(np.abs(before * scale - after).mean()) < 8.0


class ExposureTracker:
    """Brightness, saturation and contrast of every frame (from the point samples), 0–1.

    Brightness is mean Rec. 601 luma; saturation the mean HSV saturation; contrast the RMS
    contrast (standard deviation of luma) — simple, well-known measures a reader can check."""

    def __init__(self) -> None:
        self._rows: list[np.ndarray] = []

    def feed(self, features: ChunkFeatures) -> None:
        samples = features.samples.reshape(len(features), -1, 3).astype(np.float32) / 255.0
        luma = samples @ np.array([0.299, 0.587, 0.114], np.float32)
        high, low = samples.max(axis=2), samples.min(axis=2)
        saturation = np.where(high > 0, (high - low) / np.maximum(high, 1e-6), 0.0)
        self._rows.append(np.stack([luma.mean(axis=1), saturation.mean(axis=1), luma.std(axis=1)], axis=1))

    def finish(self) -> np.ndarray:
        """(frames, 3): brightness, saturation, contrast."""
        return np.concatenate(self._rows) if self._rows else np.zeros((0, 3), np.float32)


class PaletteAccumulator:
    """Keeps every frame's colour samples (≈1.7 kB a frame) so palettes can be built per shot once
    the shots are known, and for the whole video."""

    def __init__(self) -> None:
        self._samples: list[np.ndarray] = []
        self._all: np.ndarray | None = None

    def feed(self, features: ChunkFeatures) -> None:
        self._samples.append(features.samples)

    @property
    def samples(self) -> np.ndarray:
        if self._all is None or self._samples:
            parts = ([self._all] if self._all is not None else []) + self._samples
            self._all, self._samples = np.concatenate(parts), []
        return self._all

    def histogram(self, start: int, end: int) -> ColourHistogram:
        """The colours of frames start..end-1."""
        histogram = ColourHistogram()
        histogram.add(self.samples[start:end])
        return histogram


class ShotFrameSampler:
    """One frame per shot for the contact sheet, without keeping the whole video.

    Shots are only known at the end, but every shot starts where the content changed by at least
    `split_score`; frames are kept per such segment, thinned by halving whenever a segment holds
    more than `per_segment` of them. At the end each shot takes the kept frame nearest its middle."""

    def __init__(self, split_score: float, per_segment: int = 6):
        self.split_score, self.per_segment = split_score, per_segment
        self._segments: list[dict] = []

    def feed(self, features: ChunkFeatures) -> None:
        for offset, index in enumerate(features.indices):
            if not self._segments or features.change[offset] >= self.split_score:
                self._segments.append({"start": index, "step": 1, "frames": {}})
            segment = self._segments[-1]
            if (index - segment["start"]) % segment["step"] == 0:
                segment["frames"][index] = features.pixels[offset].copy()
                if len(segment["frames"]) > self.per_segment:
                    segment["step"] *= 2
                    segment["frames"] = {i: f for i, f in segment["frames"].items()
                                         if (i - segment["start"]) % segment["step"] == 0}

    def frame_for(self, start: int, end: int) -> tuple[int, np.ndarray] | None:
        """The kept frame nearest the middle of frames start..end-1, preferring frames inside."""
        middle = (start + end - 1) / 2
        best = None
        for segment in self._segments:
            for index, frame in segment["frames"].items():
                inside = start <= index < end
                rank = (not inside, abs(index - middle))
                if best is None or rank < best[0]:
                    best = (rank, index, frame)
        return (best[1], best[2]) if best else None
