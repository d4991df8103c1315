"""Queries over the store's flattened ``events`` table.

Dates are inclusive ISO days compared against each event's interval (``date_begin`` ..
``date_end``, see :func:`eventcoder.store.flatten.event_interval`): ``since``/``until`` keep
events whose interval overlaps ``[since, until]``. ``bbox`` is ``(west, south, east, north)``
in WGS84 degrees. Background events (context from the past) are left out unless
``include_background``.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any, Iterator

from ..errors import Errors, UsageError
from .db import Store

# Columns of an event row as returned by :func:`query_events` (all of the ``events`` table).
EVENT_COLUMNS = (
    "doc_sha", "id", "document_id", "published", "outlet", "type", "mode", "context",
    "acled_event_type", "acled_sub_event_type", "cameo",
    "actor_id", "actor_name", "actor_country", "actor_sector",
    "recipient_id", "recipient_name", "recipient_country", "recipient_sector",
    "place_id", "place_ids", "location", "geonames_id", "feature_code", "country", "admin1",
    "lat", "lon", "precision", "time_id", "time_text", "time_value", "date_begin", "date_end",
    "date_basis", "time_granularity", "source", "source_via", "attribution_id", "factuality",
    "background", "confidence", "fatalities", "fatalities_text", "trigger", "trigger_start",
    "trigger_end", "sentence", "place_basis",
)


@dataclass
class EventFilter:
    """Filters of ``eventcoder events``; every field optional.

    ``type``: PLOVER event type (case-insensitive); ``country``: ISO 3166-1 alpha-2 of the
    event place; ``admin1``: GeoNames admin1 name (case-insensitive); ``actor``: substring of the
    actor's or recipient's canonical name; ``source``: substring of the attribution source;
    ``factuality``: one of eventcoder/1 factuality values; ``document``: document id or sha.
    """

    since: str | None = None
    until: str | None = None
    type: str | None = None
    country: str | None = None
    admin1: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    actor: str | None = None
    source: str | None = None
    factuality: str | None = None
    include_background: bool = False
    document: str | None = None
    limit: int | None = None


def check_limit(value: int) -> int:
    """``value`` when it is a positive number of events; UsageError E020 for zero or a negative
    number (SQLite would read ``LIMIT -5`` as no limit at all)."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise UsageError(Errors.E020.format(option="--limit", value=value,
                                            detail="expected a positive number of events (1 or more)"))
    return value


def parse_bbox(text: str) -> tuple[float, float, float, float]:
    """``"west,south,east,north"`` (degrees) -> tuple; raises InputError E014 when malformed."""
    try:
        west, south, east, north = (float(v) for v in text.split(","))
    except ValueError:
            raise UsageError(Errors.E014.format(value=text)) from None
    if not (-180 <= west <= 180 and -180 <= east <= 180 and -90 <= south <= north <= 90):
        raise UsageError(Errors.E014.format(value=text))
    return west, south, east, north


