"""Composition root: no command → the desktop app; a command → the CLI.

The only module that knows every package; wiring, not logic.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def command_groups() -> list:  # type: ignore[type-arg]
    from counter_app import cli as core_cli
    from counter_app import cli_admin, cli_it, cli_payments, cli_ratings, cli_reports, cli_tickets
    from counter_app.digitize import cli as digitize_cli
    from printing import cli as printing_cli
    from printing import daily_summary
    from printing import render as printing_render
    from printing import ticket as ticket_printing
    from sync import cli as sync_cli
    from sync import factory as sync_factory
    from sync import status as sync_status

    return [
        core_cli.add_commands,
        cli_it.commands(
            render_form=printing_render.preview,
            sync_config=sync_factory.load_config,
            sync_credentials=sync_factory.credentials,
            sync_snapshot=sync_status.snapshot,
        ),
        digitize_cli.add_commands,
        cli_admin.add_commands,
        sync_cli.add_commands,
        printing_cli.add_commands,
        cli_reports.commands(render_daily_pdf=daily_summary.render_pdf),
        cli_tickets.commands(render_ticket=ticket_printing.render_taken),
        cli_ratings.add_commands,
        cli_payments.add_commands,
    ]


def _app_only(args: list[str]) -> tuple[str | None, str | None] | None:
    """(config, data dir) when the arguments ask for the desktop app and nothing else.

    The app then starts without loading every command group (start-up time, bench/).
    """
    import argparse

    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--config")
    parser.add_argument("--data-dir")
    known, rest = parser.parse_known_args(args)
    return None if rest else (known.config, known.data_dir)


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] in (["hall"], ["kiosk"]):  # queue windows: no sign-in, no personal data
        from ui.queue.standalone import run_window

        return run_window(args[0], args[1:])
    app_only = _app_only(args)
    if app_only is not None:
        from ui.app import run_app

        return run_app(config=app_only[0], data_dir=app_only[1])
    from counter_app import __version__
    from counter_app.cli_support import build_parser, run

    parsed, _ = build_parser(command_groups(), __version__).parse_known_args(args)
    if parsed.command is None and not {"-h", "--help", "--version"} & set(args):
        from ui.app import run_app

        return run_app(config=parsed.config, data_dir=parsed.data_dir)
    from counter_app.logs import setup_cli_logging

    setup_cli_logging(parsed.config, parsed.data_dir)  # masked, rotated; plus faulthandler
    return run(args, command_groups(), __version__)


if __name__ == "__main__":
    sys.exit(main())
