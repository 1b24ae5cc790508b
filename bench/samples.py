"""The evaluation samples, read at run time, and a filler for the templates among them.

    from samples import load, fill
    for sample in load():             # ../shared/eval/samples/dev.jsonl (never copied here)
        filled = fill(sample, random.Random(seed))
        check(filled.text, sample.kind, filled.context)

Many `good` samples are templates (``Dear [Interviewer's Name]``, ``____ (position)``,
``XXX Organization``): a draft with those left in is an error, so the evaluation fills
them first with realistic values drawn from the pools in :mod:`fakes` (names, companies,
roles, topics), and builds the Context a user with that interview on record would pass.
Concrete names of good samples (the greeting's name, the signature) are drawn afresh too,
so that a thousand fills name a thousand people. Every value put in is kept as a
:class:`Placed` span: the planted defects of eval_checker.py replace exactly those.
Deterministic: the same sample and seed give the same text and context.
"""

from __future__ import annotations

import json
import os
import random
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fakes import Who, company_names, draw_people, draw_role, draw_team, draw_topic
from followup.domain.check import Context, Kind, Person
from followup.domain.check.text import Draft

#: Where the evaluation data lives: ../shared/eval beside the checkout, or $FOLLOWUP_EVAL_DIR.
EVAL_DIR = Path(
    os.environ.get("FOLLOWUP_EVAL_DIR")
    or Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
)
#: The labels' kinds as ``--kind`` values ("other" there is a note sent after the thanks).
KINDS = {
    "thank-you": Kind.THANK_YOU,
    "check-in": Kind.CHECK_IN,
    "linkedin": Kind.LINKEDIN,
    "other": Kind.ADDITIONAL_INFO,
}


@dataclass(frozen=True, slots=True)
class Sample:
    """One labelled message of the evaluation set."""

    id: str
    kind: Kind
    label: str  # "good" or "bad"
    scope: str  # "whole", "phrase" or "partial"
    text: str


def load(path: Path | None = None) -> list[Sample]:
    """The samples of dev.jsonl (or another split of the same shape), in file order."""
    path = path or EVAL_DIR / "samples" / "dev.jsonl"
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            kind = KINDS.get(row["kind"], Kind.THANK_YOU)
            out.append(Sample(row["id"], kind, row["label"], row["scope"], row["text"]))
    return out


@dataclass(frozen=True, slots=True)
class Slot:
    """A blank of a template: ``text[start:end]``, and what belongs in it."""

    start: int
    end: int
    type: str  # person, formal, sender, company, role, topic, team, date


# Blanks, most specific first; a later pattern never takes a span an earlier one took.
_HINT = r"(?:[ \t]*\([^()\n]{1,40}\))?"
_SLOTS = (
    re.compile(
        r"\b(?:Mrs?|Ms|Mx|Dr)\.?[ \t]*/[ \t]*(?:Mrs?|Ms|Mx|Dr)\.?(?:[ \t]*/[ \t]*\w+\.?)*"
        r"[ \t]+(?:Last|First|Full|Sur)[ \t]*Name\b"
    ),
    re.compile(r"\[[^\[\]\n]{1,80}\]" + _HINT),
    re.compile(r"<[A-Za-z][^<>@\n/]{0,60}>"),
    re.compile(r"\{\{?[^{}\n]{1,60}\}\}?|%[A-Z_]{2,30}%|\*\|[A-Z_]{1,30}\|\*"),
    re.compile(r"_{3,}" + _HINT),
    re.compile(
        r"\bX{3,}\b(?:[ \t]+(?:Organi[sz]ation|Company|Corporation|Inc\.?|Ltd\.?))?" + _HINT
    ),
    # "(Company Name)", "(Your Name)": a Title Case blank in parentheses (kept only when
    # it names what goes there: see find_slots).
    re.compile(r"\([A-Z][\w'’]*(?:[ \t][\w'’]+){0,3}\)"),
    re.compile(
        r"\b(?:Your|My|Interviewer['’]?s?|Hiring Manager['’]?s?|Recruiter['’]?s?|Company|"
        r"First|Last|Full)[ \t]+(?:Full[ \t]+)?Name\b|\bJob Title\b"
    ),
)
_TYPES = (
    ("sender", re.compile(r"\b(?:your|my)\s+(?:full\s+)?name|signature|sender", re.I)),
    ("formal", re.compile(r"\b(?:mrs?|ms|mx|dr)\.?\s*/", re.I)),
    ("company", re.compile(r"compan|employer|organi[sz]ation|\bfirm\b|business", re.I)),
    ("role", re.compile(r"position|\brole\b|\bjob\b|title|internship|opening", re.I)),
    ("topic", re.compile(r"specific|topic|detail|learn|discuss|project|something|skill", re.I)),
    ("team", re.compile(r"\bteam\b|department|program|group", re.I)),
    ("date", re.compile(r"\bdate\b|\bday\b|\btime\b|\bweek", re.I)),
    ("person", re.compile(r"name|interviewer|manager|recruiter|contact|person|letter", re.I)),
)
_GREETED = re.compile(r"(?:^|\n)[ \t]*(?:dear|hi|hello|hey|good \w+)[ \t]+$", re.I)


