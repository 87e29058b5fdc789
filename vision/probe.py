"""What ffprobe says about a file: enough to plan one decoding pass and to refuse bad input early.

Refusing here (no video stream, absurd size, no frames) costs milliseconds, whereas finding out
during decoding can cost minutes or a hang.
"""
from __future__ import annotations

import json
import math
import shutil
import subprocess
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from .errors import VisionInputError

PROBE_TIMEOUT_S = 30
MAX_SIDE_PX = 8192  # 8K UHD is 7680 × 4320; anything wider is a mistake or an attack
MAX_PIXELS = 8192 * 4608
DEFAULT_FPS = Fraction(25)
MAX_FPS = Fraction(60)  # high-speed phone footage is analysed at 60 frames a second


@dataclass(frozen=True)
class VideoInfo:
    """The video stream we will decode, as displayed (rotation applied, pixels made square)."""

    path: Path
    size_bytes: int
    stream_index: int
    codec: str
    coded_width: int
    coded_height: int
    display_width: int
    display_height: int
    rotation: int  # degrees clockwise the player turns the picture: 0, 90, 180 or 270
    fps: Fraction  # the rate we decode at; variable-rate files are resampled to it
    duration_s: float | None
    variable_frame_rate: bool

    @property
    def expected_frames(self) -> int | None:
        if self.duration_s is None:
            return None
        return max(1, round(self.duration_s * float(self.fps)))


def tool(name: str) -> str:
    found = shutil.which(name)
    if not found:
        raise VisionInputError(f"{name} is not installed (Debian: apt-get install ffmpeg)")
    return found


def _rate(text: str | None) -> Fraction | None:
    try:
        rate = Fraction(text or "0")
    except (ValueError, ZeroDivisionError):
        return None
    return rate if rate > 0 else None


def _rotation(stream: dict) -> int:
    """Rotation from the display matrix (ffmpeg ≥ 5) or the older `rotate` tag, as 0/90/180/270."""
    degrees = 0.0
    for side in stream.get("side_data_list") or []:
        if "rotation" in side:
            degrees = -float(side["rotation"])  # the matrix rotates counter-clockwise
            break
    else:
        tag = (stream.get("tags") or {}).get("rotate")
        if tag:
            degrees = float(tag)
    return int(round(degrees / 90.0)) % 4 * 90


def _duration(stream: dict, fmt: dict) -> float | None:
    for value in (stream.get("duration"), fmt.get("duration")):
        try:
            seconds = float(value)
        except (TypeError, ValueError):
            continue
        if math.isfinite(seconds) and seconds > 0:
            return seconds
    return None


def probe(path: str | Path) -> VideoInfo:
    """Describe the first real video stream of `path`, or raise VisionInputError saying why not."""
    file = Path(path)
    if not file.exists():
        raise VisionInputError(f"no such file: {file}")
    if not file.is_file():
        raise VisionInputError(f"{file} is not a regular file")
    size = file.stat().st_size
    if size == 0:
        raise VisionInputError(f"{file} is empty (0 bytes)")
    command = [tool("ffprobe"), "-v", "error", "-print_format", "json", "-show_format", "-show_streams",
               str(file)]
    try:
        done = subprocess.run(command, capture_output=True, timeout=PROBE_TIMEOUT_S, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise VisionInputError(f"{file}: ffprobe did not answer within {PROBE_TIMEOUT_S} s") from None
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = reason[-1].split(": ", 1)[-1] if reason else "unreadable"
        raise VisionInputError(f"{file} is not a readable video ({detail})")
    try:
        data = json.loads(done.stdout)
    except ValueError:
        raise VisionInputError(f"{file}: ffprobe gave no usable description") from None
    streams = data.get("streams") or []
    fmt = data.get("format") or {}
    videos = [s for s in streams if s.get("codec_type") == "video"
              and not (s.get("disposition") or {}).get("attached_pic")]  # cover art is not a video
    if not videos:
        kinds = sorted({s.get("codec_type", "?") for s in streams}) or ["nothing"]
        raise VisionInputError(f"{file} has no video stream (it contains {', '.join(kinds)})")
    stream = videos[0]
    width, height = int(stream.get("width") or 0), int(stream.get("height") or 0)
    if width <= 0 or height <= 0:
        raise VisionInputError(f"{file}: the video stream has no picture size")
    if max(width, height) > MAX_SIDE_PX or width * height > MAX_PIXELS:
        raise VisionInputError(f"{file}: {width}×{height} is larger than the {MAX_SIDE_PX} px limit")
    sar = _rate(stream.get("sample_aspect_ratio", "1:1").replace(":", "/")) or Fraction(1)
    display_width = max(1, round(width * sar))
    rotation = _rotation(stream)
    if rotation in (90, 270):
        display_width, display_height = height, display_width
    else:
        display_height = height
    average = _rate(stream.get("avg_frame_rate"))
    nominal = _rate(stream.get("r_frame_rate"))
    fps = average or nominal or DEFAULT_FPS
    if fps > MAX_FPS:
        fps = MAX_FPS
    variable = bool(average and nominal and abs(float(average) - float(nominal)) > 0.01 * float(nominal))
    frame_count = stream.get("nb_frames")
    if frame_count is not None and str(frame_count).isdigit() and int(frame_count) == 1:
        raise VisionInputError(f"{file} holds a single frame: a still image, not a video")
    return VideoInfo(path=file, size_bytes=size, stream_index=int(stream.get("index", 0)),
                     codec=str(stream.get("codec_name", "?")), coded_width=width, coded_height=height,
                     display_width=display_width, display_height=display_height, rotation=rotation,
                     fps=fps.limit_denominator(1001), duration_s=_duration(stream, fmt),
                     variable_frame_rate=variable)
