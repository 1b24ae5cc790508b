"""followup: a local-first interview follow-up assistant."""

__version__ = "0.1.0"
