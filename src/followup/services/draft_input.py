"""What `followup draft` is asked for, checked before anything is read or composed.

The kind, the variant's name, the recipient's name and whether the format fits the kind:
each refusal is an InputError naming the option and the fix (exit 2), so a path given as
a variant or a pasted paragraph given as a name is refused plainly and nothing is stored.
"""

from __future__ import annotations

from followup.domain.compose.model import SPECS, DraftKind
from followup.errors import InputError

#: Plan steps that are the user's own (nothing is sent, nothing is drafted): what to run.
OWN_STEPS = {
    "reflection": (
        "Write it with `followup reflect N` (N: the interview's #N in `followup show {id}`)"
    ),
    "keep-applying": "Mark it with `followup done {id} keep-applying`",
}


def parse_kind(raw: str | None, application: int | None = None) -> DraftKind | None:
    """A draft kind as typed (any case, ``_`` for ``-``); InputError listing them.

    A step of the user's own (a reflection) is refused saying what to do instead.
    """
    if raw is None:
        return None
    text = "-".join(raw.strip().lower().replace("_", " ").split())
    if text in OWN_STEPS:
        ident = application if application is not None else "ID"
        how = OWN_STEPS[text].format(id=ident)
        article = "a " if text == "reflection" else ""
        raise InputError(
            "--kind",
            f"{article}{text} is your own step: nothing is sent, so nothing is drafted.",
            fix=f"{how}; draft the steps sent to someone (`followup plan {ident}` lists them).",
        )
    try:
        return DraftKind(text)
    except ValueError:
        shown = raw if len(raw) <= 40 else raw[:40] + "…"
        valid = ", ".join(k.value for k in DraftKind)
        raise InputError(
            "--kind", f"{shown!r} is not a kind of draft.", fix=f"Use {valid}."
        ) from None


#: What each shape is, said when an .eml of it is asked for.
_NOT_MAIL = {"note": "a LinkedIn note", "spoken": "said on the phone", "card": "written by hand"}


def mailable(kind: DraftKind, single: bool) -> None:
    """``single`` (an .eml) only for a kind that is an email: a call script is not mailed."""
    shape = SPECS[kind].shape.value
    if single and shape in _NOT_MAIL:
        article = "an" if kind.value[0] in "aeiou" else "a"
        raise InputError(
            "--format",
            f"{article} {kind.value} is {_NOT_MAIL[shape]}, not an email: eml does not fit it.",
            fix="Use --format text or json.",
        )


def person(raw: str | None, field: str = "--to") -> str | None:
    """A recipient's name as typed: one line of at most 200 characters, not blank."""
    from followup.domain import validate

    if raw is not None and not raw.strip():
        raise InputError(field, "is empty.", fix="Give an interviewer's full or first name.")
    return validate.line(field, raw)


def parse_variant(raw: str | None) -> str | None:
    """A variant's name as typed: what a template's file can be called, nothing else.

    Checked before anything is read, so a path or a pasted paragraph is refused plainly.
    """
    from followup.domain.compose.templates import NAME

    if raw is None or NAME.fullmatch(raw.strip()):
        return raw.strip() if raw is not None else None
    shown = repr(raw) if len(raw) <= 40 else repr(raw[:40]) + "…"
    raise InputError(
        "--variant",
        f"{shown} is not a variant's name: 1 to 40 letters, digits, - and _ (the name of "
        "a template file without .j2).",
        fix="Give 1, 2, ... or your template's name; leave it out for the best variant.",
    )
