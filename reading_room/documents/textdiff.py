"""Word-level differences between two versions of a text (difflib from the standard library)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

_TOKEN = re.compile(r"\s+|\w+|[^\w\s]")


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """[(op, text)] with op in equal / delete / insert, word by word."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(("delete", "".join(a[i1:i2])))
        if j2 > j1:
            out.append(("insert", "".join(b[j1:j2])))
    return out


def carry_offsets(old: str, new: str, offsets: list[int]) -> list[int]:
    """Move positions in `old` to the same places in `new` (footnote calls through an edit)."""
    blocks = SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks()
    moved = []
    for offset in offsets:
        target = len(new)
        for a, b, size in blocks:
            if a <= offset <= a + size:
                target = b + (offset - a)
                break
            if a > offset:
                target = b  # inside a changed span: its start in the new text
                break
        moved.append(min(target, len(new)))
    return moved
