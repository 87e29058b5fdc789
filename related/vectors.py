"""Every published article's text vector in one in-memory matrix, for "nearest texts" by numpy.

Reading 200,000 vectors from the database takes seconds, so a process loads them once and then
only fetches rows changed since (by `updated_at`, looking back a little to catch transactions
that committed late). Liveness is checked again in the database when candidates are scored, so
a stale row here can cost a slot in the top k, never show an unpublished article.

Memory: 512 float32 per article, 2 KB: 400 MB at 200,000 articles. Only the background worker
(and the bulk command) hold it; pages never compute related reading.
"""
import threading
from datetime import timedelta

import numpy as np

from .encoder import DIMENSIONS, from_bytes

LOOK_BACK = timedelta(seconds=60)
QUERY_CHUNK = 64    # queries scored at once: 200,000 x 64 float32 scores is 50 MB


class VectorIndex:
    def __init__(self):
        self._lock = threading.RLock()
        self.reset()

    def reset(self) -> None:
        """Forget everything; the next `sync` reads the whole table again."""
        with self._lock:
            self._ids = np.zeros(0, dtype=np.int64)
            self._matrix = np.zeros((0, DIMENSIONS), dtype=np.float32)
            self._alive = np.zeros(0, dtype=bool)
            self._rows: dict[int, int] = {}
            self._seen_until = None

    def __len__(self) -> int:
        return int(self._alive.sum())

    def sync(self) -> int:
        """Bring the matrix up to date with the table; returns how many rows were read."""
        from django.db.models import Max

        from .models import ArticleEmbedding

        with self._lock:
            rows = ArticleEmbedding.objects.order_by()
            if self._seen_until is not None:
                rows = rows.filter(updated_at__gte=self._seen_until - LOOK_BACK)
            newest = rows.aggregate(newest=Max("updated_at"))["newest"]
            if newest is None:
                return 0
            read, new_ids, new_vectors, new_alive = 0, [], [], []
            for article_id, vector, live in rows.filter(updated_at__lte=newest).values_list(
                    "article_id", "vector", "live").iterator(chunk_size=2000):
                read += 1
                row = self._rows.get(article_id)
                if row is None:
                    self._rows[article_id] = len(self._ids) + len(new_ids)
                    new_ids.append(article_id)
                    new_vectors.append(from_bytes(vector))
                    new_alive.append(live)
                else:
                    self._matrix[row] = from_bytes(vector)
                    self._alive[row] = live
            if new_ids:
                self._ids = np.concatenate([self._ids, np.asarray(new_ids, dtype=np.int64)])
                self._matrix = np.vstack([self._matrix, np.stack(new_vectors)])
                self._alive = np.concatenate([self._alive, np.asarray(new_alive, dtype=bool)])
            self._seen_until = newest
            return read

    def vector(self, article_id: int) -> np.ndarray | None:
        row = self._rows.get(article_id)
        return None if row is None else self._matrix[row]

    def similarities(self, article_id: int, others) -> dict[int, float]:
        """Cosine of one article's text with each of `others` that has a vector."""
        vector = self.vector(article_id)
        if vector is None:
            return {}
        rows = [(other, self._rows[other]) for other in others if other in self._rows]
        if not rows:
            return {}
        sims = self._matrix[[row for _, row in rows]] @ vector
        return {other: float(sim) for (other, _), sim in zip(rows, sims, strict=True)}

    def nearest(self, article_ids: list[int], k: int) -> dict[int, list[tuple[int, float]]]:
        """For each article with a vector, the k live articles with the closest text."""
        with self._lock:
            known = [a for a in article_ids if a in self._rows]
            result: dict[int, list[tuple[int, float]]] = {a: [] for a in article_ids}
            if not known or not len(self._ids):
                return result
            for start in range(0, len(known), QUERY_CHUNK):
                chunk = known[start:start + QUERY_CHUNK]
                if len(chunk) == 1:   # one article (a publish): BLAS gemv, no thread fan-out
                    scores = (self._matrix @ self._matrix[self._rows[chunk[0]]])[:, None]
                else:
                    scores = self._matrix @ self._matrix[[self._rows[a] for a in chunk]].T
                scores[~self._alive] = -np.inf
                for column, article_id in enumerate(chunk):
                    column_scores = scores[:, column]
                    column_scores[self._rows[article_id]] = -np.inf
                    take = min(k, len(column_scores))
                    top = np.argpartition(-column_scores, take - 1)[:take]
                    top = top[np.argsort(-column_scores[top])]
                    result[article_id] = [(int(self._ids[i]), float(column_scores[i]))
                                          for i in top if np.isfinite(column_scores[i])]
            return result


index = VectorIndex()
