"""An attachment promised and not attached, or attached and never mentioned.

"Please find attached my portfolio" with nothing attached is the slip every reader of
email knows; seed 002 asks to proofread before sending, and seed 003's additional
information is worth sending only if it arrives.

When is nothing attached? Only a context can say: ``context.attachments`` lists what
goes with the draft. A draft checked with no context at all (``followup check FILE``
without ``--context`` or ``--interview``) has unknown attachments, and the rule is quiet
there: the checker cannot see a mail client's attachment list, and a warning on every
"attached" would be wrong as often as right. Any context given (even one with only a
``send_at``, or the one ``--interview`` builds from the record) is taken to list the
attachments: none listed means none attached, and the message, a reminder like a mail
client's "did you forget the attachment?", says both what to do and how to list one.

What counts as promising one: "attach", "attached", "attaching", "attachment",
"enclosed", "enclosing", "enclosure", and "please find" followed by a document ("please
find my résumé", "a copy of"), unless the sentence points to a link instead ("at",
"here", "below", a URL). Not "attached to" in its other sense ("I'm attached to the
mission"): only "attached to this email", "...message", "...note".
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from followup.domain.check.lazy import Lazy
from followup.domain.check.model import NO_CONTEXT, Category, Severity
from followup.domain.check.registry import Analysis, Hit, Rule
from followup.domain.check.rules.timing import anchor
from followup.domain.check.wholewords import has_word

#: What a document sent along is called ("my résumé", "the slides").
_DOCUMENTS = (
    r"r[eé]sum[eé]s?|cvs?|portfolios?|references?|transcripts?|cover letter|"
    r"(?:writing |work |code )?samples?|slides|deck|presentation|certificates?|"
    r"case stud(?:y|ies)|write-?up|report|documents?|files?"
)
_ATTACH = re.compile(r"\b(?:attach(?:ed|ing|ment|ments|es)?|enclos(?:ed|ing|ure|e))\b")
#: "attached to" in the sense of a file: attached to this email, message, note, letter.
_TO_MAIL = Lazy(r"\s+to\s+(?:this|the|my|your)\s+(?:e-?mail|message|note|letter|mail)\b")
_TO = re.compile(r"\s+to\b")
_PLEASE_FIND = Lazy(
    r"\bplease find\s+(?:(?:a|my|the|our)\s+)?(?:(?:updated|latest|revised|full)\s+)?"
    r"(?:" + _DOCUMENTS + r"|a copy|copies)\b"
)
#: A "please find" sentence that points to a link, not a file.
_LINK = re.compile(r"\b(?:at|here|below|via|link|online|on (?:my|the) \w+)\b|https?://|www\.")
_SENTENCE_END = re.compile(r"[.!?\n]")
_DOC_WORD = Lazy(r"\b(?:" + _DOCUMENTS + r")\b")
_NAME_PART = re.compile(r"[^\W\d_]{4,}")


def mention(low: str) -> re.Match[str] | None:
    """The first place the text (lower case) says something is attached, or None."""
    # Most drafts say none of it: three substring tests (C speed) spare them the regexes.
    if "attach" not in low and "enclos" not in low and "please find" not in low:
        return None
    for m in _ATTACH.finditer(low):
        if m.group() == "attached" and _TO.match(low, m.end()) and not _TO_MAIL.match(low, m.end()):
            continue  # "attached to the team": fondness, not a file
        return m
    for m in _PLEASE_FIND.finditer(low):
        stop = _SENTENCE_END.search(low, m.end())
        if not _LINK.search(low, m.end(), stop.start() if stop else len(low)):
            return m
    return None


def _missing(a: Analysis) -> Iterator[Hit]:
    ctx = a.context
    if ctx.attachments or ctx is NO_CONTEXT or ctx == NO_CONTEXT:
        return
    found = mention(a.draft.lower)
    if found is None:
        return
    why = (
        f"The draft says “{a.draft.text[found.start() : found.end()]}”, but no attachment "
        f"is listed with it: attach the file before you send (and list it under "
        f'"attachments" in the context), or take the sentence out (seed 002: proofread '
        f"your message carefully before sending it)."
    )
    yield Hit(found.start(), found.end(), message=why)


def _unmentioned(a: Analysis) -> Iterator[Hit]:
    ctx = a.context
    if not ctx.attachments:
        return
    low = a.draft.lower
    if mention(low) is not None or _DOC_WORD.search(low):
        return
    # A word of a file's name in the text ("Kafka_migration.pdf", "the Kafka migration")
    # counts as a mention; the sender's own name (in every file name) does not.
    own = {w.lower() for w in _NAME_PART.findall(ctx.sender_name or "")}
    for name in ctx.attachments:
        stem = name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        parts = {w.lower() for w in _NAME_PART.findall(stem)} - own
        if any(has_word(low, part) for part in parts):
            return
    names = ", ".join(ctx.attachments[:3]) + (" …" if len(ctx.attachments) > 3 else "")
    why = (
        f"Something is attached ({names}) but the draft never says so: a sentence on what "
        f"it is and why it matters gets it opened (seed 003: offer additional information "
        f"that strengthens your candidacy)."
    )
    yield Hit(*anchor(a.draft), message=why)


RULES = (
    Rule(
        id="attachment.missing",
        category=Category.ATTACHMENT,
        severity=Severity.WARNING,
        message="The draft mentions an attachment but nothing is attached (seed 002: "
        "proofread before sending).",
        seed="002",
        summary="The draft says “attached”, “enclosed” or “please find my résumé” but the "
        "context lists no attachments (quiet without a context).",
        find=_missing,
    ),
    Rule(
        id="attachment.unmentioned",
        category=Category.ATTACHMENT,
        severity=Severity.INFO,
        message="A file is attached but the draft never mentions it (seed 003: offer "
        "additional information).",
        seed="003",
        summary="Attachments listed in the context that the draft never mentions (no "
        "“attached”, no document word, no word of the file's name).",
        find=_unmentioned,
    ),
)
