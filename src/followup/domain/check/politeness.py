"""How polite a draft reads: the strategies of Danescu-Niculescu-Mizil et al. (2013).

"A computational approach to politeness" (ACL 2013) named the moves that make a request
read as polite or rude: gratitude, deference, greetings, apologies, "please", hedges,
"could you" against "can you", a direct "why ...?", a sentence that opens with "so" or
"you", and more. Each strategy here is a yes/no feature of the draft (:data:`STRATEGIES`
names and explains them); a small lexicon of words adds what the strategies miss. A
logistic regression over both gives the probability that a reader finds the draft
polite. Its weights are fitted by ``bench/fit_politeness.py`` on the Stanford Politeness
Corpus (Wikipedia requests, top against bottom quartile) and ship in
``data/politeness.json``, read once on first use. Pure Python: a sum and a sigmoid.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from followup.domain.check.text import Draft

# Each strategy: "name: what it spots" (for reports), then, indented, how. "^" lists the
# words a sentence opens with; otherwise single words, then each phrase after a "|"
# (whole words, lower case); nothing: worked out in code. The lists are ours, written
# for this checker: the paper's hedge list (Hyland) and opinion lexicon (Liu and Hu)
# are not copied.
_TABLE = """
gratitude: thanks the reader ("thank you", "I appreciate")
    thanks thank thx thankful grateful gratitude appreciate appreciated appreciates
    appreciating appreciation
deference: a sentence opens with praise ("great work", "nice")
    ^great good nice interesting cool excellent awesome wonderful fantastic impressive
    brilliant well
greeting: a greeting ("hi", "hello", "dear")
    ^hi hello hey dear greetings howdy
positive: a word of the positive lexicon
    good great nice helpful excellent wonderful awesome fantastic brilliant glad happy pleased
    enjoyed enjoy kind kindly welcome interesting useful valuable appreciated impressive
    impressed love lovely best better perfect fine fair clear cool excited exciting insightful
    thoughtful generous pleasure delighted warm warmly superb outstanding correct right agree
    support improve improved well hope
negative: a word of the negative lexicon
    bad wrong stupid silly ridiculous nonsense useless worse worst terrible awful horrible
    annoying annoyed angry hate fail failed failure problem problems mess poor poorly
    unacceptable disappointed disappointing rude lazy pointless vandalism vandal biased false
    lie lies lying incorrect broken damn crap idiot dumb waste ignore ignored ignoring
    unfortunately complain concern confused confusing
apologizing: an apology ("sorry", "I apologize", "excuse me")
    sorry apologize apologise apologized apologised apologizes apologies apology apologizing
    oops whoops woops |forgive me |excuse me |pardon me |my bad |my mistake
please: "please" inside a sentence
please_start: a sentence opens with "please"
    ^please pls plz
indirect_btw: an aside ("by the way")
    btw incidentally |by the way
direct_question: a sentence opens with "what", "who", "how", "where" or "when"
    ^what who how where when which whose
why_question: asks "why"
    why
direct_start: a sentence opens with "so", "then", "and", "but" or "or"
    ^so then and but or
counterfactual: "could you", "would you"
    |could you |would you
indicative: "can you", "will you"
    |can you |will you
first_person_start: a sentence opens with "I" or "my"
    ^i me my mine myself i'm i've i'd i'll
first_plural: "we", "our", "us"
    we our ours us ourselves we're we've we'll let's
first_person: "I", "me", "my" inside a sentence
second_person: "you", "your" inside a sentence
second_person_start: a sentence opens with "you" or "your"
    ^you your yours yourself yourselves you're you've you'd you'll u
hedges: a hedge ("I think", "perhaps", "might", "I was wondering")
    perhaps maybe possibly probably presumably might seem seems seemed apparently somewhat
    suggest suggestion likely unclear wondering |i think |i believe |i suppose |i guess
    |i assume |i feel |i wonder |sort of |kind of |a bit |a little |not sure |if possible
factuality: an insistence on fact ("in fact", "actually", "obviously")
    actually obviously clearly indeed really honestly certainly surely exactly |in fact
    |of course |the point is |the fact is |the truth is |the reality is
conditional: a request made conditional ("if you could", "if you have time")
    |if you could |if you would |if you can |if you have |if you get |if you are able
    |if you don't mind |if you wish |if you want |if you like |if you need |if it's not
    |if that's |when you have a chance |when you get a chance
