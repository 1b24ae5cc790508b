"""What a language model is asked for one draft, and its answer made into a draft.

:func:`messages` builds the chat: a system message with the seeds' advice as numbered
rules (each citing its seed), and a user message with this interview's facts, the draft
the templates wrote, and the form of the answer. Only this interview's record goes in:
the user's other companies and the people of other interviews are left out altogether,
so a hosted model never learns them and a small one cannot copy them (the checker still
refuses a draft that names one). :func:`parse_reply` (from :mod:`.reply`) makes the
model's answer a draft. Pure.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from followup.domain.compose.model import SPECS, Brief, DraftKind, Member, Shape
from followup.domain.compose.reply import parse_reply

__all__ = ["ASKS", "FORM", "RULES", "messages", "parse_reply", "system_prompt", "user_prompt"]

#: The most record entries of one list, and characters of one entry, put in a prompt.
MAX_ITEMS = 8
MAX_CHARS = 300


class Ask(NamedTuple):
    """What a kind of draft is called, what it is for (citing the seed), how long it is."""

    name: str
    purpose: str
    length: str


_BODY = "words in the body"
ASKS: dict[DraftKind, Ask] = {
    DraftKind.THANK_YOU: Ask(
        "thank-you email",
        "a thank-you email to one interviewer, sent within 24 hours of the interview (seed 001)",
        f"50 to 150 {_BODY}",
    ),
    DraftKind.PANEL_NOTE: Ask(
        "panel thank-you note",
        "a thank-you note to one member of an interview panel, built on what this member "
        "discussed, so that it reads differently from the notes to the others (seed 003)",
        f"50 to 100 {_BODY}",
    ),
    DraftKind.LINKEDIN: Ask(
        "LinkedIn connection note",
        "a LinkedIn connection request note to an interviewer after the interview (seed 001)",
        "under 300 characters in all, under 200 if possible",
    ),
    DraftKind.CHECK_IN: Ask(
        "check-in email",
        "a polite check-in on the hiring decision, about a week after the date they gave "
        "(seed 001), brief and specific (seed 000)",
        f"40 to 100 {_BODY}",
    ),
    DraftKind.ADDITIONAL_INFO: Ask(
        "email with additional information",
        "an email offering what the candidate forgot to mention: an example, a work sample, "
        "a certification (seed 003)",
        f"50 to 150 {_BODY}",
    ),
    DraftKind.ADDRESS_CONCERN: Ask(
        "email that addresses the concern",
        "an email that answers, better than in the interview, the concern that came up (seed 003)",
        f"50 to 150 {_BODY}",
    ),
    DraftKind.CLOSE_THE_LOOP: Ask(
        "close-the-loop email",
        "a last, gracious email that thanks them, leaves the door open and asks for nothing "
        "more (seeds 000, 002)",
        f"30 to 90 {_BODY}",
    ),
    DraftKind.AVAILABILITY_REQUEST: Ask(
        "email asking for their availability",
        "an email asking for their availability for a short call, before calling (seed 003)",
        f"30 to 90 {_BODY}",
    ),
    DraftKind.CALL: Ask(
        "phone-call script",
        "a phone-call script that first asks whether now is a good time to talk (seed 003)",
        "60 to 150 words",
    ),
    DraftKind.VOICEMAIL: Ask(
        "voicemail",
        "a voicemail of about 30 seconds: who is calling, why, and the number, said slowly "
        "(seed 003)",
        "under 80 words",
    ),
    DraftKind.CARD: Ask(
        "handwritten card", "a short handwritten thank-you card (seed 003)", "30 to 80 words"
    ),
}

#: The form of the answer, by how the draft is delivered.
FORM: dict[Shape, str] = {
    Shape.EMAIL: "The first line is 'Subject: ' and 3 to 6 words; then a blank line, the "
    "greeting, the body, a closing line such as 'Best regards,' and the signature exactly "
    "as given.",
    Shape.NOTE: "No subject line and no signature: a greeting with the first name, then the note.",
    Shape.SPOKEN: "Only the words to say aloud: no subject line, no written closing, no "
    "stage directions.",
    Shape.CARD: "No subject line: a greeting, a few handwritten lines, then the sender's "
    "first name.",
}

#: The seeds' advice, as rules for every draft: (rule, the seeds it comes from).
RULES: tuple[tuple[str, str], ...] = (
    (
        "Thank the reader for their time; a thank-you goes to each interviewer within 24 hours",
        "seeds 001, 002",
    ),
    ("Mention specific points that were discussed, from the facts given", "seeds 001, 002"),
    ("If a concern came up, address it with the better answer given", "seed 003"),
    ("If the candidate forgot to mention something, offer it", "seed 003"),
    ("Ask at most one meaningful question, one the company's website does not answer", "seed 003"),
    ("Be brief: {length}", "seeds 000, 001"),
    ("Never pushy, never desperate, no pressure and no deadlines", "seed 000"),
    ("Never generic: every sentence fits this interview and this reader", "seed 002"),
    (
        "Never a placeholder or a bracket ([Name], {{company}}, XXX); leave out what is not known",
        "seed 002",
    ),
    ("Name no company but {company}", "seed 002"),
    ("Spell every name exactly as given", "seed 002"),
    ("Show continued interest in the role", "seed 001"),
)


def messages(
    brief: Brief, kind: DraftKind, member: Member | None, template: str
) -> list[dict[str, str]]:
    """The chat for one draft of ``kind`` to ``member``: a system and a user message.

    ``template`` is the draft the composer chose (``Composed.text``): the model is asked
    to write a better one from the same facts.
    """
    return [
        {"role": "system", "content": system_prompt(brief, kind)},
        {"role": "user", "content": user_prompt(brief, kind, member, template)},
    ]


def system_prompt(brief: Brief, kind: DraftKind) -> str:
    """The writer's role and the seeds' rules, numbered, each with its seed."""
    company = _one(brief.company) or "the company that interviewed the candidate"
    lines = [
        "You write follow-up messages after job interviews, for the candidate to send. "
        f"You are writing {ASKS[kind].purpose}.",
        "Follow these rules, from the advice this tool is built on:",
    ]
    for number, (rule, seeds) in enumerate(RULES, 1):
        text = rule.format(length=ASKS[kind].length, company=company)
        lines.append(f"{number}. {text} ({seeds}).")
    lines.append(f"Form: {FORM[SPECS[kind].shape]}")
    lines.append(
        "Answer with the message only: no preamble, no notes, no markdown, no code fences."
    )
    return "\n".join(lines)


def user_prompt(brief: Brief, kind: DraftKind, member: Member | None, template: str) -> str:
    """The interview's facts, the template's draft, and what to answer with."""
    lines = [f"Write the {ASKS[kind].name} for this interview."]
    if member is not None:
        title = f", {_one(member.title)}" if member.title else ""
        lines.append(f"To: {_one(member.name)}{title}.")
        if len(brief.interviewers) > 1:
            lines.append(
                f"{_one(member.name)} was one of {len(brief.interviewers)} interviewers; each "
                "gets a separate note, so write about what this person discussed."
            )
        lines += _listed(f"What {_one(member.name)} discussed", member.topics)
        # Another interviewer's topics stay in the facts below, but the model is told whose
        # they are: a note must never thank its reader for what someone else discussed.
        own = {t.casefold() for t in member.topics}
        theirs = [
            t
            for p in brief.interviewers
            if p is not member
            for t in p.topics
            if t.casefold() not in own
        ]
        lines += _listed(
            f"Discussed with another interviewer, not with {_one(member.name)} (never write "
            f"as if {_one(member.name)} discussed it)",
            list(dict.fromkeys(theirs)),
        )
    else:
        who = f"the {_one(brief.company)} team" if brief.company else "the hiring team"
        lines.append(f"To: {who}.")
    lines += _facts(brief, member)
    lines += [
        "",
        "A draft written from templates, which passes every check. Keep its facts, names and "
        "signature; write a better one, more natural and more specific to this reader:",
        "",
        template.strip(),
        "",
        f"Answer with the new message only. {FORM[SPECS[kind].shape]}",
    ]
    return "\n".join(lines)


def _facts(brief: Brief, member: Member | None) -> list[str]:
    """The record's facts of this interview, one line each, only those it knows."""
    own = {t.casefold() for t in member.topics} if member is not None else set()
    others = [t for p in brief.interviewers if p is not member for t in p.topics]
    shared = [t for t in dict.fromkeys((*brief.topics, *others)) if t.casefold() not in own]
    lines = _known(
        ("Company", brief.company),
        ("Role", brief.role),
        ("Round", brief.round),
        ("Format", brief.format),
        ("Interview date", _day(brief)),
        ("Greeting", _greeting_style(brief.culture)),
    )
    lines += _listed("Other topics of the interview", shared)
    lines += _listed("A standout moment", brief.standouts[:2])
    for note in brief.concerns[:2]:
        lines += _known(("A concern from the interview", note.text))
        lines += _known(("The better answer to it", note.better_answer))
    lines += _listed("What the candidate forgot to mention", brief.forgotten)
    lines += _listed("Questions the candidate still has", brief.questions[:3])
    if brief.decision_date is not None:
        lines += _known(("Decision expected by", _date(brief.decision_date)))
    lines += _listed(
        "Follow-ups already sent",
        [f"{p.kind} on {_date(p.sent_at.date())}" for p in brief.previous_followups],
    )
    lines += _listed("Attached", brief.attachments)
    lines += _known(("Sender", brief.sender.name))
    signature = (brief.sender.signature or "").strip()
    if signature:
        lines.append("Signature, exactly these lines:")
        lines += [f"    {line.strip()}" for line in signature.splitlines()[:6]]
    return lines


def _known(*pairs: tuple[str, str | None]) -> list[str]:
    return [f"{label}: {_one(value)}" for label, value in pairs if value and _one(value)]


def _listed(label: str, items: tuple[str, ...] | list[str]) -> list[str]:
    kept = [_one(i) for i in items if _one(i)][:MAX_ITEMS]
    return [f"{label}: {'; '.join(kept)}"] if kept else []


def _one(text: str | None) -> str:
    """Record text on one line, trimmed, at most MAX_CHARS, without a final full stop."""
    flat = " ".join((text or "").split())
    if len(flat) > MAX_CHARS:
        flat = flat[:MAX_CHARS].rsplit(" ", 1)[0] + "…"
    return flat.rstrip(".")


def _greeting_style(culture: str | None) -> str | None:
    return {
        "formal": "formal: 'Dear' and the full name",
        "casual": "casual: 'Hi' and the first name",
    }.get(culture or "")


def _day(brief: Brief) -> str | None:
    start = brief.interview_start
    return None if start is None else _date(start.date())


def _date(value: date) -> str:
    return f"{value:%A, %B} {value.day}, {value.year}"
