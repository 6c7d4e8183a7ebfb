"""Explainable repair of OCR damage in French (and English) UN texts.

The engine works on one paragraph at a time. It tokenises the text, lets a
sequence of small rules rewrite tokens, and reports every rewrite as a
:class:`Change` with offsets in the original text, the rule that made it and a
human note. Words it cannot settle are reported as :class:`Flag` and left as
they are: a wrong correction costs as much as a missed one.

The rules are general; the vocabulary comes from the lexicon
(:mod:`reading_room.parsing.lexicon`). The only word lists here are French
grammar (articles, pronouns, auxiliaries, month names).

Order of the passes, and why:

1. characters: typographic ligatures, stray invisible characters, runs of
   spaces, the straight apostrophe;
2. the lost or misread ``l`` of ``l’`` (``1’``, ``I’``, ``’Organisation``),
   ``1a``/``1e``/``1es``;
3. words broken by a line-end hyphen or a stray space;
4. each word against the lexicon: accents, circumflexes, ``œ``, ``ç``, OCR
   letter confusions, glued words; a conjugated form after an auxiliary
   becomes its participle twin (``ont signe`` → ``ont signé``);
5. ordinals (``1¢"`` before a month) — after 4, so damaged months are read;
6. context: ``a``/``à``/``&``/``4``, ``ou``/``où``, ``des``/``dès`` — after 4,
   so the neighbouring words are already repaired.

The ``a``/``à`` decision, the hardest one, looks at the next word (participle,
infinitive, determiner, name, lexicon locution such as "à cet égard") and, for
a noun phrase, walks back over the words before "a": a determined noun phrase
opening a clause ("que le Conseil de sécurité a la…") is a subject, so "a" is
the verb; anything hanging on a verb or a preposition ("développer l’énergie
nucléaire à des fins…") takes "à". What it cannot settle it flags.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .lexicon import Lexicon, accent_key, get_lexicon

# --------------------------------------------------------------------------
# Public interface


@dataclass(frozen=True)
class Change:
    start: int  # offset in the ORIGINAL input text
    end: int
    original: str
    replacement: str
    rule: str  # short rule id, e.g. "l-apostrophe", "a-grave", "accent"
    note: str = ""  # human explanation


@dataclass(frozen=True)
class Flag:
    start: int  # offsets in the ORIGINAL text
    end: int
    word: str
    reason: str


@dataclass
class Repair:
    text: str
    changes: list[Change]
    flags: list[Flag]


def repair_french(text: str) -> Repair:
    """Repair OCR damage in one French paragraph (or footnote)."""
    doc = _Doc(text, french=True)
    # The regular-expression tests skip the passes that have nothing to do.
    if _CHAR_TROUBLE.search(text):
        _fix_characters(doc, french=True)
    if _LOOSE_L.search(text):
        _fix_elisions(doc)
    if _DIGIT_ARTICLE.search(text):
        _fix_digit_articles(doc)
    if "- " in text:
        _fix_hyphenated(doc)
    _fix_words(doc)
    if _ORDINAL_JUNK.search(text):
        _fix_ordinals(doc)
    _fix_context(doc)
    return doc.result()


def repair_english(text: str) -> Repair:
    """Repair text-extraction damage in English: ligature characters, stray
    invisible characters, runs of spaces, and compounds whose line-end hyphen
    the extraction left followed by a space ("high- level", "2015– 2030").
    Clean English is left as is."""
    trouble, split = _CHAR_TROUBLE.search(text), _SPLIT_COMPOUND.search(text)
    if not trouble and not split:
        return Repair(text, [], [])
    doc = _Doc(text, french=False)
    if trouble:
        _fix_characters(doc, french=False)
    if split:
        _fix_split_compounds(doc)
    return doc.result()


def map_offset(changes: list[Change], offset: int) -> int:
    """Map an offset of the original text to the repaired text.

    An offset at the end of a change follows its replacement (a footnote mark
    right after a repaired word stays right after it). Inside a change, the
    text the original and the replacement share at their start or end keeps
    offsets exact ("I’ Association" -> "l’Association": "Association" moves
    as a whole); elsewhere the offset is clamped into the replacement.
    """
    shift = 0
    for change in sorted(changes, key=lambda c: c.start):
        if change.end <= offset:
            shift += len(change.replacement) - (change.end - change.start)
        elif change.start < offset:
            return change.start + shift + _offset_inside(change, offset - change.start)
        else:
            break
    return offset + shift


def _offset_inside(change: Change, k: int) -> int:
    """Where position k of ``change.original`` lands in its replacement."""
    old, new = change.original, change.replacement
    prefix = 0
    while prefix < min(len(old), len(new)) and old[prefix] == new[prefix]:
        prefix += 1
    suffix = 0
    while suffix < min(len(old), len(new)) - prefix and old[-1 - suffix] == new[-1 - suffix]:
        suffix += 1
    if k <= prefix:
        return k
    if len(old) - k <= suffix:
        return len(new) - (len(old) - k)
    return min(k, len(new))


# --------------------------------------------------------------------------
# Grammar (not vocabulary): the closed classes the context rules need.


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_MONTHS = _words("janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre")
# Elided words: "l’", "d’", "qu’"…
_ELISIONS = _words("l d j m n s t c qu jusqu lorsqu puisqu quoiqu")
# Before "a", these make it the verb avoir: "il a", "qui a", "il y a", "en a".
_SUBJECTS = _words("il elle on qui cela ceci ça y en ne lui")
# Articles, possessives, demonstratives and indefinites that open a noun phrase.
_DETERMINERS = _words(
    "la l’ le les un une des du ce cet cette ces sa son ses leur leurs notre nos votre vos "
    "mon ma mes ton ta tes chaque tout toute tous toutes quel quelle quels quelles "
    "plusieurs certains certaines aucun aucune"
)
# Determiners that can open a subject ("du", "des" are also "de" + article).
_SUBJECT_HEADS = _DETERMINERS - _words("du des")
# Auxiliaries: the verb after them is a past participle ("a adopté").
# After "a" (maybe "à") or être (maybe + adjective) other words can follow;
# after the other forms of avoir, only a participle or a locution noun.
_PURE_AVOIR = _words("ai avons avez ont avait avaient avais aurait auraient aura auront ayant avoir eu")
_AUXILIARIES = _PURE_AVOIR | _words(
    "a as été est sont était étaient être sera seront serait seraient soit soient fut furent"
)
# Pronouns that can follow "à": "à chacun", "à ceux qui", "à eux".
_PRONOUNS_AFTER_A = _words("chacun chacune ceux celle celles celui eux nous vous moi toi")
# Object pronouns that can stand between "à" and an infinitive ("à les aider").
_OBJECT_PRONOUNS = _words("le la les l’ leur lui y en se s’ me te")
# "avoir" + bare noun: "a lieu", "a trait à", "a besoin", "a pour objet"…
_AVOIR_NOUNS = _words(
    "lieu trait besoin droit accès recours affaire tendance peur faim soif hâte honte "
    "envie conscience connaissance vocation pour confiance"
)
# Prepositions, crossed when looking back over a noun phrase ("l’Organisation
# de Shanghai pour la coopération").
_PREPOSITIONS = _words(
    "de d’ du des à au aux pour par sur dans avec en entre contre sans sous vers selon "
    "parmi chez envers après avant depuis pendant dès comme"
)
_PHRASE_LINKS = _PREPOSITIONS | _DETERMINERS
# Words that open a clause: a noun phrase right after them may be a subject.
_CLAUSE_OPENERS = _words("que qu’ qui dont où lorsque lorsqu’ si puisque puisqu’ car mais quand ; : . ! ?")
# After these, "des" (de + les) is impossible and "dès" is meant: "dès que",
# "dès lors", "dès le début", "dès à présent".
_AFTER_DES_GRAVE = _words("que qu’ lors le la l’ les leur son sa ses à réception maintenant")
# Short grammatical words that OCR glues to a neighbour ("Priele" = "Prie le").
_GLUE_WORDS = _words(
    "le la les de des du un une et en au aux à par pour sur dans avec que qui se sa son ses ce ces il elle ne pas"
)

_VOWELS = set("aàâäeéèêëiîïoôöuùûüyÿœæh")

# OCR letter confusions: (what OCR printed, what it was, cost). Accents are
# not listed: the accent-stripped index already covers é/è/ê/e and friends.
_CONFUSIONS: tuple[tuple[str, str, float], ...] = (
    ("d", "ô", 1.0),  # rôle -> rdle
    ("é", "ô", 1.0),  # rôle -> réle
    ("e", "ô", 1.0),
    ("cc", "œ", 1.0),  # œuvre -> ccuvre
    ("ce", "œ", 1.0),
    ("g", "ç", 1.0),  # façon -> fagon
    ("g", "û", 1.0),  # août -> aoGt
    ("l", "û", 1.0),  # août -> aolt
    ("i", "û", 1.0),
    ("rn", "m", 1.0),
    ("m", "rn", 1.0),
    ("cl", "d", 1.0),
    ("li", "h", 1.0),
)

_MAX_CONFUSION_COST = 2.0
_MIN_NAMELIKE_FREQ = 1e-6  # a capitalised word is repaired only into a common word
_COMMON_FREQ = 1e-5
_CLEAR_FREQ_RATIO = 20.0  # how much likelier a tied candidate must be

# Typographic ligatures produced by PDF text extraction.
_LIGATURE_CHARS = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
# Invisible characters that only break words: soft hyphen, zero-width ones.
_STRAY_CHARS = {"\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}
_APOSTROPHES = "’'"

# --------------------------------------------------------------------------
# Tokens

# Whitespace is not tokenised (finditer skips it): each token knows the gap
# before it. Kept simple for speed; elided articles and document symbols are
# then carved out by _tokenize and _merge_symbols.
_TOKEN_RE = re.compile(
    r"(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*(?:-[^\W\d_]+(?:['’][^\W\d_]+)*)*)|(?P<num>\d+)|(?P<punct>\S)"
)
# Document symbols and numbers with a slash: A/79/807-S/2025/132, 59/48, S-30/1.
_SYMBOL_RE = re.compile(r"(?<![\w./()-])[\w.()-]*\d[\w.()-]*/[\w./()-]*|(?<![\w./()-])[\w.()-]+/[\w./()-]*\d[\w./()-]*")
_ELIDED_RE = re.compile(r"((?:[lLdDjJmMnNsStTcC]|[Qq]u|[Jj]usqu|[Ll]orsqu|[Pp]uisqu|[Qq]uoiqu|I)['’])(.+)")
# Cheap whole-text tests that let a paragraph skip a pass entirely.
_CHAR_TROUBLE = re.compile("[\ufb00-\ufb06\u00ad\u200b-\u200d\u2060\ufeff]|  |'")
_LOOSE_L = re.compile(r"[1I]['’]|(?:^|\s)['’]")
_DIGIT_ARTICLE = re.compile(r"(?<!\S)1(?:a|e|es)\s")
_ORDINAL_JUNK = re.compile(r"(?<!\d)1[^\s\w]")
_CONTEXT_TRIGGERS = frozenset({"a", "A", "&", "4", "ou", "des", "Des"})


@dataclass(slots=True)
class _Tok:
    kind: str  # symbol, word, elision, num, punct
    start: int
    end: int
    text: str  # as in the original
    out: str  # as repaired so far ("" when merged into a neighbour)
    group: int = 0  # tokens rewritten together share a group id


@dataclass
class _Doc:
    """The paragraph being repaired: tokens plus the record of rewrites."""

    text: str
    french: bool
    toks: list[_Tok] = field(init=False)
    notes: dict[int, list[tuple[str, str]]] = field(default_factory=dict)
    flags: list[Flag] = field(default_factory=list)
    spacing: dict[int, str] = field(default_factory=dict)  # token index -> new gap before it
    _next_group: int = 1

    def __post_init__(self) -> None:
        self.toks = _tokenize(self.text, self.french)

    @property
    def lex(self) -> Lexicon:
        return get_lexicon()

    # -- rewriting ------------------------------------------------------------
    def rewrite(self, i: int, j: int, new: str, rule: str, note: str, kind: str = "") -> None:
        """Replace tokens i..j (inclusive) by ``new`` (held by token i, whose
        kind becomes ``kind`` if given: "1’" turns into an elision)."""
        group = self._unify({t.group for t in self.toks[i : j + 1] if t.group})
        for t in self.toks[i : j + 1]:
            t.group = group
            t.out = ""
        self.toks[i].out = new
        self.toks[i].kind = kind or self.toks[i].kind
        self.notes[group].append((rule, note))

    def close_gap(self, i: int) -> None:
        """Drop the whitespace before token i ("I’ Association"): token i joins
        the group of token i - 1, which must already have been rewritten."""
        self.toks[i].group = self._unify({self.toks[i - 1].group, self.toks[i].group} - {0})

    def _unify(self, groups: set[int]) -> int:
        """One group id for the tokens of all ``groups`` (a new one if empty)."""
        if not groups:
            self._next_group += 1
            self.notes[self._next_group] = []
            return self._next_group
        group = min(groups)
        for t in self.toks:
            if t.group in groups:
                t.group = group
        self.notes[group] = [n for g in sorted(groups) for n in self.notes.pop(g, [])]
        return group

    def flag(self, i: int, j: int, reason: str) -> None:
        start, end = self.toks[i].start, self.toks[j].end
        self.flags.append(Flag(start, end, self.text[start:end], reason))

    # -- navigation -----------------------------------------------------------
    def gap(self, i: int) -> str:
        """The original whitespace just before token i ("" if it touches the
        previous token)."""
        start = self.toks[i - 1].end if i > 0 else 0
        return self.text[start : self.toks[i].start]

    def prev(self, i: int) -> int | None:
        """Index of the previous live token, or None."""
        i -= 1
        while i >= 0 and not self.toks[i].out:
            i -= 1
        return i if i >= 0 else None

    def next(self, i: int) -> int | None:
        """Index of the next live token, or None."""
        i += 1
        n = len(self.toks)
        while i < n and not self.toks[i].out:
            i += 1
        return i if i < n else None

    def out(self, i: int | None) -> str:
        return self.toks[i].out if i is not None else ""

    def kind(self, i: int | None) -> str:
        return self.toks[i].kind if i is not None else ""

    def sentence_start(self, i: int) -> bool:
        """Nothing before, or after . ! ? or an opening «."""
        p = self.prev(i)
        return p is None or self.out(p) in {".", "!", "?", "…", "«"}

    def paragraph_start(self, i: int) -> bool:
        """First word of the paragraph, possibly after its number ("1. ")."""
        p = self.prev(i)
        while p is not None:
            if not (self.kind(p) == "num" or self.out(p) in {".", ")", "("}):
                return False
            p = self.prev(p)
        return True

    def glued(self, i: int) -> bool:
        """Token touches a number or symbol ("1er", "14e"): not a free word."""
        toks = self.toks
        before = i > 0 and toks[i - 1].kind in {"num", "symbol"} and not self.gap(i)
        return before or (i + 1 < len(toks) and toks[i + 1].kind in {"num", "symbol"} and not self.gap(i + 1))

    # -- result ---------------------------------------------------------------
    def result(self) -> Repair:
        """The repaired text and its changes. The tokens of one group are
        replaced as a whole, with the whitespace between them."""
        toks, text = self.toks, self.text
        changes: list[Change] = []
        grouped = [i for i, t in enumerate(toks) if t.group]  # usually a few
        k = 0
        while k < len(grouped):
            i = j = grouped[k]
            group = toks[i].group
            while k + 1 < len(grouped) and grouped[k + 1] == j + 1 and toks[j + 1].group == group:
                k, j = k + 1, j + 1
            start, end = toks[i].start, toks[j].end
            replacement = "".join(t.out for t in toks[i : j + 1])
            if replacement != text[start:end]:
                notes = self.notes[group]
                note = "; ".join(n for _, n in notes if n)
                changes.append(Change(start, end, text[start:end], replacement, notes[0][0], note))
            k += 1
        for i, gap in sorted(self.spacing.items()):
            if not (toks[i].group and toks[i].group == toks[i - 1].group):  # not inside a group
                start, end = toks[i - 1].end, toks[i].start
                changes.append(Change(start, end, text[start:end], gap, "spacing", "run of spaces reduced to one"))
        changes.sort(key=lambda c: c.start)
        flags = sorted(set(self.flags), key=lambda f: (f.start, f.end, f.reason))
        return Repair(_apply(text, changes), changes, flags)


def _apply(text: str, changes: list[Change]) -> str:
    """``text`` with the (sorted, disjoint) changes made."""
    parts, pos = [], 0
    for c in changes:
        parts += (text[pos : c.start], c.replacement)
        pos = c.end
    parts.append(text[pos:])
    return "".join(parts)


def _tokenize(text: str, french: bool) -> list[_Tok]:
    """The tokens of the text, whitespace excluded. French elided articles are
    their own tokens ("l’" + "Organisation"; "aujourd’hui" stays whole); an "I"
    before the apostrophe is OCR for "l" and is split off too."""
    toks = []
    for m in _TOKEN_RE.finditer(text):
        kind, value = m.lastgroup or "punct", m.group()
        start = m.start()
        if french and kind == "word" and ("’" in value or "'" in value) and (elided := _ELIDED_RE.match(value)):
            head = elided.group(1)
            toks.append(_Tok("elision", start, start + len(head), head, head))
            start, value = start + len(head), elided.group(2)  # "qu’" + "aujourd’hui"
        toks.append(_Tok(kind, start, m.end(), value, value))
    return _merge_symbols(text, toks) if "/" in text else toks


def _merge_symbols(text: str, toks: list[_Tok]) -> list[_Tok]:
    """One "symbol" token for each document symbol, never to be touched."""
    for m in reversed(list(_SYMBOL_RE.finditer(text))):
        if not any(c.isdigit() for c in m.group()):
            continue
        inside = [k for k, t in enumerate(toks) if t.start >= m.start() and t.end <= m.end()]
        if inside:
            value = text[m.start() : m.end()]
            toks[inside[0] : inside[-1] + 1] = [_Tok("symbol", m.start(), m.end(), value, value)]
    return toks


# --------------------------------------------------------------------------
# Pass 1: characters


def _fix_characters(doc: _Doc, french: bool) -> None:
    for i, t in enumerate(doc.toks):
        if t.kind == "word" and any(c in _LIGATURE_CHARS for c in t.out):
            new = "".join(_LIGATURE_CHARS.get(c, c) for c in t.out)
            doc.rewrite(i, i, new, "ligature", "typographic ligature character spelled out")
        elif t.kind == "punct" and t.out in _STRAY_CHARS:
            _remove_stray(doc, i)
        elif french and t.kind in {"elision", "word"} and "'" in t.out:
            new = t.out.replace("'", "’")
            doc.rewrite(i, i, new, "apostrophe", "French typographic apostrophe")
        if i and _is_space_run(doc, i):
            doc.spacing[i] = " "


def _remove_stray(doc: _Doc, i: int) -> None:
    """Drop an invisible character; rejoin the word it was cutting."""
    note = f"invisible character U+{ord(doc.toks[i].out):04X} removed"
    toks = doc.toks
    a = toks[i - 1] if i > 0 and not doc.gap(i) else None
    b = toks[i + 1] if i + 1 < len(toks) and not doc.gap(i + 1) else None
    if a is not None and b is not None and a.kind == b.kind == "word" and a.out:
        doc.rewrite(i - 1, i + 1, a.out + b.out, "stray-char", note, kind="word")
    else:
        doc.rewrite(i, i, "", "stray-char", note)


def _is_space_run(doc: _Doc, i: int) -> bool:
    """Two or more plain spaces inside a line, not next to « or »."""
    gap = doc.gap(i)
    if len(gap) < 2 or set(gap) != {" "}:
        return False
    return doc.toks[i - 1].out not in {"«", "»"} and doc.toks[i].out not in {"«", "»"}


# --------------------------------------------------------------------------
# Pass 2: the article l’ and friends


def _l_article(doc: _Doc, i: int) -> str:
    return "L’" if doc.sentence_start(i) else "l’"


def _fix_elisions(doc: _Doc) -> None:
    toks = doc.toks
    for i, t in enumerate(toks):
        if not t.out:
            continue
        if t.kind == "elision" and t.out[0] == "I":
            doc.rewrite(i, i, _l_article(doc, i), "l-apostrophe", "“I’” is OCR for “l’”")
        elif t.out in {"1", "I"} and t.kind in {"num", "word"}:
            _fix_loose_l(doc, i)
        elif t.kind == "punct" and t.out in _APOSTROPHES:
            _fix_bare_apostrophe(doc, i)


def _fix_loose_l(doc: _Doc, i: int) -> None:
    """Read "1’Organisation", "I’ Association", "1’« esprit" as "l’…"."""
    toks = doc.toks
    apos = i + 1
    if apos + 1 >= len(toks) or toks[apos].out not in _APOSTROPHES or doc.gap(apos):
        return
    if doc.gap(apos + 1) not in {"", " "}:  # "I’ Association": a stray space
        return
    nxt = toks[apos + 1]
    starts_word = nxt.kind in {"word", "elision"} and nxt.out[:1].lower() in _VOWELS
    if not (starts_word or nxt.out == "«"):
        return
    if i > 0 and not doc.gap(i) and toks[i - 1].kind in {"word", "num", "symbol"}:
        return  # glued to something: not a free article
    what = toks[i].out + "’"
    doc.rewrite(i, apos, _l_article(doc, i), "l-apostrophe", f"“{what}” is OCR for “l’”", kind="elision")
    if doc.gap(apos + 1):
        doc.close_gap(apos + 1)


def _fix_bare_apostrophe(doc: _Doc, i: int) -> None:
    """Restore the lost l of "à ’horizon", "notamment ’Organisation"; join
    "d ’accord", where only a space was added."""
    toks = doc.toks
    if i > 0 and not doc.gap(i):
        return  # "d’", "l’": an ordinary apostrophe
    after = toks[i + 1] if i + 1 < len(toks) and not doc.gap(i + 1) else None
    if after is None or after.kind != "word" or after.out[:1].lower() not in _VOWELS:
        return
    p = doc.prev(i)
    if p is not None and doc.gap(i) == " " and doc.kind(p) == "word" and doc.out(p).lower() in _ELISIONS:
        elided = doc.out(p) + "’"
        doc.rewrite(p, i, elided, "apostrophe", f"“{elided}” was split from its word by a space", kind="elision")
        return
    note = "apostrophe at a word start: the “l” of “l’” was lost"
    doc.rewrite(i, i, _l_article(doc, i), "l-apostrophe", note, kind="elision")


def _fix_digit_articles(doc: _Doc) -> None:
    """Read "1a", "1e", "1es" standing as words as "la", "le", "les"."""
    toks = doc.toks
    for i in range(len(toks) - 1):
        t, w = toks[i], toks[i + 1]
        if t.kind != "num" or t.out != "1" or w.kind != "word" or w.out not in {"a", "e", "es"}:
            continue
        if doc.gap(i + 1) or (i > 0 and not doc.gap(i)):
            continue  # "1a" must stand alone
        if i + 2 >= len(toks) or doc.gap(i + 2) != " " or toks[i + 2].kind not in {"word", "elision"}:
            continue
        article = "l" + w.out
        if doc.sentence_start(i):
            article = article.capitalize()
        doc.rewrite(i, i + 1, article, "l-digit", f"“1{w.out}” is OCR for “{article}”", kind="word")


# --------------------------------------------------------------------------
# Pass 3: words broken by a hyphen at a line end or by a stray space


def _fix_hyphenated(doc: _Doc) -> None:
    """Rejoin words cut by a line-end hyphen ("non- prolifération")."""
    toks = doc.toks
    for i in range(len(toks) - 2):
        a, b = toks[i], toks[i + 2]
        if a.kind != "word" or toks[i + 1].out != "-" or doc.gap(i + 1) or doc.gap(i + 2) != " ":
            continue
        if b.kind == "word" and b.out[:1].islower() and b.out not in {"et", "ou"}:  # not "micro- et"
            joined = _join_hyphenated(doc.lex, a.out, b.out)
            if joined:
                doc.rewrite(i, i + 2, joined[0], "split-glued", joined[1])


# English compounds the extraction split after their hyphen: "high- level", "Nuclear- Test-Ban", "2015– 2030".
_SPLIT_COMPOUND = re.compile(r"[^\W_][-–] [^\W_]")
# A hyphen that is really followed by a space: "age- and gender-sensitive" (a suspended compound).
_SUSPENDING = frozenset({"and", "or", "to", "nor", "but", "than", "as"})


@functools.lru_cache(maxsize=8192)
def _english_word(word: str) -> bool:
    from wordfreq import zipf_frequency

    return all(zipf_frequency(part, "en") >= 1.5 for part in word.split("-") if part)


def _fix_split_compounds(doc: _Doc) -> None:
    """Rejoin "high- level" to "high-level" and "2015– 2030" to "2015–2030": UN texts do not cut
    words at line ends, so a hyphen before a space is a compound's own. Both halves must be English
    words; a suspended hyphen ("age- and gender-sensitive") stays; anything else is flagged."""
    toks = doc.toks
    for i in range(len(toks) - 2):
        a, dash, b = toks[i], toks[i + 1], toks[i + 2]
        if dash.out not in "-–" or doc.gap(i + 1) or doc.gap(i + 2) != " " or not (a.out and b.out):
            continue
        if a.kind == "num" and b.kind == "num" and dash.out == "–":
            doc.rewrite(i, i + 2, f"{a.out}–{b.out}", "split-range", "a range cut at its dash by the line end")
        elif a.kind == "word" and b.kind == "word" and dash.out == "-" and b.out not in _SUSPENDING:
            if b.out[:1].isupper() and not a.out[:1].isupper():
                continue  # "pre- United Nations": not a compound
            if _english_word(a.out) and _english_word(b.out):
                compound = f"{a.out}-{b.out}"
                doc.rewrite(i, i + 2, compound, "split-hyphen", f"“{compound}”: a compound cut after its hyphen")
            else:
                doc.flag(i, i + 2, "a hyphen followed by a space: a compound cut at a line end, or a dash?")


def _join_hyphenated(lex: Lexicon, a: str, b: str) -> tuple[str, str] | None:
    """Rejoin "non- prolifération": a hyphen at a line end, then a space."""
    compound, solid = f"{a}-{b}", a + b
    if lex.knows(compound):
        return compound, f"“{compound}” is a known compound; the line break is removed"
    if lex.knows(solid):
        return solid, f"“{solid}” is a known word cut by a line-end hyphen"
    if (lex.is_prefix(a) or lex.knows(a)) and lex.knows(b):
        return compound, f"“{a}-” + “{b}”: a compound cut at its hyphen"
    return None


def _should_join(lex: Lexicon, a: str, b: str) -> bool:
    if not (a.isalpha() and b.isalpha() and b.islower()):
        return False
    if lex.knows(a) and lex.knows(b):
        return False  # two real words
    return lex.knows(a + b) and len(a) > 1 and len(b) > 1


# --------------------------------------------------------------------------
# Pass 4: words against the lexicon


@dataclass(frozen=True)
class _Candidate:
    form: str
    cost: float
    freq: float
    confusion: str = ""  # "rdle: d→ô" when an OCR confusion was undone


def _fix_words(doc: _Doc) -> None:
    toks, knows = doc.toks, doc.lex.knows
    before, last = "", ""  # the two previous tokens, lowercased, for the auxiliary test
    for i, t in enumerate(toks):
        out = t.out
        if not out:
            continue
        if t.kind == "word" and len(out) > 1:
            maybe_aux = last in _AUXILIARIES or before in _AUXILIARIES
            # Fast path: most words are known and need nothing more.
            if (maybe_aux or "oe" in out or not knows(out)) and _is_checkable(out) and not doc.glued(i):
                _fix_word(doc, i, maybe_aux)
        before, last = last, out.lower()


def _is_checkable(word: str) -> bool:
    """Skip single letters and acronyms / roman numerals (all capitals)."""
    letters = word.replace("-", "").replace("’", "")
    return len(letters) > 1 and not (letters.isupper() and letters.isalpha())


def _fix_word(doc: _Doc, i: int, maybe_aux: bool) -> None:
    lex = doc.lex
    word = doc.toks[i].out
    if lex.knows(word):
        if "oe" in word or "OE" in word:
            _use_ligature(doc, i, word)
        if maybe_aux:
            _use_participle(doc, i, word)
        return
    if _join_split_word(doc, i):
        return
    parts = word.split("-")
    if len(parts) > 1:
        _fix_compound(doc, i, parts)
        return
    start = doc.sentence_start(i)
    after_aux = maybe_aux and bool(_after_auxiliary(doc, i))
    fixed = _repair_single(doc, i, word, start, doc.paragraph_start(i), after_aux)
    if fixed is not None:
        new, rule, note = fixed
        doc.rewrite(i, i, new, rule, note)


def _join_split_word(doc: _Doc, i: int) -> bool:
    """Rejoin "dévelop pement": an unknown word that, with its neighbour
    across one space, makes a known word."""
    toks = doc.toks
    for a, b in ((i, i + 1), (i - 1, i)):
        if a < 0 or b >= len(toks) or doc.gap(b) != " ":
            continue
        left, right = toks[a], toks[b]
        if left.kind == right.kind == "word" and _should_join(doc.lex, left.out, right.out):
            note = f"“{left.out} {right.out}” is the word “{left.out + right.out}” split by a stray space"
            doc.rewrite(a, b, left.out + right.out, "split-glued", note)
            return True
    return False


def _use_ligature(doc: _Doc, i: int, word: str) -> None:
    lig = doc.lex.ligature(word)
    if lig:
        new = _match_case(word, lig)
        doc.rewrite(i, i, new, "oe-ligature", f"French prints “{lig}” with the œ ligature")


def _after_auxiliary(doc: _Doc, i: int) -> str:
    """The auxiliary before word i ("a", "ont", "été"…), past one adverb."""
    p = doc.prev(i)
    if doc.kind(p) == "word" and doc.lex.is_adverb(doc.out(p)) and not doc.lex.is_nominal(doc.out(p)):
        p = doc.prev(p)
    w = doc.out(p)
    return w if doc.kind(p) == "word" and w.lower() in _AUXILIARIES else ""


def _use_participle(doc: _Doc, i: int, word: str) -> None:
    """Repair "a adopte", "ayant examine": a conjugated verb cannot follow an
    auxiliary; its accented twin, a past participle, can."""
    lex = doc.lex
    aux = _after_auxiliary(doc, i)
    # After "a" or "est" an adjective or a noun may follow ("à titre", "est
    # conforme"); after "ont", "ayant"… only a participle or a locution noun.
    if not aux or lex.is_participle(word) or word.lower() in _AVOIR_NOUNS:
        return
    if not (lex.is_finite_verb_only(word) or aux.lower() in _PURE_AVOIR):
        return
    lw = word.lower()
    twins = [f for f in lex.spellings(accent_key(lw)) if lex.is_participle(f) and _accent_cost(lw, f) is not None]
    if len(twins) == 1:
        new = _match_case(word, twins[0])
        note = f"after the auxiliary “{aux}” comes a past participle: “{twins[0]}”, not the verb form “{word}”"
        doc.rewrite(i, i, new, "accent", note)


def _fix_compound(doc: _Doc, i: int, parts: list[str]) -> None:
    """Repair the parts of "vingt-quatriéme" one by one."""
    lex = doc.lex
    start = doc.sentence_start(i)
    new_parts, notes, rule = [], [], ""
    for k, part in enumerate(parts):
        if not part or lex.knows(part) or not _is_checkable(part):
            new_parts.append(part)
            continue
        fixed = _repair_single(doc, i, part, start and k == 0, False, report=False)
        if fixed is None:
            if _acceptable_unknown(lex, part) or part[0].isupper():
                new_parts.append(part)
                continue
            doc.flag(i, i, f"unknown part “{part}” in “{'-'.join(parts)}”")
            return
        new_parts.append(fixed[0])
        rule = rule or fixed[1]
        notes.append(fixed[2])
    new = "-".join(new_parts)
    if new != "-".join(parts):
        doc.rewrite(i, i, new, rule, "; ".join(notes))


def _repair_single(
    doc: _Doc,
    i: int,
    word: str,
    sentence_start: bool,
    paragraph_start: bool,
    after_auxiliary: bool = False,
    report: bool = True,
) -> tuple[str, str, str] | None:
    """(new word, rule, note) for an unknown word, or None (left; maybe flagged)."""
    lex = doc.lex
    lw = word.lower()
    namelike = word[0].isupper() and not sentence_start
    l_word = "l" + word[1:]
    if word[0] == "I" and word[1:].islower() and lex.knows(l_word) and lex.freq(l_word) >= _COMMON_FREQ:
        new = ("L" if sentence_start else "l") + word[1:]  # "Ia", "Ies", "Iutte"
        return new, "l-capital-i", f"“{word}” is unknown; “I” is OCR for “l”: “{new}”"
    ranked = _candidates(lex, lw)
    if ranked:
        choice = _choose(lex, ranked, paragraph_start, after_auxiliary)
        if isinstance(choice, _Candidate):
            if namelike and (choice.confusion or choice.freq < _MIN_NAMELIKE_FREQ):
                return None  # a capitalised unknown word is most likely a name
            if lex.freq(lw) >= choice.freq:
                return None  # common as written ("email"), whatever DELA says
            return _match_case(word, choice.form), *_explain(word, choice, ranked)
        if not namelike and report:
            doc.flag(i, i, f"unknown word; could be {' or '.join(c.form for c in choice)}")
        return None
    if namelike or _acceptable_unknown(lex, lw):
        return None
    split = _split_glued(lex, word)
    if isinstance(split, tuple):
        return split
    if report and word[0].islower():
        doc.flag(i, i, split or "unknown word, no repair found in the lexicon")
    return None


def _acceptable_unknown(lex: Lexicon, lw: str) -> bool:
    """A prefixed formation ("interorganisations") or a common word that the
    dictionary lacks ("afin", "start"): leave it, do not flag it."""
    for k in range(2, len(lw) - 3):
        if lex.is_prefix(lw[:k]) and lex.knows(lw[k:]):
            return True
    return lex.freq(lw) >= _MIN_NAMELIKE_FREQ


def _candidates(lex: Lexicon, lw: str) -> tuple[_Candidate, ...]:
    """Known spellings reachable by restoring accents, optionally after undoing
    one OCR letter confusion, ranked by cost then frequency."""
    return _ranked_spellings(lw) if lex is get_lexicon() else _rank_spellings(lex, lw)


@functools.lru_cache(maxsize=50_000)
def _ranked_spellings(lw: str) -> tuple[_Candidate, ...]:
    # Names ("Shanghai") come back dozens of times a document: cache the search.
    return _rank_spellings(get_lexicon(), lw)


def _rank_spellings(lex: Lexicon, lw: str) -> tuple[_Candidate, ...]:
    best: dict[str, _Candidate] = {}
    for variant, cost, confusion in _variants(lw):
        for form in lex.spellings(accent_key(variant)):
            accent = _accent_cost(variant, form)
            if accent is None or (confusion and cost + accent > _MAX_CONFUSION_COST):
                continue
            shown = lex.ligature(form) or form
            cand = _Candidate(shown, cost + accent, lex.freq(shown), confusion)
            if shown not in best or cand.cost < best[shown].cost:
                best[shown] = cand
    return tuple(sorted(best.values(), key=lambda c: (c.cost, -c.freq, c.form)))


def _variants(lw: str):
    yield lw, 0.0, ""
    for ocr, real, cost in _CONFUSIONS:
        start = lw.find(ocr)
        while start >= 0:
            yield lw[:start] + real + lw[start + len(ocr) :], cost, f"{ocr}→{real}"
            start = lw.find(ocr, start + 1)


def _accent_cost(ocr: str, form: str) -> float | None:
    """Letter-by-letter price of reading ``ocr`` as ``form`` (same letters up
    to accents). A lost accent costs 1, a misread one (é for è) 0.5, an accent
    OCR would have invented 1.5."""
    a, b = ocr.replace("œ", "oe"), form.replace("œ", "oe")
    if len(a) != len(b):
        return None
    cost = 0.0
    for x, y in zip(a, b, strict=True):
        if x == y:
            continue
        if accent_key(x) != accent_key(y):
            return None
        if accent_key(x) == x:
            cost += 1.0
        elif accent_key(y) == y:
            cost += 1.5
        else:
            cost += 0.5
    return cost


def _choose(lex: Lexicon, ranked: tuple[_Candidate, ...], paragraph_start: bool, after_auxiliary: bool):
    """The candidate to use, or the list of rivals when it cannot be settled."""
    best = ranked[0]
    if after_auxiliary:
        # "y a adhére": after an auxiliary, the participle reading wins.
        near = [c for c in ranked if c.cost <= best.cost + 1 and lex.is_participle(c.form)]
        if len(near) == 1:
            return near[0]
    # A misread accent (0.5) beats a lost one (1.0): é for è is OCR's usual slip.
    rivals = [c for c in ranked[1:] if c.cost < best.cost + 0.5]
    if not rivals:
        return best
    if best.freq >= _CLEAR_FREQ_RATIO * max(c.freq for c in rivals) and all(c.cost >= best.cost for c in rivals):
        return best
    tied = [best, *rivals]
    if paragraph_start:
        # An operative paragraph opens with a conjugated verb ("Considère").
        finite = [c for c in tied if c.cost == best.cost and lex.is_finite_verb(c.form)]
        if len(finite) == 1:
            return finite[0]
    return tied


def _explain(word: str, choice: _Candidate, ranked: tuple[_Candidate, ...]) -> tuple[str, str]:
    form = choice.form
    if choice.confusion:
        real = choice.confusion.split("→")[1]
        rule = {"ô": "circumflex", "û": "circumflex", "œ": "oe-ligature", "ç": "cedilla"}.get(real, "lexicon")
        note = f"“{word}” is unknown; OCR misread {choice.confusion}: “{form}”"
    else:
        added = {y for x, y in zip(word.lower(), form, strict=False) if x != y}
        if "œ" in form and "œ" not in word:
            rule = "oe-ligature"
        elif added & set("âêîôû"):
            rule = "circumflex"
        elif "ç" in added:
            rule = "cedilla"
        else:
            rule = "accent"
        note = f"“{word}” is unknown; the lexicon has “{form}”"
    others = [c.form for c in ranked if c is not choice and c.cost <= choice.cost + 1][:2]
    if others:
        note += f" (less likely: {', '.join(others)})"
    return rule, note


def _split_glued(lex: Lexicon, word: str) -> tuple[str, str, str] | str | None:
    """Split "Priele" into "Prie le": an unknown word that is two known words
    glued together, the split chosen by frequency. One part must be a short
    grammatical word, or both parts common words of three letters or more.
    Returns the repair, a flag reason (several splits compete), or None."""
    lw = word.lower()
    splits = []
    for k in range(1, len(lw)):
        left, right = lw[:k], lw[k:]
        if not (lex.knows(left) and lex.knows(right)):
            continue
        if left in _GLUE_WORDS or right in _GLUE_WORDS:
            content = right if left in _GLUE_WORDS else left
            plausible = len(content) >= 2 and lex.freq(content) >= _MIN_NAMELIKE_FREQ
        else:
            plausible = min(len(left), len(right)) >= 3 and min(lex.freq(left), lex.freq(right)) >= _COMMON_FREQ
        if plausible:
            splits.append((lex.freq(left) * lex.freq(right), k))
    if not splits:
        return None
    splits.sort(reverse=True)
    if len(splits) > 1 and splits[1][0] * 5 > splits[0][0]:
        options = " or ".join(f"“{word[:k]} {word[k:]}”" for _, k in splits[:2])
        return f"glued words? {options}"
    k = splits[0][1]
    new = f"{word[:k]} {word[k:]}"
    return new, "split-glued", f"“{word}” is unknown; it is “{new}” glued together"


def _match_case(model: str, form: str) -> str:
    if model.isupper() and len(model) > 1:
        return form.upper()
    if model[0].isupper():
        return form[0].upper() + form[1:]
    return form


# --------------------------------------------------------------------------
# Pass 5: ordinals


def _fix_ordinals(doc: _Doc) -> None:
    """Read "1¢\"", "1°*", "1°\"" before a month name as the ordinal "1er"."""
    toks = doc.toks
    for i, t in enumerate(toks):
        if t.kind != "num" or t.out != "1":
            continue
        j = i + 1  # the junk glued to the 1, up to 3 tokens
        while j < len(toks) and j - i <= 3 and not doc.gap(j) and toks[j].kind in {"punct", "word"}:
            j += 1
        junk = "".join(x.out for x in toks[i + 1 : j])
        if not junk or junk == "er" or len(junk) > 3 or j >= len(toks) or not doc.gap(j):
            continue
        if accent_key(toks[j].out) not in _MONTHS:
            continue
        if all(c.isalnum() for c in junk):
            continue  # "1e septembre" may be a real (if odd) ordinal
        doc.rewrite(i, j - 1, "1er", "ordinal", f"“1{junk}” before a month is the ordinal “1er”")


# --------------------------------------------------------------------------
# Pass 6: context rules


def _fix_context(doc: _Doc) -> None:
    for i, t in enumerate(doc.toks):
        if t.out not in _CONTEXT_TRIGGERS:
            continue
        if t.kind == "word" and t.out in {"a", "A"}:
            _fix_a(doc, i)
        elif t.kind == "punct" and t.out == "&":
            _fix_ampersand(doc, i)
        elif t.kind == "num" and t.out == "4":
            _fix_four(doc, i)
        elif t.kind == "word" and t.out == "ou":
            _fix_ou(doc, i)
        elif t.kind == "word" and t.out in {"des", "Des"}:
            _fix_des(doc, i)


def _decide_a(doc: _Doc, i: int) -> tuple[str | None, str]:
    """Is the word at i the verb "a" or the preposition "à"? (None: unsure)."""
    lex = doc.lex
    p, n = doc.prev(i), doc.next(i)
    if n is None or doc.kind(n) == "num" or (doc.kind(n) == "punct" and doc.out(n) != "«"):
        return None, "nothing after it to tell a from à"
    nxt, prev = doc.out(n).lower(), doc.out(p).lower()
    n2 = doc.next(n)
    nxt2 = doc.out(n2).lower() if doc.kind(n2) == "word" else ""
    shown = doc.out(n)
    if prev in _SUBJECTS or (doc.kind(p) == "elision" and prev != "d’"):
        return "a", f"after “{doc.out(p)}”: verb avoir"
    locution = _locution_after(doc, i)
    if locution:
        verdict = "a" if locution.startswith("a ") else "à"
        return verdict, f"the locution “{locution}”"
    if lex.is_participle(nxt):
        if prev == "tout" and nxt == "fait":
            return "à", "the phrase “tout à fait”"
        if nxt in {"été", "eu"} or not lex.is_nominal(nxt):
            return "a", f"next word “{shown}” is a past participle: verb avoir"
        # "revenu", "accordé" are also nouns/adjectives: "pays à revenu…"
        role, stop = _role_of_preceding_phrase(doc, i)
        if role == "complement":
            return "à", f"“{stop}” then a complement, and “{shown}” can be a noun: preposition"
        if role in {"subject", "none"}:
            return "a", f"next word “{shown}” is a past participle: verb avoir"
        return None, f"“{shown}” is a participle or a noun: a or à?"
    if lex.is_adverb(nxt) and not lex.is_nominal(nxt) and lex.is_participle(nxt2):
        return "a", f"“{shown} {doc.out(n2)}”: adverb + past participle: verb avoir"
    if lex.is_infinitive(nxt):
        return "à", f"next word “{shown}” is an infinitive"
    if nxt in _OBJECT_PRONOUNS and lex.is_infinitive(nxt2):
        return "à", f"“{shown} {doc.out(n2)}”: pronoun + infinitive"
    if nxt in {"le", "les", "du"}:
        return "a", f"“à {nxt}” would be contracted (au/aux): verb avoir"
    if shown[:1].isupper():
        return "à", f"next word “{shown}” is a proper name"
    if nxt in _AVOIR_NOUNS:
        return "a", f"“a {nxt}”: locution with avoir"
    if nxt in _PRONOUNS_AFTER_A or nxt == "«":
        return "à", f"“{shown}” follows: preposition"
    if nxt in _DETERMINERS or (lex.is_nominal(nxt) and not lex.is_finite_verb(nxt)):
        return _by_what_precedes(doc, i, n, nxt in _DETERMINERS)
    return None, f"cannot tell a from à before “{shown}”"


def _locution_after(doc: _Doc, i: int) -> str:
    """The longest lexicon locution "à …" or Latin "a …" ("a priori") that
    starts at the word i ("a" as printed), up to four words long."""
    words: list[str] = []
    j = doc.next(i)
    found = ""
    while j is not None and len(words) < 4 and doc.kind(j) in {"word", "elision"}:
        words.append(doc.out(j))
        phrase = "".join(w if w.endswith("’") else w + " " for w in words).strip()
        for head in ("à", "a"):
            if doc.lex.is_locution(f"{head} {phrase}"):
                found = f"{head} {phrase}"
        j = doc.next(j)
    return found


def _by_what_precedes(doc: _Doc, i: int, n: int, determiner: bool) -> tuple[str | None, str]:
    """Decide "a"/"à" before a noun phrase: "à" unless a subject precedes.

    "l’énergie nucléaire à des fins" (the noun phrase hangs on "développer")
    versus "que le Conseil de sécurité a la responsabilité" (a clause opens
    with "que" and the noun phrase is its subject).
    """
    role, stop = _role_of_preceding_phrase(doc, i)
    if role in {"complement", "none"}:
        return "à", f"“{stop}” then a complement, no subject: preposition"
    if role == "subject":
        verb = _later_verb(doc, n)
        if verb:
            return "à", f"the clause already has its verb “{verb}”: preposition"
        if determiner:
            return "a", f"subject after “{stop}”, then a noun phrase: verb avoir"
        return None, f"subject after “{stop}”, then a bare noun: a or à?"
    return None, f"cannot tell a from à after “{stop}”"


def _role_of_preceding_phrase(doc: _Doc, i: int) -> tuple[str, str]:
    """Walk back from "a" over the noun phrase before it.

    Returns ("subject", stop) when that phrase opens a clause with an article
    or a name ("que le Conseil de sécurité"), ("complement", stop) when it
    cannot be a subject (it follows a verb, an adverb, or starts with a
    preposition or an adjective), ("none", stop) when "a" directly follows a
    comma or a conjunction, ("unknown", stop) otherwise.
    """
    lex = doc.lex
    leftmost, coordinated = None, False
    j = doc.prev(i)
    for _ in range(60):
        if j is None:
            return _subject_if_headed(doc, leftmost), "the start"
        w, kind = doc.out(j), doc.kind(j)
        lw = w.lower()
        b = doc.prev(j)
        if lw in {"et", "ou", ","}:
            if leftmost is None:
                return "none", w  # nothing between: "…, à la sécurité et à la stabilité"
            if (lw == "," and not coordinated) or b is None or not _np_word(doc, b):
                return _subject_if_headed(doc, leftmost), w
            coordinated = coordinated or lw != ","
        elif lw in _CLAUSE_OPENERS:
            return _subject_if_headed(doc, leftmost), w
        elif kind in {"num", "symbol"} or w in {"(", ")", "«", "»", "-"} or lw in _PHRASE_LINKS:
            pass
        elif kind == "word" and lex.is_participle(lw) and b is not None and _np_word(doc, b):
            pass  # adjectival participle: "le dialogue engagé"
        elif (kind == "word" and _is_verb(lex, lw)) or (lex.is_adverb(lw) and not lex.is_nominal(lw)):
            return "complement", w
        elif not _np_word(doc, j):
            return "unknown", w
        leftmost = j
        j = b
    return "unknown", "a long phrase"


def _subject_if_headed(doc: _Doc, leftmost: int | None) -> str:
    """A subject starts with an article/determiner or a name, not with "de",
    a preposition or an adjective ("Consciente du rôle…")."""
    if leftmost is None:
        return "complement"
    w = doc.out(leftmost)
    if w.lower() in _SUBJECT_HEADS:
        return "subject"
    if w[:1].isupper() and not doc.sentence_start(leftmost) and doc.kind(leftmost) == "word":
        return "subject"
    return "complement"


def _np_word(doc: _Doc, j: int) -> bool:
    """Noun, adjective, name, number or determiner: material of a noun phrase."""
    w, kind = doc.out(j), doc.kind(j)
    lw = w.lower()
    if kind in {"num", "symbol"} or lw in _DETERMINERS or lw == "l’":
        return True
    if kind != "word" or lw in _SUBJECTS or lw in {"a", "à"}:
        return False
    head = lw.rsplit("-", 1)[-1]  # "vingt-neuvième" is as nominal as "neuvième"
    return w[:1].isupper() or (doc.lex.is_nominal(head) and not _is_verb(doc.lex, head))


def _is_verb(lex: Lexicon, lw: str) -> bool:
    """A verb form that is not also a noun/adjective ("contribue", "tenir")."""
    if lex.is_participle(lw) or lex.is_infinitive(lw) or lex.is_gerund(lw):
        return True
    return lex.is_finite_verb(lw) and not lex.is_nominal(lw)


def _later_verb(doc: _Doc, n: int) -> str:
    """A conjugated verb after position n in the same clause, if any."""
    j: int | None = n
    while j is not None:
        w = doc.out(j)
        if w in {",", ";", ".", ":", "!", "?"} or w.lower() in _CLAUSE_OPENERS:
            return ""
        if doc.kind(j) == "word" and doc.lex.is_finite_verb_only(w):
            return w
        j = doc.next(j)
    return ""


def _fix_a(doc: _Doc, i: int) -> None:
    n = i + 1 if i + 1 < len(doc.toks) and not doc.gap(i + 1) else None
    if doc.glued(i) or doc.out(n) in {")", ".", "/"}:
        return  # a sub-paragraph letter: "a)", "A.", "3 a)"
    verdict, note = _decide_a(doc, i)
    t = doc.toks[i]
    if verdict is None:
        doc.flag(i, i, f"a or à? {note}")
    elif verdict == "à":
        new = "À" if t.out == "A" else "à"
        doc.rewrite(i, i, new, "a-grave", note)


def _fix_ampersand(doc: _Doc, i: int) -> None:
    """Read "& l’action" as "à l’action"; "R & D", "Procter & Gamble" are left."""
    p, n = doc.prev(i), doc.next(i)
    if doc.kind(p) != "word" or doc.kind(n) not in {"word", "elision"}:
        return
    if doc.out(p)[:1].isupper() and doc.out(n)[:1].isupper():
        return  # a name: "Procter & Gamble"
    verdict, note = _decide_a(doc, i)
    if verdict == "à":
        doc.rewrite(i, i, "à", "a-grave", f"“&” is OCR for “à”: {note}")
    else:
        doc.flag(i, i, f"“&” between words: {note}")


def _fix_four(doc: _Doc, i: int) -> None:
    """Read "signé 4 Samarcande" as "signé à": a lone 4 between a verb and a name;
    "le 4 juillet" is a date and is left alone."""
    lex = doc.lex
    p, n = doc.prev(i), doc.next(i)
    if doc.kind(p) != "word" or doc.kind(n) not in {"word", "elision"}:
        return
    if not (doc.gap(i) and i + 1 < len(doc.toks) and doc.gap(i + 1)):
        return
    prev, nxt = doc.out(p), doc.out(n)
    if not prev.islower() or not (lex.is_participle(prev) or lex.is_finite_verb(prev)):
        return
    if doc.kind(n) == "elision" or lex.is_infinitive(nxt):
        doc.rewrite(i, i, "à", "a-grave", f"“4” is OCR for “à” between “{prev}” and “{nxt}”")
    elif nxt[:1].isupper() and accent_key(nxt) not in _MONTHS:
        doc.rewrite(i, i, "à", "a-grave", f"“4” is OCR for “à”: verb “{prev}” then the name “{nxt}”")


def _fix_ou(doc: _Doc, i: int) -> None:
    """Read "une région ou règnent…" as "où": "ou" before a conjugated verb."""
    n = doc.next(i)
    if doc.kind(n) == "word" and doc.lex.is_finite_verb_only(doc.out(n)):
        doc.rewrite(i, i, "où", "accent", f"“ou” before the conjugated verb “{doc.out(n)}” is “où”")


def _fix_des(doc: _Doc, i: int) -> None:
    """Read "des que", "des lors", "des le début" as "dès": "des" cannot stand there."""
    n = doc.next(i)
    nxt = doc.out(n).lower()
    if doc.kind(n) in {"word", "elision"} and nxt in _AFTER_DES_GRAVE:
        new = "Dès" if doc.toks[i].out == "Des" else "dès"
        doc.rewrite(i, i, new, "accent", f"“des {doc.out(n)}” is impossible; “dès {doc.out(n)}” is meant")
