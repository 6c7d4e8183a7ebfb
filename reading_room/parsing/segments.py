"""From the body's blocks to units: one per paragraph, sub-paragraph or heading, in order.

Two passes. `cut` reads line by line and cuts where a unit must start: a paragraph number
("3. Requests"), a sub-paragraph label ("(b)", "b)"), an italic lead word after a finished line
("Recalling …"), an annex or section heading, the meeting line. A number that the extraction ran
into the middle of a line ("… Pact for the Future. 16 9. We note") is a cut only when it is the
number the sequence expects next: numbering continuity is the strongest evidence there is.
`join` then decides, for each piece that begins a block with no such mark, whether it goes on
the paragraph before (a page break inside a paragraph) or starts a new one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import Block, join_lines
from .patterns import ANNEX, ANNEX_TITLED, ARTICLE, MEETING, OPERATIVE_START, SUBPARA_START

_TERMINAL = (",", ";", ".", ":")
# How a footnote call can end a text: digits, superscripts, ^{n}, [^n], OCR garbage for a digit.
_TRAILING_MARKER = re.compile(
    r"(?:\s?[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\^\{[^}]{1,4}\}|\[\^[^\]]{1,6}\]|[®°’?]|(?<=[,;.:”\"»)])\s?\d{1,3}|(?<=\d{4}[,;.])\d{1,3})+$"
)
_MARKER_LAST = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹}]®°’?")
_ROMAN_ALONE = re.compile(r"^(?P<num>[IVX]{1,5})\.$")
# "II. Implementation of …", however long: a number run into the line is cut off afterwards
_SECTION_START = re.compile(r"^(?P<num>[IVX]{1,5})\.\s+(?=[A-Z])")
# A number the extraction ran into a line: "… Future. 16 9. We note", "… commitments 3. We gather".
_INLINE_NUMBER = re.compile(r"(?<=\s)(?P<num>\d{1,3})\s?\.\s+(?=[A-ZÀ-Ý“\"«(])")
# Words after which a number is a reference, not a paragraph number ("paragraph 9. We …").
_REFERENCE_WORDS = re.compile(
    r"(?i)(?:paragraphs?|para(?:s)?\.|paras|articles?|art\.|chapters?|chap\.|sections?|annex(?:es)?|"
    r"resolutions?|decisions?|rules?|items?|goals?|targets?|principles?|no\.|nos\.|vol\.|page|pages|"
    r"p\.|pp\.|points?|alinéas?|par\.|résolutions?|décisions?|objectifs?|cibles?|n°)\s*$"
)
# Opening words of a preambular paragraph: a participle or one of the adjectives UN drafting uses.
# A word that may open a preambular paragraph: a participle ("Recalling", "Convinced", "Rappelant",
# "Se félicitant"); adjectives and French feminine participles ("Consciente", "Résolue") only from
# the list below — their endings are also those of nouns ("State", "Issue").
_LEAD_WORD = re.compile(
    r"^(?:Se |S’|S')[a-zà-ÿ]+ant\b"  # "Se félicitant", "S’inquiétant"
    r"|^(?!United\b|Beijing|Nanjing|Kunming|Chongqing|Sterling|Reading\b|During\b|Including\b|"
    r"Following\b|Regarding\b|Concerning\b|Notwithstanding\b|Pending\b|According\b|Red\b|United\b)"
    r"[A-ZÉ][a-zà-ÿ]+(?:ing|ed|ant)\b"
)
# The words UN preambles open with most: leads whatever follows ("Recalling the Charter of the
# United Nations" is in title case after its lead; "Stockpiling and Use of Chemical Weapons" is a title).
_LEADS = """recalling reaffirming recognizing recognising noting welcoming expressing emphasizing emphasising
    stressing acknowledging taking bearing having considering affirming underlining underscoring reiterating
    convinced concerned alarmed determined guided encouraged deploring condemning appreciating commending
    mindful aware conscious cognizant desirous deeply gravely seriously strongly highly fully firmly acting
    believing looking seeking committed declaring observing regretting
    rappelant réaffirmant reconnaissant notant prenant soulignant considérant consciente conscient convaincue
    convaincu préoccupée préoccupé profondément gravement ayant tenant sachant accueillant constatant
    insistant exprimant déplorant condamnant saluant réitérant affirmant guidée guidé résolue résolu
    déterminée déterminé alarmée alarmé inquiète inquiet encouragée encouragé vivement gardant mesurant
    estimant jugeant persuadée persuadé soucieuse soucieux désireuse désireux certaine sensible attachée
    satisfaite reconnaissante résolument vu keenly"""
_KNOWN_LEADS = frozenset(_LEADS.split())
# Gerunds sub-paragraphs open with ("(c) Strengthening …"): in title case they may be a title's words
_GERUNDS = """adopting supporting strengthening promoting harnessing investing enforcing responding ensuring scaling
    creating advancing leveraging mobilizing achieving improving developing enhancing providing establishing
    implementing addressing fostering facilitating increasing reducing protecting preventing combating
    eliminating empowering expanding integrating maintaining undertaking urging inviting requesting calling
    encouraging assisting requiring continuing accelerating reinforcing upholding respecting"""
_OPENERS = _KNOWN_LEADS | frozenset(_GERUNDS.split())
# How operative paragraphs open (and so never a heading): "Decides", "Also requests", "Prie".
_VERBS = """decides requests urges calls encourages invites welcomes reaffirms recognizes recognises notes
    takes stresses emphasizes emphasises underlines underscores acknowledges affirms adopts approves endorses
    expresses reiterates recommends proclaims declares designates condemns deplores demands appeals commends
    supports appreciates also further again strongly once recalls considers agrees authorizes establishes
    extends renews requests reminds acknowledges highlights draws looks concludes resolves
    décide prie demande engage invite accueille réaffirme reconnaît prend souligne insiste exprime approuve
    adopte proclame déclare condamne déplore lance encourage salue rappelle considère estime recommande"""
_OPERATIVE_VERBS = frozenset(_VERBS.split())
_SMALL_WORDS = (
    "a an and as at by for from in into of on or the to with its their his her this that these those "
    "against among amongst between through throughout within without under over towards toward upon "
    "across including regarding concerning during via per such both either neither whether which who "
    "whose whom while where when than not no all any each every other our your my is are was were be "
    "been being has have had will would shall should may might can could must also further more most "
    "et de des du la le les à au aux en par pour sur dans un une ou entre contre sans sous vers avec "
    "notamment dont qui que leur leurs ses son sa ce cette ces est sont"
)
_FUNCTION_WORDS = frozenset(_SMALL_WORDS.split())


@dataclass
class Segment:
    """A piece of the body that starts a unit (or, kind "plain", may continue the one before)."""

    kind: str  # num | label | lead | plain | heading | section | annex | meeting
    text: str
    block_start: bool = False
    number: str = ""  # num: "3"; label: "a"; section: "II"; annex: "I"
    single_line: bool = True  # the whole of a one-line block (a heading candidate)
    warnings: list[str] = field(default_factory=list)


def is_open(text: str) -> bool:
    """A paragraph not yet ended by its punctuation (a footnote call after it does not count)."""
    text = text.rstrip()
    if text[-1:] in _MARKER_LAST or text[-1:].isdecimal():  # else no marker to strip: skip the regex
        text = _TRAILING_MARKER.sub("", text).rstrip()
    return not text.endswith(_TERMINAL)


def ends_with(text: str) -> str:
    """The punctuation that ends a paragraph, footnote calls aside ("" if none)."""
    text = text.rstrip()
    if text[-1:] in _MARKER_LAST or text[-1:].isdecimal():
        text = _TRAILING_MARKER.sub("", text).rstrip()
    text = text.rstrip('”"»’)] ')
    return text[-1:] if text[-1:] in _TERMINAL else ""


def starts_lower(text: str) -> bool:
    if OPERATIVE_START.match(text) or SUBPARA_START.match(text):
        return False
    for ch in text[:4]:
        if ch.isalpha():
            return ch.islower()
        if ch.isdigit():
            return True  # "13 décembre 2010, …" continues a paragraph
    return False


def looks_like_lead(line: str) -> bool:
    if not line[:1].isupper():
        return False
    first = line.split(maxsplit=1)[0].strip(",").lower()
    if first in _KNOWN_LEADS or (first in ("se", "s’", "s'") and _LEAD_WORD.match(line)):
        return True
    if not _LEAD_WORD.match(line):
        return False
    # "Stockpiling and Use of Chemical Weapons" wrapped from a title is not a lead: title case;
    # "Developing Countries", "Peacebuilding Commission": a name
    words = line.split()[1:6]
    capitals = [w for w in words if w[:1].isupper() and w.lower() not in _FUNCTION_WORDS]
    return len(capitals) < 2 and not (words and words[0] in capitals)


def title_case(text: str) -> bool:
    """ "Strengthening International Cooperation for Combating Certain Crimes": words of a title."""
    words = text.split()[1:7]
    return sum(1 for w in words if w[:1].isupper() and w.lower() not in _FUNCTION_WORDS) >= 4


def heading_like(text: str) -> bool:
    """A short line with no final punctuation that opens with a capital: a section heading."""
    text = text.strip()
    if not text or len(text) > 120 or len(text.split()) > 12 or not (text[0].isupper() or text[0].isdigit()):
        return False
    if text.endswith(_TERMINAL) or ends_with(text):
        return False
    first = text.split(maxsplit=1)[0].lower()
    if first in _KNOWN_LEADS or first in _OPERATIVE_VERBS:
        return False  # "Recalling also the Headquarters", "Adopts the 2025 …": a paragraph a page break cut
    last = text.split()[-1]
    if last.lower() in _FUNCTION_WORDS or text.count("“") > text.count("”") or text.count("(") > text.count(")"):
        return False  # "… under the title “the": cut mid-sentence
    return not looks_like_lead(text) or len(text.split()) <= 4


class _Cutter:
    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.last_number = 0  # the last paragraph number seen, for numbers inside lines

    def add(self, segment: Segment) -> None:
        self.segments.append(segment)

    @property
    def current(self) -> Segment | None:
        return self.segments[-1] if self.segments else None

    def extend(self, line: str) -> None:
        seg = self.current
        seg.text = join_lines([seg.text, line]) if seg.text else line
        seg.single_line = False

    def start(self, kind: str, text: str, block_start: bool, number: str = "") -> None:
        self.add(Segment(kind, text, block_start, number))
        if kind == "num" and number.isdigit():
            self.last_number = int(number)
        elif kind == "annex":
            self.last_number = 0

    def split_inline_numbers(self) -> None:
        """Cut the current segment where the next paragraph number was run into it."""
        while True:
            seg = self.current
            if seg is None or seg.kind in ("meeting", "annex"):
                return
            found = None
            for m in _INLINE_NUMBER.finditer(seg.text):
                number, before = int(m["num"]), seg.text[: m.start()].rstrip()
                if m.start() == 0 or _REFERENCE_WORDS.search(before):
                    continue
                # after a section's title, a number may skip one the extraction lost elsewhere
                section = seg.kind == "section" and not seg.text[: m.start()].strip().endswith(".")
                if not (number == self.last_number + 1 or (section and 0 < number - self.last_number <= 3)):
                    continue
                if section or not is_open(before) or heading_like(before) or _opens_paragraph(seg.text[m.end() :]):
                    found = m
                    break
            if found is None:
                return
            before = seg.text[: found.start()].rstrip()
            after = seg.text[found.end() :]
            seg.text = before
            if seg.kind in ("plain", "lead") and heading_like(before) and (seg.block_start or seg.kind == "plain"):
                seg.kind = "heading"
            self.start("num", after, False, found["num"])
            self.current.single_line = False


def _opens_paragraph(text: str) -> bool:
    """ "We emphasize …", "Decides to …": a capitalised word, then lower case — how a paragraph opens
    (a number that ends a sentence is seldom followed by that and the expected number at once)."""
    return bool(re.match(r"[A-ZÀ-Ý][a-zà-ÿ’']+,? [a-zà-ÿ]", text))


def cut(items: list[Block]) -> tuple[list[Segment | Block], list[str]]:
    """Segments and footnote blocks in document order, and the closing lines (meeting, date)."""
    cutter = _Cutter()
    out: list[Segment | Block] = []
    closing: list[str] = []
    for block in items:
        if block.kind == "footnote":
            out.extend(cutter.segments)
            cutter.segments = []
            out.append(block)
            continue
        mark = len(cutter.segments)
        for i, line in enumerate(block.lines):
            first = i == 0
            if MEETING.match(line) or (closing and _is_date(line) and len(cutter.segments) == mark):
                closing.append(line)
                continue
            current = cutter.current if len(cutter.segments) > mark else None
            if current is not None and _bare_start(current):
                cutter.extend(line)  # "1." or "I." alone: the text follows on the next line
            else:
                kind, number, head = _line_kind(line, block.lines[i - 1] if i else "", first, cutter)
                if kind == "annex_titled":
                    cutter.start("annex", head, first, number)
                    cutter.start("heading", line[len(head) :].strip(), False)
                elif kind:
                    cutter.start(kind, line, first, number)
                elif current is None or (current.kind in ("annex", "heading", "section") and not starts_lower(line)):
                    cutter.start("plain", line, True)  # after a heading's line, a unit of its own
                else:
                    cutter.extend(line)
            cutter.split_inline_numbers()
    out.extend(cutter.segments)
    return out, closing


_BARE = re.compile(r"(?:[-–•]\s*)?(?:\d{1,3}|[IVX]{1,5})\s?\.|\(?(?:[a-z]{1,2}|[ivxl]{1,6})\)")


def _bare_start(seg: Segment) -> bool:
    """A number or label alone ("4.", "(b)"): its text follows on the next line, or the next page."""
    return bool(_BARE.fullmatch(seg.text.strip()))


def _is_date(text: str) -> bool:
    return bool(re.fullmatch(r"\d{1,2}(?:er)? \S+ \d{4}", text.strip()))


def _line_kind(line: str, previous: str, first: bool, cutter: _Cutter) -> tuple[str | None, str, str]:
    """What this line starts, if anything: (kind, number, text) or (None, "", "")."""
    if m := ANNEX.match(line):
        return "annex", m["num"] or "", line
    if (m := ANNEX_TITLED.match(line)) and not line.rstrip().endswith(_TERMINAL):
        return "annex_titled", m["num"] or "", line.split()[0] + (f" {m['num']}" if m["num"] else "")
    if m := _ROMAN_ALONE.match(line):
        return "section", m["num"], line
    # "I. Our commitments" is a section; OCR reads "1." as "I." too: "I. Décide de …;" is paragraph 1
    if (m := _SECTION_START.match(line)) and (not OPERATIVE_START.match(line) or heading_like(line[m.end() :])):
        return "section", m["num"], line
    if (m := ARTICLE.fullmatch(line)) and len(line) < 80 and first:
        return "section", m["num"], line
    if m := OPERATIVE_START.match(line):
        number = m["num"] if m["num"].isdigit() else "1"
        # a number at the start of a line inside a block: the next in sequence, or after a finished line
        if first or int(number) == cutter.last_number + 1 or not is_open(previous):
            return "num", number, line
        return None, "", ""
    if m := SUBPARA_START.match(line + " "):
        before = previous or (cutter.current.text if cutter.current else "")
        # "… referred to in paragraph 1 / (a) above": a reference carried to the next line or page
        reference = is_open(before) and line[m.end() - 1 : m.end() + 1].strip()[:1].islower()
        if (first or not is_open(previous)) and not reference:
            return "label", m["num"], line
        return None, "", ""
    if previous and looks_like_lead(line) and not is_open(previous):
        return "lead", "", line
    return None, "", ""


def join(stream: list[Segment | Block]) -> tuple[list[Segment], list[tuple[str, str]]]:
    """Units, with the pieces that continue a paragraph across a page (or footnote) break joined
    to it; and the footnotes met on the way, in document order — including unlabelled ones:
    complete sentences inside an unfinished paragraph, before its lowercase continuation."""
    units: list[Segment] = []
    notes: list[tuple[str, str]] = []
    i = 0
    while i < len(stream):
        item = stream[i]
        i += 1
        if isinstance(item, Block):
            notes.extend(item.notes)
            continue
        previous = units[-1] if units else None
        if previous is not None and _bare_start(previous) and item.kind in ("plain", "lead"):
            previous.text = join_lines([previous.text, item.text])  # "4." at a page's foot, its text on the next
            continue
        if item.kind != "plain" or previous is None or previous.kind in ("annex", "meeting"):
            units.append(item)
            continue
        heading_before = previous.kind in ("heading", "section") or (
            previous.kind == "plain" and previous.single_line and previous.block_start and heading_like(previous.text)
        )
        lower = starts_lower(item.text)
        if heading_before and not lower:
            units.append(item)
            continue
        if (
            item.block_start
            and looks_like_lead(item.text)
            and not (item.single_line and heading_like(item.text))
            and not _mid_phrase(previous.text, item.text)
        ):
            # "Recalling …", "Strengthening …" opening a block: a new paragraph even after one that
            # looks unfinished (extraction loses last lines; page breaks seldom fall before such words)
            item.kind = "lead"
            units.append(item)
            continue
        if lower or is_open(previous.text):
            if not lower:
                skipped = _unlabelled_notes(stream, i - 1)
                if skipped:
                    notes.extend(("", s.text) for s in skipped)
                    i += len(skipped) - 1
                    continue
            previous.text = join_lines([previous.text, item.text])
            previous.single_line = False
            continue
        units.append(item)
    return units, notes


def _mid_phrase(previous: str, text: str) -> bool:
    """ "… to support the / Peacebuilding Commission", "… Action to Combat / Trafficking in Persons": after
    an unfinished paragraph, a word that only looks like a lead (not one UN paragraphs open with) goes
    on the phrase."""
    if not is_open(previous):
        return False
    if text.split()[0].lower() not in _OPENERS:
        return True
    # "… for Combating Certain Crimes / Committed by Means of Information …": inside a title
    last = previous.split()[-2:]
    return len(last) == 2 and all(w[:1].isupper() and w.lower() not in _FUNCTION_WORDS for w in last)


def _unlabelled_notes(stream: list[Segment | Block], i: int) -> list[Segment]:
    """Sentences between an unfinished paragraph and its lowercase continuation are footnotes
    whose numbers OCR lost (the French sample has two)."""
    found: list[Segment] = []
    for item in stream[i : i + 4]:
        if isinstance(item, Block) or item.kind != "plain":
            return []
        if starts_lower(item.text):
            return found
        if not item.text.endswith("."):
            return []
        found.append(item)
    return []
