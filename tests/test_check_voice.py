"""The content and tone families of the checker: gratitude, interest, personalization,
generic, tone. Each rule has drafts it must flag (with the exact span and fix) and drafts
it must leave alone; the passes include the phrasings career sites recommend.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from followup.domain.check import Context, Kind, Person, Severity, check
from followup.domain.check.model import NO_CONTEXT
from followup.domain.check.phrases import Phrases
from followup.domain.check.registry import Analysis, all_rules
from followup.domain.check.text import Draft

FAMILIES = ("gratitude", "interest", "personalization", "generic", "tone")
OTHERS = tuple(sorted({r.family for r in all_rules()} - set(FAMILIES)))


@dataclass(frozen=True)
class Found:
    rule: str
    span: str
    suggestion: str | None
    severity: Severity


def run(
    text: str,
    kind: str = "thank-you",
    context: Context = NO_CONTEXT,
    politeness: float = 0.5,
) -> list[Found]:
    """What this helper's families find in a draft, as the engine would report it."""
    analysis = Analysis(Draft(text, Kind(kind)), context, politeness, 8.0)
    return [
        Found(rule.id, text[hit.start : hit.end], hit.suggestion, hit.severity or rule.severity)
        for rule in all_rules()
        if rule.family in FAMILIES
        for hit in rule.find(analysis)
    ]


def hits(rule: str, text: str, kind: str = "thank-you", **kw: object) -> list[Found]:
    return [f for f in run(text, kind, **kw) if f.rule == rule]  # type: ignore[arg-type]


# A plain, good thank-you note: every family must stay quiet on it.
GOOD_NOTE = """Subject: Thank you for Tuesday

Dear Ms. Lindqvist,

Thank you for taking the time to talk with me about the Support Lead role. I enjoyed
hearing how your team cut first-response times with the new triage queue, and I would
love to help extend it to the weekend shift.

At Harbor Telecom I trained 12 agents on a similar rota. Please let me know if I can send
anything else; I look forward to hearing about next steps.

Best regards,
Jonas Berg
"""


def test_a_good_note_gets_nothing_from_these_families() -> None:
    assert run(GOOD_NOTE) == []


# --- gratitude.missing -----------------------------------------------------------------

GRATITUDE_FLAG = [
    (
        "thank-you",
        "Dear Omar,\n\nOur talk about the billing rewrite was great. I'm keen.\n\nBest,\nKim",
        "Our talk about the billing rewrite was great.",
        Severity.WARNING,
    ),
    (
        "panel-note",
        "Hi Lee, your point on test flakiness stuck with me. I'm eager to dig in.",
        "your point on test flakiness stuck with me.",
        Severity.WARNING,
    ),
    (
        "check-in",
        "Hello Ana,\n\nCould you share where the hiring process stands? I remain keen.\n\nRo",
        "Could you share where the hiring process stands?",
        Severity.INFO,
    ),
]


@pytest.mark.parametrize(("kind", "text", "span", "severity"), GRATITUDE_FLAG)
def test_gratitude_missing_flags(kind: str, text: str, span: str, severity: Severity) -> None:
    assert hits("gratitude.missing", text, kind) == [
        Found("gratitude.missing", span, None, severity)
    ]


GRATITUDE_PASS = [
    ("thank-you", "Thanks for the chat about the billing rewrite."),
    ("thank-you", "I'm grateful you walked me through the on-call rotation."),
    ("thank-you", "I really appreciated the tour of the lab."),
    ("thank-you", "It was a pleasure to meet the analytics team."),
    ("thank-you", "I enjoyed our conversation about the Lisbon office."),
    ("thank-you", "It was great meeting you and Priya on Friday."),
    ("additional-info", "Here is the case study I mentioned."),  # not a kind that thanks
    ("close-the-loop", "I have accepted another offer and wish the team well."),
    ("thank-you", ""),
]


