"""The optional language-model backend: a model rewrites a draft, the checker judges it.

When ``llm_url`` is set, :func:`improve` sends the model this interview's record, the
seeds' advice and the template's draft (:mod:`followup.domain.compose.prompt`), runs the
answer through the same checker with the same context and rules as the composer, and
hands out the model's draft (``variant="llm"``) only when it has no error-severity
finding and scores no lower than the template's draft checked the same way. Otherwise,
or on any failure (no server, a timeout, an HTTP error, an answer that is not a draft),
the template's draft serves, with a one-line note saying why. Without ``llm_url`` nothing
is sent anywhere.

The key is read only here, only when a URL is set, and goes only into the request's
Authorization header: never into a note, a log or an error.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from followup.adapters.llm.client import Endpoint
    from followup.domain.check.model import Report
    from followup.domain.compose.model import Brief, Composed
    from followup.settings import Settings

#: The model's sampling temperature: low, so a draft stays close to the facts given.
TEMPERATURE = 0.3
#: How every note ends: what the user gets instead.
FALLBACK = "The template's draft is used."


def endpoint(settings: Settings) -> Endpoint | None:
    """The configured endpoint, or None when ``llm_url`` is empty (the backend is off)."""
    url = settings["llm_url"]
    if not url:
        return None
    from followup.adapters.llm.client import Endpoint

    return Endpoint(
        url=url,
        model=settings["llm_model"] or "",
        key=settings["llm_api_key"] or None,
        timeout=float(settings["llm_timeout"]),
    )


def improve(
    settings: Settings,
    brief: Brief,
    composed: Composed,
    *,
    user_dir: str | None = None,
    silence: Iterable[str] = (),
    enable: Iterable[str] = (),
    others: tuple[str, ...] = (),
) -> tuple[Composed, str | None]:
    """The model's draft when it checks at least as well as ``composed``, else ``composed``.

    Returns ``(draft, note)``: ``note`` is None when the backend is off or its draft is
    used, else one line saying why the template's draft serves. ``silence`` and
    ``enable`` are the user's rule prefixes (check_silence, check_enable), as given to the
    composer; ``others`` are the bodies of the other notes of a panel, for the duplicate
    rule. ``user_dir`` (the composer's template directory) is accepted so both are called
    alike; the model does not use it. ConfigError for a bad setting; never LlmError.
    """
    draft, note, _ = _attempt(settings, brief, composed, tuple(silence), tuple(enable), others)
    return draft, note


def _attempt(
    settings: Settings,
    brief: Brief,
    composed: Composed,
    silence: tuple[str, ...],
    enable: tuple[str, ...],
    others: tuple[str, ...],
) -> tuple[Composed, str | None, bool]:
    """:func:`improve`'s answer, and whether the endpoint could not be reached at all."""
    where = endpoint(settings)
    if where is None:
        return composed, None, False
    from followup.adapters.llm.client import LlmError, chat
    from followup.domain.compose.prompt import messages, parse_reply

    ask = messages(brief, composed.kind, composed.to, composed.text)
    try:
        answer = chat(where, ask, temperature=TEMPERATURE)
    except LlmError as exc:
        return composed, f"{exc} {FALLBACK}", exc.unreachable
    draft, note = _judged(brief, composed, parse_reply(answer), silence, enable, others)
    return draft, note, False


def _judged(
    brief: Brief,
    composed: Composed,
    text: str,
    silence: tuple[str, ...],
    enable: tuple[str, ...],
    others: tuple[str, ...],
) -> tuple[Composed, str | None]:
    """The model's ``text`` as a draft if the checker rates it no lower than ``composed``."""
    from dataclasses import replace

    from followup.domain.check.model import Severity
    from followup.domain.compose.composer import split
    from followup.domain.compose.model import Candidate

    if not text.strip():
        return composed, f"The model's answer held no draft. {FALLBACK}"
    report, template = _reports(brief, composed, text, silence, enable, others)
    errors = list(dict.fromkeys(f.rule for f in report.findings if f.severity is Severity.ERROR))
    if errors:
        return composed, f"The model's draft has an error ({', '.join(errors)}). {FALLBACK}"
    if report.score < template.score:
        rules = ", ".join(dict.fromkeys(f.rule for f in report.findings))
        why = f" ({rules})" if rules else ""
        return composed, (
            f"The model's draft scored {report.score}{why}, the template's {template.score}. "
            f"{FALLBACK}"
        )
    subject, body = split(text)
    mine = Candidate("llm", text, report)
    return replace(
        composed,
        subject=subject,
        body=body,
        variant="llm",
        report=report,
        candidates=(mine, *composed.candidates),
    ), None


def _reports(
    brief: Brief,
    composed: Composed,
    text: str,
    silence: tuple[str, ...],
    enable: tuple[str, ...],
    others: tuple[str, ...],
) -> tuple[Report, Report]:
    """The checker's reports on the model's draft and on the template's, in one context.

    The template's draft is checked again rather than its stored report reused, so both
    are measured against the same other notes and rules.
    """
    from followup.domain.compose.composer import judge

    def judged(text: str) -> Report:
        return judge(brief, composed.kind, composed.to, text, others=others, silence=silence,
                     enable=enable)  # fmt: skip

    mine, theirs = judged(text), judged(composed.text)
    return mine, theirs


def improve_all(
    settings: Settings,
    brief: Brief,
    drafts: tuple[Composed, ...],
    *,
    user_dir: str | None = None,
    silence: Iterable[str] = (),
    enable: Iterable[str] = (),
) -> tuple[tuple[Composed, ...], tuple[str, ...]]:
    """:func:`improve` for every draft of one ``compose_all``: the drafts and the notes.

    Each draft is checked against the final text of every other one (a panel's notes stay
    different), and once the endpoint cannot be reached the rest are not sent, so a
    stopped server costs one timeout, not one per interviewer.
    """
    out = list(drafts)
    notes: list[str] = []
    quiet, rules = tuple(silence), tuple(enable)
    for index, draft in enumerate(drafts):
        others = tuple(d.body for i, d in enumerate(out) if i != index)
        out[index], note, unreachable = _attempt(settings, brief, draft, quiet, rules, others)
        if note is not None:
            notes.append(note)
        if unreachable:
            break
    return tuple(out), tuple(dict.fromkeys(notes))
