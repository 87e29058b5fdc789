"""Video analysis speed and accuracy against the physical limit and PySceneDetect, in one run.

    .venv/bin/python bench/vision.py [--minutes 3] [--keep FOLDER]

Generates (nothing is downloaded) a 1920×1080, 30 fps H.264 video of scenes of known colours with
known cuts (seeded; grain added so decoding costs what real footage costs), then times:
  1. our analysis (`vision.analyze`: decode + every detector + palettes, one pass);
  2. plain `ffmpeg -i FILE -vf <the same fps/scale filters> -f null -` (the limit for one pass);
  3. PySceneDetect's ContentDetector on the same file, if `scenedetect` is installed.
Prints the ratios, × real time, peak memory, and cut accuracy (found within one frame / missed /
false) for ours and PySceneDetect.
"""
from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vision import analyze  # noqa: E402
from vision.colour import xkcd_names  # noqa: E402
from vision.decode import FrameReader, filter_chain  # noqa: E402
from vision.probe import probe  # noqa: E402

FPS = 30
SIZE = "1920x1080"
SCENE_COLOURS = ["ff00ff", "04d9ff", "029386", "e50000", "ffff14", "15b01a", "7e1e9c", "f97306", "0343df",
                 "ff81c0", "653700", "c20078"]
SEED = 7


