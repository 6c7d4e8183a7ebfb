"""Regular expressions and word lists for UN document text, in English and French."""

import re

MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "fr": [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ],
}
# OCR damages month names too (aoGt, aolt); those are repaired later, but a footnote label
# followed by anything month-like must not be taken for a footnote.
_MONTH_ALT = "|".join(MONTHS["en"] + MONTHS["fr"] + ["fevrier", "aout", "aoút", "aoGt", "aolt", "decembre"])
MONTH_WORD = re.compile(rf"(?i)^(?:{_MONTH_ALT})\b")

LANGUAGE_NAMES = {
    "english": "en",
    "anglais": "en",
    "french": "fr",
    "français": "fr",
    "francais": "fr",
    "spanish": "es",
    "espagnol": "es",
    "russian": "ru",
    "russe": "ru",
    "chinese": "zh",
    "chinois": "zh",
    "arabic": "ar",
    "arabe": "ar",
}

# A UN document symbol: A/79/L.124, A/RES/79/1, S/RES/2719 (2023), A/79/807-S/2025/132, A/C.3/79/L.1/Rev.1.
SYMBOL = r"(?:A|S|E|ST|UNEP|TD|DP|CRC|CCPR|[A-Z]{1,6})/[A-Za-z0-9.\-]+(?:/[A-Za-z0-9.\-]+)*(?:\s?\(\d{4}\))?"
SYMBOL_RE = re.compile(SYMBOL)

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
FROM_SUPERSCRIPT = str.maketrans(SUPERSCRIPT_DIGITS, "0123456789")

# Print furniture: job numbers (25-13823, 25-13823 (F)), page numbers (2/5), barcodes, recycling notes.
_JOB = r"\d{2}-\d{5}(?:\s*\([A-Z]\))?(?:\s+\d{6})?"
_PAGE = r"(?P<page>\d{1,3})/(?P<pages>\d{1,3})"
_FURNITURE_TOKEN = re.compile(
    rf"{_JOB}|\d{{1,3}}/\d{{1,3}}|\*\d{{7,}}\*|Please recycle|Merci de recycler|[\u2660-\u267f]"
)
PAGE_RE = re.compile(rf"^{_PAGE}$")


# A rule: the line above a page's footnotes, or the `---` a PDF extraction puts between pages.
RULE = re.compile(r"^(?:[_\-–—=]{5,}|-{3,}|\*{3,})$")


def is_furniture(line: str, symbol: str = "") -> bool:
    """True for a line that is only print furniture (page numbers, job number, running header,
    the rule above footnotes)."""
    rest = line.strip()
    if not rest:
        return False
    if RULE.match(rest):
        return True
    if symbol and rest.replace(" ", "") == symbol.replace(" ", ""):
        return True
    tokens = []
    while rest:
        m = _FURNITURE_TOKEN.match(rest)
        if not m:
            if symbol and rest.startswith(symbol):
                m_len = len(symbol)
                tokens.append(rest[:m_len])
                rest = rest[m_len:].lstrip()
                continue
            return False
        tokens.append(m.group())
        rest = rest[m.end() :].lstrip()
    for token in tokens:
        page = PAGE_RE.match(token)
        # 59/48 is a resolution number, 2/5 a page number.
        if page and not 0 < int(page["page"]) <= int(page["pages"]):
            return False
    return True


ENACTING = re.compile(
    r"^(?P<formula>The General Assembly|The Security Council|The Economic and Social Council|"
    r"[L1I][’']\s?Assemblée générale|Le Conseil de sécurité|Le Conseil économique et social)\s*,?\s*$"
)

# "- 1. Acknowledges", "1.  Considère", or a number alone on its line.
# OCR reads "1." as "l." or "I." now and then: before a capitalised verb, that is operative 1.
OPERATIVE_START = re.compile(r"^(?:[-–•]\s*)?(?P<num>\d{1,3}|[lI](?=\s?\.\s+[A-ZÉ]))\s?\.(?:\s+|$)")
# "(a)" in English, "a)" in French
SUBPARA_START = re.compile(r"^\(?(?P<num>[a-z]{1,2}|[ivxl]{1,6})\)\s+")

# Footnote labels: superscript digits, ^{n}, *, plain digits, or OCR garbage for a lost digit.
FOOTNOTE_LINE = re.compile(
    r"^(?P<label>[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\^\{[^}]{1,4}\}|\*{1,3}|\d{1,3}|[!?®°’'¢©§¤†‡])\s+(?P<text>\S.*)$"
)
GARBAGE_LABELS = set("!?®°’'¢©§¤†‡")

ADOPTION = re.compile(
    r"^(?:Resolution adopted by the (?:General Assembly|Security Council)|"
    r"Résolution adoptée par (?:l[’']Assemblée générale|le Conseil de sécurité)|"
    r"Adopted by the Security Council at its|Adoptée par le Conseil de sécurité à sa)\b.*$"
)
# Security Council resolutions carry no title but this line: "Resolution 2719 (2023)"
SC_RESOLUTION = re.compile(r"^(?:Resolution|Résolution) (?P<number>\d{1,5} \(\d{4}\))$")
COMMITTEE = re.compile(r"^\[.*\]$")
RESOLUTION_TITLE = re.compile(r"^(?P<number>\d{1,3}/\d{1,4}(?:\s?[A-Z])?)\.\s+(?P<title>\S.*)$")
# "[Adopted by a recorded vote of 155 to 7, with 11 abstentions]", "Adopted without a vote"
VOTE = re.compile(
    r"^\[?(?:Adopted (?:by a (?:recorded )?vote|without a vote)"
    r"|Adoptée (?:par \d|à l[’']issue d[’']un vote|sans vote)).*$",
    re.IGNORECASE,
)
# "52nd plenary meeting", with its date on the same line or not ("52e séance plénière 1er décembre 2025")
MEETING = re.compile(
    r"^(?P<number>\d{1,4})\s?(?:st|nd|rd|th|e|re|ème)\s+(?:plenary meeting|séance plénière)"
    r"(?:\s+(?P<date>\d{1,2}(?:er)?\s+\w+\s+\d{4}))?\.?$",
    re.IGNORECASE,
)
DRAFT_KIND = re.compile(
    r"^(?P<sponsors>.*?)\s*:\s*(?P<mark>\^\{[^}]{1,4}\}|\*{1,3}|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)?\s*"
    r"(?P<kind>draft resolution|projet de résolution|draft decision|projet de décision)\s*$",
    re.IGNORECASE,
)
ANNEX = re.compile(r"^(?:Annex|Annexe|ANNEX|ANNEXE)(?:\s+(?P<num>[IVX]{1,5}|\d{1,2}))?$")
# "Annex Awaza Political Declaration": the heading and the annex's title on one line
ANNEX_TITLED = re.compile(
    r"^(?:Annex|Annexe|ANNEX|ANNEXE)(?:\s+(?P<num>[IVX]{1,5}))?\s+(?P<title>[A-ZÀ-Ý0-9“«\"][^;]{2,250}?)$"
)
# "Article 1", "Article premier", "Article 12 Title"
ARTICLE = re.compile(r"^(?:Article|Art\.)\s+(?P<num>\d{1,3}|premier|unique)\b\.?\s*(?P<title>.*)$")
# "I. Principles", "II. Follow-up"
SECTION = re.compile(r"^(?P<num>[IVX]{1,5})\.\s+(?P<title>\S.{0,150})$")
