"""Audit a built gazetteer for data faults that put wrong pins on well-known names.

Each check returns a list of findings (plain dicts, most important first); :func:`audit` runs
them all. ``bench/gazetteer_audit.py`` prints a summary. Checks:

- ``alt_collisions``: a populated place holds, as a GeoNames *alternate* name, the primary name of
  a more important place (a country, an admin1, a capital, a city of 100,000+ people or a curated
  row) -- "Liverpool" held by Washington, Indiana. ``ratio`` is the important place's population
  over the holder's; the build drops those with ratio > ``build.NOISE_RATIO`` (10).
- ``capitals``: countries with no or several capitals (feature code PPLC) and capitals whose
  admin1 is missing.
- ``admin1_outliers``: populated places of 10,000+ people lying far from every other place of
  their admin1 (more than ``max(400 km, 3 x`` the admin1's 95th-percentile distance) from the
  admin1's point): a wrong admin1 code or a wrong point.
- ``noise_alternates``: alternates of one or two letters and alternates that are English function
  words (spaCy's stop word list) still in the table.
- ``small_namesakes``: villages under 5,000 people whose *primary* name is the primary name of a
  city of 1,000,000+ people or a country elsewhere ("Dubai", Uttar Pradesh). GeoNames facts, not
  faults; kept in the build (many are real news places: Cairo, Illinois), listed for the ranking.

Distances are great-circle km (:func:`eventcoder.gazetteer.haversine_km`).
"""
from __future__ import annotations

import sqlite3
from collections import defaultdict
from pathlib import Path

from . import haversine_km

FAMOUS_CODES = ("PCLI", "ADM1", "PPLC")


def _famous(fclass: str | None, fcode: str | None, pop: int, pid: int) -> bool:
    return pid < 0 or fcode in FAMOUS_CODES or (fclass == "P" and pop >= 100_000)


def _load(con: sqlite3.Connection):
    places = {r[0]: r for r in con.execute(
        "SELECT id, name, fclass, fcode, country, admin1, lat, lon, population FROM place")}
    names: dict[str, list[tuple[int, str, str]]] = defaultdict(list)
    for key, pid, form, kind in con.execute("SELECT key, place, form, kind FROM name ORDER BY key, place"):
        names[key].append((pid, form, kind))
    return places, names


def alt_collisions(places: dict, names: dict, min_ratio: float = 1.0) -> list[dict]:
    """Alternate names of populated places that are the primary name of a more important place
    (population ratio >= ``min_ratio``; curated rows count as 10**9 people), largest ratio first."""
    out = []
    for key, rows in names.items():
        holders = [places[pid] for pid, _f, kind in rows if kind in ("name", "official")
                   and _famous(places[pid][2], places[pid][3], places[pid][8] or 0, pid)]
        if not holders:
            continue
        top = max(holders, key=lambda p: (10**9 if p[0] < 0 else p[8] or 0, -p[0]))
        top_pop = 10**9 if top[0] < 0 else top[8] or 0
        own = {pid for pid, _f, kind in rows if kind in ("name", "official")}
        for pid, form, kind in rows:
            p = places[pid]
            if kind != "alt" or pid in own or pid < 0 or p[2] != "P":
                continue
            ratio = top_pop / max(p[8] or 0, 1)
            if ratio >= min_ratio:
                out.append({"key": key, "form": form, "holder": p[1], "holder_id": pid, "holder_country": p[4],
                            "holder_admin1": p[5], "holder_pop": p[8] or 0, "famous": top[1], "famous_id": top[0],
                            "famous_fcode": top[3], "famous_country": top[4], "ratio": round(ratio, 1)})
    out.sort(key=lambda f: (-f["ratio"], f["key"], f["holder_id"]))
    return out


