"""Defects planted into filled good samples, each with the span a checker must point at.

A plant replaces one value the filler put in (:class:`samples.Placed`) or one word, so
the rest of the message stays the model the page showed:

- ``company``: another of the user's companies (``other_companies``) for this one;
- ``misspelled``: the interviewer's name with one typing slip (a dropped, doubled,
  swapped or neighbouring key), never another recorded name;
- ``elsewhere``: someone from another of the user's interviews (``people_elsewhere``), in
  the same form (first name, full name, "Ms. Last");
- ``placeholder``: a template blank in one of many shapes (``[Company Name]``,
  ``{name}``, ``<ROLE>``, ``____ (position)``, ``XXX``, ``Your Name``, ...);
- spelling: a misspelling of Norvig's test set, in place of its right word when the
  message has it, else in a short sentence added before the signature.
"""

from __future__ import annotations

import random
import re

from followup.domain.check.text import Draft
from samples import Filled

#: The category a checker must report for each planted defect.
CATEGORY = {
    "company": "company",
    "misspelled": "name",
    "elsewhere": "name",
    "placeholder": "placeholder",
}
#: The keys next to each key (a slip of the finger lands on one of them).
_KEYS = "q:wa w:qes e:wrd r:etf t:ryg y:tuh u:yij i:uok o:ipl p:ol a:qsz s:awdx d:sefc f:drgv "
_KEYS += "g:fthb h:gyjn j:hukm k:jil l:kop z:asx x:zdc c:xfv v:cgb b:vhn n:bjm m:nk"
_NEAR = dict(pair.split(":") for pair in _KEYS.split(" "))
_WORDS = {
    "company": ("Company Name", "Company", "Organization Name", "Employer", "Company name"),
    "role": ("Position", "Job Title", "Position Title", "Role", "role name"),
    "person": ("Interviewer's Name", "Hiring Manager's Name", "Name", "Interviewer", "First Name"),
    "sender": ("Your Name", "Your Full Name", "Name", "Signature"),
    "topic": ("specific topic", "Insert something you discussed", "detail from the interview"),
    "team": ("Team Name", "Department"),
    "date": ("Date", "Day"),
}
_STOCK = {
    "person": ("Mr./Ms. Last Name", "Mr./Mrs. Last Name", "Hiring Manager's Name"),
    "sender": ("Your Name", "Your Full Name", "Your Name Here"),
    "company": ("XXX Company", "Company Name"),
}


def _between(text: str, start: int, end: int, new: str) -> tuple[str, tuple[int, int]]:
    return text[:start] + new + text[end:], (start, start + len(new))


def plant(kind: str, f: Filled, rng: random.Random) -> tuple[str, tuple[int, int]] | None:
    """``f``'s text with one defect of this kind, and its span; None if it has no place."""
    types = {"company": ("company",), "placeholder": None}.get(kind, ("person", "formal"))
    spots = [p for p in f.placed if types is None or p.type in types]
    if not spots:
        return None
    p = rng.choice(spots)
    if kind == "company":
        return _between(f.text, p.start, p.end, rng.choice(f.context.other_companies))
    if kind == "placeholder":
        return _between(f.text, p.start, p.end, blank(p.type, rng))
    # The name's words, not the honorific ("Ms." in "Ms. Okafor").
    names = [m for m in re.finditer(r"[^\W\d_][\w'’-]*\.?", p.value) if m.group()[-1] != "."]
    if kind == "misspelled":
        m = rng.choice(names)
        taken = {n.lower() for person in f.context.interviewers for n in person.name.split()}
        wrong = slip(m.group(), rng, avoid=taken)
        return _between(f.text, p.start + m.start(), p.start + m.end(), wrong)
    other = rng.choice(f.context.people_elsewhere)
    first, _, last = other.partition(" ")
    if p.who is not None and p.value == p.who.first:
        new = first
    elif p.who is not None and p.value == p.who.formal:
        new = f"{p.who.honorific} {last}"
    else:
        new = other
    return _between(f.text, p.start, p.end, new)


