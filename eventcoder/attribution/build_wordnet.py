"""Build ``wordnet.json`` (cue and speaker word lists) from Princeton WordNet 3.0.

Run once, where the WordNet database files are installed (Debian package ``wordnet-base``:
``/usr/share/wordnet``)::

    python -m eventcoder.attribution.build_wordnet /usr/share/wordnet

Writes ``eventcoder/attribution/wordnet.json``; the attributions stage reads only that file (no
WordNet install needed at run time). A word is listed when its **most frequent sense** (first
sense in ``index.<pos>``, ordered by WordNet's tagged-corpus frequency) lies in the
lexicographer file named: ``verb.communication`` (verbs), ``noun.communication`` (nominal cues),
``noun.person`` / ``noun.group`` (nouns that can name a speaker). Single words only, less the
few exceptions of :data:`EXCLUDE` (kept in the file's ``_excluded`` key).
WordNet 3.0 licence (Princeton University, permissive; text in the ``_licence`` key).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

#: Lexicographer file numbers (WordNet ``lexnames(5WN)``).
LEXFILES = {"noun.cognition": 9, "noun.communication": 10, "noun.group": 14, "noun.person": 18,
            "verb.cognition": 31, "verb.communication": 32}

#: eventcoder's own exceptions: first sense a communication one, but in news copy mostly no
#: report ("faces charges", "was interviewed", "his bid for the presidency").
EXCLUDE = {"verb_communication": {"face", "interview"}, "noun_communication": {"bid"}}

LICENCE = ("WordNet Release 3.0. Copyright 2006 by Princeton University. All rights reserved. "
           "Permission to use, copy, modify and distribute this software and database and its "
           "documentation for any purpose and without fee or royalty is hereby granted, provided "
           "that you agree to comply with the following copyright notice and statements, including "
           "the disclaimer, and that the same appear on ALL copies of the software, database and "
           "documentation, including modifications that you make for internal use or for "
           "distribution. THIS SOFTWARE AND DATABASE IS PROVIDED \"AS IS\" AND PRINCETON UNIVERSITY "
           "MAKES NO REPRESENTATIONS OR WARRANTIES, EXPRESS OR IMPLIED. The name of Princeton "
           "University or Princeton may not be used in advertising or publicity pertaining to "
           "distribution of the software and/or database. Title to copyright in this software, "
           "database and any associated documentation shall at all times remain with Princeton "
           "University and LICENSEE agrees to preserve same.")


def _lexfile_of(data: Path) -> dict[str, int]:
    out = {}
    for line in data.read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue  # licence header
        parts = line.split()
        out[parts[0]] = int(parts[1])
    return out


def first_senses(wn_dir: Path, pos: str) -> dict[str, int]:
    """Lemma -> lexicographer file number of its most frequent sense, for ``pos`` ("noun" or
    "verb"), single words only. Raises FileNotFoundError when the database files are absent."""
    lex = _lexfile_of(wn_dir / f"data.{pos}")
    out = {}
    for line in (wn_dir / f"index.{pos}").read_text(encoding="latin-1").splitlines():
        if line.startswith("  "):
            continue
        parts = line.split()
        lemma, p_cnt = parts[0], int(parts[3])
        offsets = parts[4 + p_cnt + 2:]
        if "_" in lemma or not lemma.isalpha() or not offsets:
            continue
        out[lemma] = lex[offsets[0]]
    return out


def build(wn_dir: Path) -> dict:
    """The ``wordnet.json`` content built from the WordNet database at ``wn_dir``."""
    verbs, nouns = first_senses(wn_dir, "verb"), first_senses(wn_dir, "noun")

    def pick(table, *files):
        nums = {LEXFILES[f] for f in files}
        return sorted(w for w, n in table.items() if n in nums)

    return {
        "_source": "Princeton WordNet 3.0 (Debian package wordnet-base, /usr/share/wordnet), built by "
                   "eventcoder/attribution/build_wordnet.py: words whose most frequent sense lies in the "
                   "named lexicographer file; single words only.",
        "_licence": LICENCE,
        "_excluded": {k: sorted(v) for k, v in EXCLUDE.items()},
        "verb_communication": [w for w in pick(verbs, "verb.communication") if w not in EXCLUDE["verb_communication"]],
        "noun_communication": [w for w in pick(nouns, "noun.communication") if w not in EXCLUDE["noun_communication"]],
        "noun_speaker": pick(nouns, "noun.person", "noun.group"),
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    wn_dir = Path(argv[0] if argv else "/usr/share/wordnet")
    out = Path(__file__).resolve().parent / "wordnet.json"
    out.write_text(json.dumps(build(wn_dir), indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
