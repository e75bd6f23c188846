"""Language: Vietnamese is the source text; English ships as a .qm translation.

Qt has no Vietnamese of its own (STACK.md, trap 6), so the strings of Qt's dialogs the app
shows (message box buttons, line-edit context menus) come from our own `qt_vi.qm`.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSettings, QTranslator

TRANSLATIONS = Path(__file__).resolve().parent.parent / "resources" / "translations"
LANGUAGES = {"vi": "Tiếng Việt", "en": "English"}
DEFAULT_LANGUAGE = "vi"

_installed: list[QTranslator] = []
_current = [DEFAULT_LANGUAGE]


def saved_language(fallback: str = DEFAULT_LANGUAGE) -> str:
    value = str(QSettings().value("language", fallback) or fallback)
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def save_language(language: str) -> None:
    QSettings().setValue("language", language)


def install(language: str) -> str:
    """Swap the application's translators for `language`; returns the language applied."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("install() needs a QApplication")
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    language = language if language in LANGUAGES else DEFAULT_LANGUAGE
    files = ["qt_vi"] if language == "vi" else [f"counter_app_{language}"]
    for name in files:
        translator = QTranslator(app)
        if translator.load(name, str(TRANSLATIONS)):
            app.installTranslator(translator)
            _installed.append(translator)
    locale = QLocale(QLocale.Language.Vietnamese if language == "vi" else QLocale.Language.English)
    QLocale.setDefault(locale)
    _current[0] = language
    return language


def current() -> str:
    return _current[0]
