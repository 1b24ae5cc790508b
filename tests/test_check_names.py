"""The record-aware name, company and greeting families: each rule's drafts to flag and to pass.

Every row is a draft as a user would write it, checked against an interview record; a
flag row names the rule, the exact text it points at and the fix it offers.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.domain.check import Context, Kind, Person, Severity, check
from followup.domain.check.names import fold
from followup.domain.check.nearness import distance, one_edit
from followup.domain.check.registry import Analysis
from followup.domain.check.rules import company, greeting, name
from followup.domain.check.text import Draft

#: A panel of two, the recipient not named: the record a thank-you is usually checked against.
PANEL = Context(
    company="Brightline Health",
    role="Data Analyst",
    interviewers=(Person("Sarah Johnson"), Person("José Nguyễn")),
    other_companies=("Globex", "Initech Labs", "Square"),
    people_elsewhere=("Tom Becker", "Will Hunt", "May Chen", "Sarah Kim", "王伟"),
    sender_name="Priya Raman",
)
#: The same panel, this note for Sarah.
TO_SARAH = replace(PANEL, to="Sarah Johnson")
#: One interviewer: the greeting must name her.
ONE = Context(
    company="Brightline Health",
    role="Data Analyst",
    interviewers=(Person("Sarah Johnson"),),
    people_elsewhere=("Tom Becker", "Will Hunt"),
    sender_name="Priya Raman",
)
#: Names of many shapes, one interviewer each.
SHAPES = {
    "oneill": Context(interviewers=(Person("Liam O'Neill"),)),
    "hyphen": Context(interviewers=(Person("Anne-Marie Dubois"),)),
    "particle": Context(interviewers=(Person("Pieter van der Berg"),)),
    "viet": Context(interviewers=(Person("Nguyễn Thị Minh"),)),
    "cyrillic": Context(interviewers=(Person("Иван Петров"),)),
    "long": Context(interviewers=(Person("Niamh Fitzgerald"),)),
    "recruiter": Context(interviewers=(Person("Omar Haddad"),), to="Jenna Park"),
    "short": Context(interviewers=(Person("Ana Ruiz"), Person("Lee Park"))),
    "nick": Context(interviewers=(Person("Christopher Lee"), Person("Katie Moore"))),
    "jane": Context(interviewers=(Person("Jane Doe"),), company="Dana Labs"),
    "silva": Context(interviewers=(Person("Ana Da Silva"),)),
    "li": Context(interviewers=(Person("Mei Li"), Person("Ali Khan"))),
}


def hits(
    text: str, context: Context, family: str, kind: Kind = Kind.THANK_YOU
) -> list[tuple[str, str, str | None, Severity]]:
    """(rule, flagged text, suggestion, severity) of one family's findings on the draft."""
    report = check(text, kind, context)
    return [
        (f.rule, text[f.start : f.end], f.suggestion, f.severity)
        for f in report.findings
        if f.rule.startswith(family + ".")
    ]


def flagged(text: str, context: Context, rule: str, kind: Kind = Kind.THANK_YOU) -> list:
    return [h[1:] for h in hits(text, context, rule.split(".")[0], kind) if h[0] == rule]


# name.misspelled ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "context", "span", "fix"),
    [
        ("Hi Sara,\n\nThank you for the chat.", PANEL, "Sara", "Sarah"),
        ("I enjoyed meeting Ms. Jonhson yesterday.", PANEL, "Jonhson", "Johnson"),
        ("Thank you, Sarha, for the time today.", PANEL, "Sarha", "Sarah"),
        ("Dear Sarah Johnsson,\n\nThank you.", PANEL, "Johnsson", "Johnson"),
        ("I spoke with Sarah Johnsen about the role.", PANEL, "Johnsen", "Johnson"),
        ("I liked Sara's overview of the team.", PANEL, "Sara", "Sarah"),
        ("Dear Mr. O'Neil,\n\nThank you.", SHAPES["oneill"], "O'Neil", "O'Neill"),
        ("Dear Mr. 'Neill,\n\nThank you.", SHAPES["oneill"], "Neill", "O'Neill"),
        ("Hi Anne-Maire,\n\nThank you.", SHAPES["hyphen"], "Anne-Maire", "Anne-Marie"),
        ("Dear Mr. van der Burg,\n\nThank you.", SHAPES["particle"], "Burg", "Berg"),
        ("Dear Ms. Nguyn,\n\nThank you.", SHAPES["viet"], "Nguyn", "Nguyễn"),
        ("I enjoyed talking with Иван Петрв today.", SHAPES["cyrillic"], "Петрв", "Петров"),
        ("Dear Ms. Fitsgerld,\n\nThank you.", SHAPES["long"], "Fitsgerld", "Fitzgerald"),
        ("Hi Jena,\n\nThank you for setting this up.", SHAPES["recruiter"], "Jena", "Jenna"),
        ("Hi Aa,\n\nThank you.", SHAPES["short"], "Aa", "Ana"),
        ("Thank you for the chat. Le, your point on churn stayed.", SHAPES["short"], "Le", "Lee"),
        ("Dear Ms. Ad Silva,\n\nThank you.", SHAPES["silva"], "Ad", "Da"),
    ],
)
def test_misspelled_name_is_an_error_with_the_right_spelling(
    text: str, context: Context, span: str, fix: str
) -> None:
    assert (span, fix, Severity.ERROR) in flagged(text, context, "name.misspelled")


