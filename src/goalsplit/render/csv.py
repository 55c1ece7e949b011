"""``--format csv``: long tables that open correctly in Excel.

One row per rep and stage with the period numbers, then one column per ISO week,
one per calendar month when the period touches more than one (and with
``--daily`` one per working day). UTF-8 with a byte-order mark, so
Excel shows Chinese names and labels; plain numbers without thousands
separators; the header row follows ``--lang``.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from goalsplit.i18n import tr
from goalsplit.render import ReportOptions, selected_reps
from goalsplit.text import printable

if TYPE_CHECKING:
    from goalsplit.breakdown import Breakdown
    from goalsplit.card import DayCard
    from goalsplit.history import RatesReport
    from goalsplit.track import TrackReport

BOM = "\ufeff"


def _exact(value: Fraction | None) -> str:
    """An exact quantity as a plain decimal (at most 6 places, no binary noise)."""
    if value is None:
        return ""
    text = f"{float(round(value, 6)):.6f}".rstrip("0").rstrip(".")
    return text or "0"


# A text cell that starts with one of these is read by Excel, LibreOffice and Google
# Sheets as a formula (``=HYPERLINK(...)`` in a rep's name from a CRM export).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def safe_cell(value: object) -> object:
    """OWASP's rule against CSV injection: a text cell that a spreadsheet would run
    as a formula gets a leading apostrophe; numbers (also negative ones, such as a
    gap of -5) stay numbers. Control characters (a terminal escape in a name) are
    shown as escapes, as in every other text output."""
    if not isinstance(value, str):
        return value
    value = printable(value)
    if value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


class _SafeWriter:
    """csv.writer whose rows are safe to open in a spreadsheet."""

    def __init__(self, buffer: io.StringIO) -> None:
        self._writer = csv.writer(buffer, lineterminator="\r\n")

    def writerow(self, row: Sequence[object]) -> None:
        self._writer.writerow([safe_cell(v) for v in row])

    def writerow_safe(self, row: Sequence[object]) -> None:
        """A row whose text cells went through safe_cell already (the plan's long
        rows: checking every count would cost a tenth of a second for 10,000 reps)."""
        self._writer.writerow(row)


def _writer() -> tuple[io.StringIO, _SafeWriter]:
    """A CSV writer into a buffer, with the CRLF line ends Excel expects."""
    buffer = io.StringIO()
    return buffer, _SafeWriter(buffer)


def render(breakdown: Breakdown, options: ReportOptions) -> Iterator[str]:
    lang = options.lang
    buffer, writer = _writer()
    header = [
        tr("Rep", lang),
        tr("Stage", lang),
        tr("Label", lang),
        tr("Unit", lang),
        tr("Working days", lang),
        tr("Exact total", lang),
        tr("Total", lang),
        tr("Per working day", lang),
        *(week.label for week in breakdown.weeks),
    ]
    by_month = breakdown.by_month
    if by_month:  # a column per calendar month, after the weeks
        header += [month.label for month in breakdown.months]
    if options.daily:
        days = sorted(
            {day for i in selected_reps(breakdown, options) for day in breakdown.reps[i].days}
        )
        header += [day.isoformat() for day in days]
    writer.writerow(header)
    yield BOM + buffer.getvalue()
    labels = [safe_cell(options.label(stage)) for stage in breakdown.stages]
    for i in selected_reps(breakdown, options):
        buffer.seek(0)
        buffer.truncate()
        rep = breakdown.reps[i]
        working_days = rep.working_days
        name = safe_cell(rep.name)
        weeks = rep.week_columns()
        months = rep.month_columns() if by_month else [[]] * len(rep.stages)
        daily = rep.day_columns() if options.daily else [[]] * len(rep.stages)
        for s, total, label, week_targets, month_targets, day_targets in zip(
            rep.stages, rep.totals(), labels, weeks, months, daily, strict=True
        ):
            stage = s.stage
            row = [
                name,
                stage.name,  # a key: letters, digits and _
                label,
                stage.unit,
                working_days,
                _exact(s.required),
                total,  # the requirement rounded up once (with a floor: the days' sum)
                _exact(s.required / working_days if working_days else None),
                *week_targets,
                *month_targets,
            ]
            if options.daily:
                mine = dict(zip(rep.days, day_targets, strict=True))
                row += [mine.get(day, "") for day in days]
            writer.writerow_safe(row)
        yield buffer.getvalue()


def render_card(card: DayCard, options: ReportOptions) -> Iterator[str]:
    lang = options.lang
    buffer, writer = _writer()
    writer.writerow(
        [
            tr("Rep", lang),
            tr("Date", lang),
            tr("Working day?", lang),
            tr("Kind of day", lang),
            tr("Card date", lang),
            tr("Working day no.", lang),
            tr("Working days in period", lang),
            tr("Stage", lang),
            tr("Label", lang),
            tr("Today", lang),
            tr("Week", lang),
            tr("Week target", lang),
            *(
                (tr("Month", lang), tr("Month target", lang), tr("Left in month", lang))
                if card.month is not None
                else ()
            ),
            tr("To date", lang),
            tr("Period", lang),
            *(
                [
                    tr("Done", lang),
                    tr("Week to date", lang),
                    tr("Week done", lang),
                    tr("Done to date", lang),
                    tr("Needed/day", lang),
                ]
                if card.evening is not None
                else []
            ),
        ]
    )
    totals = card.rep.totals()
    evening = card.evening
    working = tr("yes", lang) if card.working_day else tr("no", lang)
    kind = card.describe(card.day_kind, lang)
    for k, stage in enumerate(card.breakdown.stages):
        writer.writerow(
            [
                card.rep.name,
                card.date.isoformat(),
                working,
                kind,
                card.card_date.isoformat() if card.card_date else "",
                card.day if card.card_date else "",
                card.days,
                stage.name,
                options.label(stage),
                card.targets[k],
                card.week.label,
                card.week_targets[k],
                *(
                    (card.month.label, card.month_targets[k], card.month_left[k])
                    if card.month is not None
                    else ()
                ),
                card.period_to_date[k],
                totals[k],
                *(
                    []
                    if evening is None
                    else [
                        _exact(evening.done[k]),
                        evening.week_planned[k],
                        _exact(evening.week_done[k]),
                        _exact(evening.track.stages[k].actual),
                        _exact(evening.track.stages[k].per_day),
                    ]
                ),
            ]
        )
    yield BOM + buffer.getvalue()


def render_rates(report: RatesReport, options: ReportOptions) -> Iterator[str]:
    lang = options.lang
    buffer, writer = _writer()
    writer.writerow(
        [
            tr("Rep", lang),
            tr("Stage", lang),
            tr("Label", lang),
            tr("Raw", lang),
            tr("Used", lang),
            tr("Sample", lang),
            tr("Stage above", lang),
            tr("Prior", lang),
            tr("Thin", lang),
        ]
    )
    rows = [("", report.table.team), *report.table.reps.items()]
    for name, estimates in rows:
        for stage, e in zip(report.stages[1:], estimates, strict=True):
            writer.writerow(
                [
                    name or tr("(team)", lang),
                    stage.name,
                    options.label(stage),
                    _exact(e.raw),
                    _exact(e.used),
                    _exact(e.sample),
                    _exact(e.above),
                    _exact(e.prior),
                    int(e.thin),
                ]
            )
    yield BOM + buffer.getvalue()


def render_track(report: TrackReport, options: ReportOptions) -> Iterator[str]:
    lang = options.lang
    if report.review is not None:  # --by: the review's rows instead of the period's
        yield BOM + _review_csv(report, options)
        return
    buffer, writer = _writer()
    writer.writerow(
        [
            tr("Rep", lang),
            tr("Stage", lang),
            tr("Label", lang),
            tr("As of", lang),
            tr("Plan", lang),
            tr("Actual", lang),
            tr("Gap", lang),
            "%",
            tr("Needed/day", lang),
            tr("Plan/day", lang),
            tr("Actual rate", lang),
            tr("Planned rate", lang),
            tr("Team rate", lang),
            tr("Sample", lang),
            tr("Status", lang),
            tr("Diagnosis", lang),
            "#",
            tr("Tier", lang),
        ]
    )
    from goalsplit.render.report import TIER_TEXT, diagnosis_text

    activity = report.breakdown.stages[-1]
    for i in selected_reps(report.breakdown, options):
        r = report.reps[i]
        days = r.rep.working_days
        diagnosis = diagnosis_text(
            r.classification,
            r.weakest.rate if r.weakest is not None else None,
            r.weakest.stage if r.weakest is not None else None,
            r.compound,
            (r.activity.planned, r.activity.actual),
            activity,
            options,
        )
        tier = tr(TIER_TEXT[r.tier], lang) if r.tier else ""
        for s in r.stages:
            check = s.rate
            writer.writerow(
                [
                    r.rep.name,
                    s.stage.name,
                    options.label(s.stage),
                    report.as_of.isoformat(),
                    s.planned,
                    _exact(s.actual),
                    _exact(s.gap),
                    _exact(s.pct),
                    _exact(s.per_day),
                    _exact(s.plan.required / days) if days else "",
                    _exact(check.actual) if check else "",
                    _exact(check.planned) if check else "",
                    _exact(check.team) if check else "",
                    _exact(check.sample) if check else "",
                    r.status,
                    diagnosis,
                    r.rank if r.rank is not None else "",
                    tier,
                ]
            )
    yield BOM + buffer.getvalue()


def _review_csv(report: TrackReport, options: ReportOptions) -> str:
    """One row per week (or month), rep (the team first) and stage."""
    lang = options.lang
    review = report.review
    assert review is not None
    buffer, writer = _writer()
    writer.writerow(
        [
            tr("Rep", lang),
            tr("Week", lang) if review.by == "week" else tr("Month", lang),
            tr("Start", lang),
            tr("End", lang),
            tr("Through", lang),
            tr("Working days", lang),
            tr("Stage", lang),
            tr("Label", lang),
            tr("Plan", lang),
            tr("Actual", lang),
            "%",
            tr("Row plan", lang),
            tr("Status", lang),
            tr("Classification", lang),
            tr("Weakest stage", lang),
        ]
    )
    stages = report.breakdown.stages
    everyone = [(tr("(team)", lang), review.team)] + [
        (report.reps[i].rep.name, review.reps[i]) for i in selected_reps(report.breakdown, options)
    ]
    for who, rows in everyone:
        for row in rows:
            weakest = row.diagnosis.weakest
            for stage, cell in zip(stages, row.stages, strict=True):
                writer.writerow(
                    [
                        who,
                        row.label,
                        row.start.isoformat(),
                        row.end.isoformat(),
                        row.through.isoformat(),
                        row.working_days,
                        stage.name,
                        options.label(stage),
                        cell.planned,
                        _exact(cell.actual),
                        _exact(cell.pct),
                        cell.planned_full,
                        row.status,
                        row.diagnosis.classification,
                        stages[weakest].name if weakest is not None else "",
                    ]
                )
    return buffer.getvalue()