def capitals(places: dict) -> list[dict]:
    """Countries whose number of PPLC rows is not one, and PPLC rows without an admin1."""
    by_country: dict[str, list] = defaultdict(list)
    for p in places.values():
        if p[3] == "PPLC":
            by_country[p[4]].append(p)
    out = []
    for p in sorted(places.values(), key=lambda p: p[0]):
        if p[3] == "PCLI" and len(by_country.get(p[4], [])) != 1:
            caps = by_country.get(p[4], [])
            out.append({"country": p[4], "fault": f"{len(caps)} capitals",
                        "capitals": [(c[0], c[1], c[5]) for c in sorted(caps, key=lambda c: -(c[8] or 0))][:5]})
    for cc in sorted(by_country):
        for c in by_country[cc]:
            if not c[5]:
                out.append({"country": cc, "fault": "capital without admin1", "capitals": [(c[0], c[1], c[5])]})
    return out


def admin1_outliers(places: dict, min_pop: int = 10_000) -> list[dict]:
    """Places of ``min_pop``+ people far from their admin1's point relative to the admin1's other
    places (see the module docstring), farthest first."""
    adm1 = {p[5]: p for p in places.values() if p[3] == "ADM1" and p[5]}
    dists: dict[str, list[tuple[float, tuple]]] = defaultdict(list)
    for p in places.values():
        if p[2] == "P" and p[5] in adm1:
            a = adm1[p[5]]
            dists[p[5]].append((haversine_km(p[6], p[7], a[6], a[7]), p))
    out = []
    for code in sorted(dists):
        ds = sorted(d for d, _ in dists[code])
        if len(ds) < 5:
            continue
        p95 = ds[int(0.95 * (len(ds) - 1))]
        limit = max(400.0, 3 * p95)
        for d, p in dists[code]:
            if d > limit and (p[8] or 0) >= min_pop:
                out.append({"id": p[0], "name": p[1], "country": p[4], "admin1": code, "admin1_name": adm1[code][1],
                            "population": p[8], "km_from_admin1": round(d), "admin1_p95_km": round(p95)})
    out.sort(key=lambda f: -f["km_from_admin1"] / max(f["admin1_p95_km"], 1))
    return out


def noise_alternates(places: dict, names: dict) -> list[dict]:
    """Alternates of populated places of one or two letters or equal to an English stop word."""
    from spacy.lang.en.stop_words import STOP_WORDS

    out = []
    for key, rows in names.items():
        if len(key) > 2 and key not in STOP_WORDS:
            continue
        for pid, form, kind in rows:
            p = places[pid]
            if kind == "alt" and pid > 0 and p[2] == "P":
                out.append({"key": key, "form": form, "holder": p[1], "holder_id": pid, "country": p[4], "population": p[8]})
    return out


def small_namesakes(places: dict, names: dict, max_pop: int = 5_000) -> list[dict]:
    """Villages (< ``max_pop``) sharing the primary name of a 1M+ city or a country in another
    country, by the famous place's population."""
    out = []
    for key, rows in names.items():
        prim = [places[pid] for pid, _f, kind in rows if kind == "name" and pid > 0]
        big = [p for p in prim if p[3] == "PCLI" or (p[2] == "P" and (p[8] or 0) >= 1_000_000)]
        if not big:
            continue
        top = max(big, key=lambda p: p[8] or 0)
        for p in prim:
            if p[2] == "P" and (p[8] or 0) < max_pop and p[4] != top[4]:
                out.append({"key": key, "village": p[1], "village_id": p[0], "country": p[4], "admin1": p[5],
                            "population": p[8], "famous": top[1], "famous_country": top[4], "famous_pop": top[8]})
    out.sort(key=lambda f: (-f["famous_pop"], f["key"], f["village_id"]))
    return out


def audit(path: Path) -> dict[str, list[dict]]:
    """Run every check on the gazetteer file at ``path`` (opened read-only). Raises
    ``sqlite3.OperationalError`` when the file is not a gazetteer."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        places, names = _load(con)
    finally:
        con.close()
    return {
        "alt_collisions": alt_collisions(places, names),
        "capitals": capitals(places),
        "admin1_outliers": admin1_outliers(places),
        "noise_alternates": noise_alternates(places, names),
        "small_namesakes": small_namesakes(places, names),
    }
