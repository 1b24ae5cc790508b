"""What the `followup draft` tests share: the record, the evening it is drafted, readers."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

from conftest import CLI, Result

DANA = "Dana Rivera <dana@acme.com>, Analytics Manager"


KENJI = "Kenji Sato, Recruiter"


EVENING = {"FOLLOWUP_NOW": "2026-11-20T23:00:00+00:00"}


CONTRACT = ["subject", "body", "to", "score", "findings"]


OURS = ["kind", "variant", "edited", "missing", "followup_id", "message_id"]


CONTEXT = {
    "company": "Northwind Labs",
    "role": "Data Analyst",
    "interviewers": [
        {"name": "Amara Okafor", "title": "Head of Data", "topics": ["the churn model"]},
        {"name": "José Núñez", "title": "Analyst", "topics": ["SQL performance"]},
    ],
    "interview_start": "2026-12-01T10:00:00-05:00",
    "interview_end": "2026-12-01T11:00:00-05:00",
    "send_at": "2026-12-01T18:00:00-05:00",
    "sender_name": "Sam Rivera",
}


def ok(result: Result) -> Result:
    assert result.code == 0, result
    assert "Traceback" not in result.err
    return result


def draft(cli: CLI, *args: str, input: str | None = None, env: dict[str, str] | None = None) -> Any:
    """The JSON of `followup draft ARGS --format json`, run that evening."""
    return json.loads(ok(cli("draft", *args, "--format", "json", input=input,
                             env={**EVENING, **(env or {})})).out)  # fmt: skip


def rows(home: dict[str, str], sql: str) -> list[tuple[Any, ...]]:
    path = Path(home["FOLLOWUP_DATA_DIR"]) / "followup.db"
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return list(conn.execute(sql))
    finally:
        conn.close()


def stored(home: dict[str, str]) -> list[tuple[Any, ...]]:
    """Every stored message: its step's kind, the step's status, subject, body, status."""
    return rows(
        home,
        "SELECT f.kind, f.status, m.subject, m.body, m.status FROM messages m "
        "JOIN followups f ON f.id = m.followup_id ORDER BY m.id",
    )


def template(home: dict[str, str], kind: str, name: str, text: str) -> Path:
    folder = Path(home["FOLLOWUP_DATA_DIR"]) / "templates" / kind
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.j2"
    path.write_text(text, encoding="utf-8")
    return path


MINE = """Subject: Thanks for the {{ role }} chat

{{ greeting }}

Thank you for the conversation {% if day %}on {{ day }} {% endif %}about {{ the_role }}\
{{ at_company }}. I keep coming back to {{ topic }}, and I would love to continue it.

I look forward to hearing about the next steps.

{{ closing }}
{{ signature }}
"""


def editor(tmp_path: Path, body: str) -> dict[str, str]:
    """EDITOR set to a small Python script acting on the file it is given."""
    script = tmp_path / "editor.py"
    script.write_text(f"import sys\npath = sys.argv[1]\n{body}\n", encoding="utf-8")
    return {"EDITOR": f"{sys.executable} {script}", "VISUAL": ""}
