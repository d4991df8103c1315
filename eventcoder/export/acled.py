"""ACLED-style CSV export: ACLED's column names and coding conventions.

Source: ACLED codebook and its "Data Columns" reference (acleddata.com knowledge base). One row
per event that carries an ACLED event type (ACLED does not code e.g. CONSULT meetings) and
that is reported as having happened: expected, hypothetical, negated and denied events are left
out (ACLED codes reported events, not denials: "Russia denied shelling Kharkiv" is no Shelling
row); unconfirmed claims stay, with their factuality in ``notes``. A claim that another party
denies later ("rebels said they took the airport; the army denied it") is the claim's own
factuality (unconfirmed) and stays.

Conventions applied (each documented in ``docs/store.md``):

- ``event_id_cnty``: ISO 3166-1 alpha-3 of the event country + a number derived from the
  document SHA-256 and event id, so it stays the same across exports ("XXX" when unknown).
- ``event_date`` ``YYYY-MM-DD``, required by the codebook: an event with no time expression in a
  document with no publication date has no date and is left out (:func:`skip_reason` "date";
  ``eventcoder export`` counts them on stderr); ``time_precision`` 1 = the day is known, 2 = a span of up to
  a week (coded to its middle day) or only the report date is known, 3 = a longer span such as
  a month (coded to its middle day).
- ``geo_precision`` 1 = a town/village or finer, 2 = part of a region / district (admin2),
  3 = only a province, region, country or water body is known.
- ``fatalities``: the reported count, 0 when none is reported; vague counts coded with the
  lowest plausible number ("tens" 10, "dozens" 12, "scores" 20, "hundreds" 100; "several" 3)
  as ACLED does.
- ``inter1``/``inter2`` (ACLED Codebook, "Actor names, types, and Inter codes": 1 State forces,
  2 Rebel groups, 3 Political militias, 4 Identity militias, 5 Rioters, 6 Protesters, 7 Civilians,
  8 External/Other forces): from the PLOVER sector of the actor (GOV/MIL/COP/SPY -> 1, REB -> 2,
  PRM -> 3, civilians CVL/REF/JRN/MED/EDU/REL, the people sectors AGR/LAB/HLH and aid
  organisations NGO -> 7; the recipient of a Violence against civilians event is civilians, 7,
  whatever its sector); 8 for
  international organisations (IGO/UNO) and for state forces active outside their home state
  (codebook, Inter code 8: "the military of Turkey active in northern Syria"; here "Russian
  forces" shelling a Ukrainian town). The actor of a Protests event is 6 (Protesters (Country))
  and of a Riots event 5 (Rioters (Country)), whatever its sector: the codebook names
  demonstrators by these generic types; when state forces act on a protest ("police fired tear
  gas at protesters", Protest with intervention / Excessive force against protesters) the
  protesters are actor1 and the force actor2 (interaction 16). ``interaction`` (codebook Table 3, "Interaction code
  descriptions"): the two types joined lowest first, 17 state forces-civilians, 18 state
  forces-external forces, 78 external forces-civilians; one actor type alone gives ``inter*10``
  (10 "State forces only", 60 "Protesters only"); none known gives empty. Numeric codes as in the
  2023 and Oct. 2024 PDF codebooks; the current web edition prints the same codes as text
  ("State forces", "State forces-Civilians").
- ``civilian_targeting``: "Civilians targeted" (the codebook's value) for Violence against
  civilians, and for Explosions/Remote violence, Riots and Excessive force against protesters
  events whose actor2 is civilians (inter2 7); blank otherwise.
- ``iso``: ISO 3166-1 numeric (804 Ukraine), ``country`` the English name, ``region`` ACLED's
  region from :data:`eventcoder.export.countries.ACLED_REGIONS` (empty for unlisted countries).
- Location: the event place of :func:`eventcoder.store.flatten.event_place`. ACLED records
  need a location, so events with no mappable place (or whose country is unknown) are left out;
  an event placed only at country level is kept at the country centroid (GeoNames) with
  ``geo_precision`` 3 and the country name as ``location``.
- ``actor2`` is the recipient unless the recipient is the event's place ("shelled Nikopol") or
  another town or region; a country named as a party of a Battles, Explosions/Remote violence or
  Violence against civilians event ("Russia invaded", "into Russian lines") stands for its state
  forces (inter 1 at home, 8 abroad), named "Military Forces of Russia" after the codebook's "Military
  Forces of State (Year-Year)" (regime years are not known here); a military (MIL) or police (COP)
  entity of a known country is named the same way ("Russian artillery", "Russian lines" -> "Military
  Forces of Russia"; "police" of France -> "Police Forces of France"). Rioters, protesters and civilians are named generically as the
  codebook does, "Protesters (Georgia)", "Civilians (Ukraine)", with a named organisation or person
  among them in ``assoc_actor_1``/``assoc_actor_2``.
- ``source`` is the outlet; ``notes`` the event sentence with its attribution and factuality.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import time
from typing import IO, Any, Iterable

from ..model import DocumentResult, Entity, Event
from ..store.flatten import (event_date, event_fatalities, event_interval, event_source, primary_place,
                             recipient_place)
from . import countries
from .select import one_line, selected_events

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)

# ACLED Codebook, "Actor names, types, and Inter codes" (codes 1-8) by PLOVER/CAMEO sector.
# Groups of people who do not bear arms (CAMEO agents AGR farmers, LAB workers, HLH health workers)
# are civilians too: "Gunmen killed four farmers" is "Civilians (Nigeria)", inter 7.
INTER_CODES = {"GOV": 1, "MIL": 1, "COP": 1, "SPY": 1, "REB": 2, "PRM": 3, "CVL": 7, "REF": 7,
               "JRN": 7, "MED": 7, "EDU": 7, "REL": 7, "NGO": 7, "AGR": 7, "LAB": 7, "HLH": 7,
               "IGO": 8, "UNO": 8}
STATE_INTER = 1
RIOTERS_INTER = 5
PROTESTERS_INTER = 6
CIVILIANS_INTER = 7
EXTERNAL_INTER = 8
# The codebook's value of the civilian_targeting column.
CIVILIANS_TARGETED = "Civilians targeted"
# Factuality values of events that did not (yet) happen or exist only as a denial: ACLED records
# events that took place and were reported, not denials.
NOT_HAPPENED = {"expected", "hypothetical", "negated", "denied"}
GEO_PRECISION = {"point": 1, "populated_place": 1, "admin2": 2, "admin1": 3, "region": 3,
                 "country": 3, "water": 3}


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str:
    """ACLED disorder type of an event type (codebook, "disorder type")."""
    if event_type == "Protests":
        return "Demonstrations"
    if event_type == "Riots":
        return "Political violence" if sub_event_type == "Mob violence" else "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence"


def date_and_precision(begin: str | None, end: str | None, basis: str,
                       published: str | None) -> tuple[str | None, int | None]:
    """``(event_date, time_precision)`` by the rule in the module docstring
    (:func:`eventcoder.store.flatten.event_date`, shared with the GeoJSON export)."""
    return event_date(begin, end, basis, published)


def inter_code(entity: Entity | None, country: str | None) -> int | None:
    """ACLED actor type (inter1/inter2) of an entity for an event in ``country`` (alpha-2);
    see the module docstring. None when the sector has no ACLED type."""
    if entity is None:
        return None
    code = INTER_CODES.get(entity.sector or "")
    if code == STATE_INTER and entity.country and country and entity.country.upper() != country.upper():
        return EXTERNAL_INTER
    return code


def interaction_code(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED ``interaction``: the two actor types joined lowest first (1, 7 -> 17); one type
    alone -> ``type * 10`` (1 -> 10, "sole state forces action"); None when neither is known."""
    codes = sorted(c for c in (inter1, inter2) if c)
    if not codes:
        return None
    if len(codes) == 1:
        return codes[0] * 10
    return codes[0] * 10 + codes[1]


