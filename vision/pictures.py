"""The pictures: a contact sheet (one frame per shot, with its timecode) and a palette strip (the
colour of every moment, left to right). Drawn with Pillow from what the one pass kept."""
from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from .analysis import Analysis

SHEET_COLUMNS = 6
SHEET_TILE_WIDTH = 240
SHEET_GAP = 4
SHEET_MAX_SHOTS = 600
STRIP_WIDTH = 1200
STRIP_HEIGHT = 120
STRIP_BANDS = 3  # each column shows up to three colours of its moment, the commonest on top


def timecode(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes):02d}:{rest:05.2f}"


def _font(size: int) -> ImageFont.ImageFont:
    try:
        return ImageFont.load_default(size=size)
    except TypeError:  # Pillow < 10.1 has one bitmap size only
        return ImageFont.load_default()


def contact_sheet(analysis: Analysis) -> Image.Image:
    """Tiles in reading order: shot number and start time on each."""
    width, height = analysis.size
    tile_w = SHEET_TILE_WIDTH
    tile_h = max(1, round(height * tile_w / width))
    shots = analysis.shots[:SHEET_MAX_SHOTS]
    columns = min(SHEET_COLUMNS, len(shots))
    rows = -(-len(shots) // columns)
    sheet_size = (columns * (tile_w + SHEET_GAP) + SHEET_GAP, rows * (tile_h + SHEET_GAP) + SHEET_GAP)
    sheet = Image.new("RGB", sheet_size, (18, 18, 18))
    draw = ImageDraw.Draw(sheet)
    font = _font(max(10, tile_h // 8))
    for number, shot in enumerate(shots):
        kept = analysis.sampler.frame_for(shot.start, shot.end)
        x = SHEET_GAP + (number % columns) * (tile_w + SHEET_GAP)
        y = SHEET_GAP + (number // columns) * (tile_h + SHEET_GAP)
        if kept is not None:
            tile = Image.fromarray(kept[1]).resize((tile_w, tile_h), Image.Resampling.BICUBIC)
            sheet.paste(tile, (x, y))
        label = f"{number + 1}  {timecode(shot.start / analysis.fps)}"
        left, top, right, bottom = draw.textbbox((0, 0), label, font=font)
        pad = 3
        draw.rectangle((x, y + tile_h - (bottom - top) - 2 * pad, x + right - left + 2 * pad, y + tile_h),
                       fill=(0, 0, 0))
        draw.text((x + pad - left, y + tile_h - (bottom - top) - pad - top), label, fill=(255, 255, 255),
                  font=font)
    return sheet


def moment_colours(samples: np.ndarray, bands: int = STRIP_BANDS) -> list[tuple[np.ndarray, float]]:
    """The commonest colours among `samples` (any shape, last axis RGB): coarse 4-level bins,
    each reported as the mean of its pixels, with its share."""
    flat = samples.reshape(-1, 3)
    q = (flat >> 6).astype(np.int32)
    index = q[:, 0] * 16 + q[:, 1] * 4 + q[:, 2]
    counts = np.bincount(index, minlength=64).astype(float)
    sums = np.stack([np.bincount(index, weights=flat[:, c], minlength=64) for c in range(3)], axis=1)
    top = np.argsort(-counts, kind="stable")[:bands]
    top = [b for b in top if counts[b] > 0]
    total = counts[top].sum()
    return [(sums[b] / counts[b], counts[b] / total) for b in top]


def palette_strip(analysis: Analysis, width: int = STRIP_WIDTH, height: int = STRIP_HEIGHT) -> Image.Image:
    """Each column is a slice of time; its height is split between that moment's main colours."""
    samples = analysis.palettes.samples
    count = len(samples)
    width = max(1, min(width, count)) if count < width else width
    strip = np.zeros((height, width, 3), np.uint8)
    edges = np.linspace(0, count, width + 1)
    for column in range(width):
        start = int(edges[column])
        end = max(start + 1, int(edges[column + 1]))
        y = 0
        colours = moment_colours(samples[start:end])
        for number, (rgb, share) in enumerate(colours):
            band = height - y if number == len(colours) - 1 else int(round(share * height))
            strip[y: y + band, column] = np.clip(rgb, 0, 255).astype(np.uint8)
            y += band
    image = Image.fromarray(strip)
    if image.width < STRIP_WIDTH:
        image = image.resize((STRIP_WIDTH, height), Image.Resampling.NEAREST)
    return image
