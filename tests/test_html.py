"""``--format html`` (issue 12): one self-contained page, in goldens.

The page's own bytes (its tables, notes, styles and the charts' texts) are golden;
each chart's drawing (the SVG paths matplotlib computes, which move with its
version) is reduced to the texts it shows, and the browser test
(tests/test_browser.py) checks that every chart is drawn."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from goalsplit.cli import app
from tests.conftest import ROOT

pytest.importorskip("matplotlib")

# Relative to the repository (the rates report names its file): the same bytes in any clone.
EAST = "examples/east-1-q1.yaml"
ACTUALS = "examples/east-1-q1-actuals.csv"
HISTORY = "examples/east-1-history.csv"
CASES = {
    "plan/east-1-q1": ["plan", EAST],
    "track/east-1-q1": ["track", EAST, "-a", ACTUALS],
    "track/east-1-q1.by-week": ["track", EAST, "-a", ACTUALS, "--by", "week"],
    "rates/east-1-history": ["rates", HISTORY],
}
_SVG = re.compile(r"<svg\b.*?</svg>", re.S)
_TEXT = re.compile(r"<text\b[^>]*>([^<]*)</text>")


@pytest.fixture(autouse=True)
def _in_the_repository(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)


def html_of(args: list[str], lang: str) -> str:
    result = CliRunner().invoke(app, [*args, "-f", "html", "--lang", lang])
    assert result.exit_code == 0, result.output
    return str(result.stdout)


def stable(page: str) -> str:
    """The page with each chart reduced to the texts it shows, one per line."""

    def texts(match: re.Match[str]) -> str:
        shown = [t for t in _TEXT.findall(match[0]) if t.strip()]
        return "<svg>\n" + "\n".join(shown) + "\n</svg>"

    return _SVG.sub(texts, page)


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("case", list(CASES))
def test_html_golden(case: str, lang: str, golden) -> None:  # type: ignore[no-untyped-def]
    golden(f"{case}.{lang}.html", stable(html_of(CASES[case], lang)))


@pytest.mark.parametrize("case", list(CASES))
def test_the_page_is_self_contained(case: str) -> None:
    page = html_of(CASES[case], "zh")
    assert page.startswith('<!DOCTYPE html>\n<html lang="zh-CN">')
    assert "<script" not in page and "<img" not in page and "<link" not in page
    assert "@import" not in page and "url(http" not in page
    # The only addresses are the SVG namespaces (names, never fetched).
    addresses = set(re.findall(r"https?://[^\"' )<>]+", page))
    assert addresses <= {
        "http://www.w3.org/2000/svg",
        "http://www.w3.org/1999/xlink",
        "http://purl.org/dc/elements/1.1/",
        "http://creativecommons.org/ns#",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "http://purl.org/dc/dcmitype/StillImage",
    }
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids))  # many charts, no shared id


def test_the_plan_page_has_a_funnel_and_bars_per_rep_and_the_numbers() -> None:
    page = html_of(CASES["plan/east-1-q1"], "en")
    for name in ("张伟", "李娜", "王芳", "刘洋", "Chen Jie"):
        assert f'data-rep="{name}"' in page
        assert page.count(f'data-about="{name}"') == 2
        assert f"{name} — the funnel for the period" in page
        assert f"{name} — targets by week" in page
    assert page.count('data-kind="funnel"') == 5
    assert "288,773" in page and "990,000" in page
    assert "@media print" in page and "size: A4" in page and "max-width: 600px" in page


def test_track_page_has_a_burn_up_and_stage_attainment_per_rep() -> None:
    page = html_of(CASES["track/east-1-q1"], "zh")
    assert page.count('data-kind="line"') == 5
    assert "张伟 — 累计：计划与实际" in page
    assert "张伟 — 各阶段完成率（占截至目前计划）" in page
    assert "截至目前：计划与实际" in page


def test_the_same_report_gives_the_same_bytes(tmp_path: Path) -> None:
    assert html_of(CASES["plan/east-1-q1"], "en") == html_of(CASES["plan/east-1-q1"], "en")


def test_names_are_escaped(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "period: 2026-03\ntarget: 1000\n"
        "rates: {pipeline: 0.5, intents: 100, deep_talks: 0.5, connects: 0.5, dials: 0.5}\n"
        'reps: [{name: "<b>A&B</b>"}, {name: "\\e[31mRed"}]\n',
        encoding="utf-8",
    )
    page = html_of(["plan", str(plan)], "en")
    assert "<b>A" not in page and "&lt;b&gt;A&amp;B&lt;/b&gt;" in page
    assert "\x1b" not in page and "\\x1b[31mRed" in page
