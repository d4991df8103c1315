"""PLOVER JSONL export: one event record per line, field names from the PLOVER manual.

Source: PLOVER manual (Open Event Data Alliance, draft 0.7b1, 2021), chapter "Data Fields":
required ``id``, ``date`` (YYYY-MM-DD), ``actor`` (list of entity objects), ``event`` (list of
event categories); optional ``enddate``, ``recipient``, ``event_loc`` (the location object:
``extracted_place``, ``resolved_place``, ``geonameid``, ``lat``, ``lon``, ``province``,
``country``, ``country_code`` as ISO 3166-1 alpha-3, ``feature_class``, ``feature_code``,
``resolution`` 5=sub-city 4=city 3=district 2=province 1=country), ``event_text``, ``quad_code``,
``mode``, ``context`` (lists), ``text_info`` and ``cite_info`` objects, ``coder``. Entity
objects use ``code`` (alpha-3 country or IGO/UNO/EUR/NGO...), ``sector`` (PLOVER sector code),
``entity_text``, ``identifier_id`` (Wikidata), ``identifier_text`` (canonical name).

The manual lets providers add named fields; we add the flat fields POLECAT users read
(``event_type``, ``actor_name``, ``actor_country``, ``actor_sector``, ``recipient_name``,
``recipient_country``, ``recipient_sector``, ``latitude``/``longitude`` via ``event_loc``) and
eventcoder's own ``factuality``, ``background``, ``source``, ``document_id``, ``event_id``.
"""
from __future__ import annotations

import json
from typing import IO, Any, Iterable

from .. import __version__
from ..model import DocumentResult, Entity, Event
from ..store.flatten import event_interval, event_source, primary_place
from . import countries
from .select import one_line, selected_events

CODEBOOK = "PLOVER manual 0.7b1 (2021)"
RESOLUTION = {"point": 5, "populated_place": 4, "admin2": 3, "admin1": 2, "region": 2, "country": 1}
NONSTATE_CODES = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"}  # PLOVER manual, table 3

# GeoNames feature classes by feature code (geonames.org/export/codes.html): A country, state,
# region; P city, village; H stream, lake, sea; L parks, area; R road, railroad; S spot, building;
# T mountain, hill, island; V forest; U undersea. Codes are matched whole, then by prefix
# (PPLA2 -> PPL -> P; ADM1H -> ADM -> A).
FEATURE_CLASSES = {
    "A": ("ADM", "PCL", "PRSH", "TERR", "ZN"),
    "P": ("PPL", "STLMT"),
    "H": ("STM", "LK", "SEA", "OCN", "GULF", "BAY", "STRT", "RSV", "CNL", "CHN", "LGN", "SD", "COVE",
          "INLT", "FJD", "ESTY", "HBR", "RVN", "WAD", "SPNG", "WLL", "MRSH", "SWMP", "PND", "DTCH"),
    "L": ("RGN", "AREA", "CONT", "PRK", "OILF", "MILB", "RESV", "LCTY", "INDS", "PRT", "AMUS", "CMN", "FLD"),
    "R": ("RD", "RR", "TNL", "ST", "TRL", "RJCT"),
    "S": ("AIRP", "AIRB", "AIRF", "AIRH", "BDG", "BLDG", "MFG", "PS", "HSP", "SCH", "UNIV", "MSQE", "CH", "MKT",
          "STDM", "PRN", "DAM", "CSTL", "FT", "HTL", "MUS", "RSTN", "BSTN", "CMP", "CTRM", "PO", "EST", "MN",
          "MNMT", "HSTS", "RUIN", "GOVL", "ADMF", "TOWR", "PP", "BRKS", "INSM", "SQR", "MALL", "MTRO"),
    "T": ("ISL", "MT", "HLL", "PEN", "PLN", "PLAT", "VAL", "DSRT", "CAPE", "PASS", "SPIT", "RDGE", "UPLD",
          "CLF", "DLTA", "VLC", "ATOL", "BCH", "GRGE", "CNYN", "STEP"),
    "V": ("FRST", "GRSLD", "VIN", "SCRB", "TUND"),
}
_CLASS_OF = {code: cls for cls, codes in FEATURE_CLASSES.items() for code in codes}


