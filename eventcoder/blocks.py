"""Large documents in blocks: run the stages on paragraph-aligned pieces and join the results.

A document longer than ``settings.chunk_chars`` characters (100,000 by default) is cut at
paragraph breaks (else line breaks, else spaces: :func:`eventcoder.stages.parse.chunk_text`)
into blocks of at most that size. Every stage runs on one block at a time, as if the block were
a document of its own with the same publication date, and the block's spaCy ``Doc`` is freed
before the next block is parsed. Memory is then bounded by one block, and time grows linearly
with the number of blocks even where a stage looks at a whole document or paragraph (coreference
windows, attribution scopes: a 1.9 MB one-line text ran out of time and used 6.3 GB as one
document).

What a block cannot see: a pronoun, a definite description ("the ministry") or a narrative time
("the next day") whose antecedent lies in an earlier block stays unresolved or is resolved inside
its block. Entities of different blocks with the same name and type are joined into one entity
(ids in order of first appearance), so an actor keeps one id across the document.

Joining (:func:`join_results`): offsets are shifted by the block's start, so ``text[start:end]``
still equals each span's ``text`` in the whole document; ids are renumbered in document order
(``E1``..., ``P1``..., ``T1``..., ``Q1``..., ``A1``..., ``V1``...) and every reference (event
actor/recipient/places/time/quantities/attribution, attribution source entity, time anchor) is
mapped to the new ids. Warnings are joined without duplicates; offsets in W003/W006 are
shifted, and the counts of W001/W011 summed into one message.
"""
from __future__ import annotations

import re
from typing import Iterable

from .model import DocumentResult, Entity, Span

__all__ = ["join_results", "shift_result", "add_count_warning"]

# Warnings that name a char offset (shifted to the whole text) and warnings that count
# something (summed over the blocks into one message).
_OFFSET_WARNINGS = (re.compile(r"^(W003 toponym .+ at )(\d+)( not found in the gazetteer)$", re.S),
                    re.compile(r"^(W006 trigger .+? at )(\d+)(: .*)$", re.S))
_COUNT_WARNINGS = {"W001": re.compile(r"^(W001 .*?\()(\d+)(\).*)$", re.S),
                   "W011": re.compile(r"^(W011 )(\d+)( .*)$", re.S)}


def _shift_warning(warning: str, offset: int) -> str:
    for rx in _OFFSET_WARNINGS:
        if m := rx.match(warning):
            return f"{m.group(1)}{int(m.group(2)) + offset}{m.group(3)}"
    return warning


def add_count_warning(warnings: list[str], warning: str) -> None:
    """Add ``warning`` to ``warnings``; a counting warning (W001, W011) already present is
    replaced by one whose count is the sum."""
    rx = _COUNT_WARNINGS.get(warning[:4])
    m = rx.match(warning) if rx else None
    if m:
        for i, old in enumerate(warnings):
            if old[:4] == warning[:4] and (m_old := rx.match(old)):
                warnings[i] = f"{m_old.group(1)}{int(m_old.group(2)) + int(m.group(2))}{m_old.group(3)}"
                return
    if warning not in warnings:
        warnings.append(warning)


def _shift_span(span: Span | None, offset: int) -> None:
    if span is not None:
        span.start += offset
        span.end += offset


def shift_result(result: DocumentResult, offset: int, ids: dict[str, str]) -> None:
    """Shift every span of ``result`` by ``offset`` chars and rename its ids and references
    through ``ids`` (old id -> new id; ids not in the map are kept). In place."""
    def rename(value: str | None) -> str | None:
        return ids.get(value, value) if value is not None else None

    for entity in result.entities:
        entity.id = rename(entity.id)
        for mention in entity.mentions:
            _shift_span(mention, offset)
    for item in (*result.places, *result.quantities):
        item.id = rename(item.id)
        _shift_span(item, offset)
    for time in result.times:
        time.id = rename(time.id)
        _shift_span(time, offset)
        time.anchor = rename(time.anchor)  # "published", "none" or a T id
    for attribution in result.attributions:
        attribution.id = rename(attribution.id)
        for span in (attribution.cue, attribution.content, attribution.source, *attribution.via):
            _shift_span(span, offset)
        for ref in (attribution.source, *attribution.via):
            if ref is not None:
                ref.entity = rename(ref.entity)
    for event in result.events:
        event.id = rename(event.id)
        _shift_span(event.trigger, offset)
        _shift_span(event.sentence, offset)
        event.actor = rename(event.actor)
        event.recipient = rename(event.recipient)
        event.places = [rename(p) for p in event.places]
        event.time = rename(event.time)
        event.quantities = [rename(q) for q in event.quantities]
        event.attribution = rename(event.attribution)


def join_results(result: DocumentResult, parts: Iterable[tuple[int, DocumentResult]]) -> DocumentResult:
    """Append the block results ``parts`` (``(block start offset, block result)`` in text
    order, each indexing its own block text) to ``result`` (the whole document's, empty lists),
    shifting offsets, renumbering ids and joining same-name same-type entities. Returns
    ``result``."""
    entity_key: dict[tuple[str, str], Entity] = {}
    for offset, part in parts:
        ids: dict[str, str] = {}
        merged: list[tuple[Entity, Entity]] = []
        for entity in part.entities:
            key = (entity.name, entity.type)
            if key in entity_key:
                ids[entity.id] = entity_key[key].id
                merged.append((entity_key[key], entity))
            else:
                ids[entity.id] = f"E{len(entity_key) + 1}"
                entity_key[key] = entity
                result.entities.append(entity)
        for prefix, items in (("P", part.places), ("T", part.times), ("Q", part.quantities),
                              ("A", part.attributions), ("V", part.events)):
            base = len(getattr(result, {"P": "places", "T": "times", "Q": "quantities",
                                        "A": "attributions", "V": "events"}[prefix]))
            for n, item in enumerate(items, 1):
                ids[item.id] = f"{prefix}{base + n}"
        shift_result(part, offset, ids)
        for kept, other in merged:
            kept.mentions.extend(other.mentions)
            for name in ("country", "sector", "wikidata"):
                if getattr(kept, name, None) is None and getattr(other, name, None) is not None:
                    setattr(kept, name, getattr(other, name))
        result.places.extend(part.places)
        result.times.extend(part.times)
        result.quantities.extend(part.quantities)
        result.attributions.extend(part.attributions)
        result.events.extend(part.events)
        for warning in part.warnings:
            add_count_warning(result.warnings, _shift_warning(warning, offset))
    result.invalidate()
    result.__dict__.pop("_id_index", None)
    return result

