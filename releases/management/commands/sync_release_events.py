"""Rebuild the calendar's events from the catalog's release dates.

Signals keep events in step with ordinary edits; run this after rows were written in bulk
(imports with bulk_create, raw SQL, `update()`), which send no signals. Idempotent.
"""
import time

from django.core.management.base import BaseCommand

from releases.sync import sync_all


class Command(BaseCommand):
    help = "Create, update or remove release events so they match the catalog's release dates."

    def handle(self, *args, **options):
        start = time.perf_counter()
        changed = sync_all()
        self.stdout.write(f"{changed} works' release events changed ({time.perf_counter() - start:.1f} s).")
