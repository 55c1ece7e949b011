"""Wrapping captions and notes: the same lines as before, in linear time."""

from __future__ import annotations

import time

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


def test_a_one_megabyte_label_wraps_in_well_under_a_second() -> None:
    # Before: a 20 KB label took 3 s and a megabyte never finished.
    for label in ("x" * 1_000_000, "张" * 500_000, "ab " * 333_333):
        started = time.perf_counter()
        lines = wrap(label, 79)
        assert time.perf_counter() - started < 1.0
        assert all(display_width(line) <= 79 for line in lines)
