"""Search text analysis in pure Python: folding, Snowball stems, the query language, highlights.

PostgreSQL analyses texts itself (the en_unaccent and fr_unaccent configurations made by the
migrations). SQLite has no French stemmer, so its index and its queries go through `stems()`,
which takes the same steps as those configurations: split into words, lower case, remove accents,
Snowball stem (`english` is Porter2, like PostgreSQL's english_stem). Stop words are dropped from
queries, not from the index, so that phrases keep their word positions.
"""

from __future__ import annotations

import html
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache

import snowballstemmer

from .stopwords import STOPWORDS

MAX_QUERY_CHARS = 200  # a longer query is cut here: no one types more, and it bounds the work
MAX_TERMS = 12
STEMMERS = {"en": "english", "fr": "french"}  # language code → Snowball algorithm; others: no stemming

WORD = re.compile(r"\w+")
# A chunk PostgreSQL's parser reads as one token: 59/48, anti-terrorist, A/79/L.124.
COMPOUND = re.compile(r"^\w+(?:[-/.]\w+)+$")
QUOTES = str.maketrans({"«": '"', "»": '"', "“": '"', "”": '"', "„": '"', "‟": '"'})
LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})
# ts_headline's StartSel/StopSel and our own highlighter mark matches in the HTML-escaped text, which
# cannot contain "<": no character of a text can pass for a mark (private-use characters did).
START, STOP = "<mark>", "</mark>"
# The words of a text the highlighter reads: a text is at most settings.TEXT_MAX_CHARS (20,000
# characters, some 3,000 words), but one stored before that limit may be longer.
HIGHLIGHT_MAX_CHARS = 50_000

_local = threading.local()  # Snowball stemmer objects keep state: one per thread


def fold(word: str) -> str:
    """Lower case without accents: 'Douchanbé' → 'douchanbe', 'Œuvre' → 'oeuvre'."""
    decomposed = unicodedata.normalize("NFKD", word.translate(LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


@lru_cache(maxsize=100_000)
def stem(word: str, language: str) -> str:
    """The index term for one word: 'coopération' → 'cooper', 'sponsoring' → 'sponsor'."""
    folded = fold(word)
    algorithm = STEMMERS.get(language)
    if algorithm is None:
        return folded
    stemmers = _local.__dict__.setdefault("stemmers", {})
    stemmer = stemmers.get(algorithm) or stemmers.setdefault(algorithm, snowballstemmer.stemmer(algorithm))
    return stemmer.stemWord(folded)


def stems(language: str, text: str | None) -> str:
    """Every word of a text as its index term, in order (SQLite's FTS5 indexes this)."""
    return " ".join(stem(w, language) for w in WORD.findall(text or ""))


def is_stopword(word: str, language: str) -> bool:
    # PostgreSQL's unaccent runs before the stemmer's stop-word check: do the same.
    return fold(word) in STOPWORDS.get(language, ())


def clean(q: str) -> str:
    """The query as we search it: no control characters, French and curly quotes as '"', cut short."""
    q = unicodedata.normalize("NFC", q or "").translate(QUOTES)
    q = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in q)
    return " ".join(q.split())[:MAX_QUERY_CHARS].strip()


def _pg_chunk(chunk: str) -> str:
    """A chunk of the query as websearch_to_tsquery should see it: a compound PostgreSQL's parser
    keeps whole (59/48, Anti-Terrorist, A/79/L.124), else its words; never an operator."""
    chunk = chunk.strip(".,;:!?()[]{}'’-")
    return chunk if COMPOUND.match(chunk) else " ".join(WORD.findall(chunk))


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]  # for SQLite and the highlighter
    phrase: bool = False  # "quoted", or a chunk of several words such as 59/48 or anti-terrorist
    negated: bool = False
    pg: str = ""  # the same for websearch_to_tsquery
    prefix: bool = False  # the word being typed: it matches the words it begins

    def prefixes(self, language: str) -> tuple[str, str, list[str]]:
        """How a word being typed meets the index's stems: (folded, stemmed) as prefixes of a stem,
        and shorter exact stems it may already have run past. The index holds stems, and the
        stemmer strips suffixes: "cooperatio" is a prefix of "cooperation", whose stem "cooper"
        is shorter than what was typed. Suffixes run to about four letters."""
        folded = fold(self.words[0])
        shorter = [folded[:k] for k in range(max(4, len(folded) - 4), len(folded))]
        return folded, stem(self.words[0], language), shorter

    def websearch(self) -> str:
        body = f'"{self.pg}"' if self.phrase and " " in self.pg else self.pg
        return f"-{body}" if self.negated else body