@pytest.mark.parametrize(
    ("text", "context", "span", "fix"),
    [
        ("Hi Jose,\n\nThank you.", PANEL, "Jose", "José"),
        ("Dear Ms. Nguyen,\n\nThank you.", SHAPES["viet"], "Nguyen", "Nguyễn"),
    ],
)
def test_a_name_without_its_accents_is_only_a_warning(
    text: str, context: Context, span: str, fix: str
) -> None:
    assert flagged(text, context, "name.misspelled") == [(span, fix, Severity.WARNING)]


@pytest.mark.parametrize(
    ("text", "context"),
    [
        (
            "Hi Sarah,\n\nThank you, Ms. Johnson, and José Nguyễn for your time at Brightline "
            "Health. Sarah's question on churn stayed with me.\n\nBest regards,\nPriya Raman",
            PANEL,
        ),
        ("Dear Ms. Ruiz,\n\nAnd I think the team was great. Any news is welcome.", SHAPES["short"]),
        ("Dear Dr. Lee,\n\nSee you soon. Let me know if I can help.", SHAPES["short"]),
        ("Hi Ana and Lee,\n\nthanks and see you soon.", SHAPES["short"]),
        ("Hi Chris,\n\nThank you, and please pass my thanks to Kate.", SHAPES["nick"]),
        ("Hi Jane,\n\nI can start in June. Dana Labs is a great place.", SHAPES["jane"]),
        ("Dear Mr. O'Neill,\n\nMr. O’Neill’s point on pricing was sharp.", SHAPES["oneill"]),
        ("Dear Ms. Nguyễn,\n\nMs. Nguyễn Thị Minh, thank you.", SHAPES["viet"]),
        ("Dear Mr. van der Berg,\n\nThank you, Pieter.", SHAPES["particle"]),
        ("Hi Ana,\n\nThank you.\n\nBest,\nAnn", SHAPES["short"]),
        ("I use Python, SQL and Tableau daily at Acme.", PANEL),
        ("The API work and the KPI review came up.", SHAPES["li"]),
        (
            "Hi Mei,\n\nThank you, Ms. Li. AI, ML and data came up; Al, my mentor, agrees.",
            SHAPES["li"],
        ),
        ("Dear Ms. Da Silva,\n\nDe facto, the team is strong.", SHAPES["silva"]),
    ],
)
def test_right_names_and_everyday_words_pass(text: str, context: Context) -> None:
    assert flagged(text, context, "name.misspelled") == []


# name.stranger --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "context", "span", "fix", "kind"),
    [
        ("I also enjoyed meeting Tom Becker.", ONE, "Tom Becker", "Sarah Johnson", Kind.THANK_YOU),
        ("Tom Becker's team impressed me.", ONE, "Tom Becker", "Sarah Johnson", Kind.THANK_YOU),
        ("Hi Tom,\n\nThank you.", ONE, "Tom", "Sarah", Kind.THANK_YOU),
        ("Dear Mr. Becker,\n\nThank you.", ONE, "Becker", "Johnson", Kind.THANK_YOU),
        ("I spoke with Will about the role.", ONE, "Will", "Sarah", Kind.THANK_YOU),
        ("I spoke with Sarah Kim about the role.", PANEL, "Sarah Kim", None, Kind.THANK_YOU),
        ("感谢王伟的时间。", PANEL, "王伟", None, Kind.THANK_YOU),
        ("Hi José,\n\nThank you for the panel.", TO_SARAH, "José", "Sarah", Kind.PANEL_NOTE),
    ],
)
def test_a_person_not_on_this_interview_is_an_error(
    text: str, context: Context, span: str, fix: str | None, kind: Kind
) -> None:
    assert (span, fix, Severity.ERROR) in flagged(text, context, "name.stranger", kind)


