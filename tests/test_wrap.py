"""Wrapping captions and notes: the same lines as before, in linear time."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goalsplit.render.grid import display_width, wrap


def quadratic_wrap(text: str, width: int) -> list[str]:
    """The former implementation, kept as the reference for what wrap returns."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and display_width(candidate) > width:
            lines.append(current)
            current = word
        else:
            current = candidate
        while display_width(current) > width:
            cut = len(current)
            while cut > 1 and display_width(current[:cut]) > width:
                cut -= 1
            lines.append(current[:cut])
            current = current[cut:]
    lines.append(current)
    return lines


@settings(max_examples=500, deadline=None)
@given(
    st.text(alphabet=st.sampled_from([*"ab c  张伟́-—", "\u3000"]), max_size=60),
    st.integers(min_value=2, max_value=12),
)
def test_wrap_gives_the_same_lines_as_before(text: str, width: int) -> None:
    assert wrap(text, width) == quadratic_wrap(text, width)


def test_a_character_wider_than_the_line_gets_a_line_of_its_own() -> None:
    # (The former implementation added an empty line after it.)
    assert wrap("张伟", 1) == ["张", "伟"]


def test_lines_fit_and_nothing_is_lost() -> None:
    text = "周报 " + "张伟" * 30 + " and a few English words to wrap around"
    lines = wrap(text, 20)
    assert all(display_width(line) <= 20 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_a_newline_starts_a_new_line() -> None:
    assert wrap("one two\nthree", 80) == ["one two", "three"]
    assert wrap("one two\nthree four", 9) == ["one two", "three", "four"]


def test_a_one_megabyte_label_wraps_in_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    # Before: a 20 KB label took 3 s and a megabyte never finished (each cut re-measured
    # the rest of the text). Count the characters measured instead of timing it.
    import goalsplit.render.grid as grid

    measured = [0]
    width_of, char_width = grid.display_width, grid._char_width

    def counted_width(text: str) -> int:
        measured[0] += len(text)
        return width_of(text)

    def counted_char(char: str) -> int:
        measured[0] += 1
        return char_width(char)

    monkeypatch.setattr(grid, "display_width", counted_width)
    monkeypatch.setattr(grid, "_char_width", counted_char)
    for label in ("x" * 1_000_000, "张" * 500_000, "ab " * 333_333):
        measured[0] = 0
        lines = wrap(label, 79)
        assert measured[0] <= 3 * len(label)
        assert all(display_width(line) <= 79 for line in lines)
