"""The store: SQLAlchemy Core over SQLite (default) or PostgreSQL, migrated by Alembic.

SQL lives here and nowhere else. Import :mod:`followup.adapters.store.store` only inside
commands that need the database: SQLAlchemy is the heaviest import the CLI has.
"""
