"""Deep Cuts' vision library: the look of a music video from its file — cuts, pace, palette in
words, exposure over time, a contact sheet and a palette strip. Pure Python over numpy, Pillow
and ffmpeg; no Django. See SCHEMA.md for the JSON it produces."""
from .analysis import SCHEMA, Analysis, analyze
from .errors import VisionInputError, VisionTimeout

__all__ = ["SCHEMA", "Analysis", "VisionInputError", "VisionTimeout", "analyze"]
