"""From raw text to a stream of blocks: text blocks and footnote blocks, furniture removed."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .patterns import FOOTNOTE_LINE, MEETING, MONTH_WORD, OPERATIVE_START, RULE, SUBPARA_START, is_furniture


@dataclass
class Block:
    kind: str  # text | footnote
    lines: list[str] = field(default_factory=list)
    # footnote blocks: (label, text) per footnote
    notes: list[tuple[str, str]] = field(default_factory=list)


# Control and format characters (Unicode category C), except newline and tab.
_INVISIBLE = re.compile(
    "["
    + "".join(
        re.escape(chr(c)) for c in range(0x3000) if unicodedata.category(chr(c))[0] == "C" and chr(c) not in "\n\t"
    )
    + "\ufeff\ufff9-\ufffb]"
)


def normalize(text: str) -> str:
    """Unicode NFC, Unix newlines, no BOM, no control characters, no trailing spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n\n")
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    text = text.replace("\t", " ").replace("\u00a0", " ").replace("\u202f", " ")
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _footnote_label(line: str, expected: int | None = None) -> re.Match | None:
    """The footnote a line opens, if it opens one. `expected` is the number the next footnote
    should have: a footnote text may then begin with a number ("5 2010 Review Conference …")."""
    m = FOOTNOTE_LINE.match(line.strip())
    if not m:
        return None
    label, text = m["label"], m["text"]
    if _digits(label):
        # "13 décembre 2010," continuing a paragraph is a date, not footnote 13.
        if MONTH_WORD.match(text) or int(label) == 0:
            return None
        if not (text[0].isupper() or text[0] in '«“"(' or (text[0].isdigit() and int(label) == expected)):
            return None
        if expected is not None and int(label) > expected + 3:
            return None  # "30 Member States …" opening a page is text, not footnote 30 after footnote 4
    elif not _is_unambiguous_label(label) and not text[0].isupper():
        return None  # "*" notes and OCR-garbled labels: a footnote opens with a capital
    return m


def _digits(text: str) -> bool:
    """ASCII digits only: str.isdigit() is also true for "¹"."""
    return text.isascii() and text.isdigit()


def _is_unambiguous_label(label: str) -> bool:
    return label[0] in "⁰¹²³⁴⁵⁶⁷⁸⁹^"


def split_blocks(text: str, symbol: str = "") -> list[Block]:
    """Split on blank lines, drop furniture, tell footnote blocks from text blocks.

    A text block that runs straight into superscript-labelled footnote lines (hard-broken PDF
    text with no blank line before the footnotes) is split there. Footnotes are numbered in
    order, so a block opening with the next footnote's number is that footnote.
    """
    blocks: list[Block] = []
    expected = 1
    for lines in _raw_blocks(normalize(text)):
        lines = [ln.strip() for ln in lines if ln.strip() and not is_furniture(ln, symbol)]
        if not lines:
            continue
        first = _footnote_label(lines[0], expected)
        # a footnote area opens with the next footnote: "1 (a) above" after footnote 1 is a paragraph's rest
        if first and _digits(first["label"]) and int(first["label"]) < expected:
            first = None
        if first and not OPERATIVE_START.match(lines[0]) and not SUBPARA_START.match(lines[0]):
            blocks.append(_footnote_block(lines, expected))
            expected = _next_expected(blocks[-1], expected)
            continue
        body: list[str] = []
        for i, line in enumerate(lines):
            m = _footnote_label(line, expected)
            if m and _is_unambiguous_label(m["label"]) and body:
                blocks.append(Block("text", body))
                blocks.append(_footnote_block(lines[i:], expected))
                expected = _next_expected(blocks[-1], expected)
                body = []
                break
            body.append(line)
        if body:
            blocks.append(Block("text", body))
    return _rejoin_overflowing_notes(blocks)


# A block that opens a paragraph, which the rest of a footnote never does.
_OPENS_PARAGRAPH = re.compile(r"^(?:\(?[a-z]{1,4}\)|\d{1,3}\s?\.|[A-ZÉ][a-zé]+(?:ing|ed|ant|ante)\b)")


