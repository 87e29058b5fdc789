"""The `deepcuts extract` contract: one JSON object on stdout, or exit 2 with one line."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

DEEPCUTS = Path(sys.executable).parent / "deepcuts"
ARTICLE = "Directed by Aisultan Seitov, Joji's video for \"Run\" came out on 6 February 2020.\n"


def run(*args, stdin=None):
    return subprocess.run([str(DEEPCUTS), "extract", *args], input=stdin, capture_output=True,
                          timeout=120)


def test_json_follows_the_contract(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    result = run(str(path), "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "deepcuts.extract/1"
    assert set(data) >= {"schema", "language", "article", "videos"}
    assert set(data["article"]) >= {"title", "published", "section", "photo_credit", "tags"}
    [video] = data["videos"]
    assert set(video) >= {"title", "artists", "release_date", "album", "credits", "references",
                          "colors", "themes", "settings"}
    credit = video["credits"][0]
    assert set(credit) >= {"role", "name", "as_written", "evidence"}
    text = ARTICLE
    assert "Aisultan Seitov" in text[credit["evidence"]["start"]:credit["evidence"]["end"]]


def test_standard_input_and_date_flag():
    result = run("-", "--json", "--date", "2020-03-01",
                 stdin=b"The video for 'Run' premiered on 6 February.")
    assert json.loads(result.stdout)["videos"][0]["release_date"] == "2020-02-06"


@pytest.mark.parametrize("args, content, message", [
    (["missing.txt"], None, "no such file"),
    (["EMPTY"], b"", "empty"),
    (["BINARY"], b"\x00\x01\x02\x03", "binary"),
    (["EMPTY", "--date", "24/05/2024"], b"text", "--date must look like"),
])
def test_bad_input_exits_2_with_one_line_and_no_output(tmp_path, args, content, message):
    if content is not None:
        path = tmp_path / "input"
        path.write_bytes(content)
        args = [str(path) if a in ("EMPTY", "BINARY") else a for a in args]
    result = run(*args, "--json")
    assert result.returncode == 2
    assert result.stdout == b""
    stderr = result.stderr.decode()
    assert message in stderr and stderr.count("\n") == 1