@pytest.mark.parametrize(
    ("text", "context", "kind"),
    [
        ("Will you be able to share the timeline?", ONE, Kind.CHECK_IN),
        ("My job hunt has been long, so this means a lot.", ONE, Kind.THANK_YOU),
        ("Hi Sarah,\n\nI could start in May.", PANEL, Kind.THANK_YOU),
        ("Hi Sarah,\n\nThank you.", PANEL, Kind.THANK_YOU),
        ("Hi Sarah and José,\n\nThank you both.", TO_SARAH, Kind.PANEL_NOTE),
        (
            "Hi Sarah,\n\nThank you.",
            Context(interviewers=ONE.interviewers, people_elsewhere=("Sarah Johnson",)),
            Kind.THANK_YOU,
        ),
    ],
)
def test_people_of_this_interview_and_words_pass(text: str, context: Context, kind: Kind) -> None:
    assert flagged(text, context, "name.stranger", kind) == []


# company.other, company.misspelled, company.role ----------------------------------------


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("I am excited about joining Globex.", "Globex"),
        ("I am excited about joining GLOBEX.", "GLOBEX"),
        ("The initech labs team was great.", "initech labs"),
        ("The Initech  Labs team was great.", "Initech  Labs"),
        ("Globex's mission speaks to me.", "Globex"),
        ("Square impressed me.", "Square"),
    ],
)
def test_another_company_is_an_error_with_this_one_as_the_fix(text: str, span: str) -> None:
    assert flagged(text, PANEL, "company.other") == [(span, "Brightline Health", Severity.ERROR)]


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("I am excited about joining Brightline Health.", PANEL),
        ("We fit a square peg in a round hole.", PANEL),
        ("The Globexian approach is not mine.", PANEL),
        ("Our global expansion plan needs a square deal.", PANEL),
        (
            "Google Cloud is where I want to be.",
            Context(company="Google Cloud", other_companies=("Google",)),
        ),
        (
            "I met Henry Ford there.",
            Context(interviewers=(Person("Henry Ford"),), other_companies=("Ford",)),
        ),
    ],
)
def test_this_company_and_common_words_pass(text: str, context: Context) -> None:
    assert flagged(text, context, "company.other") == []


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("I would love to join Brigthline.", "Brigthline", "Brightline"),
        ("Brightlin Health's mission speaks to me.", "Brightlin", "Brightline"),
        ("The Brightlne team was kind.", "Brightlne", "Brightline"),
    ],
)
def test_a_misspelled_company_is_an_error(text: str, span: str, fix: str) -> None:
    assert flagged(text, PANEL, "company.misspelled") == [(span, fix, Severity.ERROR)]


@pytest.mark.parametrize(
    "text",
    [
        "I would love to join Brightline Health, and BRIGHTLINE's team.",
        "It was a bright day; the Bright Horizons fund came up too.",
        "Healthy teams ship often.",
    ],
)
def test_the_company_spelled_right_passes(text: str) -> None:
    assert flagged(text, PANEL, "company.misspelled") == []


@pytest.mark.parametrize(
    ("text", "role", "span"),
    [
        (
            "Thank you for the chat about the Product Designer role.",
            "Data Analyst",
            "Product Designer",
        ),
        (
            "I am excited about this Senior Data Analyst position.",
            "Junior Data Analyst",
            "Senior Data Analyst",
        ),
        ("I want your Backend Engineer opening.", "Data Analyst", "Backend Engineer"),
    ],
)
def test_a_different_job_title_is_a_warning(text: str, role: str, span: str) -> None:
    context = Context(company="Brightline", role=role)
    assert flagged(text, context, "company.role") == [(span, role, Severity.WARNING)]


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Thank you for the chat about the Data Analyst role.", "Data Analyst"),
        ("I am excited about the Senior Data Analyst role.", "Data Analyst"),
        ("I am excited about the Analyst role.", "Data Analyst"),
        ("I am excited about the Berlin role.", "Data Analyst"),
        ("In my previous Product Designer role I ran research.", "Data Analyst"),
        ("The Data role fits me.", "Product Manager"),
        ("I am excited about the Senior PM role.", "Product Manager"),
        ("I am excited about the Brightline Marketing Manager role.", "Marketing Manager"),
        ("I am excited about the Sr. Software Eng role.", "Software Engineer"),
    ],
)
def test_the_recorded_role_and_other_words_pass(text: str, role: str) -> None:
    assert flagged(text, Context(company="Brightline", role=role), "company.role") == []


# greeting.missing, greeting.recipient, greeting.generic ---------------------------------

