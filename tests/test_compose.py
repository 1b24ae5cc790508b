"""The composer: the best checked variant, never an error, never a blank; user templates."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from followup.domain.check.model import Severity
from followup.domain.compose.composer import ComposeError, compose, compose_all, split, tidy
from followup.domain.compose.model import (
    Brief,
    ConcernNote,
    DraftKind,
    Member,
    Sender,
)
from followup.domain.compose.templates import library

END = datetime(2026, 12, 1, 16, 0, tzinfo=UTC)


def brief(**changes: object) -> Brief:
    base: dict[str, object] = {
        "company": "Northwind Labs",
        "role": "Data Analyst",
        "round": "second",
        "format": "video",
        "interviewers": (
            Member("Amara Okafor", "Head of Data", topics=("the churn model",)),
            Member("José Núñez", "Senior Analyst", topics=("query performance",)),
        ),
        "topics": ("team rituals",),
        "standouts": ("we sketched the churn funnel together",),
        "concerns": (ConcernNote("SQL window functions", "I would partition by customer."),),
        "questions": ("How will the analytics team change after the merger?",),
        "decision_date": date(2026, 12, 18),
        "interview_start": END - timedelta(hours=1),
        "interview_end": END,
        "sender": Sender("Sam Rivera"),
        "send_at": END + timedelta(hours=3),
        "other_companies": ("Globex",),
    }
    base.update(changes)
    return Brief(**base)  # type: ignore[arg-type]


def test_a_panel_gets_one_note_each_greeting_its_reader_with_their_topic() -> None:
    notes = compose_all(brief(), DraftKind.PANEL_NOTE)
    assert [n.to.name for n in notes if n.to] == ["Amara Okafor", "José Núñez"]
    assert notes[0].body.startswith("Dear Amara,\n")
    assert notes[1].body.startswith("Dear José,\n")
    assert "the churn model" in notes[0].body
    assert "query performance" in notes[1].body
    assert notes[0].variant != notes[1].variant


def test_every_draft_has_no_error_and_its_report_is_of_the_text_handed_out() -> None:
    for kind in (DraftKind.THANK_YOU, DraftKind.PANEL_NOTE):
        for note in compose_all(brief(), kind):
            assert note.report.errors == 0
            assert note.text == note.candidates[0].text
            assert note.report is note.candidates[0].report
            assert note.subject is not None and 3 <= len(note.subject.split()) <= 6


def test_to_names_one_interviewer_by_first_name_any_case() -> None:
    (note,) = compose_all(brief(), DraftKind.THANK_YOU, to="josé")
    assert note.to is not None and note.to.name == "José Núñez"


def test_to_that_names_nobody_says_who_is_on_the_interview() -> None:
    with pytest.raises(ComposeError, match=r"'Sara' is not on this interview \(Amara Okafor, Jos"):
        compose_all(brief(), DraftKind.THANK_YOU, to="Sara")


def test_variant_by_name_and_an_unknown_one_lists_the_names() -> None:
    (note,) = compose_all(brief(), DraftKind.THANK_YOU, to="Amara", variant="2")
    assert note.variant == "2"
    assert [c.variant for c in note.candidates] == ["2"]
    with pytest.raises(ComposeError, match=r"has no variant '9' \(it has 1, 2, 3"):
        compose_all(brief(), DraftKind.THANK_YOU, to="Amara", variant="9")


def test_the_concern_and_its_better_answer_are_in_the_thank_you() -> None:
    (note,) = compose_all(brief(), DraftKind.THANK_YOU, to="Amara")
    assert "SQL window functions" in note.body
    assert "I would partition by customer." in note.body


def test_a_record_with_no_topics_says_what_to_add_and_leaves_no_blank() -> None:
    bare = brief(
        interviewers=(Member("Amara Okafor"),), topics=(), standouts=(), concerns=(), questions=()
    )
    (note,) = compose_all(bare, DraftKind.THANK_YOU)
    fields = [m.field for m in note.missing]
    assert fields[0] == "topics"
    assert "standouts" in fields
    assert "--topic" in note.missing[0].option
    assert not any(mark in note.text for mark in "[]{}_")
    assert len(note.body.split()) >= 40


def test_a_kind_that_needs_a_concern_refuses_without_one_and_names_the_option() -> None:
    with pytest.raises(ComposeError) as info:
        compose_all(brief(concerns=()), DraftKind.ADDRESS_CONCERN)
    assert info.value.missing is not None
    assert "--concern" in info.value.missing.option


def test_every_variant_with_an_error_is_refused_with_the_best_candidate(tmp_path) -> None:
    # A user's template that writes another company's name: the checker's error.
    folder = tmp_path / "thank-you"
    folder.mkdir()
    (folder / "bad.j2").write_text(
        "Subject: Thank you for the interview\n\n{{ greeting }}\n\nThank you for the "
        "interview at Globex about {{ the_role }}. I enjoyed it and I am excited about the "
        "role.\n\n{{ closing }}\n{{ signature }}\n",
        encoding="utf-8",
    )
    with pytest.raises(ComposeError, match="variant 'bad'") as info:
        compose_all(brief(), DraftKind.THANK_YOU, to="Amara", variant="bad", user_dir=str(tmp_path))
    best = info.value.best
    assert best is not None and best.variant == "bad"
    assert any(
        f.rule == "company.other" and f.severity is Severity.ERROR for f in best.report.findings
    )
    # Without --variant, the built-in ones serve: the bad one never wins.
    (note,) = compose_all(brief(), DraftKind.THANK_YOU, to="Amara", user_dir=str(tmp_path))
    assert note.variant != "bad"
    assert "Globex" not in note.text


def test_a_user_template_with_the_name_of_a_built_in_replaces_it(tmp_path) -> None:
    folder = tmp_path / "thank-you"
    folder.mkdir()
    (folder / "1.j2").write_text(
        "Subject: Thank you for our conversation\n\n{{ greeting }}\n\nThank you for the "
        "interview about {{ the_role }} and for walking me through {{ topic }}. I am even "
        "more excited about joining {{ team }} now, and I look forward to the next steps "
        "whenever the team is ready.\n\n{{ closing }}\n{{ signature }}\n",
        encoding="utf-8",
    )
    variants = library(str(tmp_path))[DraftKind.THANK_YOU]
    assert [v.name for v in variants][:1] == ["1"]
    assert variants[0].origin == str(folder / "1.j2")
    (note,) = compose_all(
        brief(concerns=()), DraftKind.THANK_YOU, to="Amara", variant="1", user_dir=str(tmp_path)
    )
    assert "for walking me through the churn model" in note.body


def test_a_template_with_an_undefined_name_is_a_problem_naming_its_file(tmp_path) -> None:
    folder = tmp_path / "thank-you"
    folder.mkdir()
    (folder / "typo.j2").write_text("Subject: Hi\n\n{{ greeting }} {{ compnay }}\n")
    with pytest.raises(ComposeError) as info:
        compose_all(
            brief(), DraftKind.THANK_YOU, to="Amara", variant="typo", user_dir=str(tmp_path)
        )
    (problem,) = info.value.problems
    assert str(folder / "typo.j2") in problem
    assert "'compnay' is undefined" in problem


def test_a_template_that_does_not_compile_is_skipped_when_others_serve(tmp_path) -> None:
    folder = tmp_path / "thank-you"
    folder.mkdir()
    (folder / "broken.j2").write_text("Subject: {% if %}\n")
    variants = {v.name: v for v in library(str(tmp_path))[DraftKind.THANK_YOU]}
    assert variants["broken"].template is None
    assert variants["broken"].problem
    (note,) = compose_all(brief(), DraftKind.THANK_YOU, to="Amara", user_dir=str(tmp_path))
    assert note.variant in {"1", "2", "3"}


def test_long_record_entries_are_shortened_to_fit_a_brief_note() -> None:
    long_topic = (
        "the migration of the billing platform from the old monolith to event driven "
        "services over the last two years with three teams"
    )
    record = brief(interviewers=(Member("Amara Okafor", topics=(long_topic,)),))
    (note,) = compose_all(record, DraftKind.THANK_YOU)
    assert "the migration of the billing platform" in note.body
    assert "three teams" not in note.body
    assert len(note.body.split()) <= 150


def test_same_brief_same_drafts() -> None:
    first = compose_all(brief(), DraftKind.PANEL_NOTE)
    again = compose_all(brief(), DraftKind.PANEL_NOTE)
    assert [d.text for d in first] == [d.text for d in again]


def test_compose_one_reader_directly_takes_the_seat_into_account() -> None:
    record = brief()
    one = compose(record, DraftKind.PANEL_NOTE, record.interviewers[1], seat=1)
    assert one.candidates[0].variant == "2"


@pytest.mark.parametrize(
    ("raw", "subject", "body"),
    [
        ("Subject:  Hello there \n\n\n\nDear A,\n", "Hello there", "Dear A,\n"),
        ("Dear A,  \n\n\n\nThanks , Bo .\n", None, "Dear A,\n\nThanks, Bo.\n"),
        ("subject: x\nDear A,\n", "x", "Dear A,\n"),
    ],
)
def test_tidy_and_split(raw: str, subject: str | None, body: str) -> None:
    assert split(tidy(raw)) == (subject, body)


def test_a_question_the_site_answers_or_about_pay_is_passed_over() -> None:
    record = brief(
        questions=(
            "What does your company do?",
            "What is the salary range?",
            "How will the analytics team change after the merger?",
        )
    )
    for note in compose_all(record, DraftKind.THANK_YOU):
        assert "company do" not in note.body
        assert "salary" not in note.body
    asked = [n for n in compose_all(record, DraftKind.THANK_YOU) if "merger" in n.body]
    assert asked, "the good question is still asked"


def test_panel_notes_and_linkedin_need_someone_to_write_to() -> None:
    for kind in (DraftKind.PANEL_NOTE, DraftKind.LINKEDIN):
        with pytest.raises(ComposeError) as info:
            compose_all(brief(interviewers=()), kind)
        assert info.value.missing is not None
        assert "--interviewer" in info.value.missing.option
    (note,) = compose_all(brief(interviewers=()), DraftKind.THANK_YOU)
    assert note.body.startswith("Dear Northwind Labs team,\n")
    (bare,) = compose_all(brief(interviewers=(), company=None), DraftKind.THANK_YOU)
    assert bare.body.startswith("Dear hiring team,\n")


@pytest.mark.parametrize(
    ("title", "said"),
    [
        ("Recruiter", "a Recruiter"),
        ("Engineering Manager", "an Engineering Manager"),
        ("UX Researcher", "a UX Researcher"),
        ("SRE", "an SRE"),
        ("HR Business Partner", "an HR Business Partner"),
        ("University Liaison", "a University Liaison"),
        ("Head of Data", "the Head of Data"),
        ("Chief Operating Officer", "the Chief Operating Officer"),
        ("the Team Lead", "the Team Lead"),
    ],
)
def test_a_title_after_as_takes_the_article_it_is_said_with(title: str, said: str) -> None:
    record = brief(
        interviewers=(Member("Amara Okafor", title),), topics=(), standouts=(), concerns=()
    )
    notes = [compose_all(record, DraftKind.LINKEDIN, variant=str(n))[0] for n in range(1, 7)]
    assert any(f"as {said}" in n.body for n in notes)
    if said != title:
        assert not any(f"as {title}" in n.body for n in notes)


def test_a_full_date_in_mid_sentence_is_closed_by_a_comma_and_questions_start_sentences() -> None:
    record = brief(
        interviewers=(Member("Amara Okafor", "Recruiter"),), topics=(), standouts=(), concerns=()
    )
    (note,) = compose_all(record, DraftKind.THANK_YOU, variant="1")
    assert "on Tuesday, December 1, about" in note.body
    for variant in ("1", "2", "3", "5", "6"):
        for note in compose_all(brief(), DraftKind.THANK_YOU, variant=variant):
            assert "merger?" in note.body
            assert ": How" not in note.body


def test_a_topic_just_over_the_limit_is_kept_whole_and_a_long_one_is_cut() -> None:
    nearly = "the move from spreadsheets to a shared data warehouse"
    long = "the warehouse layout and how pickers walk fewer miles each shift on the night rota"
    record = brief(interviewers=(Member("Amara Okafor", topics=(nearly, long)),))
    (note,) = compose_all(record, DraftKind.THANK_YOU, variant="1")
    assert nearly in note.body
    assert "the warehouse layout" in note.body
    assert "pickers" not in note.body


def test_a_topic_typed_with_a_capital_reads_in_lower_case_unless_it_is_a_name() -> None:
    topics = ("Onboarding new customers", "Their roadmap", "Kubernetes upgrades", "Reading library")
    record = brief(interviewers=(Member("Amara Okafor", topics=topics),))
    text = " ".join(n.body for n in compose_all(record, DraftKind.THANK_YOU, variant="1"))
    assert "about onboarding new customers" in text
    assert "Onboarding" not in text
    record = brief(interviewers=(Member("Amara Okafor", topics=topics[2:]),))
    text = " ".join(n.body for n in compose_all(record, DraftKind.THANK_YOU, variant="1"))
    assert "Kubernetes upgrades" in text and "Reading library" in text


def test_with_several_concerns_each_better_answer_names_the_one_it_answers() -> None:
    concerns = (
        ConcernNote("the relocation timeline"),
        ConcernNote("SQL window functions", "I would partition by customer and use LAG()."),
    )
    (note,) = compose_all(brief(concerns=concerns), DraftKind.ADDRESS_CONCERN)
    assert "As for SQL window functions, I would partition by customer" in note.body
    (one,) = compose_all(brief(concerns=concerns[1:]), DraftKind.ADDRESS_CONCERN)
    assert "As for" not in one.body and "I would partition by customer" in one.body


def test_a_note_on_two_concerns_offers_fuller_answers_in_the_plural() -> None:
    two = (ConcernNote("SQL window functions"), ConcernNote("the relocation timeline"))
    (one,) = compose_all(brief(concerns=two[:1]), DraftKind.ADDRESS_CONCERN, variant="1")
    (both,) = compose_all(brief(concerns=two), DraftKind.ADDRESS_CONCERN, variant="1")
    assert "a fuller answer" in one.body and "fuller answers" not in one.body
    assert "give fuller answers than I did" in both.body
    assert both.subject == "Data Analyst: fuller answers"
