"""The record-aware families: timing, concern, duplicate, attachment.

Each rule runs as the engine runs it (looked up in the registry, given the draft read by
:class:`Draft` and its context); every table has drafts it must flag, with the span and
what the message must say, and drafts it must leave alone.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.domain.check import NO_CONTEXT, Context, Kind, Person, Previous, Severity
from followup.domain.check.registry import Analysis, Rule, all_rules
from followup.domain.check.text import Draft

END = datetime(2026, 5, 4, 15, 0, tzinfo=UTC)  # a Monday afternoon
HOUR, DAY = timedelta(hours=1), timedelta(days=1)
NY = ZoneInfo("America/New_York")
FAMILIES = ("timing", "concern", "duplicate", "attachment")
RULES: dict[str, Rule] = {r.id: r for r in all_rules() if r.family in FAMILIES}

THANKS = (
    "Subject: Thank you for Monday's interview\n\n"
    "Dear Ana,\n\n"
    "Thank you for walking me through the Kafka migration on Monday. Hearing how the "
    "team cut the nightly batch to twenty minutes made me keen to help with the next "
    "stage.\n\n"
    "Best regards,\nSam Lee"
)
CHECK_IN = (
    "Subject: Following up on the data engineer role\n\n"
    "Hi Ana,\n\nI hope your week is going well. I wanted to ask whether there is any news "
    "on the data engineer role.\n\nBest,\nSam Lee"
)


@dataclass(frozen=True)
class Found:
    """One hit as a user sees it: the marked text, the message, the severity, the fix."""

    span: str
    message: str
    severity: Severity
    suggestion: str | None
    start: int
    end: int


def run(rule_id: str, text: str, kind: Kind | str, context: Context) -> list[Found]:
    """What one rule reports on this draft (as the engine runs it)."""
    rule = RULES[rule_id]
    a = Analysis(draft=Draft(text, Kind(kind)), context=context, politeness=0.5, grade=8.0)
    return [
        Found(
            text[h.start : h.end],
            h.message or rule.message,
            h.severity or rule.severity,
            h.suggestion,
            h.start,
            h.end,
        )
        for h in rule.find(a)
    ]


def one(rule_id: str, text: str, kind: Kind | str, context: Context) -> Found:
    """The single hit the rule must report, with a message that cites its seed."""
    found = run(rule_id, text, kind, context)
    assert len(found) == 1, found
    assert re.search(r"\(seeds? 00\d", found[0].message), found[0].message
    return found[0]


def sent(after: timedelta, **more: object) -> Context:
    """A context of Monday's interview, the draft going out ``after`` its end."""
    return Context(
        company="Acme",
        interviewers=(Person("Ana Ruiz"),),
        interview_end=END,
        send_at=END + after,
        **more,  # type: ignore[arg-type]
    )


# --- timing -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "after", "says", "not_says"),
    [
        (Kind.THANK_YOU, 25 * HOUR, "Sent 25 hours after the interview ended", "outer"),
        (Kind.THANK_YOU, 31 * HOUR, "Sent 31 hours after", "outer"),
        (Kind.PANEL_NOTE, 47 * HOUR, "past the 24-hour target", "outer"),
        (Kind.THANK_YOU, 50 * HOUR, "past the 48-hour outer limit", "afterthought"),
        (Kind.THANK_YOU, 50 * HOUR, "a late thank-you beats none", "afterthought"),
        (Kind.THANK_YOU, 4 * DAY, "Sent 4 days (96 hours) after", "afterthought"),
        (Kind.THANK_YOU, 9 * DAY, "reads as an afterthought", "beats none"),
    ],
)
def test_thank_you_late_flags(kind: Kind, after: timedelta, says: str, not_says: str) -> None:
    found = one("timing.thank-you-late", THANKS, kind, sent(after))
    assert found.span == "Thank you for Monday's interview"  # the subject line
    assert found.severity is Severity.WARNING
    assert says in found.message
    assert not_says not in found.message
    assert found.suggestion is None