def _rejoin_overflowing_notes(blocks: list[Block]) -> list[Block]:
    """A footnote too long for its page goes on at the foot of the next one, before that page's
    own footnotes: a short block that ends a sentence, right before a footnote block (or at the
    end), when the last footnote so far stopped mid-sentence, is the rest of that footnote."""
    out: list[Block] = []
    notes: Block | None = None
    text_before = ""  # the last line of body text so far
    for k, block in enumerate(blocks):
        if block.kind == "footnote":
            notes = block
            out.append(block)
            continue
        following = blocks[k + 1] if k + 1 < len(blocks) else None
        unfinished = notes is not None and notes.notes and not notes.notes[-1][1].rstrip().endswith(_NOTE_ENDS)
        # not the rest of a paragraph either: the body before it is finished, or footnotes follow
        foot = following is None or following.kind == "footnote" or _finished(text_before)
        if (
            unfinished
            and foot
            and len(block.lines) <= 4
            and block.lines[-1].rstrip().endswith(_NOTE_ENDS)
            and not _OPENS_PARAGRAPH.match(block.lines[0])
        ):
            label, text = notes.notes[-1]
            notes.notes[-1] = (label, join_lines([text, *block.lines]))
            continue
        out.append(block)
        text_before = block.lines[-1]
    return out


def _finished(line: str) -> bool:
    """A body line that ends a paragraph (its footnote call aside), or the meeting line."""
    line = re.sub(r"(?<=[,;.:”)])\s?\d{1,3}$", "", line.rstrip())
    return line.endswith((",", ";", ".", ":")) or bool(MEETING.match(line))


_NOTE_ENDS = (".", ")", "”", "»", '"')


def _raw_blocks(text: str) -> list[list[str]]:
    """Blocks of lines separated by blank lines. In OCR output where only some lines are
    indented, an indented line starts a new region (a page, a footnote area) even without
    a blank line before it; in layout-preserving text where most lines are indented, not."""
    lines = text.split("\n")
    content = [ln for ln in lines if ln.strip()]
    indented = sum(1 for ln in content if ln[:1].isspace())
    split_on_indent = 0 < indented < len(content) / 4
    blocks: list[list[str]] = [[]]
    for line in lines:
        if RULE.match(line.strip()):  # the rule above a page's footnotes
            blocks.append([])
            continue
        if not line.strip() or (split_on_indent and line[:1].isspace()):
            blocks.append([])
        if line.strip():
            blocks[-1].append(line)
    return [b for b in blocks if b]


def _next_expected(block: Block, expected: int) -> int:
    labels = [label.translate(_FROM_SUPERSCRIPT).strip("^{}") for label, _ in block.notes]
    numbers = [int(label) for label in labels if _digits(label)]
    return max([expected, *(n + 1 for n in numbers)])


def _footnote_block(lines: list[str], expected: int | None = None) -> Block:
    block = Block("footnote", lines)
    for line in lines:
        m = _footnote_label(line, expected)
        if m and (not block.notes or _plausible_next(block.notes[-1][0], m["label"])):
            block.notes.append((m["label"], m["text"]))
            if _digits(m["label"]):
                expected = int(m["label"]) + 1
        elif block.notes:
            label, previous = block.notes[-1]
            block.notes[-1] = (label, join_lines([previous, line]))
        else:
            block.notes.append(("", line))
    return block


_FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")


def _plausible_next(previous: str, label: str) -> bool:
    """A digit label starts a new footnote only if it could follow the previous one."""
    if not _digits(label):
        return True
    prev = previous.translate(str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")).strip("^{}")
    if not _digits(prev):
        return int(label) < 1000
    return int(prev) < int(label) <= int(prev) + 3 or int(label) < int(prev)


# "gender- / and age-sensitive": a suspended hyphen keeps its space
_SUSPENDED = re.compile(r"(?:and|or|nor|to|et|ou)\b")


def join_lines(lines: list[str]) -> str:
    """Join the lines of one paragraph. A line-final hyphen is kept (UN texts do not
    hyphenate words at line ends, so "non-\\nprolifération" is "non-prolifération")."""
    out = ""
    for line in lines:
        line = line.strip()
        if not out:
            out = line
        elif out.endswith("-") and not out.endswith(" -") and line[:1].isalpha() and not _SUSPENDED.match(line):
            out += line
        else:
            out += " " + line
    return re.sub(r" {2,}", " ", out)
