"""Regular expressions compiled on first use.

Compiling every pattern of the rules at import was most of the checker's start-up (a
cold ``followup check``), while most drafts never need most of them: a rare phrase, a
pattern guarded by an anchor word, a rule for another kind of message. A pattern that a
draft does need costs the same either way.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

_END = sys.maxsize  # re's default end of a search


class Lazy:
    """A regex compiled when first used, with the methods of ``re.Pattern`` the rules use."""

    __slots__ = ("_compiled", "flags", "pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern, self.flags = pattern, flags
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        """The compiled pattern (compiled now if it is not yet)."""
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self.flags)
        return self._compiled

    def finditer(self, text: str, pos: int = 0, end: int = _END) -> Iterator[re.Match[str]]:
        """``re.Pattern.finditer``."""
        return (self._compiled or self.compiled()).finditer(text, pos, end)

    def search(self, text: str, pos: int = 0, end: int = _END) -> re.Match[str] | None:
        """``re.Pattern.search``."""
        return (self._compiled or self.compiled()).search(text, pos, end)

    def match(self, text: str, pos: int = 0, end: int = _END) -> re.Match[str] | None:
        """``re.Pattern.match``."""
        return (self._compiled or self.compiled()).match(text, pos, end)

    def fullmatch(self, text: str, pos: int = 0, end: int = _END) -> re.Match[str] | None:
        """``re.Pattern.fullmatch``."""
        return (self._compiled or self.compiled()).fullmatch(text, pos, end)
