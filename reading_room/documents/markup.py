"""Footnote calls written inline for editors: "…of the United Nations,[^2] and…".

Stored texts are plain; citations keep the offsets. Editors see and type the calls inline,
so moving words around carries the call with them.
"""

from __future__ import annotations

import re

from .identifiers import FOOTNOTE_NUMBER_PATTERN

MARKER = re.compile(rf"\[\^({FOOTNOTE_NUMBER_PATTERN})\]")


def with_markers(text: str, citations: list[tuple[int, str]]) -> str:
    """Insert "[^n]" at each (offset, number), from the end so offsets stay valid."""
    for offset, number in sorted(citations, reverse=True):
        offset = min(offset, len(text))
        text = f"{text[:offset]}[^{number}]{text[offset:]}"
    return text


def split_markers(marked: str) -> tuple[str, list[tuple[int, str]]]:
    """The plain text and the (offset, number) of each "[^n]" in it."""
    out: list[str] = []
    citations: list[tuple[int, str]] = []
    cursor = length = 0
    for m in MARKER.finditer(marked):
        piece = marked[cursor : m.start()]
        out.append(piece)
        length += len(piece)
        citations.append((length, m.group(1)))
        cursor = m.end()
    out.append(marked[cursor:])
    return "".join(out), citations
