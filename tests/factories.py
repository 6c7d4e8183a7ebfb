"""Small factories for test data built straight through the ORM."""

from reading_room.documents.models import (
    Document,
    DocumentText,
    Footnote,
    FootnoteText,
    Paragraph,
    ParagraphText,
    Sponsorship,
    State,
    StateName,
)


def make_state(iso3="KGZ", en="Kyrgyzstan", fr="Kirghizistan") -> State:
    state, _ = State.objects.get_or_create(iso3=iso3)
    StateName.objects.get_or_create(state=state, language_id="en", defaults={"name": en})
    StateName.objects.get_or_create(state=state, language_id="fr", defaults={"name": fr})
    return state


def make_document(symbol="A/80/L.1", preambular=3, operative=2, languages=("en", "fr"), **kwargs) -> Document:
    """A document with numbered paragraphs, one footnote cited from its first paragraph, one sponsor."""
    document = Document.objects.create(symbol=symbol, **kwargs)
    for code in languages:
        DocumentText.objects.create(
            document=document,
            language_id=code,
            title=f"Title {code}",
            enacting_formula="The General Assembly," if code == "en" else "L’Assemblée générale,",
        )
    footnote = Footnote.objects.create(document=document, number="1", position=1)
    for code in languages:
        FootnoteText.objects.create(footnote=footnote, language_id=code, text=f"Resolution 70/1 ({code}).")
    eids = [(f"pp{i}", "preambular", "") for i in range(1, preambular + 1)]
    eids += [(f"op{i}", "operative", str(i)) for i in range(1, operative + 1)]
    for position, (eid, kind, number) in enumerate(eids, start=1):
        paragraph = Paragraph.objects.create(document=document, eid=eid, kind=kind, number=number, position=position)
        for code in languages:
            text = f"Recalling {eid} in {code},"
            calls = [[len(text), footnote.number]] if position == 1 else []
            ParagraphText.objects.create(
                paragraph=paragraph, language_id=code, lead="Recalling", text=text, calls=calls
            )
    Sponsorship.objects.create(document=document, state=make_state(), position=1)
    return document


def make_texts_document(symbol, paragraphs, footnotes=(), sponsors=(), titles=None, **kwargs) -> Document:
    """A document with the given texts: paragraphs as (eid, kind, {language: (lead, text)}), footnotes
    as (number, {language: text}), sponsors as ISO3 codes (States made with make_state)."""
    document = Document.objects.create(symbol=symbol, **kwargs)
    languages = {code for _, _, versions in paragraphs for code in versions}
    titles = titles or {code: f"{symbol} title {code}" for code in languages}
    for code, title in titles.items():
        DocumentText.objects.create(document=document, language_id=code, title=title)
    for position, (eid, kind, versions) in enumerate(paragraphs, start=1):
        number = eid.removeprefix("op").removeprefix("pp") if kind == "operative" else ""
        paragraph = Paragraph.objects.create(document=document, eid=eid, kind=kind, number=number, position=position)
        for code, (lead, text) in versions.items():
            ParagraphText.objects.create(paragraph=paragraph, language_id=code, lead=lead, text=text)
    for position, (number, versions) in enumerate(footnotes, start=1):
        footnote = Footnote.objects.create(document=document, number=number, position=position)
        for code, text in versions.items():
            FootnoteText.objects.create(footnote=footnote, language_id=code, text=text)
    for position, iso3 in enumerate(sponsors, start=1):
        state = make_state() if iso3 == "KGZ" else make_state(iso3, en=f"State {iso3}", fr=f"État {iso3}")
        Sponsorship.objects.create(document=document, state=state, position=position)
    return document
