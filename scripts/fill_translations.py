"""Fill a .po catalogue from a Python dict of English → Dutch (a maintainer's tool, not used at run time).

Usage: uv run --with polib python scripts/fill_translations.py DICT_MODULE_PATH PO_FILE [PO_FILE ...]
The module defines NL = {msgid: msgstr} and optionally PLURALS = {msgid: [singular, plural]}.
Prints the msgids that are still untranslated.
"""

import runpy
import sys

import polib

namespace = runpy.run_path(sys.argv[1])
translations, plurals = namespace["NL"], namespace.get("PLURALS", {})
for path in sys.argv[2:]:
    catalogue = polib.pofile(path)
    for entry in catalogue:
        if entry.msgid_plural and entry.msgid in plurals:
            entry.msgstr_plural = dict(enumerate(plurals[entry.msgid]))
        elif entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        if not entry.translated():
            print(f"{path}: untranslated: {entry.msgid!r}")
    catalogue.save(path)
