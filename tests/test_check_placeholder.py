"""The placeholder family: a template's blanks left in are errors; brackets that are not
blanks (links, addresses, asides) are left alone."""

from __future__ import annotations

import pytest

from followup.domain.check import Context, Person, Severity, check


def _hits(text: str, context: Context | None = None) -> list[tuple[str, str, str | None]]:
    report = check(text, "thank-you", context or Context())
    return [
        (f.rule, text[f.start : f.end], f.suggestion)
        for f in report.findings
        if f.category.value == "placeholder"
    ]


@pytest.mark.parametrize(
    ("text", "rule", "span"),
    [
        ("Dear [Interviewer's Name], thank you.", "placeholder.bracket", "[Interviewer's Name]"),
        ("I loved learning about [Company Name].", "placeholder.bracket", "[Company Name]"),
        ("Hi [insert manager here],", "placeholder.bracket", "[insert manager here]"),
        ("Dear <NAME>, thanks again.", "placeholder.bracket", "<NAME>"),
        ("Hi {name}, thanks for today.", "placeholder.bracket", "{name}"),
        ("Hi {{ first_name }}, thanks.", "placeholder.bracket", "{{ first_name }}"),
        ("Hi %FIRSTNAME%, thanks.", "placeholder.bracket", "%FIRSTNAME%"),
        ("Hi *|FNAME|*, thanks.", "placeholder.bracket", "*|FNAME|*"),
        ("Best,\n[Signature]", "placeholder.bracket", "[Signature]"),
        ("Best,\n(signature)", "placeholder.hint", "(signature)"),
        ("the ________ role at your firm", "placeholder.blank", "________"),
        ("Dear XXX, thank you.", "placeholder.blank", "XXX"),
        ("the Analyst (position) at Acme", "placeholder.hint", "(position)"),
        ("at the (name of employer) office", "placeholder.hint", "(name of employer)"),
        ("Dear Mr./Ms. Last Name:", "placeholder.stock", "Mr./Ms. Last Name"),
        ("Dear Mr/Mrs Smith,", "placeholder.stock", "Mr/Mrs"),
        ("Best regards,\nYour Name", "placeholder.stock", "Your Name"),
        ("Dear Hiring Manager’s Name,", "placeholder.stock", "Hiring Manager’s Name"),
        ("Thank you for the Job Title interview.", "placeholder.stock", "Job Title"),
    ],
)
def test_flags_a_blank_left_in(text: str, rule: str, span: str) -> None:
    hits = _hits(text)
    assert (rule, span) in [(r, s) for r, s, _ in hits]
    report = check(text)
    assert report.errors >= 1 and report.score <= 70


@pytest.mark.parametrize(
    "text",
    [
        "My portfolio is at <https://ana.example/work> and my email <ana@example.com>.",
        "I led the migration (a three-month project) at my last team.",
        "The Berlin office (the one by the river) looked great.",
        "Subject: [Follow-up] Data Analyst interview",
        "Here are the notes [1] I mentioned.",
        "I have 3 years of experience (2021-2024).",
        "Thank you, Dana. It was great to meet the whole team.",
        "See the docs [here](https://example.com/docs).",
        "The role (Senior Data Analyst, remote) fits what I want.",
        "My name is Ana Ruiz; my last project was a churn model.",
        "Best regards,\nAna Ruiz",
        "",
    ],
)
def test_passes_text_without_blanks(text: str) -> None:
    assert _hits(text) == []


def test_a_blank_inside_brackets_is_reported_once() -> None:
    assert _hits("Dear [Hiring Manager's Name],") == [
        ("placeholder.bracket", "[Hiring Manager's Name]", None)
    ]


def test_the_record_suggests_what_belongs_in_the_blank() -> None:
    context = Context(
        company="Northwind",
        role="Data Analyst",
        interviewers=(Person("Dana Rivera"),),
        sender_name="Ana Ruiz",
    )
    text = "Dear [Interviewer Name], I enjoyed the [Position] chat at [Company].\n\n[Your Name]"
    assert _hits(text, context) == [
        ("placeholder.bracket", "[Interviewer Name]", "Dana Rivera"),
        ("placeholder.bracket", "[Position]", "Data Analyst"),
        ("placeholder.bracket", "[Company]", "Northwind"),
        ("placeholder.bracket", "[Your Name]", "Ana Ruiz"),
    ]


def test_every_placeholder_finding_is_an_error() -> None:
    report = check("Dear [Name], ____ (position) Your Name {x}")
    found = [f for f in report.findings if f.category.value == "placeholder"]
    assert len(found) == 5 and {f.severity for f in found} == {Severity.ERROR}


def test_many_blanks_are_found_in_linear_time() -> None:
    text = "[Company Name] ____ Your Name " * 20_000
    report = check(text)
    assert sum(f.rule == "placeholder.bracket" for f in report.findings) == 20_000
    assert sum(f.rule == "placeholder.stock" for f in report.findings) == 20_000
