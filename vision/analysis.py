"""`analyze(path)`: one decoding pass feeding every detector, then the report.

The report is a plain dict following SCHEMA.md ("deepcuts.vision/1"); `Analysis` also keeps what
the pictures need (one frame per shot, the colour samples), so the CLI can draw them without
decoding again.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .decode import FrameReader
from .detectors import (
    Cut,
    CutDetector,
    ExposureTracker,
    FadeDetector,
    GradualTransition,
    PaletteAccumulator,
    ShotFrameSampler,
)
from .errors import VisionInputError
from .features import FeatureExtractor
from .palette import ColourHistogram, palette
from .probe import VideoInfo, probe

SCHEMA = "deepcuts.vision/1"
DEFAULT_TIME_LIMIT_S = 600.0
VIDEO_PALETTE_SIZE = 8
SHOT_PALETTE_SIZE = 4
SERIES_POINTS_MAX = 600
MIN_SHOT_FRAMES = 3
TRUNCATION_TOLERANCE = 0.8  # fewer frames than this share of the announced duration: damaged file

Progress = Callable[[int, int | None], None]


@dataclass
class Shot:
    start: int
    end: int  # exclusive
    begins_with: str  # "start", "cut", "fade" or "dissolve"


@dataclass
class Analysis:
    info: VideoInfo
    fps: float
    frame_count: int
    size: tuple[int, int]
    cuts: list[Cut]
    transitions: list[GradualTransition]
    shots: list[Shot]
    exposure: np.ndarray
    palettes: PaletteAccumulator
    sampler: ShotFrameSampler
    elapsed_s: float
    report: dict = field(default_factory=dict)

    def seconds(self, frame: int) -> float:
        return round(frame / self.fps, 3)


def analyze(path: str | Path, *, time_limit_s: float = DEFAULT_TIME_LIMIT_S,
            progress: Progress | None = None) -> Analysis:
    """Analyse a video file; raises VisionInputError (one readable sentence) if it cannot."""
    started = time.perf_counter()
    info = probe(path)
    reader = FrameReader(info, time_limit_s)
    extract = FeatureExtractor(reader.width, reader.height)
    cuts = CutDetector()
    fades = FadeDetector()
    exposure = ExposureTracker()
    colours = PaletteAccumulator()
    sampler = ShotFrameSampler(split_score=cuts.min_score)
    detectors = (cuts, fades, exposure, colours, sampler)
    expected = info.expected_frames
    for chunk in reader:
        features = extract(chunk)
        for detector in detectors:
            detector.feed(features)
        if progress:
            progress(reader.frames_read, expected)
    count = reader.frames_read
    if count == 0:
        raise VisionInputError(f"{info.path}: no frame could be decoded")
    if count == 1:
        raise VisionInputError(f"{info.path} holds a single frame: a still image, not a video")
    if expected and count < TRUNCATION_TOLERANCE * expected and expected - count > float(info.fps) / 2:
        raise VisionInputError(f"{info.path} looks truncated or damaged: {count / float(info.fps):.1f} s of "
                               f"{info.duration_s:.1f} s could be decoded")
    found_cuts = cuts.finish()
    gradual = fades.finish()
    # A solid colour crossing histogram bins mid-dissolve can look like a cut: the mix explains it.
    found_cuts = [c for c in found_cuts if not any(t.start <= c.frame <= t.end for t in gradual)]
    analysis = Analysis(info=info, fps=float(info.fps), frame_count=count, size=(reader.width, reader.height),
                        cuts=found_cuts, transitions=gradual, shots=segment_shots(found_cuts, gradual, count),
                        exposure=exposure.finish(), palettes=colours, sampler=sampler, elapsed_s=0.0)
    analysis.report = build_report(analysis)
    analysis.elapsed_s = time.perf_counter() - started
    analysis.report["analysis"]["seconds"] = round(analysis.elapsed_s, 3)
    return analysis


def segment_shots(cuts: list[Cut], transitions: list[GradualTransition], count: int) -> list[Shot]:
    """Shots from the boundaries: every cut; the middle of every dissolve; and the start of a
    fade-in that follows a fade-out (a fade-in after a cut to black, or at the very start of the
    video, opens no new shot)."""
    boundaries: dict[int, str] = {c.frame: "cut" for c in cuts}
    last_fade_out = None
    for transition in transitions:
        if transition.kind == "dissolve":
            boundaries.setdefault((transition.start + transition.end + 1) // 2, "dissolve")
        elif transition.kind == "fade_out":
            last_fade_out = transition
        elif transition.kind == "fade_in" and last_fade_out is not None:
            if not any(last_fade_out.end < frame <= transition.start for frame in boundaries):
                boundaries[transition.start] = "fade"
            last_fade_out = None
    shots: list[Shot] = []
    start, kind = 0, "start"
    for frame in sorted(boundaries):
        if frame - start < MIN_SHOT_FRAMES or frame >= count:
            continue
        shots.append(Shot(start, frame, kind))
        start, kind = frame, boundaries[frame]
    shots.append(Shot(start, count, kind))
    return shots


def _summary(values: np.ndarray) -> dict:
    return {"mean": round(float(values.mean()), 4), "p10": round(float(np.percentile(values, 10)), 4),
            "p90": round(float(np.percentile(values, 90)), 4)}


def _series(values: np.ndarray, fps: float) -> tuple[float, list[float]]:
    """Averages over equal steps: one a second, or fewer for long videos."""
    step_frames = max(1, int(round(fps)))
    if len(values) / step_frames > SERIES_POINTS_MAX:
        step_frames = int(np.ceil(len(values) / SERIES_POINTS_MAX))
    points = [round(float(values[i: i + step_frames].mean()), 4) for i in range(0, len(values), step_frames)]
    return step_frames / fps, points


def build_report(a: Analysis) -> dict:
    duration = a.frame_count / a.fps
    lengths = np.array([(s.end - s.start) / a.fps for s in a.shots])
    brightness, saturation, contrast = a.exposure[:, 0], a.exposure[:, 1], a.exposure[:, 2]
    interval, _ = _series(brightness, a.fps)
    shots = []
    whole = ColourHistogram()  # the video's colours are the sum of its shots': no second pass
    for number, shot in enumerate(a.shots):
        histogram = a.palettes.histogram(shot.start, shot.end)
        whole.merge(histogram)
        colours = palette(histogram, k=SHOT_PALETTE_SIZE, min_share=0.05)
        shots.append({
            "index": number, "start_frame": shot.start, "end_frame": shot.end,
            "start_s": a.seconds(shot.start), "end_s": a.seconds(shot.end),
            "duration_s": round((shot.end - shot.start) / a.fps, 3), "begins_with": shot.begins_with,
            "brightness": round(float(brightness[shot.start: shot.end].mean()), 4),
            "saturation": round(float(saturation[shot.start: shot.end].mean()), 4),
            "contrast": round(float(contrast[shot.start: shot.end].mean()), 4),
            "palette": [c.as_dict() for c in colours],
        })
    video_colours = palette(whole, k=VIDEO_PALETTE_SIZE)
    return {
        "schema": SCHEMA,
        "file": {"name": a.info.path.name, "size_bytes": a.info.size_bytes},
        "video": {
            "duration_s": round(duration, 3), "fps": round(a.fps, 3), "frames": a.frame_count,
            "width": a.info.display_width, "height": a.info.display_height, "rotation": a.info.rotation,
            "codec": a.info.codec, "variable_frame_rate": a.info.variable_frame_rate,
            "analysed_at": {"width": a.size[0], "height": a.size[1]},
        },
        "pace": {
            "shots": len(a.shots), "cuts": len(a.cuts),
            "shots_per_minute": round(len(a.shots) / (duration / 60), 2),
            "average_shot_length_s": round(float(lengths.mean()), 3),
            "median_shot_length_s": round(float(np.median(lengths)), 3),
        },
        "cuts": [{"frame": c.frame, "time_s": a.seconds(c.frame), "score": round(c.score, 3)}
                 for c in a.cuts],
        "transitions": [{"type": t.kind, "start_frame": t.start, "end_frame": t.end,
                         "start_s": a.seconds(t.start), "end_s": a.seconds(t.end + 1)}
                        for t in a.transitions],
        "palette": [c.as_dict() for c in video_colours],
        "exposure": {
            "brightness": _summary(brightness), "saturation": _summary(saturation),
            "contrast": _summary(contrast),
            "series": {"interval_s": round(interval, 3), "brightness": _series(brightness, a.fps)[1],
                       "saturation": _series(saturation, a.fps)[1], "contrast": _series(contrast, a.fps)[1]},
        },
        "shots": shots,
        "analysis": {"colour_names": "xkcd-survey", "colour_distance": "CIEDE2000", "colour_space": "CIELAB",
                     "seconds": None},
    }
