"""Stage 1, parse: spaCy sentences, tokens, dependencies and NER over the exact input text.

Long documents are split at paragraph breaks into chunks of at most ``settings.chunk_chars``
characters (a paragraph longer than that is cut at a line break, else at a space), parsed as a
stream and joined with ``Doc.from_docs``, so that character offsets still index the original
text (W005 records it). The pipeline already runs a text longer than ``chunk_chars`` in
blocks of at most that size (:mod:`eventcoder.blocks`), so this stage sees one chunk unless
it is called on its own.

Sentence length is capped: a run of more than :data:`MAX_SENT_TOKENS` tokens without a
sentence-final mark (``. ! ? ; :``) or a line break gets a sentence start set *before* the
parser runs (after the last comma in the run when there is one nearby, else at the limit), and
the parser keeps such preset boundaries. Without the cap an unpunctuated text is one giant
"sentence", and the later stages, which look at sentence-sized windows, become quadratic
(an 80 kB run-on line took minutes). W011 counts the forced sentence breaks and mid-paragraph
chunk cuts.

W014 flags text that does not look like English (:func:`language_check`); it is still parsed.
"""
from __future__ import annotations

import re

from ..errors import Warnings

NAME = "parse"
REQUIRES: tuple[str, ...] = ("text",)
ASSIGNS = ("doc",)

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Longest run of tokens without . ! ? ; : or a line break that is left to the parser as one
# sentence. News sentences rarely pass 80 tokens; the longest in the reference corpus are ~100.
MAX_SENT_TOKENS = 150
_SENTENCE_MARKS = frozenset(".!?;:")
# Language check (eventcoder/1 reads English only): looked at on the first LANG_SAMPLE_TOKENS
# tokens, needs at least LANG_MIN_WORDS words. English news has 30-50% stop words (spaCy's
# English list; lowest of 1,144 GeoVirus/TR-News/LGL/GeoWebNews articles: 12%, a photo
# caption list); French, Spanish or German news sentences have 3-5%.
# Short texts: a mostly non-Latin script is judged from LANG_MIN_SCRIPT_WORDS words (Cyrillic,
# Arabic... can't be English at any length); the stop-word share from LANG_MIN_WORDS words, and
# from LANG_MIN_SHORT_WORDS words when the signal is clear: besides few English stop words, at
# least a quarter of the words (and 2) are stop words of French, Spanish, German, Italian,
# Portuguese or Dutch (spaCy's lists, English ones left out). An English headline without stop
# words ("Ukrainian drones hit Russian oil depot near Novorossiysk port") is not flagged.
LANG_SAMPLE_TOKENS = 5000
LANG_MIN_WORDS = 20
LANG_MIN_SHORT_WORDS = 8
LANG_MIN_SCRIPT_WORDS = 3
MIN_FOREIGN_STOP_SHARE = 0.25
_FOREIGN_STOPS: frozenset[str] | None = None


def _foreign_stops() -> frozenset[str]:
    """Stop words of six other Latin-script languages minus English ones (spaCy lists)."""
    global _FOREIGN_STOPS
    if _FOREIGN_STOPS is None:
        import importlib

        from spacy.lang.en.stop_words import STOP_WORDS as english

        words: set[str] = set()
        for lang in ("fr", "es", "de", "it", "pt", "nl"):
            words |= importlib.import_module(f"spacy.lang.{lang}.stop_words").STOP_WORDS
        _FOREIGN_STOPS = frozenset(words - english)
    return _FOREIGN_STOPS
MIN_LATIN_SHARE = 0.5
MIN_STOP_SHARE = 0.10
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")


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