indirect_request: asks whether the reader is able or willing ("is it possible")
    |is it possible |would it be possible |any chance |be able |be willing |be interested
    |are you able |are you willing |are you interested |were you able |do you mind
    |would you mind |wondering if |wondering whether |wonder if |wonder whether
permission: asks leave ("may I", "do you mind if")
    |may i |may we |might i |is it ok |is it okay |is it alright |do you mind if
    |would you mind if |can i ask |could i ask
help: asks for or offers help ("help", "helpful")
    help helps helped helping helpful assist assistance
negation: a negation ("not", "never", "nothing", "cannot")
    not no never nothing none nobody cannot without unless
third_person: talks about someone else ("he", "she", "they", "his")
    he she him her his hers they them their he's she's they're
imperative_start: a sentence opens with an order ("stop", "explain", "tell me")
    ^stop explain tell give show answer quit don't remove leave fix read
offer: offers or invites ("let me know", "feel free", "happy to")
    |let me know |feel free |happy to |glad to |don't hesitate |do not hesitate
    |if you need |i can help |i can send |i can provide |i can share
insistence: insistent punctuation ("??", "?!") or shouting in capitals
exclamation: an exclamation mark
"""


#: Every strategy: its name (a key of the weights file) and what it spots.
STRATEGIES: dict[str, str] = {}
_STARTS: dict[str, frozenset[str]] = {}
# Which strategies a sentence's first word, and a word anywhere, signal; a phrase is
# looked for only when its longest (rarest) word is in the draft.
_BY_OPENER: dict[str, set[str]] = {}
_BY_WORD: dict[str, set[str]] = {}
_BY_KEY: dict[str, list[tuple[str, str]]] = {}
for _name, _what, _how in re.findall(r"^(\w+): (.*)\n((?:    .*\n)*)", _TABLE, re.M):
    STRATEGIES[_name] = _what
    if _how.lstrip().startswith("^"):
        _STARTS[_name] = frozenset(_how.replace("^", " ").split())
        for _word in _STARTS[_name]:
            _BY_OPENER.setdefault(_word, set()).add(_name)
        continue
    _head, *_phrases = _how.split("|")
    for _word in _head.split():
        _BY_WORD.setdefault(_word, set()).add(_name)
    for _phrase in _phrases:
        _parts = _phrase.split()
        _BY_KEY.setdefault(max(_parts, key=len), []).append((_name, " ".join(_parts)))
_OPENER_KEYS = frozenset(_BY_OPENER)
_WORD_KEYS = frozenset(_BY_WORD)
_PHRASE_KEYS = frozenset(_BY_KEY)
_INSIDE = [(n, _STARTS[f"{n}_start"]) for n in ("please", "first_person", "second_person")]
#: Five capitals in a row; a whole word of them is shouting (acronyms are mostly shorter:
#: NASA, HTML and JSON are not shouting).
_CAPS = re.compile(r"[A-Z][A-Z][A-Z][A-Z][A-Z]")
_SHOUT = re.compile(r"(?<![\w'])[A-Z]{5,}(?![\w'])")
#: The first word of a sentence, after any quotes, bullets or brackets.
_OPENER = re.compile(r"[\W_]*([^\W_]+(?:'[^\W_]+)?)")


def openers(draft: Draft) -> list[str]:
    """The first word of each sentence of the draft, in lower case."""
    low = draft.lower
    out = []
    for sentence in draft.sentences:
        found = _OPENER.match(low, sentence.start, sentence.end)
        if found is not None:
            out.append(found.group(1))
    return out


def _read(draft: Draft) -> tuple[set[str], set[str]]:
    """The strategies the draft uses, and the distinct words of its body (lower case)."""
    low = draft.lower
    # Draft.words is shared by every rule; slicing the lower-cased text is cheaper than
    # a scan of our own. Set intersections do the matching in C: the Python loops below
    # run once per word or phrase found, not once per word of the draft.
    words = [low[w.start : w.end] for w in draft.words]
    seen = set(words)
    starts = openers(draft)
    fired: set[str] = set()
    for word in _OPENER_KEYS.intersection(starts):
        fired |= _BY_OPENER[word]
    for word in _WORD_KEYS.intersection(seen):
        fired |= _BY_WORD[word]
    keys = _PHRASE_KEYS.intersection(seen)
    if keys:
        joined = f" {' '.join(words)} "
        for key in keys:
            for name, phrase in _BY_KEY[key]:
                if name not in fired and f" {phrase} " in joined:
                    fired.add(name)
    body = draft.body_lower
    if "n't" in body:
        fired.add("negation")
    # "please", "I" and "you" count inside a sentence only when they occur more often
    # than as a sentence's first word: the paper tells the two places apart.
    for name, forms in _INSIDE:
        present = forms.intersection(seen)
        if present and sum(map(words.count, present)) > sum(map(forms.__contains__, starts)):
            fired.add(name)
    if "!" in body:
        fired.add("exclamation")
        if "!!" in body or "?!" in body or "!?" in body:
            fired.add("insistence")
    if "??" in body or _shouts(draft):
        fired.add("insistence")
    return fired, seen


def _shouts(draft: Draft) -> bool:
    """Whether the body holds a word of five or more capitals."""
    # The plain search is several times faster; the exact one runs only after a hit.
    if _CAPS.search(draft.text, draft.body_start) is None:
        return False
    return _SHOUT.search(draft.text, draft.body_start) is not None


def strategies(draft: Draft) -> list[str]:
    """The names of the strategies the draft uses, in the order of :data:`STRATEGIES`."""
    fired = _read(draft)[0]
    return [name for name in STRATEGIES if name in fired]


def tokens(draft: Draft) -> set[str]:
    """The distinct words of the draft's body, in lower case (what the lexicon reads)."""
    return _read(draft)[1]


