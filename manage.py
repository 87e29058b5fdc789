#!/usr/bin/env python
"""Django's command-line utility; most people want the `deepcuts` command instead."""
import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deepcuts.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