LONG = (
    "Thank you for meeting with me today about the Data Analyst role.\n\n"
    "I enjoyed hearing how the team rebuilt its churn model.\n\nBest regards,\nPriya"
)


@pytest.mark.parametrize(
    ("text", "severity"),
    [
        (LONG, Severity.WARNING),
        ("Thanks for the call today.", Severity.INFO),
    ],
)
def test_an_email_without_a_greeting_is_flagged(text: str, severity: Severity) -> None:
    found = flagged(text, ONE, "greeting.missing")
    first_line = text.split("\n")[0]
    assert found == [(first_line, None, severity)]
    report = check(text, Kind.THANK_YOU, ONE)
    (finding,) = [f for f in report.findings if f.rule == "greeting.missing"]
    assert "“Dear Sarah Johnson,” or “Hi Sarah,”" in finding.message


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Hi Sarah,\n\n" + LONG, Kind.THANK_YOU),
        ("Sarah,\n\n" + LONG, Kind.THANK_YOU),
        ("Good morning Sarah,\n\n" + LONG, Kind.CHECK_IN),
        (LONG, Kind.LINKEDIN),
    ],
)
def test_a_greeting_or_a_linkedin_note_passes(text: str, kind: Kind) -> None:
    assert flagged(text, ONE, "greeting.missing", kind) == []


@pytest.mark.parametrize(
    ("text", "context", "span", "fix"),
    [
        ("Hi Marcus,\n\nThank you.", ONE, "Marcus", "Sarah"),
        ("Dear Ms. Smith,\n\nThank you.", ONE, "Smith", "Johnson"),
        ("Dear Marcus Allen,\n\nThank you.", ONE, "Marcus Allen", "Sarah Johnson"),
        ("Dear José,\n\nThank you.", TO_SARAH, "José", "Sarah"),
    ],
)
def test_greeting_someone_else_is_an_error(
    text: str, context: Context, span: str, fix: str
) -> None:
    assert flagged(text, context, "greeting.recipient") == [(span, fix, Severity.ERROR)]


@pytest.mark.parametrize(
    ("text", "name", "span", "fix"),
    [
        ("Hi Bex,\n\nThank you.", "Rebecca Stone", "Bex", "Rebecca"),
        ("Hi Tash,\n\nThank you.", "Natasha Ivanova", "Tash", "Natasha"),
        ("Hi Ria,\n\nThank you.", "Marianne Holt", "Ria", "Marianne"),
    ],
)
def test_a_nickname_the_table_does_not_know_is_only_a_warning(
    text: str, name: str, span: str, fix: str
) -> None:
    context = Context(interviewers=(Person(name),))
    assert flagged(text, context, "greeting.recipient") == [(span, fix, Severity.WARNING)]


def test_another_interviewers_name_is_an_error_even_when_it_could_be_a_nickname() -> None:
    # "Rex" could shorten Rebecca, but Rex Ruiz was on the panel: the note is misaddressed.
    context = Context(
        interviewers=(Person("Rebecca Stone"), Person("Rex Ruiz")), to="Rebecca Stone"
    )
    assert flagged("Hi Rex,\n\nThank you.", context, "greeting.recipient") == [
        ("Rex", "Rebecca", Severity.ERROR)
    ]


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("Hi Sarah,\n\nThank you.", ONE),
        ("Dear Ms. Johnson,\n\nThank you.", ONE),
        ("good morning sarah,\n\nthank you.", ONE),
        ("Hi Chris,\n\nThank you.", Context(interviewers=(Person("Christopher Lee"),))),
        ("Hi Liv,\n\nThank you.", Context(interviewers=(Person("Olivia Turner"),))),
        ("Hi Em,\n\nThank you.", Context(interviewers=(Person("Emily Park"),))),
        ("Dear Hiring Manager,\n\nThank you.", ONE),
        ("Hi Marcus,\n\nThank you.", PANEL),
        ("Hi Sara,\n\nThank you.", ONE),
        ("Hi Tom,\n\nThank you.", ONE),
        ("Dear [Interviewer's Name],\n\nThank you.", ONE),
        ("Dear Mr./Ms. Last Name:\n\nThank you.", ONE),
        ("Hi Marcus,\n\nThank you.", Context()),
    ],
)
def test_greeting_the_recipient_passes(text: str, context: Context) -> None:
    assert flagged(text, context, "greeting.recipient") == []


