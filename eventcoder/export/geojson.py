"""GeoJSON (RFC 7946) FeatureCollection of events: one Point Feature per event.

The point is the event's place by the rule shared with the store and the other exports
(:func:`eventcoder.store.flatten.event_place`: the most precise mappable place of the event,
else its recipient place; ``place_basis`` says which: a place merely named in the event's sentence is
never taken);
the names of the event's other places are in ``other_places``. Events without a mappable place
are left out (they have no geometry). Coordinates are ``[lon, lat]`` WGS84 degrees as RFC 7946
requires; properties are flat scalars so QGIS and geopandas read them unchanged.

Dates: ``date_begin``/``date_end`` are the inclusive ISO days of the event
(:func:`eventcoder.store.flatten.event_interval`: the TIMEX3 interval, else the week up to the
publication date, ``date_basis`` says which); ``date`` is one ISO day or null, coded as ACLED
does: the day; a TIMEX3 span's middle day; the publication date (= ``date_end``) for an event
dated by its report only (``date_basis`` "published"), with ``time_precision`` 1 (day) / 2 (up
to a week, or report date only) / 3 (longer); ``timex`` keeps the raw TIMEX3 value
("2024-03-07TNI"). ``fatalities`` is the reported death count as in the ACLED CSV
(:func:`eventcoder.store.flatten.event_fatalities`, 0 when none reported) and
``fatalities_text`` the text it came from.
"""
from __future__ import annotations

from typing import Iterable

from ..model import DocumentResult
from ..store.flatten import event_date, event_fatalities, event_interval, event_place, event_source, other_places


def document_features(result: DocumentResult) -> list[dict]:
    """One Point feature per event of ``result`` that has a mappable place (see module
    docstring for the properties)."""
    features = []
    doc = result.document
    for event in result.events:
        place, basis = event_place(result, event)
        if place is None:
            continue
        actor, recipient = result.entity(event.actor), result.entity(event.recipient)
        time = result.time(event.time)
        begin, end, date_basis = event_interval(result, event)
        date, precision = event_date(begin, end, date_basis, doc.published)
        source, via = event_source(result, event)
        fatalities, fatalities_text = event_fatalities(result, event)
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(place.lon, 5), round(place.lat, 5)]},
            "properties": {
                "document_id": doc.id,
                "event_id": event.id,
                "event_type": event.plover.event_type if event.plover else None,
                "acled_event_type": event.acled.event_type if event.acled else None,
                "acled_sub_event_type": event.acled.sub_event_type if event.acled else None,
                "actor": actor.name if actor else None,
                "recipient": recipient.name if recipient else None,
                "place": place.name or place.text,
                "place_id": place.id,
                "place_basis": basis,
                "other_places": "; ".join(other_places(result, event, place)) or None,
                "geonames_id": place.geonames_id,
                "country_code": place.country_code,
                "admin1": place.admin1,
                "precision": place.precision,
                "date": date,
                "date_begin": begin,
                "date_end": end,
                "date_basis": date_basis,
                "time_precision": precision,
                "fatalities": fatalities or 0,
                "fatalities_text": fatalities_text,
                "timex": time.value if time else None,
                "time_text": time.text if time else None,
                "source": source,
                "source_via": via,
                "factuality": event.factuality,
                "background": event.background,
                "trigger": event.trigger.text,
                "published": doc.published,
                "outlet": doc.outlet,
            },
        })
    return features


def feature_collection(results: Iterable[DocumentResult]) -> dict:
    """A GeoJSON FeatureCollection over many documents."""
    features: list[dict] = []
    for result in results:
        features.extend(document_features(result))
    return {"type": "FeatureCollection", "features": features}


def fused_feature_collection(fused: Iterable[dict]) -> dict:
    """A GeoJSON FeatureCollection with one Point per fused event (as from
    :func:`eventcoder.store.queries.fused_events`) that has coordinates. Properties are flat
    scalars: ``fused_id``, ``event_type``, ``date_begin``/``date_end`` (inclusive ISO days),
    ``place``, ``place_basis`` (``event`` or ``recipient``: the fused event is pinned only at a place
    the events stage gave one of its reports, never at one merely named in a report's sentence;
    fused events with no such place are left out), ``country_code``, ``admin1``, ``precision``, ``n_reports``, ``n_documents``,
    ``corroboration`` (independent outlets), ``fatalities`` (lowest reported), ``disagreements``
    (comma-separated kinds), ``outlets`` and ``documents`` ("; "-joined)."""
    features = []
    for item in fused:
        if item.get("lat") is None or item.get("lon") is None or item.get("place_basis") not in ("event", "recipient"):
            continue
        members = item.get("members", [])
        features.append({
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [round(item["lon"], 5), round(item["lat"], 5)]},
            "properties": {
                "fused_id": item["id"],
                "event_type": item["type"],
                "date_begin": item["date_begin"],
                "date_end": item["date_end"],
                "place": item["location"],
                "place_basis": item.get("place_basis"),
                "country_code": item["country"],
                "admin1": item["admin1"],
                "precision": item["precision"],
                "actor": item.get("actor_name"),
                "recipient": item.get("recipient_name"),
                "n_reports": item["n_reports"],
                "n_documents": item["n_documents"],
                "corroboration": item["corroboration"],
                "fatalities": item["fatalities"],
                "disagreements": ", ".join(d["kind"] for d in item["disagreements"]) or None,
                "outlets": "; ".join(sorted({m["outlet"] for m in members if m.get("outlet")})) or None,
                "documents": "; ".join(sorted({m["document_id"] for m in members if m.get("document_id")})) or None,
            },
        })
    return {"type": "FeatureCollection", "features": features}