@pytest.mark.parametrize(("kind", "text"), GRATITUDE_PASS)
def test_gratitude_missing_passes(kind: str, text: str) -> None:
    assert hits("gratitude.missing", text, kind) == []


# --- interest.missing ------------------------------------------------------------------

INTEREST_FLAG = [
    (
        "thank-you",
        "Dear Ravi,\n\nThank you for the interview. The data platform sounds busy.\n\nBest,\nMo",
        "The data platform sounds busy.",
        Severity.WARNING,
    ),
    (
        "check-in",
        "Hi Sue, thank you again for Monday. Has a decision been made on the role?",
        "Has a decision been made on the role?",
        Severity.WARNING,
    ),
    ("panel-note", "Thank you for your questions on caching.", None, Severity.INFO),
]


@pytest.mark.parametrize(("kind", "text", "span", "severity"), INTEREST_FLAG)
def test_interest_missing_flags(kind: str, text: str, span: str | None, severity: Severity) -> None:
    expected = text if span is None else span
    assert hits("interest.missing", text, kind) == [
        Found("interest.missing", expected, None, severity)
    ]


INTEREST_PASS = [
    ("thank-you", "Thank you for the interview; I'm excited about the data platform."),
    ("thank-you", "Thanks again. I look forward to the next steps."),
    ("thank-you", "Thank you. I would love to bring my Rust experience to the team."),
    ("thank-you", "Thanks for Monday. I'm confident I could ramp up quickly."),
    ("check-in", "I remain very interested in the role and happy to share references."),
    ("check-in", "Your team is still my first choice."),
    ("thank-you", "Thank you for the panel. I hope to have the chance to work together."),
    ("thank-you", "Thanks again; I'd value the opportunity to help the team grow."),
    ("thank-you", "Thank you. I'd enjoy helping make the roll-up visible in the tool."),
    ("linkedin", "Thanks for the chat about Kotlin."),  # not a kind that must show interest
]


@pytest.mark.parametrize(("kind", "text"), INTEREST_PASS)
def test_interest_missing_passes(kind: str, text: str) -> None:
    assert hits("interest.missing", text, kind) == []


# --- personalization.none ---------------------------------------------------------------

RECORD = Context(
    company="Nimbus",
    role="Platform Engineer",
    interviewers=(Person("Ana Ruiz"),),
    topics=("moving the billing service to Postgres", "on-call load"),
)
BLAND = (
    "Dear Ana,\n\nThank you for the interview at Nimbus yesterday. I enjoyed learning about "
    "the Platform Engineer position and I am excited about the opportunity.\n\nBest,\nSam"
)


def test_personalization_none_without_a_record() -> None:
    assert hits(
        "personalization.none",
        BLAND.replace(" at Nimbus", "").replace("the Platform Engineer position", "the position"),
    ) == [
        Found(
            "personalization.none",
            "Thank you for the interview yesterday.",
            None,
            Severity.WARNING,
        )
    ]


