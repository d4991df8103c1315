"""GeoJSON (RFC 7946) FeatureCollection of events: one Feature per (event, resolved place).

Coordinates are ``[lon, lat]`` WGS84 degrees as RFC 7946 requires; properties are flat
scalars so QGIS and geopandas read them unchanged. Events without a resolved place are left
out (they have no geometry).
"""
from __future__ import annotations

from typing import Iterable

from ..model import DocumentResult
from .table import event_row


def document_features(result: DocumentResult) -> list[dict]:
    """Point features for each event place of ``result`` that has coordinates."""
    features = []
    for event in result.events:
        row = event_row(result, event)
        for place_id in event.places:
            place = result.place(place_id)
            if not place or place.lat is None or place.lon is None:
                continue
            time = result.time(event.time)
            features.append({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(place.lon, 5), round(place.lat, 5)]},
                "properties": {
                    "document_id": result.document.id,
                    "event_id": event.id,
                    "event_type": event.plover.event_type if event.plover else None,
                    "acled_event_type": event.acled.event_type if event.acled else None,
                    "acled_sub_event_type": event.acled.sub_event_type if event.acled else None,
                    "actor": row["actor"] if row["actor"] != "-" else None,
                    "recipient": row["recipient"] if row["recipient"] != "-" else None,
                    "place": place.name or place.text,
                    "geonames_id": place.geonames_id,
                    "country_code": place.country_code,
                    "admin1": place.admin1,
                    "precision": place.precision,
                    "date": time.value if time else None,
                    "source": row["source"] if row["source"] != "-" else None,
                    "factuality": event.factuality,
                    "background": event.background,
                    "trigger": event.trigger.text,
                    "published": result.document.published,
                    "outlet": result.document.outlet,
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
    ``place``, ``country_code``, ``admin1``, ``precision``, ``n_reports``, ``n_documents``,
    ``corroboration`` (independent outlets), ``fatalities`` (lowest reported), ``disagreements``
    (comma-separated kinds), ``outlets`` and ``documents`` ("; "-joined)."""
    features = []
    for item in fused:
        if item.get("lat") is None or item.get("lon") is None:
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
