"""Flattening a :class:`DocumentResult` into table rows, and the derived facts exports need.

Pure functions over the data model (no database): the store, fusion and every export use
them, so an event's "country", "date interval" or "fatalities" mean the same thing everywhere.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from ..model import DocumentResult, Event, Place
from ..stages.quantities import VAGUE_COUNTS as STAGE_VAGUE_COUNTS

# Most precise first (the ``precision`` vocabulary of eventcoder/1, GeoNames-based).
PRECISION_RANK = {"point": 0, "populated_place": 1, "admin2": 2, "admin1": 3, "region": 4,
                  "water": 4, "country": 5}

# PLOVER types whose events can kill (ACLED codes fatalities for battles, violence against
# civilians, explosions/remote violence, riots and protests met with force).
LETHAL_TYPES = {"ASSAULT", "COERCE", "PROTEST", "MOBILIZE"}

# Fatality wording. Counted nouns (Quantity.unit) that are deaths themselves, and words that,
# right after a number, say the counted people died.
DEATH_UNITS = {"death", "fatality", "body", "dead", "corpse"}
_DEATH_CONTEXT = re.compile(r"^[^.;:]{0,60}?\b(killed|dead|died|die|deaths?|fatalit\w*|lost their lives|"
                            r"bodies|slain|perished|killing)\b", re.I)
_KILLED_BEFORE = re.compile(r"\b(killed|killing|kills|kill|left|leaving)\s+(at least |some |about |around |nearly |up to )?$", re.I)

# ACLED codes vague fatality counts with the lowest plausible number (ACLED FAQ "How does ACLED
# code fatalities?": "tens" -> 10, "dozens" -> 12, "hundreds" -> 100). The plural words come from
# the quantities stage's table (:data:`eventcoder.stages.quantities.VAGUE_COUNTS`, the single
# source; longest phrase first so "tens of thousands" wins over "thousands"). A quantity with a
# value keeps it; these patterns are only the fallback for one without. "several"/"a few"/"some"
# are not given a number by ACLED; we use 3, the lowest count the word can mean (our rule,
# documented in docs/store.md).
VAGUE_COUNTS = [
    (re.compile(r"\b" + r"\s+".join(map(re.escape, word.split())) + r"\b", re.I), value)
    for word, value in sorted(STAGE_VAGUE_COUNTS.items(), key=lambda kv: -len(kv[0]))
] + [
    (re.compile(r"\bdozen\b", re.I), 12),
    (re.compile(r"\b(several|a few|some|many|multiple|a number of)\b", re.I), 3),
]


def _mappable(place: Place | None) -> bool:
    """A place an event can be located at: a resolved location-role toponym with coordinates
    (not an actor-role one such as "Kyiv said")."""
    return (place is not None and place.role == "location"
            and place.lat is not None and place.lon is not None)


def _rank(place: Place) -> int:
    return PRECISION_RANK.get(place.precision or "", 9)


def recipient_place(result: DocumentResult, event: Event) -> Place | None:
    """The mappable place that is the event's recipient ("Russian forces shelled Nikopol":
    Nikopol is the target and where the event happened): a location-role place whose span
    overlaps a mention of the recipient entity inside the event's sentence. None otherwise."""
    recipient = result.entity(event.recipient)
    if recipient is None:
        return None
    s = event.sentence
    mentions = [m for m in recipient.mentions if s is None or (s.start <= m.start and m.end <= s.end)]
    for place in result.places:
        if _mappable(place) and any(place.start < m.end and m.start < place.end for m in mentions):
            return place
    return None


def event_place(result: DocumentResult, event: Event, sentence_fallback: bool = False) -> tuple[Place | None, str]:
    """``(place, basis)``: where the event happened, the one rule every output uses (store
    ``events`` rows, fusion, ACLED, PLOVER, GeoJSON).

    Only mappable places count (location role, coordinates). Most precise first (GeoNames
    precision: point < populated_place < admin2 < admin1 < region/water < country):

    - basis ``"event"``: the most precise of the event's own places;
    - basis ``"recipient"``: the recipient is itself a place ("shelled Nikopol") at least as
      precise as the event's own places;
    - basis ``"sentence"`` (only with ``sentence_fallback=True``, as fusion uses it to compare
      reports): the event has neither, so the most precise location-role place inside the
      event's sentence, nearest the trigger;
    - ``(None, "none")`` otherwise. Exports and maps never take the sentence fallback: the
      events stage decided the place, and a wrong pin is worse than none ("more than 600
      settlements, including 75 in the Kherson region" is not in Kherson).
    """
    own = [p for p in (result.place(pid) for pid in event.places) if _mappable(p)]
    target = recipient_place(result, event)
    candidates = [(_rank(p), 1, n, p, "event") for n, p in enumerate(own)]
    if target is not None and all(target.id != p.id for p in own):
        candidates.append((_rank(target), 0, 0, target, "recipient"))
    if candidates:
        best = min(candidates, key=lambda c: c[:3])
        return best[3], best[4]
    s = event.sentence
    if sentence_fallback and s is not None:
        inside = [p for p in result.places if s.start <= p.start and p.end <= s.end and _mappable(p)]
        if inside:
            trigger = event.trigger.start
            inside.sort(key=lambda p: (_rank(p), abs(p.start - trigger)))
            return inside[0], "sentence"
    return None, "none"


