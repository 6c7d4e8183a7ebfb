"""The italic opening words of a paragraph ("Recalling also", "Prenant note", "Requests").

UN drafting conventions: a preambular paragraph opens with a participle or adjective,
an operative paragraph with a verb, optionally preceded by an adverb ("Strongly urges")
or a reflexive pronoun ("Se félicitant"), optionally followed by a fixed complement
("also", "further", "into account", "en outre", "note"). Only those words are italic.
"""

import re

# Adverbs that may open a paragraph before the verb or adjective.
_LEADING = {
    "en": ["deeply", "gravely", "strongly", "firmly", "fully", "further", "also", "once again", "again"],
    "fr": ["profondément", "vivement", "fermement", "pleinement", "gravement", "très", "également"],
}
# Reflexive pronouns in French lead phrases ("Se félicitant", "S’inquiétant").
_REFLEXIVE = ("se ", "s’", "s'")

# Complements that stay in italics after the head word, longest first when matched.
_FOLLOWING = {
    "en": [
        "also",
        "further",
        "furthermore",
        "moreover",
        "in addition",
        "again",
        "once again",
        "in particular",
        "with concern",
        "with deep concern",
        "with grave concern",
        "with serious concern",
        "with great concern",
        "with appreciation",
        "with deep appreciation",
        "with great appreciation",
        "with satisfaction",
        "with interest",
        "with regret",
        "with deep regret",
        "with alarm",
        "with gratitude",
        "into account",
        "into consideration",
        "note",
        "in mind",
        "upon",
    ],
    "fr": [
        "également",
        "aussi",
        "en outre",
        "de plus",
        "par ailleurs",
        "de nouveau",
        "à nouveau",
        "en particulier",
        "avec préoccupation",
        "avec une vive préoccupation",
        "avec une profonde préoccupation",
        "avec une grande préoccupation",
        "avec inquiétude",
        "avec une vive inquiétude",
        "avec satisfaction",
        "avec intérêt",
        "avec regret",
        "avec un profond regret",
        "avec gratitude",
        "avec appréciation",
        "avec une profonde gratitude",
        "note",
        "acte",
        "compte",
        "à l’esprit",
        "présent à l’esprit",
        "instamment",
        "vivement",
        "de nouveau",
        "fermement",
    ],
}

_WORD = re.compile(r"[^\W\d_][\w’'-]*", re.UNICODE)


def _after_prefix(text: str, pos: int, phrases: list[str]) -> int:
    """Return the end of the longest phrase in `phrases` found at `pos`, or `pos`."""
    best = pos
    lowered = text.lower()
    for phrase in phrases:
        end = pos + len(phrase)
        if lowered.startswith(phrase, pos) and (end == len(text) or not text[end].isalnum()):
            best = max(best, end)
    return best


def find_lead(text: str, language: str) -> str:
    """The opening words to print in italics; "" if the text does not open with a word."""
    lang = language if language in _FOLLOWING else "en"
    pos = 0
    lowered = text.lower()
    if lang == "fr" and lowered.startswith(_REFLEXIVE):
        pos = 3 if lowered.startswith("se ") else 2
    start_word = _WORD.match(text, pos)
    if not start_word or not text[0].isupper():
        return ""
    end = start_word.end()
    # "Deeply concerned", "Strongly urges": an opening adverb takes the next word too.
    if start_word.group().lower() in _LEADING[lang]:
        nxt = _WORD.match(text, end + 1)
        if nxt and text[end : end + 1] == " ":
            end = nxt.end()
    # Complements may chain: "Taking note also", "Noting further with concern".
    while True:
        if end < len(text) and text[end] == " ":
            new_end = _after_prefix(text, end + 1, _FOLLOWING[lang])
            if new_end > end + 1:
                end = new_end
                continue
        break
    return text[:end]
