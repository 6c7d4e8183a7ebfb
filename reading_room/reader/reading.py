"""Gather a document for reading: a fixed number of queries whatever its length."""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from django.db.models import Count, F, OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from reading_room.documents import crossrefs
from reading_room.documents.models import (
    Document,
    DocumentText,
    FootnoteText,
    Language,
    Paragraph,
    ParagraphAlias,
    ParagraphText,
    Sponsorship,
)
from reading_room.documents.references import find_mentions
from reading_room.ingest.models import Correction

from . import masthead
from .cite import citation

DEFAULT_VIEW = ("en", "fr")
PENDING = {
    "en": _("English version pending"),
    "fr": _("French version pending"),
}


# The cite button's accessible name starts with what it shows ("Cite EN"), for speech input.
CITE_LABELS = {
    "en": _("Cite %(code)s: %(eid)s in English"),
    "fr": _("Cite %(code)s: %(eid)s in French"),
}


def cite_label_pattern(language: Language) -> str:
    return str(CITE_LABELS.get(language.code) or _("Cite %(code)s: %(eid)s in %(language)s"))


def pending_message(code: str) -> str:
    return PENDING.get(code) or _("Version in %(language)s pending") % {"language": code}


@dataclass
class Cell:
    """One paragraph in one language, cut into pieces for the template."""

    language: Language
    pieces: list[dict] = field(default_factory=list)  # {"text", "italic"[, "target", "href"]} or {"ref", "id"}
    missing: bool = False
    citation: str = ""  # "A/79/L.124, para. 3" in this language
    cite_label: str = ""  # the copy button's accessible name

    @property
    def pending(self) -> str:
        return pending_message(self.language.code)


@dataclass
class Row:
    paragraph: Paragraph
    cells: list[Cell]
    aliases: list[str] = field(default_factory=list)  # old eids (merged paragraphs) that land here
    url: str = ""  # the paragraph's permalink

    @property
    def label(self) -> str:
        """What the outline calls it: its number ("3" for op3 and pp3, "12" for annex1.para12)."""
        p = self.paragraph
        return p.number or re.sub(r"^[a-z]+", "", p.eid.rsplit(".", 1)[-1]) or p.eid

    def text(self, code: str) -> str:
        """Its plain text in one language (a heading's, for the outline)."""
        cell = next((c for c in self.cells if c.language.code == code and not c.missing), None)
        cell = cell or next((c for c in self.cells if not c.missing), None)
        return "".join(piece.get("text", "") for piece in cell.pieces) if cell else self.paragraph.eid


@dataclass
class Group:
    """A run of paragraphs in the outline, under a section heading or none."""

    heading: Row | None
    label: str = ""  # the heading's text, in the view's first language
    rows: list[Row] = field(default_factory=list)


@dataclass
class Part:
    """The preamble, the operative part or an annex: a landmark in the reader, a head in the outline."""

    key: str  # "preamble", "operative", "annex1"
    label: str
    rows: list[Row] = field(default_factory=list)
    groups: list[Group] = field(default_factory=list)

    @property
    def id(self) -> str:
        return f"part-{self.key}"


@dataclass
class Note:
    number: str
    text: str
    backrefs: list[tuple[str, str]]  # (anchor id, paragraph eid)
    language: str = ""
    pieces: list[dict] = field(default_factory=list)  # {"text"[, "target", "href"]}


