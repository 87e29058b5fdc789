"""The `deepcuts` command: one entry point, so nobody needs to know manage.py.

Each subcommand maps onto a Django management command; arguments after it pass straight through
(`deepcuts serve 0.0.0.0:8080`, `deepcuts worker --batch`). `deepcuts manage ...` reaches every
other management command.
"""
import os
import sys

# name -> (management command, default arguments, one-line help)
COMMANDS = {
    "serve": ("runserver", ["127.0.0.1:8000"], "serve the site (default http://127.0.0.1:8000)"),
    "demo": ("load_demo", [], "load the demo catalog and articles (safe to run twice)"),
    "migrate": ("migrate", [], "create or update the database tables"),
    "createsuperuser": ("createsuperuser", [], "create an administrator account"),
    "worker": ("worker", [], "run background tasks (imports, analysis) as they are queued"),
    "check": ("check", [], "check the project for problems"),
    "extract": (None, [], "print the facts an article states: deepcuts extract FILE [--json]"),
    "import": ("import_articles", [], "import articles as drafts with proposed facts for review"),
    "analyze": (None, [], "measure a video's look: deepcuts analyze FILE [--json] [--sheet PNG]"),
    "export": ("export", [], "write the whole database to one file: deepcuts export FILE"),
    "restore": ("restore", [], "load an export into an empty database: deepcuts restore FILE"),
    "manage": (None, [], "run any Django management command: deepcuts manage COMMAND ..."),
}


def usage() -> str:
    lines = ["usage: deepcuts COMMAND [ARGS...]", "", "commands:"]
    lines += [f"  {name:<16}{help_}" for name, (_, _, help_) in COMMANDS.items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] in {"-h", "--help", "help"}:
        print(usage())
        return 0
    name, rest = argv[0], argv[1:]
    if name == "extract":  # pure library: no settings, no database
        from extraction.cli import main as extract_main

        return extract_main(rest)
    if name == "analyze" and "--video" not in rest:  # pure library: no settings, no database
        from vision.cli import main as analyze_main

        return analyze_main(rest)
    if name == "analyze":  # --video SLUG FILE: store the result on the catalog's video
        name, rest = "manage", ["analyze_video", *rest]
    if name not in COMMANDS:
        print(f"deepcuts: unknown command '{name}'. Run 'deepcuts --help' for the list.",
              file=sys.stderr)
        return 2
    command, defaults, _ = COMMANDS[name]
    if command is None:
        if not rest:
            print("deepcuts: 'manage' needs a command, e.g. 'deepcuts manage shell'.",
                  file=sys.stderr)
            return 2
        command, rest = rest[0], rest[1:]
    # Default positional arguments apply only when the user gave none of their own.
    if defaults and not [a for a in rest if not a.startswith("-")]:
        rest = defaults + rest

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deepcuts.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["deepcuts", command, *rest])
    return 0


if __name__ == "__main__":
    sys.exit(main())
