"""Alembic migrations, shipped inside the package so every install can upgrade its store."""

# The newest revision. Opening a store already at it skips loading Alembic at all, which keeps
# the window's start-up quick; tests/store/test_db.py checks it matches the scripts.
HEAD = "0010"
