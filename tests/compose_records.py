"""200 varied interview records for the composer's "Done when" test, the same every run.

A deterministic generator (``random.Random(seed)``): names in many scripts and shapes
(José Núñez, 李娜, O'Neill-Smith, a single name, a "Dr." title), companies and roles of
one to six words, topics up to about forty words, fields left out, panels of one to six
people, and the names a draft must never contain (other companies, people of other
interviews). :func:`timed` sets when a draft of a kind would go out and what was sent
before it, following the planner's timing (docs/policy.md): a thank-you a few hours after
the interview, a check-in a week after the decision date, and so on.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, timezone

from followup.domain.check.model import Previous
from followup.domain.compose.model import Brief, ConcernNote, DraftKind, Member, Sender

COUNT = 200
SEED = 20261207

_PEOPLE = (
    "José Núñez",
    "Zoë Ní Bhriain",
    "Łukasz Wróbel",
    "李娜",
    "Алексей Иванов",
    "Nguyễn Thị Minh Khai",
    "Aoife O'Neill-Smith",
    "Dr. Hannah Lindqvist",
    "Dr. Kwame Mensah-Boateng",
    "Priya Raghunathan",
    "Amara Okafor",
    "Søren Kierkegaard Holm",
    "Chloé Dubois",
    "Mateus Oliveira Santos",
    "Aiko Tanaka",
    "Ingrid Bjørnstad",
    "Yusuf Al-Hashimi",
    "Thandiwe Ndlovu",
    "Siobhán Ó Súilleabháin",
    "Rafael García-Márquez",
    "Émile Lefèvre",
    "Marta Kowalczyk",
    "Olusegun Adeyemi",
    "Leilani Kahananui",
    "Björn Åkesson",
    "Anaïs Fontaine",
    "Kenji Watanabe",
    "Fatima Zahra Benali",
    "Tomasz Zieliński",
    "Oyelaran",
    "Saoirse",
    "Dr. Mei-Ling Chou",
    "Arjun Venkataraman",
    "Dagný Jónsdóttir",
    "Gareth Pryce-Jones",
)
_ELSEWHERE = (
    "Bartholomew Quist",
    "Henrietta Vasquez",
    "Dr. Ottoline Marsh",
    "Lorcan Fitzgerald",
    "Ximena Ibarra",
    "Radomir Petrović",
    "Wilhelmina Stroud",
    "Cosimo Bellini",
)
_SENDERS = (
    "Sam Rivera",
    "Ana Lúcia Ferreira",
    "Kofi Asante",
    "Margarethe Schäfer",
    "Wei Zhang",
    "Teodora",
    "Ciarán Mac Giolla",
    "Dr. Nadia Haddad",
    "Jordan O'Connell",
    "Ngozi Eze-Williams",
)
_COMPANIES = (
    "Acme",
    "Northwind Labs",
    "Brightline Health Partners",
    "Müller Analytik",
    "Kōbō Studio",
    "Blue Heron Freight and Logistics Group",
    "Riverbend Community Credit Union",
    "Helios Energy Storage Systems",
    "Orbital",
    "Tidewater Public Library",
    "Čapek Robotics",
    "Greenfield School District",
    "Lumen Insurance",
    "Saltmarsh Ferries",
)
_OTHERS = (
    "Vandelay Industries",
    "Initech",
    "Globex Corporation",
    "Wayfarer Outfitters",
    "Pemberton Pharma",
    "Quillfeather Media",
)
_ROLES = (
    "Analyst",
    "Data Analyst",
    "Senior Backend Engineer",
    "Product Marketing Manager",
    "Clinical Research Coordinator",
    "Head of Customer Success Operations",
    "Director of Regional Supply Planning",
    "Librarian",
    "Staff Site Reliability Engineer",
    "Junior Accountant",
    "Learning and Development Partner",
    "UX Researcher",
    "Associate Director of Clinical Trial Operations",
)
_TITLES = (
    "Head of Data",
    "Engineering Manager",
    "Recruiter",
    "Chief Operating Officer",
    "Senior Product Designer",
    "Director of Finance",
    "Team Lead",
    "Principal Engineer",
    "Talent Acquisition Partner",
    "Vice President of Customer Experience",
)
_TOPICS = (
    "dashboard adoption",
    "SQL window functions",
    "the migration of the billing system to event-driven services",
    "onboarding new customers in the first ninety days",
    "how the team runs its weekly planning meeting",
    "the churn model",
    "Kubernetes upgrades",
    "accessibility audits for the mobile app",
    "reducing the backlog of support tickets",
    "the quarterly forecasting process",
    "mentoring junior colleagues",
    "vendor contract negotiations",
    "the new reading programme for teenagers at the branch libraries",
    "patient recruitment for the cardiology trial",
    "pricing experiments",
    "the move from spreadsheets to a shared data warehouse",
    "incident reviews without blame",
    "the warehouse layout and how pickers walk fewer miles each shift",
    "month-end close",
    "the design system",
    "how customer interviews feed the product roadmap, and why the team had "
    "stopped running them for a while after the reorganisation last spring, which "
    "left the designers guessing about what people actually needed from the app",
    "the carbon reporting rules that come into force next year and what they mean "
    "for the storage sites, the suppliers and the way the finance team closes its "
    "books every quarter",
    "building trust with the regional sales teams when the forecasts change at "
    "short notice; the planners had tried weekly calls, a shared board and a "
    "monthly review before settling on the current approach",
    "Python testing practices",
    "the loyalty scheme",
    "community outreach",
    "the ferry timetable redesign",
    "remote collaboration across three time zones",
    "grant applications",
    "the hiring plan for next year",
)
_STANDOUTS = (
    "we sketched the churn funnel together on the whiteboard",
    "the live demo of the routing tool",
    "you showed me the handwritten notes from the first product launch",
    "the tour of the distribution centre",
    "we laughed about the spreadsheet with forty tabs",
    "your story about the outage on launch day",
    "the way the whole panel joined in on the pricing puzzle",
    "the children's drawings on the library walls",
)
_CONCERNS = (
    ConcernNote(
        "my limited experience with Kubernetes",
        "I have since finished a course on cluster operations and run a small cluster at "
        "home to practise upgrades.",
    ),
    ConcernNote(
        "gaps in my people management experience",
        "I led a team of four volunteers for two years and coached each of them through "
        "their first projects.",
    ),
    ConcernNote("SQL window functions", "I would partition by customer and use a running total."),
    ConcernNote("the relocation timeline"),
    ConcernNote(
        "my answer about stakeholder conflict",
        "I should have described how I brought both managers to one meeting and agreed a "
        "shared goal before we discussed the schedule.",
    ),
    ConcernNote("budget ownership", None),
    ConcernNote(
        "regulatory reporting",
        "I prepared the quarterly filings at my last job and can walk you through one of them.",
    ),
)
_FORGOTTEN = (
    "my Tableau certification",
    "the volunteer data project I led for a food bank",
    "my fluency in Portuguese",
    "a certificate in project management",
    "the open source library I maintain for scheduling",
)
_ATTACHMENTS = (
    "portfolio.pdf",
    "work-samples.pdf",
    "certificate.pdf",
    "reading-list.docx",
)
_QUESTIONS = (
    "How does the team decide which experiments to run each quarter?",
    "What would success look like in the first six months in this role?",
    "How do analysts and engineers share the work on a new dashboard?",
    "What has surprised you most about working here?",
    "How does the team handle disagreements about priorities?",
    "Which part of the current process would you most like the new person to improve?",
)
_CULTURES = ("formal", "neutral", "casual", None)
_FORMATS = ("phone", "video", "onsite", "panel", None)
_ROUNDS = ("screen", "first", "second", "third", "final", None)
_ZONES = (-8, -5, 0, 1, 5.5, 9)


def _maybe(rnd: random.Random, chance: float) -> bool:
    return rnd.random() < chance


def _some(rnd: random.Random, pool: tuple[str, ...], low: int, high: int) -> tuple[str, ...]:
    return tuple(rnd.sample(pool, rnd.randint(low, high)))


def _weekday(day: date) -> date:
    """``day``, or the Monday after it when it falls on a weekend (interviews, decisions)."""
    return day + timedelta(days=8 - day.isoweekday()) if day.isoweekday() > 5 else day


def _sender(rnd: random.Random) -> Sender:
    name = rnd.choice(_SENDERS)
    phone = (
        rnd.choice(("+1 555 0100", "+44 20 7946 0958", "+351 912 345 678"))
        if _maybe(rnd, 0.6)
        else None
    )
    signature = None
    if _maybe(rnd, 0.4):
        lines = [name, *([phone] if phone else []), "linkedin.com/in/example"]
        signature = "\n".join(lines)
    return Sender(name=name, signature=signature, phone=phone)


def _panel(rnd: random.Random) -> tuple[Member, ...]:
    size = rnd.choice((0, 1, 1, 1, 2, 2, 3, 4, 5, 6))
    names = rnd.sample(_PEOPLE, size)
    out = []
    for name in names:
        title = rnd.choice(_TITLES) if _maybe(rnd, 0.7) else None
        topics = _some(rnd, _TOPICS, 0, 2) if _maybe(rnd, 0.75) else ()
        out.append(Member(name, title, topics=topics))
    return tuple(out)


def record(rnd: random.Random) -> Brief:
    """One interview record, with some of its fields left out."""
    interviewers = _panel(rnd)
    company = rnd.choice(_COMPANIES) if _maybe(rnd, 0.92) else None
    others = tuple(c for c in _some(rnd, _OTHERS, 0, 3) if c != company)
    start = end = decision = None
    if _maybe(rnd, 0.85):
        zone = timezone(timedelta(hours=rnd.choice(_ZONES)))
        day = _weekday(date(2026, 11, 2) + timedelta(days=rnd.randint(0, 40)))
        start = datetime.combine(day, time(rnd.randint(8, 16), rnd.choice((0, 30))), zone)
        end = start + timedelta(minutes=rnd.choice((30, 45, 60, 90, 240)))
        if _maybe(rnd, 0.7):
            decision = _weekday(day + timedelta(days=rnd.randint(3, 21)))
    elif _maybe(rnd, 0.5):
        decision = _weekday(date(2026, 12, 1) + timedelta(days=rnd.randint(0, 30)))
    concerns = tuple(rnd.sample(_CONCERNS, rnd.randint(1, 2))) if _maybe(rnd, 0.5) else ()
    forgotten = _some(rnd, _FORGOTTEN, 1, 2) if _maybe(rnd, 0.45) else ()
    attachments = _some(rnd, _ATTACHMENTS, 1, 2) if _maybe(rnd, 0.3) else ()
    panel_format = "panel" if len(interviewers) > 2 and _maybe(rnd, 0.6) else None
    topics = _some(rnd, _TOPICS, 1, 3) if _maybe(rnd, 0.75) else ()
    standouts = _some(rnd, _STANDOUTS, 1, 2) if _maybe(rnd, 0.55) else ()
    if not (topics or standouts or concerns or start or any(m.topics for m in interviewers)):
        # Nothing at all to make a note personal: no template can, and the composer says
        # what to add (missing.py). A record the user has kept that bare is not drafted from.
        standouts = (rnd.choice(_STANDOUTS),)
    return Brief(
        company=company,
        role=rnd.choice(_ROLES) if _maybe(rnd, 0.85) else None,
        round=rnd.choice(_ROUNDS),
        format=panel_format or rnd.choice(_FORMATS),
        culture=rnd.choice(_CULTURES),
        interviewers=interviewers,
        topics=topics,
        standouts=standouts,
        concerns=concerns,
        forgotten=forgotten,
        questions=_some(rnd, _QUESTIONS, 1, 2) if _maybe(rnd, 0.6) else (),
        decision_date=decision,
        interview_start=start,
        interview_end=end,
        sender=_sender(rnd),
        attachments=attachments,
        other_companies=others,
        people_elsewhere=_some(rnd, _ELSEWHERE, 0, 3),
    )


def records(count: int = COUNT, seed: int = SEED) -> list[Brief]:
    """``count`` records, the same ones for the same seed."""
    rnd = random.Random(seed)
    return [record(rnd) for _ in range(count)]


def timed(brief: Brief, kind: DraftKind) -> Brief:
    """``brief`` with ``send_at`` and ``previous_followups`` set for a draft of ``kind``.

    A record without interview times gets neither: the timing rules stay quiet.
    """
    end = brief.interview_end
    if kind is not DraftKind.ADDITIONAL_INFO:
        # Files go with the message that sends them: a thank-you attaches nothing.
        brief = replace(brief, attachments=())
    if end is None:
        return brief
    zone = end.tzinfo or UTC
    thanked = end + timedelta(hours=3)
    sent: list[Previous] = [Previous("thank-you", thanked)]
    if brief.decision_date is not None:
        first = datetime.combine(brief.decision_date + timedelta(days=8), time(9, 30), zone)
    else:
        first = datetime.combine(end.date() + timedelta(days=14), time(9, 30), zone)
    if kind in (DraftKind.THANK_YOU, DraftKind.PANEL_NOTE, DraftKind.CARD):
        return replace(brief, send_at=end + timedelta(hours=2), previous_followups=())
    if kind is DraftKind.LINKEDIN:
        return replace(brief, send_at=end + timedelta(hours=4), previous_followups=tuple(sent))
    if kind in (DraftKind.ADDITIONAL_INFO, DraftKind.ADDRESS_CONCERN):
        return replace(brief, send_at=end + timedelta(days=1), previous_followups=tuple(sent))
    if kind is DraftKind.CHECK_IN:
        return replace(brief, send_at=first, previous_followups=tuple(sent))
    if kind is DraftKind.AVAILABILITY_REQUEST:
        sent.append(Previous("check-in", first))
        return replace(brief, send_at=first + timedelta(days=8), previous_followups=tuple(sent))
    if kind in (DraftKind.CALL, DraftKind.VOICEMAIL):
        # The call follows an availability request (seed 003: ask before calling).
        sent.append(Previous("availability-request", first))
        return replace(brief, send_at=first + timedelta(days=7), previous_followups=tuple(sent))
    # Close the loop after two check-ins, spaced as the plan spaces them.
    second = first + timedelta(days=10)
    sent += [Previous("check-in", first), Previous("check-in", second)]
    return replace(brief, send_at=second + timedelta(days=10), previous_followups=tuple(sent))
