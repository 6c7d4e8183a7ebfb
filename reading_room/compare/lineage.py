"""Where a document comes from: the draft it was adopted from, the version a revision revises, the
earlier resolution on the same item.

`derive` finds the links in what the documents say of themselves: the draft symbol or committee
report printed under an adopted resolution's title (Document.draft, Document.report), a /Rev.N
symbol, the same title and agenda item in an earlier session, an earlier resolution the preamble
recalls under the same title. `record` stores them as suggestions. An editor confirms, corrects or
rejects them in the admin; confirmed and rejected links are never touched again, and a question an
editor has answered (where it was adopted from, what it revises, what came before) is not
suggested anew. `timeline` reads the links back for the reader: earlier resolution → draft →
revision → adopted resolution.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from reading_room.documents.models import Document, DocumentText, ParagraphText
from reading_room.documents.references import find_mentions, undocs_url

from .models import Lineage

Relation, Status = Lineage.Relation, Lineage.Status
# Relations that answer the same question: an editor's answer to one stops suggestions for the other.
QUESTION = {
    Relation.DRAFT: "source",
    Relation.REPORT: "source",
    Relation.REVISION: "revision",
    Relation.PREVIOUS: "previous",
}
REVISION = re.compile(r"^(?P<base>.+)/Rev\.(?P<n>\d+)$", re.IGNORECASE)
_SESSION = re.compile(r"^A/(?:RES/)?(?P<session>\d{1,3})/")
# "… on this issue, the most recent of which is resolution 79/19"; « … dont la plus récente est la résolution 79/19 »
MOST_RECENT = re.compile(
    r"(?:the\s+)?(?:most\s+recent|latest)\s+(?:of\s+which|being)|(?:la\s+)?(?:plus\s+récente|dernière)\s+(?:étant|est)",
    re.IGNORECASE,
)
ROUNDS = 3  # how far the timeline looks from a document: three links each way
DEPENDANTS = 20  # documents re-derived when one they may point at changes


@dataclass(frozen=True)
class Found:
    relation: str
    earlier: str  # a key: the symbol without spaces
    reason: str


# Deriving


def derive(document: Document) -> list[Found]:
    """The links that the documents held here suggest for `document`."""
    texts = DocumentText.objects.filter(document=document).values_list("language_id", "title", "agenda_title")
    titles = {code: title for code, title, _agenda in texts}
    agenda = {document.agenda_item} | {_norm(agenda) for _code, _title, agenda in texts}
    return [*_revision(document), *_source(document, titles), *_previous(document, titles, agenda - {""})]


def _revision(document: Document) -> list[Found]:
    """A/80/L.11/Rev.2 revises Rev.1, or the first version if Rev.1 is not held but it is."""
    m = REVISION.match(document.key)
    if not m:
        return []
    base, number = m["base"], int(m["n"])
    candidates = [f"{base}/Rev.{n}" for n in range(number - 1, 0, -1)] + [base]
    held = set(Document.objects.filter(key__in=candidates).values_list("key", flat=True))
    earlier = next((c for c in candidates if c in held), candidates[0])
    return [Found(Relation.REVISION, earlier, f"its symbol: a revision of {earlier}")]


def _source(document: Document, titles: dict[str, str]) -> list[Found]:
    """What an adopted resolution was adopted from: the draft it names; else, when it names a
    committee report, a draft of the same session with the same title, or the report itself."""
    if document.draft:
        return [Found(Relation.DRAFT, Document.key_for(document.draft), "the draft symbol printed under its title")]
    if not document.report:
        return []
    report = Document.key_for(document.report)
    drafts = _same_title(titles).filter(
        document__session=document.session, document__kind=Document.Kind.DRAFT_RESOLUTION
    )
    keys = sorted(
        {key for key, *_rest in drafts.exclude(document=document).values_list("document__key")}, key=_revision_number
    )
    if keys:  # the last revision is the one adopted
        return [Found(Relation.DRAFT, keys[-1], f"same title and session; adopted on the report {report}")]
    return [Found(Relation.REPORT, report, "the committee report printed under its title")]


def _previous(document: Document, titles: dict[str, str], agenda: set[str]) -> list[Found]:
    """The latest earlier-session document on the same item: the same title and agenda item, or a
    resolution the preamble recalls under the same title (held here or not)."""
    if not document.session or not titles:
        return []
    candidates: list[tuple[tuple, str, str]] = []  # (rank, key, reason)
    rows = _same_title(titles).filter(document__session__lt=document.session)
    for key, kind, session, item, agenda_title in rows.values_list(
        "document__key", "document__kind", "document__session", "document__agenda_item", "agenda_title"
    ).distinct():
        theirs = {item, _norm(agenda_title)} - {""}
        if agenda and theirs and not agenda & theirs:
            continue  # the same title on another item
        reason = f"same title and agenda item, session {session}"
        candidates.append(((session, False, kind == Document.Kind.RESOLUTION, True), key, reason))
    candidates += _recalled(document, titles)
    if not candidates:
        return []
    _rank, key, reason = max(candidates)
    return [Found(Relation.PREVIOUS, key, reason)]


def _recalled(document: Document, titles: dict[str, str]) -> list[tuple[tuple, str, str]]:
    """Earlier resolutions the preamble recalls: the one it calls the most recent ("… on this issue,
    the most recent of which is resolution 79/19"); those held here with the same title; those not
    held that a recital names under this title ("resolutions … 77/338 … on cooperation between …")."""
    recitals = ParagraphText.objects.filter(
        paragraph__document=document, paragraph__kind="preambular", language__in=list(titles)
    ).values_list("paragraph__eid", "language_id", "text")
    mentioned: dict[str, tuple[str, bool, bool]] = {}  # key → (eid, called the most recent, title after it)
    for eid, code, text in recitals:
        title = _norm(titles[code])
        recent = [m.end() for m in MOST_RECENT.finditer(text)]
        for m in find_mentions(text):
            session = _session(m.key)
            if not (m.key.startswith("A/RES/") and session and session < document.session):
                continue
            latest = any(0 <= m.start - end <= 40 for end in recent)
            titled = title in _norm(text[m.end :])
            found_eid, was_latest, was_titled = mentioned.get(m.key, (eid, False, False))
            mentioned[m.key] = (found_eid, was_latest or latest, was_titled or titled)
    if not mentioned:
        return []
    held: dict[str, set[str]] = {}
    for key, title in DocumentText.objects.filter(document__key__in=mentioned).values_list("document__key", "title"):
        held.setdefault(key, set()).add(_norm(title))
    mine = {_norm(t) for t in titles.values()}
    out = []
    for key, (eid, latest, titled) in mentioned.items():
        rank = (_session(key), latest, True, key in held)
        if latest:
            out.append((rank, key, f"recalled in the preamble ({eid}) as the most recent on the item"))
        elif (key in held and held[key] & mine) or (key not in held and titled):
            out.append((rank, key, f"recalled in the preamble ({eid}) under the same title"))
    return out


def _same_title(titles: dict[str, str]):
    query = Q()
    for code, title in titles.items():
        query |= Q(language_id=code, title__iexact=title)
    return DocumentText.objects.filter(query) if query else DocumentText.objects.none()


def _norm(text: str) -> str:
    """Titles compared as a reader would: case, quotes, apostrophes and spacing aside."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = re.sub(r"[’‘`´]", "'", text)
    text = re.sub(r"[“”«»„]", '"', text)
    return " ".join(text.split()).strip(" .")


def _session(key: str) -> int | None:
    m = _SESSION.match(key)
    return int(m["session"]) if m else None


def _revision_number(key: str) -> tuple[int, str]:
    m = REVISION.match(key)
    return (int(m["n"]) if m else 0, key)


# Recording


@transaction.atomic
def record(document: Document) -> bool:
    """Store what `derive` finds as suggestions, replacing the old ones; whether anything changed."""
    rows = list(Lineage.objects.filter(document=document))
    answered = {QUESTION[r.relation] for r in rows if r.status == Status.CONFIRMED}
    decided = {(r.relation, r.earlier) for r in rows if r.status != Status.SUGGESTED}
    wanted = {
        (f.relation, f.earlier): f
        for f in derive(document)
        if QUESTION[f.relation] not in answered and (f.relation, f.earlier) not in decided and f.earlier != document.key
    }
    suggested = {(r.relation, r.earlier): r for r in rows if r.status == Status.SUGGESTED}
    stale = [r.pk for link, r in suggested.items() if link not in wanted or r.reason != wanted[link].reason]
    new = [
        Lineage(document=document, relation=f.relation, earlier=f.earlier, reason=f.reason)
        for link, f in wanted.items()
        if link not in suggested or suggested[link].pk in stale
    ]
    if stale:
        Lineage.objects.filter(pk__in=stale).delete()
    Lineage.objects.bulk_create(new)
    return bool(stale or new)


def refresh(document: Document) -> None:
    """After a document was saved: its links, the links of documents that may point at it now
    (later ones with the same title, later revisions), and the cached pages that show them."""
    record(document)
    changed = [other.pk for other in _dependants(document) if record(other)]
    touch(document)
    touch_keys(ids=changed)


def _dependants(document: Document) -> list[Document]:
    titles = dict(DocumentText.objects.filter(document=document).values_list("language_id", "title"))
    later = Q(document__session__gt=document.session) if document.session else Q(pk__in=[])
    if document.kind == Document.Kind.DRAFT_RESOLUTION:  # adopted on a report, this may be their draft
        later |= Q(document__session=document.session, document__kind=Document.Kind.RESOLUTION, document__draft="")
    ids = set(_same_title(titles).filter(later).values_list("document_id", flat=True)[:DEPENDANTS])
    revisions = Document.objects.filter(key__startswith=f"{document.key}/Rev.").exclude(pk=document.pk)
    ids |= set(revisions.values_list("pk", flat=True)[:DEPENDANTS])
    ids.discard(document.pk)
    return list(Document.objects.filter(pk__in=ids))


def touch(document: Document) -> None:
    """Refresh the cached pages of the documents whose timeline shows this one: those it links to
    and those that link to it (reading_room/reader/page_cache.py keys pages on Document.updated)."""
    # (and those that name one of its revisions: their timeline shows it as what that revised)
    linked = Lineage.objects.filter(
        Q(document=document) | Q(earlier=document.key) | Q(earlier__startswith=f"{document.key}/Rev.")
    )
    keys = set(linked.values_list("earlier", flat=True)) - {document.key}
    ids = set(linked.values_list("document_id", flat=True)) - {document.pk}
    if keys or ids:
        Document.objects.filter(Q(key__in=keys) | Q(pk__in=ids)).update(updated=timezone.now())


def touch_keys(*keys: str, ids: list[int] = ()) -> None:
    keys = [Document.key_for(k) for k in keys]
    if not (keys or ids):
        return
    Document.objects.filter(Q(key__in=keys) | Q(pk__in=ids)).update(updated=timezone.now())


# Reading: the timeline and the documents to compare with


@dataclass
class Step:
    key: str
    symbol: str
    role: str  # what it is in this history: "Earlier resolution", "Draft", "Revision 1"…
    url: str  # its page here, else undocs.org
    held: bool  # published here
    current: bool = False
    date: date | None = None
    compare_url: str = ""  # this step against the one before it, when both are held


@dataclass
class Candidate:
    symbol: str
    note: str
    date: date | None
    url: str  # the comparison, older → newer


def timeline(document: Document, titles: list[str] = ()) -> tuple[list[Step], list[Candidate]]:
    """The document's history as a short chain, and the documents most worth comparing it with:
    its neighbours in that history first, then documents with the same title. A fixed number of
    queries: the links, three rounds at most, then the documents they name, with those that share
    a title, in one."""
    back, forth = _links(document)
    chain = _chain(document.key, back, forth)
    keys = {key for key, _how in chain}
    found = Q(key__in=keys)
    if titles:
        found |= Q(texts__title__in=list(titles), texts__published=True)
    held = {
        row["key"]: row
        for row in Document.objects.published()
        .filter(found)
        .order_by()
        .values("key", "symbol", "kind", "date", "adopted", "session")
        .distinct()
    }
    steps = []
    for key, how in chain:
        row = held.get(key)
        step = Step(
            key=key,
            symbol=row["symbol"] if row else key,
            role=_role(key, how, row),
            url=reverse("reader", kwargs={"symbol": key}) if row else undocs_url(key),
            held=row is not None,
            current=key == document.key,
            date=(row["adopted"] or row["date"]) if row else None,
        )
        if steps and steps[-1].held and step.held:
            step.compare_url = compare_url(steps[-1].symbol, step.symbol)
        steps.append(step)
    return (steps if len(steps) > 1 else []), _candidates(document, steps, held)


def compare_url(older: str, newer: str, fragment: str = "") -> str:
    url = f"{reverse('compare')}?{urlencode({'from': older, 'to': newer})}"
    return f"{url}#{fragment}" if fragment else url


def _links(document: Document) -> tuple[dict, dict]:
    """later key → [(earlier key, relation, confirmed)], and earlier key → [(later key, …)]: back
    through drafts and revisions, forward to what it became. An earlier or later resolution ends
    the walk: it is the last step shown on that side."""
    back: dict[str, list] = {}
    forth: dict[str, list] = {}
    seen = {document.key}
    backward, forward = {document.key}, {document.key}
    for _round in range(ROUNDS):
        query = Q(document__key__in=backward) | Q(earlier__in=forward)
        rows = Lineage.objects.filter(query).values_list("document__key", "earlier", "relation", "status")
        further_back, further_forward = set(), set()
        for later, earlier, relation, status in rows:
            # rejected links are kept (they say the history was looked at) but never followed
            link = (relation, status == Status.CONFIRMED, status == Status.REJECTED)
            follow = relation != Relation.PREVIOUS and status != Status.REJECTED
            if later in backward:
                back.setdefault(later, []).append((earlier, *link))
                if follow and earlier not in seen:
                    further_back.add(earlier)
            if earlier in forward:
                forth.setdefault(earlier, []).append((later, *link))
                if follow and later not in seen:
                    further_forward.add(later)
        backward, forward = further_back, further_forward
        seen |= backward | forward
        if not (backward or forward):
            break
    return back, forth


_STEP_ORDER = (Relation.DRAFT, Relation.REVISION, Relation.REPORT)


def _best(options: list, relations: tuple) -> str | None:
    chosen = [o for o in options if o[1] in relations and not o[3]]
    chosen.sort(key=lambda o: (not o[2], relations.index(o[1]), o[0]))
    return chosen[0][0] if chosen else None


def _chain(key: str, back: dict, forth: dict) -> list[tuple[str, str]]:
    """[(key, how it got here)]: the drafts and revisions before it, the resolution before those,
    then what it became and the resolution after."""
    chain = [(key, "current")]
    node = key
    while (earlier := _best(back.get(node, []), _STEP_ORDER)) and earlier not in dict(chain):
        relation = next(o[1] for o in back[node] if o[0] == earlier)
        chain.insert(0, (earlier, relation))
        node = earlier
    # a draft not held here still tells what it revised: A/80/L.2/Rev.1 came from A/80/L.2
    while node not in back and (m := REVISION.match(node)) and len(chain) < ROUNDS + 3:
        earlier = m["base"] if m["n"] == "1" else f"{m['base']}/Rev.{int(m['n']) - 1}"
        chain.insert(0, (earlier, Relation.REVISION))
        node = earlier
    for node, _how in list(chain):
        earlier = _best(back.get(node, []), (Relation.PREVIOUS,))
        if earlier and earlier not in dict(chain):
            chain.insert(0, (earlier, "earlier"))
            break
    node = key
    while (later := _best(forth.get(node, []), (Relation.REVISION, Relation.DRAFT))) and later not in dict(chain):
        chain.append((later, "next"))
        node = later
    for node, _how in reversed(list(chain)):
        later = _best(forth.get(node, []), (Relation.PREVIOUS,))
        if later and later not in dict(chain):
            chain.append((later, "later"))
            break
    return chain


def _role(key: str, how: str, row: dict | None) -> str:
    kind = row["kind"] if row else ""
    draft = kind in (Document.Kind.DRAFT_RESOLUTION, Document.Kind.DRAFT_DECISION)
    if how == "earlier":
        return _("Earlier draft") if draft else _("Earlier resolution")
    if how == "later":
        return _("Later draft") if draft else _("Later resolution")
    if how == Relation.REPORT:
        return _("Committee report")
    if kind == Document.Kind.RESOLUTION or "/RES/" in key:
        return _("Adopted resolution")
    if m := REVISION.match(key):
        return _("Revision %(number)s") % {"number": m["n"]}
    if kind == Document.Kind.DECISION:
        return _("Decision")
    return _("Draft")


def _candidates(document: Document, steps: list[Step], held: dict[str, dict]) -> list[Candidate]:
    """Neighbours in the history first (the step before, the step after…), then the same title."""
    out: list[Candidate] = []
    current = next((i for i, s in enumerate(steps) if s.current), 0)
    near = sorted((s for s in steps if s.held and not s.current), key=lambda s: abs(steps.index(s) - current + 0.1))
    for step in near:
        out.append(Candidate(step.symbol, step.role, step.date, _ordered_url(document, held[step.key])))
    listed = {s.key for s in steps} | {document.key}
    same = [row for key, row in held.items() if key not in listed]
    same.sort(key=lambda row: (row["adopted"] or row["date"] or date.min, row["symbol"]), reverse=True)
    for row in same[:8]:
        out.append(
            Candidate(row["symbol"], _("Same title"), row["adopted"] or row["date"], _ordered_url(document, row))
        )
    return out


def _ordered_url(document: Document, other: dict) -> str:
    """The comparison with the older of the two as "from"."""
    mine = (document.session or 0, document.adopted or document.date or date.min, document.kind == "resolution")
    theirs = (other["session"] or 0, other["adopted"] or other["date"] or date.min, other["kind"] == "resolution")
    if theirs <= mine:
        return compare_url(other["symbol"], document.symbol)
    return compare_url(document.symbol, other["symbol"])