@pytest.mark.parametrize(
    ("text", "span", "fix"),
    [
        ("To whom it may concern,\n\nThank you.", "To whom it may concern", "Dear Sarah Johnson"),
        ("Dear Sir or Madam,\n\nThank you.", "Sir or Madam", "Sarah Johnson"),
        ("Dear Hiring Manager,\n\nThank you.", "Hiring Manager", "Sarah Johnson"),
        ("Hello there,\n\nThank you.", "there", "Sarah"),
        ("Hi,\n\nThank you.", "Hi", "Hi Sarah"),
    ],
)
def test_a_stock_greeting_when_the_name_is_known_is_a_warning(
    text: str, span: str, fix: str
) -> None:
    assert flagged(text, ONE, "greeting.generic") == [(span, fix, Severity.WARNING)]


@pytest.mark.parametrize(
    ("text", "context"),
    [
        ("To whom it may concern,\n\nThank you.", Context()),
        ("Hi team,\n\nThank you all.", ONE),
        ("Hi Sarah,\n\nThank you.", ONE),
        ("Dear [Hiring Manager],\n\nThank you.", ONE),
    ],
)
def test_a_named_greeting_or_an_unknown_name_passes(text: str, context: Context) -> None:
    assert flagged(text, context, "greeting.generic") == []


# helpers and robustness -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "one"),
    [
        ("sara", "sarah", True),
        ("jonhson", "johnson", True),
        ("ab", "ba", True),
        ("sarah", "sarha", True),
        ("johnson", "jonson", True),
        ("kim", "tim", True),
        ("sara", "sarahh", False),
        ("ana", "and", True),
        ("lee", "see", True),
    ],
)
def test_one_edit_agrees_with_the_distance(a: str, b: str, one: bool) -> None:
    assert one_edit(a, b) is one
    assert (distance(a, b, 1) == 1) is one


def test_folding_drops_marks_and_keeps_letters() -> None:
    assert fold("Nguyễn") == "nguyen"
    assert fold("José") == "jose"
    assert fold("Łukasz Øvergård") == "lukasz overgard"
    assert fold("O’Neill") == "o'neill"


FAMILIES = name.RULES + company.RULES + greeting.RULES
RICH = replace(
    TO_SARAH,
    interviewers=(*PANEL.interviewers, Person("王伟"), Person("Ø")),
    people_elsewhere=("Tom Becker", "İlkay Gündoğan", "", "  "),
    other_companies=("", "Globex", "A"),
    role="",
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(), kind=st.sampled_from(list(Kind)))
def test_never_raises_and_spans_stay_inside(text: str, kind: Kind) -> None:
    for context in (RICH, ONE, Context()):
        analysis = Analysis(Draft(text, kind), context, 0.5, 8.0)
        for rule in FAMILIES:
            for hit in rule.find(analysis):
                assert 0 <= hit.start <= hit.end <= len(text)


def test_threads_checking_different_drafts_get_their_own_findings() -> None:
    from concurrent.futures import ThreadPoolExecutor

    people = ["Sarah Johnson", "Omar Haddad", "Mei Li", "Liam O'Neill", "Ana Da Silva"]
    jobs = []
    for i in range(200):
        who = people[i % len(people)]
        typo = who.split()[0][:-1]  # "Sara" for "Sarah"
        context = Context(
            company="Northwind", interviewers=(Person(who),), people_elsewhere=("Tom Becker",)
        )
        jobs.append((f"Hi {typo},\n\nThank you. Tom Becker said hello.", context))

    def run(job: tuple[str, Context]) -> list[tuple[str, int, int, str | None]]:
        report = check(job[0], Kind.THANK_YOU, job[1])
        return [
            (f.rule, f.start, f.end, f.suggestion)
            for f in report.findings
            if f.category.value == "name"
        ]

    alone = [run(job) for job in jobs]
    with ThreadPoolExecutor(8) as pool:
        together = list(pool.map(run, jobs))
    assert together == alone
    assert all(len(found) == 2 for found in alone)


@pytest.mark.parametrize("recorded", ["José García", "Jose\u0301 Garci\u0301a"])
def test_a_name_written_with_combining_accents_is_the_recorded_name(recorded: str) -> None:
    text = "Dear Jose\u0301 Garci\u0301a,\n\nThank you for the talk about the churn model."
    report = check(text, Kind.THANK_YOU, Context(interviewers=(Person(recorded),)))
    assert [f for f in report.findings if f.category.value in ("name", "spelling")] == []


def test_a_misspelled_name_with_a_combining_accent_is_one_word() -> None:
    text = "Dear Jose\u0301,\n\nThank you for the talk about the churn model."
    report = check(text, Kind.THANK_YOU, Context(interviewers=(Person("Josef Garcia"),)))
    found = [
        (text[f.start : f.end], f.suggestion)
        for f in report.findings
        if f.rule == "name.misspelled"
    ]
    assert found == [("Jose\u0301", "Josef")]
