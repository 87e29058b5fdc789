from django.core.management.base import BaseCommand

from roles.setup import ensure_roles


class Command(BaseCommand):
    help = ("Create the Contributors, Writers, Editors and Administrators groups and grant their "
            "permissions (this also runs after every migrate). Safe to run again.")

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true",
                            help="also take away permissions the roles do not list, so each group is "
                                 "exactly its role (by default nothing is taken away)")

    def handle(self, *args, reset=False, **options):
        for line in ensure_roles(reset=reset).lines():
            self.stdout.write(line)