@dataclass
class Reading:
    document: Document
    languages: list[Language]  # shown, in column order
    available: list[str]  # codes the document has text in
    texts: dict[str, DocumentText]
    rows: list[Row]
    notes: dict[str, list[Note]]  # language code → footnotes
    sponsors: dict[str, list[tuple[str, str]]]  # language code → (ISO3, name), that language's order
    cited_by: list[dict] = field(default_factory=list)  # documents held here that cite this one
    view: tuple[str, ...] = DEFAULT_VIEW  # the languages the switch shows first, in order
    lineage: dict = field(default_factory=dict)  # "adopted_as", "draft": {"symbol", "url"} (url if held)

    @cached_property  # the template walks the columns once per masthead row
    def columns(self) -> list[dict]:
        """Per language: its masthead lines and text (None if pending), sponsors and footnotes.
        Each language shows its own words or says they are missing, never another language's."""
        columns = []
        document = self.document
        for lang in self.languages:
            text = self.texts.get(lang.code)
            sponsors = self.sponsors.get(lang.code, [])
            before, after = masthead.sponsor_suffix(document.kind, lang.code)
            columns.append(
                {
                    "language": lang,
                    "language_name": _language_name(lang),
                    "text": text,
                    "lines": masthead.lines(document, text, lang.code),
                    "sponsors": sponsors,
                    "and": masthead.and_word(lang.code),
                    "suffix_before": before,
                    "suffix_after": after,
                    "note": text.sponsor_note if text else "",
                    "note_missing": bool(text) and not text.sponsor_note and self.has_sponsor_note,
                    "agenda_title_missing": bool(text) and not text.agenda_title and self.has_agenda_title,
                    "notes": self.notes.get(lang.code, []),
                }
            )
        return columns

    @property
    def has_sponsor_note(self) -> bool:
        return any(t.sponsor_note for t in self.texts.values())

    @cached_property
    def parts(self) -> list[Part]:
        """The rows cut into the preamble, the operative part and each annex, with the outline's
        groups (a section heading and the numbered paragraphs under it; sub-paragraphs are left
        out of the outline, the go-to box reaches them)."""
        parts: dict[str, Part] = {}
        for row in self.rows:
            p = row.paragraph
            annex = re.match(r"annex(\d+)", p.eid)
            if annex:
                key, label = f"annex{annex[1]}", _("Annex %(n)s") % {"n": annex[1]}
            elif p.kind == Paragraph.Kind.PREAMBULAR:
                key, label = "preamble", _("Preamble")
            else:
                key, label = "operative", _("Operative part")
            part = parts.get(key) or parts.setdefault(key, Part(key, str(label)))
            part.rows.append(row)
            if p.kind == Paragraph.Kind.HEADING:
                if p.eid.endswith(".title") or p.eid == key:  # the annex's own heading and title
                    if p.eid.endswith(".title"):
                        part.label = f"{part.label}: {row.text(self.view[0])}"
                    continue
                part.groups.append(Group(row, row.text(self.view[0])))
            elif p.eid.count(".") <= (1 if annex else 0):
                if not part.groups:
                    part.groups.append(Group(None))
                part.groups[-1].rows.append(row)
        return list(parts.values())

    @property
    def pending(self) -> list[str]:
        """Official languages of the site this document has no text in yet."""
        return [pending_message(code) for code in DEFAULT_VIEW if code not in self.available]

    @cached_property
    def under_review(self) -> list[Language]:
        """Shown languages whose machine-corrected text an editor has not finished reviewing."""
        pending = Correction.objects.filter(document=self.document, status=Correction.Status.PENDING).order_by()
        # no ORDER BY: DISTINCT on the code
        codes = set(pending.values_list("language_id", flat=True).distinct())
        return [lang for lang in self.languages if lang.code in codes]

    @property
    def has_sponsors(self) -> bool:
        return any(self.sponsors.values())

    @property
    def has_agenda_title(self) -> bool:
        return any(t.agenda_title for t in self.texts.values())

    @property
    def view_value(self) -> str:
        return "-".join(self.view)

    @property
    def has_notes(self) -> bool:
        return any(self.notes.values())


_AND = {"en": "and", "fr": "et", "es": "y"}


def _language_name(language: Language) -> str:
    """The language's name in the interface language ("French", « anglais »)."""
    try:
        name = str(get_language_info(language.code)["name_translated"])
    except KeyError:
        return language.name
    return name.lower() if (get_language() or "").startswith("fr") else name  # « en français »


def list_line(names: list[str], language: str) -> str:
    """ "Belarus, China and India" as the sponsor line prints it, in that language."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {_AND.get(language, 'and')} {names[-1]}"


def parse_view(value: str | None, available: list[str]) -> tuple[str, ...]:
    """ "fr-en" → ("fr", "en"); anything unknown falls back to the default view."""
    codes = tuple(c for c in (value or "").split("-") if c)
    all_codes = {code for code in Language.objects.values_list("code", flat=True)} if codes else set()
    if codes and len(set(codes)) == len(codes) and set(codes) <= all_codes:
        return codes
    return tuple(c for c in DEFAULT_VIEW if c in available) or tuple(available[:1]) or DEFAULT_VIEW


def view_choices(available: list[str]) -> list[tuple[str, str]]:
    """The view switch: EN+FR, FR+EN, EN, FR (for the languages the site has)."""
    return [("en-fr", "EN + FR"), ("fr-en", "FR + EN"), ("en", "EN"), ("fr", "FR")]


def sort_key(name: str) -> str:
    """Alphabetical order as each language prints it: accents do not count (Bélarus before Chine)."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


