"""Several processes recording at once: one application per company and role, no lost row."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from followup.adapters.store.store import Store
from followup.domain.model import Profile


def test_parallel_adds_for_one_company_make_one_application(
    db_url: str, home: dict[str, str]
) -> None:
    store = Store.open(db_url)
    store.save_profile(Profile(name="Ana", timezone="Europe/Paris"))
    store.close()
    script = Path(sys.executable).with_name("followup")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "followup"]
    procs = [
        subprocess.Popen(
            [
                *command,
                "--db",
                db_url,
                "add",
                "-c",
                "Acme",
                "-r",
                "Analyst",
                "-s",
                f"2026-11-{10 + n}T10:00",
            ],
            env=home,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(12)
    ]
    results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in procs]
    assert [code for code, _ in results] == [0] * 12, results
    store = Store.open(db_url)
    try:
        assert store.count("applications") == 1
        assert store.count("interviews") == 12
    finally:
        store.close()
