"""Helpers for the record-aware rules: folding names, edit distance, common words, nicknames.

A name in a draft is compared with the record's spelling after *folding*: lower case,
accents and marks removed, curly apostrophes made straight ("Nguyễn" and "nguyen" fold
alike). Closeness is the optimal-string-alignment distance (insertions, deletions,
substitutions and swaps of two neighbours each count one), allowed to grow with the
name's length so that short names are not matched by everyday words ("Ana" is not
"and"). Every helper is pure and never raises on any text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TypeVar

from followup.domain.check.lazy import Lazy
from followup.domain.check.model import Context

_T = TypeVar("_T")

#: Letters that Unicode does not decompose into a base letter and a mark.
_SPECIAL = str.maketrans(
    {"ß": "ss", "æ": "ae", "Æ": "ae", "œ": "oe", "Œ": "oe"}
    | dict(zip("øØłŁđĐı’‘ʼ", "oollddi'''", strict=True))
)

#: A capitalised word of two letters or more (``Li``, ``Sarah``, ``O'Neill``). The class
#: lists capitals of the Latin, Greek and Cyrillic scripts by range (cheaper at start-up
#: than asking Unicode for every letter; a few small letters of the mixed ranges slip in,
#: which only costs a look-up). The class comes first, the look-behinds (not inside a
#: word, not after "O'") after it, so that the engine skips fast to the next capital.
_UPPER = (
    "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u024f\u0386-\u038f\u0391-\u03ab"
    "\u0400-\u042f\u0460-\u052f\u1e00-\u1eff\u1f08-\u1f0f\u1f18-\u1f6f"
)
CAPITALIZED = Lazy(
    r"[" + _UPPER + r"](?<!\w.)(?<!\w['’].)"
    r"(?:[^\W_]+(?:['’\-][^\W_]+)*|(?:['’\-][^\W_]+)+)"
)


def word_set(text: str) -> frozenset[str]:
    """The words of ``text`` (split on white space) as a set: how word lists are written."""
    return frozenset(text.split())


#: Titles that may stand before a name and are not part of it.
HONORIFICS = word_set(
    "mr mrs ms mx miss dr prof professor sir madam madame mme mlle herr frau sr sra dra"
)
_HONORIFIC_BEFORE = re.compile(
    r"(?:\b(?:mrs?|ms|mx|miss|dr|prof|professor|herr|frau|mme|sra?|dra)\.?)\s+$", re.I
)
#: Parts of names that are too short or too common to be matched alone.
PARTICLES = word_set(
    "van von der den de del della di da dos das du la le les al el bin binti ibn bint ten ter "
    "st y e"
)
#: Letters after a name that are not part of it.
SUFFIXES = word_set("jr sr ii iii iv phd md mba esq cpa")

#: Common English words: a capitalised one at the start of a sentence, in a subject line
#: or a title is a word, not a misspelt name, unless it stands where only a name can
#: (after "Dear" or "Ms.", or beside the rest of the name). Written for this checker.
COMMON = word_set(
    """a able about above across after again against ago ahead all almost along already also
    although always am among an and another any anyone anything anyway are around as ask asked
    at away back bad be because become been before began begin being below best better between
    big both brief bring brought build built busy but by call called calls came can cannot care
    case chance change chat clear close come coming could course cut data date day days dear
    deal did do does doing done down during each early easy else end enough even ever every
    few fine first for form forward found free friday from full further gave get getting give
    glad go goes going gone good got great greetings grow had hand happy hard has have having he
    hear heard hello help helped her here hey hi high him his hold hope hoped hoping how however
    i if in into is it its just keen keep kept kind know known last late later lead learn
    learned least less let like line little long look looked looking lot love made main make
    many may me mean meet meeting men met might mind mine more most much must my name near need
    needed never new news next nice no none nor not note now of off offer often oh ok okay old
    on once one only open or other our out over own part past per plan please pleased point
    post quick quite rather re read ready real really reason regards rest right role run said
    same saw say second see seen send sent set she short should show side since so some soon
    sorry start still such sure take taken talk talked team thank thanks that the their them
    then there these they thing things think this those though thought through thus time to
    today told too took top true try two under until up upon us use used very via want wanted
    was way we week weeks well went were what when where which while who whom whose why will
    win wish with within without word words work worked working would write yes yet you young
    your yours cheers sincerely warmly warm best kind respectfully truly appreciate appreciated
    grateful enjoyed excited following follow update interview interviews job jobs company
    office opportunity application candidate process step steps final recent current letter
    email phone video subject fw fwd call morning afternoon evening tomorrow yesterday month
    months year years hour hours minute minutes idea ideas area areas field group level value
    goal goals model market product project plan data design sales lead head mark bill dean
    art hunt park lane hall wood stone king page grant rose grace hope joy faith may june april
    august march january february july september october november december monday tuesday
    wednesday thursday saturday sunday jan feb mar apr jun jul aug sep sept oct nov dec mon
    tue wed thu fri sat sun python java rust react excel slack zoom swift ruby scala kotlin
    julia go sql aws figma jira notion apple google amazon meta london paris berlin boston
    austin denver dallas chicago seattle madrid rome tokyo sydney toronto dublin i'm i'd i've
    i'll it's that's we're you're don't can't won't let's sir madam team all everyone there
    again folks both manager hiring recruiter interviewer committee panel"""
)
#: Months and days: capitalised in running text, never taken for a person there.
CALENDAR = word_set(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday"""
)

