"""`deepcuts extract PATH [--lang ru|en|auto] [--date YYYY-MM-DD] [--json] [--gazetteer FILE]`.

Needs no database. Bad input exits 2 with one line on standard error and nothing on standard
output, as the contract requires.
"""
import argparse
import json
import sys
from datetime import date
from pathlib import Path

from .errors import ExtractionInputError
from .pipeline import Gazetteer, extract


class QuietParser(argparse.ArgumentParser):
    def error(self, message):
        print(f"deepcuts extract: {message}", file=sys.stderr)
        raise SystemExit(2)


def parser() -> argparse.ArgumentParser:
    p = QuietParser(prog="deepcuts extract", description="Extract video facts from an article.")
    p.add_argument("path", help="a text, Markdown or HTML file; - reads standard input")
    p.add_argument("--lang", choices=["ru", "en", "auto"], default="auto")
    p.add_argument("--date", help="the article's date (YYYY-MM-DD), for day-and-month dates")
    p.add_argument("--json", action="store_true", help="print the deepcuts.extract/1 JSON object")
    p.add_argument("--gazetteer", help='JSON file: [{"name": "Lee Sung Jin", "aliases": ["Ли Сон Джин"]}]')
    return p


def load_gazetteer(path: str) -> Gazetteer:
    try:
        entries = json.loads(Path(path).read_text(encoding="utf-8"))
        return Gazetteer((e["name"], e.get("aliases", [])) for e in entries)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ExtractionInputError(f"cannot read the gazetteer {path}: it must be a JSON list of "
                                   f'{{"name": ..., "aliases": [...]}} objects ({exc})') from exc


def read_input(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    file = Path(path)
    if not file.exists():
        raise ExtractionInputError(f"no such file: {path}")
    if file.is_dir():
        raise ExtractionInputError(f"{path} is a folder: give one article file")
    return file.read_bytes()


def summary(result: dict) -> str:
    lines = [f"{result['article']['title'] or '(untitled)'} [{result['language']}]"]
    for video in result["videos"]:
        artists = ", ".join(a["name"] for a in video["artists"]) or "?"
        lines.append(f"\n{artists} — {video['title']}" + (f" ({video['release_date']})"
                                                         if video["release_date"] else ""))
        if video["album"]:
            lines.append(f"  album: {video['album']['title']} {video['album']['release_date'] or ''}")
        for credit in video["credits"]:
            lines.append(f"  {credit['role']:<20} {credit['name']}")
        for ref in video["references"]:
            lines.append(f"  references           {ref['title']}")
    if not result["videos"]:
        lines.append("No music video found in this article.")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    try:
        article_date = date.fromisoformat(args.date) if args.date else None
    except ValueError:
        print(f"deepcuts extract: --date must look like 2024-05-24, not {args.date!r}", file=sys.stderr)
        return 2
    try:
        gazetteer = load_gazetteer(args.gazetteer) if args.gazetteer else None
        result = extract(read_input(args.path), None if args.lang == "auto" else args.lang,
                         article_date, gazetteer)
    except ExtractionInputError as exc:
        print(f"deepcuts extract: {exc}", file=sys.stderr)
        return 2
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(summary(result))
    return 0