@pytest.mark.parametrize(
    ("kind", "context"),
    [
        (Kind.THANK_YOU, sent(2 * HOUR)),
        (Kind.THANK_YOU, sent(23 * HOUR)),
        (Kind.THANK_YOU, sent(24 * HOUR)),  # the target itself is on time
        (Kind.CHECK_IN, sent(31 * HOUR)),  # not a thank-you
        (Kind.LINKEDIN, sent(5 * DAY)),
        (Kind.THANK_YOU, Context(interview_end=END)),  # no send_at
        (Kind.THANK_YOU, Context(send_at=END + 5 * DAY)),  # no interview end
        (Kind.THANK_YOU, NO_CONTEXT),
    ],
)
def test_thank_you_late_passes(kind: Kind, context: Context) -> None:
    assert run("timing.thank-you-late", THANKS, kind, context) == []


def test_timing_span_is_the_first_line_without_a_subject() -> None:
    text = "\n\n  Dear Ana,  \nThank you for Monday.\n"
    found = one("timing.thank-you-late", text, Kind.THANK_YOU, sent(30 * HOUR))
    assert found.span == "Dear Ana,"


def test_timing_on_an_empty_draft_is_an_empty_span_at_zero() -> None:
    found = one("timing.thank-you-late", "", Kind.THANK_YOU, sent(30 * HOUR))
    assert (found.start, found.end) == (0, 0)


def test_naive_and_aware_times_compare_as_utc() -> None:
    naive_end = datetime(2026, 5, 4, 15, 0)  # noqa: DTZ001 - a caller's naive time, on purpose
    context = Context(interview_end=naive_end, send_at=END + 30 * HOUR)
    assert "30 hours" in one("timing.thank-you-late", THANKS, Kind.THANK_YOU, context).message


@pytest.mark.parametrize(("hour", "late"), [(10, False), (12, True)])
def test_the_hours_are_counted_between_instants_across_zones(hour: int, late: bool) -> None:
    # 10:00 the next day in New York (UTC-4 in May) is 23 hours after 15:00 UTC; 12:00, 25.
    context = Context(interview_end=END, send_at=datetime(2026, 5, 5, hour, tzinfo=NY))
    assert bool(run("timing.thank-you-late", THANKS, Kind.THANK_YOU, context)) is late


@pytest.mark.parametrize(
    ("kind", "before", "says"),
    [
        (Kind.THANK_YOU, HOUR, "1 hour before the interview ends"),
        (Kind.PANEL_NOTE, 3 * HOUR, "3 hours before"),
        (Kind.THANK_YOU, 3 * DAY, "3 days before"),
    ],
)
def test_thank_you_early_flags(kind: Kind, before: timedelta, says: str) -> None:
    found = one("timing.thank-you-early", THANKS, kind, sent(-before))
    assert found.severity is Severity.ERROR
    assert found.span == "Thank you for Monday's interview"
    assert says in found.message


@pytest.mark.parametrize(
    ("kind", "after"),
    [(Kind.THANK_YOU, timedelta(0)), (Kind.THANK_YOU, HOUR), (Kind.CHECK_IN, -HOUR)],
)
def test_thank_you_early_passes(kind: Kind, after: timedelta) -> None:
    assert run("timing.thank-you-early", THANKS, kind, sent(after)) == []


DECIDE = date(2026, 5, 15)


@pytest.mark.parametrize(
    ("kind", "on", "severity", "says"),
    [
        (Kind.CHECK_IN, date(2026, 5, 12), Severity.WARNING, "Sent 3 days before the decision"),
        (Kind.CHECK_IN, date(2026, 5, 14), Severity.WARNING, "Sent 1 day before"),
        (Kind.CLOSE_THE_LOOP, date(2026, 5, 10), Severity.WARNING, "5 days before"),
        (Kind.CHECK_IN, date(2026, 5, 15), Severity.INFO, "Sent on the decision date"),
        (Kind.CHECK_IN, date(2026, 5, 18), Severity.INFO, "Sent 3 days after the decision"),
    ],
)
def test_before_decision_flags(kind: Kind, on: date, severity: Severity, says: str) -> None:
    context = Context(
        decision_date=DECIDE, send_at=datetime(on.year, on.month, on.day, 9, tzinfo=NY)
    )
    found = one("timing.before-decision", CHECK_IN, kind, context)
    assert found.severity is severity
    assert found.span == "Following up on the data engineer role"
    assert says in found.message
    assert "2026-05-15" in found.message


