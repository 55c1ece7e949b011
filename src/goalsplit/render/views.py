"""Each view's blocks: the tables and notes a person reads, described once
(:mod:`goalsplit.render.report`, ``reach`` and ``compare``) for every format that
shows them: table, Markdown, xlsx and HTML."""

from __future__ import annotations

from typing import TYPE_CHECKING

from goalsplit.render.view import ViewKind, assert_never

if TYPE_CHECKING:
    from goalsplit.render.view import Block, View


def blocks(view: View) -> list[Block]:
    from goalsplit.render import report

    kind, subject, options = view.kind, view.subject, view.options
    if kind is ViewKind.plan:
        return report.plan_blocks(subject, options)
    if kind is ViewKind.card:
        return report.card_blocks(subject, options)
    if kind is ViewKind.track:
        return report.track_blocks(subject, options)
    if kind is ViewKind.rates:
        return report.rates_blocks(subject, options)
    if kind is ViewKind.reach:
        from goalsplit.render.reach import reach_blocks

        return reach_blocks(subject, options)
    if kind is ViewKind.compare:
        from goalsplit.render.compare import compare_blocks

        return compare_blocks(subject, options)
    assert_never(kind)
