"""Plain data produced by the parser: no Django, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FootnoteRef:
    """A footnote cited at `offset` characters into a paragraph's clean text."""

    number: str
    offset: int
    how: str = "marker"  # marker | garbled | aligned (placed from the other language)


@dataclass
class ParsedParagraph:
    """One preambular or operative paragraph (or sub-paragraph), in one language."""

    eid: str
    kind: str  # preambular | operative | subparagraph
    number: str  # "" for preambular, "3" for op3, "a" for op3.a, "i" for op3.a.i
    text: str
    lead: str = ""  # the opening words printed in italics ("Recalling also")
    refs: list[FootnoteRef] = field(default_factory=list)
    repairs: list[Repaired] = field(default_factory=list)


@dataclass
class Repaired:
    """A machine correction (kind "change") or a doubt (kind "flag"), at start:end of the repaired text."""

    kind: str
    start: int
    end: int
    original: str
    replacement: str
    rule: str
    note: str = ""


@dataclass
class ParsedFootnote:
    number: str
    text: str
    label: str = ""  # the label as printed/OCRed when it differs from the number (e.g. "?")
    repairs: list[Repaired] = field(default_factory=list)


@dataclass
class Header:
    """What the masthead says. Any field may be empty: the French sample has no header."""

    symbol: str = ""
    body: str = ""  # GA | SC
    kind: str = ""  # draft_resolution | resolution | decision
    distribution: str = ""
    date: str = ""  # ISO date of issue (the "Distr." line)
    original_language: str = ""  # "en", "fr"…
    session_line: str = ""
    agenda_item: str = ""  # "125 (s)"
    agenda_title: str = ""
    sponsors: str = ""  # the sponsor line as printed, without its trailing ": draft resolution"
    adoption_line: str = ""
    committee_line: str = ""
    resolution_number: str = ""  # "80/7"
    meeting_line: str = ""
    adopted: str = ""  # ISO date of adoption ("Resolution adopted by the General Assembly on …")
    meeting: int | None = None  # the plenary meeting that adopted it ("52nd plenary meeting")
    draft: str = ""  # the draft's symbol ("[without reference to a Main Committee (A/80/L.15)]")
    report: str = ""  # the Main Committee's report ("[on the report of the First Committee (A/80/534, para. 7)]")
    vote: str = ""  # the recorded vote line, where the text prints one
    lines: list[str] = field(default_factory=list)


@dataclass
class ParsedText:
    """One language version of a document, parsed."""

    language: str
    header: Header
    title: str = ""
    title_repairs: list[Repaired] = field(default_factory=list)
    enacting_formula: str = ""
    paragraphs: list[ParsedParagraph] = field(default_factory=list)
    footnotes: list[ParsedFootnote] = field(default_factory=list)
    sponsor_note: str = ""
    closing_lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # the warnings that doubt the structure itself (a numbering gap, a lost number or label, a call
    # to a footnote the text lacks): `import_document --strict` refuses a text that has any
    structural: list[str] = field(default_factory=list)

    def warn(self, message: str, structural: bool = False) -> None:
        self.warnings.append(message)
        if structural:
            self.structural.append(message)

    def paragraph(self, eid: str) -> ParsedParagraph | None:
        return next((p for p in self.paragraphs if p.eid == eid), None)
