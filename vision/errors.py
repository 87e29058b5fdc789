"""Errors the library raises for input it cannot analyse.

The CLI turns every `VisionInputError` into one line on standard error and exit status 2, so the
message must make sense on its own to someone who only gave a file name.
"""


class VisionInputError(Exception):
    """The file is missing, not a video, damaged, too large, or otherwise cannot be analysed."""


class VisionTimeout(VisionInputError):
    """Decoding took longer than the time limit; ffmpeg has been stopped."""