@pytest.mark.parametrize(
    ("kind", "on"),
    [
        (Kind.CHECK_IN, date(2026, 5, 22)),  # a week after: what seed 001 asks
        (Kind.CHECK_IN, date(2026, 6, 30)),
        (Kind.THANK_YOU, date(2026, 5, 5)),  # a thank-you is not a check-in
        (Kind.ADDITIONAL_INFO, date(2026, 5, 6)),
    ],
)
def test_before_decision_passes(kind: Kind, on: date) -> None:
    context = Context(
        decision_date=DECIDE, send_at=datetime(on.year, on.month, on.day, 9, tzinfo=NY)
    )
    assert run("timing.before-decision", CHECK_IN, kind, context) == []
    assert run("timing.before-decision", CHECK_IN, kind, Context(send_at=context.send_at)) == []


def test_before_decision_takes_a_datetime_for_a_date() -> None:
    context = Context(decision_date=datetime(2026, 5, 15, 12, tzinfo=UTC), send_at=END)
    assert "11 days before" in one("timing.before-decision", CHECK_IN, "check-in", context).message


def _history(*kinds_days: tuple[str, float]) -> tuple[Previous, ...]:
    return tuple(Previous(kind, END + timedelta(days=d)) for kind, d in kinds_days)


@pytest.mark.parametrize(
    ("kind", "history", "at", "says"),
    [
        (Kind.CHECK_IN, [("check-in", 10)], 13, "Sent 3 days after your last follow-up"),
        (Kind.CHECK_IN, [("check-in", 10)], 16.9, "(check-in, sent 2026-05-14)"),
        (Kind.CLOSE_THE_LOOP, [("additional-info", 20)], 25, "(additional-info, sent 2026-05-24)"),
        (Kind.CHECK_IN, [("check-in", 8), ("availability-request", 12)], 13, "24 hours after"),
        (Kind.CHECK_IN, [("check-in", 10)], 13, "wait until 2026-05-21 or later"),
        (Kind.CHECK_IN, [(" Check-In ", 10)], 12, "2 days after your last follow-up (check-in,"),
    ],
)
def test_too_soon_flags(kind: Kind, history: list[tuple[str, float]], at: float, says: str) -> None:
    context = sent(at * DAY, previous_followups=_history(*history))
    found = one("timing.too-soon", CHECK_IN, kind, context)
    assert found.severity is Severity.WARNING
    assert says in found.message


@pytest.mark.parametrize(
    ("kind", "history", "at"),
    [
        (Kind.CHECK_IN, [("check-in", 10)], 17),  # 7 days: enough
        (Kind.CHECK_IN, [("thank-you", 0.1), ("linkedin", 1), ("panel-note", 0.2)], 3),
        (Kind.CHECK_IN, [("check-in", 20)], 15),  # "sent" after this one: not earlier
        (Kind.THANK_YOU, [("check-in", 10)], 11),  # not a chasing draft
        (Kind.CHECK_IN, [], 2),
    ],
)
def test_too_soon_passes(kind: Kind, history: list[tuple[str, float]], at: float) -> None:
    context = sent(at * DAY, previous_followups=_history(*history))
    assert run("timing.too-soon", CHECK_IN, kind, context) == []


