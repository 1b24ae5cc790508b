"""The form families of the draft checker: length, readability, subject, signoff, questions.

Each rule has a table of drafts it must flag (with the exact span and suggestion) and
drafts it must leave alone. The texts are written here; none comes from the eval data.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.domain.check import NO_CONTEXT, Context, Kind, Person, Report, check
from followup.domain.check.registry import all_rules
from followup.domain.check.rules import length

FORM = ("length", "readability", "subject", "signoff", "questions")
#: Every other family is silenced: these tests are about the form rules alone.
OTHERS = tuple(sorted({r.family for r in all_rules()} - set(FORM)))
CTX = Context(
    company="Acme",
    role="Product Designer",
    sender_name="Mia Carter",
    interviewers=(Person("Ana Ruiz"),),
)


@pytest.fixture(autouse=True)
def _steady_politeness(monkeypatch: pytest.MonkeyPatch) -> None:
    # The politeness model is another family's, fitted separately; no form rule reads it.
    monkeypatch.setattr("followup.domain.check.politeness.probability", lambda _draft: 0.5)


def run(
    text: str, kind: str = "thank-you", context: Context = NO_CONTEXT, enable: tuple[str, ...] = ()
) -> Report:
    return check(text, kind, context, silence=OTHERS, enable=enable)


def hits(
    text: str,
    rule: str,
    kind: str = "thank-you",
    context: Context = NO_CONTEXT,
    enable: tuple[str, ...] = (),
) -> list[tuple[str, str, str | None]]:
    """(severity, span text, suggestion) of each finding of ``rule`` on this draft."""
    report = run(text, kind, context, enable)
    return [
        (f.severity.value, text[f.start : f.end], f.suggestion)
        for f in report.findings
        if f.rule == rule
    ]


def letter(body: str, closing: str = "\n\nBest regards,\nMia Carter") -> str:
    return f"Dear Ana,\n\n{body}{closing}"


SENTENCE = "I enjoyed our talk about the design system. "  # 8 words


# --- length.long -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "sentences", "severity", "span"),
    [
        # 2 + 25 * 8 = 202 words: past 200, the last two words are marked.
        ("thank-you", 25, "warning", "design system"),
        ("check-in", 25, "warning", "design system"),
        # 2 + 16 * 8 = 130 words: past 125, marked from the 126th word.
        ("thank-you", 16, "info", "talk about the design system"),
        ("close-the-loop", 16, "info", "talk about the design system"),
        # A panel note's range is shorter: 2 + 13 * 8 = 106 words.
        ("panel-note", 13, "info", "our talk about the design system"),
        ("panel-note", 19, "warning", "about the design system"),
    ],
)
def test_long_flags(kind: str, sentences: int, severity: str, span: str) -> None:
    found = hits(letter(SENTENCE * sentences), "length.long", kind)
    assert found == [(severity, span, None)]


def test_long_says_how_many_words_and_cites_boomerang() -> None:
    report = run(letter(SENTENCE * 25))
    (finding,) = [f for f in report.findings if f.rule == "length.long"]
    assert finding.message.startswith("202 words")
    assert "Boomerang" in finding.message


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (letter(SENTENCE * 15), "thank-you"),  # 122 words: in the range that answers best
        (letter(SENTENCE * 12), "panel-note"),  # 98 words
        (SENTENCE * 30, "linkedin"),  # a LinkedIn note has its own limit in characters
        # The signature is not the message: 122 words, then a long signature.
        (
            letter(
                SENTENCE * 15,
                "\n\nBest regards,\nMia Carter\nSenior Product Designer, Design Systems Team\n"
                "Acme Widgets International, 1200 Market Street, Suite 400, San Francisco\n",
            ),
            "thank-you",
        ),
    ],
)
def test_long_passes(text: str, kind: str) -> None:
    assert hits(text, "length.long", kind) == []


# --- length.short ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "span"),
    [
        (
            letter("Thanks for the interview today."),
            "thank-you",
            "Dear Ana,\n\nThanks for the interview today",
        ),
        ("Hi Ana, any news on the role?", "check-in", "Hi Ana, any news on the role"),
        ("Subject: Thanks\n\nThanks for the chat!", "thank-you", "Thanks for the chat"),
        (
            "Thanks so much. It was great. Talk soon.",
            "additional-info",
            "Thanks so much. It was great. Talk soon",
        ),
    ],
)
def test_short_flags_whole_messages(text: str, kind: str, span: str) -> None:
    assert hits(text, "length.short", kind) == [("warning", span, None)]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # Phrases (no greeting, no closing, fewer than three sentences) are not drafts.
        ("Thanks for explaining the data pipeline today", "thank-you"),
        ("I enjoyed our talk. The roadmap sounds exciting.", "thank-you"),
        ("Thanks for the call!", "thank-you"),
        # A check-in may be short: 21 words before the closing.
        (
            "Hi Ana,\n\nI hope you are well. I wanted to check in on the Product Designer role: "
            "is there any update on the timeline?\n\nBest,\nMia",
            "check-in",
        ),
        ("Hi Ana, great to meet you today!", "linkedin"),
        (letter(SENTENCE * 4), "thank-you"),
        # A note that sends what was promised, or answers an offer, says it in a line.
        (
            "Subject: Portfolio link, as promised\n\nHi Ana,\n\nAs promised, here's the link "
            "to my portfolio: https://mia.dev/work. Thanks again for Wednesday!\n\nBest,\nMia",
            "additional-info",
        ),
        (
            "Subject: Re: Offer\n\nHi Ana,\n\nThank you! I'm delighted to accept. See you on "
            "1 September.\n\nBest,\nMia",
            "close-the-loop",
        ),
        (
            "Subject: Product Designer role\n\nHi Ana,\n\nI hope you're well. Is there any "
            "update on the role? I'm still very keen.\n\nThanks,\nMia",
            "check-in",
        ),
    ],
)
def test_short_passes(text: str, kind: str) -> None:
    assert hits(text, "length.short", kind) == []


# --- length.linkedin, length.linkedin.free -----------------------------------------------

NOTE_320 = ("Hi Ana, thanks for the chat about onboarding today. " * 7)[:319] + "!"
NOTE_250 = NOTE_320[:249] + "!"


def test_linkedin_over_300_characters_is_an_error_on_the_part_refused() -> None:
    assert hits(NOTE_320, "length.linkedin", "linkedin") == [("error", NOTE_320[300:], None)]
    assert hits(NOTE_320, "length.linkedin.free", "linkedin") == []


def test_linkedin_over_200_characters_is_a_hint_for_free_accounts() -> None:
    assert hits(NOTE_250, "length.linkedin.free", "linkedin") == [("info", NOTE_250[200:], None)]
    assert hits(NOTE_250, "length.linkedin", "linkedin") == []


def test_linkedin_free_limit_is_silenced_on_its_own() -> None:
    report = check(NOTE_250, "linkedin", silence=(*OTHERS, "length.linkedin.free"))
    assert [f.rule for f in report.findings] == []
    report = check(NOTE_320, "linkedin", silence=(*OTHERS, "length.linkedin.free"))
    assert [f.rule for f in report.findings] == ["length.linkedin"]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (NOTE_320[:199] + "\n\n", "linkedin"),  # surrounding white space is not counted
        (NOTE_320 + NOTE_320, "thank-you"),  # an email has no character limit
    ],
)
def test_linkedin_passes(text: str, kind: str) -> None:
    assert hits(text, "length.linkedin", kind) == []
    assert hits(text, "length.linkedin.free", kind) == []


def test_limits_are_documented_constants() -> None:
    assert (length.LINKEDIN_LIMIT, length.LINKEDIN_FREE_LIMIT) == (300, 200)
    assert length.LONG[Kind.THANK_YOU] == (125, 200)


# --- readability.grade -------------------------------------------------------------------

DENSE = (
    "I genuinely appreciated our comprehensive conversation regarding organizational "
    "infrastructure modernization. Your characterization of the interdisciplinary "
    "collaboration methodology was particularly illuminating. Consequently, I am "
    "considerably enthusiastic about contributing analytical capabilities to the "
    "organization's transformation initiatives. Thank you for the opportunity."
)
MODERATE = (
    "I appreciated our conversation about the analytics platform and its reporting "
    "features. Your description of how the product organization evaluates experiments "
    "was especially interesting to me. I believe my background in statistical analysis "
    "would complement the responsibilities we discussed. Thank you for considering my "
    "application for the position."
)
PLAIN = (
    "Thank you for meeting with me today. I liked hearing how the team ships small changes "
    "every week. At my last job we did the same, and it made our work calmer. I would be "
    "glad to bring that to your team. Let me know if I can send anything else."
)


@pytest.mark.parametrize(
    ("text", "severity", "span"),
    [
        (
            letter(DENSE),
            "warning",
            "I genuinely appreciated our comprehensive conversation regarding organizational "
            "infrastructure modernization",
        ),
        (
            letter(MODERATE),
            "info",
            "Your description of how the product organization evaluates experiments was "
            "especially interesting to me",
        ),
    ],
)
def test_grade_flags_a_whole_message_at_college_level(text: str, severity: str, span: str) -> None:
    assert hits(text, "readability.grade") == [(severity, span, None)]
    (finding,) = [f for f in run(text).findings if f.rule == "readability.grade"]
    assert finding.message.startswith(f"Reading grade {run(text).metrics.grade:.0f}:")


@pytest.mark.parametrize(
    "text",
    [
        letter(PLAIN),
        # The same dense words as a phrase quoted alone: too few for a fair grade.
        "I genuinely appreciated our comprehensive conversation regarding organizational "
        "infrastructure modernization.",
        # Dense, but only two sentences and no greeting: a phrase, not a message.
        "Your characterization of the interdisciplinary collaboration methodology was "
        "particularly illuminating. Consequently, I am considerably enthusiastic about "
        "contributing analytical capabilities to the organization's transformation initiatives.",
    ],
)
def test_grade_passes(text: str) -> None:
    assert hits(text, "readability.grade") == []


# --- readability.sentence ----------------------------------------------------------------

RUN_ON_45 = (
    "I really enjoyed hearing about the way your team plans each quarter, and how the "
    "designers and engineers sit together from the first sketch to the final release, "
    "because that is exactly how we worked at my last company and it made a real difference"
)


@pytest.mark.parametrize(
    ("text", "severity", "span"),
    [
        (letter(RUN_ON_45 + "."), "info", RUN_ON_45),
        (
            letter(
                RUN_ON_45 + ", and I would love to help your team do the same with the new "
                "checkout flow next year."
            ),
            "warning",
            RUN_ON_45 + ", and I would love to help your team do the same with the new "
            "checkout flow next year",
        ),
    ],
)
def test_long_sentence_flags(text: str, severity: str, span: str) -> None:
    assert hits(text, "readability.sentence") == [(severity, span, None)]


@pytest.mark.parametrize(
    "text",
    [
        letter(PLAIN),
        # 45 words over lines without full stops: a list or a signature, each line its own.
        letter(
            "What I would bring:\n- ten years of design systems work for large teams\n"
            "- a habit of testing every idea with real users before building it\n"
            "- calm in a launch week when everything happens at once\n- good notes\n"
        ),
        letter(RUN_ON_45.replace(", because", ". Because") + "."),
    ],
)
def test_long_sentence_passes(text: str) -> None:
    assert hits(text, "readability.sentence") == []


# --- subject.missing ---------------------------------------------------------------------

THANKS = letter("Thank you for meeting with me today. " + SENTENCE * 5)


@pytest.mark.parametrize(
    ("text", "kind", "context", "suggestion"),
    [
        (THANKS, "thank-you", CTX, "Subject: Thank you — Product Designer interview\n"),
        (THANKS, "thank-you", NO_CONTEXT, None),
        (THANKS, "check-in", Context(company="Acme"), "Subject: Following up — Acme interview\n"),
        ("Hi Ana, any update?\n\nBest,\nMia", "check-in", NO_CONTEXT, None),
        (
            SENTENCE * 5 + "\n\nBest,\nMia",
            "additional-info",
            CTX,
            "Subject: Additional information — Product Designer interview\n",
        ),
    ],
)
def test_subject_missing_is_inserted_at_the_start(
    text: str, kind: str, context: Context, suggestion: str | None
) -> None:
    report = run(text, kind, context)
    found = [f for f in report.findings if f.rule == "subject.missing"]
    assert [(f.severity.value, f.start, f.end, f.suggestion) for f in found] == [
        ("info", 0, 0, suggestion)
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Subject: Thank you — Product Designer interview\n\n" + THANKS, "thank-you"),
        (THANKS, "linkedin"),  # a LinkedIn note has no subject
        # A body pasted alone, or a phrase, is not an email missing its subject.
        (SENTENCE * 5, "thank-you"),
        ("Thanks for the call", "thank-you"),
        ("Thanks so much for walking me through the roadmap!", "thank-you"),
    ],
)
def test_subject_missing_passes(text: str, kind: str) -> None:
    assert hits(text, "subject.missing", kind) == []


# --- subject.long ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "subject",
    [
        "Thank you so much for the wonderful conversation about the Product Designer role",
        "Product Designer interview follow-up from Mia Carter, Senior Designer at Globex Inc",
    ],
)
def test_subject_long_flags(subject: str) -> None:
    assert hits(f"Subject: {subject}\n\n{THANKS}", "subject.long") == [("info", subject, None)]


@pytest.mark.parametrize(
    "subject",
    [
        "Thank you — Product Designer interview",
        # A date, the sender's name and the role: long-ish but each word helps find it.
        "Follow-up: Product Designer interview 12/03 - Mia Carter",
    ],
)
def test_subject_long_passes(subject: str) -> None:
    assert hits(f"Subject: {subject}\n\n{THANKS}", "subject.long") == []


# --- subject.generic ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "kind", "context", "suggestion"),
    [
        ("Thank you!", "check-in", NO_CONTEXT, None),
        (
            "Following up on my interview",
            "check-in",
            CTX,
            "Following up — Product Designer interview",
        ),
        ("Checking in", "check-in", NO_CONTEXT, None),
        ("Re: Hi", "thank-you", NO_CONTEXT, None),
        ("Following up", "thank-you", CTX, "Thank you — Product Designer interview"),
    ],
)
def test_subject_generic_flags(
    subject: str, kind: str, context: Context, suggestion: str | None
) -> None:
    text = f"Subject: {subject}\n\n{THANKS}"
    assert hits(text, "subject.generic", kind, context) == [("warning", subject, suggestion)]


@pytest.mark.parametrize(
    ("subject", "kind", "context", "suggestion"),
    [
        ("Thank you!", "thank-you", NO_CONTEXT, None),
        ("Thank you!", "thank-you", CTX, "Thank you — Product Designer interview"),
        ("Thank you for the interview", "thank-you", CTX, "Thank you — Product Designer interview"),
        (
            "Thank you for your time today",
            "panel-note",
            Context(company="Acme"),
            "Thank you — Acme interview",
        ),
        # Closing the loop answers their news: "Thank you for the update" is a reply.
        (
            "Thank you for the update",
            "close-the-loop",
            CTX,
            "Closing the loop — Product Designer interview",
        ),
    ],
)
def test_a_stock_thanks_subject_on_a_thank_you_is_only_a_hint(
    subject: str, kind: str, context: Context, suggestion: str | None
) -> None:
    # Sent within a day to someone who just met the sender, "Thank you for the interview"
    # is placed by the sender's name: the role in the subject helps, its absence is no fault.
    text = f"Subject: {subject}\n\n{THANKS}"
    assert hits(text, "subject.generic", kind, context) == [("info", subject, suggestion)]


@pytest.mark.parametrize("subject", ["", "🙏"])
def test_subject_without_words_is_generic_and_says_so(subject: str) -> None:
    text = f"Subject: {subject}\n\n{THANKS}"
    report = run(text, "thank-you", CTX)
    (finding,) = [f for f in report.findings if f.rule == "subject.generic"]
    assert text[finding.start : finding.end] == subject
    assert finding.message.startswith("The subject line has no words")
    assert finding.suggestion == "Thank you — Product Designer interview"


@pytest.mark.parametrize(
    "subject",
    [
        "Thank you — Product Designer interview",
        "Thank you, Ana",
        "Interview on 12 March",
        "Following up: Acme design systems role",
    ],
)
def test_subject_generic_passes(subject: str) -> None:
    assert hits(f"Subject: {subject}\n\n{THANKS}", "subject.generic") == []


# --- subject.shouting --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("subject", "span", "suggestion"),
    [
        (
            "THANK YOU FOR THE INTERVIEW",
            "THANK YOU FOR THE INTERVIEW",
            "Thank you for the interview",
        ),
        # The record's names keep their own case in the suggestion.
        (
            "THANK YOU — ACME PRODUCT DESIGNER",
            "THANK YOU — ACME PRODUCT DESIGNER",
            "Thank you — Acme Product Designer",
        ),
        ("Any news on the role???", "???", "?"),
        ("Thank you, Ana!!", "!!", "!"),
        ("Still waiting?!", "?!", "?"),
    ],
)
def test_subject_shouting_flags(subject: str, span: str, suggestion: str) -> None:
    text = f"Subject: {subject}\n\n{THANKS}"
    assert hits(text, "subject.shouting", "thank-you", CTX) == [("warning", span, suggestion)]


@pytest.mark.parametrize(
    "subject",
    ["Thank you — UX interview at IBM", "Thank you!", "UX", "Any news on the role?"],
)
def test_subject_shouting_passes(subject: str) -> None:
    assert hits(f"Subject: {subject}\n\n{THANKS}", "subject.shouting") == []


# --- signoff.missing ---------------------------------------------------------------------

NO_CLOSE = "Dear Ana,\n\nThank you for today. I enjoyed our talk about the roadmap.\n"


@pytest.mark.parametrize(
    ("text", "kind", "context", "suggestion"),
    [
        (NO_CLOSE, "thank-you", NO_CONTEXT, "\n\nBest regards,"),
        (NO_CLOSE, "check-in", CTX, "\n\nBest regards,\nMia Carter"),
        (
            "Subject: Roadmap\n\nHere is the deck we talked about.",
            "additional-info",
            NO_CONTEXT,
            "\n\nBest regards,",
        ),
    ],
)
def test_signoff_missing_is_inserted_at_the_end(
    text: str, kind: str, context: Context, suggestion: str
) -> None:
    report = run(text, kind, context)
    end = len(text.rstrip())
    found = [f for f in report.findings if f.rule == "signoff.missing"]
    assert [(f.severity.value, f.start, f.end, f.suggestion) for f in found] == [
        ("info", end, end, suggestion)
    ]


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (NO_CLOSE + "\nBest,\nMia", "thank-you"),
        (NO_CLOSE + "\nMia Carter", "thank-you"),  # signed without a closing word
        ("Hi Ana, thank you for the chat today. Best, Mia", "thank-you"),  # all on one line
        ("Hi Ana, thank you for the chat today. – Mia", "thank-you"),
        # The same, as a file ends: with a newline.
        ("Dear Ana,\n\nThank you for the chat today. Thanks, Mia\n", "thank-you"),
        (NO_CLOSE, "linkedin"),
        # Closings in other words, signed above a contact line.
        (NO_CLOSE + "\nBest wishes,\nMia Carter\nmiacarter.dev | +44 7700 900123", "thank-you"),
        (NO_CLOSE + "\nWith thanks and best wishes,\nMia Carter, PhD", "thank-you"),
        (NO_CLOSE + "\nYours faithfully,\nMia Carter\n+44 7700 900123", "thank-you"),
        # A body or a phrase pasted alone has no ending to miss.
        ("Thank you for today. I enjoyed our talk about the roadmap.", "thank-you"),
    ],
)
def test_signoff_missing_passes(text: str, kind: str) -> None:
    assert hits(text, "signoff.missing", kind) == []


# --- signoff.name ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "context", "span", "suggestion"),
    [
        (NO_CLOSE + "\nBest regards,", NO_CONTEXT, "Best regards,", None),
        (NO_CLOSE + "\nBest regards,\n", CTX, "Best regards,", "Best regards,\nMia Carter"),
        (NO_CLOSE + "\nThank you!", NO_CONTEXT, "Thank you!", None),
        # A name left from another letter.
        (NO_CLOSE + "\nBest,\nJordan Lee", CTX, "Jordan Lee", "Mia Carter"),
        (NO_CLOSE + "\nBest, Jordan", CTX, "Jordan", "Mia Carter"),
    ],
)
def test_signoff_name_flags(text: str, context: Context, span: str, suggestion: str | None) -> None:
    assert hits(text, "signoff.name", "thank-you", context) == [("warning", span, suggestion)]


@pytest.mark.parametrize(
    ("text", "context"),
    [
        (NO_CLOSE + "\nBest,\nMia", CTX),  # the first name is enough
        (NO_CLOSE + "\nBest,\nMia Carter\nmia@example.com", CTX),
        (NO_CLOSE + "\nBest,\nAlex", Context(sender_name="Alexander Kim")),  # a short form
        (NO_CLOSE + "\nBest,\nJordan Lee", NO_CONTEXT),  # no sender recorded: any name
        (NO_CLOSE + "\nWarm regards, Mia", CTX),
        ("Hi Ana, thank you for the chat today. Best, Mia", CTX),
        # A sentence that opens with closing words is not a closing.
        ("I enjoyed our talk.\nThanks again for explaining the roadmap.", NO_CONTEXT),
        ("Thank you!", NO_CONTEXT),  # a phrase, not a letter
        ("Thanks for the call", NO_CONTEXT),
        # Thanking the reader by name at the end is not signing as them.
        ("Hi Ana, I enjoyed the chat today. Thank you, Ana.", CTX),
        (NO_CLOSE + "\nBest,\nÉmile Zola", Context(sender_name="Émile Zola")),
    ],
)
def test_signoff_name_passes(text: str, context: Context) -> None:
    assert hits(text, "signoff.name", "thank-you", context) == []


def test_signoff_name_is_not_asked_of_a_linkedin_note() -> None:
    assert hits("Great to meet you today, Ana. Thanks!", "signoff.name", "linkedin") == []


# --- signoff.contact (off by default) ----------------------------------------------------


def test_signoff_contact_is_off_by_default() -> None:
    assert hits(NO_CLOSE + "\nBest,\nMia Carter", "signoff.contact") == []


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (NO_CLOSE + "\nBest,\nMia Carter", "Mia Carter"),
        (NO_CLOSE + "\nBest regards,", "Best regards,"),
    ],
)
def test_signoff_contact_flags_when_enabled(text: str, span: str) -> None:
    found = hits(text, "signoff.contact", enable=("signoff.contact",))
    assert found == [("info", span, None)]


@pytest.mark.parametrize(
    "signature",
    [
        "Mia Carter\nmia.carter@example.com",
        "Mia Carter | +1 (555) 013-2244",
        "Mia Carter\nlinkedin.com/in/miacarter",
        "Mia Carter\nhttps://miacarter.design",
    ],
)
def test_signoff_contact_passes(signature: str) -> None:
    text = NO_CLOSE + "\nBest,\n" + signature
    assert hits(text, "signoff.contact", enable=("signoff.contact",)) == []


# --- questions.many ----------------------------------------------------------------------


def test_more_than_three_questions_marks_the_fourth_onwards() -> None:
    text = letter(
        "How is the team split? Who would I work with most? When do you plan to decide? "
        "Is there anything else I can send? Should I prepare anything?"
    )
    assert hits(text, "questions.many") == [
        ("warning", "Is there anything else I can send? Should I prepare anything?", None)
    ]
    (finding,) = [f for f in run(text).findings if f.rule == "questions.many"]
    assert finding.message.startswith("5 questions")


@pytest.mark.parametrize(
    "body",
    [
        "How is the team split? Who would I work with most? Is there anything else I can send?",
        # A link's query string and a run of marks are not extra questions.
        "See https://example.com/deck?page=2 and https://example.com/a?b=c. Any news??? "
        "Who would I work with? When do you decide?",
    ],
)
def test_three_questions_pass(body: str) -> None:
    assert hits(letter(body), "questions.many") == []


# --- questions.answered ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "span"),
    [
        (
            "I enjoyed our talk. What does your company do exactly?",
            "What does your company do exactly?",
        ),
        (
            "Could you tell me where your offices are located.",
            "Could you tell me where your offices are located.",
        ),
        ("How many employees does Acme have?", "How many employees does Acme have?"),
        (
            "I'd love to know what the company's main products are.",
            "I'd love to know what the company's main products are.",
        ),
        ("What is your mission?", "What is your mission?"),
        ("When was the company founded?", "When was the company founded?"),
        ("Where is your headquarters?", "Where is your headquarters?"),
    ],
)
def test_questions_answered_by_the_website_flag(body: str, span: str) -> None:
    assert hits(letter(body), "questions.answered", "check-in") == [("warning", span, None)]


@pytest.mark.parametrize(
    "body",
    [
        "How many people are on the team?",
        "What is your vision for the team next year?",
        "What does the product roadmap look like for the second half?",
        "What is the product roadmap?",
        # Said, not asked.
        "I read about what your company does for small farmers, and it moved me.",
        "How does the team decide what to build next?",
    ],
)
def test_questions_answered_passes(body: str) -> None:
    assert hits(letter(body), "questions.answered", "check-in") == []


# --- questions.salary --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("Thank you for today. What is the salary for this role?", "thank-you"),
        ("Thank you for today. How much does the position pay?", "panel-note"),
    ],
)
def test_salary_in_a_thank_you_flags(body: str, kind: str) -> None:
    found = hits(letter(body), "questions.salary", kind)
    assert [(sev, span) for sev, span, _ in found] == [("warning", body.split(". ", 1)[1])]


@pytest.mark.parametrize(
    ("body", "kind"),
    [
        ("Thank you again for the offer call. What is the salary range?", "check-in"),
        ("Thank you for explaining how pay reviews work at Acme.", "thank-you"),
    ],
)
def test_salary_passes(body: str, kind: str) -> None:
    assert hits(letter(body), "questions.salary", kind) == []


# --- every form rule ---------------------------------------------------------------------


def test_every_form_rule_cites_its_seed_or_study() -> None:
    rules = [r for r in all_rules() if r.family in FORM]
    assert len(rules) == 17
    for rule in rules:
        assert ("seed " + rule.seed) in rule.message or (
            rule.seed == "Boomerang" and "Boomerang's study of 40 million emails" in rule.message
        ), rule.id


PIECES = st.sampled_from(
    [
        "\n",
        "\n\n",
        " ",
        "?",
        "!!",
        ".",
        ",",
        "Subject: ",
        "Dear Ana,",
        "Best,",
        "Mia Carter",
        "What does your company do",
        "\u202e",
        "\u0301",
        "\x00",
        "İ",
        "😀",
        "\ud800",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    parts=st.lists(st.text(max_size=12) | PIECES, max_size=40),
    kind=st.sampled_from(list(Kind)),
    context=st.sampled_from([NO_CONTEXT, CTX]),
)
def test_form_rules_never_raise_and_spans_lie_inside(
    parts: list[str], kind: Kind, context: Context
) -> None:
    text = "".join(parts)
    report = run(text, kind.value, context, enable=("signoff.contact",))
    for f in report.findings:
        assert 0 <= f.start <= f.end <= len(text)
    assert run(text, kind.value, context, enable=("signoff.contact",)) == report


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\ud800?\udfff?" * 5,
        "Subject:",
        "Subject: !!!\n",
        "Best,",
        "x" * 200_000,
        ("word " * 50 + ". ") * 2_000,
        "Dear Ana,\n" + "Best regards,\n" * 50,
    ],
)
def test_form_rules_take_odd_texts(text: str) -> None:
    for kind in Kind:
        report = run(text, kind.value, CTX, enable=("signoff.contact",))
        assert all(0 <= f.start <= f.end <= len(text) for f in report.findings)


def test_the_free_account_setting_makes_200_characters_an_error() -> None:
    assert hits(NOTE_250, "length.linkedin.free-account", "linkedin") == []  # off by default
    report = check(NOTE_250, "linkedin", enable=("length.linkedin.free-account",))
    found = [f for f in report.findings if f.rule == "length.linkedin.free-account"]
    assert [(f.severity.value, NOTE_250[f.start : f.end]) for f in found] == [
        ("error", NOTE_250[200:])
    ]
    assert report.errors == 1
    free = check(NOTE_250, "linkedin", enable=("length.linkedin.free-account",))
    assert free == report  # the same input, the same report
    short = "Hi Dana, thank you for the chat about the churn model. I'd love to stay in touch."
    assert check(short, "linkedin", enable=("length.linkedin.free-account",)).errors == 0
