"""Benchmark goalsplit's command line (run: python bench/benchmark.py).

Measures, as separate processes the way a user runs them:

1. the floor: a Python process that imports goalsplit's dependencies and builds
   the year's CN holiday calendar, and ``goalsplit plan`` on a 5-rep CN quarter
   (table and JSON), reported as a ratio to the floor;
2. ``goalsplit --version`` and ``--help``, and which heavy modules they import;
3. ``goalsplit plan --format json`` on generated plans of 10,000 and 20,000
   reps over a full year, and the ratio between them.

Each figure is the median of several runs. Timings are printed, never asserted:
machines are shared and noisy.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "east-1-q1.yaml"

FLOOR_STRICT = (
    "import typer, pydantic, rich, yaml, holidays; holidays.country_holidays('CN', years=2026)"
)
# Importing a package is lazy for pydantic and rich; this floor also loads the
# parts goalsplit cannot avoid using (BaseModel, a console and a table).
FLOOR_USED = (
    "import typer, yaml, holidays; from pydantic import BaseModel; "
    "from rich.console import Console; from rich.table import Table; "
    "holidays.country_holidays('CN', years=2026)"
)


def run(args: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def goalsplit(*args: str) -> list[str]:
    return [sys.executable, "-m", "goalsplit", *args]


def imported_by(args: list[str]) -> list[str]:
    code = (
        "import sys; from goalsplit.cli import app\n"
        f"try:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
        "print(','.join(m for m in ('pydantic', 'holidays', 'yaml') if m in sys.modules))"
    )
    out = (
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True)
        .stdout.strip()
        .splitlines()
    )
    return [m for m in out[-1].split(",") if m] if out else []


def big_plan(reps: int, path: Path) -> None:
    lines = [
        "team: Benchmark",
        "period: 2026",
        "calendar: {country: CN}",
        f"target: {reps * 1_000_000}",
        "stretch: 1.1",
        "rates: {pipeline: 0.3, intents: 15000, deep_talks: 0.2, connects: 0.25, dials: 0.35}",
        "reps:",
    ]
    for i in range(reps):
        lines.append(f"  - name: rep{i:05d}")
        if i % 3 == 0:
            lines.append(f"    weight: {1 + (i % 7) / 10}")
        if i % 5 == 0:
            lines.append("    rates: {dials: 0.4}")
        if i % 11 == 0:
            lines.append(f"    start: 2026-0{1 + i % 9}-1{i % 10}")
        if i % 13 == 0:
            lines.append("    leave: [2026-07-06..2026-07-10]")
        if i % 17 == 0:
            lines.append(f"    quota: {500_000 + i}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="runs per small measurement")
    parser.add_argument("--big-repeat", type=int, default=3, help="runs per big-plan measurement")
    options = parser.parse_args()
    r, big_r = options.repeat, options.big_repeat

    results: dict[str, float | list[str] | str] = {}
    floor_strict = run([sys.executable, "-c", FLOOR_STRICT], r)
    floor_used = run([sys.executable, "-c", FLOOR_USED], r)
    plan_table = run(goalsplit("plan", str(EXAMPLE)), r)
    plan_json = run(goalsplit("plan", str(EXAMPLE), "--format", "json"), r)
    version = run(goalsplit("--version"), r)
    help_ = run(goalsplit("--help"), r)
    results.update(
        floor_import_only_s=floor_strict,
        floor_with_used_parts_s=floor_used,
        plan_5_reps_table_s=plan_table,
        plan_5_reps_json_s=plan_json,
        ratio_table_to_floor=plan_table / floor_strict,
        ratio_table_to_used_floor=plan_table / floor_used,
        ratio_json_to_floor=plan_json / floor_strict,
        version_s=version,
        help_s=help_,
        version_imports=imported_by(["--version"]),
        help_imports=imported_by(["--help"]),
    )

    with tempfile.TemporaryDirectory() as tmp:
        sizes = {}
        for reps in (10_000, 20_000):
            path = Path(tmp) / f"plan-{reps}.yaml"
            big_plan(reps, path)
            sizes[reps] = run(
                goalsplit(
                    "plan", str(path), "--format", "json", "--output", str(Path(tmp) / "out.json")
                ),
                big_r,
            )
            results[f"plan_{reps}_reps_year_json_s"] = sizes[reps]
        results["ratio_20k_to_10k"] = sizes[20_000] / sizes[10_000]

    width = max(map(len, results))
    for key, value in results.items():
        shown = f"{value:.3f}" if isinstance(value, float) else json.dumps(value)
        print(f"{key:<{width}}  {shown}")


if __name__ == "__main__":
    main()
