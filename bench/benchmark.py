"""Benchmark goalsplit's command line (run: python bench/benchmark.py).

Measures, as separate processes the way a user runs them:

1. the floor: a Python process that imports goalsplit's dependencies and builds
   the year's CN holiday calendar, against ``goalsplit plan`` on a 5-rep CN
   quarter (table and JSON), as a ratio to the floor. ``import pydantic`` and
   ``import rich`` are lazy and load almost nothing, so a second floor also loads
   the parts that any use of them needs (``BaseModel``; a console and a table);
2. ``goalsplit today`` for one rep of that plan, against ``goalsplit plan``;
   ``goalsplit --version`` and ``--help``, and which heavy modules they import;
3. ``goalsplit plan --format json`` on generated plans of 10,000 and 20,000
   reps over a full year, and the ratio between them; the 10,000-rep year shaped
   (seasonality, ramp-up, sales cycle) against the same plan without shaping;
4. ``goalsplit rates`` on a generated 1,000,000-row history;
5. issue 10: ``--set`` on the small plan; the 10,000-rep year with ``capacity:``
   and ``floors:`` (every rep checked against capacity, every day floored) against
   the same plan without, and ``goalsplit reach`` on it;
6. issue 12 (``--only reports`` runs just these): ``plan --format xlsx`` on a
   1,000-rep quarter (the issue asks for under 5 s), ``track --format xlsx`` on it,
   ``--format html`` on the 5-rep quarter, CSV on the 10,000-rep year (the seam's
   cost), and actuals read from an .xlsx of 1,000 reps over a quarter against the
   same rows as CSV.

Small commands run in turns (so drift on a shared machine hits all alike) and
each figure is a median, of wall time and of CPU time (user + system) of the
child process. Timings are printed, never asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "east-1-q1.yaml"
ACTUALS = ROOT / "examples" / "east-1-q1-actuals.csv"

FLOOR_IMPORTS = (
    "import typer, pydantic, rich, yaml, holidays; holidays.country_holidays('CN', years=2026)"
)
FLOOR_USED = (
    "import typer, yaml, holidays; from pydantic import BaseModel; "
    "from rich.console import Console; from rich.table import Table; "
    "holidays.country_holidays('CN', years=2026)"
)


def once(args: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``args``."""
    before = os.times()
    started = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = os.times()
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return wall, cpu


def run_interleaved(commands: dict[str, list[str]], repeat: int) -> dict[str, tuple[float, float]]:
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, args in commands.items():
            times[name].append(once(args))
    return {
        name: (statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs))
        for name, runs in times.items()
    }


def compile_package() -> None:
    """Byte-compile goalsplit as ``pip install .`` does, so that an editable install
    under PYTHONDONTWRITEBYTECODE=1 is not charged for compiling on every run."""
    import compileall

    import goalsplit

    compileall.compile_dir(Path(goalsplit.__file__).parent, quiet=1)


def goalsplit(*args: str) -> list[str]:
    return [sys.executable, "-m", "goalsplit", *args]


def imported_by(args: list[str]) -> list[str]:
    code = (
        "import sys; from goalsplit.cli import app\n"
        f"try:\n    app({args!r})\nexcept SystemExit:\n    pass\n"
        "print('MODULES:' + ','.join(m for m in ('pydantic', 'holidays', 'yaml') "
        "if m in sys.modules), file=sys.stderr)"
    )
    err = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stderr
    line = next(x for x in err.splitlines() if x.startswith("MODULES:"))
    return [m for m in line.removeprefix("MODULES:").split(",") if m]


SHAPING = [
    "seasonality: {1: 0.8, 2: 0.5, 3: 0.9, 6: 1.1, 10: 0.9, 11: 1.4, 12: 1.1}",
    "ramp: [25%, 50%, 75%]",
    "cycle: 10",
]


