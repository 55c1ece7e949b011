"""``goalsplit rates --format yaml``: a rates block ready to paste into a plan.

The team's rates go under ``rates:``; each rep's used rates under ``reps:`` in
the plan's own form, so a rep's line can be copied as it stands. Rates are
rounded for reading (four decimals below 1, two above); a plan with
``history:`` uses the exact values instead.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from fractions import Fraction

from goalsplit.history import RatesReport
from goalsplit.i18n import tr
from goalsplit.render import ReportOptions


def rate_value(rate: Fraction | None) -> str:
    if rate is None:
        return "null"
    text = f"{float(rate):.4f}" if rate < 1 else f"{float(rate):.2f}"
    return text.rstrip("0").rstrip(".") or "0"


def _name(text: str) -> str:
    """A YAML scalar for a rep's name: plain when safe, else JSON-quoted (valid YAML)."""
    plain = text and text[0].isalpha() and all(c.isalnum() or c in " ._-" for c in text)
    return text if plain else json.dumps(text, ensure_ascii=False)


def render_rates(report: RatesReport, options: ReportOptions) -> Iterator[str]:
    since, until = report.window
    names = [stage.name for stage in report.stages[1:]]
    lines = [
        "# "
        + tr(
            "Rates from {file} ({since} – {until}, {rows} rows, prior {prior})",
            options.lang,
            file=report.file,
            since=since or "…",
            until=until or "…",
            rows=report.history.rows,
            prior=report.table.prior,
        ),
        "rates:",
    ]
    for name, estimate in zip(names, report.table.team, strict=True):
        lines.append(f"  {name}: {rate_value(estimate.used)}")
    lines.append("reps:")
    for rep, estimates in report.table.reps.items():
        rates = ", ".join(
            f"{name}: {rate_value(e.used)}"
            for name, e in zip(names, estimates, strict=True)
            if e.sample > 0
        )
        lines.append(f"  - name: {_name(rep)}")
        if rates:
            lines.append(f"    rates: {{{rates}}}")
    yield "\n".join(lines) + "\n"
