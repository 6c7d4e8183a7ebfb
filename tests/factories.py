"""Small factories for test data built straight through the ORM."""

from reading_room.documents.models import (
    Citation,
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
            text = ParagraphText.objects.create(
                paragraph=paragraph, language_id=code, lead="Recalling", text=f"Recalling {eid} in {code},"
            )
            if position == 1:
                Citation.objects.create(footnote=footnote, paragraph_text=text, offset=len(text.text))
    Sponsorship.objects.create(document=document, state=make_state(), position=1)
    return document
