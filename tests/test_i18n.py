"""Every message template in the source has a Chinese translation, and no stale ones."""

from __future__ import annotations

import ast
import string
from pathlib import Path

from goalsplit.i18n import ZH, pick_language, tr

SOURCE = Path(__file__).resolve().parent.parent / "src" / "goalsplit"


def templates_in_source() -> set[str]:
    """String literals passed to tr(), trn(), N_(), InputError(), Issue(path, ...),
    say(style, ...)."""
    found: set[str] = set()
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            position = {"tr": 0, "trn": 0, "N_": 0, "InputError": 0, "Issue": 1, "say": 1}.get(
                node.func.id
            )
            if position is None or len(node.args) <= position:
                continue
            arg = node.args[position]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.add(arg.value)
    return found


def test_every_template_has_a_translation() -> None:
    used = templates_in_source()
    assert len(used) > 80
    missing = sorted(t for t in used if t not in ZH)
    assert missing == []


def test_no_translation_is_stale() -> None:
    stale = sorted(set(ZH) - templates_in_source())
    assert stale == []


def test_translations_have_the_same_fields() -> None:
    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    for english, chinese in ZH.items():
        assert fields(english) == fields(chinese), english


def test_fields_are_filled_after_translation() -> None:
    assert tr("end {end} is before start {start}", "zh", end="B", start="A") == (
        "结束日 B 早于开始日 A"
    )
    assert tr("Team", "en") == "Team"


def test_language_precedence() -> None:
    assert pick_language("zh", {"LANG": "en_US"}) == "zh"
    assert pick_language(None, {"GOALSPLIT_LANG": "zh", "LANG": "en_US"}) == "zh"
    assert pick_language(None, {"LANG": "zh_CN.UTF-8"}) == "zh"
    assert pick_language(None, {"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}) == "en"
    assert pick_language(None, {}) == "en"


def test_plural_forms_have_the_same_fields_as_the_singular() -> None:
    pairs = []
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            if node.func.id == "trn" and len(node.args) >= 2:
                pairs.append((node.args[0], node.args[1]))
            if node.func.id == "Issue" and len(node.args) >= 2:
                for keyword in node.keywords:
                    if keyword.arg == "plural":
                        pairs.append((node.args[1], keyword.value))
    for one, many in pairs:
        if isinstance(one, ast.Constant) and isinstance(many, ast.Constant):
            fields = [
                {n for _, n, _, _ in string.Formatter().parse(t) if n}
                for t in (one.value, many.value)
            ]
            assert fields[0] == fields[1], one.value


def test_plurals_choose_the_form_by_count() -> None:
    from goalsplit.errors import Issue
    from goalsplit.i18n import trn

    assert trn("{count} day", "{count} days", 1) == "1 day"
    assert trn("{count} day", "{count} days", 2) == "2 days"
    assert trn("{count} day", "{count} days", 0) == "0 days"
    one = Issue((), "{count} error", {"count": 1}, plural="{count} errors")
    assert one.message() == "1 error"
    assert Issue((), "{count} error", {"count": 3}, plural="{count} errors").message() == "3 errors"