@dataclass
class Query:
    """A web-search-style query: words, "phrases", -excluded, OR between groups of words.

    As in PostgreSQL's websearch_to_tsquery, OR binds loosest: `a b or c` is (a and b) or c.
    """

    text: str
    groups: list[list[Term]] = field(default_factory=list)

    @classmethod
    def parse(cls, q: str, prefix: bool = False) -> Query:
        """`prefix`: the user is typing, so the last word may be unfinished (search as you type):
        it matches the words it begins, if the query has one group and ends in a plain word."""
        query = cls._parse(q)
        last = query.groups[-1][-1] if len(query.groups) == 1 else None
        typing = prefix and not (q or "")[-1:].isspace() and re.search(r"\w$", q or "")
        if typing and last and not last.negated and not last.phrase and len(fold(last.words[0])) >= 3:
            query.groups[-1][-1] = Term(last.words, False, False, last.pg, prefix=True)
        return query

    @classmethod
    def _parse(cls, q: str) -> Query:
        text = clean(q)
        groups: list[list[Term]] = [[]]
        count = 0
        for match in re.finditer(r'(-?)"([^"]*)"?|(\S+)', text):
            if count >= MAX_TERMS:
                break
            sign, quoted, chunk = match.groups()
            if chunk is None:
                words = tuple(WORD.findall(quoted))
                pg = " ".join(c for c in map(_pg_chunk, quoted.split()) if c)
                term = Term(words, len(words) > 1, sign == "-", pg) if words else None
            elif chunk.lower() == "or":
                if groups[-1]:
                    groups.append([])
                continue
            else:
                negated = chunk.startswith("-") and len(chunk) > 1
                chunk = chunk[1:] if negated else chunk
                words = tuple(WORD.findall(chunk))
                term = Term(words, len(words) > 1, negated, _pg_chunk(chunk)) if words else None
            if term:
                groups[-1].append(term)
                count += 1
        return cls(text, [g for g in groups if any(not t.negated for t in g)])

    def __bool__(self) -> bool:
        return bool(self.groups)

    def websearch(self) -> str:
        """The query rewritten for websearch_to_tsquery: only words, quotes, '-' and 'or' are left
        (a word being typed is not among them: prefix())."""
        return " or ".join(" ".join(t.websearch() for t in group if not t.prefix) for group in self.groups)

    def prefix(self) -> Term | None:
        """The word being typed, if any (parse(prefix=True))."""
        return next((t for group in self.groups for t in group if t.prefix), None)

    def positive_words(self) -> list[str]:
        return [w for group in self.groups for t in group if not t.negated for w in t.words]

    def fts5(self, language: str) -> str | None:
        """An FTS5 MATCH expression on the stems column for one language, or None if nothing is left."""
        groups = []
        for group in self.groups:
            included, excluded = [], []
            for term in group:
                words = list(term.words)
                if term.phrase:  # stop words inside a phrase stay: they hold positions, as in PostgreSQL
                    while words and is_stopword(words[0], language):
                        words.pop(0)
                    while words and is_stopword(words[-1], language):
                        words.pop()
                else:
                    words = [w for w in words if not is_stopword(w, language)]
                if term.prefix:
                    folded, stemmed, shorter = term.prefixes(language)
                    alternatives = [f'"{folded}" *', f'"{stemmed}" *', *(f'"{s}"' for s in shorter)]
                    included.append("(" + " OR ".join(dict.fromkeys(alternatives)) + ")")
                    continue
                if not words:
                    continue
                phrase = '"' + " ".join(stem(w, language) for w in words) + '"'
                (excluded if term.negated else included).append(phrase)
            if included:
                expression = " AND ".join(included) + "".join(f" NOT {p}" for p in excluded)
                groups.append(f"({expression})")
        if not groups:
            return None
        return f'(lang : "{language}" AND stems : ({" OR ".join(groups)}))'

    def stem_set(self, language: str) -> set[str]:
        """Index terms to highlight in a text of that language (not the word being typed)."""
        return {
            stem(w, language)
            for group in self.groups
            for t in group
            if not t.negated and not t.prefix
            for w in t.words
            if not is_stopword(w, language)
        }


def marked_words(marked: str) -> list[str]:
    """The words between marks in an escaped text, as written there (for ?hl= on the permalink)."""
    return [html.unescape(w) for w in re.findall(f"{START}([^<]*){STOP}", marked)]


