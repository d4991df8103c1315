"""Choosing which events of which documents an export writes."""
from __future__ import annotations

from typing import Iterable, Iterator

from ..model import DocumentResult, Event


def selected_events(results: Iterable[DocumentResult], keys: set[tuple[str, str]] | None = None,
                    include_background: bool = False) -> Iterator[tuple[DocumentResult, Event]]:
    """``(result, event)`` pairs in document order. ``keys`` (``{(doc_sha256, event_id)}``, e.g.
    from a store query) restricts the events; background events are skipped unless
    ``include_background`` (or they are named in ``keys``)."""
    for result in results:
        for event in result.events:
            if keys is not None:
                if (result.document.sha256, event.id) not in keys:
                    continue
            elif event.background and not include_background:
                continue
            yield result, event
