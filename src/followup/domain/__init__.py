"""Pure domain code: no I/O, no clock, no database. "now" is always a parameter."""
