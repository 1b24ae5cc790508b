"""Drafting: every follow-up written from the record, checked before it is shown.

``compose_all(brief, kind)`` (:mod:`.composer`) fills every template variant of a kind
(:mod:`.templates`) with the record's facts (:mod:`.facts`), runs the checker on each and
keeps the best; docs/drafting.md describes the templates and their variables.
"""
