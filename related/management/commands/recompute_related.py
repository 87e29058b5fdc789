"""`deepcuts manage recompute_related`: rebuild every article's related reading in bulk.

For a new database, an import that bypassed signals (bench/scale.py), or after changing the
scoring rules. Texts whose vector is current are not encoded again; picks are recomputed in
batches, each a fixed number of queries, with the vector index loaded once.
"""
import sys
import time

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Recompute related reading (text vectors and picks) for every published article."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=200,
                            help="articles per batch of picks (default 200)")
        parser.add_argument("--skip-text", action="store_true",
                            help="do not encode texts that lack a vector; use what is stored")
        parser.add_argument("--newest", type=int, metavar="N",
                            help="only the N most recent articles (by publish date), e.g. after "
                                 "an import; the others keep their picks")

    def handle(self, *args, batch, skip_text, newest=None, **options):
        from related import refresh
        from related.models import RelatedPick
        from related.profiles import chunks, readable_articles
        from related.vectors import index

        if batch < 1:
            raise CommandError("--batch must be a positive number of articles, e.g. 200.")
        if newest is not None and newest < 1:
            raise CommandError("--newest must be a positive number of articles, e.g. 5000.")
        started = time.perf_counter()
        articles = readable_articles()
        if newest:
            articles = articles.filter(pk__in=articles.order_by("-date", "-pk").values("pk")[:newest])
        ids = list(articles.order_by("pk").values_list("pk", flat=True))
        encoded = 0
        if not skip_text:
            for done, chunk in enumerate(chunks(ids, 1000), start=1):
                encoded += refresh.update_embeddings(chunk)
                self.progress(f"texts: {min(done * 1000, len(ids))}/{len(ids)}")
        text_seconds = time.perf_counter() - started

        index.reset()
        index.sync()
        RelatedPick.objects.exclude(article__live=True).delete()
        for done, chunk in enumerate(chunks(ids, batch), start=1):
            refresh.compute(chunk, sync=False)
            self.progress(f"picks: {min(done * batch, len(ids))}/{len(ids)}")
        total = time.perf_counter() - started
        self.progress("")
        self.stdout.write(
            f"Related reading recomputed for {len(ids)} articles in {total:.1f} s "
            f"({encoded} texts encoded in {text_seconds:.1f} s; "
            f"{RelatedPick.objects.count()} picks stored).")

    def progress(self, line: str) -> None:
        if sys.stderr.isatty():
            sys.stderr.write(f"\r{line:<40}")
            sys.stderr.flush()
