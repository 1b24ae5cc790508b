"""The CLI's cold start: `followup --help`, `followup list` on 1,000 interviews, `followup check`.

    .venv/bin/python bench/cli_startup.py [--runs 15] [--json] [--imports]

Each command runs as a fresh subprocess in an isolated home (FOLLOWUP_DATA_DIR,
FOLLOWUP_CONFIG in a temporary directory), after warm-ups, interleaved with the others so
that a burst of load on a shared machine hits them all alike. `python -c pass` runs beside
them as the floor: the ratio to the floor says more than milliseconds on a noisy machine.
Exit status 1 when a median misses its target (docs/benchmarks.md records the figures).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import asdict, dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

#: Milliseconds the issue allows for each command's median (None: no target, the floor).
TARGETS: dict[str, float | None] = {
    "floor": None,
    "help": 150.0,
    "list": 400.0,
    "check": 300.0,
    "check-text": 300.0,
    "check-typo": 300.0,
    # Drafting has no target of its own: it checks each draft, so check's is its floor.
    "draft-context": None,
}
#: Exit statuses that mean success: a check that finds an error exits 1 by contract.
OK_STATUS: dict[str, tuple[int, ...]] = {
    "check": (0, 1),
    "check-text": (0, 1),
    "check-typo": (0, 1),
}
#: What `followup draft --context` drafts from: one interviewer, the usual record.
DRAFT_CONTEXT = json.dumps(
    {
        "company": "Northwind Labs",
        "role": "Data Analyst",
        "interviewers": [
            {
                "name": "Priya Natarajan",
                "title": "Head of Data",
                "topics": ["testing data pipelines"],
            }
        ],
        "topics": ["the move of reporting to dbt"],
        "interview_start": "2026-11-20T10:00:00-05:00",
        "interview_end": "2026-11-20T11:00:00-05:00",
        "send_at": "2026-11-20T15:00:00-05:00",
        "sender_name": "Dana Reyes",
    }
)
#: The draft `followup check` reads: a thank-you of the usual length (about 110 words).
DRAFT = """Subject: Thank you for the data analyst interview

Dear Priya,

Thank you for taking the time to talk with me yesterday about the data analyst role at
Northwind Labs. I enjoyed our conversation about how the team moved its reporting to
dbt, and your question about testing data pipelines made me think further about it: I
would start with contract tests on the raw tables, as I did for our billing data.

The role fits what I want to do next, and I would be glad to help the team with the
migration. Please let me know if I can share anything else.