@pytest.mark.parametrize(
    ("kind", "history", "says"),
    [
        (Kind.CHECK_IN, [("check-in", 8), ("check-in", 18)], "You have sent 2 check-ins already"),
        (Kind.CHECK_IN, [("availability-request", 8), ("check-in", 18)], "2 check-ins"),
        (Kind.CHECK_IN, [("check-in", 8), ("check-in", 18)], "close-the-loop message instead"),
        (Kind.CHECK_IN, [("close-the-loop", 20)], "You already closed the loop on 2026-05-24"),
        (Kind.CLOSE_THE_LOOP, [("close-the-loop", 20)], "already closed the loop"),
    ],
)
def test_cap_flags(kind: Kind, history: list[tuple[str, float]], says: str) -> None:
    found = one("timing.cap", CHECK_IN, kind, sent(40 * DAY, previous_followups=_history(*history)))
    assert found.severity is Severity.WARNING
    assert says in found.message


@pytest.mark.parametrize(
    ("kind", "history"),
    [
        (Kind.CHECK_IN, [("check-in", 8)]),
        (Kind.CLOSE_THE_LOOP, [("check-in", 8), ("check-in", 18)]),  # what the cap asks for
        (Kind.CHECK_IN, [("check-in", -20), ("check-in", -10)]),  # an earlier round's
        (Kind.CHECK_IN, [("thank-you", 0), ("linkedin", 1), ("additional-info", 5)]),
        (Kind.CHECK_IN, [("check-in", 8), ("check-in", 50)]),  # the second is later
        (Kind.THANK_YOU, [("close-the-loop", 20)]),
    ],
)
def test_cap_passes(kind: Kind, history: list[tuple[str, float]]) -> None:
    context = sent(40 * DAY, previous_followups=_history(*history))
    assert run("timing.cap", CHECK_IN, kind, context) == []


def test_timing_numbers_are_the_planners() -> None:
    from followup.domain.check.rules.timing import numbers
    from followup.domain.policy import PRESETS

    policy = PRESETS["default"]
    got = numbers()
    assert (got.target_hours, got.min_spacing_days, got.max_check_ins) == (
        policy.thank_you_hours,
        policy.min_spacing_days,
        policy.max_check_ins,
    )
    assert got.limit_hours == 48  # seed 002's outer limit, the bound no preset may pass


def test_timing_follows_the_users_policy() -> None:
    from dataclasses import replace

    from followup.domain.policy import PRESETS

    late = sent(30 * HOUR)
    assert run("timing.thank-you-late", "Thank you, Ana.", Kind.THANK_YOU, late)
    measured = replace(late, policy=PRESETS["measured"])  # 48 hours to thank
    assert run("timing.thank-you-late", "Thank you, Ana.", Kind.THANK_YOU, measured) == []


