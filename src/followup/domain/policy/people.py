"""Who a step goes to, on whose clock, and what already happened to them.

A :class:`Whom` is a recipient resolved once per plan: name, zone, country. The
:class:`History` indexes the record's done steps and replies by kind so the rules ask
"was the thank-you to Dana for interview 7 sent?" without scanning everything each time.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import UTC, datetime
from functools import cache, lru_cache, partial
from operator import attrgetter
from typing import Any, NamedTuple
from zoneinfo import ZoneInfo

from followup.domain.business import country_of_zone, zone
from followup.domain.model import (
    Application,
    Channel,
    Contact,
    FollowUpKind,
    Interview,
    Profile,
)
from followup.domain.policy.types import Done, Heard

#: Titles of the person who usually answers a check-in (the recruiter, your contact).
_CONTACT_TITLE = re.compile(
    r"recruit|talent|\bhr\b|human resources|people (?:ops|partner)|sourc", re.I
)


def key(name: str | None) -> str:
    """A name as matched: case, spacing and accents ignored (``zoe`` finds Zoë)."""
    return _key(name) if name else ""


@lru_cache(maxsize=16384)  # keyed on instants or names: bounded
def _key(name: str) -> str:
    # Accents go (NFKD, then the combining marks): people type names on keyboards that
    # lack them. Scripts without a decomposition (李娜, Алексей) are compared as they are.
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return " ".join(bare.casefold().split())


class Whom(NamedTuple):
    """A recipient (or the user), resolved: where their clock and their holidays are."""

    name: str | None
    zone: ZoneInfo
    country: str | None
    #: The user's own steps: nothing is sent.
    own: bool = False


#: A :class:`Whom` from its four fields, without the named tuple's Python constructor
#: (the planner resolves every interviewer of every plan).
whom_of: Callable[[tuple[Any, ...]], Whom] = partial(tuple.__new__, Whom)


def recipient(contact: Contact | None, application: Application, interview: Interview) -> Whom:
    """The recipient's zone and country (docs/policy.md, "Whose clock")."""
    where = clock(
        contact.timezone if contact is not None else None,
        application.company_timezone,
        application.company_country,
        interview.timezone,
    )
    return whom_of((contact.name if contact is not None else None, *where, False))


@cache
def clock(
    own_zone: str | None, company_zone: str | None, company_country: str | None, interview_zone: str
) -> tuple[ZoneInfo, str | None]:
    """(zone, country) of a recipient, from their own zone, the company's, the interview's."""
    zone_name = own_zone or company_zone or interview_zone
    country = country_of_zone(own_zone) if own_zone else None
    if country is None:
        country = company_country or country_of_zone(company_zone or interview_zone)
    return zone(zone_name), country


def user(profile: Profile) -> Whom:
    """The job seeker, for their own steps."""
    return _user(profile.timezone, profile.country)


@cache
def _user(zone_name: str, country: str | None) -> Whom:
    return Whom(None, zone(zone_name), country or country_of_zone(zone_name), own=True)


@cache
def _answers_check_ins(title: str) -> bool:
    return _CONTACT_TITLE.search(title) is not None


def main_contact(interviews: tuple[Interview, ...], latest: Interview) -> Contact | None:
    """Who a check-in goes to: a recruiter or hiring contact, else the first interviewer.

    The user lists their main contact first, so the first interviewer of the latest round
    stands in when no title says recruiter, talent, HR or sourcer.
    """
    for interview in (latest, *interviews) if len(interviews) > 1 else interviews:
        for person in interview.interviewers:
            if person.contact.title and _answers_check_ins(person.contact.title):
                return person.contact
    return latest.interviewers[0].contact if latest.interviewers else None


def written_channel(application: Application) -> tuple[Channel, str]:
    """The channel of a written follow-up, and a clause saying why when it is not obvious.

    Seed 003: the hiring team's stated preference, else email. Post is too slow for the
    seeds' deadlines and a call needs an availability request first, so those two
    preferences leave written follow-ups on email.
    """
    preferred = application.preferred_channel
    if preferred is None or preferred is Channel.EMAIL:
        return Channel.EMAIL, ""
    if preferred is Channel.LINKEDIN:
        return Channel.LINKEDIN, " on LinkedIn, as the hiring team prefers"
    if preferred is Channel.MAIL:
        return Channel.EMAIL, " by email, since post would arrive too late"
    return Channel.EMAIL, ""


_AT = attrgetter("at")


class History:
    """The record's done steps and replies, as of ``now``, indexed by kind."""

    __slots__ = ("_by_kind", "empty", "replies")

    def __init__(self, done: tuple[Done, ...], replies: tuple[Heard, ...], now: datetime) -> None:
        """Index ``done`` and ``replies`` up to ``now`` (best given in UTC)."""
        if not done and not replies:
            self._by_kind: dict[FollowUpKind, list[Done]] = {}
            self.replies: list[Heard] = []
            self.empty = True
            return
        # Times in UTC, so that "7 days after" is elapsed time whatever zone they came in.
        if now.tzinfo is not UTC:
            now = now.astimezone(UTC)
        past: list[Done] = []
        for item in done:
            if item.at.tzinfo is not UTC:
                at = item.at.astimezone(UTC)
                item = Done(item.kind, at, item.recipient, item.interview_id, item.skipped)
            if item.at <= now:
                past.append(item)
        past.sort(key=_AT)  # stable: equal times keep the record's order
        by_kind: dict[FollowUpKind, list[Done]] = {}
        for item in past:
            by_kind.setdefault(item.kind, []).append(item)
        self._by_kind = by_kind
        heard: list[Heard] = []
        for reply in replies:
            if reply.at.tzinfo is not UTC:
                reply = Heard(reply.at.astimezone(UTC), reply.decision_date)
            if reply.at <= now:
                heard.append(reply)
        heard.sort(key=_AT)
        self.replies = heard
        #: Nothing done and nothing heard: most plans, and the rules skip their lookups.
        self.empty = not by_kind and not self.replies

    def find(
        self,
        kind: FollowUpKind,
        interview_id: int | None,
        name: str | None,
        since: datetime | None = None,
    ) -> Done | None:
        """The first done step of ``kind`` for this interview and recipient, or None.

        None on either side matches any interview: a query without one (LinkedIn, asked
        once per person whatever the round) or a done step recorded without one.
        ``since``: steps done before it do not match (a thank-you sent before an interview
        ended, an earlier round's in the stateless contract, is not that interview's).
        """
        items = self._by_kind.get(kind)
        if not items:
            return None
        wanted = None
        for item in items:
            if since is not None and item.at < since:
                continue
            if (
                interview_id is not None
                and item.interview_id is not None
                and item.interview_id != interview_id
            ):
                continue
            if item.recipient is None:
                return item
            if wanted is None:
                wanted = key(name)
            if key(item.recipient) == wanted:
                return item
        return None

    def last(self, kinds: tuple[FollowUpKind, ...]) -> datetime | None:
        """When the latest done step of these kinds happened (UTC), or None."""
        found = [items[-1].at for k in kinds if (items := self._by_kind.get(k))]
        return max(found) if found else None

    def of(self, *kinds: FollowUpKind) -> list[Done]:
        """Every done step of these kinds, oldest first."""
        if not self._by_kind:
            return []
        if len(kinds) == 1:
            return self._by_kind.get(kinds[0], [])
        found = [d for k in kinds for d in self._by_kind.get(k, ())]
        found.sort(key=lambda d: d.at)
        return found


#: The history of a record with nothing done and nothing heard (read only).
NOTHING = History((), (), datetime(2000, 1, 1, tzinfo=UTC))
