"""The general prose linters the checker is compared with: proselint and write-good.

    proselint:  .venv/bin/python -m pip install proselint==0.16.0     (PyPI, in process)
    write-good: npm install --prefix ~/.cache/followup-bench write-good@1.0.8
                (npm; run by one node process over a batch of texts in JSON)

:func:`install` does both when they are missing (the bench calls it unless told not
to); ``$FOLLOWUP_BENCH_CACHE`` moves the npm prefix. Neither tool has severities: each
finding is a complaint, so for them "an error" and "a warning or an error" both mean
"any finding", and their score is minus the number of findings.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

PROSELINT = "proselint==0.16.0"
WRITE_GOOD = "write-good@1.0.8"
CACHE = Path(os.environ.get("FOLLOWUP_BENCH_CACHE") or Path.home() / ".cache" / "followup-bench")

# One node process: reads a JSON list of texts on stdin, prints a list of finding counts
# and the spans, in the same order.
_NODE = """
const writeGood = require(process.argv[1]);
let input = '';
process.stdin.on('data', (c) => { input += c; });
process.stdin.on('end', () => {
  const out = JSON.parse(input).map((t) => writeGood(t).map((s) => [s.index, s.offset]));
  process.stdout.write(JSON.stringify(out));
});
"""


def status() -> dict[str, str]:
    """Which peers are here (``ok``) and which are not, installing nothing."""
    here = (CACHE / "node_modules" / "write-good").exists()
    return {
        "proselint": "ok" if available("proselint") else "not installed",
        "write-good": "ok" if here else "not installed",
    }


def _stderr(message: str) -> None:
    print(message, file=sys.stderr)


def install(say: Callable[[str], None] = _stderr) -> dict[str, str]:
    """Install the missing peers; what happened to each (``ok`` or why it is missing)."""
    status: dict[str, str] = {}
    try:
        import proselint  # noqa: F401
    except ImportError:
        say(f"installing {PROSELINT} into {sys.prefix}")
        done = subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", PROSELINT],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            status["proselint"] = "pip install failed: " + done.stderr.strip()[-200:]
    status.setdefault("proselint", "ok" if available("proselint") else "not installed")
    module = CACHE / "node_modules" / "write-good"
    if not module.exists():
        npm = shutil.which("npm")
        if npm is None or shutil.which("node") is None:
            status["write-good"] = "node and npm are not installed"
            return status
        say(f"installing {WRITE_GOOD} into {CACHE}")
        CACHE.mkdir(parents=True, exist_ok=True)
        done = subprocess.run(
            [
                npm,
                "install",
                "--silent",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(CACHE),
                WRITE_GOOD,
            ],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode != 0:
            status["write-good"] = "npm install failed: " + done.stderr.strip()[-200:]
    status.setdefault("write-good", "ok" if module.exists() else "not installed")
    return status


def available(name: str) -> bool:
    """Whether a Python module can be imported."""
    import importlib.util

    return importlib.util.find_spec(name) is not None


_registered = False


def proselint_spans(text: str) -> list[tuple[int, int]]:
    """proselint's findings on one text (spans into the text), in process."""
    global _registered
    from proselint.tools import LintFile

    if not _registered:
        from proselint.checks import __register__
        from proselint.registry import CheckRegistry

        CheckRegistry().register_many(__register__)
        _registered = True
    # LintFile pads the text with a newline each side: shift the spans back.
    return [
        (r.check_result.span[0] - 1, r.check_result.span[1] - 1)
        for r in LintFile("<bench>", text).lint()
    ]


def write_good_spans(texts: list[str]) -> list[list[tuple[int, int]]]:
    """write-good's findings on each text, from one node process for the whole batch."""
    module = CACHE / "node_modules" / "write-good"
    done = subprocess.run(
        ["node", "-e", _NODE, str(module)],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        check=True,
    )
    return [[(i, i + n) for i, n in row] for row in json.loads(done.stdout)]
