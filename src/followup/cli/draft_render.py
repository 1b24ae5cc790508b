"""The output of `followup draft`: text for people, JSON for scripts, .eml for mail clients.

Text (may change between versions): for each draft a header (kind, recipient, variant,
score), the draft as it would be sent, the checker's findings if any, what to add to the
record to make it better, and where it was stored. JSON (a contract: DESIGN.md,
docs/draft-context.md): one object ``{"subject", "body", "to", "score", "findings"}``
when there is one draft, a list of them, one per recipient, when there are several; the
stored form adds its own keys after those. ``eml``: one RFC 5322 message
(:mod:`followup.adapters.mail.eml`). ``mailto``: one ``mailto:`` link (RFC 6068) per line,
one per draft, that opens it in a mail client ready to send.

Plain text, no Rich: a draft is meant to be copied as it stands.
"""

from __future__ import annotations

import sys
import textwrap
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from followup.domain.check.model import Report
    from followup.services.draft import Drafted
    from followup.services.draft_write import Draft, DraftFailed

RULE = "─" * 60


def _out(text: str) -> None:
    if hasattr(sys.stdout, "reconfigure"):
        # A terminal that cannot show a character gets "?" for it, not a traceback after
        # the drafts were stored.
        sys.stdout.reconfigure(errors="replace")
    sys.stdout.write(text)


# JSON --------------------------------------------------------------------------------------


def contract(draft: Draft) -> dict[str, Any]:
    """One draft as the stateless contract spells it (exactly these keys, in this order)."""
    composed = draft.composed
    return {
        "subject": composed.subject,
        "body": composed.body,
        "to": composed.to.name if composed.to is not None else None,
        "score": composed.report.score,
        "findings": [f.as_json() for f in composed.report.findings],
    }


def as_json(drafted: Drafted) -> Any:
    """The JSON document: one object, or a list when several recipients get a draft."""
    items = []
    for draft in drafted.drafts:
        item = contract(draft)
        if drafted.stored is not None:  # the stored form: the contract's keys, then ours
            composed = draft.composed
            item |= {
                "kind": composed.kind.value,
                "variant": composed.variant,
                "edited": draft.edited,
                "missing": [
                    {"field": m.field, "why": m.why, "add": drafted.advice(m)}
                    for m in composed.missing
                ],
                "followup_id": draft.followup_id,
                "message_id": draft.message_id,
            }
        items.append(item)
    return items[0] if len(items) == 1 else items


def print_json(drafted: Drafted) -> None:
    """Write the JSON document (UTF-8 whatever the locale); notes go to stderr."""
    from followup.cli.render import emit_json

    _notes_to_stderr(drafted)
    emit_json(as_json(drafted))


def _notes_to_stderr(drafted: Drafted) -> None:
    for note in drafted.notes:
        sys.stderr.write(f"followup: {note}\n")
    _skipped_to_stderr(drafted)


def _skipped_to_stderr(drafted: Drafted) -> None:
    """The user's templates left out: on stderr in every format (stdout is the draft)."""
    for note in drafted.skipped:
        sys.stderr.write(f"followup: {note}.\n")


# .eml --------------------------------------------------------------------------------------


def print_eml(drafted: Drafted, now: datetime) -> None:
    """Write the one draft as an RFC 5322 message (the service refused several)."""
    from followup.adapters.mail.eml import draft_message, to_bytes

    _notes_to_stderr(drafted)
    (draft,) = drafted.drafts
    composed, sender = draft.composed, drafted.brief.sender
    message = draft_message(
        body=composed.body,
        subject=composed.subject,
        date=now,
        from_name=sender.name,
        from_email=sender.email,
        to_name=composed.to.name if composed.to is not None else None,
        to_email=composed.to.email if composed.to is not None else None,
    )
    sys.stdout.flush()
    sys.stdout.buffer.write(to_bytes(message))
    sys.stdout.buffer.flush()


