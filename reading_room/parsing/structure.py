"""From units to paragraphs with permanent ids: the anatomy of a resolution.

Body: preambular paragraphs (pp1…), operative paragraphs (op1… as printed), their sub-paragraphs
(op2.a, op2.a.i), section headings (sec1…). Annexes: annex1 (the "Annex" heading), annex1.title,
then the annexed text's own units, all of kind "annex": annex1.pp1, annex1.para3, annex1.para3.a,
annex1.sec2 (headings), annex1.art2 and annex1.art2.para1 for articles.

Where the extraction lost a number or a label, the sequence decides, and the report says so: an
unnumbered text after ";" in the operative part is the next operative paragraph; after ":" it is
a sub-paragraph; after "." it is the paragraph's next sentence, unless the numbering that follows
leaves a gap for it.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field

from .patterns import ARTICLE, OPERATIVE_START, SUBPARA_START
from .segments import Segment, ends_with, heading_like, looks_like_lead, starts_lower, title_case
from .types import ParsedParagraph, ParsedText

_ROMANS = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv"]
_LETTERS = list(string.ascii_lowercase) + [c * 2 for c in string.ascii_lowercase]
_ITALIC = re.compile(r"^(?:[-–•]\s*)?(?:\d{1,3}\s?\.\s*)?(?:\(?[a-z]{1,4}\)\s*)?\*([^*]+)\*")
# An operative verb in the third person ("Decides", "Also requests", "Strongly urges").
_OPERATIVE_VERB = re.compile(
    r"^(?:(?:Also|Further|Again|Once again|Strongly|Firmly|Urgently|Further|Finally|Moreover|Equally|"
    r"Reiterates|Encore|Également|En outre|Prie en outre)\s+)?[A-ZÉ][a-zé]+(?:s|e|t)\b"
)


@dataclass
class _Item:
    """A sub-paragraph as found: its printed label (or "" if the extraction lost it)."""

    paragraph: ParsedParagraph
    label: str
    ends: str
    level: int = 0
    final: str = ""


@dataclass
class _Scope:
    """Numbering inside the body, an annex or an article of an annex."""

    prefix: str  # "", "annex1.", "annex1.art2."
    numbered: str = "op"  # "op" in the body, "para" in an annex
    kind: str = ""  # the kind of its paragraphs: "" (preambular/operative/subparagraph) or "annex"
    operative: int = 0
    preamble: int = 0
    sections: int = 0
    parent: ParsedParagraph | None = None  # the paragraph sub-paragraphs hang from
    items: list[_Item] = field(default_factory=list)


class _Builder:
    def __init__(self, parsed: ParsedText) -> None:
        self.parsed = parsed
        self.scope = _Scope("")
        self.body = self.scope
        self.annexes = 0
        self.annex_prefix = ""
        self.expect_annex_title = False

    @property
    def paragraphs(self) -> list[ParsedParagraph]:
        return self.parsed.paragraphs

    def warn(self, message: str) -> None:
        self.parsed.warn(message, structural=True)

    def add(self, eid: str, kind: str, number: str, text: str, lead: str = "") -> ParsedParagraph:
        if self.scope.kind and kind != "heading":
            kind = self.scope.kind
        para = ParsedParagraph(eid, kind, number, text.strip(), lead)
        self.paragraphs.append(para)
        return para

    # -- units ------------------------------------------------------------------------------

    def annex(self, seg: Segment) -> None:
        self.finish_items()
        self.finish_scope()
        self.annexes += 1
        self.annex_prefix = f"annex{self.annexes}"
        self.scope = _Scope(f"{self.annex_prefix}.", numbered="para", kind="annex")
        self.add(self.annex_prefix, "heading", seg.number, seg.text)
        self.expect_annex_title = True

    def heading(self, seg: Segment, number: str = "") -> None:
        self.finish_items()
        if (m := ARTICLE.match(seg.text)) and self.annexes:
            number = "1" if m["num"] in ("premier", "unique") else m["num"]
            eid = f"{self.annex_prefix}.art{number}"
            self.add(eid, "heading", number, seg.text)
            self.scope = _Scope(f"{eid}.", numbered="para", kind="annex", sections=self.scope.sections)
            return
        self.scope.sections += 1
        self.add(f"{self.scope.prefix}sec{self.scope.sections}", "heading", number, seg.text)

    def numbered(self, seg: Segment) -> None:
        self.finish_items()
        m = OPERATIVE_START.match(seg.text)
        text = seg.text[m.end() :].strip() if m else seg.text
        printed = int(seg.number) if seg.number.isdigit() else self.scope.operative + 1
        expected = self.scope.operative + 1
        if printed != expected:
            self.warn(f"paragraph {printed} found where {expected} was expected")
        number = printed if expected <= printed <= expected + 5 else expected
        self.scope.operative = number
        para = self.add(f"{self.scope.prefix}{self.scope.numbered}{number}", "operative", str(number), text)
        self.scope.parent = para

    def unnumbered_operative(self, seg: Segment) -> None:
        """An operative paragraph whose number the extraction lost."""
        self.finish_items()
        number = self.scope.operative + 1
        self.scope.operative = number
        self.warn(f"paragraph {number} has lost its number: {seg.text[:50]!r}")
        para = self.add(f"{self.scope.prefix}{self.scope.numbered}{number}", "operative", "", seg.text)
        self.scope.parent = para

    def preambular(self, seg: Segment) -> None:
        self.scope.preamble += 1
        para = self.add(f"{self.scope.prefix}pp{self.scope.preamble}", "preambular", "", seg.text)
        self.scope.parent = para

    def item(self, seg: Segment, label: str) -> None:
        """A sub-paragraph; its id is given when the list is complete (labels may be lost)."""
        if self.scope.parent is None:
            self.preambular(seg)
            return
        text = seg.text
        if label and (m := SUBPARA_START.match(text)):
            text = text[m.end() :]
        para = self.add("", "subparagraph", label, text)
        self.scope.items.append(_Item(para, label, ends_with(text)))

    def continuation(self, seg: Segment) -> None:
        last = self.paragraphs[-1]
        last.text = f"{last.text} {seg.text}".strip()
        if self.scope.items and self.scope.items[-1].paragraph is last:
            self.scope.items[-1].ends = ends_with(last.text)

    def unnumbered(self, seg: Segment, units: list[Segment], k: int) -> None:
        """An unnumbered text after the numbered paragraphs began: numbering continuity decides.
        If the next number leaves a gap, this is the paragraph that lost its number; else it is a
        sub-paragraph (after ":", or among sub-paragraphs, or where ":" was lost), or the next
        sentence of the paragraph before (after ".")."""
        previous = self.paragraphs[-1]
        if previous.kind == "heading":
            if self.scope.kind and not _operative_start(seg.text):
                self.preambular(seg)
            else:
                self.unnumbered_operative(seg)
            return
        ends = ends_with(previous.text)
        gap = _gap_follows(units, k, self.scope.operative)
        in_items = bool(self.scope.items) and self.scope.items[-1].paragraph is previous
        if ends in (";", "") and title_case(seg.text):
            self.continuation(seg)  # a title that holds a semicolon, carried over a page
        elif ends == ":" or (in_items and ends in (";", "")):
            self.item(seg, "")
        elif gap or (ends == ";" and gap is None and not looks_like_lead(seg.text)):
            self.unnumbered_operative(seg)
        elif ends in (";", "") and not starts_lower(seg.text):
            self.item(seg, "")
        else:
            self.continuation(seg)

    # -- sub-paragraph labels --------------------------------------------------------------

    def finish_items(self) -> None:
        items, self.scope.items = self.scope.items, []
        if not items:
            return
        parent = self.scope.parent
        _assign_levels(items, ends_with(parent.text) if parent else "")
        for problem in _assign_labels(items):
            self.warn(problem)
        parents: list[str] = [parent.eid if parent else "", "", ""]
        for item in items:
            eid = f"{parents[item.level - 1]}.{item.final}"
            parents[item.level] = eid
            item.paragraph.eid = eid
            item.paragraph.number = item.final
            if not item.label:
                self.warn(f"{eid}: its label was lost in extraction; ({item.final}) by sequence")

    def finish_scope(self) -> None:
        """A body with no numbered paragraph ("The General Assembly / Adopts the … Declaration"):
        its last paragraphs, those ending with a full stop or semicolon, are operative."""
        scope = self.scope
        if scope.operative or scope.kind:
            return
        mine = [
            p
            for p in self.paragraphs
            if p.eid.startswith(scope.prefix + "pp") and "." not in p.eid[len(scope.prefix) :]
        ]
        trailing = []
        for para in reversed(mine):
            if ends_with(para.text) in (".", ";"):
                trailing.append(para)
            else:
                break
        if not trailing or (len(trailing) == len(mine) and len(mine) > 1 and not _operative_start(mine[0].text)):
            return
        for n, para in enumerate(reversed(trailing), start=1):
            para.eid, para.kind, para.number = f"{scope.prefix}op{n}", "operative", ""
        scope.preamble -= len(trailing)
        scope.operative = len(trailing)


def _operative_start(text: str) -> bool:
    return bool(_OPERATIVE_VERB.match(text)) and not looks_like_lead(text)


def _assign_levels(items: list[_Item], parent_ends: str) -> None:
    """Letters are level 1, roman numerals level 2; an unlabelled item is one level below an
    item ending with ":", else at the level of the item before it."""
    previous: _Item | None = None
    for item in items:
        label = item.label
        if label:
            letter_context = previous.final if previous and previous.level == 1 else ""
            roman = label in _ROMANS and previous is not None and not _next_letter(letter_context, label)
            item.level = 2 if roman else 1
            item.final = label
        else:
            if previous is None:
                item.level = 1
            elif previous.ends == ":":
                item.level = min(previous.level + 1, 2)
            else:
                item.level = previous.level
        previous = item


def _next_letter(previous: str, label: str) -> bool:
    """`label` is the letter after `previous` ("i" after "h")."""
    if previous in _LETTERS and label in _LETTERS:
        return _LETTERS.index(label) == _LETTERS.index(previous) + 1
    return False


def _assign_labels(items: list[_Item]) -> list[str]:
    """Labels for items whose label was lost, by sequence. A printed letter further on that leaves a
    gap ("(b)" … "(e)") takes back as letters the unlabelled sub-items just before it."""
    problems: list[str] = []
    # a printed letter after unlabelled level-2 items: those fill the letters missing before it
    last_letter = ""
    for k, item in enumerate(items):
        if item.level == 1 and item.label and item.label in _LETTERS:
            wanted = _LETTERS.index(item.label) - (_LETTERS.index(last_letter) + 1 if last_letter else 0)
            if wanted > 0:
                j = k - 1
                stolen: list[_Item] = []
                while j >= 0 and len(stolen) < wanted and items[j].level == 2 and not items[j].label:
                    stolen.append(items[j])
                    j -= 1
                for s in stolen:
                    s.level = 1
            last_letter = item.label
        elif item.level == 1 and not item.label:
            last_letter = _LETTERS[_LETTERS.index(last_letter) + 1] if last_letter in _LETTERS else "a"
    counters = [0, 0, 0]
    for item in items:
        level = item.level
        if item.label:
            sequence = _LETTERS if level == 1 else _ROMANS
            if item.label in sequence:
                counters[level] = sequence.index(item.label) + 1
            item.final = item.label
        else:
            sequence = _LETTERS if level == 1 else _ROMANS
            item.final = sequence[min(counters[level], len(sequence) - 1)]
            counters[level] += 1
        if level == 1:
            counters[2] = 0
    return problems


def build(parsed: ParsedText, units: list[Segment]) -> None:
    """Paragraphs for `units`, in order, into `parsed`."""
    b = _Builder(parsed)
    for k, seg in enumerate(units):
        following = units[k + 1] if k + 1 < len(units) else None
        kind = seg.kind
        if kind == "annex":
            b.annex(seg)
            continue
        if b.expect_annex_title:
            b.expect_annex_title = False
            if kind == "heading" or (kind in ("plain", "lead") and not ends_with(seg.text)):
                b.add(f"{b.annex_prefix}.title", "heading", "", seg.text)
                continue
        if kind in ("section", "heading"):
            b.heading(seg, seg.number)
            continue
        if kind == "num":
            b.numbered(seg)
            continue
        if kind == "label":
            b.item(seg, seg.number)
            continue
        # lead or plain: what it is depends on where it is
        if kind == "plain" and seg.single_line and heading_like(seg.text) and _opens_unit(following):
            b.heading(seg)
            continue
        if b.scope.operative == 0:
            if _continues_preamble(b, seg):
                b.continuation(seg)
            else:
                b.preambular(seg)
            continue
        b.unnumbered(seg, units, k)
    b.finish_items()
    b.finish_scope()
    _italic_leads(parsed)
    _unique_eids(parsed)


def _continues_preamble(b: _Builder, seg: Segment) -> bool:
    """In a resolution's preamble every paragraph opens with its italic lead ("Recalling",
    "Convinced", "Rappelant"): a block that does not, after one that ended with a comma, is the rest
    of that paragraph carried over a page ("… Goals,", page break, "United Nations Framework …")."""
    if b.scope.kind or seg.kind != "plain" or not b.paragraphs:
        return False
    previous = b.paragraphs[-1]
    return previous.kind == "preambular" and ends_with(previous.text) == "," and not looks_like_lead(seg.text)


def _opens_unit(seg: Segment | None) -> bool:
    """What may follow a heading: a paragraph that opens as paragraphs do, or another heading."""
    return seg is None or seg.kind in ("num", "label", "lead", "section", "heading", "annex")


def _gap_follows(units: list[Segment], k: int, current: int) -> bool | None:
    """Whether the next numbered paragraph leaves a number free for this unnumbered one (None if
    no numbered paragraph follows in this part)."""
    for seg in units[k + 1 :]:
        if seg.kind == "annex":
            return None
        if seg.kind == "num" and seg.number.isdigit():
            return int(seg.number) > current + 1
    return None


def _italic_leads(parsed: ParsedText) -> None:
    """Texts that mark their italic lead words with *…* (Markdown from some extractions)."""
    for para in parsed.paragraphs:
        if "*" not in para.text:
            continue
        if m := _ITALIC.match(para.text):
            para.lead = m.group(1).strip()
        para.text = re.sub(r"\*([^*\n]+)\*", r"\1", para.text)


def _unique_eids(parsed: ParsedText) -> None:
    """A repeated label ("(a)" twice, OCR misreading "(b)") must not give two paragraphs one id."""
    seen: set[str] = set()
    for para in parsed.paragraphs:
        eid, n = para.eid, 1
        while eid in seen:
            n += 1
            eid = f"{para.eid}_{n}"
        if eid != para.eid:
            parsed.warn(f"{para.eid} appears twice; the second is {eid}", structural=True)
            para.eid = eid
        seen.add(eid)