#: Groups of the same given name: a nickname is the right name, not a misspelling.
_NICKNAMES = """robert bob rob robbie bobby|william will bill billy liam|elizabeth liz beth
betty eliza lisa libby|michael mike mikey mick|james jim jimmy jamie|katherine catherine
kathryn kate katie kathy cathy kat|margaret maggie meg peggy|richard rick rich dick ricky
|anthony tony|edward ed ted eddie ned|john jack johnny|jonathan jon jonny|susan sue suzy
|thomas tom tommy|andrew andy drew|matthew matt|nicholas nick nicky|stephen steven steve
stevie|joseph joe joey|benjamin ben benny|david dave davey|gregory greg|jeffrey jeff
|lawrence larry|charles charlie chuck chaz|henry hank harry|jennifer jen jenny|rebecca
becky becca|patricia patty trish pat|patrick pat paddy|sandra sandy|cynthia cindy|abigail
abby gabby|alexander alex sasha xander|alexandra alex sasha lexi|nathan nate|nathaniel nate
nat|zachary zach zack|samuel sam sammy|samantha sam sammy|timothy tim timmy|victoria vicky
tori|deborah debbie deb|daniel dan danny|danielle dani|christopher chris|christina chris
tina|kristen kris|jessica jess jessie|joshua josh|frederick fred freddie|francisco paco
pancho|jose pepe|manuel manny|alejandro alex|guillermo memo|eleanor ellie nora|dorothy
dot dottie|theodore theo ted teddy|josephine josie jo|pamela pam|kimberly kim|ashley ash
|megan meg|ronald ron ronnie|donald don donnie|kenneth ken kenny|gerald gerry jerry
|raymond ray|walter walt|albert al bert|leonard leo len lenny|philip phil|douglas doug
|vincent vince vinny|gabriel gabe|oliver ollie|isabel isabella bella izzy|valentina vale"""
NICKNAMES: dict[str, frozenset[str]] = {}
for _group in _NICKNAMES.split("|"):
    _names = frozenset(_group.split())
    for _n in _names:
        NICKNAMES[_n] = NICKNAMES.get(_n, frozenset()) | _names

#: A word of a name: letters, with apostrophes and hyphens inside (O'Neill, Anne-Marie).
WORD = re.compile(r"[^\W_]+(?:['’\-][^\W_]+)*")


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """``text`` in lower case without accents or marks, apostrophes straight."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_SPECIAL))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def plain_lower(text: str) -> str:
    """``text`` in lower case with straight apostrophes (accents kept)."""
    return text.lower().translate(_SPECIAL_APOSTROPHES)


_SPECIAL_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})


def possessive(word: str) -> int:
    """How many characters of a trailing possessive ``'s`` or ``’s`` the word ends with."""
    if len(word) > 3 and word[-2] in "'’" and word[-1] in "sS":
        return 2
    return 0


