"""The `followup` entry point: global options, command registration, errors to exit statuses."""

from __future__ import annotations

import errno
import importlib
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from followup import __version__
from followup.errors import ExitStatus, FollowupError

app = typer.Typer(
    name="followup",
    help="Record every interview; plan, draft and check every follow-up.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)

#: Modules under followup.cli that add commands; each has register(app).
COMMAND_MODULES: tuple[str, ...] = (
    "record_cmd",
    "pipeline_cmd",
    "plan_cmd",
    "check_cmd",
    "draft_cmd",
    "mail_cmd",
    "calendar_cmd",
    "backup_cmd",
    "config_cmd",
    "db_cmd",
)

_state: dict[str, object] = {"debug": False}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"followup {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option("--db", help="Database: a SQLite file or a postgresql:// URL.", metavar="URL"),
    ] = None,
    config: Annotated[
        Path | None,
        typer.Option("--config", help="Config file (default: config.toml in the config dir)."),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks on errors.")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")
    ] = False,
) -> None:
    """Record every interview; plan, draft and check every follow-up."""
    import os

    from followup.services.context import AppContext, clock_from_env
    from followup.settings import Settings

    _state["debug"] = debug
    if config is not None and not config.is_file():
        from followup.errors import ConfigError

        raise ConfigError(
            f"--config: {config} is not a file.",
            fix="Give the path of an existing config file, or leave --config out.",
        )
    settings = Settings(flags={"database_url": db}, config_file=config)
    context = AppContext(settings=settings, clock=clock_from_env(os.environ.get("FOLLOWUP_NOW")))
    ctx.obj = context
    ctx.call_on_close(context.close)


def _register() -> None:
    for name in COMMAND_MODULES:
        module = importlib.import_module(f"followup.cli.{name}")
        module.register(app)


_register()


#: Errors writing the output that are the machine's, not followup's.
_WRITE_FAILURES = frozenset({errno.ENOSPC, errno.EIO, errno.EDQUOT, errno.EFBIG})


def _error(message: str) -> None:
    sys.stderr.write(f"followup: {message}\n")


def run(argv: list[str] | None = None) -> None:
    """Run the CLI and exit with the status of the outcome (see ExitStatus)."""
    if sys.stdout is None:  # started with standard output closed (`>&-`): nobody reads it
        sys.stdout = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 (lives until exit)
    try:
        result = app(args=argv, prog_name="followup", standalone_mode=False)
        code = result if isinstance(result, int) else 0
        sys.stdout.flush()  # a full disk shows here, not in an "Exception ignored" at exit
        if code == ExitStatus.INTERRUPTED:  # Typer turns Ctrl-C in a command into Exit(130)
            _error("interrupted; nothing was saved.")
    except typer.Exit as exc:
        code = exc.exit_code
    except SystemExit as exc:
        # Typer exits 1 when the reader of our output goes away (`followup list | head -1`);
        # the output was wanted only in part, nothing failed.
        cause = exc.__context__
        broken_pipe = isinstance(cause, OSError) and cause.errno == errno.EPIPE
        code = 0 if broken_pipe else exc.code if isinstance(exc.code, int) else 1
    except typer.TyperException as exc:
        show = getattr(exc, "show", None)
        if show is not None:
            show(file=sys.stderr)
        else:
            _error(exc.format_message())
        code = exc.exit_code
    except FollowupError as exc:
        if _state["debug"]:
            raise
        _error(str(exc))
        code = int(exc.status)
    except (KeyboardInterrupt, typer.Abort, EOFError):
        _error("interrupted; nothing was saved.")
        code = int(ExitStatus.INTERRUPTED)
    except BrokenPipeError:
        code = 0
    except OSError as exc:
        if exc.errno not in _WRITE_FAILURES or _state["debug"]:
            raise
        # The output could not be written (a full disk, a device error): a storage failure.
        _error(f"could not write the output: {exc.strerror or exc}.")
        code = int(ExitStatus.STORAGE)
    except Exception as exc:  # a defect: say so, and never exit 1 (a check's finding)
        if _state["debug"]:
            raise
        _error(
            f"internal error ({type(exc).__name__}): this is a bug in followup, please report "
            "it; --debug shows the traceback."
        )
        code = int(ExitStatus.INTERNAL)
    sys.exit(code)