def test_the_planner_is_imported_only_for_a_draft_with_a_send_at() -> None:
    code = (
        "import sys\n"
        "from followup.domain.check import Context, Kind\n"
        "from followup.domain.check.registry import Analysis, all_rules\n"
        "from followup.domain.check.text import Draft\n"
        "a = Analysis(Draft('Dear Ana, thank you.', Kind.CHECK_IN), Context(company='Acme'),"
        " 0.5, 8.0)\n"
        "for r in all_rules():\n"
        "    if r.family in ('timing', 'concern', 'duplicate', 'attachment'):\n"
        "        list(r.find(a))\n"
        "print('followup.domain.policy' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- concern ----------------------------------------------------------------------------

KUBE = "Limited experience running Kubernetes at scale"
LONG = (
    "The panel wondered whether years of embedded firmware work would carry over to "
    "cloud-native distributed data platforms"
)


@pytest.mark.parametrize(
    ("kind", "concerns", "says"),
    [
        (
            Kind.THANK_YOU,
            (KUBE,),
            f"a concern from the interview that this draft does not take up: “{KUBE}”",
        ),
        (Kind.PANEL_NOTE, (KUBE,), "“Limited experience"),
        (Kind.ADDITIONAL_INFO, (KUBE, "No on-call rota experience"), "concerns from the interview"),
        (Kind.THANK_YOU, (KUBE, "Kafka"), f"“{KUBE}”."),  # Kafka is in the draft; only one left
        (Kind.THANK_YOU, (LONG,), f"“{LONG[:77]}…”"),  # a long concern is cut
        (Kind.THANK_YOU, ("no AI background",), "“no AI background”"),  # not "airline" below
    ],
)
def test_concern_unaddressed_flags(kind: Kind, concerns: tuple[str, ...], says: str) -> None:
    text = THANKS.replace("next stage.", "next stage. I once worked for an airline.")
    found = one("concern.unaddressed", text, kind, Context(concerns=concerns))
    assert found.severity is Severity.WARNING
    assert found.span == "Thank you for Monday's interview"
    assert says in found.message


@pytest.mark.parametrize(
    ("kind", "addition", "concerns"),
    [
        (Kind.THANK_YOU, " I have since run Kubernetes clusters of 200 nodes.", (KUBE,)),
        (Kind.THANK_YOU, " Scaling our platform taught me a lot.", ("How I scale systems",)),
        (Kind.THANK_YOU, " I managed three engineers.", ("people management",)),
        (Kind.ADDITIONAL_INFO, " My databases course covered it.", ("database design",)),
        (Kind.THANK_YOU, " I have run Kubernetes since 2019.", ("Running k8s",)),
        (Kind.THANK_YOU, " I was on the on-call rota.", ("Never been on call",)),
        (Kind.THANK_YOU, " Our cloud-native stack grew.", ("cloud hosting",)),
        (Kind.THANK_YOU, " Two salaries were on offer.", ("salary",)),
        (Kind.THANK_YOU, " Scalability is my field.", ("the scaling question",)),
        (Kind.THANK_YOU, "", ("The Kafka migration timeline",)),
        (Kind.THANK_YOU, "", ("They felt I lack experience",)),  # nothing distinctive to look for
        (Kind.THANK_YOU, "", ()),
        (Kind.CHECK_IN, "", (KUBE,)),  # a check-in is not where a concern is answered
        (Kind.LINKEDIN, "", (KUBE,)),
    ],
)
def test_concern_unaddressed_passes(kind: Kind, addition: str, concerns: tuple[str, ...]) -> None:
    text = THANKS.replace("next stage.", "next stage." + addition)
    assert run("concern.unaddressed", text, kind, Context(concerns=concerns)) == []


def test_concern_words_in_the_subject_count() -> None:
    text = "Subject: More on Kubernetes\n\nDear Ana,\nThank you for Monday.\nSam"
    assert run("concern.unaddressed", text, Kind.ADDITIONAL_INFO, Context(concerns=(KUBE,))) == []


# --- duplicate --------------------------------------------------------------------------

BEN = THANKS.replace("Dear Ana", "Dear Ben")
OWN_NOTE = (
    "Subject: Thank you\n\nDear Ben,\n\nThank you for the tour of the analytics stack and "
    "for your questions on data contracts. Your story about the 2019 outage stayed with "
    "me, and I would enjoy building the alerting you described.\n\nBest regards,\nSam Lee"
)


def test_duplicate_panel_flags_the_same_note_with_the_name_changed() -> None:
    found = one("duplicate.panel", THANKS, Kind.PANEL_NOTE, Context(other_notes=(OWN_NOTE, BEN)))
    assert found.severity is Severity.WARNING
    assert found.span == THANKS[THANKS.index("Thank you for walking") :]
    assert "is 89% the same as the note that opens “Dear Ben, Thank you for walking…”" in (
        found.message
    )
    assert "Jaccard index of word trigrams 0.89" in found.message


def test_duplicate_panel_marks_the_longest_shared_passage() -> None:
    other = THANKS.replace("Kafka migration on Monday", "new warehouse last week").replace(
        "Dear Ana", "Dear Ben"
    )
    found = one("duplicate.panel", THANKS, Kind.PANEL_NOTE, Context(other_notes=(other,)))
    assert found.severity is Severity.WARNING  # a few words changed: no passage of its own
    assert found.span.startswith("Hearing how the team cut the nightly batch")
    assert found.span.endswith("Best regards,\nSam Lee")


def test_duplicate_panel_is_a_hint_when_the_note_has_a_passage_of_its_own() -> None:
    # One frame for the whole panel, a specific point for each member (seed 003's model):
    # more is shared than not, but no member gets the letter with only the name changed.
    frame = (
        "Dear {},\n\nThank you for taking part in my panel interview yesterday for the "
        "Clinical Data Manager role. {}\n\nI'm very interested in joining your team and look "
        "forward to hearing about next steps.\n\nKind regards,\nLucía Fernández"
    )
    mine = frame.format("Kofi", "Your question about protocol deviations was a good one.")
    other = frame.format("Rahul", "Thank you for explaining how interim analyses are reviewed.")
    found = one("duplicate.panel", mine, Kind.PANEL_NOTE, Context(other_notes=(other,)))
    assert found.severity is Severity.INFO
    assert found.span.startswith("I'm very interested in joining your team")


@pytest.mark.parametrize(
    ("text", "others"),
    [
        (THANKS, (OWN_NOTE,)),  # greeting, thanks and sign-off in common: different notes
        (THANKS, ()),
        ("", (THANKS,)),
        ("Thanks Ana", (THANKS,)),  # too short to have trigrams
        (THANKS, ("", "Dear Ben,")),
    ],
)
def test_duplicate_panel_passes(text: str, others: tuple[str, ...]) -> None:
    assert run("duplicate.panel", text, Kind.PANEL_NOTE, Context(other_notes=others)) == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (
            "Thank you for your time today. I liked the demo. Thank you for your time today!",
            "Thank you for your time today!",
        ),
        (
            "I am very excited about this role.\n\nIt fits.\n\nI am VERY   excited about this "
            "role.",
            "I am VERY   excited about this role.",
        ),
    ],
)
def test_duplicate_sentence_flags_the_repeat(text: str, span: str) -> None:
    found = one("duplicate.sentence", text, Kind.THANK_YOU, NO_CONTEXT)
    assert found.severity is Severity.INFO
    assert found.span == span
    assert found.start > 0  # the second one, not the first


