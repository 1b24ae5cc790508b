"""The drafts' templates: the built-in ones, and the user's, which override them.

A template is a Jinja2 file ``<kind>/<variant>.j2``: built in under this package's
``templates/``, or the user's under ``<data_dir>/templates/`` (docs/drafting.md). A user
file with a built-in variant's name replaces it; any other name adds a variant. Shared
pieces (``_common/*.j2``) can be imported by either.

Templates run in Jinja2's sandbox with undefined names refused, so a typo in a user's
template is an error naming it, never an empty gap in a letter. Reading the files is the
only I/O here, done once per directory and cached.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from followup.domain.compose.model import DraftKind

if TYPE_CHECKING:
    from jinja2 import Template
    from jinja2.sandbox import SandboxedEnvironment

BUILT_IN = Path(__file__).parent / "templates"
SUFFIX = ".j2"
#: A variant's name: the file's stem, letters, digits, - and _ (it is typed in --variant).
NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,39}")
#: The largest template file read (the built-in ones are under 2,000 characters): a file
#: pasted by mistake is refused, not rendered into a draft of megabytes.
MAX_SOURCE = 100_000
#: The longest rendered draft: a loop in a user's template stops here instead of running on.
MAX_OUTPUT = 50_000
#: The largest exponent a template may use (``**``): a number, not a computation that hangs.
_MAX_POWER = 1_000


class TemplateProblem(Exception):
    """A template that cannot be read or rendered: its file and what is wrong."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"template {where}: {problem}")
        self.where = where
        self.problem = problem


@dataclass(frozen=True, slots=True)
class Variant:
    """One template of a kind: its name and file, compiled on first use.

    A command drafts one kind: compiling only its templates halves the command's time.
    """

    name: str
    origin: str
    #: The loader's search path and the template's name in it.
    search: tuple[str, ...] = ()
    key: str = ""

    @property
    def template(self) -> Template | None:
        """The compiled template, or None when the file cannot be read or compiled."""
        return _compiled(self.search, self.key)[0]

    @property
    def problem(self) -> str | None:
        """Why the file could not be compiled (then ``template`` is None)."""
        return _compiled(self.search, self.key)[1]

    def render(self, values: dict[str, Any]) -> str:
        """The template filled with ``values``; TemplateProblem when it cannot be."""
        from jinja2 import TemplateError, TemplateNotFound

        template, problem = _compiled(self.search, self.key)
        if template is None:
            raise TemplateProblem(self.origin, problem or "cannot be read")
        try:
            text = _bounded(template, values, self.origin)
        except TemplateNotFound as exc:
            raise TemplateProblem(
                self.origin,
                f"includes {exc.name!r}, which is not a template in the template directories "
                "(a name like _common/NAME.j2, relative to them)",
            ) from None
        except TemplateError as exc:
            raise TemplateProblem(self.origin, str(exc).rstrip(".")) from None
        except (
            ArithmeticError,
            LookupError,
            TypeError,
            ValueError,
            RecursionError,  # a macro that calls itself
            MemoryError,
        ) as exc:
            raise TemplateProblem(self.origin, f"{type(exc).__name__}: {exc}") from None
        if not text.strip():
            raise TemplateProblem(self.origin, "renders an empty draft")
        return text


def _bounded(template: Template, values: dict[str, Any], origin: str) -> str:
    """The rendered text, stopped at MAX_OUTPUT characters (a user's loop can be endless)."""
    parts: list[str] = []
    size = 0
    for part in template.generate(values):
        size += len(part)
        if size > MAX_OUTPUT:
            raise TemplateProblem(origin, f"renders a draft longer than {MAX_OUTPUT:,} characters")
        parts.append(part)
    return "".join(parts)


def pick(seed: int, *options: str) -> str:
    """One of ``options``, chosen by the seed (the reader's place on the panel).

    Each member of a panel gets a different phrasing of the same sentence (seed 003: a
    separate, different note to each).
    """
    return options[seed % len(options)] if options else ""


