"""The story store: models, sessions, migrations and full-text search."""
