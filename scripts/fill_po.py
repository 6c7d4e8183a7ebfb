"""Fill French translations into locale/fr/LC_MESSAGES/django.po from scripts/fr_messages.py (msgid → msgstr).

Run `make messages` after adding strings; untranslated ones are listed.
"""

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from fr_messages import FR

PO = Path(__file__).resolve().parent.parent / "locale/fr/LC_MESSAGES/django.po"


def unquote(lines: list[str]) -> str:
    return "".join(re.match(r'^(?:msgid |msgstr |msgid_plural )?"(.*)"$', ln).group(1) for ln in lines)


def quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def main() -> None:
    blocks = PO.read_text(encoding="utf-8").split("\n\n")
    missing = []
    out = []
    for i, block in enumerate(blocks):
        lines = block.split("\n")
        ids = [j for j, ln in enumerate(lines) if ln.startswith("msgid ")]
        strs = [j for j, ln in enumerate(lines) if ln.startswith("msgstr")]
        if i == 0 or not ids or not strs or any(ln.startswith("msgid_plural") for ln in lines):
            out.append(block)
            continue
        msgid = unquote(lines[ids[0] : strs[0]]).encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
        translation = FR.get(msgid)
        if translation is None:
            missing.append(msgid)
            out.append(block)
            continue
        lines = [ln for ln in lines[: strs[0]] if not ln.startswith("#, fuzzy")] + ["msgstr " + quote(translation)]
        out.append("\n".join(lines))
    PO.write_text("\n\n".join(out), encoding="utf-8")
    for msgid in missing:
        print("untranslated:", msgid)


if __name__ == "__main__":
    main()