def other_places(result: DocumentResult, event: Event, chosen: Place | None) -> list[str]:
    """Names of the event's own places other than ``chosen`` (resolved name, else the
    toponym text), in order, without repeats: kept beside the one location exports use."""
    names: list[str] = []
    for pid in event.places:
        p = result.place(pid)
        if p is None or (chosen is not None and p.id == chosen.id):
            continue
        name = p.name or p.text
        if name not in names and (chosen is None or name != (chosen.name or chosen.text)):
            names.append(name)
    return names


def primary_place(result: DocumentResult, event: Event) -> Place | None:
    """The place of :func:`event_place` (None when the event has none)."""
    return event_place(result, event)[0]


def _iso_day(value: str | None) -> bool:
    try:
        dt.date.fromisoformat(value or "")
    except ValueError:
        return False
    return len(value) == 10


def event_interval(result: DocumentResult, event: Event) -> tuple[str | None, str | None, str]:
    """``(begin, end, basis)``: inclusive ISO dates of the event. From the event's TIMEX3
    interval when it has one (basis ``"time"``); otherwise the report's publication date, as the
    event happened on or before it (basis ``"published"``, begin = published - 7 days); else
    ``(None, None, "none")``."""
    time = result.time(event.time)
    if time and time.interval and _iso_day(time.interval.begin) and _iso_day(time.interval.end):
        return time.interval.begin, time.interval.end, "time"
    published = result.document.published
    if published:
        try:
            end = dt.date.fromisoformat(published)
        except ValueError:
            return None, None, "none"
        return (end - dt.timedelta(days=7)).isoformat(), end.isoformat(), "published"
    return None, None, "none"