@dataclass(frozen=True, slots=True)
class Model:
    """The fitted weights: an intercept, one weight per strategy and per lexicon word."""

    intercept: float
    strategies: dict[str, float]
    lexicon: dict[str, float]
    #: The lexicon's words as a set: intersected with the draft's in C, not looped.
    words: frozenset[str]

    def contributions(self, draft: Draft) -> list[tuple[str, float]]:
        """What moved the estimate, as (name, weight) pairs, biggest effect first.

        A strategy appears under its name, a lexicon word as ``word:<word>``.
        """
        fired, seen = _read(draft)
        parts = [(n, self.strategies.get(n, 0.0)) for n in STRATEGIES if n in fired]
        parts += [(f"word:{w}", self.lexicon[w]) for w in self.words.intersection(seen)]
        return sorted(parts, key=lambda p: (-abs(p[1]), p[0]))

    def logit(self, draft: Draft) -> float:
        """The log-odds that the draft reads as polite."""
        fired, seen = _read(draft)
        weights, lexicon = self.strategies, self.lexicon
        z = self.intercept + sum(weights.get(n, 0.0) for n in fired)
        return z + sum(lexicon[w] for w in self.words.intersection(seen))


def from_json(data: dict[str, object]) -> Model:
    """The model a weights file describes (the schema ``bench/fit_politeness.py`` writes)."""
    weights = data["weights"]
    if not isinstance(weights, dict):
        raise ValueError("politeness weights: 'weights' must be an object")
    unknown = set(weights["strategies"]) - set(STRATEGIES)
    if unknown:
        raise ValueError(f"politeness weights: unknown strategies {sorted(unknown)}")
    lexicon = {str(k): float(v) for k, v in weights["lexicon"].items()}
    return Model(
        intercept=float(weights["intercept"]),
        strategies={str(k): float(v) for k, v in weights["strategies"].items()},
        lexicon=lexicon,
        words=frozenset(lexicon),
    )


@cache
def model() -> Model:
    """The shipped model, read from the package data on first use."""
    # Through this module's loader (a directory or a zip alike): importlib.resources
    # costs ~4 ms of imports at start-up for one small file.
    path = str(Path(__file__).parent / "data" / "politeness.json")
    get_data = getattr(__spec__.loader, "get_data", None)
    raw = get_data(path) if get_data is not None else Path(path).read_bytes()
    return from_json(json.loads(raw.decode("utf-8")))


def probability(draft: Draft) -> float:
    """The probability that a reader finds the draft polite (0.5 for an empty one)."""
    if not draft.body_lower.strip():
        return 0.5
    z = min(50.0, max(-50.0, model().logit(draft)))  # no overflow in exp
    return 1.0 / (1.0 + math.exp(-z))