def find_slots(text: str) -> list[Slot]:
    """The template blanks in ``text``, in order, each with the type of value it wants."""
    taken: list[tuple[int, int]] = []
    for pattern in _SLOTS:
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            if m.group()[0] == "(" and not any(p.search(m.group()) for _, p in _TYPES):
                continue  # "(SaaS)" is an aside, "(Company Name)" a blank
            taken.append((m.start(), m.end()))
    return [Slot(s, e, _type_of(text, s, e)) for s, e in sorted(taken)]


def _type_of(text: str, start: int, end: int) -> str:
    inside = text[start:end]
    for name, pattern in _TYPES:
        if pattern.search(inside):
            return name
    before = text[max(0, start - 30) : start]
    if _GREETED.search(before):
        return "person"
    return "role" if before.lower().endswith("the ") else "company"


@dataclass(frozen=True, slots=True)
class Placed:
    """A value the filler put in: ``text[start:end] == value``; ``who`` when a person."""

    start: int
    end: int
    type: str
    value: str
    who: Who | None = None


@dataclass(frozen=True, slots=True)
class Filled:
    """A sample with its blanks filled, the context that goes with it, what was put where."""

    sample: Sample
    text: str
    context: Context
    placed: tuple[Placed, ...]


@dataclass(frozen=True, slots=True)
class _Record:
    """The invented interview a fill writes about."""

    company: str
    role: str
    team: str
    topic: tuple[str, str]  # (the topic as recorded, the phrase a draft uses)
    interviewer: Who
    panel: tuple[Who, ...]
    sender: Who
    elsewhere: tuple[Who, ...]
    others: tuple[str, ...]
    start: datetime


def _record(rng: random.Random, text: str) -> _Record:
    people = draw_people(rng, 6)
    companies = [c for c in company_names(rng, 8) if c.split()[0].lower() not in text.lower()]
    hour = rng.choice((9, 10, 14, 15))
    start = datetime(2026, rng.randint(1, 11), rng.randint(1, 28), hour, tzinfo=UTC)
    return _Record(
        company=companies[0],
        role=draw_role(rng),
        team=draw_team(rng),
        topic=draw_topic(rng),
        interviewer=people[0],
        panel=tuple(people[1 : 1 + (rng.random() < 0.4)]),
        sender=people[2],
        elsewhere=tuple(people[3:5]),
        others=tuple(companies[1 : 1 + rng.randint(1, 3)]),
        start=start,
    )


# A name a good sample greets or signs with: drawn afresh like a template's blank.
_NAME = r"[A-Z][a-z]+(?:[ \t]+[A-Z][a-z]+){0,2}"
_SIGNED = re.compile(
    r"(?:\b(?:Best|Best regards|Kind regards|Regards|Thanks|Cheers|Sincerely|Warmly),?[ \t]+"
    r"|[–—-][ \t]*)(?P<name>" + _NAME + r")[ \t]*$"
)
_ROLE_NAMED = re.compile(
    r"\bthe (?P<role>(?:[A-Z][\w-]*[ \t]){1,4})(?:role|position|job|internship)\b"
)


def _concrete(text: str, kind: Kind) -> list[Slot]:
    """The greeted and signing names of a message that is not a template (slots too)."""
    draft = Draft(text, kind)
    out = []
    if draft.greeting_name is not None:
        g = draft.greeting_name
        if re.fullmatch(_NAME, text[g.start : g.end]):
            out.append(Slot(g.start, g.end, "person"))
    sign = draft.after_signoff.splitlines()[0] if draft.after_signoff else ""
    if sign and re.fullmatch(_NAME, sign.strip()):
        at = text.rindex(sign.strip())
        out.append(Slot(at, at + len(sign.strip()), "sender"))
    else:
        found = _SIGNED.search(text)
        if found is not None:
            out.append(Slot(found.start("name"), found.end("name"), "sender"))
    return out


