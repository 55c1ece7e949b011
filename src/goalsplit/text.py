"""Text that is safe to show: what any message or report passes through before a
terminal sees it."""

from __future__ import annotations

import unicodedata

# Characters that would act on the terminal or break a line instead of showing:
# control characters (ESC starts an escape sequence), format characters (bidi
# overrides, zero-width), line and paragraph separators, lone surrogates.
_INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs"})


def printable(text: str) -> str:
    """``text`` with every control or format character shown as an escape
    (``\\x1b``, ``\\u202e``), so a name from a CRM export cannot move the cursor,
    recolour the terminal or reorder a line; CJK and punctuation are kept."""
    if text.isprintable():
        return text
    return "".join(
        (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"\\u{ord(c):04x}")
        if unicodedata.category(c) in _INVISIBLE
        else c
        for c in text
    )