def event_date(begin: str | None, end: str | None, basis: str,
               published: str | None) -> tuple[str | None, int | None]:
    """``(date, time_precision)``: one ISO day for an event interval, coded as ACLED does
    (codebook, "time_precision"): 1 = the day is known; 2 = a span of up to a week (its middle
    day) or only the report date is known (basis ``"published"``: the publication date);
    3 = a longer span such as a month (its middle day). ``(None, None)`` without dates."""
    if basis == "published":
        return (published, 2) if _iso_day(published) else (None, None)
    if not _iso_day(begin) or not _iso_day(end):
        return None, None
    b, e = dt.date.fromisoformat(begin), dt.date.fromisoformat(end)
    days = (e - b).days + 1
    if days <= 1:
        return begin, 1
    middle = (b + dt.timedelta(days=(days - 1) // 2)).isoformat()
    return middle, 2 if days <= 7 else 3


def event_source(result: DocumentResult, event: Event) -> tuple[str | None, str | None]:
    """``(source, via)``: the attribution source's canonical entity name (or its text), and
    the relays joined by ``"; "``; ``(None, None)`` for an unattributed event."""
    attribution = result.attribution(event.attribution)
    if not attribution or not attribution.source:
        return None, None
    entity = result.entity(attribution.source.entity)
    source = entity.name if entity else attribution.source.text
    via = "; ".join(v.text for v in attribution.via) or None
    return source, via


def vague_count(text: str) -> int | None:
    """The ACLED-style conservative number for a vague count word in ``text`` ("dozens" ->
    12), None when there is none."""
    for pattern, value in VAGUE_COUNTS:
        if pattern.search(text):
            return value
    return None


def event_fatalities(result: DocumentResult, event: Event) -> tuple[int | None, str | None]:
    """``(count, text)``: reported deaths for ``event`` from its quantities.

    A quantity counts when its unit is a death noun ("three deaths") or the words after it
    say so ("three civilians were killed"), or the words before it do ("killing three").
    Lower bound kept for "at least 12"; a range keeps its low end; vague words follow the ACLED
    rule in :data:`VAGUE_COUNTS`. Several fatality quantities in one event are summed only if
    they are different spans. Returns ``(None, None)`` when no fatality is reported, and for
    event types that do not kill (:data:`LETHAL_TYPES`): "agreed to compensate the families of
    the nine activists killed" is an AGREE with no fatalities of its own.
    """
    if event.plover is None or event.plover.event_type not in LETHAL_TYPES:
        return None, None
    total, texts = 0, []
    text = result.text
    for qid in event.quantities:
        q = result.quantity(qid)
        if not q:
            continue
        after = text[q.end:q.end + 80] if text else ""
        before = text[max(0, q.start - 25):q.start] if text else ""
        is_death = (q.unit or "").lower() in DEATH_UNITS or _DEATH_CONTEXT.search(after) or _KILLED_BEFORE.search(before)
        if not is_death:
            continue
        value = q.value
        if value is None:
            value = vague_count(q.text)
        if value is None:
            continue
        total += int(value)
        texts.append(q.text)
    if not texts:
        return None, None
    return total, "; ".join(texts)


def event_row(result: DocumentResult, event: Event) -> dict[str, Any]:
    """One flattened ``events`` row (see migration ``0003_events`` in :mod:`.db`)."""
    actor = result.entity(event.actor)
    recipient = result.entity(event.recipient)
    place, place_basis = event_place(result, event)
    time = result.time(event.time)
    begin, end, basis = event_interval(result, event)
    source, via = event_source(result, event)
    fatalities, fatalities_text = event_fatalities(result, event)
    doc = result.document
    return {
        "doc_sha": doc.sha256, "id": event.id,
        "document_id": doc.id, "published": doc.published, "outlet": doc.outlet,
        "type": event.plover.event_type if event.plover else None,
        "mode": event.plover.mode if event.plover else None,
        "context": json.dumps(event.plover.context if event.plover else []),
        "acled_event_type": event.acled.event_type if event.acled else None,
        "acled_sub_event_type": event.acled.sub_event_type if event.acled else None,
        "cameo": event.cameo,
        "actor_id": event.actor, "actor_name": actor.name if actor else None,
        "actor_country": actor.country if actor else None, "actor_sector": actor.sector if actor else None,
        "recipient_id": event.recipient, "recipient_name": recipient.name if recipient else None,
        "recipient_country": recipient.country if recipient else None,
        "recipient_sector": recipient.sector if recipient else None,
        "place_id": place.id if place else None, "place_ids": json.dumps(list(event.places)),
        "location": (place.name or place.text) if place else None,
        "geonames_id": place.geonames_id if place else None,
        "feature_code": place.feature_code if place else None,
        "country": place.country_code if place else None,
        "admin1": place.admin1 if place else None,
        "lat": place.lat if place else None, "lon": place.lon if place else None,
        "precision": place.precision if place else None,
        "place_basis": place_basis,
        "time_id": event.time, "time_text": time.text if time else None,
        "time_value": time.value if time else None,
        "date_begin": begin, "date_end": end, "date_basis": basis,
        "time_granularity": time.granularity if time else None,
        "source": source, "source_via": via, "attribution_id": event.attribution,
        "factuality": event.factuality, "background": int(bool(event.background)),
        "confidence": event.confidence,
        "fatalities": fatalities, "fatalities_text": fatalities_text,
        "trigger": event.trigger.text, "trigger_start": event.trigger.start, "trigger_end": event.trigger.end,
        "sentence": event.sentence.text if event.sentence else None,
    }


def document_rows(result: DocumentResult, source_path: str | None = None) -> dict[str, list[dict[str, Any]]]:
    """All rows one document adds to the store, keyed by table name."""
    from .db import now_utc

    doc = result.document
    sha = doc.sha256
    record = json.dumps(result.to_dict(include_text=True), ensure_ascii=False)
    rows: dict[str, list[dict[str, Any]]] = {
        "documents": [{
            "sha256": sha, "id": doc.id, "published": doc.published, "outlet": doc.outlet,
            "url": doc.url, "title": doc.title, "language": doc.language, "source_path": source_path,
            "n_events": len(result.events), "n_warnings": len(result.warnings),
            "record": record, "ingested_at": now_utc(),
        }],
        "entities": [{
            "doc_sha": sha, "id": e.id, "name": e.name, "type": e.type, "country": e.country,
            "sector": e.sector, "wikidata": e.wikidata, "n_mentions": len(e.mentions),
        } for e in result.entities],
        "places": [{
            "doc_sha": sha, "id": p.id, "start": p.start, "end": p.end, "text": p.text,
            "geonames_id": p.geonames_id, "name": p.name, "feature_code": p.feature_code,
            "country_code": p.country_code, "admin1": p.admin1, "lat": p.lat, "lon": p.lon,
            "precision": p.precision, "score": p.score, "reason": p.reason, "role": p.role,
        } for p in result.places],
        "times": [{
            "doc_sha": sha, "id": t.id, "start": t.start, "end": t.end, "text": t.text,
            "type": t.type, "value": t.value,
            "date_begin": t.interval.begin if t.interval else None,
            "date_end": t.interval.end if t.interval else None,
            "anchor": t.anchor, "granularity": t.granularity, "mod": t.mod,
        } for t in result.times],
        "events": [event_row(result, v) for v in result.events],
    }
    return rows