@pytest.mark.parametrize(
    "text",
    [
        "Thank you! I liked the demo. Thank you!",  # short: a flourish
        # The closing line echoes the body: a custom, not a slip.
        "I liked the demo. Thank you for your consideration.\n\nThank you for your "
        "consideration,\n\nSam",
        THANKS,
        "I enjoyed the demo. I enjoyed the lunch.",
        "",
    ],
)
def test_duplicate_sentence_passes(text: str) -> None:
    assert run("duplicate.sentence", text, Kind.THANK_YOU, NO_CONTEXT) == []


# --- attachment -------------------------------------------------------------------------

ACME = Context(company="Acme")


@pytest.mark.parametrize(
    ("sentence", "span"),
    [
        ("I have attached my résumé.", "attached"),
        ("Please find attached the slides.", "attached"),
        ("Enclosed is my writing sample.", "Enclosed"),
        ("Please find my updated portfolio.", "Please find my updated portfolio"),
        ("Please find a copy of my transcript.", "Please find a copy"),
        ("The report is attached to this email.", "attached"),
        ("See the attachment for the numbers.", "attachment"),
        ("I am attaching the case study.", "attaching"),
    ],
)
def test_attachment_missing_flags(sentence: str, span: str) -> None:
    text = f"Dear Ana,\n\nThank you for Monday. {sentence}\n\nBest,\nSam"
    found = one("attachment.missing", text, Kind.ADDITIONAL_INFO, ACME)
    assert found.severity is Severity.WARNING
    assert found.span == span
    assert f"The draft says “{span}”" in found.message


def test_attachment_missing_in_the_subject() -> None:
    text = "Subject: Portfolio attached\n\nDear Ana,\nHere it is.\nSam"
    assert (
        one("attachment.missing", text, "additional-info", Context(send_at=END)).span == "attached"
    )


def test_attachment_missing_flags_only_the_first_mention() -> None:
    text = "I attached my CV. The attached CV has the dates."
    assert [f.span for f in run("attachment.missing", text, "thank-you", ACME)] == ["attached"]


