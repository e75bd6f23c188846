"""The digitize screen (màn hình số hoá): scan or import pages, clean them up, one PDF per
component. The lead opens it from the main window: `DigitizeDialog(core, actor, code, runner)`.
"""

from ui.digitize.dialog import DigitizeDialog

__all__ = ["DigitizeDialog"]
