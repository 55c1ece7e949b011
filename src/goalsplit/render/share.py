"""``goalsplit today --actuals --share``: the day's result as a short message for the
team's chat group (晚分享): the day's numbers, the week so far, the period so far and
tomorrow's targets, one line each, in the chosen language. Plain text, no table: chat
apps do not keep columns aligned.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from fractions import Fraction
from typing import TYPE_CHECKING

from goalsplit.i18n import N_, tr
from goalsplit.render import ReportOptions
from goalsplit.render.report import STATUS_TEXT, _amount, _pct, money, weekday, whole
from goalsplit.text import printable

if TYPE_CHECKING:
    from goalsplit.card import DayCard
    from goalsplit.model import Stage


def share_text(card: DayCard, options: ReportOptions) -> str:
    evening = card.evening
    assert evening is not None
    lang = options.lang
    stages = card.breakdown.stages
    track = evening.track
    separator = " · "

    def against(done: Sequence[Fraction | None], planned: Sequence[int]) -> str:
        return separator.join(
            f"{options.label(stage)} {_amount(d, stage)}/{_whole(p, stage)}"
            for stage, d, p in zip(stages, done, planned, strict=True)
            if d is not None
        )

    day = tr(
        "{weekday} {date}",
        lang,
        weekday=weekday(evening.date, lang),
        date=evening.date,
    )
    if evening.working_day:
        head = tr(
            "{rep} · {day} (working day {number} of {days})",
            lang,
            rep=card.rep.name,
            day=day,
            number=track.elapsed_days,
            days=track.rep.working_days,
        )
    else:
        head = tr(
            "{rep} · {day} ({kind})",
            lang,
            rep=card.rep.name,
            day=day,
            kind=card.describe(card.day_kind, lang),
        )
    head_stage = track.result if track.result.actual is not None else track.activity
    lines = [
        head,
        tr("Today: {numbers}", lang, numbers=against(evening.done, evening.targets)),
        tr(
            "Week {week} so far: {numbers}",
            lang,
            week=evening.week.label[-3:],
            numbers=against(evening.week_done, evening.week_planned),
        ),
        tr(
            "Period so far: {stage} {actual}/{planned} ({pct}), {status}",
            lang,
            stage=options.label(head_stage.stage),
            actual=_amount(head_stage.actual, head_stage.stage),
            planned=_whole(head_stage.planned, head_stage.stage),
            pct=_pct(head_stage.pct),
            status=tr(STATUS_TEXT[track.status], lang),
        ),
    ]
    if evening.tomorrow is not None:
        next_day = evening.tomorrow == card.date + dt.timedelta(days=1)
        lines.append(
            tr(
                N_("Tomorrow, {day}: {numbers}")
                if next_day
                else N_("Next working day, {day}: {numbers}"),
                lang,
                day=tr(
                    "{weekday} {date}",
                    lang,
                    weekday=weekday(evening.tomorrow, lang),
                    date=f"{evening.tomorrow:%m-%d}",
                ),
                numbers=separator.join(
                    f"{options.label(stage)} {_whole(t, stage)}"
                    for stage, t in zip(stages, evening.tomorrow_targets, strict=True)
                ),
            )
        )
        needed = track.result.per_day
        if track.status == "behind" and needed is not None:
            lines.append(
                tr(
                    "To catch up: {stage} {amount} a day for the {days} working days left.",
                    lang,
                    stage=options.label(stages[0]),
                    amount=money(needed),
                    days=track.catch_up.remaining_days,
                )
            )
    return "".join(printable(line) + "\n" for line in lines)


def _whole(amount: int, stage: Stage) -> str:
    return money(amount) if stage.unit == "money" else whole(amount)