@lru_cache(maxsize=2048)
def name_parts(name: str) -> tuple[str, ...]:
    """The words of a person's name that are theirs: no titles, suffixes or initials."""
    out = []
    for m in WORD.finditer(name):
        low = fold(m.group())
        if low in HONORIFICS or low in SUFFIXES or len(low) < 2:
            continue
        out.append(m.group())
    return tuple(out)


def words_of(text: str) -> Iterator[str]:
    """The folded words of a record field (company, role, topic), hyphened words and parts."""
    for m in WORD.finditer(text):
        low = fold(m.group())
        yield low
        if "-" in low:
            yield from low.split("-")


def honorific_before(text: str, start: int) -> bool:
    """Whether a title (``Ms.``, ``Dr``) stands right before ``text[start:]``."""
    return _HONORIFIC_BEFORE.search(text, max(0, start - 12), start) is not None


def same_given_name(written: str, recorded: str) -> bool:
    """Whether ``written`` (folded) is ``recorded`` or a usual short form of it."""
    if written == recorded:
        return True
    if written in NICKNAMES.get(recorded, ()):
        return True
    # "Chris" for "Christopher", "Alex" for "Alexandra": a clear short form, not "Sara".
    return len(written) >= 2 and len(recorded) - len(written) >= 2 and recorded.startswith(written)


def allowed_edits(length: int) -> int:
    """How many edits a name of this length may differ by and still be "close"."""
    return 2 if length >= 8 else 1


