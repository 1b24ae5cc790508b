"""Invented people, companies, roles, teams and topics for filling evaluation templates.

Varied on purpose (names from many languages, short and long, a few with an apostrophe
or a hyphen; companies of one or two words) so that the checker is measured on the
names users really have, not on one "Jane Doe". Nothing here is drawn from the
evaluation data. People drawn together are far apart in spelling (at least three edits
between any two of their names), so that one edit never turns one into another.
"""

from __future__ import annotations

import random
from dataclasses import dataclass


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


FIRST = {
    "Ms.": _words(
        "Amara Priyanka Sofia Ingrid Mei Fatima Chloe Elena Nadia Yuki Olivia Hannah Leila "
        "Camila Zanele Aisha Marta Freya Keiko Beatriz Siobhan Ngozi Astrid Valentina"
    ),
    "Mr.": _words(
        "Daniel Tomasz Kwame Rafael Hiroshi Arjun Lucas Mateo Oliver Samuel Jonas Malik Diego "
        "Ethan Nikhil Felix Omar Andrei Kofi Henrik Sebastian Tariq Lorenzo Dmitri"
    ),
}
LAST = _words(
    "Okafor Lindqvist Moreau Haddad Nakamura Kowalski Fernandes Brennan Castillo Petrov "
    "Osei Gallagher Whitfield Ramaswamy Novak Abernathy Delgado Thornton Mensah Ishikawa "
    "Varga Schneider O'Connell Nguyen Kim Shah Diaz Garcia-Lopez Albrecht Oyelaran "
    "Sorensen Mbeki Fitzgerald Chowdhury Jankowski Takahashi Bergstrom Alvarez Kapoor "
    "Whitaker"
)
TITLES = ("Hiring Manager", "Recruiter", "Engineering Manager", "Team Lead", "Director", "")
_BRAND = _words(
    "Northwind Bluestone Harborview Lumen Ridgeway Copperleaf Brightfield Stonebridge "
    "Clearwater Silverline Oakhurst Meridian Tidewater Redwood Summit Kestrel Granite "
    "Westbrook Evergreen Larkspur Pinecrest Foxglove Halcyon Juniper"
)
_SUFFIX = (
    "",
    "",
    " Analytics",
    " Health",
    " Logistics",
    " Bank",
    " Labs",
    " Energy",
    " Media",
    " Foods",
    " Software",
    " Insurance",
    " Partners",
)
ROLES = (
    "Data Analyst",
    "Product Designer",
    "Backend Engineer",
    "Customer Success Manager",
    "Marketing Coordinator",
    "Financial Analyst",
    "Operations Associate",
    "UX Researcher",
    "Account Executive",
    "Program Manager",
    "Software Engineer",
    "HR Generalist",
    "Content Strategist",
    "Supply Chain Planner",
)
TEAMS = (
    "Customer Insights team",
    "Platform Engineering group",
    "Finance Operations team",
    "Brand Marketing team",
    "Graduate Leadership Program",
    "Clinical Data team",
)
#: (the topic as the record holds it, the phrase a draft uses for it)
TOPICS = (
    ("self-serve onboarding", "the new self-serve onboarding flow"),
    ("usage-based pricing", "the shift to usage-based pricing"),
    ("data warehouse migration", "the data warehouse migration planned for spring"),
    ("returns process", "the redesign of the returns process"),
    ("mentoring program", "the mentoring program for new hires"),
    ("quarterly planning", "how the team runs its quarterly planning"),
    ("customer churn", "the work on reducing customer churn"),
    ("second support hub", "the plan to open a second support hub"),
    ("accessibility audit", "the accessibility audit of the mobile app"),
    ("vendor consolidation", "the vendor consolidation project"),
    ("fraud detection", "the new fraud detection models"),
    ("weekly releases", "the move to weekly releases"),
)


@dataclass(frozen=True, slots=True)
class Who:
    """A person: first and last name, the honorific a formal greeting uses, a job title."""

    first: str
    last: str
    honorific: str
    title: str = ""

    @property
    def full(self) -> str:
        """``Amara Okafor`` (the first name alone when no last name is known)."""
        return f"{self.first} {self.last}" if self.last else self.first

    @property
    def formal(self) -> str:
        """``Ms. Okafor``, the form after "Dear" in a formal letter."""
        return f"{self.honorific} {self.last or self.first}"


def edits(a: str, b: str) -> int:
    """Levenshtein distance between two words, case-insensitively."""
    a, b = a.lower(), b.lower()
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
    return row[-1]


def draw_people(rng: random.Random, count: int) -> list[Who]:
    """``count`` people whose names are pairwise at least three edits apart."""
    out: list[Who] = []
    names: list[str] = []
    while len(out) < count:
        honorific = rng.choice(("Ms.", "Mr."))
        first, last = rng.choice(FIRST[honorific]), rng.choice(LAST)
        if all(edits(n, x) >= 3 for n in (first, last) for x in names):
            out.append(Who(first, last, honorific, rng.choice(TITLES)))
            names += [first, last]
    return out


def company_names(rng: random.Random, count: int) -> list[str]:
    """``count`` company names, no two sharing their first word."""
    brands = rng.sample(_BRAND, count)
    return [b + rng.choice(_SUFFIX) for b in brands]


def draw_role(rng: random.Random) -> str:
    """A job title."""
    return rng.choice(ROLES)


def draw_team(rng: random.Random) -> str:
    """A team or program name."""
    return rng.choice(TEAMS)


def draw_topic(rng: random.Random) -> tuple[str, str]:
    """A topic of the interview: as recorded, and as a draft words it."""
    return rng.choice(TOPICS)
