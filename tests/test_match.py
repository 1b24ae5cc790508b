"""Whose reply is it: thread first, then the sender's address, then the company domain."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from followup.domain.mail.domains import company_domains, is_free_mail, registrable
from followup.domain.mail.incoming import Incoming, parse_headers
from followup.domain.mail.match import Known, Match, Party, Sent, match

GOLDEN = Path(__file__).parent / "golden" / "mail"
T0 = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def incoming(sender: str = "jane@acme.com", **changes: object) -> Incoming:
    base = Incoming(
        uid=1,
        message_id="<in-1@acme.com>",
        in_reply_to=(),
        references=(),
        sender=sender,
        sender_name=None,
        to=("me@example.com",),
        subject="Re: Thank you",
        date=T0 + timedelta(days=3),
        kind="reply",
    )
    return replace(base, **changes)  # type: ignore[arg-type]


def party(app: int, *addresses: str, domains: tuple[str, ...] = (), **changes: object) -> Party:
    base = Party(
        application_id=app,
        addresses=frozenset(addresses),
        domains=frozenset(domains),
        since=T0,
        active=True,
        last_activity=T0,
    )
    return replace(base, **changes)  # type: ignore[arg-type]


SENT = {
    "<followup.41.1@example.com>": Sent("<followup.41.1@example.com>", 411, 41),
    "<followup.7.2@example.com>": Sent("<followup.7.2@example.com>", 72, 7),
    "<followup.7.1@example.com>": Sent("<followup.7.1@example.com>", 71, 7),
}
KNOWN = Known(
    sent=SENT,
    parties=[
        party(41, "jane.doe@acme.com", domains=("acme.com",)),
        party(7, "raj@jobs.globex.co.uk", domains=("globex.co.uk",)),
        party(9, "lee@initech.com", domains=("initech.com",)),
    ],
    own=frozenset({"me@example.com", "Sam.Seeker@Gmail.com"}),
)


def test_a_golden_reply_matches_its_thread() -> None:
    got = match(parse_headers(1, (GOLDEN / "reply_plain.eml").read_bytes()), KNOWN)
    assert got == Match(41, 411, "thread")


def test_references_only_match_the_latest_sent_message_first() -> None:
    got = match(parse_headers(1, (GOLDEN / "reply_references_only.eml").read_bytes()), KNOWN)
    assert got == Match(7, 72, "thread")
    refs = incoming(references=("<followup.7.1@example.com>", "<followup.7.2@example.com>"))
    assert match(refs, KNOWN) == Match(7, 72, "thread")


def test_in_reply_to_wins_over_references() -> None:
    mail = incoming(
        in_reply_to=("<followup.7.1@example.com>",),
        references=("<followup.41.1@example.com>",),
    )
    assert match(mail, KNOWN) == Match(7, 71, "thread")


def test_a_thread_match_needs_the_exact_id() -> None:
    mail = incoming(sender="x@nowhere.example", in_reply_to=("<FOLLOWUP.41.1@example.com>",))
    assert match(mail, KNOWN) is None


def test_the_senders_address_matches_ignoring_case() -> None:
    mail = parse_headers(
        1, b"From: Jane Doe <JANE.DOE@acme.com>\r\nDate: Mon, 23 Nov 2026 09:00:00 +0000\r\n\r\n"
    )
    assert match(mail, KNOWN) == Match(41, None, "address")


def test_a_colleague_at_the_same_company_matches_by_domain() -> None:
    assert match(incoming("boss@mail.acme.com"), KNOWN) == Match(41, None, "domain")
    assert match(incoming("hr@globex.co.uk"), KNOWN) == Match(7, None, "domain")


def test_a_different_company_under_the_same_country_suffix_does_not_match() -> None:
    assert match(incoming("someone@other.co.uk"), KNOWN) is None


def test_mail_older_than_since_does_not_match_by_address_or_domain() -> None:
    old = T0 - timedelta(days=400)
    assert match(incoming("jane.doe@acme.com", date=old), KNOWN) is None
    assert match(incoming("boss@acme.com", date=old), KNOWN) is None
    assert match(incoming("jane.doe@acme.com", date=T0), KNOWN) == Match(41, None, "address")


def test_old_mail_in_a_known_thread_still_matches() -> None:
    mail = incoming(date=T0 - timedelta(days=1), in_reply_to=("<followup.41.1@example.com>",))
    assert match(mail, KNOWN) == Match(41, 411, "thread")


def test_undated_mail_does_not_match_by_address() -> None:
    assert match(incoming("jane.doe@acme.com", date=None), KNOWN) is None


def test_free_mail_never_matches_by_domain() -> None:
    known = Known(
        sent={}, parties=[party(3, "friend@gmail.com", domains=("gmail.com",))], own=frozenset()
    )
    assert match(incoming("stranger@gmail.com"), known) is None
    assert match(incoming("friend@gmail.com"), known) == Match(3, None, "address")


def test_own_addresses_never_match() -> None:
    mine = incoming("sam.seeker@gmail.com", in_reply_to=("<followup.41.1@example.com>",))
    assert match(mine, KNOWN) is None
    assert match(incoming("me@example.com"), KNOWN) is None


@pytest.mark.parametrize("kind", ["auto-reply", "bounce"])
def test_auto_replies_and_bounces_never_match(kind: str) -> None:
    mail = incoming("jane.doe@acme.com", kind=kind, in_reply_to=("<followup.41.1@example.com>",))
    assert match(mail, KNOWN) is None


def test_ambiguous_parties_prefer_active_then_latest_activity() -> None:
    known = Known(
        sent={},
        parties=[
            party(
                1,
                "jane@acme.com",
                domains=("acme.com",),
                last_activity=T0 + timedelta(days=9),
                active=False,
            ),
            party(2, "jane@acme.com", domains=("acme.com",), last_activity=T0 + timedelta(days=1)),
            party(3, "jane@acme.com", domains=("acme.com",), last_activity=T0 + timedelta(days=2)),
        ],
        own=frozenset(),
    )
    assert match(incoming("jane@acme.com"), known) == Match(3, None, "address")
    assert match(incoming("bob@acme.com"), known) == Match(3, None, "domain")


def test_a_party_whose_since_is_later_gives_way_to_one_that_counts() -> None:
    known = Known(
        sent={},
        parties=[
            party(1, "jane@acme.com", since=T0 - timedelta(days=30)),
            party(
                2,
                "jane@acme.com",
                since=T0 + timedelta(days=10),
                last_activity=T0 + timedelta(days=10),
            ),
        ],
        own=frozenset(),
    )
    assert match(incoming("jane@acme.com", date=T0 + timedelta(days=3)), known) == Match(
        1, None, "address"
    )


@pytest.mark.parametrize(
    ("domain", "company"),
    [
        ("acme.com", "acme.com"),
        ("mail.acme.com", "acme.com"),
        ("eu.mail.acme.com", "acme.com"),
        ("globex.co.uk", "globex.co.uk"),
        ("jobs.globex.co.uk", "globex.co.uk"),
        ("shop.example.com.au", "example.com.au"),
        ("ACME.COM.", "acme.com"),
        ("acme.de", "acme.de"),
        # Public sectors' own suffixes: each agency or school district is its own.
        ("mail.justice.gouv.fr", "justice.gouv.fr"),
        ("sfusd.k12.ca.us", "sfusd.k12.ca.us"),
        ("hr.mext.go.jp", "mext.go.jp"),
        ("ircc.gc.ca", "ircc.gc.ca"),
        # Internationalized: the ASCII form headers carry.
        ("mail.bücher.de", "xn--bcher-kva.de"),
        ("co.uk", "co.uk"),
        ("localhost", "localhost"),
    ],
)
def test_registrable_domain(domain: str, company: str) -> None:
    assert registrable(domain) == company


@pytest.mark.parametrize(
    "domain",
    ["gmail.com", "googlemail.com", "hotmail.co.uk", "hotmail.fr", "live.de", "yahoo.co.jp",
     "gmx.net", "web.de", "yandex.ru", "icloud.com", "proton.me", "outlook.com", "qq.com",
     "aol.co.uk", "privaterelay.appleid.com", "foxmail.com", "hanmail.net", "tuta.com"],
)  # fmt: skip
def test_free_mail_providers(domain: str) -> None:
    assert is_free_mail(domain)


def test_agencies_under_one_public_suffix_are_different_employers() -> None:
    known = Known(
        sent={},
        parties=[party(1, "jean@justice.gouv.fr", domains=("justice.gouv.fr",))],
        own=frozenset(),
    )
    assert match(incoming("avis@impots.gouv.fr"), known) is None
    assert match(incoming("rh@justice.gouv.fr"), known) == Match(1, None, "domain")
    known = Known(
        sent={},
        parties=[party(2, "dana@sfusd.k12.ca.us", domains=("sfusd.k12.ca.us",))],
        own=frozenset(),
    )
    assert match(incoming("hr@lausd.k12.ca.us"), known) is None


def test_a_platform_that_sends_for_many_companies_is_no_companys_domain() -> None:
    # A recruiter's address recorded from an applicant tracking system's notification.
    known = Known(
        sent={},
        parties=[party(1, "no-reply@greenhouse-mail.io", domains=("greenhouse-mail.io",))],
        own=frozenset(),
    )
    assert match(incoming("no-reply@greenhouse-mail.io"), known) == Match(1, None, "address")
    assert match(incoming("jobs@greenhouse-mail.io"), known) is None  # another company's
    assert company_domains(["it@acme.onmicrosoft.com", "hr@hire.lever.co"]) == frozenset()


def test_an_internationalized_domain_matches_in_its_ascii_form() -> None:
    # The record keeps what was typed; the reply carries the ASCII form (and may not).
    known = Known(
        sent={}, parties=[party(1, "zoë@bücher.de", domains=("bücher.de",))], own=frozenset()
    )
    assert match(incoming("zoë@xn--bcher-kva.de"), known) == Match(1, None, "address")
    assert match(incoming("kai@xn--bcher-kva.de"), known) == Match(1, None, "domain")
    known = Known(
        sent={},
        parties=[party(1, "hr@xn--bcher-kva.de", domains=("xn--bcher-kva.de",))],
        own=frozenset(),
    )
    assert match(incoming("kai@bücher.de"), known) == Match(1, None, "domain")
    own = Known(sent={}, parties=[], own=frozenset({"me@bücher.de"}))
    assert match(incoming("me@xn--bcher-kva.de"), own) is None


def test_company_domains_drop_free_mail_and_reduce_subdomains() -> None:
    got = company_domains(
        ["Jane@Mail.Acme.com", "raj@gmail.com", "lee@hotmail.co.uk", "hr@jobs.globex.co.uk", "bad"]
    )
    assert got == frozenset({"acme.com", "globex.co.uk"})


def test_ten_thousand_messages_against_two_thousand_parties() -> None:
    # The time it takes is bench/imap_sync.py's to measure, not a test's (a busy machine).
    parties = [party(i, f"p{i}@firm{i}.com", domains=(f"firm{i}.com",)) for i in range(2000)]
    sent = {f"<s{i}@example.com>": Sent(f"<s{i}@example.com>", i, i % 2000) for i in range(5000)}
    known = Known(sent=sent, parties=parties, own=frozenset({"me@example.com"}))
    mails = [
        incoming(f"x{i}@firm{i % 3000}.com", references=(f"<r{i}@x>", f"<s{i * 7}@example.com>"))
        for i in range(10_000)
    ]
    found = [match(m, known) for m in mails]
    assert sum(1 for f in found if f is not None) > 5000
