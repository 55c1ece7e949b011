"""The charts of a view, as series of numbers (drawn by the xlsx and HTML formats)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from goalsplit.render.view import Chart, View


def charts(view: View) -> list[Chart]:
    return []