def one_edit(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` by one insertion, deletion, substitution or swap."""
    la, lb = len(a), len(b)
    i, shortest = 0, min(la, lb)
    while i < shortest and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True
        swapped = i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i]
        return swapped and a[i + 2 :] == b[i + 2 :]
    if la + 1 == lb:
        return a[i:] == b[i + 1 :]
    return la == lb + 1 and a[i + 1 :] == b[i:]


def distance(a: str, b: str, limit: int = 2) -> int:
    """Optimal-string-alignment distance, or ``limit + 1`` once it is sure to exceed it."""
    if a == b:
        return 0
    la, lb = len(a), len(b)
    if abs(la - lb) > limit:
        return limit + 1
    before: list[int] = []
    prev = list(range(lb + 1))
    for i in range(1, la + 1):
        cur = [i] + [0] * lb
        ca = a[i - 1]
        low = i
        for j in range(1, lb + 1):
            cb = b[j - 1]
            v = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb and ca != cb:
                v = min(v, before[j - 2] + 1)
            cur[j] = v
            low = min(low, v)
        if low > limit:
            return limit + 1
        before, prev = prev, cur
    return min(prev[lb], limit + 1)


# Indexes of the record, built once per context; the costly parts on first use.


@lru_cache(maxsize=4096)
def _probe(word: str) -> tuple[str, int, frozenset[str], str]:
    bare = word.replace("'", "")
    return bare, allowed_edits(len(bare)), frozenset(bare), word


class Near:
    """Words of the record (folded), ready to tell which are close to a draft's word.

    Keyed by the lengths a close word may have; a word whose letters differ from a
    target's by more than its edits could change is passed over before any distance.
    Apostrophes do not count ("Neill" is one letter from "O'Neill").
    """

    __slots__ = ("probes",)

    def __init__(self, words: Iterable[str]) -> None:
        probes: dict[int, list[tuple[str, int, frozenset[str], str]]] = {}
        for word in set(words):
            probe = _probe(word)
            size = len(probe[0])
            for near in range(size - probe[1], size + probe[1] + 1):
                probes.setdefault(near, []).append(probe)
        self.probes = probes

    def __bool__(self) -> bool:
        return bool(self.probes)

    def __call__(self, word: str) -> list[str]:
        """Record words close to ``word`` (folded) but not equal to it, closest first."""
        bare = word.replace("'", "") if "'" in word else word
        probes = self.probes.get(len(bare))
        if probes is None:
            return []
        letters = set(bare)
        scored = []
        for target, limit, chars, shown in probes:
            # One edit changes at most two letters of the set of letters a word uses.
            if len(letters ^ chars) > 2 * limit or target == bare:
                continue
            if limit == 1:
                if one_edit(bare, target):
                    scored.append((1, shown))
            elif (d := distance(bare, target, limit)) <= limit:
                scored.append((d, shown))
        return [t for _, t in sorted(scored)]


def per_context(build: Callable[[Context], _T]) -> Callable[[Context], _T]:
    """``build`` remembered: the last context by identity, 256 more by value."""
    cached = lru_cache(maxsize=256)(build)
    last: list[tuple[Context, _T]] = []

    def get(context: Context) -> _T:
        seen = last[0] if last else None  # read once: other threads may replace it
        if seen is not None and seen[0] is context:
            return seen[1]
        value = cached(context)
        last[:] = [(context, value)]
        return value

    get.__doc__ = build.__doc__
    return get


@dataclass(frozen=True, slots=True)
class Who:
    """A person of the record: the full name and the parts a draft may use."""

    full: str
    parts: tuple[str, ...]
    folds: tuple[str, ...]

    def part_like(self, index: int, count: int) -> str:
        """The name to put for part ``index`` (-1: all) of a ``count``-part name."""
        if index < 0 or not self.parts:
            return self.full
        return self.parts[0] if index == 0 or count <= 1 else self.parts[-1]


@lru_cache(maxsize=2048)
def _who(name: str) -> Who:
    parts = name_parts(name)
    return Who(" ".join(name.split()), parts, tuple(fold(p) for p in parts))


class People:
    """What the record says of people: this interview's, the recipient, the others'."""

    def __init__(self, context: Context) -> None:
        self.context = context
        here = [_who(p.name) for p in context.interviewers if p.name.strip()]
        self.recipient: Who | None = here[0] if len(here) == 1 else None
        if context.to and context.to.strip():
            to = _who(context.to)
            wanted = set(to.folds)
            self.recipient = next((w for w in here if wanted and wanted <= set(w.folds)), None)
            if self.recipient is None:
                self.recipient = to
                here.append(to)
        self.here = tuple(here)
        spelled: dict[str, list[str]] = {}
        for who in here:
            for part in who.parts:
                for piece in (part, *part.split("-")) if "-" in part else (part,):
                    spelled.setdefault(fold(piece), []).append(piece)
        #: Each folded part of this interview's names, as the record spells it.
        self.spelled = {k: tuple(v) for k, v in spelled.items()}
        self.here_folds = frozenset(spelled)
        self.near = Near(t for t in spelled if len(t) >= 2)
        #: Parts of the names of the user's other interviews, whose person and place.
        self.elsewhere: dict[str, tuple[Who, int]] = {}
        #: First parts of those names, for finding the whole name.
        self.starts: dict[str, list[Who]] = {}
        for name in context.people_elsewhere:
            who = _who(name)
            if len(who.parts) > 1:
                self.starts.setdefault(who.folds[0], []).append(who)
            for i, part in enumerate(who.folds):
                if part not in PARTICLES and len(part) >= 2:
                    self.elsewhere.setdefault(part, (who, i))

    @cached_property
    def record(self) -> frozenset[str]:
        """Every word of the record that is not another interview's person."""
        ctx = self.context
        words = set(self.here_folds)
        for item in (ctx.company, ctx.role, ctx.sender_name, *ctx.topics, *ctx.standouts):
            words.update(words_of(item or ""))
        for item in (*ctx.forgotten, *ctx.other_companies):
            words.update(words_of(item))
        return frozenset(words)

    @cached_property
    def known(self) -> frozenset[str]:
        """Every word of the record, people of other interviews included."""
        return self.record | frozenset(self.elsewhere)

    def stranger(self, folded: str) -> tuple[Who, int] | None:
        """The person of another interview this part (folded) names, if it names one."""
        found = self.elsewhere.get(folded)
        if found is None or folded in self.record or set(found[0].folds) <= self.record:
            return None
        return found

    def owner(self, folded: str) -> Who | None:
        """The person of this interview with this part (folded), if any."""
        return next((w for w in self.here if folded in w.folds), None)


@per_context
def people(context: Context) -> People:
    """The index of the people of this context."""
    return People(context)