def highlight(text: str, query: Query, language: str, max_words: int = 35) -> str:
    """The text (or the part of it around most matches), HTML-escaped, matching words in <mark>.

    SQLite's stand-in for PostgreSQL's ts_headline: same marks, about the same length. One pass
    over the words, whatever their number and the matches'.
    """
    whole, text = text, text[:HIGHLIGHT_MAX_CHARS]
    wanted = query.stem_set(language)
    typed = query.prefix()
    folded, stemmed, shorter = typed.prefixes(language) if typed else ("", "", [])

    def matches(word: str) -> bool:
        term = stem(word, language)
        if term in wanted:
            return True
        return bool(typed) and (fold(word).startswith(folded) or term.startswith(stemmed) or term in shorter)

    tokens = list(WORD.finditer(text))
    if not tokens:
        return _escape(whole)
    hits = [i for i, t in enumerate(tokens) if matches(t.group())]
    first, last = 0, len(tokens) - 1
    if len(tokens) > max_words:
        best = _densest(len(tokens), hits, max_words)  # the window holding the most matches…
        inside = [h for h in hits if best <= h < best + max_words] or [best]
        centre = (inside[0] + inside[-1]) // 2  # …then centred on them
        first = max(0, min(centre - max_words // 2, len(tokens) - max_words))
        last = first + max_words - 1
    return _marked_window(text, tokens, hits, first, last, whole)


def _marked_window(text: str, tokens: list[re.Match], hits: list[int], first: int, last: int, whole: str) -> str:
    """Tokens `first` to `last` of the text, HTML-escaped, the hits among them in marks, with "…"
    where the window does not reach the start or the end of `whole`."""
    begin = tokens[first].start() if first > 0 else 0
    end = tokens[last].end() if last < len(tokens) - 1 else len(text)
    out, position = [], begin
    for i in hits:
        if first <= i <= last:
            token = tokens[i]
            out.append(_escape(text[position : token.start()]) + START + _escape(token.group()) + STOP)
            position = token.end()
    out.append(_escape(text[position:end]))
    return ellipsize("".join(out), _escape(whole))


def _escape(text: str) -> str:
    """&, < and > as entities, as the PostgreSQL backend escapes a text for ts_headline."""
    return html.escape(text, quote=False)


def _densest(count: int, hits: list[int], width: int) -> int:
    """The first of the windows of `width` words holding the most hits (a sliding count)."""
    is_hit = [0] * count
    for h in hits:
        is_hit[h] = 1
    inside = best_inside = sum(is_hit[:width])
    best = 0
    for start in range(1, count - width + 1):
        inside += is_hit[start + width - 1] - is_hit[start - 1]
        if inside > best_inside:
            best, best_inside = start, inside
    return best


def ellipsize(marked: str, text: str, delimiter: str = " … ") -> str:
    """Add "… " before and " …" after an excerpt that does not reach the start or the end of the
    text (both HTML-escaped)."""
    fragments = marked.split(delimiter)
    plain = [f.replace(START, "").replace(STOP, "") for f in fragments]
    before = "" if text.startswith(plain[0].strip()) else "… "
    after = "" if text.rstrip().endswith(plain[-1].strip()) else " …"
    return before + marked.strip() + after


def _cognate(word: str, wanted: list[str]) -> bool:
    """`word` is one of `wanted` or its spelling in the other language: Dushanbe/Douchanbé,
    Samarkand/Samarcande, security/sécurité (folded, same first letter, close spelling)."""
    folded = fold(word)
    if len(folded) < 4:
        return folded in wanted
    return any(folded[0] == w[0] and SequenceMatcher(None, folded, w, autojunk=False).ratio() >= 0.8 for w in wanted)


def echo(text: str, marked: str, main_text: str, max_words: int = 35) -> str:
    """The same paragraph in another language, trimmed and marked like the hit's snippet: its
    words that are the snippet's marked words or their spellings in this language, in a window
    of about as many words as the snippet (more where this language is longer), placed where the
    marks are, else where the snippet sits in its own text. `marked` is the snippet as highlight()
    or ts_headline make it; the result too: HTML-escaped, matches in <mark>."""
    wanted = list(dict.fromkeys(fold(w) for w in marked_words(marked) for w in WORD.findall(w)))
    tokens = list(WORD.finditer(text))
    if not tokens:
        return _escape(text)
    hits = [i for i, t in enumerate(tokens) if wanted and _cognate(t.group(), wanted)]
    shown = html.unescape(marked.replace(START, "").replace(STOP, ""))
    words = max(len(WORD.findall(shown)), 1)
    main_words = max(len(WORD.findall(main_text)), 1)
    size = max(words, round(words * len(tokens) / main_words)) if words < main_words else len(tokens)
    first, last = 0, len(tokens) - 1
    if size < len(tokens):
        if hits:
            centre = (hits[0] + hits[-1]) // 2 if hits[-1] - hits[0] < size else hits[0]
        else:  # where the snippet is in its own text, in proportion
            start = main_text.find(shown.strip(" …")[:40])
            centre = round((max(start, 0) / max(len(main_text), 1)) * len(tokens) + size / 2)
        first = max(0, min(centre - size // 2, len(tokens) - size))
        last = first + size - 1
    return _marked_window(text, tokens, hits, first, last, text)
