"""The one decoding pass: ffmpeg decodes, rotates, resamples the frame rate and scales down; we read
raw RGB frames from its pipe in chunks.

Letting ffmpeg scale (in C, with its own threads) means Python only ever touches ~160 px frames, so
the decoder stays the bottleneck. A watchdog kills ffmpeg when the time limit passes, so a file that
makes the decoder spin can never hang the caller.
"""
from __future__ import annotations

import subprocess
import threading
import time
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .errors import VisionInputError, VisionTimeout
from .probe import VideoInfo, tool

ANALYSIS_LONG_SIDE_PX = 160
CHUNK_FRAMES = 32


def analysis_size(info: VideoInfo, long_side: int = ANALYSIS_LONG_SIDE_PX) -> tuple[int, int]:
    """Width and height (both even, as scalers prefer) with the longer side `long_side` pixels."""
    scale = long_side / max(info.display_width, info.display_height)
    scale = min(scale, 1.0)

    def even(value: float) -> int:
        return max(2, int(round(value / 2)) * 2)

    return even(info.display_width * scale), even(info.display_height * scale)


def filter_chain(info: VideoInfo, width: int, height: int) -> str:
    """The ffmpeg filters shared by our decode and the benchmark's plain decode."""
    return f"fps={info.fps.numerator}/{info.fps.denominator},scale={width}:{height}:flags=area,setsar=1"


@dataclass
class FrameChunk:
    """Consecutive decoded frames: `pixels` is (n, height, width, 3) uint8, `first` the index of the
    first frame in the whole video."""

    first: int
    pixels: np.ndarray


class FrameReader:
    """Iterates over the video as FrameChunks; raises VisionInputError if ffmpeg fails or runs late."""

    def __init__(self, info: VideoInfo, time_limit_s: float, long_side: int = ANALYSIS_LONG_SIDE_PX,
                 chunk_frames: int = CHUNK_FRAMES):
        self.info = info
        self.width, self.height = analysis_size(info, long_side)
        self.time_limit_s = time_limit_s
        self.chunk_frames = chunk_frames
        self.frames_read = 0
        self._stderr_tail: deque[str] = deque(maxlen=5)
        self._timed_out = threading.Event()

    def command(self) -> list[str]:
        return [tool("ffmpeg"), "-nostdin", "-hide_banner", "-v", "error", "-threads", "0",
                "-i", str(self.info.path), "-map", f"0:{self.info.stream_index}", "-an", "-sn", "-dn",
                "-vf", filter_chain(self.info, self.width, self.height),
                "-pix_fmt", "rgb24", "-f", "rawvideo", "pipe:1"]

    def _drain_stderr(self, stream) -> None:
        for line in iter(stream.readline, b""):
            text = line.decode("utf-8", "replace").strip()
            if text:
                self._stderr_tail.append(text)

    def _watchdog(self, process: subprocess.Popen, finished: threading.Event) -> None:
        if not finished.wait(self.time_limit_s):
            self._timed_out.set()
            process.kill()

    def __iter__(self) -> Iterator[FrameChunk]:
        frame_bytes = self.width * self.height * 3
        process = subprocess.Popen(self.command(), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, bufsize=frame_bytes * self.chunk_frames)
        finished = threading.Event()
        threads = [threading.Thread(target=self._drain_stderr, args=(process.stderr,), daemon=True),
                   threading.Thread(target=self._watchdog, args=(process, finished), daemon=True)]
        for thread in threads:
            thread.start()
        started = time.monotonic()
        try:
            while True:
                buffer = process.stdout.read(frame_bytes * self.chunk_frames)
                whole = len(buffer) // frame_bytes
                if whole:
                    pixels = np.frombuffer(buffer, np.uint8, whole * frame_bytes)
                    pixels = pixels.reshape(whole, self.height, self.width, 3)
                    yield FrameChunk(self.frames_read, pixels)
                    self.frames_read += whole
                if len(buffer) < frame_bytes * self.chunk_frames:
                    break
            returncode = process.wait()
        finally:
            finished.set()
            if process.poll() is None:
                process.kill()
                process.wait()
            process.stdout.close()
            threads[0].join(timeout=5)
            process.stderr.close()
        if self._timed_out.is_set():
            raise VisionTimeout(f"{self.info.path}: analysis stopped after the {self.time_limit_s:g} s time "
                                f"limit ({self.frames_read} frames decoded in "
                                f"{time.monotonic() - started:.0f} s)")
        if returncode != 0:
            detail = self._stderr_tail[-1] if self._stderr_tail else f"exit status {returncode}"
            raise VisionInputError(f"{self.info.path}: ffmpeg could not decode the video ({detail})")

    @property
    def decoder_messages(self) -> list[str]:
        return list(self._stderr_tail)
