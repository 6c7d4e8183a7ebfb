"""A search that is a document's symbol or resolution number goes to the document: "A/79/L.124",
"a/res/80/7", "80/7", "resolution 59/48", "A/79/L.124 op3", "A/79/L.124, para. 3"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.urls import reverse

from reading_room.documents.addresses import paragraph_candidates
from reading_room.documents.models import Document
from reading_room.documents.references import SYMBOL, undocs_url

_NUMBER = re.compile(
    r"^(?:(?:resolutions?|résolutions?|res\.?)\s*)?(?P<number>(?:(?:ES|S)-)?\d{1,3}/\d{1,4})(?![\d/])(?P<rest>.*)$",
    re.IGNORECASE,
)


@dataclass
class Target:
    symbol: str
    url: str = ""  # here, if the document is held (and published)
    eid: str = ""
    elsewhere: str = ""  # undocs.org, if it is not

    @property
    def held(self) -> bool:
        return bool(self.url)


def find(q: str) -> Target | None:
    """The document (and paragraph) a query names, or None if it is not a symbol search."""
    text = " ".join((q or "").split())[:120]
    if m := _NUMBER.match(text):
        symbol, rest = f"A/RES/{m['number'].upper()}", m["rest"]
    elif m := SYMBOL.match(text.upper()):
        if not re.search(r"\d", m.group(0)):
            return None
        symbol, rest = m.group(0).rstrip(".-"), text[len(m.group(0).rstrip(".-")) :]
    else:
        return None
    rest = rest.strip(" ,;:")
    candidates = paragraph_candidates(rest) if rest else []
    if rest and not any(c.startswith(("op", "pp")) for c in candidates):
        return None  # a symbol and words: a search for texts that mention it
    document = Document.objects.published().filter(key__iexact=Document.key_for(symbol)).first()
    if document is None:
        return Target(symbol, elsewhere=undocs_url(symbol))
    target = Target(document.symbol, document.get_absolute_url())
    if candidates:
        eids = set(document.paragraphs.filter(eid__in=candidates).values_list("eid", flat=True))
        eid = next((c for c in candidates if c in eids), "")
        if eid:
            target.eid = eid
            target.url = reverse("paragraph", kwargs={"symbol": document.key, "eid": eid})
    return target
