"""A readable fixed-width table of a document's events, for terminals."""
from __future__ import annotations

from ..model import DocumentResult
from ..store.flatten import event_place, other_places

COLUMNS = ("id", "type", "actor", "recipient", "place", "date", "source", "factuality", "trigger")


def _date_cell(time) -> str:
    """The date column for a TIMEX3 time: its value (``2022-10-13``, ``2022-09``), except for a
    DURATION, whose value (``P1M``) is a length, not a date: its interval ``begin..end``
    (``2022-09-14..2022-10-14``), ``-`` without one."""
    if time is None:
        return "-"
    if time.type == "DURATION":
        return f"{time.interval.begin}..{time.interval.end}" if time.interval else "-"
    return time.value or time.text


def event_row(result: DocumentResult, event) -> dict[str, str]:
    """One event as display strings keyed by :data:`COLUMNS`."""
    actor = result.entity(event.actor)
    recipient = result.entity(event.recipient)
    chosen, _ = event_place(result, event)
    names = ([chosen.name or chosen.text] if chosen else []) + other_places(result, event, chosen)
    place = ", ".join(names) or "-"   # the mapped place first (the one exports use)
    time = result.time(event.time)
    attribution = result.attribution(event.attribution)
    source = "-"
    if attribution and attribution.source:
        source = attribution.source.text
        ent = result.entity(attribution.source.entity)
        if ent:
            source = ent.name
        if attribution.via:
            source += " via " + ", ".join(v.text for v in attribution.via)
    type_ = event.plover.event_type if event.plover else "UNTYPED"
    if event.acled and event.acled.sub_event_type:
        type_ += f" ({event.acled.sub_event_type})"
    factuality = event.factuality + (" [background]" if event.background else "")
    return {
        "id": event.id,
        "type": type_,
        "actor": actor.name if actor else "-",
        "recipient": recipient.name if recipient else "-",
        "place": place,
        "date": _date_cell(time),
        "source": source,
        "factuality": factuality,
        "trigger": event.trigger.text,
    }


def events_table(result: DocumentResult, width: int = 40) -> str:
    """The events of ``result`` as a text table (cells cut to ``width`` characters)."""
    rows = [event_row(result, e) for e in result.events]
    header = {c: c for c in COLUMNS}
    cut = lambda s: s if len(s) <= width else s[: width - 1] + "…"  # noqa: E731
    widths = {c: max(len(cut(r[c])) for r in [header, *rows]) for c in COLUMNS}
    lines = ["  ".join(cut(r[c]).ljust(widths[c]) for c in COLUMNS).rstrip() for r in [header, *rows]]
    lines.insert(1, "  ".join("-" * widths[c] for c in COLUMNS))
    doc = result.document
    title = f"{doc.id}  published={doc.published or '?'}  outlet={doc.outlet or '?'}  events={len(rows)}"
    tail = [f"warning: {w}" for w in result.warnings]
    return "\n".join([title, *lines, *tail])
