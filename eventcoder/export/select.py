"""Choosing which events of which documents an export writes."""
from __future__ import annotations

import re
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


def one_line(text: str | None) -> str | None:
    """``text`` for one CSV/JSON cell: trimmed, every run of whitespace holding a line break
    collapsed to one space ("shelled.\\n\\n" -> "shelled."). Exports only: eventcoder/1 spans keep
    the exact text and offsets."""
    if text is None:
        return None
    return re.sub(r"[ \t]*[\r\n][\s]*", " ", text.strip())