# Generic actor names of the codebook for the unorganised actor types ("Protesters (Country)").
GENERIC_ACTORS = {RIOTERS_INTER: "Rioters", PROTESTERS_INTER: "Protesters", CIVILIANS_INTER: "Civilians"}
# Event types in which a country named as a party stands for its state forces ("Russia invaded").
VIOLENT_TYPES = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


def _is_territory(entity: Entity) -> bool:
    return entity.type in ("GPE", "LOC", "FAC") and not entity.sector


def _country_as_state(entity: Entity, event_type: str | None) -> bool:
    """True when a country-level entity ("Russia", not "Kherson") is a party of a violent event:
    ACLED then codes that state's forces."""
    return (entity.type == "GPE" and not entity.sector and event_type in VIOLENT_TYPES
            and entity.country is not None and countries.name(entity.country) == entity.name)


def _state_inter(entity: Entity, country: str | None) -> int:
    """1 (state forces) at home, 8 (external forces) abroad."""
    if entity.country and country and entity.country.upper() != country.upper():
        return EXTERNAL_INTER
    return STATE_INTER


# The codebook's names of state forces by PLOVER sector ("Military Forces of Russia (2000-)",
# "Police Forces of France (2017-)"; regime years are not known here and left out).
STATE_FORCE_NAMES = {"MIL": "Military Forces of {}", "COP": "Police Forces of {}"}