def _check_date(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(Errors.E020.format(option=name, value=value, detail="expected a date YYYY-MM-DD")) from None


def plover_type(value: str) -> str:
    """The current PLOVER event type name for ``value`` (case-insensitive; old names such as
    ``FIGHT`` map to ``ASSAULT``, PLOVER 2021 manual); UsageError E020 naming the valid types."""
    from ..ontology.tables import ontology

    onto = ontology()
    name = onto.normalize_type(value.strip())
    if name not in onto.plover:
        raise UsageError(Errors.E020.format(option="--type", value=value,
                                            detail="not a PLOVER event type; valid: " + ", ".join(sorted(onto.plover))))
    return name


def country_code(value: str) -> str:
    """ISO 3166-1 alpha-2 code for ``value``: an alpha-2 or alpha-3 code or a country name
    (GeoNames country info; then the gazetteer's country forms such as "Russian Federation",
    when the gazetteer is built). UsageError E020 when unknown."""
    from ..export.countries import _countries

    text = value.strip()
    countries = _countries()
    if text.upper() in countries:
        return text.upper()
    for code, info in countries.items():
        if text.upper() == (info.get("iso3") or "").upper() or text.casefold() == info["name"].casefold():
            return code
    found = _gazetteer_country(text)
    if found:
        return found
    raise UsageError(Errors.E020.format(option="--country", value=value,
                                        detail="not an ISO 3166-1 code (UA, UKR) or a known country name (Ukraine)"))


def _gazetteer_country(text: str) -> str | None:
    """The gazetteer's reading of a country name, only when the gazetteer is already built."""
    from ..settings import Settings

    path = Settings.load().gazetteer_file()
    if not path.is_file():
        return None
    from ..gazetteer import Gazetteer

    try:
        return Gazetteer.open(path, build_if_missing=False).country_for_name(text)
    except Exception as exc:  # noqa: BLE001 - a broken gazetteer only loses this fallback
        import logging

        logging.getLogger(__name__).info("gazetteer country lookup failed: %s", exc)
        return None


# Generic terms of admin1 names (GeoNames English names: "Kherson Oblast", "Kyiv City").
_ADMIN1_GENERIC = re.compile(
    r"\s+(oblast|region|province|governorate|state|county|district|krai|kray|raion|prefecture|"
    r"department|municipality|city)$|^(republic of|city of)\s+", re.IGNORECASE)


def admin1_key(name: str) -> str:
    """``name`` lower-cased without its generic term: ``"Kherson Oblast"`` -> ``"kherson"``."""
    key = " ".join(name.split()).casefold()
    return _ADMIN1_GENERIC.sub("", key).strip() or key


def build_where(f: EventFilter) -> tuple[str, list[Any]]:
    """SQL ``WHERE`` clause and parameters for filter ``f``. Validates the filter first:
    UsageError E020 for a bad date, ``since`` later than ``until``, an unknown PLOVER type or
    country. ``admin1`` matches case-insensitively with or without the generic term
    ("Kherson", "kherson oblast" and "Kherson Oblast" all match "Kherson Oblast"), and as a
    prefix of words ("Kyiv" matches "Kyiv Oblast" and "Kyiv City")."""
    clauses, params = [], []
    since, until = _check_date(f.since, "--since"), _check_date(f.until, "--until")
    if since and until and since > until:
        raise UsageError(Errors.E020.format(option="--since", value=since, detail=f"is later than --until {until}"))
    if since:
        clauses.append("date_end >= ?")
        params.append(since)
    if until:
        clauses.append("date_begin <= ?")
        params.append(until)
    if f.type:
        clauses.append("UPPER(type) = ?")
        params.append(plover_type(f.type))
    if f.country:
        clauses.append("UPPER(country) = ?")
        params.append(country_code(f.country))
    if f.admin1:
        key = admin1_key(f.admin1)
        like = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        clauses.append("(LOWER(admin1) = ? OR LOWER(admin1) LIKE ? ESCAPE '\\')")
        params += [key, like + " %"]
    if f.bbox:
        west, south, east, north = f.bbox
        clauses.append("lat BETWEEN ? AND ?")
        params += [south, north]
        if west <= east:
            clauses.append("lon BETWEEN ? AND ?")
            params += [west, east]
        else:  # crosses the antimeridian
            clauses.append("(lon >= ? OR lon <= ?)")
            params += [west, east]
    if f.actor:
        clauses.append("(LOWER(actor_name) LIKE ? OR LOWER(recipient_name) LIKE ?)")
        params += [f"%{f.actor.lower()}%"] * 2
    if f.source:
        clauses.append("(LOWER(source) LIKE ? OR LOWER(source_via) LIKE ?)")
        params += [f"%{f.source.lower()}%"] * 2
    if f.factuality:
        clauses.append("factuality = ?")
        params.append(f.factuality)
    if not f.include_background:
        clauses.append("background = 0")
    if f.document:
        clauses.append("(document_id = ? OR doc_sha = ?)")
        params += [f.document, f.document]
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def query_events(store: Store, f: EventFilter | None = None) -> list[dict[str, Any]]:
    """Flattened event rows matching ``f``, ordered by date, document and event id. ``context``
    and ``place_ids`` are decoded to lists; ``background`` to bool."""
    return list(iter_events(store, f))


def iter_events(store: Store, f: EventFilter | None = None) -> Iterator[dict[str, Any]]:
    """Like :func:`query_events`, streaming."""
    f = f or EventFilter()
    where, params = build_where(f)
    sql = f"SELECT * FROM events{where} ORDER BY date_begin IS NULL, date_begin, published, document_id, " \
          "CAST(SUBSTR(id, 2) AS INTEGER)"
    if f.limit is not None:
        sql += f" LIMIT {check_limit(f.limit)}"
    for row in store.conn.execute(sql, params):
        out = dict(row)
        out["context"] = json.loads(out["context"] or "[]")
        out["place_ids"] = json.loads(out["place_ids"] or "[]")
        out["background"] = bool(out["background"])
        yield out


_PLACE_KEYS = ("country", "admin1", "location", "lat", "lon", "precision")
_MEMBER_DROP = ("country", "admin1", "lat", "lon", "precision")  # members keep location and place_basis


def fused_events(store: Store) -> list[dict[str, Any]]:
    """Fused events with their members (``members``: list of ``{doc_sha, event_id, document_id,
    outlet, published, outlet_group, score, fatalities, factuality, location, date_begin,
    date_end, place_basis}``), by date.

    The fused event's place (``country``, ``admin1``, ``location``, ``lat``, ``lon``,
    ``precision``) is the most precise place the events stage gave one of its members (member
    ``place_basis`` ``event`` or ``recipient``, :func:`eventcoder.store.flatten.event_place`),
    read from the members' ``events`` rows, and ``place_basis`` says which basis it has (``none``:
    no member has a place, all place keys None). A place found only in a member's sentence is
    never the fused event's place, also in stores fused by versions before this rule."""
    from .flatten import PRECISION_RANK

    out = []
    for row in store.conn.execute("SELECT * FROM fused_events ORDER BY date_begin, id"):
        item = dict(row)
        item["disagreements"] = json.loads(item["disagreements"])
        members = [dict(m) for m in store.conn.execute(
            """SELECT m.doc_sha, m.event_id, e.document_id, e.outlet, e.published, m.outlet_group,
                      m.score, e.fatalities, e.factuality, e.location, e.date_begin, e.date_end,
                      e.place_basis, e.country, e.admin1, e.lat, e.lon, e.precision
               FROM fused_members m JOIN events e ON e.doc_sha = m.doc_sha AND e.id = m.event_id
               WHERE m.fused_id = ? ORDER BY e.published, e.document_id, m.event_id""", (item["id"],))]
        placed = [m for m in members if m["lat"] is not None and m["place_basis"] in ("event", "recipient")]
        stored = (item["location"], item["lat"], item["lon"])  # the row fuse_store wrote wins a tie
        best = min(placed, key=lambda m: (PRECISION_RANK.get(m["precision"] or "", 9),
                                          (m["location"], m["lat"], m["lon"]) != stored)) if placed else None
        for key in _PLACE_KEYS:
            item[key] = best[key] if best else None
        item["place_basis"] = best["place_basis"] if best else "none"
        item["members"] = [{k: v for k, v in m.items() if k not in _MEMBER_DROP} for m in members]
        out.append(item)
    return out