def language_check(doc) -> str | None:
    """A reason why ``doc`` does not look like English, or None. Cheap, no extra model: the
    share of letters in Latin script (below ``MIN_LATIN_SHARE``: Arabic, Cyrillic, CJK...) and
    the share of words in spaCy's English stop list (``Token.is_stop``; below
    ``MIN_STOP_SHARE``: another Latin-script language). The script is judged from
    ``LANG_MIN_SCRIPT_WORDS`` words, the stop words from ``LANG_MIN_WORDS`` words, or from
    ``LANG_MIN_SHORT_WORDS`` when other languages' stop words make up ``MIN_FOREIGN_STOP_SHARE``
    of the words; shorter texts are not judged."""
    words = [t for t in doc[:LANG_SAMPLE_TOKENS] if t.is_alpha]
    if len(words) < LANG_MIN_SCRIPT_WORDS:
        return None
    letters = sum(len(t.text) for t in words)
    latin = sum(len(_LATIN.findall(t.text)) for t in words)
    if latin < MIN_LATIN_SHARE * letters:
        return f"{100 * latin / letters:.0f}% of letters are Latin script"
    if len(words) < LANG_MIN_SHORT_WORDS:
        return None
    if len(words) < LANG_MIN_WORDS:
        foreign = sum(1 for t in words if t.lower_ in _foreign_stops() and not t.is_stop)
        if foreign < max(2, MIN_FOREIGN_STOP_SHARE * len(words)):
            return None
    stops = sum(1 for t in words if t.is_stop)
    if stops < MIN_STOP_SHARE * len(words):
        return f"{100 * stops / len(words):.0f}% of {len(words)} words are English stop words"
    return None


def cap_sentences(doc, limit: int = MAX_SENT_TOKENS) -> int:
    """Mark sentence starts in an unparsed ``doc`` (from ``nlp.make_doc``) so that no run of
    more than ``limit`` tokens lacks a sentence-final mark (``. ! ? ; :``) or a line break.
    The cut goes after the run's last comma when that is within the last ``limit // 2`` tokens,
    else at the limit. Returns the number of forced sentence starts (0 for ordinary text)."""
    forced = 0
    run = 0  # tokens since the last natural break
    soft: int | None = None  # token after the last comma of the current run
    for i, tok in enumerate(doc):
        if run >= limit:
            cut = soft if soft is not None and i - soft < limit // 2 else i
            doc[cut].is_sent_start = True
            forced += 1
            run, soft = i - cut, None
        if tok.text in _SENTENCE_MARKS or (tok.is_space and "\n" in tok.text):
            run, soft = 0, None
            continue
        run += 1
        if tok.text == "," and i + 1 < len(doc):
            soft = i + 1
    return forced


def _parse(nlp, pieces: list[str]) -> tuple[list, int]:
    """Run ``nlp``'s components over each piece, with :func:`cap_sentences` between the
    tokenizer and the rest (what ``nlp.pipe`` does, plus the cap). Returns ``(docs, forced)``."""
    forced = 0

    def tokenized():
        nonlocal forced
        for piece in pieces:
            doc = nlp.make_doc(piece)
            forced += cap_sentences(doc)
            yield doc

    docs = tokenized()
    for _name, proc in nlp.pipeline:
        docs = proc.pipe(docs) if hasattr(proc, "pipe") else map(proc, docs)
    return list(docs), forced


def run(analysis) -> None:
    """Set ``analysis.doc`` to the spaCy Doc of ``analysis.text`` (same text, same offsets)."""
    from spacy.tokens import Doc

    nlp = analysis.resources.nlp
    text = analysis.text
    chunk_chars = analysis.resources.settings.chunk_chars
    pieces = chunk_text(text, chunk_chars)
    docs, forced = _parse(nlp, pieces)
    forced += sum(1 for piece in pieces[:-1] if not piece.endswith("\n"))  # cut inside a paragraph
    if len(pieces) == 1:
        analysis.doc = docs[0]
    else:
        analysis.warn(Warnings.W005.format(chars=len(text), chunks=len(pieces)))
        analysis.doc = Doc.from_docs(docs, ensure_whitespace=False)
    if forced:
        analysis.warn(Warnings.W011.format(count=forced, limit=f"{MAX_SENT_TOKENS} tokens or {chunk_chars:,} chars"))
    if reason := language_check(analysis.doc):
        analysis.warn(Warnings.W014.format(detail=reason))
        analysis.result.document.language = "und"  # ISO 639-2 "undetermined": not English
    assert analysis.doc.text == text  # offsets must index the caller's text
