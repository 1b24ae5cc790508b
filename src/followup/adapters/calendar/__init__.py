"""Calendar files: reading invitations (:mod:`.invite`); later, a feed of due follow-ups."""
