"""Outlet home regions: the admin1 (or country) a news outlet mostly writes about.

Local news names ambiguous towns without their state ("Paris", "Athens", "Alexandria"); a
reader knows the paper's home. eventcoder takes it as a *home region*: an ISO 3166-2 admin1 code
of the gazetteer (``US-LA``) or an ISO 3166-1 alpha-2 country (``US``), set per document
(``DocumentMeta.home_region``, ``eventcoder extract --home-region``, sidecar field
``home_region``) or learned from a batch of the outlet's documents (an *outlet profile*): the
(country, admin1) where most of the populated places (GeoNames feature codes ``PPL*`` except
national capitals ``PPLC``, role ``location``) of its other documents resolved. Capitals are
left out because any outlet names them, and a local paper's "Paris" first resolved to Paris,
France would otherwise make Île-de-France the home of the Paris (Tennessee) Post-Intelligencer. The places stage uses it as weak local context
(see :func:`eventcoder.stages.places._home_region_support`).

Thresholds (tuned on LGL only, checked on TR-News and GeoWebNews; ``docs/accuracy-places.md``,
section "Outlet home region"): a profile needs at least :data:`MIN_PLACES` such places and the
top admin1 must hold at least :data:`MIN_SHARE` of them.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from urllib.parse import urlsplit

from .errors import Errors, UsageError

log = logging.getLogger(__name__)

MIN_PLACES = 3  # populated places of the outlet's (other) documents in the top admin1
MIN_SHARE = 0.4  # share of the outlet's resolved populated places in the top admin1

__all__ = ["MIN_PLACES", "MIN_SHARE", "check_home_region", "admin1_counts", "home_region", "leave_one_out", "outlet_of_url"]


def check_home_region(gazetteer, value: str | None, where: str = "") -> str | None:
    """The home region ``value`` normalized (upper case, ``US_LA``/``US.LA`` read as ``US-LA``)
    and checked against the gazetteer: an admin1 code it knows (``US-LA``) or a country
    (``US``). None and "" give None. Raises UsageError E024 for an unknown code; ``where``
    ("in sidecar x.json") goes into the message. The message lists some admin1 codes of the
    country only when the input looks like ``CC-XXX`` with a real ISO country ``CC`` ("US-XX");
    otherwise it gives the format ("garbage" is not read as Gabon, ``GA``)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise UsageError(Errors.E024.format(value=value, where=f" {where}" if where else "", detail=": not a string"))
    code = value.strip().upper().replace("_", "-")
    if len(code) > 3 and code[2] == ".":
        code = code[:2] + "-" + code[3:]
    if len(code) == 2 and code.isalpha():
        if gazetteer.country(code) is not None:
            return code
    elif gazetteer.admin1(code) is not None:
        return code
    hint = ""  # the E024 text gives the format (US-LA, GB-ENG, UA-65; US)
    if len(code) > 3 and code[2] == "-" and code[:2].isalpha() and gazetteer.country(code[:2]) is not None:
        # only when the input looks like CC-XXX: "garbage" is not Gabon ("GA")
        some = [a.admin1 for a in gazetteer.admin1s(code[:2])[:6] if a.admin1]
        hint = f"; {code[:2]} admin1 codes include {', '.join(some)}" if some else ""
    raise UsageError(Errors.E024.format(value=value, where=f" {where}" if where else "", detail=hint))


def _admin1_code(gazetteer, place, cache: dict) -> str | None:
    """The ISO 3166-2 admin1 code of a resolved :class:`~eventcoder.model.Place` (its ``admin1``
    holds the admin1's name): by name among the country's admin1s, else from the gazetteer entry."""
    cc, name = place.country_code, place.admin1
    if not cc or not name:
        return None
    if cc not in cache:
        cache[cc] = {a.admin1_name or a.name: a.admin1 for a in gazetteer.admin1s(cc)}
    code = cache[cc].get(name)
    if code is None and place.geonames_id is not None:
        entry = gazetteer.get(place.geonames_id)
        code = entry.admin1 if entry is not None else None
    if code is None and len(name) > 2 and name[2:3] == "-" and name[:2] == cc:
        code = name  # already a code
    return code


def admin1_counts(places: Iterable, gazetteer) -> Counter:
    """Counter of admin1 codes (``US-LA``) over the populated places (feature code ``PPL*`` but
    not ``PPLC``, role ``location``) among ``places`` (:class:`~eventcoder.model.Place`), one
    per mention."""
    out: Counter = Counter()
    cache: dict = {}
    for p in places:
        if p.role != "location" or not (p.feature_code or "").startswith("PPL") or p.feature_code == "PPLC":
            continue
        code = _admin1_code(gazetteer, p, cache)
        if code:
            out[code] += 1
    return out


def home_region(counts: Counter | dict, min_places: int = MIN_PLACES, min_share: float = MIN_SHARE) -> str | None:
    """The outlet's home admin1 from its admin1 counts (:func:`admin1_counts` summed over its
    documents): the most frequent code if it has at least ``min_places`` places and at least
    ``min_share`` of all; else None (too little history, or no dominant region). Ties go to the
    smaller code (deterministic)."""
    total = sum(counts.values())
    if not total:
        return None
    code, n = min(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return code if n >= min_places and n / total >= min_share else None


def leave_one_out(outlets: list[str | None], counts: list[Counter], **thresholds) -> list[str | None]:
    """Per document, the home region of its outlet from the OTHER documents of the same outlet
    (no document informs its own profile: for scoring against gold). ``outlets[i]`` is document
    i's outlet (None: no profile), ``counts[i]`` its :func:`admin1_counts`."""
    totals: dict[str, Counter] = {}
    for o, c in zip(outlets, counts):
        if o is not None:
            totals.setdefault(o, Counter()).update(c)
    out: list[str | None] = []
    for o, c in zip(outlets, counts):
        if o is None:
            out.append(None)
            continue
        rest = totals[o].copy()
        rest.subtract(c)
        out.append(home_region(+rest, **thresholds))
    return out


def outlet_of_url(url: str | None) -> str | None:
    """The outlet key of a link: its host without ``www.`` (``https://www.kalb.com/x`` ->
    ``kalb.com``); None when there is no host."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else "//" + url).hostname or ""
    host = host.lower()
    return (host[4:] if host.startswith("www.") else host) or None