@lru_cache(maxsize=8)
def _environment(search: tuple[str, ...]) -> SandboxedEnvironment:
    from jinja2 import FileSystemLoader, StrictUndefined, TemplateError
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import SandboxedEnvironment

    class Confined(FileSystemLoader):
        """Reads only files inside the template directories, and none too large.

        A symbolic link in the user's directory is followed only when it stays inside:
        a template never shows a file from elsewhere.
        """

        def get_source(self, environment: Any, template: str) -> Any:
            source, filename, uptodate = super().get_source(environment, template)
            real = Path(filename).resolve()
            if not any(real.is_relative_to(Path(base).resolve()) for base in search):
                raise TemplateError(
                    f"{template} leads outside the template directories (a symbolic link to "
                    f"{real.parent}); copy the file in instead"
                )
            if len(source) > MAX_SOURCE:
                raise TemplateError(
                    f"{template} is larger than {MAX_SOURCE:,} characters "
                    f"({len(source):,}); a template is a letter, not a file pasted by mistake"
                )
            return source, filename, uptodate

    class Bounded(SandboxedEnvironment):
        """The sandbox, with ``*`` and ``**`` bounded: ``'x' * 10**12`` is refused, not run."""

        intercepted_binops = frozenset({"*", "**"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, int) and abs(right) > _MAX_POWER:
                raise SecurityError(f"a power of {right:,} is too large for a letter")
            if operator == "*":
                for many, times in ((left, right), (right, left)):
                    if (
                        isinstance(many, (str, list, tuple))
                        and isinstance(times, int)
                        and len(many) * times > MAX_OUTPUT
                    ):
                        raise SecurityError(
                            f"a text or list repeated {times:,} times is too large for a letter"
                        )
            return super().call_binop(context, operator, left, right)

    env = Bounded(
        loader=Confined(list(search)),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        autoescape=False,
        auto_reload=False,
    )
    env.globals["pick"] = pick
    return env


@lru_cache(maxsize=8)
def library(user_dir: str | None = None) -> dict[DraftKind, tuple[Variant, ...]]:
    """Every variant of every kind: built in, then the user's (``user_dir``), by name.

    Cached per directory: a command reads the templates once.
    """
    search = (user_dir, str(BUILT_IN)) if user_dir else (str(BUILT_IN),)
    out: dict[DraftKind, tuple[Variant, ...]] = {}
    for kind in DraftKind:
        names: dict[str, str] = {}
        for base in reversed(search):  # the user's, read last, replace the built-in
            folder = Path(base) / kind.value
            if not folder.is_dir():
                continue
            for path in sorted(folder.glob(f"*{SUFFIX}")):
                stem = path.name[: -len(SUFFIX)]
                if NAME.fullmatch(stem):
                    names[stem] = str(path)
        out[kind] = tuple(
            Variant(name, origin, search, f"{kind.value}/{name}{SUFFIX}")
            for name, origin in sorted(names.items(), key=_order)
        )
    return out


def unusable(user_dir: str | None, kind: DraftKind) -> tuple[str, ...]:
    """Why each of the user's template files of ``kind`` is left out, one line each.

    A file whose name is not a variant's name is never read; one that cannot be read or
    compiled is skipped. Drafting goes on with the others: these are notes, not errors.
    """
    if not user_dir:
        return ()
    folder = Path(user_dir) / kind.value
    if not folder.is_dir():
        return ()
    notes = []
    variants = {v.origin: v for v in library(user_dir)[kind]}
    for path in sorted(folder.glob(f"*{SUFFIX}")):
        if not NAME.fullmatch(path.name[: -len(SUFFIX)]):
            notes.append(
                f"template {path} is not used: a variant's name is 1 to 40 letters, digits, "
                "- and _ (rename the file)"
            )
        elif str(path) in variants and variants[str(path)].problem is not None:
            notes.append(f"template {path} is skipped: {variants[str(path)].problem}")
    return tuple(notes)


def _order(item: tuple[str, str]) -> tuple[int, int, str]:
    """Built-in numbered variants first, in number order; then the user's, by name."""
    name = item[0]
    return (0, int(name), "") if name.isdigit() else (1, 0, name)


@lru_cache(maxsize=512)
def _compiled(search: tuple[str, ...], key: str) -> tuple[Template | None, str | None]:
    """The template ``key`` compiled once, or None and why it cannot be."""
    from jinja2 import TemplateError, TemplateNotFound

    try:
        return _environment(search).get_template(key), None
    except TemplateNotFound:
        return None, "is not a file that can be read (a folder, or a link to nothing or to itself)"
    except TemplateError as exc:
        return None, str(exc).rstrip(".")
    except (OSError, UnicodeDecodeError) as exc:
        return None, f"cannot be read ({exc})"
