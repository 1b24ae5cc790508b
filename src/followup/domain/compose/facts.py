"""What a template is given: the record's facts for one draft to one person, made to fit.

Every value is plain text (or a list of text, or a flag), already shortened and trimmed,
and empty when the record does not know it, so a template writes ``{% if topic %}`` and
never leaves a blank (seed 002: no placeholder). docs/drafting.md lists every name; user
templates see exactly these.
"""

from __future__ import annotations

from typing import Any

from followup.domain.compose.model import Brief, ConcernNote, DraftKind, Member, Shape
from followup.domain.compose.shorten import (
    clean,
    join_and,
    phrase,
    question,
    sentence,
    shorten,
    the_phrase,
)

#: The most words quoted from one record entry, by what it is.
TOPIC_WORDS = 7
STANDOUT_WORDS = 14
CONCERN_WORDS = 9
BETTER_WORDS = 26
FORGOTTEN_WORDS = 12
QUESTION_WORDS = 20
#: The most concerns one draft takes up ("concern" names them all, "better" answers them).
MOST_CONCERNS = 3
#: Titles written before a name, left out of the name a greeting uses.
_HONORIFICS = frozenset(
    (
        *("dr", "dr.", "prof", "prof.", "professor", "mr", "mr.", "mrs", "mrs.", "ms", "ms."),
        *("mx", "mx.", "sir", "dame"),
    )
)
_MEETINGS = {
    "phone": "our phone call",
    "video": "our video call",
    "onsite": "my visit",
    "panel": "the panel interview",
}
_ROUNDS = {
    "screen": "screening call",
    "first": "first interview",
    "second": "second interview",
    "third": "third interview",
    "final": "final interview",
}


def first_name(name: str) -> str:
    """The name a greeting uses: the first word that is not a title ("Dr. Ana Ruiz": Ana)."""
    words = clean(name).split(" ")
    rest = [w for w in words if w.casefold() not in _HONORIFICS]
    return (rest or words)[0]


#: Titles one person holds in a team: "as the Head of Data", not "as a Head of Data".
_UNIQUE_TITLES = ("head ", "chief ", "director ", "vice president", "president", "vp ")
#: Letters whose name starts with a vowel sound, for an acronym: "an SRE", "a DBA".
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")
#: Words spelled with a vowel but said with a consonant first, and the reverse.
_A_BEFORE = ("uni", "use", "usa", "eu", "one", "once")
_AN_BEFORE = ("hour", "honest", "honor", "honour", "heir")


def titled(title: str) -> str:
    """A job title with the article it takes after "as", empty when there is no title.

    "a Recruiter", "an Engineering Manager", "the Head of Data" (one person holds it).
    """
    title = clean(title)
    if not title:
        return ""
    folded = title.casefold()
    if folded.startswith(("the ", "a ", "an ", "our ", "your ")):
        return title
    if folded.startswith(_UNIQUE_TITLES) or folded in ("ceo", "cto", "cfo", "coo"):
        return f"the {title}"
    return f"{indefinite(title)} {title}"


def indefinite(word: str) -> str:
    """The indefinite article ``word`` takes, by how it is said: an Analyst, a UX Researcher."""
    first = word.split(" ", 1)[0].strip("\"'(")
    if not first:
        return "a"
    if len(first) > 1 and first.isupper() and first.isalpha():
        return "an" if first[0] in _VOWEL_LETTERS else "a"
    folded = first.casefold()
    if folded.startswith(_AN_BEFORE):
        return "an"
    if folded.startswith(_A_BEFORE):
        return "a"
    return "an" if folded[0] in "aeiou" else "a"


def greeting(brief: Brief, member: Member | None, shape: Shape) -> str:
    """The greeting line: formal cultures get the full name, casual ones "Hi"."""
    if member is None:
        team = f"{brief.company} team" if brief.company else "hiring team"
        return f"Dear {team}," if shape is not Shape.SPOKEN else "Hello,"
    name = clean(member.name)
    if brief.culture == "formal":
        return f"Dear {name},"
    if brief.culture == "casual" or shape is Shape.NOTE:
        return f"Hi {first_name(name)},"
    return f"Dear {first_name(name)},"


def topics_for(brief: Brief, member: Member | None) -> list[str]:
    """The topics to draw on: this person's own first, then the interview's general ones.

    Shortened, each with its article when it needs one, without repeats. Another
    interviewer's topic ("Dana: churn dashboard") is never among them: a note to Kenji
    must not thank him for what he did not discuss, so with no topic of his own and none
    general his note says something warm and non-specific instead. A note to the team (no
    reader) draws on every topic.
    """
    raws = reader_topics(brief, member)
    seen: dict[str, str] = {}
    for raw in raws:
        short = topic_phrase(raw)
        if short and short.casefold() not in seen:
            seen[short.casefold()] = short
    return list(seen.values())


def reader_topics(brief: Brief, member: Member | None) -> tuple[str, ...]:
    """The record's topics a note to ``member`` may cite, as recorded: own, then general.

    With no reader (a note to the team), every interviewer's topics too.
    """
    if member is None:
        return (*brief.topics, *(t for m in brief.interviewers for t in m.topics))
    return (*member.topics, *brief.topics)


def topic_phrase(raw: str) -> str:
    """One recorded topic as a draft quotes it: shortened, mid-sentence, with "the" if bare."""
    return the_phrase(phrase(shorten(raw, TOPIC_WORDS)))


