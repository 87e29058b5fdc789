"""The colour science on its own: CIEDE2000 against published values, the name dictionary,
k-means determinism."""
import numpy as np
import pytest

from vision.colour import ciede2000, rgb_of_hex, rgb_to_lab, xkcd_names
from vision.palette import ColourHistogram, palette, weighted_kmeans


@pytest.mark.parametrize("lab1, lab2, expected", [  # Sharma, Wu & Dalal (2005), table 1
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
])
def test_ciede2000_matches_the_published_test_data(lab1, lab2, expected):
    assert ciede2000(np.array(lab1), np.array(lab2)) == pytest.approx(expected, abs=1e-4)


def test_lab_of_white_and_black():
    assert rgb_to_lab(np.array([255, 255, 255], np.uint8)) == pytest.approx([100, 0, 0], abs=0.01)
    assert rgb_to_lab(np.array([0, 0, 0], np.uint8)) == pytest.approx([0, 0, 0], abs=0.01)


def test_the_xkcd_survey_names_are_shipped():
    names = xkcd_names()
    assert len(names.names) == 949
    for name in ("neon blue", "fuchsia", "teal", "magenta"):
        assert name in names.names
        assert names.name(rgb_of_hex(names.hexes[names.names.index(name)])) == name


def test_kmeans_is_deterministic_and_weighted():
    rng = np.random.default_rng(1)
    points = np.concatenate([rng.normal(0, 1, (200, 3)), rng.normal(50, 1, (50, 3))])
    weights = np.concatenate([np.ones(200), np.full(50, 12.0)])
    first = weighted_kmeans(points, weights, 2)
    second = weighted_kmeans(points, weights, 2)
    assert np.array_equal(first[0], second[0])
    centres, mass = first
    heavy = int(np.argmax(mass))
    assert centres[heavy] == pytest.approx([50, 50, 50], abs=0.5)
    assert mass[heavy] == pytest.approx(600)


def test_palette_shares_follow_area():
    frame = np.zeros((10, 10, 3), np.uint8)
    frame[:, :7] = rgb_of_hex("#029386")  # teal in the survey
    frame[:, 7:] = rgb_of_hex("#ed0dd9")  # fuchsia in the survey
    histogram = ColourHistogram()
    histogram.add(frame)
    colours = palette(histogram, k=4)
    assert [(c.name, round(c.share, 2)) for c in colours] == [("teal", 0.7), ("fuchsia", 0.3)]
