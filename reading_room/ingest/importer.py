"""Write parsed texts to the models: the one place where parser output becomes rows.

The management command and the admin upload both call `import_texts`.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from reading_room.documents.crossrefs import record_references
from reading_room.documents.models import (
    Citation,
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
from reading_room.parsing.document import ParseError, parse
from reading_room.parsing.sponsors import locate_sponsors, name_key, split_sponsors
from reading_room.parsing.types import Header, ParsedText

from .models import ImportReport
from .records import CorrectionLog, record_import


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


def import_texts(en: str | None = None, fr: str | None = None, symbol: str = "") -> ImportResult:
    """Parse and store one document from its English and/or French text, in one transaction.

    Re-importing a symbol updates the document in place: paragraphs keep their eids, a
    language not given this time is left as it is, and a text an editor has changed is
    kept (the report lists it) — see docs/importing.md.
    """
    if not en and not fr:
        raise ImportRefused(_("Give at least one text (English or French)."))
    given_symbol = symbol
    parsed_en = _parse(en, "en", None, symbol) if en else None
    reference_symbol = symbol or (parsed_en.header.symbol if parsed_en else "")
    parsed_fr = _parse(fr, "fr", parsed_en, reference_symbol) if fr else None
    header = (parsed_en or parsed_fr).header
    if parsed_fr and parsed_fr.header.symbol and not header.symbol:
        header = parsed_fr.header
    symbol = symbol or header.symbol
    if not symbol:
        raise ImportRefused(_("The text has no header with a document symbol; give the symbol (--symbol)."))
    if given_symbol and header.symbol and Document.key_for(header.symbol) != Document.key_for(given_symbol):
        raise ImportRefused(_("The text is %(found)s, not %(given)s.") % {"found": header.symbol, "given": symbol})
    parsed = [p for p in (parsed_en, parsed_fr) if p]
    if parsed_en and parsed_fr:
        _check_same_structure(parsed_en, parsed_fr)
    sponsors = _locate_sponsors(header)
    with transaction.atomic(), quiet():
        document, created = _write_document(symbol, header)
        _check_fits_stored(document, parsed[0])
        log = CorrectionLog(document)
        kept: list[str] = []
        for p in parsed:
            kept += _write_language(document, p, log)
        log.save()
        unresolved = _write_sponsors(document, sponsors)
        report = record_import(document, created, parsed, kept=kept, unresolved_sponsors=unresolved)
        document.save(update_fields=["updated"])  # one touch for the reader's cache
        record_references(document)  # "cited by" lists and cross-reference links (documents.crossrefs)
    warnings = [f"[{p.language}] {w}" for p in parsed for w in p.warnings]
    warnings += [_("Sponsor not recognised: %(name)s") % {"name": name} for name in unresolved]
    warnings += [_("Kept an editor’s text: %(where)s") % {"where": where} for where in kept]
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
    if header.original_language:
        document.original_language = Language.objects.filter(code=header.original_language).first()
    document.save()
    return document, created


def _write_language(document: Document, parsed: ParsedText, log: CorrectionLog) -> list[str]:
    """Write one language in bulk; returns where an editor's text was kept instead of the import's."""
    language = Language.objects.get(code=parsed.language)
    header = parsed.header
    DocumentText.objects.update_or_create(
        document=document,
        language=language,
        defaults={
            "title": parsed.title,
            "agenda_title": header.agenda_title,
            "header_lines": "\n".join(header.lines),
            "enacting_formula": parsed.enacting_formula,
            "sponsor_note": parsed.sponsor_note,
            "closing_lines": "\n".join(parsed.closing_lines),
        },
    )
    log.add(language, "title", parsed.title_repairs, parsed.title)
    kept: list[str] = []
    footnotes = _write_footnotes(document, parsed, language, log, kept)
    paragraphs = _write_paragraphs(document, parsed)
    stored = {t.paragraph_id: t for t in ParagraphText.objects.filter(paragraph__document=document, language=language)}
    create, update, written = [], [], []
    for para in parsed.paragraphs:
        row = paragraphs[para.eid]
        text = stored.get(row.pk)
        if text and text.text != text.imported_text:
            kept.append(f"{para.eid} [{language.code}]")
            continue
        if text is None:
            text = ParagraphText(paragraph=row, language=language)
            create.append(text)
        elif (text.text, text.lead, text.calls) != (para.text, para.lead, _calls(para, footnotes)):
            update.append(text)
        text.text = text.imported_text = para.text
        text.lead = para.lead
        text.calls = _calls(para, footnotes)
        written.append((para, text))
    bulk_create_with_history(create, ParagraphText)
    bulk_update_with_history(update, ParagraphText, ["text", "imported_text", "lead", "calls"])
    Citation.objects.filter(paragraph_text__in=[t for _p, t in written]).delete()
    Citation.objects.bulk_create(
        [
            Citation(footnote=footnotes[ref.number], paragraph_text=text, offset=ref.offset)
            for para, text in written
            for ref in para.refs
            if ref.number in footnotes
        ]
    )
    for para, text in written:
        log.add(language, para.eid, para.repairs, para.text, paragraph_text=text)
    return kept


def _calls(para, footnotes) -> list[list]:
    return [[ref.offset, ref.number] for ref in para.refs if ref.number in footnotes]


def _write_paragraphs(document: Document, parsed: ParsedText) -> dict[str, Paragraph]:
    """Paragraph rows by eid: existing ones keep their row (and eid), new ones are added."""
    paragraphs = {p.eid: p for p in document.paragraphs.all()}
    create, update = [], []
    for position, para in enumerate(parsed.paragraphs, start=1):
        row = paragraphs.get(para.eid)
        if row is None:
            row = paragraphs[para.eid] = Paragraph(document=document, eid=para.eid)
            create.append(row)
        elif (row.kind, row.number, row.position) != (para.kind, para.number, position):
            update.append(row)
        row.kind, row.number, row.position = para.kind, para.number, position
    bulk_create_with_history(create, Paragraph)
    bulk_update_with_history(update, Paragraph, ["kind", "number", "position"])
    return paragraphs


def _write_footnotes(
    document: Document, parsed: ParsedText, language: Language, log: CorrectionLog, kept: list[str]
) -> dict[str, Footnote]:
    footnotes = {f.number: f for f in document.footnotes.all()}
    new = [
        Footnote(document=document, number=note.number, position=position)
        for position, note in enumerate(parsed.footnotes, start=1)
        if note.number not in footnotes
    ]
    for footnote in bulk_create_with_history(new, Footnote):
        footnotes[footnote.number] = footnote
    stored = {t.footnote_id: t for t in FootnoteText.objects.filter(footnote__document=document, language=language)}
    create, update = [], []
    for note in parsed.footnotes:
        footnote = footnotes[note.number]
        text = stored.get(footnote.pk)
        if text and text.text != text.imported_text:
            kept.append(f"fn {note.number} [{language.code}]")
            continue
        if text is None:
            text = FootnoteText(footnote=footnote, language=language)
            create.append(text)
        elif text.text != note.text:
            update.append(text)
        text.text = text.imported_text = note.text
        log.add(language, f"fn {note.number}", note.repairs, note.text, footnote_text=text)
    bulk_create_with_history(create, FootnoteText)
    bulk_update_with_history(update, FootnoteText, ["text", "imported_text"])
    return footnotes


def _locate_sponsors(header: Header) -> list[tuple[str, str | None]]:
    """The sponsor States (name, iso3 or None); text that ran into the list from the agenda
    item's title goes back to the title."""
    if not header.sponsors:
        return []
    if not State.objects.exists():
        load_states()
    known = {name_key(name): iso3 for name, iso3 in StateName.objects.values_list("name", "state__iso3")}
    if header.agenda_title:
        return split_sponsors(header.sponsors, known)
    before, found = locate_sponsors(header.sponsors, known)
    header.agenda_title = before
    return found


def _write_sponsors(document: Document, found: list[tuple[str, str | None]]) -> list[str]:
    """Link the sponsor States in printed order; returns the names no State matched."""
    if not found:
        return []
    states = State.objects.in_bulk([iso3 for _name, iso3 in found if iso3], field_name="iso3")
    document.sponsorships.all().delete()
    rows = [Sponsorship(document=document, state=states[iso3]) for _name, iso3 in found if iso3]
    for position, row in enumerate(rows, start=1):
        row.position = position
    bulk_create_with_history(rows, Sponsorship)
    return [name for name, iso3 in found if iso3 is None]