def facts(
    brief: Brief, kind: DraftKind, shape: Shape, member: Member | None, index: int, short: bool
) -> dict[str, Any]:
    """The template's variables for one draft of ``kind`` to ``member`` (None: the team)."""
    topics = topics_for(brief, member)
    own = [topic_phrase(t) for t in (member.topics if member else ())]
    # Every concern the draft names (the checker asks for each one recorded), at most three.
    concerns = brief.concerns[:MOST_CONCERNS]
    sender = brief.sender
    name = clean(sender.name or "")
    start = brief.interview_start
    company = clean(brief.company or "")
    role = clean(brief.role or "")
    meeting = _MEETINGS.get(brief.format or "", "our conversation")
    who = None
    if member is not None:
        who = {
            "name": clean(member.name),
            "first": first_name(member.name),
            "title": clean(member.title or ""),
            "title_a": titled(member.title or ""),
            "topics": own,
            "email": member.email or "",
        }
    return {
        "kind": kind.value,
        "shape": shape.value,
        "short": short,
        "seed": index,
        "panel": len(brief.interviewers) > 1,
        "panel_size": len(brief.interviewers),
        "company": company,
        "team": f"the {company} team" if company else "your team",
        "at_company": f" at {company}" if company else "",
        "role": role,
        "subject_what": _subject_what(role, company),
        "closing": _CLOSINGS.get(brief.culture or "", "Best regards,"),
        "the_role": f"the {role} role" if role else "the role",
        "round": _ROUNDS.get(brief.round or "", "interview"),
        "meeting": meeting,
        "day": start.strftime("%A") if start is not None else "",
        "date": _day(start.date()) if start is not None else "",
        "who": who,
        "greeting": greeting(brief, member, shape),
        # A formal culture keeps first names out of subjects and "Hi" out of calls.
        "formal": brief.culture == "formal",
        "topics": topics,
        "topic": topics[0] if topics else "",
        "topic2": topics[1] if len(topics) > 1 else "",
        "own_topic": own[0] if own else "",
        "standout": phrase(shorten(brief.standouts[0], STANDOUT_WORDS)) if brief.standouts else "",
        "concern": join_and([phrase(shorten(c.text, CONCERN_WORDS)) for c in concerns]),
        "better": _better(concerns),
        # How many concerns ``concern`` names: "a fuller answer" or "fuller answers".
        "concern_count": len(concerns),
        "forgotten": phrase(shorten(brief.forgotten[0], FORGOTTEN_WORDS))
        if brief.forgotten
        else "",
        "forgotten_all": join_and(
            [phrase(shorten(f, FORGOTTEN_WORDS)) for f in brief.forgotten[:2]]
        ),
        "question": _question(brief),
        "decision": _day(brief.decision_date) if brief.decision_date else "",
        "attachments": join_and([clean(a) for a in brief.attachments[:3]]),
        "sender": name,
        "sender_first": first_name(name) if name else "",
        "signature": _signature(name, sender.signature),
        "phone": clean(sender.phone or ""),
        "email": clean(sender.email or ""),
        "linkedin": clean(sender.linkedin or ""),
    }


_CLOSINGS = {"formal": "Kind regards,", "casual": "Best,"}


def _subject_what(role: str, company: str) -> str:
    """What a subject of 3 to 6 words names: a short role, else a short company name."""
    for name in (role, company):
        if name and len(name.split()) <= 3 and len(name) <= 30:
            return name
    return ""


#: Words that open an answer with a capital only because they start it.
_LOWER_STARTS = frozenset(
    ("my", "we", "our", "the", "a", "an", "in", "at", "since", "after", "when", "this", "it")
)


def _better(concerns: tuple[ConcernNote, ...]) -> str:
    """The better answers as sentences; each tied to its concern when several are named.

    "I would partition by customer" after "the relocation timeline and SQL window
    functions" leaves the reader guessing which one it answers.
    """
    answered = [c for c in concerns if c.better_answer]
    if len(concerns) < 2:
        return " ".join(sentence(shorten(c.better_answer or "", BETTER_WORDS)) for c in answered)
    parts = []
    for c in answered:
        answer = sentence(shorten(c.better_answer or "", BETTER_WORDS))
        first = answer.split(" ", 1)[0]
        if first.casefold() in _LOWER_STARTS:
            answer = answer[0].lower() + answer[1:]
        parts.append(f"As for {phrase(shorten(c.text, CONCERN_WORDS))}, {answer}")
    return " ".join(parts)


def _day(value: Any) -> str:
    """A date as a reader says it: "Friday, December 11"."""
    return f"{value.strftime('%A, %B')} {value.day}"


def _question(brief: Brief) -> str:
    """The first question the user still wants to ask, as one short question.

    A question the company's site answers, or one about pay, is passed over (seed 003:
    meaningful questions, not ones a glance at the website answers).
    """
    from followup.domain.check.rules.questions import poor_question

    for raw in brief.questions:
        text = question(raw)
        if text and len(text.split()) <= QUESTION_WORDS and not poor_question(text):
            return text
    return ""


def _signature(name: str, signature: str | None) -> str:
    """The lines under the closing: the name, then the user's own signature block.

    A signature block that already starts with the name is used alone, so the name is
    never written twice.
    """
    lines = [line.rstrip() for line in (signature or "").strip().splitlines()]
    if lines and name and clean(lines[0]).casefold() == name.casefold():
        return "\n".join(lines)
    return "\n".join(x for x in (name, *lines) if x)
