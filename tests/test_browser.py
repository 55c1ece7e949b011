"""The HTML report as a person sees it: opened in headless Chromium (Debian's
``chromium``, driven by Playwright through ``executable_path``).

Asserts no console errors and no network requests, every chart drawn with a size,
the names and numbers on the page, Chinese drawn in a CJK font, no page-wide
horizontal scroll on a phone, and an A4 PDF when printed. Screenshots go to the
test's tmp dir; ``pytest --update-golden`` refreshes the README's
(docs/sharing-the-plan.png).

Skipped when Playwright or Chromium is missing, except under
``GOALSPLIT_REQUIRE_BROWSER=1`` (set by .ci/run), where a missing browser fails.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from goalsplit.cli import app
from tests.conftest import EXAMPLES, ROOT

CHROMIUM = os.environ.get("GOALSPLIT_CHROMIUM", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox",  # root needs it
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-sync",
    "--no-first-run",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
]
EAST = str(EXAMPLES / "east-1-q1.yaml")
ACTUALS = str(EXAMPLES / "east-1-q1-actuals.csv")
NAMES = ["张伟", "李娜", "王芳", "刘洋", "Chen Jie"]
SCREENSHOT = ROOT / "docs" / "sharing-the-plan.png"


def _unavailable() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        return f"no browser at {CHROMIUM} (apt-get install chromium fonts-noto-cjk)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    missing = _unavailable()
    if missing:
        if os.environ.get("GOALSPLIT_REQUIRE_BROWSER") == "1":
            pytest.fail(f"GOALSPLIT_REQUIRE_BROWSER=1 but {missing}")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def write_html(tmp_path: Path, name: str, *args: str) -> Path:
    path = tmp_path / name
    result = CliRunner().invoke(app, [*args, "-f", "html", "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


def open_page(browser: Any, path: Path, width: int) -> tuple[Any, list[str]]:
    page = browser.new_page(viewport={"width": width, "height": 900})
    problems: list[str] = []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on(
        "request",
        lambda r: (
            problems.append("network: " + r.url)
            if not r.url.startswith(("file:", "data:", "about:"))
            else None
        ),
    )
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, problems


def fonts_of(page: Any, selector: str) -> set[str]:
    """The fonts Chromium drew the element's text with (DevTools' rendered fonts)."""
    client = page.context.new_cdp_session(page)
    client.send("DOM.enable")
    client.send("CSS.enable")
    root = client.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = client.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    assert node, selector
    fonts = client.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return {font["familyName"] for font in fonts}


def charts_drawn(page: Any) -> int:
    charts = page.locator("figure.chart svg")
    count = charts.count()
    for i in range(count):
        box = charts.nth(i).bounding_box()
        assert box is not None and box["width"] > 100 and box["height"] > 50, i
    return count


def test_plan_report_in_chinese(browser: Any, tmp_path: Path, request: Any) -> None:
    path = write_html(tmp_path, "plan.html", "plan", EAST, "--lang", "zh")
    page, problems = open_page(browser, path, 1100)
    assert charts_drawn(page) == 1 + 2 * len(NAMES)  # quotas; per rep funnel and weeks
    text = page.inner_text("body")
    for name in NAMES:
        assert name in text
    assert "990,000" in text and "288,773" in text and "每周目标" in text
    heading = fonts_of(page, "h1")
    assert any("CJK" in font for font in heading), heading
    page.evaluate(
        """() => {
          for (const t of document.querySelectorAll('figure.chart svg text'))
            if (/[\u4e00-\u9fff]/.test(t.textContent)) {
              t.setAttribute('data-probe', '');
              break;
            }
        }"""
    )
    chart_text = fonts_of(page, "svg text[data-probe]")
    assert any("CJK" in font for font in chart_text), chart_text
    page.screenshot(path=str(tmp_path / "plan.zh.png"), full_page=True)
    page.screenshot(
        path=str(tmp_path / "readme.png"),
        full_page=True,
        clip={"x": 0, "y": 0, "width": 1100, "height": 1500},
    )
    if request.config.getoption("--update-golden"):
        SCREENSHOT.parent.mkdir(exist_ok=True)
        shutil.copyfile(tmp_path / "readme.png", SCREENSHOT)
    page.emulate_media(media="print")
    pdf = page.pdf(format="A4", print_background=False)
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    assert charts_drawn(page) == 1 + 2 * len(NAMES)
    page.close()
    assert problems == []


def test_track_report_in_english_and_on_a_phone(browser: Any, tmp_path: Path) -> None:
    path = write_html(tmp_path, "track.html", "track", EAST, "-a", ACTUALS)
    page, problems = open_page(browser, path, 1100)
    # Team: plan against actual; per rep: burn-up and stage attainment.
    assert charts_drawn(page) == 1 + 2 * len(NAMES)
    assert page.locator("figure.chart[data-kind=line]").count() == len(NAMES)
    text = page.inner_text("body")
    assert "570,867" in text and "515,255" in text
    for name in NAMES:
        assert name in text
    page.screenshot(path=str(tmp_path / "track.en.png"), full_page=True)
    page.close()
    phone, more = open_page(browser, path, 390)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # tables scroll in their own box; the page never does
    box = phone.locator("figure.chart svg").first.bounding_box()
    assert box is not None and 300 <= box["width"] <= 390
    phone.screenshot(path=str(tmp_path / "track.phone.png"), full_page=True)
    phone.close()
    assert problems == [] and more == []
