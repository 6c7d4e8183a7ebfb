"""Write parsed texts to the models: the one place where parser output becomes rows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from reading_room.parsing.document import ParseError, parse
from reading_room.parsing.sponsors import name_key, split_sponsors
from reading_room.parsing.types import ParsedText

from .models import (
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
from .states import load_states


class ImportRefused(ValueError):
    """Bad input: the message says what is wrong; nothing was written."""


@dataclass
class ImportResult:
    document: Document
    created: bool
    languages: list[str]
    warnings: list[str] = field(default_factory=list)

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
    if path.stat().st_size > settings.IMPORT_MAX_BYTES:
        return read_text(b"x" * (settings.IMPORT_MAX_BYTES + 1), path.name)
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

    Re-importing a symbol updates the document in place: paragraphs keep their eids, and
    a language not given this time is left as it is.
    """
    if not en and not fr:
        raise ImportRefused(_("Give at least one text (English or French)."))
    existing_symbol = symbol
    parsed_en = _parse(en, "en", None, symbol) if en else None
    parsed_fr = _parse(fr, "fr", parsed_en, symbol or (parsed_en.header.symbol if parsed_en else "")) if fr else None
    header = (parsed_en or parsed_fr).header
    if parsed_fr and parsed_fr.header.symbol and not header.symbol:
        header = parsed_fr.header
    symbol = symbol or header.symbol
    if not symbol:
        raise ImportRefused(_("The text has no header with a document symbol; give the symbol (--symbol)."))
    if existing_symbol and header.symbol and Document.key_for(header.symbol) != Document.key_for(existing_symbol):
        raise ImportRefused(_("The text is %(found)s, not %(given)s.") % {"found": header.symbol, "given": symbol})
    parsed = [p for p in (parsed_en, parsed_fr) if p]
    warnings = [f"[{p.language}] {w}" for p in parsed for w in p.warnings]
    if parsed_en and parsed_fr:
        warnings += _compare(parsed_en, parsed_fr)
    with transaction.atomic():
        document, created = _write_document(symbol, header, parsed)
        if not parsed_en or not parsed_fr:
            _align_single_language(document, parsed[0])
        for p in parsed:
            _write_language(document, p)
        warnings += _write_sponsors(document, header)
    return ImportResult(document, created, [p.language for p in parsed], warnings)


def _compare(en: ParsedText, fr: ParsedText) -> list[str]:
    problems = []
    if [p.eid for p in en.paragraphs] != [p.eid for p in fr.paragraphs]:
        problems.append(
            _("English has %(en)d paragraphs and French %(fr)d; they are matched by position.")
            % {"en": len(en.paragraphs), "fr": len(fr.paragraphs)}
        )
    if len(en.footnotes) != len(fr.footnotes):
        problems.append(
            _("English has %(en)d footnotes and French %(fr)d.") % {"en": len(en.footnotes), "fr": len(fr.footnotes)}
        )
    return problems


def _align_single_language(document: Document, parsed: ParsedText) -> None:
    """A language added later must fit the paragraphs already stored."""
    stored = list(document.paragraphs.values_list("eid", flat=True))
    if stored and stored != [p.eid for p in parsed.paragraphs]:
        raise ImportRefused(
            _("The %(language)s text has %(found)d paragraphs but %(symbol)s has %(stored)d; nothing was imported.")
            % {
                "language": parsed.language,
                "found": len(parsed.paragraphs),
                "symbol": document.symbol,
                "stored": len(stored),
            }
        )


def _languages() -> dict[str, Language]:
    return {lang.code: lang for lang in Language.objects.all()}


def _write_document(symbol: str, header, parsed: list[ParsedText]) -> tuple[Document, bool]:
    document = Document.objects.select_for_update().filter(key=Document.key_for(symbol)).first()
    created = document is None
    document = document or Document(symbol=symbol)
    prefix = symbol.split("/")[0]
    document.body = {"A": Document.Body.GA, "S": Document.Body.SC, "E": Document.Body.ECOSOC}.get(prefix, document.body)
    if header.kind:
        document.kind = header.kind
    parts = symbol.split("/")
    session = next((int(p) for p in parts[1:3] if p.isdigit()), None)
    document.session = session or document.session
    document.agenda_item = header.agenda_item or document.agenda_item
    document.distribution = header.distribution or document.distribution
    if header.date:
        document.date = datetime.date.fromisoformat(header.date)
    if header.original_language:
        document.original_language = Language.objects.filter(code=header.original_language).first()
    document.save()
    return document, created


def _write_language(document: Document, parsed: ParsedText) -> None:
    language = _languages()[parsed.language]
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
    paragraphs = {p.eid: p for p in document.paragraphs.all()}
    keep = set()
    for position, para in enumerate(parsed.paragraphs, start=1):
        row = paragraphs.get(para.eid) or Paragraph(document=document, eid=para.eid)
        row.kind, row.number, row.position = para.kind, para.number, position
        row.save()
        keep.add(row.pk)
        text, _created = ParagraphText.objects.update_or_create(
            paragraph=row, language=language, defaults={"text": para.text, "lead": para.lead}
        )
        text.citations.all().delete()
        for ref in para.refs:
            footnote, _fn_created = Footnote.objects.get_or_create(
                document=document, number=ref.number, defaults={"position": _footnote_position(ref.number)}
            )
            Citation.objects.get_or_create(footnote=footnote, paragraph_text=text, defaults={"offset": ref.offset})
    document.paragraphs.exclude(pk__in=keep).delete()
    for position, note in enumerate(parsed.footnotes, start=1):
        footnote, _ = Footnote.objects.update_or_create(
            document=document, number=note.number, defaults={"position": position}
        )
        FootnoteText.objects.update_or_create(footnote=footnote, language=language, defaults={"text": note.text})


def _footnote_position(number: str) -> int:
    return int(number) if number.isdigit() else 0


def _write_sponsors(document: Document, header) -> list[str]:
    if not header.sponsors:
        return []
    if not State.objects.exists():
        load_states()
    known = {name_key(n.name): n.state.iso3 for n in StateName.objects.select_related("state")}
    states = {s.iso3: s for s in State.objects.all()}
    warnings = []
    document.sponsorships.all().delete()
    position = 0
    for name, iso3 in split_sponsors(header.sponsors, known):
        if iso3 is None:
            warnings.append(_("Sponsor not recognised: %(name)s") % {"name": name})
            continue
        position += 1
        Sponsorship.objects.get_or_create(document=document, state=states[iso3], defaults={"position": position})
    return warnings