def test_personalization_none_with_a_record_names_its_topics(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Through the engine, with the politeness model held still.
    monkeypatch.setattr("followup.domain.check.politeness.probability", lambda draft: 0.5)
    # The company and the role are the record's own names: saying them is not personal.
    found = [
        f
        for f in check(BLAND, "thank-you", RECORD, silence=(*OTHERS, "tone")).findings
        if f.rule == "personalization.none"
    ]
    assert [BLAND[f.start : f.end] for f in found] == [
        "Thank you for the interview at Nimbus yesterday."
    ]
    assert "'moving the billing service to Postgres'; 'on-call load'" in found[0].message
    assert "seed 002" in found[0].message


PERSONAL_PASS = [
    ("thank-you", RECORD, "Thank you. Our talk about the Postgres move was the highlight."),
    ("thank-you", RECORD, "Thanks! I have ideas for easing the on-call rotation."),
    ("thank-you", NO_CONTEXT, "Thanks for walking me through the fraud model."),
    ("thank-you", NO_CONTEXT, "Thank you for the interview. I shipped 14 releases last year."),
    ("thank-you", NO_CONTEXT, "Thank you for the interview. I'd love to work on Atlas."),
    ("linkedin", NO_CONTEXT, "Hi Grace, thanks for the chat about the payments team."),
    ("linkedin", NO_CONTEXT, "Hi Carla, thanks for walking me through the growth team's tests."),
    ("check-in", NO_CONTEXT, "Thank you for the interview."),  # the template rule's job
    # Answering a doubt raised in this interview is as specific as naming a topic.
    (
        "thank-you",
        replace(RECORD, concerns=("people management",)),
        "Thank you. You asked whether I have managed people: I led a team of four.",
    ),
]


@pytest.mark.parametrize(("kind", "context", "text"), PERSONAL_PASS)
def test_personalization_none_passes(kind: str, context: Context, text: str) -> None:
    assert hits("personalization.none", text, kind, context=context) == []


def test_personalization_none_reads_past_a_greeting_that_runs_into_the_message() -> None:
    assert hits(
        "personalization.none", "Hi Mark, great chatting today! Let's connect.", "linkedin"
    ) == [Found("personalization.none", "great chatting today!", None, Severity.WARNING)]


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for the interview. Looking forward to it.",  # a capital opening a sentence
        "Thanks for the call!\n\nBest,\nAlexandra",  # the signature is not a detail
        "Thanks for your time today, it was great. Best, Alexandra",
    ],
)
def test_personalization_none_ignores_capitals_that_name_nothing(text: str) -> None:
    assert [f.rule for f in run(text)].count("personalization.none") == 1


# --- generic.stock and generic.template ---------------------------------------------------

STOCK_FLAG = [
    (
        "I hope this email finds you well. The demo went fine.",
        "I hope this email finds you well",
        Severity.INFO,
    ),
    ("Just touching base about the analyst role.", "Just touching base", Severity.INFO),
    ("I am the perfect fit for this team.", "I am the perfect fit", Severity.WARNING),
    ("Honestly, I'm perfect for this role.", "I'm perfect for this role", Severity.WARNING),
    (
        "My SQL work would make me an invaluable asset.",
        "make me an invaluable asset",
        Severity.WARNING,
    ),
    (
        "Thanks again. I am very interested in the position.",
        "I am very interested in the position",
        Severity.INFO,
    ),
    ("I'm a team player with grit.", "team player", Severity.INFO),
]


@pytest.mark.parametrize(("text", "span", "severity"), STOCK_FLAG)
def test_generic_stock_flags(text: str, span: str, severity: Severity) -> None:
    assert hits("generic.stock", text) == [Found("generic.stock", span, None, severity)]


def test_generic_stock_flags_linkedins_default_invitation() -> None:
    text = "I'd like to add you to my professional network."
    assert hits("generic.stock", text, "linkedin") == [
        Found("generic.stock", text[:-1], None, Severity.WARNING)
    ]


STOCK_PASS = [
    "I hope the launch went well.",
    "I'm interested in the position because of the on-call tooling you described.",
    "You have built a great asset management tool.",
    "I checked in with my references this morning.",
    "Thank you for your time and consideration.",
    "The schedule is perfect for me.",
]


@pytest.mark.parametrize("text", STOCK_PASS)
def test_generic_stock_passes(text: str) -> None:
    assert hits("generic.stock", text) == []


TEMPLATE = (
    "Hi Sam,\n\nJust checking in to see if there are any updates. When will I hear back?"
    "\n\nThanks,\nJo"
)