@pytest.mark.parametrize(
    ("sentence", "context"),
    [
        ("I have attached my résumé.", NO_CONTEXT),  # attachments unknown: quiet
        ("I have attached my résumé.", Context(company="Acme", attachments=("cv.pdf",))),
        ("I feel attached to the mission already.", ACME),
        ("Please find my portfolio at https://sam.example.", ACME),
        ("Please find my portfolio online.", ACME),
        ("Please find time for a call next week.", ACME),
        ("I would be glad to send my portfolio.", ACME),
    ],
)
def test_attachment_missing_passes(sentence: str, context: Context) -> None:
    text = f"Dear Ana,\n\nThank you for Monday. {sentence}\n\nBest,\nSam"
    assert run("attachment.missing", text, Kind.ADDITIONAL_INFO, context) == []


def test_attachment_unmentioned_flags() -> None:
    context = Context(company="Acme", attachments=("Sam_Lee.pdf",), sender_name="Sam Lee")
    found = one("attachment.unmentioned", THANKS, Kind.THANK_YOU, context)
    assert found.severity is Severity.INFO
    assert found.span == "Thank you for Monday's interview"
    assert "Something is attached (Sam_Lee.pdf)" in found.message


@pytest.mark.parametrize(
    ("text", "attachments"),
    [
        (THANKS, ("Kafka_migration_notes.pdf",)),  # a word of the file's name is in the text
        (THANKS.replace("next stage.", "next stage. My résumé has the details."), ("x.pdf",)),
        (THANKS.replace("next stage.", "next stage. I attached the plan."), ("x.pdf",)),
        (THANKS, ()),
    ],
)
def test_attachment_unmentioned_passes(text: str, attachments: tuple[str, ...]) -> None:
    context = Context(company="Acme", attachments=attachments, sender_name="Sam Lee")
    assert run("attachment.unmentioned", text, Kind.THANK_YOU, context) == []


# --- all four families ------------------------------------------------------------------


def test_the_engine_reports_them_and_the_settings_silence_them() -> None:
    from followup.domain.check import check

    context = sent(30 * HOUR, concerns=(KUBE,))
    report = check(THANKS, Kind.THANK_YOU, context)
    assert {"timing.thank-you-late", "concern.unaddressed"} <= {f.rule for f in report.findings}
    quiet = check(THANKS, Kind.THANK_YOU, context, silence=("timing", "concern"))
    assert not {f.rule for f in quiet.findings} & set(RULES)


def test_the_families_are_registered_with_their_categories() -> None:
    assert set(RULES) == {
        "timing.thank-you-late",
        "timing.thank-you-early",
        "timing.before-decision",
        "timing.too-soon",
        "timing.cap",
        "concern.unaddressed",
        "duplicate.panel",
        "duplicate.sentence",
        "attachment.missing",
        "attachment.unmentioned",
    }
    for rule in RULES.values():
        assert rule.category.value == rule.family
        assert re.search(r"\(seeds? 00\d", rule.message), rule.id


#: A context in which every rule of the four families has something to compare with.
FULL = Context(
    company="Acme",
    interviewers=(Person("Ana Ruiz"),),
    interview_end=END,
    decision_date=date(2026, 5, 15),
    previous_followups=_history(("check-in", 8), ("check-in", 12), ("close-the-loop", 13)),
    send_at=END + 14 * DAY,
    concerns=(KUBE, "", "🙂"),
    other_notes=(THANKS, "", "\x00\ud800"),
    attachments=("résumé.pdf", ""),
    sender_name="Sam Lee",
)


@settings(max_examples=300, deadline=None)
@given(text=st.text(), kind=st.sampled_from(list(Kind)))
def test_never_raises_and_spans_lie_inside_the_text(text: str, kind: Kind) -> None:
    for context in (FULL, NO_CONTEXT):
        for rule_id in RULES:
            first = run(rule_id, text, kind, context)
            assert first == run(rule_id, text, kind, context)
            for found in first:
                assert 0 <= found.start <= found.end <= len(text)