Best regards,
Dana Reyes
dana@example.org
"""
NOW = datetime(2026, 11, 22, 15, 0, tzinfo=UTC)
ZONES = ("America/New_York", "Europe/London", "Europe/Berlin", "America/Los_Angeles")


@dataclass
class Timing:
    """The wall-clock times of one command, in milliseconds."""

    name: str
    command: str
    median: float
    minimum: float
    maximum: float
    runs: int
    target: float | None
    floor_ratio: float | None = None

    @property
    def ok(self) -> bool:
        """True when there is no target or the median meets it."""
        return self.target is None or self.median <= self.target


def entry_point() -> list[str]:
    """The installed `followup` script beside this interpreter, as a user runs it."""
    script = Path(sys.executable).with_name("followup")
    if not script.exists():
        sys.exit(f"no followup script beside {sys.executable}: run `make setup` first")
    return [str(script)]


def company_names(count: int, rng: random.Random) -> list[str]:
    """Distinct, plausible employer names."""
    first = [
        "Northwind",
        "Bluebird",
        "Summit",
        "Cedar",
        "Granite",
        "Lumen",
        "Orbit",
        "Pioneer",
        "Redwood",
        "Silver",
        "Tidal",
        "Vertex",
        "Willow",
        "Aurora",
        "Beacon",
        "Cobalt",
        "Delta",
        "Ember",
        "Falcon",
        "Harbor",
        "Ironwood",
        "Juniper",
    ]
    second = [
        "Analytics",
        "Health",
        "Robotics",
        "Logistics",
        "Labs",
        "Bank",
        "Energy",
        "Media",
        "Systems",
        "Foods",
        "Insurance",
        "Software",
        "Mobility",
        "Biotech",
        "Capital",
        "Games",
        "Security",
        "Cloud",
        "Retail",
        "Studios",
    ]
    names = [f"{a} {b}{c}" for a in first for b in second for c in ("", " Group", " & Co")]
    if count > len(names):
        sys.exit(f"at most {len(names)} applications")
    rng.shuffle(names)
    return names[:count]


def build_database(data_dir: Path, interviews: int, applications: int) -> None:
    """The database `followup list` reads: one profile, its applications and interviews."""
    from followup.adapters.store.store import Store
    from followup.domain.model import (
        Application,
        Concern,
        Contact,
        Format,
        Interview,
        Interviewer,
        Profile,
        Round,
        Status,
    )

    rng = random.Random(2026)
    store = Store.open(f"sqlite:///{data_dir / 'followup.db'}", clock=lambda: NOW)
    try:
        me = store.save_profile(Profile("Dana Reyes", "dana@example.org", timezone=ZONES[0]))
        roles = ["Backend Engineer", "Data Analyst", "Product Manager", "SRE", "Designer"]
        statuses = [Status.INTERVIEWING] * 6 + [Status.APPLIED, Status.REJECTED, Status.OFFER]
        people = [
            "Priya",
            "Marcus",
            "Élodie",
            "Alex",
            "Sam",
            "Nora",
            "Yann",
            "Zoe",
            "Lee",
            "Ana",
            "Omar",
            "Ines",
        ]
        topics = ["system design", "on-call", "team culture", "roadmap", "SQL", "mentoring"]
        apps = []
        for company in company_names(applications, rng):
            apps.append(
                Application(
                    company,
                    rng.choice(roles),
                    profile_id=me.id,
                    status=rng.choice(statuses),
                    applied_on=date(2026, 9, 1) + timedelta(days=rng.randrange(80)),
                )
            )
        # Every application gets one interview, the rest go to random ones (later rounds).
        owners = list(range(applications)) + rng.choices(range(applications), k=interviews)
        for n, index in enumerate(owners[:interviews]):
            app = apps[index]
            start = NOW - timedelta(days=rng.randrange(1, 90), hours=rng.randrange(8))
            domain = app.company.lower().replace(" ", "") + ".example"
            pair = rng.sample(people, 2)
            interview = Interview(
                None,
                start,
                start + timedelta(minutes=45),
                rng.choice(ZONES),
                round=rng.choice(list(Round)),
                format=rng.choice(list(Format)),
                interviewers=tuple(
                    Interviewer(
                        Contact(f"{name} {chr(65 + n % 26)}.", email=f"{name.lower()}@{domain}"),
                        tuple(rng.sample(topics, 3)),
                    )
                    for name in pair
                ),
                topics=tuple(rng.sample(topics, 3)),
                concerns=(Concern("the scaling question", "use the queue example"),),
                decision_date=(start + timedelta(days=10)).date(),
            )
            app, _ = store.record_interview(app, interview)
            apps[index] = app
    finally:
        store.close()


def environment(home: Path) -> dict[str, str]:
    """The caller's environment without FOLLOWUP_*, pointed at the benchmark's home."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FOLLOWUP_")}
    env.update(
        FOLLOWUP_DATA_DIR=str(home / "data"),
        FOLLOWUP_CONFIG=str(home / "config.toml"),
        FOLLOWUP_NOW=NOW.isoformat(),
        FOLLOWUP_TIMEZONE=ZONES[0],
        NO_COLOR="1",
        COLUMNS="120",
    )
    return env


def run_once(argv: list[str], env: dict[str, str], ok: tuple[int, ...] = (0,)) -> float:
    """Milliseconds from spawn to exit; the command must succeed (exit with one of ``ok``)."""
    start = time.perf_counter()
    proc = subprocess.run(argv, env=env, capture_output=True, check=False)
    elapsed = (time.perf_counter() - start) * 1000
    if proc.returncode not in ok:
        sys.exit(f"{' '.join(argv)} failed ({proc.returncode}):\n{proc.stderr.decode()[-2000:]}")
    return elapsed


def measure(
    commands: dict[str, list[str]], env: dict[str, str], runs: int, warmups: int
) -> list[Timing]:
    samples: dict[str, list[float]] = defaultdict(list)
    for round_ in range(warmups + runs):
        for name, argv in commands.items():  # interleaved: noise spreads over all of them
            elapsed = run_once(argv, env, OK_STATUS.get(name, (0,)))
            if round_ >= warmups:
                samples[name].append(elapsed)
    timings = []
    for name, argv in commands.items():
        values = samples[name]
        timings.append(
            Timing(
                name=name,
                command=" ".join(
                    Path(a).name if i == 0 or a.startswith("/") else a for i, a in enumerate(argv)
                ),
                median=statistics.median(values),
                minimum=min(values),
                maximum=max(values),
                runs=len(values),
                target=TARGETS.get(name),
            )
        )
    floor = next(t.median for t in timings if t.name == "floor")
    for timing in timings:
        timing.floor_ratio = timing.median / floor
    return timings


_IMPORT_LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


@dataclass
class Imports:
    """What one command imports, from `python -X importtime` (milliseconds, median of runs)."""

    by_package: list[tuple[str, float]]  # (top-level package, own time)
    by_followup: list[tuple[str, float, str]]  # (module, cumulative time, importing module)


