"""Composition root: no command → the desktop app; a command → the CLI.

The only module that knows every package; wiring, not logic.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def command_groups() -> list:  # type: ignore[type-arg]
    from counter_app import cli as core_cli

    return [core_cli.add_commands]


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from counter_app import __version__
    from counter_app.cli_support import build_parser, run

    parsed, _ = build_parser(command_groups(), __version__).parse_known_args(args)
    if parsed.command is None and not {"-h", "--help", "--version"} & set(args):
        from ui.app import run_app

        return run_app(config=parsed.config, data_dir=parsed.data_dir)
    return run(args, command_groups(), __version__)


if __name__ == "__main__":
    sys.exit(main())
