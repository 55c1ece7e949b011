"""`today` says why a day is not a working day, marks make-up working days (调休),
and its CSV columns cannot be mistaken for one another."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from goalsplit.cli import app
from tests.conftest import EXAMPLES

EAST = str(
    EXAMPLES / "east-1-q1.yaml"
)  # CN; offsite 03-09..10; 王芳 starts 02-02; 刘洋 off 03-02..06
FIELD = str(EXAMPLES / "field-team-2026-03.yaml")


def card(*args: str) -> str:
    result = CliRunner().invoke(app, ["today", *args])
    assert result.exit_code == 0, result.stderr
    return " ".join(str(result.stdout).split())


def card_json(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["today", *args, "-f", "json"])
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


@pytest.mark.parametrize(
    ("rep", "day", "en", "zh"),
    [
        (
            "张伟",
            "2026-02-17",
            "is not a working day for 张伟: public holiday: Chinese New Year (Spring Festival).",
            "不是 张伟 的工作日：法定节假日：春节。",
        ),
        (
            "张伟",
            "2026-01-01",
            "is not a working day for 张伟: public holiday: New Year's Day.",
            "不是 张伟 的工作日：法定节假日：元旦。",
        ),
        ("张伟", "2026-02-21", "is not a working day for 张伟: weekend.", "工作日：周末。"),
        (
            "张伟",
            "2026-03-09",
            "is not a working day for 张伟: a day off for everyone (calendar.holidays).",
            "工作日：全员休息日（calendar.holidays）。",
        ),
        ("刘洋", "2026-03-03", "is not a working day for 刘洋: 刘洋 is on leave.", "刘洋 休假。"),
        (
            "王芳",
            "2026-01-15",
            "is not a working day for 王芳: 王芳 starts on 2026-02-02.",
            "王芳 于 2026-02-02 入职。",
        ),
    ],
)
def test_a_day_off_says_why(rep: str, day: str, en: str, zh: str) -> None:
    assert en in card(EAST, "-r", rep, "-d", day, "--lang", "en")
    assert zh in card(EAST, "-r", rep, "-d", day, "--lang", "zh")
    for fmt in ("markdown",):
        result = CliRunner().invoke(app, ["today", EAST, "-r", rep, "-d", day, "-f", fmt])
        assert "is not a working day" in result.stdout or "不是" in result.stdout


def test_a_day_after_the_rep_left_says_so(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "period: 2026-03\ntarget: 100\n"
        "rates: {pipeline: 1, intents: 1, deep_talks: 1, connects: 1, dials: 1}\n"
        "reps: [{name: A}, {name: Leaver, end: 2026-03-13}]\n",
        encoding="utf-8",
    )
    text = card(str(plan), "-r", "Leaver", "-d", "2026-03-16", "--lang", "en")
    assert "is not a working day for Leaver: Leaver's last day was 2026-03-13. None is left" in text
    document = card_json(str(plan), "-r", "Leaver", "-d", "2026-03-16")
    assert document["day_kind"] == "after_end" and document["card_date"] is None


def test_json_gives_the_kind_of_day_and_the_holiday() -> None:
    festival = card_json(EAST, "-r", "张伟", "-d", "2026-02-17", "--lang", "zh")
    assert festival["working_day"] is False
    assert festival["day_kind"] == "public_holiday"
    assert festival["holiday"] == {"name": "Chinese New Year (Spring Festival)", "label": "春节"}
    assert festival["reason"] == "法定节假日：春节"
    assert festival["card_date"] == "2026-02-24" and festival["card_day_kind"] == "working"
    english = card_json(EAST, "-r", "张伟", "-d", "2026-02-17", "--lang", "en")
    assert english["holiday"]["label"] == "Chinese New Year (Spring Festival)"
    leave = card_json(EAST, "-r", "刘洋", "-d", "2026-03-03")
    assert (leave["day_kind"], leave["holiday"]) == ("leave", None)
    weekend = card_json(EAST, "-r", "刘洋", "-d", "2026-03-07")
    assert weekend["day_kind"] == "weekend"
    working = card_json(EAST, "-r", "刘洋", "-d", "2026-03-12")
    assert (working["day_kind"], working["reason"], working["holiday"]) == ("working", None, None)


def test_a_make_up_working_day_is_marked() -> None:
    # Saturday 2026-02-14 is worked in China instead of a Spring Festival day.
    assert "张伟 — Sat 2026-02-14, working day 32 of 57 (make-up working day)" in card(
        EAST, "-r", "张伟", "-d", "2026-02-14", "--lang", "en"
    )
    assert "（调休上班日）" in card(EAST, "-r", "张伟", "-d", "2026-02-14", "--lang", "zh")
    document = card_json(EAST, "-r", "张伟", "-d", "2026-02-14")
    assert document["working_day"] is True
    assert (document["day_kind"], document["card_day_kind"]) == (
        "make_up_workday",
        "make_up_workday",
    )
    # Asked on Friday 02-13 (a working day), the card is for that day, not marked.
    assert "(make-up working day)" not in card(EAST, "-r", "张伟", "-d", "2026-02-13")
    # Asked on a holiday whose next working day is a make-up Saturday: the card says so.
    ahead = card_json(EAST, "-r", "张伟", "-d", "2026-01-03")
    assert (ahead["card_date"], ahead["card_day_kind"]) == ("2026-01-04", "make_up_workday")


def test_a_workday_the_plan_adds_is_marked(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(
        "period: 2026-03\ncalendar: {workdays: [2026-03-07]}\ntarget: 100\n"
        "rates: {pipeline: 1, intents: 1, deep_talks: 1, connects: 1, dials: 1}\n"
        "reps: [{name: A}]\n",
        encoding="utf-8",
    )
    assert "(extra working day (calendar.workdays))" in card(str(plan), "-d", "2026-03-07")
    assert card_json(str(plan), "-d", "2026-03-07")["day_kind"] == "extra_workday"


def rows(*args: str) -> list[list[str]]:
    result = CliRunner().invoke(app, ["today", *args, "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    return list(csv.reader(io.StringIO(result.stdout.removeprefix("\ufeff"))))


def test_csv_columns_do_not_read_like_a_day_number() -> None:
    header, *body = rows(EAST, "-r", "张伟", "-d", "2026-02-21", "--lang", "en")
    assert header[:7] == [
        "Rep",
        "Date",
        "Working day?",
        "Kind of day",
        "Card date",
        "Working day no.",
        "Working days in period",
    ]
    assert "Working day" not in header
    first = dict(zip(header, body[0], strict=True))
    assert first["Working day?"] == "no"
    assert first["Kind of day"] == "weekend"
    assert (first["Card date"], first["Working day no."]) == ("2026-02-24", "33")
    assert first["Working days in period"] == "57"
    working = dict(
        zip(*rows(EAST, "-r", "张伟", "-d", "2026-02-14", "--lang", "en")[:2], strict=True)
    )
    assert working["Working day?"] == "yes"
    assert working["Kind of day"] == "make-up working day"
    zh_header, zh_first, *_ = rows(EAST, "-r", "张伟", "-d", "2026-02-17", "--lang", "zh")
    zh = dict(zip(zh_header, zh_first, strict=True))
    assert zh["是否工作日"] == "否"
    assert zh["日期类型"] == "法定节假日：春节"
    assert zh["第几个工作日"] == "33"
