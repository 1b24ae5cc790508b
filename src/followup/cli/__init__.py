"""The command-line interface: a thin shell over services/.

Command modules import only Typer and the standard library at module level; everything
heavy (SQLAlchemy, Rich tables, dateparser) is imported inside the command that needs it,
so `followup --help` stays fast.
"""
