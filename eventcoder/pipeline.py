"""The pipeline: builds the stages in order, checks what each requires and assigns, runs them.

Extraction of one document is a pure function of (text, metadata, resources): the same input
gives the same output, which is what lets a batch engine run it on many workers.

A stage is a module in :mod:`eventcoder.stages` with ``NAME``, ``REQUIRES`` and ``ASSIGNS``
(names of :class:`Analysis` attributes) and ``run(analysis) -> None``. Stages never call back
into an earlier one.
"""
from __future__ import annotations

import importlib
import logging
import time
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Iterator

from .blocks import add_count_warning, join_results
from .documents import check_published, check_text, normalize_text, parse_published, sha256_text
from .errors import Errors, PipelineError, Warnings
from .model import DocumentMeta, DocumentResult
from .resources import Resources, default_resources
from .stages.parse import MAX_SENT_TOKENS, chunk_text

log = logging.getLogger(__name__)

STAGE_ORDER = ("parse", "entities", "places", "times", "quantities", "attributions", "events")


@dataclass
class Analysis:
    """What flows between stages for one document.

    ``result`` is the growing :class:`DocumentResult`; ``doc`` the spaCy ``Doc`` (set by the
    parse stage); ``notes`` a scratch dict stages use to pass derived facts forward (e.g. the
    entities stage's mention index), keyed by the producing stage's name.
    """

    result: DocumentResult
    resources: Resources
    doc: Any = None
    notes: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return self.result.text

    @property
    def published(self) -> str | None:
        return self.result.document.published

    def warn(self, message: str) -> None:
        if message not in self.result.warnings:
            self.result.warnings.append(message)


def load_stages(names: Iterable[str] = STAGE_ORDER) -> list[Any]:
    """Import the stage modules and check that each one's REQUIRES is assigned earlier.

    Raises PipelineError (E011) on a bad order.
    """
    stages = [importlib.import_module(f"eventcoder.stages.{name}") for name in names]
    available = {"text", "published", "result", "resources"}
    for stage in stages:
        missing = set(stage.REQUIRES) - available
        if missing:
            raise PipelineError(Errors.E011.format(stage=stage.NAME, missing=sorted(missing)))
        available |= set(stage.ASSIGNS)
    return stages


_STAGES: list[Any] | None = None


def _stages() -> list[Any]:
    global _STAGES
    if _STAGES is None:
        _STAGES = load_stages()
    return _STAGES


def extract(
    text: str,
    published: Any = None,
    *,
    id: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
    title: str | None = None,
    resources: Resources | None = None,
    warnings: list[str] | None = None,
    timings: dict[str, float] | None = None,
    home_region: str | None = None,  # the outlet's home, ISO 3166-2 "US-LA" or country "US" (eventcoder.outlets); E024 if unknown
) -> DocumentResult:
    """Extract entities, places, times, quantities, attributions and events from one text.

    ``published`` is the document creation time (ISO date string, ``date`` or ``datetime``);
    without it relative times stay unresolved and W001 is recorded. Returns a
    :class:`DocumentResult` whose spans index its ``text`` exactly: ``text`` itself, or ``text``
    without invisible format characters (Unicode Cf, removed with W010). ``timings``, if given, receives
    seconds per stage. A text longer than ``settings.chunk_chars`` is processed in
    paragraph-aligned blocks, each as its own document, and the results joined
    (:mod:`eventcoder.blocks`, W005). Raises InputError (E001 empty, E002 binary, E004 too large, E005 bad
    date) and ResourceMissing (model or gazetteer absent).
    """
    resources = resources or default_resources()
    text, cleaned = normalize_text(text)  # invisible format characters (W010); no-op if done already
    check_text(text, "text", resources.settings.max_chars)
    sha = sha256_text(text)
    meta = DocumentMeta(
        id=id or sha[:16],
        sha256=sha,
        published=parse_published(published),
        outlet=outlet,
        url=url,
        title=title,
    )
    if home_region:  # weak local context for ambiguous toponyms (stages/places.py)
        from .outlets import check_home_region

        meta.home_region = check_home_region(resources.gazetteer, home_region)
    result = DocumentResult(document=meta, text=text, warnings=list(warnings or []) + cleaned)
    if implausible := check_published(meta.published):  # W012: future or before 1900
        result.warnings.append(implausible)
    analysis = Analysis(result=result, resources=resources)
    if len(text) > resources.settings.chunk_chars:
        _run_blocks(analysis)  # paragraph-aligned blocks: bounded memory, linear time
    else:
        _run_stages(analysis)
    if timings is not None:
        timings.update(analysis.timings)
    if not result.places:
        analysis.warn(Warnings.W004)
    return result


def _run_stages(analysis: Analysis) -> None:
    for stage in _stages():
        started = time.perf_counter()
        stage.run(analysis)
        analysis.timings[stage.NAME] = analysis.timings.get(stage.NAME, 0.0) + time.perf_counter() - started


def _run_blocks(analysis: Analysis) -> None:
    """Run the stages on each paragraph-aligned block of at most ``settings.chunk_chars``
    characters as its own document and join the results (:mod:`eventcoder.blocks`: offsets
    shifted, ids renumbered, same-name entities joined). W005 records the split."""
    result = analysis.result
    pieces = chunk_text(result.text, analysis.resources.settings.chunk_chars)

    def parts():
        offset = 0
        for n, piece in enumerate(pieces, 1):
            log.info("block %d/%d (%d chars at %d)", n, len(pieces), len(piece), offset)
            block = Analysis(result=DocumentResult(document=replace(result.document), text=piece),
                             resources=analysis.resources, timings=analysis.timings)
            _run_stages(block)
            if n == 1:
                result.document.language = block.result.document.language
            yield offset, block.result
            offset += len(piece)

    join_results(result, parts())
    analysis.warn(Warnings.W005.format(chars=len(result.text), chunks=len(pieces)))
    cuts = sum(1 for piece in pieces[:-1] if not piece.endswith("\n"))  # inside a paragraph
    if cuts:
        limit = f"{MAX_SENT_TOKENS} tokens or {analysis.resources.settings.chunk_chars:,} chars"
        add_count_warning(result.warnings, Warnings.W011.format(count=cuts, limit=limit))


def extract_many(records: Iterable[dict], resources: Resources | None = None) -> Iterator[DocumentResult]:
    """Extract each record ``{"id", "text", "published", "outlet"?, "url"?, "title"?,
    "home_region"?}`` in order, loading resources once. Yields DocumentResults; errors propagate
    per record to the caller."""
    resources = resources or default_resources()
    for record in records:
        yield extract(
            record["text"],
            record.get("published"),
            id=record.get("id"),
            outlet=record.get("outlet"),
            url=record.get("url"),
            title=record.get("title"),
            resources=resources,
            home_region=record.get("home_region"),
        )
