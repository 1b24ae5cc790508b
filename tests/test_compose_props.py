"""Properties of every draft, over records Hypothesis invents.

Whatever the record holds, a draft handed out never has a placeholder, never another
company's name, and a note to one interviewer never names another person: these are the
letter-reuse mistakes of seed 002. The composer may refuse (ComposeError), never break
these.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from followup.domain.compose.composer import ComposeError, compose_all
from followup.domain.compose.model import SPECS, Brief, ConcernNote, DraftKind, Member, Sender

# Made-up names from syllables no English word of a template is made of, so that a name
# found in a draft was put there by the record, not by the template's prose.
_SYLLABLES = ("zor", "qua", "vel", "kri", "bax", "jun", "tho", "mek", "ryl", "dax", "wyn")
_name_word = st.lists(st.sampled_from(_SYLLABLES), min_size=2, max_size=3).map(
    lambda parts: "".join(parts).capitalize()
)
_surname = st.lists(st.sampled_from(("lin", "dor", "mav", "sek")), min_size=2, max_size=3).map(
    lambda parts: "".join(parts).capitalize()
)
_person = st.tuples(_name_word, _surname).map(" ".join)
# Companies and the sender from syllables of their own: no name can contain another.
_company = st.lists(st.sampled_from(("plo", "sna", "fub", "gor")), min_size=2, max_size=3).map(
    lambda parts: "".join(parts).capitalize()
)
_words = st.sampled_from(
    (
        "pricing experiments",
        "the onboarding flow",
        "data quality checks",
        "the quarterly roadmap",
        "incident reviews",
        "mentoring junior engineers",
        "a long discussion of how the warehouse moved to columnar storage last spring",
    )
)
_PLACEHOLDER = re.compile(r"[\[\]{}<>]|_{2,}|\bNone\b|\bTODO\b|\bXXX\b", re.IGNORECASE)
END = datetime(2026, 6, 2, 17, 0, tzinfo=UTC)


@st.composite
def records(draw: st.DrawFn) -> tuple[Brief, list[str]]:
    names = draw(st.lists(_person, min_size=1, max_size=5, unique_by=lambda n: n.split()[0]))
    companies = draw(st.lists(_company, min_size=2, max_size=4, unique=True))
    people = tuple(
        Member(n, topics=tuple(draw(st.lists(_words, max_size=2, unique=True)))) for n in names
    )
    strangers = [
        n
        for n in draw(st.lists(_person, max_size=3))
        if n.split()[0] not in {p.split()[0] for p in names}
    ]
    brief = Brief(
        company=companies[0] + " Systems",
        role=draw(
            st.sampled_from(("Data Analyst", "Product Manager", "Site Reliability Engineer"))
        ),
        culture=draw(st.sampled_from((None, "formal", "neutral", "casual"))),
        format=draw(st.sampled_from((None, "phone", "video", "onsite", "panel"))),
        interviewers=people,
        topics=tuple(draw(st.lists(_words, max_size=2, unique=True))),
        standouts=tuple(draw(st.lists(_words, max_size=1))),
        concerns=tuple(
            ConcernNote(t, draw(st.sampled_from((None, "I would start from the metrics."))))
            for t in draw(st.lists(_words, max_size=1))
        ),
        forgotten=tuple(draw(st.lists(_words, max_size=1))),
        interview_start=END - timedelta(hours=1),
        interview_end=END,
        send_at=END + timedelta(hours=2),
        sender=Sender("Ilse Ambrose"),
        other_companies=tuple(companies[1:]),
        people_elsewhere=tuple(strangers),
    )
    return brief, strangers


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records(), st.sampled_from(list(DraftKind)))
def test_no_placeholder_no_other_company_no_other_person(
    record: tuple[Brief, list[str]], kind: DraftKind
) -> None:
    brief, strangers = record
    try:
        drafts = compose_all(brief, kind)
    except ComposeError:
        return  # refusing is allowed; handing out a bad draft is not
    for draft in drafts:
        text = draft.text
        assert draft.report.errors == 0
        assert not _PLACEHOLDER.search(text), text
        words = set(re.findall(r"\w+", text.casefold()))
        for company in brief.other_companies:
            assert company.casefold() not in words, text
        for person in strangers:
            assert person.split()[0].casefold() not in words, text
        if SPECS[kind].per_person and draft.to is not None:
            for other in brief.interviewers:
                if other is not draft.to:
                    assert other.name.split()[0].casefold() not in words, text
