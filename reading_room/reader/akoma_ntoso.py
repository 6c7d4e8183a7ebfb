"""Akoma Ntoso 3.0 for one language version of a document, named the AKN4UN way.

One expression per language (AKN has no bilingual documents). Work IRI
/akn/un/statement/deliberation/un-ga/<date>/<number>; expression adds /eng@<date> or /fra@<date>.
Preambular paragraphs are <p eId="preamble__p_N"> (printed unnumbered), operative ones
<paragraph eId="para_N">, sub-paragraphs <subparagraph eId="para_N__subpara_a">; footnotes are
<authorialNote> where they are called; sponsors are FRBRauthor as="#sponsor" pointing at
TLCOrganization entries. Validated against the OASIS schema in schemas/ by the tests.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from django.db.models import Prefetch
from django.utils import formats, translation
from lxml import etree

from reading_room.documents.models import Document, Footnote, ParagraphText, Sponsorship
from reading_room.documents.references import find_mentions, undocs_url

from . import number_words
from .cite import paragraph_number
from .reading import sort_key

NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
SCHEMA = Path(__file__).resolve().parent / "schemas" / "akomantoso30.xsd"
# ISO 639-2 three-letter codes, as AKN expression IRIs use them.
LANGUAGE_CODES = {"en": "eng", "fr": "fra", "es": "spa", "ar": "ara", "zh": "zho", "ru": "rus"}
_BODIES = {"GA": ("un-ga", "generalAssembly"), "SC": ("un-sc", "securityCouncil"), "ECOSOC": ("un-ecosoc", "ecosoc")}
_NAMES = {
    "draft_resolution": "draftResolution",
    "resolution": "resolution",
    "draft_decision": "draftDecision",
    "decision": "decision",
}


def work_number(symbol: str) -> str:
    """A/RES/79/1 → 79-1 (the resolution number); other symbols in lower case: A/79/L.124 → a-79-l-124."""
    match = re.fullmatch(r"A/RES/(.+)", symbol)
    return re.sub(r"[^a-z0-9]+", "-", (match.group(1) if match else symbol).lower()).strip("-")


def work_iri(document: Document) -> str:
    body = _BODIES.get(document.body, ("un", "un"))[0]
    return f"/akn/un/statement/deliberation/{body}/{_date(document)}/{work_number(document.symbol)}"


def expression_iri(document: Document, language: str) -> str:
    return f"{work_iri(document)}/{LANGUAGE_CODES.get(language, language)}@{_date(document)}"


def _date(document: Document) -> str:
    return (document.date or document.created.date()).isoformat()


def eid_for(eid: str) -> str:
    """Our paragraph ids to AKN eIds: pp11 → preamble__p_11, op2.a.i → para_2__subpara_a__subpara_i."""
    head, *subs = eid.split(".")
    if head.startswith("pp"):
        return f"preamble__p_{head[2:]}"
    return "__".join([f"para_{head[2:]}", *(f"subpara_{s}" for s in subs)])


def _el(parent, tag: str, text: str | None = None, **attributes) -> etree._Element:
    element = etree.SubElement(parent, f"{{{NS}}}{tag}", {k: v for k, v in attributes.items() if v is not None})
    if text is not None:
        element.text = text
    return element


def _append_text(parent, text: str) -> None:
    """Text after the last child goes into its tail (lxml's model of mixed content)."""
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _inline(parent, text: str, language: str, lead: str = "", notes: list[tuple[int, etree._Element]] = ()) -> None:
    """Fill `parent` with text: the italic lead as <i>, mentions as <ref>, footnotes where called."""
    lead_end = len(lead) if lead and text.startswith(lead) else 0
    mentions = find_mentions(text)
    bounds = (x for m in mentions for x in (m.start, m.end))
    cuts = sorted({0, lead_end, len(text), *bounds, *(min(o, len(text)) for o, _n in notes)})
    for start, end in itertools.pairwise(cuts):
        parent.extend(note for offset, note in notes if min(offset, len(text)) == start)
        mention = next((m for m in mentions if m.start <= start and end <= m.end), None)
        target = _el(parent, "ref", href=undocs_url(mention.key, language)) if mention else parent
        if end <= lead_end:
            _el(target, "i", text[start:end])
        else:
            _append_text(target, text[start:end])
    parent.extend(note for offset, note in notes if offset >= len(text))


def build(document: Document, language: str) -> etree._ElementTree:
    """The AKN document for `language` (which must be a published language of `document`)."""
    text = document.texts.get(language_id=language, published=True)
    lang3 = LANGUAGE_CODES.get(language, language)
    root = etree.Element(f"{{{NS}}}akomaNtoso", nsmap={None: NS})
    statement = _el(root, "statement", name=_NAMES.get(document.kind, "resolution"))
    sponsors = _sponsors(document, language)
    _meta(statement, document, language, lang3, sponsors)
    _preface(statement, document, text, language, sponsors)
    paragraphs = list(
        document.paragraphs.prefetch_related(
            Prefetch("texts", queryset=ParagraphText.objects.filter(language_id=language))
        )
    )
    footnotes = {
        f.number: t.text
        for f in Footnote.objects.filter(document=document).prefetch_related("texts")
        for t in f.texts.all()
        if t.language_id == language
    }
    preamble = _el(statement, "preamble")
    if text.enacting_formula:
        formula = _el(preamble, "formula", name="enactingFormula")
        _el(formula, "p", text.enacting_formula)
    body = _el(statement, "mainBody")
    containers: dict[str, etree._Element] = {}
    for paragraph in paragraphs:
        ptext = next(iter(paragraph.texts.all()), None)
        if ptext is None:
            continue
        eid = eid_for(paragraph.eid)
        notes = [
            (offset, _note(number, footnotes.get(number, ""), eid, language)) for offset, number in ptext.get_calls()
        ]
        if paragraph.kind == "preambular":
            _inline(_el(preamble, "p", eId=eid), ptext.text, language, ptext.lead, notes)
            continue
        parent_eid = paragraph.eid.rsplit(".", 1)[0] if "." in paragraph.eid else None
        parent = containers.get(parent_eid, body) if parent_eid else body
        if parent is not body:
            _demote_content(parent)
        tag = "subparagraph" if parent_eid else "paragraph"
        element = _el(parent, tag, eId=eid)
        number = paragraph_number(paragraph.eid, language).split(" ")[-1]
        _el(element, "num", f"{number}." if tag == "paragraph" else number)  # "(a)" / "a)"
        _inline(_el(_el(element, "content"), "p"), ptext.text, language, ptext.lead, notes)
        containers[paragraph.eid] = element
    if text.closing_lines.strip():
        conclusions = _el(statement, "conclusions")
        for line in text.closing_lines.splitlines():
            if line.strip():
                _el(conclusions, "p", line.strip())
    return etree.ElementTree(root)


def _demote_content(element) -> None:
    """A paragraph that gains sub-paragraphs keeps its own words as <intro>, not <content>."""
    content = element.find(f"{{{NS}}}content")
    if content is not None:
        content.tag = f"{{{NS}}}intro"


def _note(number: str, text: str, eid: str, language: str) -> etree._Element:
    note = etree.Element(
        f"{{{NS}}}authorialNote", marker=number, placement="bottom", eId=f"{eid}__authorialNote_{number}"
    )
    _inline(_el(note, "p"), text, language)
    return note


def _sponsors(document: Document, language: str) -> list[tuple[str, str]]:
    """(iso3, name) in the language's alphabetical order, as the printed list."""
    rows = Sponsorship.objects.filter(document=document).select_related("state").prefetch_related("state__names")
    sponsors = []
    for s in rows:
        names = {n.language_id: n.name for n in s.state.names.all()}
        sponsors.append((s.state.iso3, names.get(language) or names.get("en") or s.state.iso3))
    return sorted(sponsors, key=lambda item: sort_key(item[1]))


def _meta(statement, document: Document, language: str, lang3: str, sponsors) -> None:
    meta = _el(statement, "meta")
    identification = _el(meta, "identification", source="#readingRoom")
    work, expression = work_iri(document), expression_iri(document, language)
    date = _date(document)
    body_id = _BODIES.get(document.body, ("un", "un"))[1]
    frbr = _el(identification, "FRBRWork")
    _el(frbr, "FRBRthis", value=f"{work}/!main")
    _el(frbr, "FRBRuri", value=work)
    _el(frbr, "FRBRalias", value=document.symbol, name="UNSymbol")
    _el(frbr, "FRBRdate", date=date, name="issued")
    _el(frbr, "FRBRauthor", href=f"#{body_id}", **{"as": "#author"})
    for iso3, _name in sponsors:
        _el(frbr, "FRBRauthor", href=f"#{iso3.lower()}", **{"as": "#sponsor"})
    _el(frbr, "FRBRcountry", value="un")
    _el(frbr, "FRBRsubtype", value=_NAMES.get(document.kind, "resolution"))
    _el(frbr, "FRBRnumber", value=work_number(document.symbol))
    frbr = _el(identification, "FRBRExpression")
    _el(frbr, "FRBRthis", value=f"{expression}/!main")
    _el(frbr, "FRBRuri", value=expression)
    _el(frbr, "FRBRdate", date=date, name="issued")
    _el(frbr, "FRBRauthor", href=f"#{body_id}", **{"as": "#author"})
    _el(frbr, "FRBRlanguage", language=lang3)
    frbr = _el(identification, "FRBRManifestation")
    _el(frbr, "FRBRthis", value=f"{expression}/!main.xml")
    _el(frbr, "FRBRuri", value=f"{expression}.akn")
    _el(frbr, "FRBRdate", date=document.updated.date().isoformat(), name="generation")
    _el(frbr, "FRBRauthor", href="#readingRoom")
    references = _el(meta, "references", source="#readingRoom")
    _el(
        references,
        "TLCOrganization",
        eId=body_id,
        href=f"/akn/ontology/organizations/un/{body_id}",
        showAs=document.get_body_display(),
    )
    _el(
        references,
        "TLCOrganization",
        eId="readingRoom",
        href="/akn/ontology/organizations/readingRoom",
        showAs="Reading Room",
    )
    for iso3, name in sponsors:
        _el(
            references,
            "TLCOrganization",
            eId=iso3.lower(),
            href=f"/akn/ontology/organizations/un/memberStates/{iso3.lower()}",
            showAs=name,
        )
    _el(references, "TLCRole", eId="author", href="/akn/ontology/roles/author", showAs="Author")
    _el(references, "TLCRole", eId="sponsor", href="/akn/ontology/roles/un/sponsor", showAs="Sponsor")


def _preface(statement, document: Document, text, language: str, sponsors) -> None:
    preface = _el(statement, "preface")
    body_id = _BODIES.get(document.body, ("un", "un"))[1]
    with translation.override(language):
        _el(
            _el(preface, "p", **{"class": "organ"}),
            "docAuthority",
            str(document.get_body_display()),
            refersTo=f"#{body_id}",
        )
        _el(_el(preface, "p", **{"class": "symbol"}), "docNumber", document.symbol)
        if document.date:
            _el(
                _el(preface, "p", **{"class": "date"}),
                "docDate",
                formats.date_format(document.date, "j F Y"),
                date=document.date.isoformat(),
            )
        if document.session:
            ordinal = number_words.ordinal(document.session, language)
            words = f"{ordinal} session".capitalize()
            _el(_el(preface, "p", **{"class": "session"}), "session", words, value=str(document.session))
    if text.agenda_title:
        _el(preface, "p", text.agenda_title, **{"class": "agendaTitle"})
    if sponsors:
        line = _el(preface, "p", **{"class": "sponsors"})
        for i, (iso3, name) in enumerate(sponsors):
            if i:
                _append_text(
                    line,
                    " et "
                    if language == "fr" and i == len(sponsors) - 1
                    else (" and " if i == len(sponsors) - 1 else ", "),
                )
            _el(line, "docProponent", name, refersTo=f"#{iso3.lower()}", **{"as": "#sponsor"})
    with translation.override(language):
        kind = str(document.get_kind_display())
    _el(_el(preface, "p", **{"class": "docType"}), "docType", kind[:1].upper() + kind[1:])
    _el(_el(preface, "p", **{"class": "title"}), "docTitle", text.title)


def to_bytes(tree: etree._ElementTree) -> bytes:
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def schema() -> etree.XMLSchema:
    """The OASIS Akoma Ntoso 3.0 schema (it imports xml.xsd from the same folder)."""
    return etree.XMLSchema(etree.parse(str(SCHEMA)))