def scene_plan(minutes: float) -> list[tuple[str, int]]:
    """(colour, frames) per scene, 0.5–6 s each, neighbouring scenes always different colours."""
    rng = random.Random(SEED)
    plan, total, previous = [], 0, None
    while total < minutes * 60 * FPS:
        colour = rng.choice([c for c in SCENE_COLOURS if c != previous])
        frames = rng.randint(FPS // 2, 6 * FPS)
        plan.append((colour, frames))
        total += frames
        previous = colour
    return plan


def generate(path: Path, plan: list[tuple[str, int]]) -> None:
    """Each scene: a solid colour with moving grain (made at 480×270 and scaled up, so x264 can still
    compress it to ~9 Mbit/s) and a drifting darker band, concatenated."""
    inputs, graph = [], []
    for i, (colour, frames) in enumerate(plan):
        inputs += ["-f", "lavfi", "-i", f"color=c=0x{colour}:s=480x270:r={FPS}:d={frames / FPS}"]
        graph.append(f"[{i}]noise=alls=6:allf=t,scale={SIZE.replace('x', ':')}:flags=bicubic,"
                     f"drawbox=x='mod(t*40,1920)':y=0:w=160:h=1080:c=black@0.25:t=fill[s{i}]")
    graph.append("".join(f"[s{i}]" for i in range(len(plan))) + f"concat=n={len(plan)}:v=1[v]")
    script = path.with_suffix(".filter")
    script.write_text(";\n".join(graph))
    subprocess.run(["ffmpeg", "-nostdin", "-y", "-v", "error", *inputs, "-filter_complex_script", str(script),
                    "-map", "[v]", "-c:v", "libx264", "-preset", "ultrafast", "-crf", "26", "-g", "120",
                    "-pix_fmt", "yuv420p", str(path)], check=True)


def cut_accuracy(found: list[int], truth: list[int]) -> tuple[int, int, int]:
    """(found within one frame, missed, false) — each true cut matches at most one found cut."""
    unmatched = list(found)
    hits = 0
    for cut in truth:
        match = next((f for f in unmatched if abs(f - cut) <= 1), None)
        if match is not None:
            unmatched.remove(match)
            hits += 1
    return hits, len(truth) - hits, len(unmatched)


def plain_decode(path: Path) -> float:
    info = probe(path)
    reader = FrameReader(info, 3600)
    started = time.perf_counter()
    subprocess.run(["ffmpeg", "-nostdin", "-v", "error", "-threads", "0", "-i", str(path), "-an",
                    "-vf", filter_chain(info, reader.width, reader.height), "-pix_fmt", "rgb24",
                    "-f", "null", "-"], check=True)
    return time.perf_counter() - started


def pyscenedetect(path: Path) -> tuple[float, list[int], str] | None:
    try:
        import scenedetect
        from scenedetect import ContentDetector, SceneManager, open_video
    except ImportError:
        return None
    started = time.perf_counter()
    video = open_video(str(path))
    manager = SceneManager()
    manager.auto_downscale = True  # its default: downscale 1080p by 7 before detecting
    manager.add_detector(ContentDetector())
    manager.detect_scenes(video)
    scenes = manager.get_scene_list()
    elapsed = time.perf_counter() - started
    frames = [getattr(start, "frame_num", None) or start.get_frames() for start, _ in scenes[1:]]
    return elapsed, frames, scenedetect.__version__


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--minutes", type=float, default=3.0, help="length of the generated video")
    options.add_argument("--keep", type=Path, help="generate into (and reuse from) this folder")
    args = options.parse_args()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="deepcuts-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    plan = scene_plan(args.minutes)
    path = folder / f"bench-{args.minutes:g}min-1080p30.mp4"
    truth, total = [], 0
    for _, frames in plan[:-1]:
        total += frames
        truth.append(total)
    if not path.exists():
        started = time.perf_counter()
        generate(path, plan)
        print(f"generated {path.name}: {len(plan)} scenes, {len(truth)} cuts in "
              f"{time.perf_counter() - started:.0f} s", flush=True)
        # Measure in a fresh process: a process's peak-memory record of its children would
        # otherwise report the encoder's memory as the decoder's.
        again = ["--minutes", str(args.minutes), "--keep", str(folder)]
        sys.exit(subprocess.call([sys.executable, __file__, *again]))
    duration = sum(frames for _, frames in plan) / FPS
    xkcd_names()  # the name table loads once per process; not part of a video's cost

    started = time.perf_counter()
    analysis = analyze(path, time_limit_s=3600)
    ours = time.perf_counter() - started
    ours_peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    decoder_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    plain = plain_decode(path)
    found = [c["frame"] for c in analysis.report["cuts"]]
    hits, missed, false = cut_accuracy(found, truth)

    painted = {}
    for shot, (colour, _) in zip(analysis.report["shots"], plan, strict=False):
        painted.setdefault(colour, set()).add(shot["palette"][0]["name"] if shot["palette"] else "?")

    print(f"\nvideo: {duration:.0f} s, 1920×1080, {FPS} fps, {len(truth)} known cuts")
    print(f"plain ffmpeg decode (same scaling): {plain:6.1f} s  {duration / plain:5.1f}× real time")
    print(f"our analysis:                       {ours:6.1f} s  {duration / ours:5.1f}× real time  "
          f"= {ours / plain:.2f}× plain decode")
    print(f"peak memory: analysis process {ours_peak_mb:.0f} MB, its ffmpeg decoder {decoder_peak_mb:.0f} MB")
    print(f"our cuts: {hits}/{len(truth)} within one frame, {missed} missed, {false} false; "
          f"{len(analysis.report['transitions'])} gradual transitions reported")
    print("dominant colour named per painted colour (shot palettes):")
    for colour, names in painted.items():
        print(f"  #{colour}: {', '.join(sorted(names))}")
    other = pyscenedetect(path)
    if other is None:
        print("PySceneDetect: not installed (pip install 'scenedetect[opencv-headless]' to compare)")
        return
    elapsed, their_cuts, version = other
    hits, missed, false = cut_accuracy(their_cuts, truth)
    print(f"PySceneDetect {version} ContentDetector: {elapsed:6.1f} s  {duration / elapsed:5.1f}× real time; "
          f"ours takes {ours / elapsed:.2f}× its time")
    print(f"PySceneDetect cuts: {hits}/{len(truth)} within one frame, {missed} missed, {false} false")


if __name__ == "__main__":
    main()
