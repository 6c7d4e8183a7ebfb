"""Page furniture in extracted text: page rules, running heads, Markdown footnote definitions.

PDF extraction leaves, between the pages of a resolution, a rule of hyphens (on its own line or
glued to the page's last line: "international ---"), a running head that repeats the symbol and
the title (symbol first on even pages, title first on odd ones; the title often cut mid-line) and
the page's footnotes. Re-flowed extractions move the footnotes to the end as Markdown definitions
(`[^1]: …`, continuation lines indented). These functions take that furniture out of the line
stream, leaving a blank line where a page broke so that blocks still end there.
"""

from __future__ import annotations

import re

from .patterns import ANNEX, RULE

_TRAILING_RULE = re.compile(r"\s+-{3,}\s*$")
_MARKDOWN_NOTE = re.compile(r"^\[\^(?P<label>[^\]\s]{1,6})\]:\s*(?P<text>.*)$")
_SPACES = re.compile(r"\s+")
_TRAILING_CALL = re.compile(r"(?<=[^\W\d_])\d{1,2}$|\s?[*⁰¹²³⁴⁵⁶⁷⁸⁹]+$")


def strip_rules(lines: list[str]) -> list[str]:
    """Page rules out; a blank line where each was, so the page's last block ends there."""
    out: list[str] = []
    for line in lines:
        stripped = line.strip()
        if RULE.match(stripped):
            out.append("")
            continue
        if _TRAILING_RULE.search(line):
            out.append(_TRAILING_RULE.sub("", line))
            out.append("")
            continue
        out.append(line)
    return out


def take_markdown_notes(lines: list[str]) -> tuple[list[str], list[tuple[str, str]]]:
    """Markdown footnote definitions (`[^3]: text`, indented continuation lines) out of the text:
    returns the other lines and the (label, text) of each definition in order."""
    if not any(line.startswith("[^") for line in lines):
        return lines, []
    rest: list[str] = []
    notes: list[tuple[str, str]] = []
    current: list[str] | None = None
    for line in lines:
        m = _MARKDOWN_NOTE.match(line)
        if m:
            current = [m["text"].strip()]
            notes.append((m["label"], ""))
        elif current is not None and line.startswith((" ", "\t")) and line.strip():
            current.append(line.strip())
        else:
            if current is not None:
                notes[-1] = (notes[-1][0], " ".join(part for part in current if part))
                current = None
            rest.append(line)
            continue
        notes[-1] = (notes[-1][0], " ".join(part for part in current if part))
    return rest, notes


def _words(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _extends(line: str, title: str, symbol: str) -> bool:
    """A line on its own that is the cut title and a few more words, with no sentence end."""
    if title[:12] not in line[: len(symbol) + 14]:
        return False  # neither starts with the title nor with the symbol and the title
    text = _words(line)
    if symbol:
        text = text.removeprefix(symbol).removesuffix(symbol).strip()
    title = _words(title)
    return text.startswith(title) and len(text) - len(title) < 80 and not text.endswith((".", ";", ",", ":"))


def running_head(line: str, symbol: str, titles: list[str]) -> bool:
    """A running head: the document's symbol and/or its title (or the start of the title, cut where
    the line ended), in either order. `titles` are the document's title and, once known, its
    annexes' titles."""
    return _is_head(line, symbol, [_TRAILING_CALL.sub("", _words(t)) for t in titles])


def _is_head(line: str, symbol: str, titles: list[str]) -> bool:
    """running_head() with the titles' spaces already normalised and their calls taken off."""
    longest = max((len(t) for t in titles), default=0) + len(symbol) + 2
    if not line or len(line) > longest + 20:
        return False  # a paragraph's line, not a head: most lines stop here
    text = _words(line)
    if not text:
        return False
    had_symbol = False
    if symbol:
        compact = symbol.replace(" ", "")
        for candidate in {symbol, compact}:
            if text.startswith(candidate + " ") or text == candidate:
                text, had_symbol = text[len(candidate) :].strip(), True
                break
            if text.endswith(" " + candidate):
                text, had_symbol = text[: -len(candidate)].strip(), True
                break
    if not text:
        return had_symbol
    for title in titles:
        if not title:
            continue
        if text == title:
            return True
        # a title cut where the running head's line ended: a long enough start of it
        if title.startswith(text) and len(text.split()) >= 3 and len(text) >= min(len(title), 25):
            return True
    return False


def strip_running_heads(lines: list[str], symbol: str, titles: list[str]) -> tuple[list[str], int]:
    """Blank out running heads (a line on its own, or with blank lines around it). A line that
    follows "Annex" is that annex's title, whatever it repeats. Returns the lines and how many
    heads were found."""
    out: list[str] = []
    found = 0
    previous = ""
    # a title line the extraction cut short ("… intelligence into"): a running head may go on further
    titles = [_TRAILING_CALL.sub("", _words(t)) for t in titles]
    cut_titles = [t for t in titles if len(t) >= 25 and not t.endswith((".", "”", ")"))]
    for k, line in enumerate(lines):
        stripped = line.strip()
        alone = (k == 0 or not lines[k - 1].strip()) and (k + 1 == len(lines) or not lines[k + 1].strip())
        longer = alone and stripped and any(_extends(stripped, t, symbol) for t in cut_titles)
        if stripped and not ANNEX.match(previous) and (longer or _is_head(stripped, symbol, titles)):
            out.append("")
            found += 1
            continue
        out.append(line)
        if stripped:
            previous = stripped
    return out, found
