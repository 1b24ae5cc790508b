"""Shared lexicons of the content and tone rules: what a follow-up says in every letter.

A follow-up is personal when it says something no other follow-up would: a topic of the
interview, a project, a number, a name. What every follow-up says anyway (thanks, the
interview, the role, looking forward, next steps) is the *genre vocabulary* below; a word
outside it and outside the function words is a *detail* (:func:`word_class`).

The table of anchored patterns the tone rules use, :class:`Phrases`, is in
:mod:`.phrasetable` (re-exported here).
"""

from __future__ import annotations

import re
from functools import lru_cache

from followup.domain.check.phrasetable import Phrases as Phrases

_FUNCTION = """
a an the and or but nor if so as at by for from in into of on onto to with without about above
after again against all am any are be been being because before below between both can could
cannot did do does doing done down during each every few further had has have having he her
here hers herself him himself his how i me my myself is it its itself let more most no not now
off once only other our ours ourselves out over own same she should some such than that then
their theirs them themselves there these they this those through too under until up upon very
was we were what whatever when where whether which while who whom whose why will would you
your yours yourself yourselves just also really much many well still yet even ever however
though although since already always never soon ago within via per etc
one two three four five six seven eight nine ten lot lots bit quite rather truly sincerely
deeply genuinely certainly definitely absolutely highly extremely fully greatly especially
particularly simply actually hopefully personally currently recently shortly further furthermore
additionally moreover indeed thus therefore anyway perhaps maybe ok okay yes oh
anything something everything nothing anyone someone everyone thing things way
s t m re ve d ll n don didn doesn isn wasn aren weren haven hasn hadn won wouldn couldn shouldn
can't won't i'm i've i'd i'll it's that's there's you're you've you'd you'll we're we've
let's here's what's who's
"""

#: The genre vocabulary: words any follow-up may use whatever the interview was about.
_GENRE = """
thank thanks thankful grateful gratitude appreciate appreciation appreciative pleasure enjoy
enjoyable great good wonderful lovely nice excellent amazing fantastic terrific awesome
happy glad pleased delighted thrilled honored honoured privilege kind kindness generous
excite exciting excited excitement enthusiasm enthusiastic eager eagerly keen interest
interested interesting passion passionate motivated motivation inspire inspiring inspired
look looking forward hear hearing heard back know knowing known let contact reach touch base
circle follow following followup check checking update updates news reply respond response
answer decision decide deciding timeline timeframe step steps next process hiring hire
interview interviews interviewer interviewing conversation conversations discussion discuss
discussed meet meeting met talk talking spoke speak speaking chat call phone video zoom
opportunity opportunities chance position positions role roles job jobs company companies
organization organisation organizations team teams department firm business employer
employers candidate candidates candidacy application apply applied applying applicant
resume cv cover letter portfolio skill skills skillset experience experiences background
qualification qualifications qualified fit fits fitting match matches align aligns aligned
alignment contribute contribution contributions join joining part work working worked bring
value values valuable invaluable asset assets addition strong stronger perfect ideal
confident confidence believe think thought thoughts feel felt hope hoping wish want wanted
like love learn learned learnt learning more information info detail details question
questions else need needs needed provide providing share sharing shared send sending sent
forward forwarding help helpful helping insight insights insightful perspective perspectives
consider considering consideration review reviewing goal goals mission vision culture future
possibility possible potential career careers professional professionally network networking
connect connecting connection connections linkedin email emails mail note notes message
messages letter regards best warm warmly warmest dear hi hello hey greetings mr mrs ms mx dr
sir madam please free hesitate take taking took taken spend spent make making made get
getting got give giving gave go going went come coming came see seeing saw seen say saying
said tell telling told ask asking asked find finding found keep keeping stay staying remain
seem seems mention mentioned describe described explain explained explaining reiterate
reaffirm confirm confirmed confirms reinforce reinforced solidify solidified remind reminded
able ready available availability schedule convenience earliest quickly right away point
points today yesterday tomorrow tonight week weeks month months year years morning afternoon
evening day days time times hour hours minute minutes moment last first second final round
earlier later recent late early new old long short whole entire many several various
different specific additional further particular certain general overall own
monday tuesday wednesday thursday friday saturday sunday january february march april may
june july august september october november december weekend
people person everyone staff manager managers recruiter recruiters colleague colleagues
member members panel group leader leadership director hr human resources
duty duties responsibility responsibilities task tasks challenge challenges
success successful goal achievement achievements accomplishment accomplishments
communication interpersonal analytical strategic organizational organisational
dedicated dedication driven hardworking hard worker player committed commitment diligent
reliable detail oriented results problem solving solver creative creativity
competent competence capable capability capabilities ability abilities strength strengths
expertise knowledge talent talents growth grow develop development improve improvement
best hello dialogue dialog pleased particularly further sincere
glance forth regard regarding concerning related relating touching circling remember
wonder wondering curious hesitation contribute helpful opportunity mind top
sure certain truly glad reach remind welcome welcomed feedback impression impressed
environment atmosphere place office workplace industry field area areas sector
opening openings vacancy vacancies offer offers salary program programme
become became ensure receive received arrange add use used prove aim aiming aid idea ideas
another end rest start started leave left expect expected choose choice move set put far
important course throughout easy easier similar realize realise engage engaging rewarding
beneficial useful positive clear clearly open close fine true real full high low big small
large better worse least less enough serious mean means try trying wait waiting plan plans
turn show showed shown allow include including continue continued appear happen matter
reason case fact sort type example instance level form hand side story sense word words
name names thing deal done doing able willing unable hard harder happy proud
internship intern internships employment employee employees employment
aspire aspiring leaders leader personal
innovative collaborative dynamic vibrant fast-paced supportive informative impressive
inspiring welcoming friendly talented energetic cutting-edge forward-thinking exceptional
outstanding incredible remarkable fascinating productive pleasant thorough thoughtful unique
approach expectations requirements dynamics priorities direction energy
"""

