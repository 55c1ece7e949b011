"""``--format html``: one self-contained page to share (works offline, opens from a
chat attachment, prints on A4, reads on a phone).

The page holds the report's tables and notes (the same view the table format lays
out) and its charts (:mod:`goalsplit.render.charts`), drawn by matplotlib as SVG
with the text kept as text, so that the browser draws names and labels in its own
fonts (Chinese in a CJK font) and the page stays small: no script, no image file,
no web font, nothing fetched. Each chart sits beside the tables it is about:
per rep, the funnel and the targets by week or month; for ``track``, plan to date
against actual for the team and, per rep, a burn-up and the stage attainment.

The charts are laid out on fixed axes (no layout computed from font metrics) and
written with a fixed hash salt and no date, so the same report gives the same
bytes on the same matplotlib.
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from goalsplit import __version__
from goalsplit.i18n import tr
from goalsplit.render.display import cell_text, money
from goalsplit.render.grid import Note
from goalsplit.render.view import Chart, Table, View
from goalsplit.text import printable

if TYPE_CHECKING:
    pass

# Per-rep charts for at most this many reps: a bigger team's page keeps its tables
# (the charts would take minutes to draw and nobody scrolls through them).
MAX_CHARTED_REPS = 60
FONTS = (
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans CJK SC", "Noto Sans SC", '
    '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Source Han Sans SC", sans-serif'
)
COLORS = ("#2b6cb0", "#dd6b20", "#38a169", "#805ad5", "#d53f8c", "#718096")

STYLE = """
:root { --font: FONTS; --ink: #1a202c; --muted: #5a6472; --rule: #d5dbe3;
  --bad: #c53030; --ok: #2f855a; --band: #f5f7fa; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: var(--font); color: var(--ink); background: #fff;
  font-size: 15px; line-height: 1.45; }
main { max-width: 1100px; margin: 0 auto; padding: 16px 20px 40px; }
h1 { font-size: 1.45rem; margin: 0.2rem 0 0.2rem; }
h2 { font-size: 1.12rem; margin: 1.6rem 0 0.4rem; }
.sub, .caption, footer { color: var(--muted); font-size: 0.86rem; }
.caption { margin: 0.3rem 0 0; }
.note { margin: 0.35rem 0; }
.note.bad { color: var(--bad); }
.note.ok { color: var(--ok); }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; min-width: 50%; }
th, td { padding: 4px 10px; white-space: nowrap; border-bottom: 1px solid var(--rule); }
th { font-weight: 600; text-align: left; vertical-align: bottom;
  border-bottom: 2px solid var(--ink); }
th.num, td.num { text-align: right; }
tbody tr:nth-child(even) { background: var(--band); }
tr.bad td { color: var(--bad); }
tr.dim td { color: #98a1ad; }
tfoot td { font-weight: 600; border-top: 2px solid var(--ink); border-bottom: none; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr));
  gap: 12px 20px; margin: 0.8rem 0 0.4rem; }