def test_generic_template_flags_a_check_in_of_stock_sentences() -> None:
    assert hits("generic.template", TEMPLATE, "check-in") == [
        Found(
            "generic.template",
            "Just checking in to see if there are any updates. When will I hear back?",
            None,
            Severity.WARNING,
        )
    ]


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        ("check-in", "Just checking in on the SRE role. I finished the Terraform course."),
        ("check-in", "Could you share where things stand? I remain keen on the role."),
        ("thank-you", TEMPLATE),  # personalization.none says it for thank-you notes
        ("check-in", ""),
    ],
)
def test_generic_template_passes(kind: str, text: str) -> None:
    assert hits("generic.template", text, kind) == []


# --- tone ----------------------------------------------------------------------------------

W, E, INFO = Severity.WARNING, Severity.ERROR, Severity.INFO
TONE_FLAG = [
    # (rule, text, span, suggestion, severity)
    ("tone.pushy", "Do you still remember me from Tuesday?", "Do you still remember me", None, W),
    ("tone.pushy", "Why haven't I heard anything yet?", "Why haven't I heard", None, W),
    ("tone.pushy", "What is taking so long?", "What is taking so long", None, W),
    ("tone.pushy", "Please reply as soon as possible.", "as soon as possible", "when you can", W),
    ("tone.pushy", "We spoke this morning. Any updates?", "Any updates", None, W),
    ("tone.pushy", "Any news? I'd welcome any news.", "any news", None, W),
    ("tone.pushy", "As per my last email, I am still keen.", "As per my last email", None, W),
    (
        "tone.pushy",
        "I've been waiting to hear back for weeks.",
        "I've been waiting to hear back",
        None,
        W,
    ),
    ("tone.pushy", "It's been two weeks and nobody has replied.", "nobody has replied", None, W),
    ("tone.pushy", "Great talk! When do I start?", "When do I start", None, W),
    ("tone.pushy", "This is my third email on this.", "This is my third email", None, W),
    ("tone.pushy", "I'm starting to think you're ignoring me.", "you're ignoring me", None, W),
    ("tone.pushy", "I deserve to know where I stand.", "I deserve to know", None, W),
    ("tone.pushy", "I hope you didn't forget about me!", "didn't forget about me", None, W),
    (
        "tone.pushy",
        "Any chance you could hurry things along?",
        "hurry things along",
        None,
        W,
    ),
    (
        "tone.pushy",
        "Did you get my last three emails?",
        "Did you get my last three emails",
        None,
        W,
    ),
    (
        "tone.pushy",
        "I would appreciate a response within 24 hours.",
        "appreciate a response within 24 hours",
        None,
        W,
    ),
    ("tone.desperate", "I really need this job to pay my rent.", "I really need this job", None, W),
    ("tone.desperate", "I would accept any salary.", "accept any salary", None, W),
    ("tone.pushy", "When will I hear back?", "When will I hear", None, INFO),
    ("tone.pushy", "When will you get back to me?", "When will you get back", None, INFO),
    ("tone.pushy", "I need a response.", "I need a response", None, W),
    ("tone.pushy", "I still haven't heard back.", "still haven't heard", None, INFO),
    ("tone.desperate", "I really need this job.", "I really need this job", None, W),
    (
        "tone.desperate",
        "If I do not get this position, I'm lost.",
        "If I do not get this position",
        None,
        W,
    ),
    (
        "tone.desperate",
        "Please give me a chance to prove myself.",
        "Please give me a chance",
        None,
        W,
    ),
    ("tone.desperate", "I will do anything for this role.", "I will do anything", None, W),
    (
        "tone.desperate",
        "This role would be so great for me.",
        "This role would be so great for me",
        None,
        W,
    ),
    (
        "tone.guilt",
        "I took the whole day off work to come in.",
        "I took the whole day off",
        None,
        W,
    ),
    (
        "tone.guilt",
        "After all I've done to prepare, I expected more.",
        "After all I've done",
        None,
        W,
    ),
    ("tone.guilt", "I drove three hours for this interview.", "I drove three hours", None, W),
    (
        "tone.guilt",
        "I turned down another interview for this role.",
        "I turned down another interview for this role",
        None,
        W,
    ),
    ("tone.guilt", "The least you could do is reply.", "The least you could do", None, W),
    ("tone.ultimatum", "I need an answer by Thursday at noon.", "I need an answer by", None, E),
    (
        "tone.ultimatum",
        "If I don't hear back by Monday, I will accept the other offer.",
        "If I don't hear back by Monday, I will accept",
        None,
        E,
    ),
    ("tone.ultimatum", "You have until Friday.", "You have until", None, E),
    ("tone.ultimatum", "I need to know by Friday.", "I need to know by", None, W),
    (
        "tone.ultimatum",
        "I must hear back from your team before Monday.",
        "I must hear back from your team before",
        None,
        E,
    ),
    ("tone.ultimatum", "Decide soon, otherwise I'll withdraw.", "otherwise I'll withdraw", None, E),
    ("tone.sarcasm", "Thanks for nothing.", "Thanks for nothing", None, W),
    ("tone.sarcasm", "I guess you're too busy to reply.", "I guess you're", None, W),
    ("tone.sarcasm", "Still keen on that 'update' of yours.", "'update'", "update", W),
    ("tone.sarcasm", "So much for a quick process.", "So much for", None, W),
    ("tone.demand", "Send me the offer details.", "Send me", "Please send me", W),
    ("tone.demand", "Thanks. Let me know by Friday.", "Let me know by", "Please let me know by", W),
    ("tone.demand", "Thanks, and tell me when you decide.", "tell me", "please tell me", W),
    ("tone.hostile", "Your loss.", "Your loss", None, E),
    ("tone.hostile", "This process was a waste of my time.", "a waste of my time", None, E),
    ("tone.hostile", "You are so unprofessional.", "You are so unprofessional", None, E),
    (
        "tone.hostile",
        "Your recruiters are incompetent.",
        "Your recruiters are incompetent",
        None,
        E,
    ),
    (
        "tone.hostile",
        "Frankly, your colleague seemed unprepared.",
        "your colleague seemed unprepared",
        None,
        E,
    ),
    (
        "tone.hostile",
        "Your questions were irrelevant to the role.",
        "Your questions were irrelevant",
        None,
        E,
    ),
]


