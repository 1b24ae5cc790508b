"""Tone: pushy, desperate, guilt-tripping, ultimatums, sarcasm, demands, hostility.

Seed 000: "be respectful of the employer's time and not come across as pushy or
desperate"; seed 002's don'ts: "Be overly persistent or pushy", "Expect an immediate
response"; seed 003: "avoid being overly aggressive or appearing desperate". Each pattern
names a move a reader resents, not a word: a hedged question about the timeline ("I'm
wondering if you have a timeline") is the advice, not the fault, and passes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

from followup.domain.check.lazy import Lazy
from followup.domain.check.model import Category, Severity
from followup.domain.check.phrases import Phrases
from followup.domain.check.registry import Analysis, Finder, Hit, Rule

_PUSHY = Phrases.table(r"""
remember => do you (?:still )?remember me\b
why => why (?:haven't|have not|hasn't|has not) (?:(?:i|anyone|anybody|someone)
    (?:heard|been contacted|gotten|received)|you (?:replied|responded|answered|gotten back|called))
long => (?:why (?:is|has) (?:this|it|the process|everything) (?:taking|taken)|what(?:'s| is)
    taking) so long
need|expect => i (?:still )?(?:need|expect) (?:an? )?
    (?:answer|response|reply|update|decision)\b(?! (?:by|before|no later than|within)\b)
demand => i (?:still )?demand\b
nobody|one => (?:nobody|no one) (?:has|have|had) (?:gotten back|got back|replied|responded
    |called|contacted|written)
start => when (?:do|can|will|shall) i start\b
waiting => (?:i've|i have) been waiting (?:for (?:weeks|days|a week|a month|your|an?
    (?:answer|response|reply|update|decision|news))|to hear (?:back|from you))\b
waiting => (?:i'm|i am) still waiting (?:for (?:your|an?)
    (?:answer|response|reply|update|decision|news)|to hear (?:back|from you)|on you)\b
per => (?:as )?per my (?:last|previous|earlier) (?:e-?mail|message|note|mail)
times => (?:i've|i have) (?:already )?(?:e-?mailed|written|called|messaged|contacted|reached
    out to) you (?:several|many|multiple|three|four|five|a few|\d+) times
