"""Write parsed texts to the models: the one place where parser output becomes rows.

The management command and the admin upload both call `import_texts`.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction
from django.utils.translation import gettext as _

from reading_room.documents import identifiers
from reading_room.documents.crossrefs import mentions, record_references
from reading_room.documents.models import (
    Document,
    DocumentText,
    Footnote,
    FootnoteText,
    Language,
    Paragraph,
    ParagraphText,
    Sponsorship,
    State,
    StateName,
)
from reading_room.documents.signals import quiet
from reading_room.documents.states import load_states
from reading_room.parsing import checks
from reading_room.parsing.document import ParseError, parse
from reading_room.parsing.sponsors import locate_sponsors, name_key, split_sponsors
from reading_room.parsing.types import Header, ParsedText

from .bulk_writes import Rows
from .correction_log import CorrectionLog
from .import_report import record_import, report_data
from .models import ImportReport


class ImportRefused(ValueError):
    """Bad input: the message says what is wrong; nothing was written."""


@dataclass
class ImportResult:
    document: Document
    created: bool
    languages: list[str]
    warnings: list[str] = field(default_factory=list)
    report: ImportReport | None = None

    @property
    def symbol(self) -> str:
        return self.document.symbol


def read_text(data: bytes, name: str) -> str:
    """Decode an uploaded or read file, refusing what is not a plain UTF-8 text of sane size."""
    limit = settings.IMPORT_MAX_BYTES
    if len(data) > limit:
        raise ImportRefused(
            _("%(name)s is %(size)d bytes; the limit is %(limit)d.") % {"name": name, "size": len(data), "limit": limit}
        )
    if not data.strip():
        raise ImportRefused(_("%(name)s is empty.") % {"name": name})
    if b"\x00" in data:
        raise ImportRefused(_("%(name)s is not a text file (it contains binary data).") % {"name": name})
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportRefused(
            _("%(name)s is not UTF-8 text (byte %(pos)d); save it as UTF-8 and try again.")
            % {"name": name, "pos": exc.start}
        ) from exc


def read_path(path: str | Path) -> str:
    path = Path(path)
    if not path.is_file():
        raise ImportRefused(_("%(name)s: no such file.") % {"name": path})
    size = path.stat().st_size
    if size > settings.IMPORT_MAX_BYTES:
        raise ImportRefused(
            _("%(name)s is %(size)d bytes; the limit is %(limit)d.")
            % {"name": path.name, "size": size, "limit": settings.IMPORT_MAX_BYTES}
        )
    return read_text(path.read_bytes(), path.name)


_FORMULA_LANGUAGE = {"The": "en", "L’Assemblée": "fr", "L'Assemblée": "fr", "Le": "fr"}


def _parse(text: str, language: str, reference: ParsedText | None, symbol: str) -> ParsedText:
    try:
        parsed = parse(text, language, reference=reference, symbol=symbol)
    except ParseError as exc:
        raise ImportRefused(
            _("The %(language)s text could not be read: %(reason)s.") % {"language": language, "reason": exc}
        ) from exc
    found = _FORMULA_LANGUAGE.get(parsed.enacting_formula.split(" ")[0], language)
    if found != language:
        raise ImportRefused(
            _("The text given as %(given)s is in %(found)s (it opens with “%(formula)s”). Were the files swapped?")
            % {"given": language, "found": found, "formula": parsed.enacting_formula}
        )
    return parsed


@dataclass
class Prepared:
    """A document parsed and checked, ready to write: plain picklable data, so that worker
    processes can parse while one process writes (import_document FOLDER)."""

    symbol: str
    header: Header
    parsed: list[ParsedText]
    sponsors: list[int] | None  # the sponsor States' ids in printed order; None if the text names none
    report: dict  # the validation report but for what only writing finds (kept edits)


def import_texts(en: str | None = None, fr: str | None = None, symbol: str = "", strict: bool = False) -> ImportResult:
    """Parse and store one document from its English and/or French text, in one transaction.

    Re-importing a symbol updates the document in place: paragraphs keep their eids, a
    language not given this time is left as it is, and a text an editor has changed is
    kept (the report lists it) — see docs/importing.md.
    """
    return write(prepare(en, fr, symbol, strict))


def prepare(en: str | None = None, fr: str | None = None, symbol: str = "", strict: bool = False) -> Prepared:
    """Parse and check the texts (reads the database, writes nothing); ImportRefused if they won't do
    — in strict mode, also if any structure is doubtful (parsing.checks.structural)."""
    if not en and not fr:
        raise ImportRefused(_("Give at least one text (English or French)."))
    symbol = given_symbol = _checked_symbol(symbol) if symbol.strip() else ""
    parsed_en = _parse(en, "en", None, symbol) if en else None
    reference_symbol = symbol or (parsed_en.header.symbol if parsed_en else "")
    parsed_fr = _parse(fr, "fr", parsed_en, reference_symbol) if fr else None
    header = (parsed_en or parsed_fr).header
    if parsed_fr and parsed_fr.header.symbol and not header.symbol:
        header = parsed_fr.header
    symbol = symbol or header.symbol
    if not symbol:
        raise ImportRefused(_("The text has no header with a document symbol; give the symbol (--symbol)."))
    if given_symbol and header.symbol and _key(header.symbol) != _key(given_symbol):
        raise ImportRefused(_("The text is %(found)s, not %(given)s.") % {"found": header.symbol, "given": symbol})
    symbol = _checked_symbol(symbol)
    parsed = [p for p in (parsed_en, parsed_fr) if p]
    for p in parsed:
        _check_limits(p)
    if parsed_en and parsed_fr:
        _check_same_structure(parsed_en, parsed_fr)
    sponsors = _locate_sponsors(header)
    unresolved = [name for name, iso3 in sponsors if iso3 is None]
    states = _state_ids([iso3 for _name, iso3 in sponsors if iso3]) if sponsors else None
    if strict:
        doubts = [f"[{p.language}] {problem}" for p in parsed for problem in checks.structural(p, symbol)]
        if doubts:
            raise ImportRefused(
                _("%(symbol)s has %(count)d structural warnings (strict mode: nothing was imported): %(list)s")
                % {"symbol": symbol, "count": len(doubts), "list": "; ".join(doubts[:10])}
            )
    return Prepared(symbol, header, parsed, states, report_data(parsed, unresolved, symbol))


def _checked_symbol(symbol: str) -> str:
    """The symbol as the UN writes it (documents.identifiers), or ImportRefused saying why."""
    try:
        return identifiers.normalise_symbol(symbol)
    except ValidationError as exc:
        raise ImportRefused(" ".join(exc.messages)) from exc


def _key(symbol: str) -> str:
    try:
        return Document.key_for(identifiers.normalise_symbol(symbol))
    except ValidationError:
        return Document.key_for(symbol)


def _check_limits(parsed: ParsedText) -> None:
    """What a page can show at a sane cost (settings, docs/deploy.md), with ids URLs can carry."""
    limits = [
        (
            len(parsed.paragraphs),
            settings.DOCUMENT_MAX_PARAGRAPHS,
            _("The %(language)s text has %(count)d paragraphs; a document may have at most %(limit)d."),
        ),
        (
            len(parsed.footnotes),
            settings.DOCUMENT_MAX_FOOTNOTES,
            _("The %(language)s text has %(count)d footnotes; a document may have at most %(limit)d."),
        ),
    ]
    for count, limit, message in limits:
        if count > limit:
            raise ImportRefused(message % {"language": parsed.language, "count": count, "limit": limit})
    texts = [(p.eid, p.text) for p in parsed.paragraphs] + [(f"fn {f.number}", f.text) for f in parsed.footnotes]
    for where, text in texts:
        if len(text) > settings.TEXT_MAX_CHARS:
            raise ImportRefused(
                _(
                    "%(where)s [%(language)s] has %(count)d characters; "
                    "a paragraph or footnote may have at most %(limit)d."
                )
                % {"where": where, "language": parsed.language, "count": len(text), "limit": settings.TEXT_MAX_CHARS}
            )
    try:
        for p in parsed.paragraphs:
            identifiers.validate_eid(p.eid)
        for f in parsed.footnotes:
            identifiers.validate_footnote_number(f.number)
    except ValidationError as exc:
        raise ImportRefused(f"[{parsed.language}] " + " ".join(exc.messages)) from exc


def write(prepared: Prepared) -> ImportResult:
    """Store a prepared document in one transaction; ImportRefused if it no longer fits what is stored."""
    try:
        return _write(prepared)
    except (IntegrityError, DataError) as exc:
        # a parse the database cannot hold is a bug, but the user gets a message, not a traceback
        raise ImportRefused(
            _("%(symbol)s could not be stored (%(error)s); nothing was imported.")
            % {"symbol": prepared.symbol, "error": str(exc).splitlines()[0][:200]}
        ) from exc


def _write(prepared: Prepared) -> ImportResult:
    parsed = prepared.parsed
    with transaction.atomic():
        with quiet():
            document, created = _write_document(prepared.symbol, prepared.header)
            if not created:
                _check_fits_stored(document, parsed[0])
            writing = _Writing(document, created)
            for p in parsed:
                _write_language(writing, p)
            writing.log.save(writing.rows)
            _write_sponsors(writing, prepared.sponsors)
            report = record_import(document, created, prepared.report, kept=writing.kept)
        # the one save others hear: a touch for the reader's cache, the lineage derived from the texts
        document.save(update_fields=["updated"])
        # "cited by" lists and cross-reference links (documents.crossrefs): a new document's texts are
        # all the ones just written, so found in them rather than read back
        found = mentions(document.key, writing.texts, writing.notes, writing.calls) if created else None
        record_references(document, found, new=created)
    warnings = [f"[{p.language}] {w}" for p in parsed for w in p.warnings]
    unresolved = prepared.report["unresolved_sponsors"]
    warnings += [_("Sponsor not recognised: %(name)s") % {"name": name} for name in unresolved]
    warnings += [_("Kept an editor’s text: %(where)s") % {"where": where} for where in writing.kept]
    return ImportResult(document, created, [p.language for p in parsed], warnings, report)


def _describe(eids: list[str]) -> str:
    pp = sum(1 for e in eids if e.startswith("pp"))
    op = sum(1 for e in eids if e.startswith("op") and "." not in e)
    return _("%(pp)d preambular and %(op)d operative paragraphs") % {"pp": pp, "op": op}


def _check_same_structure(en: ParsedText, fr: ParsedText) -> None:
    """Paragraphs shown side by side must be the same paragraphs: refuse rather than misalign."""
    en_eids, fr_eids = [p.eid for p in en.paragraphs], [p.eid for p in fr.paragraphs]
    if en_eids != fr_eids:
        raise ImportRefused(
            _("English has %(en)s and French %(fr)s; the paragraphs would not line up, so nothing was imported.")
            % {"en": _describe(en_eids), "fr": _describe(fr_eids)}
        )


def _check_fits_stored(document: Document, parsed: ParsedText) -> None:
    """A re-import, or a language added later, must keep every stored paragraph (permalinks)."""
    stored = list(document.paragraphs.values_list("eid", flat=True))
    new = {p.eid for p in parsed.paragraphs}
    missing = [eid for eid in stored if eid not in new]
    if missing:
        raise ImportRefused(
            _(
                "%(symbol)s has %(stored)s but the %(language)s text has %(found)s "
                "(%(missing)s missing); nothing was imported."
            )
            % {
                "symbol": document.symbol,
                "stored": _describe(stored),
                "language": parsed.language,
                "found": _describe([p.eid for p in parsed.paragraphs]),
                "missing": ", ".join(missing[:5]),
            }
        )


def _write_document(symbol: str, header: Header) -> tuple[Document, bool]:
    document = Document.objects.select_for_update().filter(key=Document.key_for(symbol)).first()
    created = document is None
    document = document or Document(symbol=symbol)
    prefix = symbol.split("/")[0]
    bodies = {"A": Document.Body.GA, "S": Document.Body.SC, "E": Document.Body.ECOSOC}
    document.body = bodies.get(prefix, document.body)
    document.kind = header.kind or document.kind
    session = next((int(p) for p in symbol.split("/")[1:3] if p.isdigit()), None)
    document.session = session or document.session
    document.agenda_item = header.agenda_item or document.agenda_item
    document.distribution = header.distribution or document.distribution
    if header.date:
        document.date = datetime.date.fromisoformat(header.date)
    if header.adopted:
        document.adopted = datetime.date.fromisoformat(header.adopted)
    document.meeting = header.meeting or document.meeting
    document.draft = header.draft or document.draft
    document.report = header.report or document.report
    document.vote = header.vote or document.vote
    if header.original_language:
        document.original_language = Language.objects.filter(code=header.original_language).first()
    document.save()
    return document, created


class _Writing:
    """One document being written: its rows so far, shared by its languages (the paragraphs and
    footnotes are the same in every language), the corrections found and the texts kept."""

    def __init__(self, document: Document, created: bool):
        self.document = document
        self.rows = Rows(new_document=created)
        self.log = CorrectionLog(document)
        self.kept: list[str] = []
        # what was written, for the cross-references: (paragraph id, text), (footnote id, text),
        # (footnote id, paragraph id) of each call
        self.texts: list[tuple[int, str]] = []
        self.notes: list[tuple[int, str]] = []
        self.calls: list[tuple[int, int]] = []
        self.paragraphs = {p["eid"]: p for p in self.rows.stored(Paragraph, document=document)}
        self.footnotes = {f["number"]: f for f in self.rows.stored(Footnote, document=document)}


def _write_language(w: _Writing, parsed: ParsedText) -> None:
    """Write one language in bulk; an editor's text is kept instead of the import's (w.kept)."""
    language, rows = parsed.language, w.rows
    _write_document_text(w, parsed)
    w.log.add(language, "title", parsed.title_repairs, parsed.title)
    _write_footnotes(w, parsed)
    _write_paragraphs(w, parsed)
    footnotes = {number: row["id"] for number, row in w.footnotes.items()}
    stored = rows.stored(ParagraphText, paragraph__document=w.document, language=language)
    stored = {t["paragraph_id"]: t for t in stored}
    create, update, written = [], [], []
    for para in parsed.paragraphs:
        paragraph_id = w.paragraphs[para.eid]["id"]
        text = stored.get(paragraph_id)
        if text and text["text"] != text["imported_text"]:
            w.kept.append(f"{para.eid} [{language}]")
            continue
        calls = _calls(para, footnotes)
        if text is None:
            text = {"paragraph_id": paragraph_id, "language_id": language}
            create.append(text)
        elif (text["text"], text["lead"], text["calls"]) != (para.text, para.lead, calls):
            text["version"] += 1  # an editor's form opened before this import is stale
            update.append(text)
        text.update(text=para.text, imported_text=para.text, lead=para.lead, calls=calls)
        written.append((para, text))
    rows.insert(ParagraphText, create)
    rows.update(ParagraphText, update, ["text", "imported_text", "lead", "calls", "version"])
    w.texts += [(text["paragraph_id"], text["text"]) for _para, text in written]
    w.calls += [(footnotes[number], text["paragraph_id"]) for _para, text in written for _o, number in text["calls"]]
    for para, text in written:
        w.log.add(language, para.eid, para.repairs, para.text, paragraph_text=text)


def _write_document_text(w: _Writing, parsed: ParsedText) -> None:
    """Title and masthead: created, or updated (and a history entry) on every re-import."""
    header = parsed.header
    text = {
        "title": parsed.title,
        "agenda_title": header.agenda_title,
        "header_lines": "\n".join(header.lines),
        "enacting_formula": parsed.enacting_formula,
        "sponsor_note": parsed.sponsor_note,
        "closing_lines": "\n".join(parsed.closing_lines),
    }
    stored = w.rows.stored(DocumentText, document=w.document, language_id=parsed.language)
    if stored:
        if any(stored[0][name] != value for name, value in text.items()):
            text["version"] = stored[0]["version"] + 1
        w.rows.update(DocumentText, [stored[0] | text], list(text))
    else:
        w.rows.insert(DocumentText, [{"document_id": w.document.pk, "language_id": parsed.language, **text}])


def _calls(para, footnotes) -> list[list]:
    """As ParagraphText.set_calls stores them: by offset, calls at one place in printed order."""
    return sorted(([ref.offset, ref.number] for ref in para.refs if ref.number in footnotes), key=lambda c: c[0])


def _write_paragraphs(w: _Writing, parsed: ParsedText) -> None:
    """Existing paragraphs keep their row (and eid), new ones are added."""
    create, update = [], []
    for position, para in enumerate(parsed.paragraphs, start=1):
        row = w.paragraphs.get(para.eid)
        if row is None:
            row = w.paragraphs[para.eid] = {"document_id": w.document.pk, "eid": para.eid}
            create.append(row)
        elif (row["kind"], row["number"], row["position"]) != (para.kind, para.number, position):
            update.append(row)
        row.update(kind=para.kind, number=para.number, position=position)
    w.rows.insert(Paragraph, create)
    w.rows.update(Paragraph, update, ["kind", "number", "position"])


def _write_footnotes(w: _Writing, parsed: ParsedText) -> None:
    """New footnotes, and the footnote texts of this language."""
    language = parsed.language
    new = [
        {"document_id": w.document.pk, "number": note.number, "position": position}
        for position, note in enumerate(parsed.footnotes, start=1)
        if note.number not in w.footnotes
    ]
    w.rows.insert(Footnote, new)
    w.footnotes.update((row["number"], row) for row in new)
    stored = w.rows.stored(FootnoteText, footnote__document=w.document, language_id=language)
    stored = {t["footnote_id"]: t for t in stored}
    create, update = [], []
    for note in parsed.footnotes:
        footnote_id = w.footnotes[note.number]["id"]
        text = stored.get(footnote_id)
        if text and text["text"] != text["imported_text"]:
            w.kept.append(f"fn {note.number} [{language}]")
            continue
        if text is None:
            text = {"footnote_id": footnote_id, "language_id": language}
            create.append(text)
        elif text["text"] != note.text:
            text["version"] += 1
            update.append(text)
        text.update(text=note.text, imported_text=note.text)
        w.notes.append((footnote_id, note.text))
        w.log.add(language, f"fn {note.number}", note.repairs, note.text, footnote_text=text)
    w.rows.insert(FootnoteText, create)
    w.rows.update(FootnoteText, update, ["text", "imported_text", "version"])


def _locate_sponsors(header: Header) -> list[tuple[str, str | None]]:
    """The sponsor States (name, iso3 or None); text that ran into the list from the agenda
    item's title goes back to the title."""
    if not header.sponsors:
        return []
    ensure_states()
    known = {_name_key(name): iso3 for name, iso3 in StateName.objects.values_list("name", "state__iso3")}
    if header.agenda_title:
        return split_sponsors(header.sponsors, known)
    before, found = locate_sponsors(header.sponsors, known)
    header.agenda_title = before
    return found


# The stored State names are the same few hundred for every document: their keys (a pure function
# of the name) are worked out once per process, not once per document.
_name_key = functools.lru_cache(maxsize=4096)(name_key)


def _state_ids(iso3s: list[str]) -> list[int]:
    ids = dict(State.objects.filter(iso3__in=iso3s).values_list("iso3", "id")) if iso3s else {}
    return [ids[iso3] for iso3 in iso3s]


def ensure_states() -> None:
    """The States sponsors are matched against: loaded before the first import."""
    if not State.objects.exists():
        load_states()


def _write_sponsors(w: _Writing, states: list[int] | None) -> None:
    """Link the sponsor States in printed order, replacing those of an earlier import (kept if the
    text names no sponsors)."""
    if states is None:
        return
    if not w.rows.new_document:
        w.document.sponsorships.all().delete()
    rows = [{"document_id": w.document.pk, "state_id": state, "position": n} for n, state in enumerate(states, start=1)]
    w.rows.insert(Sponsorship, rows)
