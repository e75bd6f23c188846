"""Storage: SQLAlchemy 2 typed models, engine setup, unit of work, Alembic migrations."""
