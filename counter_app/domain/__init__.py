"""Pure rules and types of the one-stop counter: no I/O, no SQLAlchemy, no Qt."""
