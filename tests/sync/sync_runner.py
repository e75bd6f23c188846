"""`python main.py sync …` without the other command groups' imports (scanner, PDF, printing):
the crash test starts the sync 50+ times, so every second of start-up counts. Same parser,
same context, same commands as main.py."""

from __future__ import annotations

import sys

from counter_app import __version__
from counter_app.cli_support import run
from sync.cli import add_commands

if __name__ == "__main__":
    sys.exit(run(sys.argv[1:], [add_commands], __version__))