def read_document(document: Document, view: tuple[str, ...], eids: list[str] | None = None) -> Reading:
    """Every language of the view switch is rendered, the view's own first: the switch shows and
    orders them in the browser (CSS), so switching needs no request and loses no place."""
    languages = {lang.code: lang for lang in Language.objects.all()}
    texts = {t.language_id: t for t in document.texts.all() if t.published}
    shown = [languages[c] for c in dict.fromkeys((*DEFAULT_VIEW, *view)) if c in languages]
    paragraphs = document.paragraphs.all()
    if eids is not None:
        paragraphs = paragraphs.filter(eid__in=eids)
    paragraphs = list(paragraphs)
    by_paragraph, aliases = _paragraph_texts(document, paragraphs, [lang.code for lang in shown])
    rows = []
    cited: dict[str, dict[str, list[tuple[str, str]]]] = {lang.code: {} for lang in shown}
    # Per page, not per paragraph: a long resolution has hundreds of rows.
    labels = {lang.code: cite_label_pattern(lang) for lang in shown}
    permalink = reverse("paragraph", kwargs={"symbol": document.key, "eid": "pp0"}).removesuffix("pp0/") + "{}/"
    for paragraph in paragraphs:
        by_lang = by_paragraph.get(paragraph.pk, {})
        cells = []
        for lang in shown:
            found = by_lang.get(lang.code) if lang.code in texts else None
            if found is None:
                cells.append(Cell(lang, missing=True))
                continue
            text, calls = found
            pieces = _pieces(text, calls, paragraph.eid, cited[lang.code])
            cite = citation(document.symbol, paragraph.eid, lang.code)
            label = labels[lang.code] % {"code": lang.code.upper(), "eid": paragraph.eid, "language": lang.name}
            cells.append(Cell(lang, pieces, citation=cite, cite_label=label))
        rows.append(Row(paragraph, cells, aliases.get(paragraph.pk, []), permalink.format(paragraph.eid)))
    notes = _notes(document, shown, cited, only_cited=eids is not None)
    cited_by = _link(rows, notes, document, with_cited_by=eids is None)
    sponsors = _sponsors(document, shown)
    lineage = _lineage(document) if eids is None else {}
    return Reading(document, shown, list(texts), texts, rows, notes, sponsors, cited_by, view, lineage)


def _lineage(document: Document) -> dict:
    """The resolution a draft became, or the draft a resolution came from (linked if held): one query."""
    wanted = Q(draft=document.symbol) if document.kind.startswith("draft") else Q()
    if document.draft:
        wanted |= Q(symbol=document.draft)
    if not wanted:
        return {}
    lineage = {}
    for symbol, key, draft in Document.objects.published().filter(wanted).values_list("symbol", "key", "draft"):
        url = reverse("reader", kwargs={"symbol": key})
        if draft == document.symbol:
            lineage["adopted_as"] = {"symbol": symbol, "url": url}
        else:
            lineage["draft"] = {"symbol": symbol, "url": url}
    if document.draft and "draft" not in lineage:
        lineage["draft"] = {"symbol": document.draft, "url": ""}
    return lineage


# (footnote number, offset) of each call in a paragraph text
Calls = list[tuple[str, int]]


class TextRow(NamedTuple):
    """What the reader needs of a ParagraphText (plain tuples build faster than model instances)."""

    pk: int
    paragraph_id: int
    language_id: str
    text: str
    lead: str


def _paragraph_texts(
    document: Document, paragraphs: list[Paragraph], codes: list[str]
) -> tuple[dict[int, dict[str, tuple[TextRow, Calls]]], dict[int, list[str]]]:
    """The paragraphs' texts with their footnote calls, and their old eids, in two flat queries
    (nested prefetches would build a queryset per paragraph: most of a cache miss's time)."""
    ids = [p.pk for p in paragraphs]
    texts = ParagraphText.objects.filter(paragraph__in=ids, language__in=codes)
    by_paragraph: dict[int, dict[str, tuple[TextRow, Calls]]] = {}
    for *fields, calls in texts.values_list(*TextRow._fields, "calls"):
        text = TextRow(*fields)
        by_paragraph.setdefault(text.paragraph_id, {})[text.language_id] = (text, [(n, o) for o, n in calls])
    aliases: dict[int, list[str]] = {}
    for paragraph_id, eid in ParagraphAlias.objects.filter(paragraph__in=ids).values_list("paragraph_id", "eid"):
        aliases.setdefault(paragraph_id, []).append(eid)
    return by_paragraph, aliases


