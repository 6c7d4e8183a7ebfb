"""URL converters: the document symbol is the path, as on undocs.org."""


class SymbolConverter:
    # A/79/L.124, A/RES/79/1, S/RES/2719(2023), A/79/807-S/2025/132: a capital letter first,
    # then slash-separated segments.
    regex = r"[A-Z][A-Za-z0-9.\-]*(?:/[A-Za-z0-9.\-()]+)+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class EidConverter:
    # pp3, op1, op2.a, op2.a.i, sec1 (a section heading), annex1.art2.para3; whatever the parser
    # names a paragraph (parsing/structure.py) must match, or its permalink cannot be made
    regex = r"(?:pp|op|sec|annex)[0-9][0-9a-z._]*"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value
