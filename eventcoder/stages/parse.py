"""Stage 1, parse: spaCy sentences, tokens, dependencies and NER over the exact input text.

Long documents are split at paragraph breaks into chunks of about ``settings.chunk_chars``
characters, parsed with ``nlp.pipe`` and joined with ``Doc.from_docs``, so that character
offsets still index the original text (W005 records it).
"""
from __future__ import annotations

import re

from ..errors import Warnings

NAME = "parse"
REQUIRES: tuple[str, ...] = ("text",)
ASSIGNS = ("doc",)

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def chunk_text(text: str, size: int) -> list[str]:
    """Split ``text`` into consecutive pieces whose concatenation is ``text``, each cut after a
    paragraph break (else a line break, else a space) near ``size`` characters."""
    if len(text) <= size:
        return [text]
    pieces: list[str] = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = None
        for pattern in (_PARAGRAPH_BREAK, re.compile(r"\n"), re.compile(r" ")):
            matches = list(pattern.finditer(window))
            if matches and matches[-1].end() > size // 4:
                cut = matches[-1].end()
                break
        cut = cut or size
        pieces.append(text[start : start + cut])
        start += cut
    pieces.append(text[start:])
    return pieces


def run(analysis) -> None:
    """Set ``analysis.doc`` to the spaCy Doc of ``analysis.text`` (same text, same offsets)."""
    from spacy.tokens import Doc

    nlp = analysis.resources.nlp
    text = analysis.text
    pieces = chunk_text(text, analysis.resources.settings.chunk_chars)
    if len(pieces) == 1:
        analysis.doc = nlp(text)
    else:
        analysis.warn(Warnings.W005.format(chars=len(text), chunks=len(pieces)))
        analysis.doc = Doc.from_docs(list(nlp.pipe(pieces)), ensure_whitespace=False)
    assert analysis.doc.text == text  # offsets must index the caller's text