def _link(rows: list[Row], notes: dict[str, list[Note]], document: Document, with_cited_by: bool) -> list[dict]:
    """Give mentions of other documents their href; with the documents citing this one, one query."""
    links = [
        (piece, cell.language.code) for row in rows for cell in row.cells for piece in cell.pieces if "target" in piece
    ]
    links += [
        (piece, note.language) for ns in notes.values() for note in ns for piece in note.pieces if "target" in piece
    ]
    keys = {piece["target"] for piece, _lang in links}
    if not keys and not with_cited_by:
        return []
    held, cited_by = crossrefs.neighbours(document, keys)
    for piece, lang in links:
        piece["href"] = crossrefs.href(piece["target"], lang, held)
        piece["external"] = piece["target"] not in held
    return cited_by if with_cited_by else []


def _pieces(text: TextRow, calls: Calls, eid: str, cited: dict[str, list[tuple[str, str]]]) -> list[dict]:
    body = text.text
    lead = len(text.lead) if text.lead and body.startswith(text.lead) else 0
    mentions = find_mentions(body)
    bounds = (x for m in mentions for x in (m.start, m.end))
    cuts = sorted({0, lead, len(body), *bounds, *(min(offset, len(body)) for _n, offset in calls)})
    pieces: list[dict] = []
    for start, end in itertools.pairwise(cuts):
        for number, offset in calls:
            if min(offset, len(body)) == start:
                pieces.append(_ref(number, text.language_id, eid, cited))
        if end > start:
            piece = {"text": body[start:end], "italic": end <= lead}
            mention = next((m for m in mentions if m.start <= start and end <= m.end), None)
            if mention:
                piece["target"] = mention.key
            pieces.append(piece)
    for number, offset in calls:
        if offset >= len(body):
            pieces.append(_ref(number, text.language_id, eid, cited))
    return pieces


def _mention_pieces(text: str) -> list[dict]:
    """A footnote's text cut around the documents it mentions ("Resolution 70/1.")."""
    pieces, cursor = [], 0
    for m in find_mentions(text):
        if m.start > cursor:
            pieces.append({"text": text[cursor : m.start]})
        pieces.append({"text": text[m.start : m.end], "target": m.key})
        cursor = m.end
    if cursor < len(text):
        pieces.append({"text": text[cursor:]})
    return pieces


def _ref(number: str, lang: str, eid: str, cited: dict[str, list[tuple[str, str]]]) -> dict:
    anchor = f"fnref-{lang}-{eid}-{number}"
    cited.setdefault(number, []).append((anchor, eid))
    return {"ref": number, "id": anchor, "note": f"fn-{lang}-{number}"}


def _notes(document, shown, cited, only_cited: bool) -> dict[str, list[Note]]:
    codes = [lang.code for lang in shown]
    notes: dict[str, list[Note]] = {code: [] for code in codes}
    texts = FootnoteText.objects.filter(footnote__document=document, language__in=codes).order_by(
        "footnote__position", "footnote_id"
    )
    for number, code, text in texts.values_list("footnote__number", "language_id", "text"):
        backrefs = cited[code].get(number, [])
        if only_cited and not backrefs:
            continue
        notes[code].append(Note(number, text, backrefs, code, _mention_pieces(text)))
    return notes


def _sponsors(document: Document, shown: list[Language]) -> dict[str, list[tuple[str, str]]]:
    """Each shown language's sponsors, (ISO3, name), in that language's alphabetical order (the
    English name, then the ISO code, where it has none)."""
    rows = Sponsorship.objects.filter(document=document).order_by("position")
    by_state: dict[str, dict[str, str]] = {}
    for iso3, code, name in rows.values_list("state__iso3", "state__names__language_id", "state__names__name"):
        by_state.setdefault(iso3, {})[code] = name
    names = {
        lang.code: [(iso3, by_lang.get(lang.code) or by_lang.get("en") or iso3) for iso3, by_lang in by_state.items()]
        for lang in shown
    }
    return {code: sorted(values, key=lambda pair: sort_key(pair[1])) for code, values in names.items()}


def document_list():
    """Documents for the index, newest first, with their titles and sponsor counts, in two queries.
    The order is explicit: Meta.ordering does not apply to a query that groups, and pages of the
    list need an order that never changes (hence the id last)."""
    # a subquery, not a join: counted for the page's rows only, and the page's count stays simple
    sponsors = Sponsorship.objects.filter(document=OuterRef("pk")).values("document").annotate(n=Count("*"))
    return (
        Document.objects.published()
        .annotate(sponsor_count=Coalesce(Subquery(sponsors.values("n")), 0))
        .order_by(F("date").desc(nulls_last=True), "symbol", "id")
        .prefetch_related(Prefetch("texts", queryset=DocumentText.objects.filter(published=True)))
    )
