"""`deepcuts analyze FILE [--json] [--sheet PNG] [--strip PNG] [--time-limit SECONDS]`.

Needs no database. Bad input exits 2 with one line on standard error (never a traceback), a
progress bar is drawn on standard error only when it is a terminal.
"""
from __future__ import annotations

import argparse
import json
import sys
import time

from .analysis import DEFAULT_TIME_LIMIT_S, Analysis, analyze
from .errors import VisionInputError

PROG = "deepcuts analyze"


class QuietParser(argparse.ArgumentParser):
    def error(self, message):
        print(f"{PROG}: {message}", file=sys.stderr)
        raise SystemExit(2)


def parser() -> argparse.ArgumentParser:
    p = QuietParser(prog=PROG, description="Measure the look of a video: cuts, pace, palette, exposure.")
    p.add_argument("path", help="a video file")
    p.add_argument("--json", action="store_true", help="print the deepcuts.vision/1 JSON report")
    p.add_argument("--sheet", metavar="PNG", help="write a contact sheet: one frame per shot with timecodes")
    p.add_argument("--strip", metavar="PNG", help="write a palette strip: the colours of every moment")
    p.add_argument("--time-limit", type=float, default=DEFAULT_TIME_LIMIT_S, metavar="SECONDS",
                   help=f"give up after this long (default {DEFAULT_TIME_LIMIT_S:g})")
    return p


class ProgressBar:
    """A one-line bar on standard error, redrawn at most ten times a second."""

    def __init__(self, stream=sys.stderr, width: int = 30):
        self.stream, self.width, self._last = stream, width, 0.0

    def __call__(self, done: int, total: int | None) -> None:
        now = time.monotonic()
        if now - self._last < 0.1:
            return
        self._last = now
        if total:
            share = min(1.0, done / total)
            filled = int(share * self.width)
            text = f"\ranalysing [{'#' * filled}{'.' * (self.width - filled)}] {share:4.0%}"
        else:
            text = f"\ranalysing {done} frames"
        self.stream.write(text)
        self.stream.flush()

    def close(self) -> None:
        if self._last:
            self.stream.write("\r" + " " * (self.width + 20) + "\r")
            self.stream.flush()


def summary(analysis: Analysis) -> str:
    report = analysis.report
    video, pace = report["video"], report["pace"]
    lines = [f"{report['file']['name']}: {video['duration_s']:.1f} s, {video['width']}×{video['height']}, "
             f"{video['fps']:g} fps",
             f"shots: {pace['shots']} ({pace['shots_per_minute']:.1f} a minute, average "
             f"{pace['average_shot_length_s']:.2f} s); cuts: {pace['cuts']}"]
    kinds = {}
    for transition in report["transitions"]:
        kinds[transition["type"]] = kinds.get(transition["type"], 0) + 1
    if kinds:
        described = (f"{n} {kind.replace('_', ' ')}" for kind, n in sorted(kinds.items()))
        lines.append("transitions: " + ", ".join(described))
    lines.append("palette: " + ", ".join(f"{c['name']} {c['share']:.0%}" for c in report["palette"]))
    exposure = report["exposure"]
    lines.append(f"brightness {exposure['brightness']['mean']:.2f}, saturation "
                 f"{exposure['saturation']['mean']:.2f}, contrast {exposure['contrast']['mean']:.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.time_limit <= 0:
        print(f"{PROG}: --time-limit must be a positive number of seconds", file=sys.stderr)
        return 2
    bar = ProgressBar() if sys.stderr.isatty() else None
    try:
        analysis = analyze(args.path, time_limit_s=args.time_limit, progress=bar)
    except VisionInputError as exc:
        if bar:
            bar.close()
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        if bar:
            bar.close()
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    if bar:
        bar.close()
    try:
        if args.sheet:
            from .pictures import contact_sheet

            contact_sheet(analysis).save(args.sheet, format="PNG", optimize=True)
        if args.strip:
            from .pictures import palette_strip

            palette_strip(analysis).save(args.strip, format="PNG", optimize=True)
    except (OSError, ValueError) as exc:
        print(f"{PROG}: cannot write the picture: {exc}", file=sys.stderr)
        return 2
    try:
        print(json.dumps(analysis.report, ensure_ascii=False, indent=2) if args.json else summary(analysis))
    except BrokenPipeError:  # `deepcuts analyze x.mp4 --json | head`: the reader left, which is fine
        sys.stderr.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