""")
#: Asking for speed: pushy when it is the reader's answer that is to hurry.
_HURRY_WORDS = ("as soon as possible", "asap", "immediately", "right away", "urgent")
_HURRY = Lazy(
    r"\b(?:respond|reply|answer|get back to me|hear(?: back)? from you|let me know|update me"
    r"|decide|a decision|an answer|a response|an update)\b[^.!?\n]{0,30}?"
    r"\b(?P<hurry>as soon as possible|asap|immediately|right away|urgently)\b"
)
_UPDATE = re.compile(r"\bany (?:updates?|news)\b")
_RECENT = re.compile(
    r"\b(?:yesterday|earlier today|this morning|last night|hours? ago"
    r"|just (?:spoke|met|talked|interviewed))\b"
)
#: Mild on their own, pushy in an impolite draft: "when will I hear?", "??".
_WHEN = Phrases.table(r"""
when => when (?:will|do) i (?:hear|know|get|receive)\b
still => still (?:haven't|have not|not) (?:heard|received|gotten)
when => when (?:will|are) you (?:going to )?
    (?:get back|be in touch|let me know|decide|make (?:a|your|the) decision|contact me|call me)\b
??|?! => \?[?!]+
""")
#: Below this politeness (the fitted model's probability) a mild pushy hit is a warning.
IMPOLITE = 0.35

_DESPERATE = Phrases.table(r"""
need => i (?:really |desperately |badly |truly |so )?need (?:this|the)
    (?:job|position|role|work|opportunity|money|income|paycheck)(?=\s*(?:[.!,;…]|$|and\b|so\b|because\b
    |badly\b|more\b))
get => if i (?:don't|do not|can't|cannot) get (?:this|the)
    (?:job|position|role|offer)\b
don => i don't know what i(?:'ll| will| would|'d) do\b
please => please (?:just )?(?:give me (?:a|another|one more) chance|hire me)\b
please => please,? please\b
begging|beg => i(?:'m| am) begging\b|i beg (?:you|of you)\b
anything => i(?:'ll| will| would|'d) do anything(?= (?:for|to get)\b|\s*[.!…]|\s*$)
desperate|desperately => i(?:'m| am) (?:so |really |truly )?desperate\b|i desperately
    (?:need|want)\b
hope => my (?:last|only) hope\b
would => (?:this|the) (?:job|role|position|opportunity) would be
    (?:so |really |very |just )?(?:good|great|perfect|amazing|wonderful|life-changing) for me\b
afford => (?:can't|cannot) afford (?:my|the|our) (?:rent|bills)\b
""")
_GUILT = Phrases.table(r"""
took|take|taken => i (?:had to )?(?:took|take|taken)\b[^.!?\n]{0,25}?\b
    (?:off|leave|vacation|pto)\b
after => after (?:all|everything) (?:that )?(?:i've|i have|i)
    (?:done|did|put in|sacrificed|invested|given)\b
owe => you owe me\b
least => the least you (?:could|can) do\b
turned|declined|gave|passed|cancelled|canceled => i
    (?:turned down|declined|gave up|passed up|cancell?ed)\b[^.!?\n]{0,40}?\bfor
    (?:you|this (?:job|role|position|opportunity|interview))\b
drove|traveled|travelled|flew|commuted => i (?:drove|travell?ed|flew|commuted)\b[^.!?\n]{0,30}?\b
    (?:hours|miles|kilomet(?:re|er)s|all the way)\b
spent|put|invested => i (?:spent|put in|invested)
    (?:so much|hours|days|weeks|a lot of|countless)\b[^.!?\n]{0,30}?\b
    (?:preparing|on (?:this|the|your))\b
""")
_CONSEQUENCE = (
    r"i(?:'ll| will| shall)(?: (?:have|need) to| be forced to)? (?:accept|take|withdraw"
    r"|go with|move on|pursue|assume|consider|look elsewhere|rescind|pull)"
)
_ULTIMATUM = Phrases.table(
    r"""
need|must|have|want|expect => i (?:(?:need to|must|have to|want to|expect to)
    (?:hear(?: back)?|know|have an? ANSWER)|(?:need|must have|want|expect) an? ANSWER)
    (?: from (?:you|your team))? (?:by|before|no later than|within)\b
if => if i (?:don't|do not|haven't|have not)
    (?:hear|heard)\b[^.!?\n]{0,60}?\bCONSEQUENCE
unless => unless i hear\b[^.!?\n]{0,30}?\b(?:by|before|within)\b
until => (?<!do )(?<!if )(?:you have|you've got) until\b
otherwise|else => (?:otherwise|or else),? CONSEQUENCE
chance => this is (?:your|the) last chance\b
final => (?:this is (?:your|the) )?final (?:notice|warning)\b
withdraw|accept =>
    i(?:'ll| will) (?:have to )?(?:withdraw|accept (?:another|the other|their) offer)
    (?:if|unless)\b
""".replace("CONSEQUENCE", _CONSEQUENCE).replace("ANSWER", "(?:answer|response|reply|decision)")
)
_SARCASM = Phrases.table(r"""
nothing => thanks (?:a lot |so much |again )?for nothing\b
gee|nice|surprise|yeah => (?:gee,? thanks|must be nice|big surprise|yeah,? right)\b
what => what a (?:surprise|shock)(?=\s*[.!…]|\s*$)
nice|kind|thoughtful|considerate => how (?:nice|kind|thoughtful|considerate) of you to
    (?:ignore|not|never|finally|keep)\b
much => so much for\b
guess => i guess (?:you(?:'re| are| were| have|'ve| don't| do not)?|i(?:'ll| will)
    (?:just|keep)|nobody|no one|that means|not|it (?:doesn't|does not|didn't))\b
obviously => obviously (?:you|your \w+) (?:don't|didn't|do not|did not|can't|haven't|aren't)\b
clearly => clearly (?:you|your \w+) (?:don't|didn't|do not|did not|can't|haven't|aren't)\b
""")
#: "So much for" is sarcasm at the head of a sentence, gratitude after "thank you".
_THANKS_BEFORE = re.compile(r"(?:thanks?|thank you|appreciate it)(?: (?:very|so))?\s*$")
_SCARE = Lazy(
    r"[\"“'‘](?P<word>updates?|decision|process|timeline|feedback|busy|soon"
    r"|consideration|review|priority|professional|professionalism)[\"”'’](?![\w'])"
)
_DEMAND = Phrases.table(r"""
send => send me\b
tell => tell me\b(?! more| about)
back => get back to me\b
reply|respond => (?:reply|respond) (?:to me|by|asap|soon|today|immediately)\b
update|inform => (?:update|inform) me\b
call => call me (?:back|today|tomorrow|by|asap|immediately)\b
give => give me (?:an? )?(?:answer|update|call|decision|response|feedback)\b
know => let me know (?:by|asap|as soon as|immediately|today|tomorrow|right away|your
    decision|the (?:outcome|decision|result)|what you(?:'ve| have)? decided|when
    you(?:'ve| have)? (?:decided|made))\b
email|mail => e-?mail me (?:back|by|asap|today|immediately)\b
confirm => confirm (?:by|asap|today|immediately)\b
""")
#: What may stand before an order at the head of a clause ("So send me ...").
_LEAD = Lazy(r"(?:^|[.!?\n:;,])\s*(?:(?:now|just|so|and|then)\s+)?$")
#: A sentence with these is an offer or a condition, not an order ("tell me if you need").
_SOFT = Lazy(
    r"\b(?:if|whenever|should you|in case|please|kindly|questions?|anything|more about"
    r"|more information|any (?:other|further|additional))\b"
)
_INSULTS = (
    "incompetent|idiot|idiots|idiotic|stupid|clueless|unprofessional|rude|pathetic|ridiculous"
    "|joke|disorganized|disorganised|disrespectful|disgrace|disgraceful|liar|liars|dishonest"
    "|amateur|amateurs|amateurish|moron|morons|useless|unprepared|irrelevant|arrogant"
    "|condescending"
)
_ADVERBS = (
    r"(?:(?:so|such|very|really|completely|totally|truly|utterly|incredibly|extremely|an?) )*"
)
_HOSTILE = Phrases.table(
    r"""
loss => (?<!sorry for )(?<!sorry about )your loss\b
waste|wasted => (?:a )?waste of (?:my |our )?time\b|wasted my time\b
shame|dare|ashamed|people|screw|hell|riddance|bullshit =>
    (?:shame on you|how dare you|you should be ashamed|you people|screw you|go to hell
    |good riddance|bullshit)\b
*uck => f+u+c+k\w*
INSULTS => you(?:'re| are| were)? ADVERBS(?:INSULTS)\b
INSULTS => your (?:company|team|process|firm|organi[sz]ation|recruiters?|hr|interviewers?
    |colleagues?|managers?|questions|interview) (?:is|are|was|were|seemed|seems)
    ADVERBS(?:INSULTS)\b
unprofessional => (?:how|so|incredibly|extremely|very|really|completely|totally|highly|that
    was|this is|it was|it is) unprofessional\b(?! of me| on my part)
""".replace("INSULTS", _INSULTS).replace("ADVERBS", _ADVERBS)
)


def _spans(phrases: Phrases, a: Analysis) -> Iterator[Hit]:
    base = a.draft.body_start
    for start, end in phrases.spans(a.draft.body_lower):
        yield Hit(base + start, base + end)


def _marks(phrases: Phrases) -> Finder:
    """The finder that marks every match of one table (a function of this module)."""
    return lambda a: _spans(phrases, a)


def _pushy(a: Analysis) -> Iterator[Hit]:
    low, base = a.draft.body_lower, a.draft.body_start
    yield from _spans(_PUSHY, a)
    if any(w in low for w in _HURRY_WORDS):
        for m in _HURRY.finditer(low):
            yield Hit(base + m.start("hurry"), base + m.end("hurry"), suggestion="when you can")
    if "any " in low:
        updates = list(_UPDATE.finditer(low))
        recent = bool(updates) and _RECENT.search(low) is not None
        for i, m in enumerate(updates):
            if i or recent:
                why = "Asking for news again in one note" if i else "Asking for news so soon"
                yield Hit(
                    base + m.start(),
                    base + m.end(),
                    message=f"{why} reads as pushy (seed 002: don't expect an immediate response).",
                )
    mild = Severity.WARNING if a.politeness < IMPOLITE else Severity.INFO
    for m in _WHEN.finditer(low):
        yield Hit(base + m.start(), base + m.end(), severity=mild)


def _ultimatum(a: Analysis) -> Iterator[Hit]:
    # "I need to know by Friday" asks for a date more than it sets one: a warning.
    for hit in _spans(_ULTIMATUM, a):
        asks = "need to know" in a.draft.lower[hit.start : hit.end]
        yield Hit(hit.start, hit.end, severity=Severity.WARNING) if asks else hit


def _sarcasm(a: Analysis) -> Iterator[Hit]:
    text, low, base = a.draft.text, a.draft.body_lower, a.draft.body_start
    for m in _SARCASM.finditer(low):
        before = max(0, m.start() - 30)
        if m.group().startswith("so much") and _THANKS_BEFORE.search(low, before, m.start()):
            continue
        yield Hit(base + m.start(), base + m.end())
    if "'" in low or "‘" in low or '"' in low or "“" in low:
        for m in _SCARE.finditer(low):
            if m.start() and (low[m.start() - 1].isalnum() or low[m.start() - 1] == "'"):
                continue  # an apostrophe inside a word, not an opening quote
            start, end = base + m.start(), base + m.end()
            yield Hit(start, end, suggestion=text[start + 1 : end - 1])


def _demand(a: Analysis) -> Iterator[Hit]:
    draft = a.draft
    low, base = draft.body_lower, draft.body_start
    for m in _DEMAND.finditer(low):
        if not _LEAD.search(low, max(0, m.start() - 12), m.start()):
            continue
        start, end = base + m.start(), base + m.end()
        sentences = draft.sentences
        at = bisect_right(sentences, start, key=lambda s: s.start) - 1
        if at >= 0 and _SOFT.search(draft.lower, sentences[at].start, sentences[at].end):
            continue
        verb = draft.text[start:end]
        please = "Please " if verb[:1].isupper() else "please "
        yield Hit(start, end, suggestion=please + verb[:1].lower() + verb[1:])


_W, _E = Severity.WARNING, Severity.ERROR
#: (name, severity, seed, finder, message, summary) of each tone rule.
_TONE: tuple[tuple[str, Severity, str, Finder, str, str], ...] = (
    ("pushy", _W, "000", _pushy,
     "Reads as pushy: ask about the timeline once, politely, and leave the reader room "
     "(seed 000: be respectful of the employer's time and not come across as pushy).",
     "Pushes the reader: 'do you remember me', 'why haven't I heard', 'reply ASAP', "
     "'any updates?' twice or right after the interview; 'when will I hear' and '??' are "
     "info unless the draft reads impolite."),
    ("desperate", _W, "000", _marks(_DESPERATE),
     "Reads as desperate: say what you offer the team, not what the job would do for you "
     "(seed 000: not come across as pushy or desperate).",
     "Begging or need: 'I really need this job', 'please give me a chance'."),
    ("guilt", _W, "000", _marks(_GUILT),
     "Reads as guilt-tripping: what it cost you to interview is not the reader's debt "
     "(seed 000: be respectful of the employer's time).",
     "Guilt-tripping: 'I took the day off', 'after all I've done', 'you owe me'."),
    ("ultimatum", _E, "003", _ultimatum,
     "An ultimatum: a deadline you set for the employer ends the conversation. With "
     "another offer in hand, say so and ask whether they can share their timeline "
     "(seed 003: avoid being overly aggressive or appearing desperate).",
     "A deadline or a threat: 'I need to hear back by', 'if I don't hear, I will'."),
    ("sarcasm", _W, "000", _sarcasm,
     "Reads as sarcastic: irony does not survive email, and the reader decides on you "
     "(seed 000: maintain a positive relationship with the employer).",
     "Sarcasm: 'thanks for nothing', 'I guess you're busy', scare quotes on 'update'."),
    ("demand", _W, "002", _demand,
     "An order to the reader: ask instead, with 'please' or 'could you' "
     "(seed 002: don't expect an immediate response).",
     "An order without please: 'send me', 'let me know by', 'tell me when'."),
    ("hostile", _E, "000", _marks(_HOSTILE),
     "Hostile: whatever happened, this closes the door and may travel "
     "(seed 000: maintain a positive relationship with the employer).",
     "Hostility, often after a rejection: 'your loss', 'a waste of my time'."),
)  # fmt: skip

RULES = tuple(
    Rule(f"tone.{name}", Category.TONE, severity, why, seed, summary, find)
    for name, severity, seed, find, why, summary in _TONE
)
