"""Reading incoming mail: kinds, ids, decoded headers, bounces and snippets (golden samples)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.domain.mail.body import bounced_ids, snippet
from followup.domain.mail.incoming import parse_headers

GOLDEN = Path(__file__).parent / "golden" / "mail"


def sample(name: str) -> bytes:
    return (GOLDEN / name).read_bytes()


def headers(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8") + b"\r\n\r\nBody.\r\n"


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("reply_plain.eml", "reply"),
        ("reply_references_only.eml", "reply"),
        ("non_ascii_rfc2047.eml", "reply"),
        ("utf8_headers.eml", "reply"),
        ("outlook_automatic_reply.eml", "auto-reply"),
        ("rfc3834_out_of_office.eml", "auto-reply"),
        ("postfix_dsn.eml", "bounce"),
        ("gmail_bounce.eml", "bounce"),
        ("qmail_failure.eml", "bounce"),
    ],
)
def test_each_golden_sample_is_classified(name: str, kind: str) -> None:
    assert parse_headers(7, sample(name)).kind == kind


def test_a_plain_reply_is_read_in_full() -> None:
    got = parse_headers(41, sample("reply_plain.eml"))
    assert got.uid == 41
    assert got.message_id == "<CAH7x9k2=reply1@mail.acme.com>"
    assert got.in_reply_to == ("<followup.41.1@example.com>",)
    assert got.references == ("<followup.41.1@example.com>",)
    assert got.sender == "jane.doe@acme.com"  # lower-cased
    assert got.sender_name == "Jane Doe"
    assert got.to == ("me@example.com", "hiring@acme.com")
    assert got.subject == "Re: Thank you for Tuesday's interview"
    assert got.date == datetime(2026, 11, 24, 14, 12, 40, tzinfo=UTC)


def test_references_are_kept_in_order_across_folded_lines() -> None:
    got = parse_headers(1, sample("reply_references_only.eml"))
    assert got.in_reply_to == ()
    assert got.references == (
        "<unrelated-start@globex.co.uk>",
        "<followup.7.2@example.com>",
        "<AM0PR02MB4444.eurprd02.prod.outlook.com>",
    )


def test_encoded_words_and_raw_utf8_headers_are_decoded() -> None:
    german = parse_headers(1, sample("non_ascii_rfc2047.eml"))
    assert german.subject == "Rückmeldung zu Ihrem Gespräch"
    assert german.sender_name == "Jürgen Müller"
    assert german.date == datetime(2026, 11, 30, 16, 45, tzinfo=UTC)
    french = parse_headers(1, sample("utf8_headers.eml"))
    assert french.subject == "Réponse à votre candidature"
    assert french.sender_name == "Zoë Ångström"
    assert french.sender == "zoe@exemple.fr"


def test_malformed_headers_become_empty_values() -> None:
    got = parse_headers(9, sample("malformed.eml"))
    assert got.sender is None
    assert got.date is None
    assert got.to == ()
    assert got.message_id == "<no-brackets@host.example>"
    assert got.in_reply_to == ()
    assert got.references == ("<a@b>",)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_garbage_never_raises(raw: bytes) -> None:
    got = parse_headers(1, raw)
    assert got.kind in ("reply", "auto-reply", "bounce")
    assert isinstance(snippet(raw), str)
    assert isinstance(bounced_ids(raw), tuple)


@pytest.mark.parametrize(
    "subject",
    [
        "Out of Office: Thank you",
        "Out of the office until Monday",
        "Automatic reply: Follow-up",
        "Autoreply: Follow-up",
        "Auto-Reply: Follow-up",
        "Auto: Follow-up",
        "Automatische Antwort: Nachfrage",
        "Abwesenheitsnotiz: Nachfrage",
        "Réponse automatique : relance",
        "Absence du bureau",
        "Respuesta automática: seguimiento",
        "Fuera de la oficina",
        "Automatisch antwoord: opvolging",
        "Risposta automatica: follow-up",
        "[EXTERNAL] Automatic reply: Follow-up",  # a gateway's tag first
    ],
)
def test_out_of_office_subjects_are_auto_replies(subject: str) -> None:
    raw = headers(f"From: a@acme.com\nSubject: {subject}")
    assert parse_headers(1, raw).kind == "auto-reply"


@pytest.mark.parametrize(
    "header",
    [
        "Auto-Submitted: auto-generated",
        "Auto-Submitted: auto-replied; owner-email=a@acme.com",
        "X-Autoreply: yes",
        "X-Autorespond: Out of office",
        "Precedence: bulk",
        "Precedence: auto_reply",
        "Precedence: list",
        "List-Id: Careers news <news.acme.com>",
    ],
)
def test_machine_headers_make_an_auto_reply(header: str) -> None:
    raw = headers(f"From: a@acme.com\nSubject: Re: Thank you\n{header}")
    assert parse_headers(1, raw).kind == "auto-reply"


@pytest.mark.parametrize(
    "text",
    [
        "From: a@acme.com\nSubject: Re: Thank you\nAuto-Submitted: no",
        # RFC 3834 allows comments around the value: still a person's answer.
        "From: a@acme.com\nSubject: Re: Thank you\nAuto-Submitted: no (sent by a person)",
        "From: a@acme.com\nSubject: Re: Thank you\nAuto-Submitted: (typed) No",
        "From: a@acme.com\nSubject: [EXTERNAL] Re: Thank you",
        "From: a@acme.com\nSubject: Re: About my absences last week",  # not "Absence du..."
        "From: a@acme.com\nSubject: Re: Out-of-band question\nPrecedence: first-class",
        "From: postmaster-team@acme.com\nSubject: Re: Thank you",
    ],
)
def test_ordinary_replies_stay_replies(text: str) -> None:
    assert parse_headers(1, headers(text)).kind == "reply"


def test_a_delay_warning_is_not_a_bounce() -> None:
    raw = headers(
        "From: MAILER-DAEMON@mx.example.com\n"
        "Subject: Delayed Mail (still being retried)\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="x"'
    )
    assert parse_headers(1, raw).kind == "auto-reply"


@pytest.mark.parametrize(
    ("sender", "subject"),
    [
        # Non-delivery reports copy the subject they return: "delay" is the user's word.
        ("MicrosoftExchange329e@acme.onmicrosoft.com", "Undeliverable: Sorry for the delay"),
        ("MAILER-DAEMON@mx.example.com",
         "Undelivered Mail Returned to Sender (Re: delayed decision)"),
    ],
)  # fmt: skip
def test_a_failure_report_quoting_a_delay_is_a_bounce(sender: str, subject: str) -> None:
    raw = headers(
        f"From: {sender}\nSubject: {subject}\n"
        'Content-Type: multipart/report; report-type=delivery-status; boundary="x"'
    )
    assert parse_headers(1, raw).kind == "bounce"


@pytest.mark.parametrize(
    ("subject", "report_type"),
    [
        ("Delivery Status Notification (Success)", "delivery-status"),
        ("Delivered: Thank you", "delivery-status"),
        ("Read: Thank you", "disposition-notification"),  # a read receipt
    ],
)
def test_delivery_and_read_reports_are_neither_bounces_nor_replies(
    subject: str, report_type: str
) -> None:
    raw = headers(
        f"From: Mail Delivery System <postmaster@acme.com>\nSubject: {subject}\n"
        f'Content-Type: multipart/report; report-type={report_type}; boundary="x"'
    )
    assert parse_headers(1, raw).kind == "auto-reply"


def test_a_daemon_failure_subject_without_a_report_is_a_bounce() -> None:
    raw = headers("From: postmaster@acme.com\nSubject: Undeliverable: Thank you")
    assert parse_headers(1, raw).kind == "bounce"


@pytest.mark.parametrize(
    ("name", "ids"),
    [
        ("postfix_dsn.eml", ("<followup.20.1@example.com>",)),  # message/rfc822 part
        ("gmail_bounce.eml", ("<followup.21.1@example.com>",)),  # headers + rfc822-headers
        ("qmail_failure.eml", ("<followup.22.1@example.com>",)),  # pasted into the text
    ],
)
def test_bounced_ids_name_the_returned_message(name: str, ids: tuple[str, ...]) -> None:
    assert bounced_ids(sample(name)) == ids


def test_snippet_drops_quotes_and_signature() -> None:
    assert snippet(sample("reply_plain.eml")) == (
        "Hi Sam, Thanks for the note. The team enjoyed meeting you, and we would like to "
        "invite you to a final round next week. I will send times tomorrow. Best, Jane"
    )


def test_snippet_drops_an_outlook_quoted_header() -> None:
    assert snippet(sample("reply_references_only.eml")) == (
        "Hello Sam, yes, we are still deciding and will be in touch by Friday. Regards, Raj"
    )


def test_snippet_of_quoted_printable_with_a_german_quote_line() -> None:
    assert snippet(sample("non_ascii_rfc2047.eml")) == (
        "Hallo Sam, vielen Dank für das Gespräch. Wir melden uns nächste Woche."
    )


def test_snippet_of_html_only_mail_strips_tags_styles_and_blockquotes() -> None:
    assert snippet(sample("utf8_headers.eml")) == (
        "Bonjour Sam, Merci pour l'entretien : nous revenons vers vous."
    )


def test_snippet_is_cut_at_a_word() -> None:
    got = snippet(sample("reply_plain.eml"), limit=40)
    assert got == "Hi Sam, Thanks for the note. The team…"
    assert len(got) <= 40


def test_snippet_removes_control_characters() -> None:
    assert snippet(sample("malformed.eml")).count("\x00") == 0


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Tue, 24 Nov 2026 09:12:40 -0500", datetime(2026, 11, 24, 14, 12, 40, tzinfo=UTC)),
        ("24 Nov 2026 09:12:40 -0000", datetime(2026, 11, 24, 9, 12, 40, tzinfo=UTC)),
        ("Tue, 24 Nov 2026 09:12:40 GMT", datetime(2026, 11, 24, 9, 12, 40, tzinfo=UTC)),
        ("yesterday", None),
        ("Tue, 99 Nov 2026 09:12:40 +0000", None),
    ],
)
def test_dates_are_aware_utc_or_none(value: str, expected: datetime | None) -> None:
    assert parse_headers(1, headers(f"From: a@acme.com\nDate: {value}")).date == expected
