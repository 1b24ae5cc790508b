"""A language model's answer made into a draft, in the composer's form.

Models wrap a draft in things that must not be sent: a code fence, a preamble ("Here is
your draft:"), notes after it ("Let me know if you'd like changes"), markdown bold.
:func:`parse_reply` takes them away and tidies the rest as the composer tidies a
template. Pure.
"""

from __future__ import annotations

import re

from followup.domain.compose.composer import tidy

_FENCE = re.compile(r"```[^\n]*\n(.*?)(?:^```|\Z)", re.DOTALL | re.MULTILINE)
_FENCE_LINE = re.compile(r"^```.*$\n?", re.MULTILINE)
#: A first line that is the model talking about the draft: "Here is your draft", "Sure!",
#: or a line ending in a colon that names it ("Revised email:"). A draft's own first line
#: ("This is Sam calling", "Here is the article I mentioned.") stays.
_PREAMBLE = re.compile(
    r"(?:(?:here(?:'s| is| are)|below is)\b"
    r"(?:.*\b(?:draft|email|message|note|version|script|rewrite)s?\b.*|.*:)"
    r"|(?:sure|certainly|of course|okay|ok|absolutely)\b[!,.].*"
    r"|(?:i(?:'ve| have)|this is|revised|improved|updated|draft|email|message|note|script|"
    r"the (?:revised |improved |new )?(?:draft|email|message|note))\b.*:)\Z",
    re.IGNORECASE,
)
_AFTERWORD = re.compile(
    r"(?:\(?notes?:|word count|explanation|changes made|i hope this (?:helps|works|fits)|"
    r"let me know if you(?:'d| would)? like|feel free to (?:adjust|edit|tweak|change)|"
    r"this (?:draft|version|rewrite) )",
    re.IGNORECASE,
)
_SUBJECT_MARK = re.compile(r"\A\**\s*subject(?: line)?\s*:\s*\**\s*", re.IGNORECASE)


def parse_reply(text: str) -> str:
    """The draft in a model's answer, in the composer's form (``composer.tidy``).

    Takes the inside of a code fence, drops a preamble line ("Here is your draft:") and
    notes after the message ("Note: ...", "Let me know if you'd like changes"), turns a
    markdown ``**Subject:**`` into ``Subject:``, and unwraps surrounding quotes. An answer
    with no message left is "".
    """
    body = text.replace("\r\n", "\n").replace("\r", "\n").strip().lstrip("\ufeff")
    fenced = _FENCE.search(body)
    if fenced is not None:
        body = fenced.group(1)
    body = _FENCE_LINE.sub("", body).strip()
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
    while paragraphs and _is_preamble(paragraphs[0]):
        lines = paragraphs[0].split("\n", 1)
        paragraphs[0:1] = [lines[1].strip()] if len(lines) > 1 else []
    while len(paragraphs) > 1 and (_AFTERWORD.match(paragraphs[-1]) or paragraphs[-1] == "---"):
        paragraphs.pop()
    body = "\n\n".join(p for p in paragraphs if p)
    if len(body) > 1 and (body[0], body[-1]) in (('"', '"'), ("“", "”")):
        body = body[1:-1].strip()
    mark = _SUBJECT_MARK.match(body)
    if mark is not None:
        body = "Subject: " + body[mark.end() :]
    body = body.replace("**", "")  # markdown bold: the asterisks would be sent as typed
    return tidy(body) if body.strip() else ""


def _is_preamble(paragraph: str) -> bool:
    """Whether a paragraph's first line is the model talking about the draft."""
    first = paragraph.split("\n", 1)[0].strip()
    if first == "---":
        return True
    if _SUBJECT_MARK.match(first) or len(first.split()) > 25:
        return False
    return _PREAMBLE.match(first.strip("*# ")) is not None
