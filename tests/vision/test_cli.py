"""`deepcuts analyze`: JSON schema, pictures, and bad input (exit 2, one line, no traceback)."""
import json
from pathlib import Path

import pytest
from PIL import Image

from vision.cli import main

SCHEMA_PATH = Path(__file__).resolve().parents[2] / "vision" / "SCHEMA.md"


def test_json_report_has_the_documented_fields(videos, capsys):
    assert main([str(videos["cuts"]), "--json"]) == 0
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert report["schema"] == "deepcuts.vision/1"
    assert err == ""  # no progress bar when standard error is not a terminal
    documented = SCHEMA_PATH.read_text(encoding="utf-8")
    for key in ("file", "video", "pace", "cuts", "transitions", "palette", "exposure", "shots", "analysis"):
        assert key in report and f"`{key}`" in documented
    for key in ("duration_s", "fps", "frames", "width", "height", "rotation"):
        assert key in report["video"] and f"`{key}`" in documented
    for key in ("shots", "cuts", "shots_per_minute", "average_shot_length_s"):
        assert key in report["pace"] and f"`{key}`" in documented
    colour = report["palette"][0]
    assert set(colour) == {"hex", "name", "share", "lab", "name_delta_e"}
    shot = report["shots"][0]
    for key in ("start_s", "end_s", "duration_s", "begins_with", "palette", "brightness", "saturation",
                "contrast"):
        assert key in shot and f"`{key}`" in documented


def test_summary_and_pictures(videos, tmp_path, capsys):
    sheet, strip = tmp_path / "sheet.png", tmp_path / "strip.png"
    assert main([str(videos["cuts"]), "--sheet", str(sheet), "--strip", str(strip)]) == 0
    out = capsys.readouterr().out
    assert "shots: 6" in out and "bright magenta" in out
    with Image.open(sheet) as image:
        assert image.format == "PNG"
        assert image.width > 6 * 200  # six shots in one row of 240 px tiles
        # The first tile is the magenta shot, away from its timecode label.
        assert image.getpixel((60, 20)) == pytest.approx((254, 0, 254), abs=4)
    with Image.open(strip) as image:
        assert image.size == (1200, 120)
        assert image.getpixel((5, 60)) == pytest.approx((254, 0, 254), abs=4)
        assert image.getpixel((1195, 60)) == pytest.approx((0, 128, 128), abs=4)


@pytest.mark.parametrize("name, words", [
    ("missing", "no such file"),
    ("empty", "empty"),
    ("text", "not a readable video"),
    ("truncated", "not a readable video"),
    ("truncated_faststart", "truncated"),
    ("audio", "no video stream"),
    ("one_frame", "single frame"),
    ("huge", "larger than"),
])
def test_bad_input_exits_2_with_one_clear_line(videos, capsys, name, words):
    assert main([str(videos[name]), "--json"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("deepcuts analyze: ")
    assert words in err
    assert "Traceback" not in err


def test_a_folder_is_refused(tmp_path, capsys):
    assert main([str(tmp_path)]) == 2
    assert "not a regular file" in capsys.readouterr().err


def test_time_limit_stops_the_decoder(videos, capsys):
    assert main([str(videos["pan"]), "--time-limit", "0.000001"]) == 2
    err = capsys.readouterr().err
    assert "time limit" in err and err.count("\n") == 1


def test_usage_errors_exit_2(capsys):
    assert_exit = pytest.raises(SystemExit)
    with assert_exit as exit_info:
        main([])
    assert exit_info.value.code == 2
    assert capsys.readouterr().err.startswith("deepcuts analyze: ")
