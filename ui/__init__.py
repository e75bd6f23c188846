"""The PySide6 desktop app: windows, views, Qt models and workers over `counter_app.services`."""
