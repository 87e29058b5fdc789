"""Small test videos generated with ffmpeg's lavfi sources, once per test session.

Every video is 160×90 at 25 frames a second, encoded with libx264 (ultrafast), so the whole set
takes a couple of seconds to make. Cut frames are known exactly: a segment of d seconds is
d × 25 frames.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest

FPS = 25
SIZE = "160x90"

def ffmpeg(*args: str) -> None:
    subprocess.run(["ffmpeg", "-nostdin", "-y", "-v", "error", *args], check=True, timeout=60)


def encode(path: Path, inputs: list[str], graph: str | None = None, extra: tuple[str, ...] = ()) -> Path:
    """Encode lavfi `inputs` (concatenated when there are several, or passed through `graph`)."""
    args: list[str] = []
    for source in inputs:
        args += ["-f", "lavfi", "-i", source]
    if graph is None and len(inputs) > 1:
        graph = "".join(f"[{i}]" for i in range(len(inputs))) + f"concat=n={len(inputs)}:v=1[v]"
    if graph:
        args += ["-filter_complex", graph, "-map", "[v]"]
    ffmpeg(*args, "-c:v", "libx264", "-preset", "ultrafast", "-crf", "12", "-pix_fmt", "yuv420p", *extra,
           str(path))
    return path


def colour(hex_colour: str, frames: int) -> str:
    return f"color=c=0x{hex_colour}:s={SIZE}:r={FPS}:d={frames / FPS}"


# (colour or "testsrc2", frames). Cuts fall where each segment after the first begins.
CUT_SEGMENTS = [("FF00FF", 30), ("00FFFF", 20), ("testsrc2", 25), ("1F51FF", 25), ("FF8000", 6),
                ("008080", 24)]


def cut_frames() -> list[int]:
    frames, total = [], 0
    for _, length in CUT_SEGMENTS[:-1]:
        total += length
        frames.append(total)
    return frames


@pytest.fixture(scope="session")
def known() -> SimpleNamespace:
    """What the generated videos contain (test modules cannot import conftest under importlib mode)."""
    return SimpleNamespace(fps=FPS, segments=CUT_SEGMENTS, cut_frames=cut_frames(),
                           frames=sum(n for _, n in CUT_SEGMENTS))


@pytest.fixture(scope="session")
def analysed(videos):
    """Each good test video analysed once per session (analysis is deterministic)."""
    from vision import analyze

    cache: dict[str, object] = {}

    def get(name: str):
        if name not in cache:
            cache[name] = analyze(videos[name])
        return cache[name]

    return get


@pytest.fixture(scope="session")
def videos(tmp_path_factory) -> dict[str, Path]:
    if not (shutil.which("ffmpeg") and shutil.which("ffprobe")):
        # Not a skip: `make test` installs ffmpeg, so its absence is a broken set-up to fix.
        pytest.fail("ffmpeg is not installed: run `make test` (it installs Debian's ffmpeg).")
    folder = tmp_path_factory.mktemp("vision-videos")
    made: dict[str, Path] = {}
    sources = [f"testsrc2=s={SIZE}:r={FPS}:d={n / FPS}" if c == "testsrc2" else colour(c, n)
               for c, n in CUT_SEGMENTS]
    made["cuts"] = encode(folder / "cuts.mp4", sources)
    # A slow pan across a wide test picture: 1.5 px a frame.
    made["pan"] = encode(folder / "pan.mp4", [f"testsrc2=s=640x90:r={FPS}:d=3"],
                         extra=("-vf", "crop=160:90:n*1.5:0"))
    # A two-frame white flash in the middle of a continuing shot.
    made["flash"] = encode(folder / "flash.mp4", [f"testsrc2=s={SIZE}:r={FPS}:d=2"],
                           extra=("-vf", "drawbox=t=fill:c=white:enable='between(n,25,26)'"))
    # Orange fades out to black, then teal fades in: one boundary, no cut.
    made["fade"] = encode(folder / "fade.mp4",
                          [colour("FF8000", 30), colour("000000", 10), colour("008080", 30)],
                          graph="[0]fade=t=out:s=15:n=15[a];[2]fade=t=in:s=0:n=15[c];[a][1][c]concat=n=3:v=1[v]")
    # Red dissolves into green over 20 frames.
    made["dissolve"] = encode(folder / "dissolve.mp4", [colour("E50000", 40), colour("15B01A", 40)],
                              graph="[0][1]xfade=transition=fade:duration=0.8:offset=1.0[v]")
    made["rotated"] = folder / "rotated.mp4"
    ffmpeg("-i", str(made["cuts"]), "-c", "copy", "-metadata:s:v:0", "rotate=90", str(made["rotated"]))
    # Bad input.
    made["text"] = folder / "notes.mp4"
    made["text"].write_text("these are not the frames you are looking for\n" * 20)
    made["empty"] = folder / "empty.mp4"
    made["empty"].write_bytes(b"")
    whole = made["cuts"].read_bytes()
    made["truncated"] = folder / "truncated.mp4"
    made["truncated"].write_bytes(whole[: len(whole) // 2])
    faststart = folder / "faststart.mp4"
    ffmpeg("-i", str(made["cuts"]), "-c", "copy", "-movflags", "+faststart", str(faststart))
    made["truncated_faststart"] = folder / "truncated_faststart.mp4"
    made["truncated_faststart"].write_bytes(faststart.read_bytes()[: faststart.stat().st_size // 3])
    made["audio"] = folder / "audio.m4a"
    ffmpeg("-f", "lavfi", "-i", "sine=frequency=440:duration=1", "-c:a", "aac", str(made["audio"]))
    made["one_frame"] = encode(folder / "one_frame.mp4", [colour("FF0000", 1)], extra=("-frames:v", "1"))
    made["huge"] = encode(folder / "huge.mp4", [f"color=c=red:s=9000x16:r={FPS}:d=0.08"])
    made["missing"] = folder / "no-such-video.mp4"
    return made
