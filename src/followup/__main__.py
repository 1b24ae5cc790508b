"""`python -m followup` runs the CLI."""

from followup.cli.main import run

run()
