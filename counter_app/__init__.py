"""Core of the one-stop counter app (Bộ phận Một cửa): rules, storage, use cases, CLI.

Qt-free by design: every rule, form and the whole sync can run headless.
"""

from counter_app.version import __version__

__all__ = ["__version__"]
