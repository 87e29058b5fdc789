from django.core.management.base import BaseCommand, CommandError

from demo.loader import ADMIN_PASSWORD, ADMIN_USERNAME, load_demo


class Command(BaseCommand):
    help = "Load the demo catalog, sections and articles. Safe to run again: nothing changes."

    def add_arguments(self, parser):
        parser.add_argument("--no-admin", action="store_true",
                            help="do not create the demo administrator account")

    def handle(self, *args, **options):
        try:
            report = load_demo(with_admin=not options["no_admin"])
        except (KeyError, ValueError) as exc:
            raise CommandError(f"The demo content is inconsistent: {exc}") from exc
        for line in report.lines():
            self.stdout.write(line)
        if not options["no_admin"]:
            self.stdout.write(self.style.SUCCESS(
                f"Admin: http://127.0.0.1:8000/admin/  user '{ADMIN_USERNAME}', "
                f"password '{ADMIN_PASSWORD}' (demo only: change it)."))
