"""Adapters: everything that touches the outside world (database, mail, calendar files)."""
