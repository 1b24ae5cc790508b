"""A table of patterns over lower-case text, each run only when the text holds its anchor.

:class:`Phrases` is a table of patterns, each guarded by a literal it must contain: a
pattern runs only on drafts that hold its anchor, so twenty patterns cost little more than
twenty substring tests on the drafts they cannot match (most of them). Patterns compile on
first use (:class:`.lazy.Lazy`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from followup.domain.check.lazy import Lazy


def _spaced(before: str, after: str) -> bool:
    """Whether a table line's continuation is joined to the pattern with a space."""
    return not (after.startswith(("|", ")", "(?: ")) or before.endswith(("|", "(", " )?", " )")))


#: Runs of ASCII letters: the anchors are ASCII words, and an ASCII run is found whole
#: whatever letters stand around it (a Unicode class is several times slower).
_TOKEN = re.compile(r"[a-z]+")
_words: tuple[str, frozenset[str]] | None = None


def words_of(low: str) -> frozenset[str]:
    """The runs of letters of a lower-case text ("didn't" gives "didn" and "t").

    Kept for the text being checked: every tone table asks about the same body.
    """
    global _words
    last = _words
    if last is not None and last[0] is low:
        return last[1]
    found = frozenset(_TOKEN.findall(low))
    _words = (low, found)
    return found


class Phrases:
    """Patterns over lower-case text, each run only when the text holds one of its anchors.

    ``entries`` are ``(anchors, pattern)``: anchors joined by ``|``, one of which every
    match of the pattern contains: a word (a run of letters, matched against the text's
    words, so "desperate" does not stand for "desperately"), or any other literal, which
    is looked for as it is (``??``; a leading ``*`` marks a literal of letters: ``*uck``).
    A match must start a word: patterns begin with a literal rather than a word boundary
    (so the regex engine can skip ahead to it), and the start is checked here.
    """

    __slots__ = ("_entries",)

    def __init__(self, entries: Iterable[tuple[str, str]]) -> None:
        built = []
        for anchor, pattern in entries:
            keys = anchor.split("|")
            words = frozenset(k for k in keys if k.isalpha())
            literals = tuple(k.lstrip("*") for k in keys if not k.isalpha())
            built.append((words, literals, Lazy(pattern)))
        self._entries = tuple(built)

    def compile_all(self) -> None:
        """Compile every pattern now (a pattern is otherwise compiled on first use)."""
        for _, _, pattern in self._entries:
            pattern.compiled()

    @classmethod
    def table(cls, text: str) -> Phrases:
        """Phrases from lines ``anchors => pattern``; an indented line continues the pattern.

        A continuation is joined with one space (a pattern breaks between words), but with
        none next to an alternation's ``|``, a bracket, or a group that brings its own
        space (``(?:an? )?``, ``(?: from you)?``).
        """
        entries: list[tuple[str, str]] = []
        for line in text.splitlines():
            if not line.strip():
                continue
            if line[0].isspace():
                anchor, pattern = entries.pop()
                more = line.strip()
                glue = " " if pattern and _spaced(pattern, more) else ""
                entries.append((anchor, pattern + glue + more))
            else:
                anchor, _, pattern = line.partition("=>")
                entries.append((anchor.strip(), pattern.strip()))
        return cls(entries)

    def finditer(self, low: str) -> Iterator[re.Match[str]]:
        """Every match in ``low`` that starts a word, pattern by pattern."""
        words = words_of(low)
        for keys, literals, pattern in self._entries:
            if keys.isdisjoint(words):
                for literal in literals:
                    if literal in low:
                        break
                else:
                    continue  # no anchor: the pattern cannot match
            for m in pattern.finditer(low):
                at = m.start()
                if at == 0 or not low[at - 1].isalnum():
                    yield m

    def spans(self, low: str) -> list[tuple[int, int]]:
        """Where the patterns match, in order, a match inside a longer one left out."""
        found = sorted({m.span() for m in self.finditer(low)}, key=lambda s: (s[0], -s[1]))
        out: list[tuple[int, int]] = []
        for start, end in found:
            if not out or start >= out[-1][1]:
                out.append((start, end))
            elif end > out[-1][1]:
                out[-1] = (out[-1][0], end)
        return out
