"""Which application an incoming reply belongs to, if any.

Rules, in order (:func:`match`):

1. Only a ``reply`` can match: auto-replies and bounces never stop a follow-up.
2. A message from one of the user's own addresses never matches.
3. Thread: its In-Reply-To ids, then its References from the last (the message it
   answers) to the first, looked up among the messages followup sent.
4. Address: the sender's exact address among the contacts of an application.
5. Domain: the sender's company domain (``mail.acme.com`` counts as ``acme.com``, by the
   Public Suffix List: domains.py) among the applications' company domains; free-mail
   domains (gmail.com, ...) and platforms that send for many companies never count.

Addresses are compared lower-cased with their domain in ASCII form (IDNA): the record
keeps ``zoe@bücher.de``, the reply comes from ``zoe@xn--bcher-kva.de``.

An address or domain match counts only for a message dated at or after the party's
``since`` (the end of its latest interview, or the first message sent to them): a first
sync reads years of mail, and an old recruiter's email must not cancel today's check-ins.
A message with no readable date cannot prove that and does not match by address or domain.

When several parties share an address or a domain, the active ones win, then the one
with the latest activity, then the highest application id (so the choice is stable).

:class:`Known` builds its lookup tables once, when it is created: match 10,000 messages
against one ``Known``, never rebuild it per message.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from followup.domain.mail.domains import ascii_address, company_domain, company_domains
from followup.domain.mail.incoming import Incoming, normalize_id


@dataclass(frozen=True, slots=True)
class Sent:
    """A message followup sent: its Message-ID and where it is recorded."""

    message_id: str
    message_row: int
    application_id: int


@dataclass(frozen=True, slots=True)
class Party:
    """The people of one application: their addresses and company domains."""

    application_id: int
    addresses: frozenset[str]
    domains: frozenset[str]
    #: Mail before this instant never counts as their reply (see the module docstring).
    since: datetime | None
    #: False once the application is closed (rejected, withdrawn, hired).
    active: bool
    last_activity: datetime


@dataclass(frozen=True, slots=True)
class Match:
    """An incoming message recognised as a reply, and how it was recognised."""

    application_id: int
    #: The sent message it answers (thread matches only).
    message_row: int | None
    how: Literal["thread", "address", "domain"]


def _preference(party: Party) -> tuple[bool, datetime, int]:
    return (party.active, party.last_activity, party.application_id)


def _group(pairs: Iterable[tuple[str, Party]]) -> dict[str, tuple[Party, ...]]:
    grouped: dict[str, list[Party]] = {}
    for key, party in pairs:
        grouped.setdefault(key, []).append(party)
    return {
        key: tuple(sorted(parties, key=_preference, reverse=True))
        for key, parties in grouped.items()
    }


@dataclass(frozen=True, slots=True)
class Known:
    """What sync matches against: sent messages, parties, the user's own addresses."""

    sent: Mapping[str, Sent]
    parties: Sequence[Party]
    own: frozenset[str]
    _sent: dict[str, Sent] = field(init=False, repr=False, compare=False)
    _own: frozenset[str] = field(init=False, repr=False, compare=False)
    _by_address: dict[str, tuple[Party, ...]] = field(init=False, repr=False, compare=False)
    _by_domain: dict[str, tuple[Party, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        sent = {}
        for key, value in self.sent.items():
            normal = normalize_id(key)
            if normal:
                sent[normal] = value
        by_domain = (
            (domain, party)
            for party in self.parties
            for domain in company_domains(f"x@{d}" for d in party.domains)
        )
        by_address = (
            (ascii_address(address), party) for party in self.parties for address in party.addresses
        )
        object.__setattr__(self, "_sent", sent)
        object.__setattr__(self, "_own", frozenset(ascii_address(a) for a in self.own))
        object.__setattr__(self, "_by_address", _group(by_address))
        object.__setattr__(self, "_by_domain", _group(by_domain))


def _first_current(parties: tuple[Party, ...], when: datetime | None) -> Party | None:
    for party in parties:
        if party.since is None or (when is not None and when >= party.since):
            return party
    return None


def match(incoming: Incoming, known: Known) -> Match | None:
    """The application a reply belongs to, or None (see the module docstring for the rules)."""
    if incoming.kind != "reply" or incoming.sender is None:
        return None
    sender = ascii_address(incoming.sender)  # bücher.de is xn--bcher-kva.de on both sides
    if sender in known._own:
        return None
    for message_id in (*incoming.in_reply_to, *reversed(incoming.references)):
        sent = known._sent.get(message_id)
        if sent is not None:
            return Match(sent.application_id, sent.message_row, "thread")
    party = _first_current(known._by_address.get(sender, ()), incoming.date)
    if party is not None:
        return Match(party.application_id, None, "address")
    domain = company_domain(sender.rsplit("@", 1)[-1])
    if domain is not None:
        party = _first_current(known._by_domain.get(domain, ()), incoming.date)
        if party is not None:
            return Match(party.application_id, None, "domain")
    return None