def feature_class(code: str | None) -> str | None:
    """The GeoNames feature class (one letter) of a GeoNames feature code: ``PPL``/``PPLC`` -> P,
    ``ADM1``/``PCLI`` -> A, ``STM``/``SEA`` -> H, ``RGN`` -> L; None for None or an unknown code."""
    if not code:
        return None
    code = code.upper()
    for n in range(len(code), 1, -1):
        if code[:n] in _CLASS_OF:
            return _CLASS_OF[code[:n]]
    return None


def _entity_object(result: DocumentResult, entity: Entity | None, span_text: str | None) -> list[dict[str, Any]]:
    if entity is None:
        return []
    code = countries.iso3(entity.country)
    if code is None and (entity.sector or "") in NONSTATE_CODES:
        code = entity.sector
    return [{
        "code": code,
        "sector": entity.sector,
        "entity_text": span_text or (entity.mentions[0].text if entity.mentions else entity.name),
        "identifier_id": entity.wikidata,
        "identifier_text": entity.name,
        "entity_type": entity.type,
    }]


def _mention_in(entity: Entity | None, start: int, end: int) -> str | None:
    if entity is None:
        return None
    for m in entity.mentions:
        if m.start >= start and m.end <= end:
            return m.text
    return None


def plover_record(result: DocumentResult, event: Event) -> dict[str, Any]:
    """The PLOVER record of one event (see module docstring for the fields)."""
    doc = result.document
    begin, end, basis = event_interval(result, event)
    if basis == "published":
        begin = end = doc.published
    actor = result.entity(event.actor)
    recipient = result.entity(event.recipient)
    s = event.sentence
    place = primary_place(result, event)
    source, via = event_source(result, event)
    loc = None
    if place is not None:
        loc = {
            "extracted_place": place.text,
            "resolved_place": place.name,
            "geonameid": place.geonames_id,
            "lat": place.lat,
            "lon": place.lon,
            "province": place.admin1,
            "country": countries.name(place.country_code),
            "country_code": countries.iso3(place.country_code),
            "feature_class": feature_class(place.feature_code),
            "feature_code": place.feature_code,
            "resolution": RESOLUTION.get(place.precision or ""),
        }
    actor_obj = _entity_object(result, actor, _mention_in(actor, s.start, s.end))
    recipient_obj = _entity_object(result, recipient, _mention_in(recipient, s.start, s.end))
    event_type = event.plover.event_type if event.plover else None
    return {
        "id": f"{doc.id}-{event.id}",
        "date": begin,
        "enddate": end if end and end != begin else None,
        "actor": actor_obj,
        "recipient": recipient_obj,
        "event": [event_type] if event_type else [],
        "event_type": event_type,
        "mode": [event.plover.mode] if event.plover and event.plover.mode else [],
        "context": list(event.plover.context) if event.plover else [],
        "event_loc": loc,
        "event_text": [one_line(s.text)] if s and s.text.strip() else [],
        "quad_code": event.quad_class,
        "text_info": {"start": s.start, "end": s.end},
        "cite_info": {"url": doc.url, "title": doc.title, "language": doc.language,
                      "publication": doc.outlet, "coder": f"eventcoder {__version__}",
                      "codebook": CODEBOOK},
        "coder": f"eventcoder {__version__}",
        "actor_name": actor.name if actor else None,
        "actor_country": actor_obj[0]["code"] if actor_obj else None,
        "actor_sector": actor.sector if actor else None,
        "recipient_name": recipient.name if recipient else None,
        "recipient_country": recipient_obj[0]["code"] if recipient_obj else None,
        "recipient_sector": recipient.sector if recipient else None,
        "factuality": event.factuality,
        "background": event.background,
        "source": source,
        "source_via": via,
        "trigger": event.trigger.text,
        "document_id": doc.id,
        "event_id": event.id,
        "published": doc.published,
    }


def write_plover(results: Iterable[DocumentResult], out: IO[str], keys=None,
                 include_background: bool = False) -> int:
    """Write PLOVER JSONL (one event per line) to ``out``; returns the number of records.
    Untyped events (no PLOVER type) are skipped: PLOVER requires ``event``."""
    n = 0
    for result, event in selected_events(results, keys, include_background):
        if event.plover is None:
            continue
        out.write(json.dumps(plover_record(result, event), ensure_ascii=False) + "\n")
        n += 1
    return n