_STEM_SUFFIXES = (
    "ingly",
    "edly",
    "ations",
    "ation",
    "ments",
    "ment",
    "ings",
    "ing",
    "iest",
    "ies",
    "ied",
    "ers",
    "er",
    "est",
    "ed",
    "es",
    "ly",
    "s",
)

_SUFFIXES_BY_LAST: dict[str, tuple[str, ...]] = {
    last: tuple(s for s in _STEM_SUFFIXES if s[-1] == last)
    for last in {s[-1] for s in _STEM_SUFFIXES}
}
_CLITICS = ("'s", "'m", "'re", "'ve", "'d", "'ll", "n't")


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """A loose stem of a lower-case word, enough to match "interviews" with "interviewer".

    Deliberately crude (suffix stripping): it only has to put a word and its inflections on
    the same key, for the lexicon and for the record's topics alike.
    """
    w = word.strip("'-.")
    if w.endswith(_CLITICS):
        for clitic in _CLITICS:
            if w.endswith(clitic):
                w = w[: -len(clitic)]
                break
    # Only the suffixes ending in the word's last letter, in their order: the first one
    # that fits wins, as in the full list (the stems of ~1,000 lexicon words at import).
    for suffix in _SUFFIXES_BY_LAST.get(w[-1:], ()):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3:
            w = w[: -len(suffix)]
            if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "ls":
                w = w[:-1]
            break
    if len(w) > 4 and w[-1] in "ey":
        w = w[:-1]
    return w


def _stems(words: str) -> frozenset[str]:
    return frozenset(stem(w) for w in words.split())


FUNCTION_WORDS = frozenset(_FUNCTION.split())
#: Stems of the function words and the genre vocabulary: what is not a detail.
COMMON = _stems(_FUNCTION) | _stems(_GENRE) | FUNCTION_WORDS

_PARTS = re.compile(r"[-.'](?!$)")
COMMON_WORD, DETAIL, NUMBER = 0, 1, 2
#: Words already classed: a dictionary lookup is cheaper than a cached call.
CLASSES: dict[str, tuple[int, str]] = {}
#: Past this many entries the memo is cleared (1 MB of unusual words must not grow it forever).
CLASSES_MAX = 50_000


@lru_cache(maxsize=8192)
def is_common(lower: str) -> bool:
    """Whether a lower-case word is a function word or genre vocabulary (not a detail)."""
    if lower in COMMON:
        return True
    parts = [p for p in _PARTS.split(lower) if p]
    return bool(parts) and all(p in COMMON or stem(p) in COMMON for p in parts)


def word_class(lower: str) -> tuple[int, str]:
    """How a lower-case word counts (COMMON_WORD, DETAIL or NUMBER) and its stem."""
    found = CLASSES.get(lower)
    if found is None:
        if any(c.isdigit() for c in lower):
            kind = NUMBER
        elif len(lower) <= 2 or is_common(lower):
            kind = COMMON_WORD
        else:
            kind = DETAIL
        if len(CLASSES) >= CLASSES_MAX:
            CLASSES.clear()
        found = CLASSES[lower] = (kind, stem(lower))
    return found
