"""Interviewers as typed (``Name <email>, Title [Zone]``): parsed, merged, given their topics.

Repeats are merged (:func:`dedupe_people`), topics assigned to the interviewer they name
(:func:`assign_topics`), and people completed from an invitation or from the interview
being edited (:func:`merge_people`).

Pure functions (no store, no clock). Each failure is an InputError naming the flag.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Protocol

from followup.domain import validate
from followup.domain.model import Contact, Interviewer
from followup.errors import InputError

_PERSON = re.compile(r"^(?P<name>[^<>,]*?)\s*(?:<(?P<email>[^<>]*)>)?\s*(?:,\s*(?P<title>.*))?$")
#: A zone in square brackets at the very end: "Kenji Sato, Recruiter [Asia/Tokyo]".
_ZONE = re.compile(r"^(?P<person>.*?)\s*\[(?P<zone>[^\[\]]*)\]$")
_BRACKETED = re.compile(r"\[([^\[\]]*)\]")
_EXAMPLE = '"Kenji Sato <kenji@acme.jp>, Recruiter [Asia/Tokyo]"'
_PERSON_FIX = f"Write it as {_EXAMPLE} (email, title and time zone optional)."
#: The longest `--interviewer` as typed without a zone: a name, an email and a title, each
#: at its limit, with the " <", ">, " between them. Each part is then checked against its
#: own limit.
MAX_PERSON = 2 * validate.MAX_LINE + validate.MAX_EMAIL + len(" <>, ")
#: The longest `--interviewer` as typed with a zone (" [Asia/Tokyo]") at the end.
MAX_PERSON_ZONED = MAX_PERSON + len(" []") + validate.MAX_ZONE


def parse_interviewer(raw: str) -> Interviewer:
    """``Name <email>, Title [Zone]`` -> Interviewer (email, title and zone optional).

    A bare address gives a name from its local part. Square brackets at the end hold the
    person's IANA time zone (their due windows are planned on their clock); brackets that
    do not hold a zone there, a zone elsewhere, or brackets in the name are refused, so a
    misplaced zone is never stored as part of a title or a name.
    """
    text = validate.required_line("--interviewer", raw, max_len=MAX_PERSON_ZONED)
    person, zone = _split_zone(text)
    match = _PERSON.match(person)
    if match is None:
        raise InputError("--interviewer", f"cannot read {text!r}.", fix=_PERSON_FIX)
    name, email = match.group("name").strip(), match.group("email")
    if not name and email is None:
        raise InputError("--interviewer", f"{text!r} has no name.", fix=_PERSON_FIX)
    if "[" in name or "]" in name:
        raise InputError(
            "--interviewer",
            f"{text!r} has square brackets in the name.",
            fix="Square brackets hold the person's time zone, at the very end. " + _PERSON_FIX,
        )
    if email is None and "@" in name:
        name, email = "", name
    address = validate.email("--interviewer", email.strip()) if email is not None else None
    if not name and address:
        name = " ".join(w.capitalize() for w in re.split(r"[._-]+", address.split("@")[0]) if w)
    name = validate.required_line("--interviewer", name)
    if not any(ch.isalpha() for ch in name):
        raise InputError("--interviewer", f"{name!r} is not a name.", fix=_PERSON_FIX)
    title = validate.line("--interviewer", match.group("title"))
    if title is not None:
        _check_title_brackets(text, title)
    return Interviewer(Contact(name=name, title=title, email=address, timezone=zone))


def _split_zone(text: str) -> tuple[str, str | None]:
    """The person as typed without a trailing ``[Zone]``, and the zone, validated."""
    found = _ZONE.match(text)
    if found is None:
        return text, None
    inside = found.group("zone").strip()
    try:
        zone = validate.timezone("--interviewer", inside)
    except InputError as exc:
        # Keep the "Did you mean Asia/Tokyo?" of the zone check; say what brackets are for.
        hint = exc.fix.partition("Did you mean")[2] if exc.fix else ""
        raise InputError(
            "--interviewer",
            f"{text!r} ends with [{inside}], which is not a time zone: square brackets at the "
            "end of an interviewer hold their IANA time zone.",
            fix=(f"Did you mean{hint} " if hint else "")
            + f'Write it as {_EXAMPLE}, and a title without brackets ("Engineer (Platform)").',
        ) from None
    return found.group("person"), zone


def _check_title_brackets(text: str, title: str) -> None:
    """Refuse a title that holds a zone not at the end, or a lone bracket (a typo of one)."""
    depth = 0
    for ch in title:
        depth += (ch == "[") - (ch == "]")
        if depth not in (0, 1):
            break
    if depth != 0:
        raise InputError(
            "--interviewer",
            f"{text!r} has an unmatched square bracket.",
            fix="Square brackets hold the person's time zone, at the very end. " + _PERSON_FIX,
        )
    for inside in _BRACKETED.findall(title):
        try:
            zone = validate.timezone("--interviewer", inside.strip())
        except InputError:
            continue  # "Engineer [Platform] team": brackets that are part of the title
        raise InputError(
            "--interviewer",
            f"{text!r} has the time zone [{zone}] before the end.",
            fix="Put the time zone last. " + _PERSON_FIX,
        )


def _key(name: str) -> str:
    return unicodedata.normalize("NFKC", name).casefold().strip()


def assign_topics(
    topics: Sequence[str], people: Sequence[Interviewer], *, replace_addressed: bool = False
) -> tuple[tuple[str, ...], tuple[Interviewer, ...]]:
    """Split topics into the interview's and each interviewer's ("Dana: churn dashboard").

    The prefix before ":" must be an interviewer's first or full name (case-insensitive);
    anything else is a topic of the whole interview. An interviewer keeps the topics it
    had; with ``replace_addressed`` (an edit), an interviewer named by at least one topic
    gets exactly the topics addressed to it, and "Dana:" with nothing after the colon
    clears Dana's topics. The general topics returned are only those given.
    """
    own: list[list[str]] = [list(p.topics) for p in people]
    addressed: set[int] = set()
    general: list[str] = []
    for topic in topics:
        prefix, colon, rest = topic.partition(":")
        key = _key(prefix)
        found = [
            i
            for i, p in enumerate(people)
            if colon and key and key in (_key(p.contact.name), _key(p.contact.name).split()[0])
        ]
        if len(found) > 1:
            raise InputError(
                "--topic",
                f"{prefix.strip()!r} matches more than one interviewer.",
                fix="Use the full name before the colon.",
            )
        if not found:
            general.append(topic)
            continue
        index = found[0]
        if replace_addressed and index not in addressed:
            own[index] = []
        addressed.add(index)
        if rest.strip():
            own[index].append(rest.strip())
    people_out = tuple(
        replace(p, topics=tuple(dict.fromkeys(t))) for p, t in zip(people, own, strict=True)
    )
    return tuple(dict.fromkeys(general)), people_out


def dedupe_people(
    people: Sequence[Interviewer],
) -> tuple[tuple[Interviewer, ...], tuple[str, ...]]:
    """The interviewers with each person once, and a note for each merge.

    Two entries are one person when they have the same email (case-insensitive), or when
    one has no email and the same name (case-insensitive) as the other: "Kim Ode" and
    "Kim Ode <kim@globex.com>" are merged into the second, at the first one's place, with
    the topics of both. Refused (InputError naming --interviewer) when the entries
    conflict: the same email with different names, different titles or time zones for one
    person, or a bare name shared by two people with different emails. A zone given on one
    entry and not on the other is kept.
    """
    groups: list[list[int]] = []
    by_email: dict[str, int] = {}
    for index, person in enumerate(people):
        if person.contact.email is None:
            continue
        group = by_email.setdefault(person.contact.email.casefold(), len(groups))
        if group == len(groups):
            groups.append([index])
            continue
        first = people[groups[group][0]]
        if _key(first.contact.name) != _key(person.contact.name):
            raise InputError(
                "--interviewer",
                f"{_shown(first)} and {_shown(person)} have the same email address but "
                "different names.",
                fix="Give each person once, with the name to keep.",
            )
        groups[group].append(index)
    with_email = len(groups)
    bare: dict[str, int] = {}
    for index, person in enumerate(people):
        if person.contact.email is not None:
            continue
        key = _key(person.contact.name)
        named = [g for g in range(with_email) if _key(people[groups[g][0]].contact.name) == key]
        if len(named) > 1:
            emails = " and ".join(str(people[groups[g][0]].contact.email) for g in named)
            raise InputError(
                "--interviewer",
                f"{person.contact.name!r} could be either of two people ({emails}).",
                fix="Give the email address with the name, or leave the bare name out.",
            )
        if named:
            groups[named[0]].append(index)
        elif key in bare:
            groups[bare[key]].append(index)
        else:
            bare[key] = len(groups)
            groups.append([index])
    out: list[Interviewer] = []
    notes: list[str] = []
    for members in sorted(groups, key=min):
        entries = [people[i] for i in sorted(members)]
        out.append(_merged(entries))
        if len(entries) > 1:
            notes.append(
                f"{out[-1].contact.name} was given {len(entries)} times as --interviewer "
                f"({'; '.join(_shown(e) for e in entries)}); recorded once."
            )
    return tuple(out), tuple(notes)


def _merged(entries: Sequence[Interviewer]) -> Interviewer:
    """One interviewer from entries that are the same person (see dedupe_people)."""
    main = next((e for e in entries if e.contact.email), entries[0])
    titles = {_key(e.contact.title): e.contact.title for e in entries if e.contact.title}
    if len(titles) > 1:
        raise InputError(
            "--interviewer",
            f"{main.contact.name} is given with different titles "
            f"({' and '.join(repr(t) for t in titles.values())}).",
            fix="Give the person once, with the title to keep.",
        )
    zones = {e.contact.timezone: None for e in entries if e.contact.timezone}
    if len(zones) > 1:
        raise InputError(
            "--interviewer",
            f"{main.contact.name} is given with different time zones ({' and '.join(zones)}).",
            fix="Give the person once, with the time zone to keep.",
        )
    contact = replace(
        main.contact,
        title=next(iter(titles.values()), None),
        timezone=next(iter(zones), None),
        id=next((e.contact.id for e in entries if e.contact.id is not None), None),
    )
    topics = tuple(dict.fromkeys(t for e in entries for t in e.topics))
    return Interviewer(contact, topics)


def _shown(person: Interviewer) -> str:
    c = person.contact
    return repr(
        c.name
        + (f" <{c.email}>" if c.email else "")
        + (f", {c.title}" if c.title else "")
        + (f" [{c.timezone}]" if c.timezone else "")
    )


class _Named(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def email(self) -> str | None: ...


def merge_people(
    people: Iterable[Interviewer],
    attendees: Iterable[_Named] = (),
    *,
    keep: Iterable[Interviewer] = (),
) -> tuple[Interviewer, ...]:
    """Interviewers as typed, completed from what is known.

    An invitation's attendee with the same name supplies a missing email; an interviewer
    already on the interview (same email, else same name) keeps its contact ID, its other
    details (a title or zone not typed again is kept, one typed replaces it) and its topics,
    so an edit updates the person instead of adding a new one.
    """
    by_name = {_key(a.name): a for a in attendees}
    known = list(keep)
    out = []
    for person in people:
        contact = person.contact
        if contact.email is None and _key(contact.name) in by_name:
            contact = replace(contact, email=by_name[_key(contact.name)].email)
        old = next(
            (k for k in known if contact.email and k.contact.email == contact.email), None
        ) or next((k for k in known if _key(k.contact.name) == _key(contact.name)), None)
        if old is not None:
            known.remove(old)
            contact = replace(
                old.contact,
                name=contact.name,
                email=contact.email or old.contact.email,
                title=contact.title or old.contact.title,
                timezone=contact.timezone or old.contact.timezone,
            )
            out.append(Interviewer(contact, old.topics))
        else:
            out.append(Interviewer(contact, person.topics))
    return tuple(out)