def big_plan(
    reps: int, path: Path, shaped: bool = False, limits: bool = False, period: str = "2026"
) -> None:
    """A year (or ``period``) for ``reps`` reps; ``shaped`` adds seasonality, a ramp for
    the reps who join during the year (and some hired before it), and a sales cycle;
    ``limits`` adds a daily capacity and floors."""
    lines = [
        *(["capacity: {dials: 150}", "floors: {dials: 20, connects: 8}"] if limits else []),
        "team: Benchmark",
        f"period: {period}",
        "calendar: {country: CN}",
        f"target: {reps * 1_000_000}",
        "stretch: 1.1",
        "rates: {pipeline: 0.3, intents: 15000, deep_talks: 0.2, connects: 0.25, dials: 0.35}",
        *(SHAPING if shaped else []),
        "reps:",
    ]
    for i in range(reps):
        lines.append(f"  - name: rep{i:05d}")
        if i % 3 == 0:
            lines.append(f"    weight: {1 + (i % 7) / 10}")
        if i % 5 == 0:
            lines.append("    rates: {dials: 0.4}")
        months = 3 if period.endswith("Q1") else 9  # a start and leave within the period
        if i % 11 == 0:
            lines.append(f"    start: 2026-0{1 + i % months}-1{i % 10}")
        if i % 13 == 0:
            leave = "2026-02-09..2026-02-13" if months == 3 else "2026-07-06..2026-07-10"
            lines.append(f"    leave: [{leave}]")
        if i % 17 == 0:
            lines.append(f"    quota: {500_000 + i}")
        if shaped and i % 19 == 0:
            lines.append(f"    hired: 2025-1{i % 3}-0{1 + i % 9}")
        if shaped and i % 23 == 0:
            lines.append("    cycle: 15")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def big_history(rows: int, path: Path) -> None:
    """``rows`` daily rows: 1,000 reps over as many days as needed."""
    start = date(2022, 1, 1)
    days = [(start + timedelta(days=i)).isoformat() for i in range(rows // 1000 + 1)]
    with path.open("w", encoding="utf-8") as out:
        out.write("rep,date,revenue,pipeline,intents,deep_talks,connects,dials\n")
        for i in range(rows):
            dials = 40 + (i * 7919) % 30
            connects = dials * 35 // 100
            deep = connects // 4
            intents = deep // 5
            out.write(
                f"rep{i % 1000:04d},{days[i // 1000]},{intents * 4500},{intents * 15000},"
                f"{intents},{deep},{connects},{dials}\n"
            )


def big_actuals(reps: int, first: date, last: date, path: Path) -> None:
    """One row per rep per calendar day from ``first`` to ``last`` (weekends included:
    a CRM export does not know the calendar)."""
    with path.open("w", encoding="utf-8") as out:
        out.write("date,rep,revenue,pipeline,intents,deep_talks,connects,dials\n")
        day = first
        while day <= last:
            for i in range(reps):
                dials = 40 + (i * 7919 + day.toordinal()) % 30
                connects = dials * 35 // 100
                deep = connects // 4
                intents = deep // 5
                out.write(
                    f"{day},rep{i:05d},{intents * 4500},{intents * 15000},"
                    f"{intents},{deep},{connects},{dials}\n"
                )
            day += timedelta(days=1)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--repeat", type=int, default=11, help="runs per small command")
    parser.add_argument("--big-repeat", type=int, default=3, help="runs per big plan")
    parser.add_argument(
        "--only", choices=["all", "reports"], default="all", help="reports: issue 12's figures"
    )
    options = parser.parse_args()
    compile_package()
    if options.only == "reports":
        reports(options)
        return

    small = run_interleaved(
        {
            "floor (import deps + CN 2026 calendar)": [sys.executable, "-c", FLOOR_IMPORTS],
            "floor + BaseModel, Console, Table": [sys.executable, "-c", FLOOR_USED],
            "plan, 5-rep CN quarter, table": goalsplit("plan", str(EXAMPLE)),
            "plan, 5-rep CN quarter, json": goalsplit("plan", str(EXAMPLE), "--format", "json"),
            "today, 5-rep CN quarter, table": goalsplit(
                "today", str(EXAMPLE), "--rep", "张伟", "--date", "2026-02-24"
            ),
            "today, 5-rep CN quarter, json": goalsplit(
                "today", str(EXAMPLE), "--rep", "张伟", "--date", "2026-02-24", "-f", "json"
            ),
            "track, 5-rep CN quarter, table": goalsplit("track", str(EXAMPLE), "-a", str(ACTUALS)),
            "track --by week, 5-rep CN quarter": goalsplit(
                "track", str(EXAMPLE), "-a", str(ACTUALS), "--by", "week"
            ),
            "today --actuals (evening card)": goalsplit(
                "today", str(EXAMPLE), "-r", "李娜", "-d", "2026-02-13", "-a", str(ACTUALS)
            ),
            "replan, 5-rep CN quarter": goalsplit("replan", str(EXAMPLE), "-a", str(ACTUALS)),
            "plan, 5-rep CN quarter, json, 2 --set": goalsplit(
                "plan",
                str(EXAMPLE),
                "-f",
                "json",
                "--set",
                "stretch=1.2",
                "--set",
                "rates.dials=40%",
            ),
            "--version": goalsplit("--version"),
            "--help": goalsplit("--help"),
        },
        options.repeat,
    )
    print(f"{'command':<42} {'wall s':>8} {'cpu s':>8}")
    for name, (wall, cpu) in small.items():
        print(f"{name:<42} {wall:>8.3f} {cpu:>8.3f}")
    names = list(small)
    for plan in names[2:4]:
        for floor in names[:2]:
            wall = small[plan][0] / small[floor][0]
            cpu = small[plan][1] / small[floor][1]
            print(f"ratio {plan[-5:]} / {floor[:28]:<28}  wall {wall:.2f}x  cpu {cpu:.2f}x")
    today_ratio = small["today, 5-rep CN quarter, table"][0] / small[names[2]][0]
    print(f"ratio today / plan (table)  wall {today_ratio:.2f}x")
    for args in (["--version"], ["--help"]):
        print(
            f"{' '.join(args)} imports: {imported_by(args) or 'none of pydantic, holidays, yaml'}"
        )

    with tempfile.TemporaryDirectory() as tmp:
        big = {}
        for reps in (10_000, 20_000):
            path = Path(tmp) / f"plan-{reps}.yaml"
            big_plan(reps, path)
            out = str(Path(tmp) / "out.json")
            args = goalsplit("plan", str(path), "--format", "json", "--output", out)
            big[reps] = run_interleaved({"big": args}, options.big_repeat)["big"]
            size = Path(out).stat().st_size / 1e6
            print(
                f"plan --format json, {reps:,} reps, year: wall {big[reps][0]:.2f} s, "
                f"cpu {big[reps][1]:.2f} s, {size:.0f} MB of JSON"
            )
        print(
            f"ratio 20,000 / 10,000 reps: wall {big[20_000][0] / big[10_000][0]:.2f}x, "
            f"cpu {big[20_000][1] / big[10_000][1]:.2f}x"
        )
        # The review loop on a big team: 1,000 reps, a year, actuals through June.
        plan_1000 = Path(tmp) / "plan-1000.yaml"
        big_plan(1_000, plan_1000)
        actuals = Path(tmp) / "actuals.csv"
        big_actuals(1_000, date(2026, 1, 1), date(2026, 6, 30), actuals)
        review_out = str(Path(tmp) / "review.json")
        for label, extra in (
            ("track", []),
            ("track --by week", ["--by", "week"]),
            ("track --by month", ["--by", "month"]),
        ):
            args = goalsplit(
                "track", str(plan_1000), "-a", str(actuals), "-f", "json", "-o", review_out, *extra
            )
            wall, cpu = run_interleaved({"t": args}, options.big_repeat)["t"]
            print(
                f"{label}, 1,000 reps, a year, 181 days of actuals: "
                f"wall {wall:.2f} s, cpu {cpu:.2f} s"
            )
        # The same 10,000-rep year shaped (seasonality, ramp, cycle), in turns with the
        # plain one so that drift on a shared machine hits both alike.
        plain, shaped = Path(tmp) / "plain.yaml", Path(tmp) / "shaped.yaml"
        big_plan(10_000, plain)
        big_plan(10_000, shaped, shaped=True)
        out = str(Path(tmp) / "out.json")
        pair = run_interleaved(
            {
                name: goalsplit("plan", str(path), "--format", "json", "--output", out)
                for name, path in (("plain", plain), ("shaped", shaped))
            },
            options.big_repeat,
        )
        for name, (wall, cpu) in pair.items():
            print(
                f"plan --format json, 10,000 reps, year, {name}: wall {wall:.2f} s, cpu {cpu:.2f} s"
            )
        print(
            f"ratio shaped / plain: wall {pair['shaped'][0] / pair['plain'][0]:.2f}x, "
            f"cpu {pair['shaped'][1] / pair['plain'][1]:.2f}x"
        )
        limited = Path(tmp) / "plan-limits.yaml"
        big_plan(10_000, limited, limits=True)
        out = str(Path(tmp) / "out.json")
        for name, args in (
            ("plan --format json, capacity + floors", ("plan", "--format", "json")),
            ("reach --format json, capacity", ("reach", "--format", "json")),
        ):
            wall, cpu = run_interleaved(
                {"big": goalsplit(args[0], str(limited), *args[1:], "--output", out)},
                options.big_repeat,
            )["big"]
            print(f"{name}, 10,000 reps, year: wall {wall:.2f} s, cpu {cpu:.2f} s")
        history = Path(tmp) / "history.csv"
        big_history(1_000_000, history)
        out = str(Path(tmp) / "rates.json")
        wall, cpu = run_interleaved(
            {"rates": goalsplit("rates", str(history), "--format", "json", "--output", out)},
            options.big_repeat,
        )["rates"]
        print(f"rates, 1,000,000-row history (1,000 reps): wall {wall:.2f} s, cpu {cpu:.2f} s")


def xlsx_actuals(csv_path: Path, xlsx_path: Path) -> None:
    """The same rows as a workbook (real dates), as a CRM would export them."""
    import openpyxl

    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Export")
    with csv_path.open(encoding="utf-8") as handle:
        header = handle.readline().rstrip("\n").split(",")
        sheet.append(header)
        for line in handle:
            cells = line.rstrip("\n").split(",")
            sheet.append([date.fromisoformat(cells[0]), cells[1], *map(int, cells[2:])])
    book.save(xlsx_path)


def reports(options: argparse.Namespace) -> None:
    """Issue 12: the Excel and HTML formats, and activity read from .xlsx."""
    small = run_interleaved(
        {
            "plan, 5-rep CN quarter, table": goalsplit("plan", str(EXAMPLE)),
            "plan, 5-rep CN quarter, html": goalsplit("plan", str(EXAMPLE), "-f", "html"),
            "track, 5-rep CN quarter, html": goalsplit(
                "track", str(EXAMPLE), "-a", str(ACTUALS), "-f", "html"
            ),
            "plan, 5-rep CN quarter, xlsx": goalsplit("plan", str(EXAMPLE), "-f", "xlsx"),
        },
        options.repeat,
    )
    print(f"{'command':<42} {'wall s':>8} {'cpu s':>8}")
    for name, (wall, cpu) in small.items():
        print(f"{name:<42} {wall:>8.3f} {cpu:>8.3f}")
    with tempfile.TemporaryDirectory() as tmp:
        quarter = Path(tmp) / "quarter-1000.yaml"
        big_plan(1_000, quarter, period="2026-Q1")
        actuals = Path(tmp) / "actuals.csv"
        big_actuals(1_000, date(2026, 1, 1), date(2026, 3, 31), actuals)
        workbook = Path(tmp) / "actuals.xlsx"
        xlsx_actuals(actuals, workbook)
        out = Path(tmp) / "out.xlsx"
        for label, args in (
            ("plan --format xlsx, 1,000 reps, quarter", ("plan", str(quarter))),
            (
                "track --format xlsx, 1,000 reps, quarter",
                ("track", str(quarter), "-a", str(actuals)),
            ),
            (
                "plan --format xlsx --daily, 1,000 reps, quarter",
                ("plan", str(quarter), "--daily"),
            ),
        ):
            wall, cpu = run_interleaved(
                {"x": goalsplit(*args, "-f", "xlsx", "-o", str(out))}, options.big_repeat
            )["x"]
            size = out.stat().st_size / 1e6
            print(f"{label}: wall {wall:.2f} s, cpu {cpu:.2f} s, {size:.1f} MB")
        rows = sum(1 for _ in actuals.open(encoding="utf-8")) - 1
        pair = run_interleaved(
            {
                kind: goalsplit(
                    "track", str(quarter), "-a", str(path), "-f", "json", "-o", str(out)
                )
                for kind, path in (("csv", actuals), ("xlsx", workbook))
            },
            options.big_repeat,
        )
        for kind, (wall, cpu) in pair.items():
            print(f"track, actuals as {kind} ({rows:,} rows): wall {wall:.2f} s, cpu {cpu:.2f} s")
        year = Path(tmp) / "year-10000.yaml"
        big_plan(10_000, year)
        wall, cpu = run_interleaved(
            {"csv": goalsplit("plan", str(year), "-f", "csv", "-o", str(Path(tmp) / "o.csv"))},
            options.big_repeat,
        )["csv"]
        print(f"plan --format csv, 10,000 reps, year: wall {wall:.2f} s, cpu {cpu:.2f} s")


if __name__ == "__main__":
    main()