figure.chart { margin: 0; }
figure.chart svg { display: block; width: 100%; height: auto; }
figure.chart svg text { font-family: var(--font) !important; }
section.rep { border-top: 1px solid var(--rule); margin-top: 1.6rem; }
@media (max-width: 600px) {
  main { padding: 10px 10px 30px; }
  body { font-size: 14px; }
  th, td { padding: 3px 6px; }
  .charts { grid-template-columns: 1fr; }
}
@page { size: A4; margin: 14mm 12mm; }
@media print {
  body { font-size: 9.5pt; }
  main { max-width: none; padding: 0; }
  .scroll { overflow: visible; }
  table { page-break-inside: auto; }
  tr, figure.chart { break-inside: avoid; page-break-inside: avoid; }
  h2 { break-after: avoid; page-break-after: avoid; }
  section.rep { break-before: page; page-break-before: always; border-top: none; }
  .charts { grid-template-columns: 1fr 1fr; }
  tbody tr:nth-child(even) { background: none; }
}
""".replace("FONTS", FONTS)


def render_view(view: View) -> Iterator[str]:
    options = view.options
    lang = options.lang
    blocks = view.blocks()
    charts = view.charts(blocks)
    by_about: dict[str, list[Chart]] = {}
    for chart in charts:
        by_about.setdefault(chart.about, []).append(chart)
    reps = {b.name for b in blocks if isinstance(b, Table)} - {tr("Team", lang)}
    drawn = len(reps) <= MAX_CHARTED_REPS
    first = next((b for b in blocks if isinstance(b, Table)), None)
    title = first.title if first is not None and first.title else "goalsplit"
    parts = [
        "<!DOCTYPE html>\n",
        f'<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        '<meta name="generator" content="goalsplit">\n',
        f"<title>{_text(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
    ]
    seen: set[str] = set()
    open_section = False
    counter = [0]
    for block in blocks:
        if isinstance(block, Note):
            parts.append(_note(block))
            continue
        name = block.name
        heading = "h1" if block is first else "h2"
        if name not in seen and name in reps:
            if open_section:
                parts.append("</section>\n")
            parts.append(f'<section class="rep" data-rep="{_attr(name)}">\n')
            open_section = True
        parts.append(_table(block, heading))
        if name not in seen:
            seen.add(name)
            mine = by_about.pop(name, []) if (drawn or name not in reps) else []
            if block is first:  # the team's charts, under the summary
                mine += by_about.pop(tr("Team", lang), [])
            if mine:
                parts.append(_charts(mine, lang, counter))
    if open_section:
        parts.append("</section>\n")
    if not drawn:
        parts.append(
            _note(
                Note(
                    tr(
                        "Charts per rep are drawn for teams of up to {count} reps; the xlsx "
                        "format charts every rep.",
                        lang,
                        count=MAX_CHARTED_REPS,
                    )
                )
            )
        )
    parts.append(f"<footer><p>goalsplit {__version__}</p></footer>\n</main>\n</body>\n</html>\n")
    yield "".join(parts)


def _text(value: str) -> str:
    return html.escape(printable(value), quote=False)


def _attr(value: str) -> str:
    return html.escape(printable(value), quote=True)


def _note(note: Note) -> str:
    style = f" {note.style}" if note.style in ("ok", "bad") else ""
    return f'<p class="note{style}">{_text(note.text)}</p>\n'


def _table(table: Table, heading: str) -> str:
    columns = table.columns
    numeric = [c.aligned == "right" for c in columns]
    out = []
    if table.title:
        out.append(f"<{heading}>{_text(table.title)}</{heading}>\n")
    if table.subtitle:
        out.append(f'<p class="sub">{_text(table.subtitle)}</p>\n')
    out.append('<div class="scroll"><table>\n<thead><tr>')
    for column, num in zip(columns, numeric, strict=True):
        cls = ' class="num"' if num else ""
        out.append(f'<th scope="col"{cls}>{_text(column.header)}</th>')
    out.append("</tr></thead>\n<tbody>\n")

    def cells(row: Sequence[Any], tag: str) -> str:
        texts = []
        for cell, column, num in zip(row, columns, numeric, strict=True):
            cls = ' class="num"' if num else ""
            texts.append(f"<{tag}{cls}>{_text(cell_text(cell, column))}</{tag}>")
        return "".join(texts)

    for row, style in zip(table.rows, table.row_styles, strict=True):
        cls = f' class="{style}"' if style in ("bad", "dim") else ""
        out.append(f"<tr{cls}>{cells(row, 'td')}</tr>\n")
    out.append("</tbody>\n")
    if table.footer is not None:
        out.append(f"<tfoot><tr>{cells(table.footer, 'td')}</tr></tfoot>\n")
    out.append("</table></div>\n")
    for line in table.caption.split("\n") if table.caption else []:
        out.append(f'<p class="caption">{_text(line)}</p>\n')
    return "".join(out)


def _charts(charts: Sequence[Chart], lang: str, counter: list[int]) -> str:
    out = ['<div class="charts">\n']
    for chart in charts:
        counter[0] += 1
        svg = _unique_ids(draw(chart, lang), f"c{counter[0]}-")
        out.append(
            f'<figure class="chart" data-kind="{chart.kind}" data-about="{_attr(chart.about)}" '
            f'aria-label="{_attr(chart.title)}">{svg}</figure>\n'
        )
    out.append("</div>\n")
    return "".join(out)


_ID = re.compile(r'(\bid="|url\(#|href="#)([^")]+)')


def _unique_ids(svg: str, prefix: str) -> str:
    """Every id of one chart prefixed, so that many charts in one page never share one."""
    return _ID.sub(lambda m: m[1] + prefix + m[2], svg)


def _label(value: float, kind: str) -> str:
    if kind == "percent":
        return f"{value:.0f}%"
    if kind == "money" or abs(value) >= 100:
        return money(round(value))
    return f"{value:,.1f}".removesuffix(".0")


def draw(chart: Chart, lang: str) -> str:
    """One chart as an SVG element (no XML prolog), its text as text."""
    chart = replace(
        chart,
        title=printable(chart.title),
        categories=[printable(str(c)) for c in chart.categories],
        series=[replace(s, name=printable(s.name)) for s in chart.series],
        marker=printable(chart.marker) if chart.marker is not None else None,
    )
    import logging
    import warnings

    import matplotlib

    matplotlib.use("svg", force=True)
    from matplotlib.figure import Figure
    from matplotlib.ticker import FuncFormatter

    settings: dict[str, Any] = {
        "svg.fonttype": "none",
        "svg.hashsalt": "goalsplit",
        "font.family": ["sans-serif"],
        "font.sans-serif": ["Noto Sans CJK SC", "DejaVu Sans"],
        "font.size": 9,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "axes.titlesize": 10.5,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "text.parse_math": False,  # a name with $ signs is a name, not a formula
    }
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    with warnings.catch_warnings(), matplotlib.rc_context(settings):  # type: ignore[arg-type]
        warnings.simplefilter("ignore")  # glyphs of a font matplotlib lacks: the browser has it
        figure = Figure(figsize=(6.4, 3.2 if chart.kind != "funnel" else 3.0))
        kind = chart.series[0].kind if chart.series else "count"
        if chart.kind == "funnel":
            axes = figure.add_axes((0.2, 0.1, 0.68, 0.78))
            values = [float(v) if v else 0.0 for v in chart.series[0].values]
            positions = list(range(len(values)))
            axes.barh(positions, [max(v, 1e-9) for v in values], color=COLORS[0], height=0.62)
            axes.set_yticks(positions, [str(c) for c in chart.categories])
            axes.invert_yaxis()
            axes.set_xscale("log")
            positive = [v for v in values if v > 0] or [1.0]
            axes.set_xlim(max(min(positive) / 3, 0.5), max(positive) * 8)
            for y, value in zip(positions, values, strict=True):
                axes.text(value * 1.15, y, _label(value, "count"), va="center", fontsize=8.5)
            axes.xaxis.set_major_formatter(FuncFormatter(lambda v, _: _label(v, "count")))
        else:
            axes = figure.add_axes((0.12, 0.2, 0.85, 0.68))
            positions = list(range(len(chart.categories)))
            count = max(len(chart.series), 1)
            for k, series in enumerate(chart.series):
                values = [float(v) if v is not None else float("nan") for v in series.values]
                color = COLORS[k % len(COLORS)]
                if chart.kind == "line":
                    axes.plot(
                        positions,
                        values,
                        label=series.name,
                        color=color if k else "#a0aec0",
                        linewidth=2 if k else 1.6,
                        linestyle="-" if k else "--",
                    )
                else:
                    width = 0.8 / count
                    axes.bar(
                        [p - 0.4 + width * (k + 0.5) for p in positions],
                        [0.0 if v != v else v for v in values],
                        width=width * 0.92,
                        label=series.name,
                        color=color,
                    )
            if chart.marker is not None and chart.marker in chart.categories:
                axes.axvline(
                    list(chart.categories).index(chart.marker), color="#718096", linewidth=0.8
                )
            if chart.reference is not None:
                axes.axhline(float(chart.reference), color="#718096", linewidth=0.8)
            step = max(1, len(positions) // 12)
            axes.set_xticks(positions[::step], [str(c) for c in chart.categories][::step])
            axes.tick_params(axis="x", labelrotation=45 if len(positions) > 6 else 0)
            for text in axes.get_xticklabels():
                text.set_horizontalalignment("right" if len(positions) > 6 else "center")
            axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _: _label(v, kind)))
            if len(chart.series) > 1:
                axes.legend(loc="upper left", frameon=False, fontsize=8.5)
        axes.set_title(chart.title)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :].strip()