@pytest.mark.parametrize(("rule", "text", "span", "suggestion", "severity"), TONE_FLAG)
def test_tone_flags(
    rule: str, text: str, span: str, suggestion: str | None, severity: Severity
) -> None:
    assert hits(rule, text, "check-in") == [Found(rule, span, suggestion, severity)]


def test_a_mild_pushy_question_is_a_warning_in_an_impolite_draft() -> None:
    assert [f.severity for f in hits("tone.pushy", "When will I hear back?", politeness=0.2)] == [W]


# Phrasings the seeds and career sites recommend, and ordinary sentences that share words
# with the patterns above: none is a tone problem.
TONE_PASS = [
    "I'm wondering whether you have a timeline for the decision.",
    "It's been two weeks since our interview, and I wanted to check in.",
    "I know these decisions take time, and I'm eager to hear about next steps.",
    "Could you share where the process stands when you have a moment?",
    "I'd welcome any news when you have it.",
    "I wanted to send my thanks as soon as possible.",
    "I've been waiting for a role like this for years.",
    "I'm still waiting to hear from one of my references.",
    "Any updates on the Lisbon office move are welcome.",
    "The team desperately needs more testers, and I can help.",
    "I'll do anything I can to make the handover smooth.",
    "I need the job description to check the travel requirement.",
    "I took your advice and read the design doc.",
    "I took a lot away from the discussion.",
    "After all, the team ships weekly.",
    "I spent the weekend reading about your API.",
    "I have another offer and must reply to them by Friday; could you share your timeline?",
    "If I don't hear back by Friday, I'll follow up next week.",
    "They asked for an answer by the end of the week.",
    "Do you have until Friday to decide?",
    "Thank you so much for the tour.",
    "I guess the biggest lesson was scope.",
    "What a surprise to see Dana there; we studied together.",
    "Clearly your team has thought hard about onboarding.",
    "Please send me the address for Thursday.",
    "Feel free to send me any questions.",
    "Let me know if you need anything else.",
    "Could you tell me when you expect to decide?",
    "I'm sorry for your loss.",
    "I hope my late reply didn't seem unprofessional.",
    "That was unprofessional of me, and I apologise.",
    "You were so kind to show me around.",
    "Your team was incredibly helpful.",
    "I felt unprepared for your question on lease accounting, so here is a fuller answer.",
    "This is my second interview with the team, and I enjoyed it even more.",
    "We discussed how the team deals with ignoring noisy alerts.",
    "I'd appreciate an update within the next couple of weeks, whenever you can.",
    "Did you get my portfolio link? It may have gone to spam.",
    "I need this job's start date confirmed before I resign.",
    "I'd be happy to accept any feedback you can share.",
    "Thanks for not letting me forget about the take-home deadline.",
    "There's no need to hurry things along on my account.",
    "Your questions were relevant and sharp.",
    "Your colleague seemed impressed by the demo.",
]


