"""Incoming mail: what a message is (reply, auto-reply, bounce) and whose reply it is."""
