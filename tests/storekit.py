"""Hand-built DocumentResults for the store, fusion and export tests (no NLP stages needed).

``make_doc(text, published, outlet, events=[...])`` builds a valid eventcoder/1 result whose
spans slice ``text`` exactly: every entity, place, time, quantity and trigger is given as a
substring of ``text`` (first occurrence).
"""
from __future__ import annotations

import zlib

from eventcoder.documents import sha256_text
from eventcoder.model import (AcledCode, Attribution, DocumentMeta, DocumentResult, Entity, Event,
                              Interval, Mention, Place, PloverCode, Quantity, SourceRef, Span, TimeExpr)


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def _sentence(text: str, start: int) -> tuple[int, int]:
    b = max(text.rfind(". ", 0, start) + 2, 0) if text.rfind(". ", 0, start) >= 0 else 0
    e = text.find(". ", start)
    e = len(text) if e < 0 else e + 1
    return b, e


def make_doc(text: str, published: str | None = "2022-10-14", outlet: str | None = "Test Wire",
             events: list[dict] | None = None, doc_id: str | None = None) -> DocumentResult:
    """Build a DocumentResult. Each event dict: ``trigger`` (substring), ``type`` (PLOVER),
    optional ``acled`` ``(event_type, sub_event_type)``, ``actor``/``recipient``
    ``(mention, canonical name, country, sector)``, ``place`` ``(mention, name, lat, lon,
    precision, country, admin1)``, ``time`` ``(mention, begin, end)``, ``deaths`` ``(mention,
    value)``, ``source`` ``(mention, canonical name)``, ``factuality``, ``background``."""
    sha = sha256_text(text)
    result = DocumentResult(
        document=DocumentMeta(id=doc_id or sha[:16], sha256=sha, published=published, outlet=outlet),
        text=text,
    )
    entities: dict[str, Entity] = {}

    def entity(spec):
        if not spec:
            return None
        mention, name, country, sector = spec
        if name not in entities:
            s, e = _span(text, mention)
            ent = Entity(id=f"E{len(entities) + 1}", name=name, type="ORG" if sector else "GPE",
                         mentions=[Mention(s, e, mention)], country=country, sector=sector)
            entities[name] = ent
        return entities[name].id

    for n, spec in enumerate(events or [], 1):
        ts, te = _span(text, spec["trigger"])
        ss, se = _sentence(text, ts)
        event = Event(
            id=f"V{n}", trigger=Span(ts, te, spec["trigger"]),
            plover=PloverCode(spec["type"], spec.get("mode"), list(spec.get("context", []))),
            sentence=Span(ss, se, text[ss:se]),
            acled=AcledCode(*spec["acled"]) if spec.get("acled") else None,
            factuality=spec.get("factuality", "asserted"), background=spec.get("background", False),
            confidence=0.8,
        )
        event.actor = entity(spec.get("actor"))
        event.recipient = entity(spec.get("recipient"))
        if spec.get("place"):
            mention, name, lat, lon, precision, country, admin1 = spec["place"]
            s, e = _span(text, mention)
            pid = f"P{len(result.places) + 1}"
            result.places.append(Place(id=pid, start=s, end=e, text=mention, geonames_id=zlib.crc32(name.encode()) % 10**7,
                                       name=name, feature_code={"populated_place": "PPL", "admin1": "ADM1"}.get(precision, "PPL"),
                                       country_code=country, admin1=admin1, lat=lat, lon=lon,
                                       precision=precision, score=0.9, reason="test"))
            event.places = [pid]
        if spec.get("time"):
            mention, begin, end = spec["time"]
            s, e = _span(text, mention)
            tid = f"T{len(result.times) + 1}"
            result.times.append(TimeExpr(id=tid, start=s, end=e, text=mention, type="DATE",
                                         value=begin if begin == end else f"{begin[:7]}",
                                         interval=Interval(begin, end), anchor="published",
                                         granularity="day" if begin == end else "month"))
            event.time = tid
        if spec.get("deaths"):
            mention, value = spec["deaths"]
            s, e = _span(text, mention)
            qid = f"Q{len(result.quantities) + 1}"
            result.quantities.append(Quantity(id=qid, start=s, end=e, text=mention, value=value,
                                              unit="civilian", approximate=value is None))
            event.quantities = [qid]
        if spec.get("source"):
            mention, name = spec["source"]
            s, e = _span(text, mention)
            cue_s = text.index("said", s) if "said" in text[s:] else s
            aid = f"A{len(result.attributions) + 1}"
            ent_id = entity((mention, name, None, "GOV"))
            result.attributions.append(Attribution(id=aid, cue=Span(cue_s, cue_s + 4, text[cue_s:cue_s + 4]),
                                                   content=Span(ss, se, text[ss:se]),
                                                   source=SourceRef(s, e, mention, ent_id)))
            event.attribution = aid
        result.events.append(event)
    result.entities = list(entities.values())
    return result