def slip(word: str, rng: random.Random, avoid: frozenset[str] | set[str] = frozenset()) -> str:
    """``word`` with one typing slip; never the word itself nor one of ``avoid``."""
    letters = [i for i, c in enumerate(word) if c.isalpha()]
    while True:
        i = rng.choice(letters)
        c = word[i].lower()
        op = rng.choice(("drop", "double", "swap", "near", "near"))
        if op == "drop" and len(letters) > 3:
            new = word[:i] + word[i + 1 :]
        elif op == "double":
            new = word[: i + 1] + c + word[i + 1 :]
        elif op == "swap" and i + 1 < len(word) and word[i + 1].isalpha():
            a, b = word[i], word[i + 1]  # swapped letters, each place keeping its case
            a, b = (
                (b.upper() if a.isupper() else b.lower()),
                (a.upper() if b.isupper() else a.lower()),
            )
            new = word[:i] + a + b + word[i + 2 :]
        elif op == "near" and c in _NEAR:
            key = rng.choice(_NEAR[c])
            new = word[:i] + (key.upper() if word[i].isupper() else key) + word[i + 1 :]
        else:
            continue
        if word[0].isupper():
            new = new[0].upper() + new[1:]  # "Kowalski" slips to "Kwoalski", not "kowalski"
        if new.lower() != word.lower() and new.lower() not in avoid:
            return new


#: Mail-merge tags (Mailchimp's spelling) for the values a mailing list holds.
_MERGE = {"person": "*|FNAME|*", "company": "*|COMPANY|*"}


def blank(kind: str, rng: random.Random) -> str:
    """A template blank for a value of this kind, in one of many shapes."""
    key = "person" if kind == "formal" else kind
    word = rng.choice(_WORDS.get(key, ("Name",)))
    snake = re.sub(r"\W+", "_", word.replace("'s", "")).strip("_")
    shapes = (
        f"[{word}]",
        f"[{word.upper()}]",
        f"[Insert {word}]",
        f"<{snake.upper()}>",
        "{" + snake.lower() + "}",
        "{{ " + snake.lower() + " }}",
        "{{" + snake.lower() + "}}",
        f"%{snake.upper()}%",
        _MERGE.get(key, "{{" + snake.lower() + "}}"),  # a mail-merge tag left unmerged
        f"({word})" if word[0].isupper() else f"[{word}]",
        "_" * rng.randint(3, 12),
        "_" * rng.randint(3, 12) + f" ({word.lower()})",
        "X" * rng.randint(3, 4),
        rng.choice(_STOCK.get(key, (f"[{word}]",))),
    )
    return rng.choice(shapes)


#: Sentences a misspelling is planted in, by the ending of the right word (a rough part
#: of speech, so that the sentence reads as English), then for any word.
_FRAMES = {
    "ly": ("I {w} agree with the plan you described.", "It went {w} well, I thought."),
    "ed": ("Everything was {w} well, as you said.", "I was glad it {w} the way it did."),
    "ing": ("I look forward to {w} more with the team.", "Thank you for {w} that with me."),
    "": (
        "I also noted {w} in my notes from our talk.",
        "Your remark about {w} was a highlight.",
        "We touched on {w} briefly, too.",
        "I would be glad to say more about {w}.",
    ),
}


def misspell(
    f: Filled, right: str, wrong: str, rng: random.Random
) -> tuple[str, tuple[int, int], str]:
    """``f``'s text with ``wrong`` for ``right``; the span; "replaced" or "added".

    In place of the right word when the message has it outside the filled values, else
    in a short sentence added after the last sentence before the signature.
    """
    taken = [(p.start, p.end) for p in f.placed]
    spots = [
        m
        for m in re.finditer(r"\b" + re.escape(right) + r"\b", f.text, re.I)
        if not any(m.start() < e and s < m.end() for s, e in taken)
    ]
    if spots:
        m = rng.choice(spots)
        new = wrong[0].upper() + wrong[1:] if m.group()[0].isupper() else wrong
        text, span = _between(f.text, m.start(), m.end(), new)
        return text, span, "replaced"
    draft = Draft(f.text, f.sample.kind)
    end = len(f.text)
    senders = [p.start for p in f.placed if p.type == "sender"]
    if draft.signoff is not None:
        end = draft.signoff.start
    elif senders:
        end = max(senders)
    stops = [m.end() for m in re.finditer(r"[.!?](?=\s|$)", f.text[:end])]
    at = stops[-1] if stops else len(f.text[:end].rstrip())
    ending = next(e for e in _FRAMES if right.endswith(e))
    frame = rng.choice(_FRAMES[ending])
    sentence = " " + frame.format(w=wrong)
    start = at + 1 + frame.index("{w}")
    return f.text[:at] + sentence + f.text[at:], (start, start + len(wrong)), "added"