def parse_importtime(stderr: str) -> tuple[dict[str, float], dict[tuple[str, str], float]]:
    """Own time per top-level package; cumulative time of each import a followup module made."""
    own: dict[str, float] = defaultdict(float)
    direct: dict[tuple[str, str], float] = {}
    entries = [
        (len(m.group(3)) // 2, m.group(4), int(m.group(1)) / 1000, int(m.group(2)) / 1000)
        for m in _IMPORT_LINE.finditer(stderr)
    ]
    ancestors: list[str] = []
    for depth, name, self_ms, cumulative in reversed(entries):  # parents come after children
        ancestors = [*ancestors[:depth], name]
        own[name.split(".")[0]] += self_ms
        parent = ancestors[depth - 1] if depth else ""
        if parent.startswith("followup") and not name.startswith("followup"):
            direct[(name, parent)] = cumulative
    return own, direct


def import_profile(argv: list[str], env: dict[str, str], repeat: int = 3) -> Imports:
    """Where a command's import time goes, as the median of ``repeat`` runs."""
    owns, directs = [], []
    for _ in range(repeat):
        proc = subprocess.run(
            [sys.executable, "-X", "importtime", *argv],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        own, direct = parse_importtime(proc.stderr)
        owns.append(own)
        directs.append(direct)
    packages = set().union(*owns)
    by_package = [(name, statistics.median(o.get(name, 0.0) for o in owns)) for name in packages]
    by_package.sort(key=lambda row: row[1], reverse=True)
    pairs = set().union(*directs)
    by_followup = [
        (name, statistics.median(d.get((name, parent), 0.0) for d in directs), parent)
        for name, parent in pairs
    ]
    by_followup.sort(key=lambda row: row[1], reverse=True)
    return Imports(by_package[:10], by_followup[:10])


def markdown(timings: list[Timing], meta: dict[str, object]) -> str:
    lines = [
        f"CLI cold start, {meta['date']}, {meta['nproc']} CPUs, Python {meta['python']}, "
        f"{meta['runs']} runs after {meta['warmups']} warm-ups, "
        f"{meta['interviews']} interviews in {meta['applications']} applications",
        "",
        "| command | median ms | min ms | max ms | × floor | target ms | result |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for t in timings:
        target = f"{t.target:.0f}" if t.target else "—"
        result = (
            ("floor" if t.name == "floor" else "no target")
            if t.target is None
            else ("ok" if t.ok else "MISSED")
        )
        lines.append(
            f"| `{t.command}` | {t.median:.0f} | {t.minimum:.0f} | {t.maximum:.0f} | "
            f"{t.floor_ratio:.1f} | {target} | {result} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="measured runs per command")
    parser.add_argument("--warmups", type=int, default=2, help="unmeasured runs first")
    parser.add_argument("--interviews", type=int, default=1000)
    parser.add_argument("--applications", type=int, default=700)
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--imports", action="store_true", help="top 10 imports per command")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="followup-bench-") as tmp:
        home = Path(tmp)
        (home / "data").mkdir()
        started = time.perf_counter()
        build_database(home / "data", args.interviews, args.applications)
        built = time.perf_counter() - started
        env = environment(home)
        followup = entry_point()
        draft = home / "draft.txt"
        draft.write_text(DRAFT, encoding="utf-8")
        # One misspelled word: the spelling rules' suggestions load on first use.
        typo = home / "typo.txt"
        typo.write_text(DRAFT.replace("conversation", "conversaton"), encoding="utf-8")
        context = home / "context.json"
        context.write_text(DRAFT_CONTEXT, encoding="utf-8")
        commands = {
            "floor": [sys.executable, "-c", "pass"],
            "help": [*followup, "--help"],
            "list": [*followup, "list"],
            "check": [*followup, "check", str(draft), "--format", "json"],
            "check-text": [*followup, "check", str(draft)],
            "check-typo": [*followup, "check", str(typo), "--format", "json"],
            "draft-context": [
                *followup,
                "draft",
                "--context",
                str(context),
                "--kind",
                "thank-you",
                "--format",
                "json",
            ],
        }
        timings = measure(commands, env, args.runs, args.warmups)
        imports: dict[str, Imports] = {}
        if args.imports:
            for name in ("help", "list", "check"):
                imports[name] = import_profile(commands[name], env)

    meta: dict[str, object] = {
        "date": datetime.now(UTC).strftime("%Y-%m-%d"),
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "runs": args.runs,
        "warmups": args.warmups,
        "interviews": args.interviews,
        "applications": args.applications,
        "build_seconds": round(built, 1),
    }
    missed = [t.name for t in timings if not t.ok]
    if args.json:
        out = {
            **meta,
            "timings": [{**asdict(t), "ok": t.ok} for t in timings],
            "imports": {name: asdict(found) for name, found in imports.items()},
            "missed": missed,
        }
        print(json.dumps(out, indent=2))
    else:
        print(markdown(timings, meta))
        for name, found in imports.items():
            command = "followup " + " ".join(Path(a).name for a in commands[name][1:])
            print(f"\nImport time of `{command}` by package (own time, median of 3 runs):\n")
            print("| package | ms |\n|---|---:|")
            for package, ms in found.by_package:
                print(f"| {package} | {ms:.1f} |")
            print(f"\nHeaviest imports made by followup modules in `{command}` (cumulative):\n")
            print("| module | ms | imported by |\n|---|---:|---|")
            for module, ms, parent in found.by_followup:
                print(f"| {module} | {ms:.1f} | {parent} |")
        if missed:
            print(f"\nMissed target: {', '.join(missed)}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