def _state_force_name(entity: Entity | None, country: str | None = None) -> str | None:
    """ "Military Forces of Russia" for a military entity of a known country ("Russian lines",
    "Russian artillery", "the Armed Forces of the Russian Federation"), "Police Forces of X" for its
    police; a police entity of no stated country is the police of the event's ``country`` (alpha-2:
    "Police in Paris" -> Police Forces of France; police do not operate abroad, armies do, so a
    military keeps its own name). None for other sectors or an unknown country."""
    if entity is None:
        return None
    iso = entity.country or (country if entity.sector == "COP" else None)
    if not iso:
        return None
    pattern = STATE_FORCE_NAMES.get(entity.sector or "")
    where = countries.name(iso)
    return pattern.format(where) if pattern and where else None


def _actor_names(entity: Entity | None, inter: int | None, country: str | None) -> tuple[str | None, str | None]:
    """``(actor, associated actor)``: rioters, protesters and civilians get the codebook's generic
    name "Protesters (Georgia)", "Civilians (Ukraine)" (ACLED Codebook, Inter codes 5-7), with a named
    organisation or person among them as the associated actor; other actors keep their entity name."""
    generic = GENERIC_ACTORS.get(inter or 0)
    if generic is None:
        return (entity.name if entity else None), None
    where = countries.name(country) if country else None
    name = f"{generic} ({where})" if where else generic
    assoc = entity.name if entity is not None and entity.type in ("ORG", "PERSON") else None
    return name, assoc


def exportable(result: DocumentResult, event: Event) -> bool:
    """Whether ``event`` becomes an ACLED row: it has an ACLED event type (casualty sub-events
    such as "killing" carry none: their counts are on the attack's row), it happened (not in
    :data:`NOT_HAPPENED`), it has a mappable place in a known country and a date (see
    :func:`skip_reason`)."""
    return skip_reason(result, event) is None


def skip_reason(result: DocumentResult, event: Event) -> str | None:
    """Why ``event`` is no ACLED row, or None when it is one: ``"type"`` (no ACLED event type),
    ``"not happened"`` (:data:`NOT_HAPPENED`), ``"place"`` (no mappable place in a known
    country: ACLED rows need a location) or ``"date"`` (no event date and no publication date:
    ACLED's ``event_date`` is required, codebook "Data Columns")."""
    if event.acled is None or not event.acled.event_type:
        return "type"
    if event.factuality in NOT_HAPPENED:
        return "not happened"
    place = primary_place(result, event)
    if place is None or countries.numeric(place.country_code) is None:
        return "place"
    begin, end, basis = event_interval(result, event)
    if event_date(begin, end, basis, result.document.published)[0] is None:
        return "date"
    return None


def event_id_cnty(result: DocumentResult, event: Event, country: str | None) -> str:
    """Stable ACLED-style id: alpha-3 + 9 digits from sha256(document sha256 + event id)."""
    digest = hashlib.sha256(f"{result.document.sha256}:{event.id}".encode()).hexdigest()
    return f"{countries.iso3(country) or 'XXX'}{int(digest[:12], 16) % 10**9:09d}"


