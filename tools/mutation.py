"""Mutation testing of the pure core: run mutmut, print the score per module.

    pip install -e '.[test,mutation]'
    python tools/mutation.py            # a fresh run, then the table (a few minutes)
    python tools/mutation.py --keep     # re-use mutants/ and re-test only what changed
    python tools/mutation.py --report   # only print the table of the last run
    python tools/mutation.py --all      # also run the listed equivalents (they must survive)

What is mutated, and which tests run, is set in pyproject.toml ([tool.mutmut]). A
mutant that no test can tell from the original is listed, with the reason, in
tools/mutation-equivalents.toml; those are left out of the score, and not run unless
--all is given: each would run every test that reaches it (a third of the run time)
only to survive. --all reports any that a test now kills, to be taken off the list.
Each entry also gives a fragment of the mutated line, so an entry that no longer
matches its mutant (the numbering moves when a function changes) is reported as stale
and counted as a survivor, not silently excluded.

Score = (killed + timeout) / (all mutants - equivalents). Exits 1 below --fail-under.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS = ROOT / "tools" / "mutation-equivalents.toml"
LOG = ROOT / "mutants" / "mutation.log"

# mutmut 3.8 reads ``item._nodeid``, which pytest 9 no longer has: give it the public
# ``nodeid`` under the old name. Leave out the mutants named in $SKIP_ENV (the listed
# equivalents), then run mutmut's own command line.
SKIP_ENV = "GOALSPLIT_MUTATION_SKIP"
BOOT = f"""
import os, sys
import _pytest.nodes as nodes
if not hasattr(nodes.Node, "_nodeid"):
    nodes.Node._nodeid = property(lambda self: self.nodeid)
import mutmut.__main__ as mutmut_main
skip = set(os.environ.get("{SKIP_ENV}", "").split())
collect = mutmut_main.collect_source_file_mutation_data
def collect_unskipped(*, mutant_names):
    mutants, by_path = collect(mutant_names=mutant_names)
    return [m for m in mutants if m[1] not in skip], by_path
mutmut_main.collect_source_file_mutation_data = collect_unskipped
sys.argv[0] = "mutmut"
mutmut_main.cli()
"""

DETECTED = {"killed", "timeout"}
COLUMNS = ("killed", "timeout", "survived", "no tests", "other", "equivalent")


@dataclass(frozen=True)
class Equivalent:
    mutant: str
    change: str  # a fragment of the mutated line
    why: str


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--keep", action="store_true", help="re-use the results in mutants/")
    parser.add_argument("--report", action="store_true", help="only print the last results")
    parser.add_argument("--all", action="store_true", help="run the listed equivalents too")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 2, help="parallel workers")
    parser.add_argument("--fail-under", type=float, default=95.0, help="minimum score, percent")
    parser.add_argument("mutants", nargs="*", help="mutant names or globs to (re-)run")
    args = parser.parse_args()
    os.chdir(ROOT)

    if not args.report:
        if not (args.keep or args.mutants):
            shutil.rmtree("mutants", ignore_errors=True)
        skip = [] if args.all else sorted(load_equivalents())
        seconds = run_mutmut(args.jobs, args.mutants, skip)
        print(f"mutmut ran in {seconds / 60:.1f} min with {args.jobs} workers")
    return report(args.fail_under)


def run_mutmut(jobs: int, names: list[str], skip: list[str]) -> float:
    # A fixed hash seed keeps the order of the tests each mutant runs (mutmut keeps them
    # in a set) and so the run time from one run to the next.
    env = dict(os.environ, PYTHONHASHSEED="0", **{SKIP_ENV: " ".join(skip)})
    command = [sys.executable, "-c", BOOT, "run", "--max-children", str(jobs), *names]
    LOG.parent.mkdir(exist_ok=True)
    print(f"running mutmut; follow it with: tail -f {LOG.relative_to(ROOT)}", flush=True)
    started = time.monotonic()
    with LOG.open("wb") as log:
        code = subprocess.run(command, env=env, stdout=log, stderr=subprocess.STDOUT).returncode
    if code != 0:
        sys.stdout.write(LOG.read_bytes().decode(errors="replace")[-4000:])
        raise SystemExit(f"mutmut failed with exit code {code}")
    return time.monotonic() - started


def load_equivalents() -> dict[str, Equivalent]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - mutmut itself needs the toml package on 3.10
        import toml as tomllib  # type: ignore[no-redef]
    data = tomllib.loads(EQUIVALENTS.read_text(encoding="utf-8"))
    return {e["mutant"]: Equivalent(e["mutant"], e["change"], e["why"]) for e in data["equivalent"]}


def report(fail_under: float) -> int:
    from mutmut.mutation.diff_apply import get_diff_for_mutant
    from mutmut.stats import status_by_exit_code

    equivalents = load_equivalents()
    used: set[str] = set()
    stale: list[str] = []
    killed_equivalents: list[str] = []
    left: list[tuple[str, str, str]] = []
    table: dict[str, Counter[str]] = {}
    for meta in sorted(Path("mutants").rglob("*.py.meta")):
        source = meta.relative_to("mutants").with_suffix("")  # src/goalsplit/x.py
        counts: Counter[str] = Counter()
        for name, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            status = status_by_exit_code[code]
            if status == "killed" and name in equivalents:
                killed_equivalents.append(name)
            if status == "timeout" and name in equivalents:
                print(f"timeout: {name} (listed as equivalent) timed out: a busy machine?")
                status = "survived"  # a slow equivalent is not a detected one
            if status not in DETECTED:
                diff = get_diff_for_mutant(name, path=source)
                added = [line[1:] for line in diff.splitlines()[2:] if line.startswith("+")]
                equivalent = equivalents.get(name)
                if equivalent is not None and any(equivalent.change in line for line in added):
                    used.add(name)
                    counts["equivalent"] += 1
                    continue
                if equivalent is not None:
                    stale.append(name)
                lines = diff.splitlines()[2:]
                left.append((name, status, "\n".join(f"    {line}" for line in lines)))
            counts[status if status in COLUMNS else "other"] += 1
        table[source.name] = counts
    if not table:
        print("no results: run without --report first")
        return 2

    total: Counter[str] = Counter()
    header = f"{'module':<14}" + "".join(f"{c:>11}" for c in COLUMNS) + f"{'score':>9}"
    print(header)
    print("-" * len(header))
    for module, counts in [*table.items(), ("total", None)]:
        if counts is None:
            print("-" * len(header))
            counts = total
        else:
            total.update(counts)
        print(f"{module:<14}" + "".join(f"{counts[c]:>11}" for c in COLUMNS) + score(counts))

    for name in sorted(set(equivalents) - used - set(stale) - set(killed_equivalents)):
        print(f"note: {name} is listed as equivalent but was not found among the survivors")
    for name in killed_equivalents:
        print(f"killed: {name} is listed as equivalent, but a test kills it: unlist it")
    for name in stale:
        print(f"stale: {name} is listed as equivalent, but its change no longer matches")
    if left:
        print(f"\n{len(left)} mutants not detected (not listed as equivalent):")
        for name, status, diff in left:
            print(f"\n{name}: {status}\n{diff}")
    value = percent(total)
    return 0 if value is not None and value >= fail_under else 1


def percent(counts: Counter[str]) -> float | None:
    judged = sum(counts.values()) - counts["equivalent"]
    return 100 * sum(counts[s] for s in DETECTED) / judged if judged else None


def score(counts: Counter[str]) -> str:
    value = percent(counts)
    return f"{value:>8.1f}%" if value is not None else f"{'–':>9}"


if __name__ == "__main__":
    raise SystemExit(main())