def print_mailto(drafted: Drafted) -> None:
    """One ``mailto:`` link per email draft; a recipient without an address is said on stderr.

    The link of a draft to someone with no email on record has no address
    (``mailto:?subject=...``): the mail client asks for it. A draft that is not an email
    (a LinkedIn note, a call) gets no link, and stderr says why.
    """
    from followup.adapters.mail.eml import mailto
    from followup.domain.compose.model import SPECS, Shape

    _notes_to_stderr(drafted)
    links = []
    for draft in drafted.drafts:
        composed = draft.composed
        to = composed.to
        if SPECS[composed.kind].shape is not Shape.EMAIL:
            sys.stderr.write(f"followup: a {composed.kind.value} is not an email: no link.\n")
            continue
        if to is not None and not to.email:
            sys.stderr.write(
                f"followup: {to.name} has no email address on record: the link leaves To empty.\n"
            )
        links.append(mailto(to.email if to else None, composed.subject, composed.body) + "\n")
    _out("".join(links))


# Text --------------------------------------------------------------------------------------


def print_text(drafted: Drafted) -> None:
    """Each draft with its header, findings, what to add, and where it was stored."""
    chunks = []
    total = len(drafted.drafts)
    for number, draft in enumerate(drafted.drafts, start=1):
        chunks.append(_one(drafted, draft, number, total))
    for note in drafted.notes:
        chunks.append(f"Language model: {note}\n")
    _skipped_to_stderr(drafted)
    _out("\n".join(chunks))


def _one(drafted: Drafted, draft: Draft, number: int, total: int) -> str:
    composed = draft.composed
    who = "the hiring team"
    if composed.to is not None:
        who = composed.to.name + (f" <{composed.to.email}>" if composed.to.email else "")
    count = f"{number}/{total} " if total > 1 else ""
    edited = ", edited" if draft.edited else ""
    head = (
        f"{count}{composed.kind.value} to {who} · variant {composed.variant}{edited} · "
        f"score {composed.report.score}/100"
    )
    lines = [head, RULE, composed.text.rstrip("\n"), RULE]
    lines += findings(composed.text, composed.report)
    if composed.missing:
        lines.append("Add to the record:" if drafted.stored else "Add to the context:")
        for need in composed.missing:
            lines.append(_wrapped(f"- {need.field}: {need.why}.", "  ", "    "))
            lines.append(f"    {drafted.advice(need)}")
    if drafted.stored is not None:
        lines.append(_where(draft, composed.kind.value))
    return "\n".join(lines) + "\n"


def _where(draft: Draft, kind: str) -> str:
    if draft.message_id is None:
        return f"Not stored: no {kind} step is pending for this recipient in the plan."
    return f"Stored as draft message #{draft.message_id} of follow-up #{draft.followup_id}."


def findings(text: str, report: Report) -> list[str]:
    """The checker's findings, one block each: severity, rule, line:column, why, fix."""
    if not report.findings:
        return []
    out = [f"Findings ({len(report.findings)}, {report.errors} error(s)):"]
    for f in report.findings:
        line = text.count("\n", 0, f.start) + 1
        column = f.start - (text.rfind("\n", 0, f.start) + 1) + 1
        out.append(f"  {f.severity.value:<7} {f.rule}  {line}:{column}")
        out.append(_wrapped(f.message, "    ", "    "))
        if f.suggestion:
            out.append(f"    fix: {f.suggestion}")
    return out


def _wrapped(text: str, first: str, rest: str) -> str:
    return textwrap.fill(text, 88, initial_indent=first, subsequent_indent=rest)


def print_failure(exc: DraftFailed) -> None:
    """Every variant had an error: why, and the closest candidate's findings, on stderr."""
    lines = [f"followup: {exc.message}"]
    best = exc.best
    if best is not None:
        lines.append(f"The closest was variant {best.variant} (score {best.report.score}/100):")
        lines += findings(best.text, best.report)
    lines += [f"  {problem}" for problem in exc.problems]
    lines.append("Add to the record what the findings ask for, or try another --kind.")
    sys.stderr.write("\n".join(lines) + "\n")