@pytest.mark.parametrize("text", TONE_PASS)
def test_tone_passes(text: str) -> None:
    assert [f for f in run(text, "check-in") if f.rule.startswith("tone.")] == []


# --- the families as a whole ------------------------------------------------------------------


def test_the_engine_reports_these_rules_and_lets_politeness_raise_tone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("followup.domain.check.politeness.probability", lambda draft: 0.1)
    report = check("Hi Jo, when will I hear back??", "check-in", silence=OTHERS)
    assert {(f.rule, f.severity) for f in report.findings} == {
        ("gratitude.missing", INFO),
        ("interest.missing", W),
        ("generic.template", W),
        ("tone.pushy", W),
    }


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(
        alphabet=st.characters(blacklist_categories=("Cs",)) | st.sampled_from("\n .,!?'\"‘’“”-"),
        max_size=400,
    ),
    kind=st.sampled_from(list(Kind)),
    politeness=st.floats(0, 1),
)
def test_never_raises_and_spans_lie_in_the_text(text: str, kind: Kind, politeness: float) -> None:
    draft = Draft(text, kind)
    analysis = Analysis(draft, RECORD, politeness, 8.0)
    for rule in all_rules():
        if rule.family in FAMILIES:
            found = list(rule.find(analysis))
            assert found == list(rule.find(analysis))
            for hit in found:
                assert 0 <= hit.start <= hit.end <= len(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "\x00" * 10,
        "Thanks\u202e!\u0301 🎉",
        "İstanbul'dan TEŞEKKÜR",
        "a" * 1_000_000,
        "\ud800x",
    ],
)
def test_odd_texts(text: str) -> None:
    for kind in Kind:
        run(text, kind.value)


def test_a_phrase_table_joins_continuations_with_the_space_the_pattern_needs() -> None:
    table = Phrases.table(
        r"""
        x|y => i (?:really )?
            (?:need|want) (?:this|the)
            job(?: from
            you)?
        """.replace("\n        ", "\n")
    )
    assert [(words, literals, p.pattern) for words, literals, p in table._entries] == [
        ({"x", "y"}, (), "i (?:really )?(?:need|want) (?:this|the) job(?: from you)?")
    ]
    # A match must start a word, and needs one of its anchors in the text.
    assert [m.group() for m in table.finditer("x: i need the job. hi need this job")] == [
        "i need the job"
    ]
    assert list(table.finditer("i need the job")) == []


def test_every_rule_cites_a_seed() -> None:
    for rule in all_rules():
        if rule.family in FAMILIES:
            assert f"seed {rule.seed}" in rule.message, rule.id
