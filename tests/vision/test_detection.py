"""Accuracy on generated videos: cuts to the frame, no false cuts on pans and flashes, fades and
dissolves reported, colours named as painted."""
import pytest


def cut_list(analysis) -> list[int]:
    return [c["frame"] for c in analysis.report["cuts"]]


def test_every_known_cut_is_found_within_one_frame(analysed, known):
    found = cut_list(analysed("cuts"))
    for expected in known.cut_frames:
        assert any(abs(frame - expected) <= 1 for frame in found), (expected, found)
    assert len(found) == len(known.cut_frames), found


def test_cut_times_and_shots_follow_the_cuts(analysed, known):
    report = analysed("cuts").report
    assert [s["start_frame"] for s in report["shots"]] == [0, *known.cut_frames]
    assert report["cuts"][0]["time_s"] == pytest.approx(known.cut_frames[0] / known.fps)
    assert report["shots"][-1]["end_frame"] == report["video"]["frames"] == known.frames


def test_pace(analysed, known):
    report = analysed("cuts").report
    duration, shots = known.frames / known.fps, len(known.segments)
    assert report["pace"]["shots"] == shots
    assert report["pace"]["shots_per_minute"] == pytest.approx(shots / duration * 60, abs=0.01)
    assert report["pace"]["average_shot_length_s"] == pytest.approx(duration / shots, abs=0.001)


@pytest.mark.parametrize("name", ["pan", "flash"])
def test_no_false_cuts_on_a_slow_pan_or_a_flash_of_light(analysed, name):
    report = analysed(name).report
    assert report["cuts"] == []
    assert report["transitions"] == []
    assert report["pace"]["shots"] == 1


def test_fade_out_and_in_are_reported_and_make_one_boundary(analysed):
    report = analysed("fade").report
    kinds = [t["type"] for t in report["transitions"]]
    assert kinds == ["fade_out", "fade_in"]
    fade_out, fade_in = report["transitions"]
    assert 14 <= fade_out["start_frame"] <= 17 and 29 <= fade_out["end_frame"] <= 31
    assert 39 <= fade_in["start_frame"] <= 42
    assert report["cuts"] == []
    assert [s["begins_with"] for s in report["shots"]] == ["start", "fade"]


def test_dissolve_is_reported_as_a_dissolve_not_a_cut(analysed):
    report = analysed("dissolve").report
    assert [t["type"] for t in report["transitions"]] == ["dissolve"]
    assert report["cuts"] == []
    assert [s["begins_with"] for s in report["shots"]] == ["start", "dissolve"]
    first, second = report["shots"]
    assert first["palette"][0]["name"] == "red" and second["palette"][0]["name"] == "green"


# Painted colour → names a person would accept for it (XKCD survey names, nearest by CIEDE2000).
PAINTED = {
    "FF00FF": {"bright magenta", "magenta", "fuchsia", "pink/purple", "bright pink", "purple pink"},
    "00FFFF": {"cyan", "aqua", "bright cyan", "bright turquoise", "aqua blue"},
    "1F51FF": {"electric blue", "bright blue", "neon blue", "blue", "vivid blue"},
    "FF8000": {"orange", "pumpkin orange", "bright orange", "pumpkin"},
    "008080": {"teal", "bluegreen", "blue green", "dark aqua", "dark cyan", "teal blue"},
}


def test_each_shot_is_named_after_its_painted_colour(analysed, known):
    shots = analysed("cuts").report["shots"]
    for shot, (painted, _) in zip(shots, known.segments, strict=True):
        if painted == "testsrc2":
            continue
        main = shot["palette"][0]
        assert main["name"] in PAINTED[painted], (painted, main)
        assert main["share"] > 0.95


def test_dominant_colours_of_the_whole_video_match_the_paint(analysed):
    names = {c["name"] for c in analysed("cuts").report["palette"][:4]}
    assert names & PAINTED["FF00FF"] and names & PAINTED["00FFFF"] and names & PAINTED["1F51FF"]


def test_rotated_video_is_analysed_upright(analysed):
    report = analysed("rotated").report
    assert (report["video"]["width"], report["video"]["height"]) == (90, 160)
    assert report["video"]["rotation"] in (90, 270)  # the sign of the legacy tag varies by ffmpeg version
    assert cut_list(analysed("rotated")) == cut_list(analysed("cuts"))


def test_exposure_follows_the_fade(analysed):
    exposure = analysed("fade").report["exposure"]
    series = exposure["series"]["brightness"]
    assert exposure["series"]["interval_s"] == pytest.approx(1.0)
    assert len(series) == 3
    assert min(series) < max(series)
    brightness = exposure["brightness"]
    assert 0 <= brightness["p10"] <= brightness["mean"] <= brightness["p90"]
