"""``goalsplit rates --format yaml``: a rates block ready to paste into a plan.

The team's rates go under ``rates:``; each rep's used rates under ``reps:`` in
the plan's own form, so a rep's line can be copied as it stands. Rates are
rounded for reading (four significant digits below 1, so that a small rate never
prints as 0; two decimals above); a plan with ``history:`` uses the exact values
instead. Every name that a YAML reader would not read back as the same text
(``Null``, ``True``, ``yes``, ``007``, ``1e3``, ``a: b``, ``- x``, ``#x``) is
quoted, so the pasted block passes ``goalsplit check``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction

from goalsplit.history import RatesReport
from goalsplit.i18n import tr
from goalsplit.limits import MAX_NUMBER, MIN_NUMBER
from goalsplit.render import ReportOptions
from goalsplit.render.view import View, ViewKind
from goalsplit.text import printable

SIGNIFICANT = 4  # digits of a rate below 1


def rate_value(rate: Fraction | None) -> str:
    """A rate as a plain decimal a plan accepts: four significant digits below 1,
    two decimals above, never 0 (within the range a plan holds: a stage that converted
    nothing gets the smallest rate a plan accepts, marked by :func:`out_of_range`)."""
    if rate is None:
        return "null"
    clamped = min(max(rate, Fraction(MIN_NUMBER)), Fraction(MAX_NUMBER))
    with localcontext() as context:
        context.rounding = ROUND_HALF_EVEN
        if clamped < 1:
            context.prec = SIGNIFICANT
            value = Decimal(clamped.numerator) / Decimal(clamped.denominator)
        else:
            context.prec = 40
            value = (Decimal(clamped.numerator) / Decimal(clamped.denominator)).quantize(
                Decimal("0.01")
            )
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def out_of_range(rate: Fraction | None) -> bool:
    """A rate a plan refuses as it is (0 included): written clamped, with a note."""
    return rate is not None and not MIN_NUMBER <= rate <= MAX_NUMBER


# A name is written plain only when no YAML reader can take it for anything but
# that text: a letter first, then letters, digits, spaces and . _ - only, and not a
# word YAML 1.1 or 1.2 reads as null or true/false.
_PLAIN = re.compile(r"[^\W\d_][\w .\-]*(?<! )")
_RESERVED = {"null", "true", "false", "yes", "no", "on", "off", "y", "n"}
# Characters a YAML double-quoted scalar may hold as they are: printable, and not
# a line break in YAML 1.1 (NEL, LS, PS) or a byte-order mark.
_VERBATIM = re.compile(
    r"[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]"
)


def yaml_string(text: str) -> str:
    """A YAML scalar that reads back as exactly ``text``: plain when that is safe,
    else double-quoted with escapes."""
    if _PLAIN.fullmatch(text) and text.lower() not in _RESERVED:
        return text
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif _VERBATIM.match(char):
            out.append(char)
        elif ord(char) <= 0xFF:
            out.append(f"\\x{ord(char):02x}")
        elif ord(char) <= 0xFFFF:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


def render_view(view: View) -> Iterator[str]:
    """Only the rates report has a YAML form (``UNSUPPORTED`` lists the others)."""
    if view.kind is not ViewKind.rates:
        raise ValueError(f"no YAML form for the {view.kind.value} report")
    return render_rates(view.subject, view.options)


def render_rates(report: RatesReport, options: ReportOptions) -> Iterator[str]:
    since, until = report.window
    names = [stage.name for stage in report.stages[1:]]
    note = "  # " + tr("outside the range a plan accepts; adjust by hand", options.lang)
    lines = [
        "# "
        + printable(
            tr(
                "Rates from {file} ({since} – {until}, {rows} rows, prior {prior})",
                options.lang,
                file=report.file,
                since=since or "…",
                until=until or "…",
                rows=report.history.rows,
                prior=report.table.prior,
            )
        ),
        "rates:",
    ]
    for name, estimate in zip(names, report.table.team, strict=True):
        if estimate.used is None:
            continue  # no data for the whole team (an error before it gets here)
        lines.append(
            f"  {name}: {rate_value(estimate.used)}" + (note if out_of_range(estimate.used) else "")
        )
    lines.append("reps:")
    for rep, estimates in report.table.reps.items():
        used = [
            (name, e.used)
            for name, e in zip(names, estimates, strict=True)
            if e.sample > 0 and e.used is not None
        ]
        lines.append(f"  - name: {yaml_string(rep)}")
        if used:
            rates = ", ".join(f"{name}: {rate_value(rate)}" for name, rate in used)
            clamped = any(out_of_range(rate) for _, rate in used)
            lines.append(f"    rates: {{{rates}}}" + (note if clamped else ""))
    yield "\n".join(lines) + "\n"
