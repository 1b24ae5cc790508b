"""`followup check --batch FILE.jsonl`: one JSON line in, one JSON line out, in order.

Each input line is ``{"id": str, "text": str, "kind": str, "context": {...}}`` (``kind``
and ``context`` optional); each output line is ``{"id", "score", "findings", "metrics"}``
or, for a line that cannot be checked, ``{"id", "error"}``, and the next line goes on.

Streaming in bounded memory: lines are read as they are checked, by one process or by a
pool working on a bounded window of chunks, and written in input order; a line longer
than :data:`MAX_LINE_BYTES` is skipped in pieces, never held. Each line's answer comes
from :func:`followup.services.check_line.answer`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING

from followup.errors import FollowupError, InputError
from followup.services.check import rule_filters
from followup.services.check_line import MAX_LINE_BYTES, TooLong, answer
from followup.services.input_file import local_path, shown

if TYPE_CHECKING:
    from concurrent.futures import Future

    from followup.domain.policy.config import PolicySettings
    from followup.services.context import AppContext

#: How many malformed line numbers the summary keeps (the output holds them all).
SHOWN = 10
#: The most processes a batch uses by default.
MAX_JOBS = 8
#: Lines sent to a process at once: enough to make the hand-over cheap.
CHUNK = 64
#: ... unless they are long: a chunk stops at this many bytes.
CHUNK_BYTES = 4_000_000
_CHUNK = 1 << 20


@dataclass
class Summary:
    """What a batch found: lines answered, malformed ones, drafts with an error finding."""

    lines: int = 0
    malformed: int = 0
    with_errors: int = 0
    internal: int = 0
    first_malformed: list[int] = field(default_factory=list)


def run_batch(
    ctx: AppContext, path: str, out: IO[bytes] | None = None, jobs: int | None = None
) -> Summary:
    """Check every line of ``path`` (``-``: stdin), writing one answer per line to ``out``.

    ``jobs`` processes check at once (default: the CPUs this process may use, at most
    :data:`MAX_JOBS`; 1 for stdin, whose writer may wait for each answer before its next
    line). Answers are written in input order either way; at most a window of
    :data:`CHUNK` lines per job is in flight, so memory stays bounded.
    """
    from followup.services.policy_settings import policy_settings

    silence, enable = rule_filters(ctx)
    # Once for the whole batch (a contradiction in the settings is exit 4 before any line).
    policy = policy_settings(ctx.settings)
    sink = out if out is not None else sys.stdout.buffer
    if jobs is None:
        jobs = 1 if path == "-" else default_jobs()
    summary = Summary()
    with _open(path) as stream:
        numbered = enumerate(_lines(stream), start=1)
        if jobs <= 1:
            eager = path == "-"
            for number, raw in numbered:
                _emit(sink, summary, number, *answer(raw, number, silence, enable, policy))
                if eager:
                    sink.flush()
        else:
            _parallel(numbered, jobs, (silence, enable, policy), sink, summary)
    sink.flush()
    return summary


def default_jobs() -> int:
    """The CPUs this process may run on, at most MAX_JOBS."""
    import os

    try:
        count = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        count = os.cpu_count() or 1
    return max(1, min(MAX_JOBS, count))


def _emit(sink: IO[bytes], summary: Summary, number: int, answer: bytes, state: str) -> None:
    sink.write(answer)
    summary.lines += 1
    if state == "error":
        summary.with_errors += 1
    elif state != "ok":
        summary.malformed += 1
        summary.internal += state == "internal"
        if len(summary.first_malformed) < SHOWN:
            summary.first_malformed.append(number)


def _parallel(
    numbered: Iterator[tuple[int, bytes | TooLong]],
    jobs: int,
    rules: tuple[tuple[str, ...], tuple[str, ...], PolicySettings],
    sink: IO[bytes],
    summary: Summary,
) -> None:
    """Chunks of lines checked by ``jobs`` processes, written back in input order."""
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    import followup.domain.check  # noqa: F401 - loaded once here, inherited by forked workers

    method = "fork" if sys.platform == "linux" else None
    pending: deque[tuple[list[int], Future[list[tuple[bytes, str]]]]] = deque()
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context(method)) as pool:
        try:
            for chunk in _chunks(numbered):
                numbers = [n for n, _ in chunk]
                items = [(n, None if isinstance(r, TooLong) else r) for n, r in chunk]
                pending.append((numbers, pool.submit(_answer_chunk, items, *rules)))
                if len(pending) >= 4 * jobs:
                    _drain(pending.popleft(), sink, summary)
            while pending:
                _drain(pending.popleft(), sink, summary)
        except BrokenProcessPool:
            raise FollowupError(
                "a checking process died (out of memory?); the answers so far were written.",
                fix="Run again with --jobs 1 to find the line.",
            ) from None
        except BaseException:
            for _, future in pending:
                future.cancel()
            raise


def _chunks(
    numbered: Iterator[tuple[int, bytes | TooLong]],
) -> Iterator[list[tuple[int, bytes | TooLong]]]:
    """Up to CHUNK lines, or fewer when they hold more than CHUNK_BYTES."""
    chunk: list[tuple[int, bytes | TooLong]] = []
    size = 0
    for number, raw in numbered:
        chunk.append((number, raw))
        size += 0 if isinstance(raw, TooLong) else len(raw)
        if len(chunk) >= CHUNK or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _drain(
    job: tuple[list[int], Future[list[tuple[bytes, str]]]], sink: IO[bytes], summary: Summary
) -> None:
    numbers, future = job
    for number, (text, state) in zip(numbers, future.result(), strict=True):
        _emit(sink, summary, number, text, state)


def _answer_chunk(
    items: list[tuple[int, bytes | None]],
    silence: tuple[str, ...],
    enable: tuple[str, ...],
    policy: PolicySettings,
) -> list[tuple[bytes, str]]:
    """A worker's part: the answers of a chunk of lines (None: a line over the limit)."""
    return [
        answer(TooLong() if raw is None else raw, number, silence, enable, policy)
        for number, raw in items
    ]


def _open(path: str) -> IO[bytes]:
    if not path.strip():
        raise InputError("--batch", "is empty.", fix="Give a JSON Lines file, or - for stdin.")
    if path == "-":
        return open(sys.stdin.fileno(), "rb", closefd=False)  # the caller closes it
    file = local_path(path)
    name = shown(file)
    if file.is_dir():
        raise InputError("--batch", f"{name} is a directory.", fix="Give a JSON Lines file.")
    try:
        return file.open("rb")
    except FileNotFoundError:
        raise InputError("--batch", f"{name} does not exist.", fix="Check the path.") from None
    except OSError as exc:
        raise InputError("--batch", f"cannot read {name}: {exc.strerror}.") from None


def _lines(stream: IO[bytes]) -> Iterator[bytes | TooLong]:
    """Each line without its ending; a line over the limit is skipped and stood for."""
    while True:
        raw = stream.readline(MAX_LINE_BYTES + 1)
        if not raw:
            return
        if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
            while (rest := stream.readline(_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield TooLong()
            continue
        yield raw.rstrip(b"\r\n")