def acled_row(result: DocumentResult, event: Event, timestamp: int | None = None) -> dict[str, Any]:
    """One ACLED CSV row (dict over :data:`COLUMNS`) for an event with ``event.acled`` set."""
    doc = result.document
    acled = event.acled
    place = primary_place(result, event)
    begin, end, basis = event_interval(result, event)
    date, precision = date_and_precision(begin, end, basis, doc.published)
    actor, recipient = result.entity(event.actor), result.entity(event.recipient)
    if recipient is not None and recipient_place(result, event) is not None:
        recipient = None  # "shelled Nikopol": the target is the location, not an actor2
    country = place.country_code if place else None
    if recipient is not None and _is_territory(recipient) and not _country_as_state(recipient, acled.event_type):
        recipient = None  # a town or region is where it happened, not an actor
    inter1, inter2 = inter_code(actor, country), inter_code(recipient, country)
    if inter1 is None and actor is not None and _country_as_state(actor, acled.event_type):
        inter1 = _state_inter(actor, country)  # "Russia invaded": its state forces
    if inter2 is None and recipient is not None and _country_as_state(recipient, acled.event_type):
        inter2 = _state_inter(recipient, country)  # "advanced into Russian lines"
    if inter2 is None and recipient is not None and acled.event_type == "Violence against civilians":
        inter2 = CIVILIANS_INTER  # the victims of violence against civilians are civilians (codebook)
    if acled.event_type == "Protests" and inter1 in (STATE_INTER, EXTERNAL_INTER):
        # "police fired tear gas at protesters" (Protest with intervention / Excessive force): the
        # codebook codes the demonstrators as actor1 and the intervening force as actor2
        actor, recipient = recipient, actor
        inter1, inter2 = PROTESTERS_INTER, inter1
    elif acled.event_type == "Protests":
        inter1 = PROTESTERS_INTER  # "Protesters (Country)", whoever organised them
    elif acled.event_type == "Riots":
        inter1 = RIOTERS_INTER
    interaction = interaction_code(inter1, inter2)
    actor1, assoc1 = _actor_names(actor, inter1, country)
    actor2, assoc2 = _actor_names(recipient, inter2, country)
    # a country standing for its state forces, and a state's military or police, are named as the
    # codebook names them ("Military Forces of Russia", "Police Forces of France")
    if actor is not None and _country_as_state(actor, acled.event_type):
        actor1 = f"Military Forces of {actor.name}"
    elif inter1 in (STATE_INTER, EXTERNAL_INTER):
        actor1 = _state_force_name(actor, country) or actor1
    if recipient is not None and _country_as_state(recipient, acled.event_type):
        actor2 = f"Military Forces of {recipient.name}"
    elif inter2 in (STATE_INTER, EXTERNAL_INTER):
        actor2 = _state_force_name(recipient, country) or actor2
    targeted = acled.event_type == "Violence against civilians" or (
        inter2 == CIVILIANS_INTER and (acled.event_type in ("Explosions/Remote violence", "Riots")
                                       or acled.sub_event_type == "Excessive force against protesters"))
    fatalities, _ = event_fatalities(result, event)
    source, via = event_source(result, event)
    location = (place.name or place.text) if place else None
    if place is not None and place.precision == "country":
        location = countries.name(country) or location
    note = one_line(event.sentence.text) if event.sentence else event.trigger.text
    if source:
        note += f" [source: {source}{' via ' + via if via else ''}]"
    if event.factuality != "asserted":
        note += f" [{event.factuality}]"
    return {
        "event_id_cnty": event_id_cnty(result, event, country),
        "event_date": date,
        "year": int(date[:4]) if date else None,
        "time_precision": precision,
        "disorder_type": disorder_type(acled.event_type, acled.sub_event_type),
        "event_type": acled.event_type,
        "sub_event_type": acled.sub_event_type,
        "actor1": actor1,
        "assoc_actor_1": assoc1,
        "inter1": inter1,
        "actor2": actor2,
        "assoc_actor_2": assoc2,
        "inter2": inter2,
        "interaction": interaction,
        "civilian_targeting": CIVILIANS_TARGETED if targeted else None,
        "iso": countries.numeric(country),
        "region": countries.acled_region(country),
        "country": countries.name(country),
        "admin1": place.admin1 if place else None,
        "admin2": None,
        "admin3": None,
        "location": location,
        "latitude": round(place.lat, 4) if place and place.lat is not None else None,
        "longitude": round(place.lon, 4) if place and place.lon is not None else None,
        "geo_precision": GEO_PRECISION.get(place.precision or "") if place else None,
        "source": doc.outlet,
        "source_scale": None,
        "notes": note,
        "fatalities": fatalities or 0,
        "tags": None,
        "timestamp": timestamp if timestamp is not None else int(time.time()),
    }


def write_acled(results: Iterable[DocumentResult], out: IO[str], keys=None,
                include_background: bool = False, skipped: dict[str, int] | None = None) -> int:
    """Write the ACLED CSV (header + one row per event that passes :func:`exportable`: ACLED
    type, happened, mappable place, a date) to ``out`` (open it with
    ``newline=""``); returns the number of rows. ``skipped``, when given, is filled with the
    number of left-out events by :func:`skip_reason` (``{"date": 1, "place": 3, ...}``)."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    stamp = int(time.time())
    n = 0
    for result, event in selected_events(results, keys, include_background):
        reason = skip_reason(result, event)
        if reason is not None:
            if skipped is not None:
                skipped[reason] = skipped.get(reason, 0) + 1
            continue
        row = acled_row(result, event, stamp)
        writer.writerow({k: ("" if v is None else v) for k, v in row.items()})
        n += 1
    return n
