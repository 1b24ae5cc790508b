"""Which application an incoming reply belongs to, if any.

Rules, in order (:func:`match`):

1. Only a ``reply`` can match: auto-replies and bounces never stop a follow-up.
2. A message from one of the user's own addresses never matches.
3. Thread: its In-Reply-To ids, then its References from the last (the message it
   answers) to the first, looked up among the messages followup sent.
4. Address: the sender's exact address among the contacts of an application.
5. Domain: the sender's company domain (``mail.acme.com`` counts as ``acme.com``) among
   the applications' company domains; free-mail domains (gmail.com, ...) never count.

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

from followup.domain.mail.incoming import Incoming, normalize_id

#: Registrable domains of free mail providers: one person's mailbox, not a company.
FREE_MAIL = frozenset(
    {
        "gmail.com", "googlemail.com", "outlook.com", "msn.com", "ymail.com", "rocketmail.com",
        "icloud.com", "me.com", "mac.com", "aol.com", "aim.com", "proton.me", "protonmail.com",
        "protonmail.ch", "pm.me", "tutanota.com", "tuta.io", "web.de", "t-online.de",
        "freenet.de", "mail.ru", "bk.ru", "inbox.ru", "list.ru", "rambler.ru", "qq.com",
        "163.com", "126.com", "yeah.net", "sina.com", "zoho.com", "zohomail.com",
        "fastmail.com", "fastmail.fm", "hey.com", "mail.com", "email.com", "usa.com",
        "hushmail.com", "posteo.de", "posteo.net", "mailbox.org", "laposte.net", "orange.fr",
        "wanadoo.fr", "free.fr", "sfr.fr", "libero.it", "virgilio.it", "seznam.cz",
        "wp.pl", "o2.pl", "interia.pl", "naver.com", "daum.net", "rediffmail.com",
        "comcast.net", "verizon.net", "att.net", "sbcglobal.net", "btinternet.com",
        "bluewin.ch", "telenet.be", "skynet.be", "shaw.ca", "rogers.com", "bigpond.com",
    }
)  # fmt: skip
#: Providers with one domain per country (hotmail.co.uk, yahoo.fr, gmx.de, ...).
FREE_MAIL_FAMILIES = frozenset({"hotmail", "live", "outlook", "yahoo", "gmx", "yandex"})
#: Second-level labels under a country code that are a suffix, not a company (acme.co.uk).
_SECOND_LEVEL = frozenset({"co", "com", "net", "org", "ac", "gov", "edu", "ne", "or", "gv"})


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
            (address.strip().lower(), party)
            for party in self.parties
            for address in party.addresses
        )
        object.__setattr__(self, "_sent", sent)
        object.__setattr__(self, "_own", frozenset(a.strip().lower() for a in self.own))
        object.__setattr__(self, "_by_address", _group(by_address))
        object.__setattr__(self, "_by_domain", _group(by_domain))


def _first_current(parties: tuple[Party, ...], when: datetime | None) -> Party | None:
    for party in parties:
        if party.since is None or (when is not None and when >= party.since):
            return party
    return None


def match(incoming: Incoming, known: Known) -> Match | None:
    """The application a reply belongs to, or None (see the module docstring for the rules)."""
    if incoming.kind != "reply" or incoming.sender is None or incoming.sender in known._own:
        return None
    for message_id in (*incoming.in_reply_to, *reversed(incoming.references)):
        sent = known._sent.get(message_id)
        if sent is not None:
            return Match(sent.application_id, sent.message_row, "thread")
    party = _first_current(known._by_address.get(incoming.sender, ()), incoming.date)
    if party is not None:
        return Match(party.application_id, None, "address")
    domain = company_domain(incoming.sender.rsplit("@", 1)[-1])
    if domain is not None:
        party = _first_current(known._by_domain.get(domain, ()), incoming.date)
        if party is not None:
            return Match(party.application_id, None, "domain")
    return None


def registrable(domain: str) -> str:
    """The domain a company registered: ``mail.acme.com`` -> ``acme.com``, keeps ``acme.co.uk``.

    A small rule instead of the public suffix list: under a two-letter country code a
    second level such as ``co``, ``com`` or ``org`` is part of the suffix.
    """
    labels = [label for label in domain.strip().strip(".").lower().split(".") if label]
    if len(labels) <= 2:
        return ".".join(labels)
    keep = 3 if len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def is_free_mail(domain: str) -> bool:
    """Whether a domain belongs to a free mail provider (one person, not a company)."""
    base = registrable(domain)
    return base in FREE_MAIL or base.split(".", 1)[0] in FREE_MAIL_FAMILIES


def company_domain(domain: str) -> str | None:
    """A sender's company domain, or None for a free-mail provider or no domain at all."""
    base = registrable(domain)
    if "." not in base or is_free_mail(base):
        return None
    return base


def company_domains(addresses: Iterable[str]) -> frozenset[str]:
    """The company domains of some addresses, free-mail providers left out."""
    found = set()
    for address in addresses:
        if "@" in address:
            domain = company_domain(address.rsplit("@", 1)[1])
            if domain:
                found.add(domain)
    return frozenset(found)