def fill(sample: Sample, rng: random.Random) -> Filled:
    """The sample with every blank (and its greeted and signing names) filled, and its context.

    A bad sample is left as written (the page shows it so); its context is drawn the same
    way, with the greeted person as the interviewer when it greets someone by name.
    """
    text = sample.text
    rec = _record(rng, text)
    slots = find_slots(text) if sample.label == "good" else []
    concrete: list[Slot] = []
    if sample.label == "good":
        have = {s.type for s in slots}
        if "formal" in have:
            have.add("person")
        for c in _concrete(text, sample.kind):
            if c.type not in have and not any(c.start < s.end and s.start < c.end for s in slots):
                concrete.append(c)
        slots += concrete
    interviewer = rec.interviewer
    if sample.label == "bad":
        named = Draft(text, sample.kind).greeting_name
        if named is not None:
            written = text[named.start : named.end].strip().title()
            interviewer = Who(written, "", rec.interviewer.honorific)
    role = rec.role
    if not any(s.type == "role" for s in slots) and (m := _ROLE_NAMED.search(text)):
        role = m.group("role").strip()
    # Any other appearance of a concrete name drawn afresh follows it.
    renamed = {text[c.start : c.end]: c.type for c in concrete}
    extra = [
        Slot(m.start(), m.end(), renamed[m.group()])
        for old in renamed
        for m in re.finditer(r"\b" + re.escape(old) + r"\b", text)
        if not any(m.start() < s.end and s.start < m.end() for s in slots)
    ]
    out, placed, at = [], [], 0
    for slot in sorted(slots + extra, key=lambda s: s.start):
        head = text[at : slot.start]
        value, who = _value(slot, text, rec, rng)
        if slot.type == "company" and head.endswith("the "):
            head = head[:-4]  # "at the ____ (employer)": no article before a name
        out.append(head)
        so_far = "".join(out)
        start = len(so_far)
        if re.search(r"(?:^|[.!?\n])\s*$", so_far):
            value = value[:1].upper() + value[1:]  # a sentence starts with it
        out.append(value)
        placed.append(Placed(start, start + len(value), slot.type, value, who))
        at = slot.end
    out.append(text[at:])
    filled = "".join(out)
    if sample.label == "good" and not any(p.type == "sender" for p in placed):
        # A template that ends on "Best regards," is signed by whoever fills it in.
        draft = Draft(filled, sample.kind)
        if draft.signoff is not None and not draft.after_signoff:
            filled = filled.rstrip() + "\n"
            placed.append(
                Placed(
                    len(filled),
                    len(filled) + len(rec.sender.full),
                    "sender",
                    rec.sender.full,
                    rec.sender,
                )
            )
            filled += rec.sender.full
    people = (interviewer, *rec.panel)
    used_topic = any(p.type == "topic" for p in placed)
    context = Context(
        company=rec.company,
        role=role,
        interviewers=tuple(Person(w.full, w.title or None) for w in people),
        interview_start=rec.start,
        interview_end=rec.start + timedelta(minutes=45),
        topics=(rec.topic[0],) if used_topic else (),
        other_companies=rec.others,
        sender_name=rec.sender.full,
        to=interviewer.full,
        people_elsewhere=tuple(w.full for w in rec.elsewhere),
    )
    return Filled(sample, filled, context, tuple(placed))


def _value(slot: Slot, text: str, rec: _Record, rng: random.Random) -> tuple[str, Who | None]:
    """What goes in this blank, in the form its place calls for."""
    kind = slot.type
    before = text[max(0, slot.start - 30) : slot.start]
    written = text[slot.start : slot.end]
    if kind == "sender":
        # A signature of one word ("- Alex") stays one word; a blank gets the full name.
        one = re.fullmatch(r"[A-Z][a-z]+", written) is not None
        return (rec.sender.first if one else rec.sender.full), rec.sender
    if kind in ("person", "formal"):
        who = rec.interviewer
        if re.search(r"dear[ \t]+$", before, re.I):
            # After "Dear": "Ms. Okafor", "Amara Okafor" or "Amara", as people write.
            form = rng.choices((who.formal, who.full, who.first), (4, 2, 4))[0]
            return (who.formal if kind == "formal" else form), who
        if kind == "formal":
            return who.formal, who
        if _GREETED.search(before) or (" " not in written and written.istitle()):
            return who.first, who
        return who.full, who
    if kind == "company":
        return rec.company, None
    if kind == "role":
        if re.match(r"[\[{<]\s*(?:this|the)\b", written, re.I):
            return f"the {rec.role} role", None
        hint = re.search(r"\((position|role|job)\)", written)
        return (f"{rec.role} {hint.group(1)}" if hint else rec.role), None
    if kind == "topic":
        phrase = rec.topic[1]
        return ("about " + phrase if re.search(r"\blearned\s+$", before) else phrase), None
    if kind == "team":
        return rec.team, None
    return rng.choice(("Tuesday", "Thursday", "March 12", "next Monday")), None
