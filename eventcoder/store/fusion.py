"""Cross-document fusion: the same real-world event reported by several documents becomes one
fused event linking all its reports.

A *report* is one event of one document (background and untyped events are left out). Two
reports are the same event when they pass every gate and their evidence scores at least
:data:`THRESHOLD`:

Gates (any failure: different events)
  - different documents (two events of one document are one report only when they have the
    same type in the same sentence: "killed 20 villagers in an attack");
  - PLOVER types equal or compatible (:data:`COMPATIBLE`);
  - date intervals overlap (inclusive days; 1 day of slack unless both are single days from
    the text itself). A report without a time is dated to the week before publication;
  - places agree, distance scaled by place precision (:data:`RADIUS_KM`): two populated places
    farther apart than 15 km are different events; an admin1-level place matches anything
    inside that admin1; a country-level place anything in the country;

Evidence (summed): same place 0.4 / within radius 0.25 / inside the same admin1 0.15 / the same
country 0.05; when coordinates do not decide (missing, or country-level), the toponyms named in
the two event sentences: a shared one +0.2, only different ones -0.35; same
actor 0.25 / same actor country 0.2 / actors of different countries (in both orders) -0.3;
same recipient 0.1 / different recipients -0.2;
same single day 0.2 / overlapping interval 0.05; event
sentence similarity (rapidfuzz ``token_set_ratio``) up to 0.4; compatible-but-different types
cost 0.1.

Gates added after user testing: an undated report (no time, no publication date) never fuses;
two reports of one document fuse only when one asserts and the other does too ("did not
discuss ... at their meeting" is two events, not a self-denial); a country that is merely named
in the event's sentence is not taken as the report's location.

Clustering is greedy in date order: a report joins the best-scoring cluster it matches with
at least one member and passes the gates with every member; otherwise it starts a new one.

Corroboration counts independent outlets that assert the event (asserted, unconfirmed or
expected; a denying or negating report is a disagreement, not a corroboration): members whose
documents share an outlet name or are
near-duplicates (word 5-gram shingle containment >= 0.6, >= 0.9 when the shorter text has fewer
than 20 shingles; i.e. copies of one wire story) count once. Disagreements flagged: different
fatality counts, a claim one report asserts and another denies or negates, different populated
places. Every report keeps its own values
(``fused_members`` joins to ``events``); the fused event takes the lowest fatality count
(the ACLED codebook's conservative rule).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

from rapidfuzz import fuzz
from unidecode import unidecode

from ..gazetteer import haversine_km
from ..model import DocumentResult
from .flatten import PRECISION_RANK, event_fatalities, event_interval, event_place

THRESHOLD = 0.55

# Event types that one report may code differently from another for the same happening
# ("destroyed" a depot: ASSAULT or COERCE; a summit: CONSULT or AGREE).
COMPATIBLE = {frozenset({"ASSAULT", "COERCE"}), frozenset({"CONSULT", "AGREE"}),
              frozenset({"PROTEST", "MOBILIZE"}), frozenset({"THREATEN", "COERCE"})}

# Place bases (flatten.event_place) that may locate a fused event: the events stage's own decision.
PINNED_BASES = ("event", "recipient")

# Radius (km) within which two places of this precision may be the same event location.
RADIUS_KM = {"point": 5.0, "populated_place": 15.0, "admin2": 60.0, "admin1": 300.0,
             "region": 300.0, "water": 150.0, "country": math.inf}

ASSERTING = {"asserted", "unconfirmed", "expected"}
DENYING = {"denied", "negated"}


@dataclass
class Report:
    """One event as one document reports it (dates are inclusive; km and degrees WGS84)."""

    doc_sha: str
    event_id: str
    document_id: str
    outlet: str | None
    type: str
    begin: dt.date | None
    end: dt.date | None
    exact_day: bool                     # a single day taken from the text (not the report date)
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    geonames_id: int | None = None
    country: str | None = None
    admin1: str | None = None
    location: str | None = None
    place_basis: str = "none"           # event | recipient | sentence | none (flatten.event_place)
    actor: str | None = None            # canonical names, normalized
    recipient: str | None = None
    actor_country: str | None = None
    recipient_country: str | None = None
    actor_label: str | None = None      # canonical names as written
    recipient_label: str | None = None
    recipient_named: bool = False       # a proper-name recipient, not a nominal ("civilians")
    loc_names: frozenset = field(default_factory=frozenset)  # toponyms in the event sentence
    sentence: str = ""
    fatalities: int | None = None
    factuality: str = "asserted"
    shingles: frozenset = field(default_factory=frozenset, repr=False)

    @property
    def key(self) -> tuple[str, str]:
        return (self.doc_sha, self.event_id)


@dataclass
class Match:
    """The decision on one pair of reports: ``same``, its ``score`` and the ``reasons``."""

    same: bool
    score: float
    reasons: list[str]
    gate_failed: bool = False


@dataclass
class FusedEvent:
    """One real-world event and the reports of it. ``groups[i]`` is the outlet group of
    ``members[i]`` (same group = same outlet or copies of one wire story)."""

    id: str
    members: list[Report]
    scores: list[float]
    groups: list[int]
    type: str
    begin: dt.date | None
    end: dt.date | None
    place: Report | None
    corroboration: int
    fatalities: int | None
    disagreements: list[dict]
    actor: str | None = None
    recipient: str | None = None


def _norm(name: str | None) -> str | None:
    if not name:
        return None
    text = unidecode(name).lower()
    text = re.sub(r"\b(the|of|forces|armed|army|troops|military)\b", " ", text)
    return " ".join(re.findall(r"[a-z0-9]+", text)) or unidecode(name).lower()


def _shingles(text: str, n: int = 5) -> frozenset:
    words = re.findall(r"\w+", unidecode(text).lower())
    return frozenset(" ".join(words[i:i + n]) for i in range(max(0, len(words) - n + 1)))


def _country_names() -> set[str]:
    from ..export.countries import _countries

    return {_norm(c["name"]) for c in _countries().values()}


def _location_names(result: DocumentResult, event) -> frozenset:
    """Normalized toponyms named in the event's sentence, finer than a country: the sentence's
    location-role places (resolved or not) and its GPE/LOC/FAC entity mentions (proper names,
    not nominals or country names)."""
    s = event.sentence
    if s is None:
        return frozenset()
    countries = _country_names()
    names = set()
    for p in result.places:
        if s.start <= p.start and p.end <= s.end and p.role == "location" and p.precision != "country":
            names.add(_norm(p.text))
    for e in result.entities:
        if e.type not in ("GPE", "LOC", "FAC") or (e.reason or "").startswith(("nominal", "country")):
            continue
        if any(s.start <= m.start and m.end <= s.end for m in e.mentions):
            names.add(_norm(e.name))
    return frozenset(n for n in names if n and n not in countries)


def reports_from_result(result: DocumentResult) -> list[Report]:
    """The fusable reports of one document: its typed, non-background events."""
    out = []
    shingles = _shingles(result.text)
    for event in result.events:
        if event.background or event.plover is None:
            continue
        begin, end, basis = event_interval(result, event)
        place, place_basis = event_place(result, event, sentence_fallback=True)
        if place_basis == "sentence" and place is not None and place.precision == "country":
            # a country merely named in the sentence ("sanctions over Russia's war") is no location
            place = None
        actor, recipient = result.entity(event.actor), result.entity(event.recipient)
        fatalities, _ = event_fatalities(result, event)
        out.append(Report(
            doc_sha=result.document.sha256, event_id=event.id, document_id=result.document.id,
            outlet=result.document.outlet, type=event.plover.event_type,
            begin=dt.date.fromisoformat(begin) if begin else None,
            end=dt.date.fromisoformat(end) if end else None,
            exact_day=basis == "time" and begin == end,
            lat=place.lat if place else None, lon=place.lon if place else None,
            precision=place.precision if place else None,
            geonames_id=place.geonames_id if place else None,
            country=place.country_code if place else None, admin1=place.admin1 if place else None,
            location=(place.name or place.text) if place else None,
            place_basis=place_basis if place else "none",
            actor=_norm(actor.name) if actor else None, recipient=_norm(recipient.name) if recipient else None,
            actor_country=actor.country if actor else None,
            recipient_country=recipient.country if recipient else None,
            actor_label=actor.name if actor else None, recipient_label=recipient.name if recipient else None,
            sentence=event.sentence.text if event.sentence else event.trigger.text,
            recipient_named=bool(recipient and not (recipient.reason or "").startswith("nominal")),
            loc_names=_location_names(result, event),
            fatalities=fatalities, factuality=event.factuality, shingles=shingles,
        ))
    return out




def _names_match(x: str | None, y: str | None) -> bool:
    return bool(x and y and (x == y or fuzz.token_set_ratio(x, y) >= 85))


def _space(a: Report, b: Report) -> tuple[str | None, float, str | None]:
    """``(failure, score, kind)`` of the place comparison; kind is ``same`` | ``near`` |
    ``admin1`` | ``country`` | None (no coordinates on one side)."""
    if a.country and b.country and a.country != b.country:
        return "different countries", 0.0, None
    if a.geonames_id is not None and a.geonames_id == b.geonames_id:
        return None, 0.4, "same"
    if a.lat is None or b.lat is None:
        return None, 0.0, None
    fine, coarse = sorted([a, b], key=lambda r: PRECISION_RANK.get(r.precision or "", 9))
    if coarse.precision == "country":
        if fine.country == coarse.country and fine.country:
            return None, 0.05, "country"
        return "outside country", 0.0, None
    if coarse.precision == "admin1" and coarse.admin1 and fine.admin1:
        if _norm(coarse.admin1) == _norm(fine.admin1) and fine.country == coarse.country:
            return None, 0.15, "admin1"
        return "outside admin1", 0.0, None
    d = haversine_km(a.lat, a.lon, b.lat, b.lon)
    radius = max(RADIUS_KM.get(a.precision or "", 15.0), RADIUS_KM.get(b.precision or "", 15.0))
    if d > radius:
        return f"{d:.0f} km apart", 0.0, None
    if d <= max(2.0, radius / 5):
        return None, (0.4 if fine.precision in ("point", "populated_place") else 0.25), "same"
    return None, 0.25, "near"


def _names(a: Report, b: Report) -> float:
    """Toponyms of the two sentences, when coordinates did not decide: a shared name +0.2,
    only different names -0.35 ("shelled Nikopol" / "shelled Marhanets")."""
    if not a.loc_names or not b.loc_names:
        return 0.0
    if any(x == y or fuzz.token_set_ratio(x, y) >= 88 for x in a.loc_names for y in b.loc_names):
        return 0.2
    return -0.35


def _actors(a: Report, b: Report) -> tuple[str | None, float]:
    """Actor and recipient evidence. Same actor (canonical names, fuzzy) 0.25, or same actor
    country 0.2 ("Russian Federation" / "Russians"); actors of different countries -0.3 unless
    the two reports swap actor and recipient. Recipients: same +0.1, both named and different
    (and not the other's actor) -0.2 ("struck Kharkiv" / "struck Chuhuiv")."""
    score = 0.0
    swapped = _names_match(a.actor, b.recipient) and _names_match(a.recipient, b.actor)
    if _names_match(a.actor, b.actor) or swapped:
        score += 0.25
    elif a.actor and b.actor:
        ca, cb = a.actor_country, b.actor_country
        if ca and cb and ca == cb:
            score += 0.2
        elif ca and cb and ca != cb and not (ca == b.recipient_country and cb == a.recipient_country):
            score -= 0.3
    if not swapped and a.recipient and b.recipient:
        if _names_match(a.recipient, b.recipient):
            score += 0.1
        elif a.recipient_named and b.recipient_named and not (
                _names_match(a.recipient, b.actor) or _names_match(b.recipient, a.actor)):
            score -= 0.2
    return None, score


def _time(a: Report, b: Report) -> tuple[str | None, float]:
    if a.begin is None or b.begin is None:
        # an undated report (no time, no publication date) cannot be placed against another
        return "undated report", 0.0
    slack = 0 if (a.exact_day and b.exact_day) else 1
    if a.begin > b.end + dt.timedelta(days=slack) or b.begin > a.end + dt.timedelta(days=slack):
        return "dates do not overlap", 0.0
    if a.exact_day and b.exact_day:
        return None, 0.2
    return None, 0.05


def compare(a: Report, b: Report) -> Match:
    """Decide whether reports ``a`` and ``b`` describe the same real-world event (rules in the
    module docstring)."""
    if a.doc_sha == b.doc_sha:
        if (a.type == b.type and a.sentence and a.sentence == b.sentence
                and (a.factuality in ASSERTING) == (b.factuality in ASSERTING)):
            # "Gunmen killed 20 villagers in an attack on ...": two triggers, one happening.
            # Not "did not discuss X at their meeting": a document does not deny itself.
            return Match(True, THRESHOLD, ["same sentence and type"])
        return Match(False, 0.0, ["same document"], gate_failed=True)
    score, reasons = 0.0, []
    if a.type != b.type:
        if frozenset({a.type, b.type}) not in COMPATIBLE:
            return Match(False, 0.0, [f"types {a.type}/{b.type}"], gate_failed=True)
        score -= 0.1
        reasons.append("compatible types")
    for check in (_time, _space, _actors):
        failure, part, *kind = check(a, b)
        if failure:
            return Match(False, 0.0, [failure], gate_failed=True)
        if part:
            reasons.append(f"{check.__name__[1:]} {part:+.2f}")
        score += part
        if check is _space and (not kind or kind[0] in (None, "country")):
            names = _names(a, b)
            if names:
                reasons.append(f"names {names:+.2f}")
            score += names
    similarity = fuzz.token_set_ratio(_norm(a.sentence) or "", _norm(b.sentence) or "") / 100.0
    text_part = 0.4 * max(0.0, (similarity - 0.3) / 0.7)
    score += text_part
    reasons.append(f"text {similarity:.2f}")
    return Match(score >= THRESHOLD, round(score, 3), reasons)


def _near_duplicate(a: Report, b: Report) -> bool:
    if not a.shingles or not b.shingles:
        return False
    inter = len(a.shingles & b.shingles)
    smaller = min(len(a.shingles), len(b.shingles))
    # short texts share 5-grams by chance ("Russian forces shelled Kharkiv on ..."): ask more
    return inter / smaller >= (0.6 if smaller >= 20 else 0.9)


def _outlet_groups(members: list[Report]) -> list[int]:
    """Union-find over members: same outlet (case-insensitive) or near-duplicate documents."""
    parent = list(range(len(members)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i in range(len(members)):
        for j in range(i + 1, len(members)):
            a, b = members[i], members[j]
            same_outlet = a.outlet and b.outlet and a.outlet.strip().lower() == b.outlet.strip().lower()
            if a.doc_sha == b.doc_sha or same_outlet or _near_duplicate(a, b):
                parent[find(j)] = find(i)
    roots: dict[int, int] = {}
    return [roots.setdefault(find(i), len(roots)) for i in range(len(members))]


def _disagreements(members: list[Report]) -> list[dict]:
    flags = []
    counts = {m.document_id: m.fatalities for m in members if m.fatalities is not None}
    if len(set(counts.values())) > 1:
        flags.append({"kind": "fatalities", "values": counts})
    asserting = [m.document_id for m in members if m.factuality in ASSERTING]
    denying = {m.document_id: m.factuality for m in members if m.factuality in DENYING}
    if asserting and denying:
        flags.append({"kind": "denied", "asserted_by": asserting, "denied_by": denying})
    places = {m.document_id: m.location for m in members
              if m.precision in ("point", "populated_place") and m.geonames_id is not None}
    if len({m.geonames_id for m in members if m.precision in ("point", "populated_place") and m.geonames_id is not None}) > 1:
        flags.append({"kind": "place", "values": places})
    return flags


def _most_common(values):
    values = [v for v in values if v]
    return Counter(values).most_common(1)[0][0] if values else None


def _build(members: list[Report], scores: list[float]) -> FusedEvent:
    keys = sorted(f"{m.doc_sha}:{m.event_id}" for m in members)
    fid = "F" + hashlib.sha256("|".join(keys).encode()).hexdigest()[:12]
    groups = _outlet_groups(members)
    begins = [m.begin for m in members if m.begin]
    ends = [m.end for m in members if m.end]
    begin, end = (max(begins), min(ends)) if begins and ends else (None, None)
    if begin and end and begin > end:
        begin, end = min(begins), max(ends)
    # the fused event's location: only a place the events stage gave a member (basis event or
    # recipient); the sentence fallback helps decide whether reports match, but is never a pin
    placed = [m for m in members if m.lat is not None and m.place_basis in PINNED_BASES]
    place = min(placed, key=lambda m: PRECISION_RANK.get(m.precision or "", 9)) if placed else None
    fatalities = [m.fatalities for m in members if m.fatalities is not None and m.factuality in ASSERTING]
    return FusedEvent(
        id=fid, members=members, scores=scores, groups=groups,
        type=_most_common(m.type for m in members), begin=begin, end=end, place=place,
        # a report that denies or negates the event does not corroborate it (it is a disagreement)
        corroboration=len({g for g, m in zip(groups, members) if m.factuality in ASSERTING}),
        fatalities=min(fatalities) if fatalities else None,
        disagreements=_disagreements(members),
        actor=_most_common(m.actor_label for m in members),
        recipient=_most_common(m.recipient_label for m in members),
    )


def fuse_reports(reports: Iterable[Report]) -> list[FusedEvent]:
    """Cluster reports into fused events (greedy, date order; see module docstring).
    Deterministic: the same reports give the same fused events and ids.

    Reports are visited by begin date; a cluster is retired once some member ended more than a
    day before the current report began (the date gate would fail for every later report), so
    the work grows with the number of concurrent events, not with the whole store. Undated
    reports come last and are compared with every cluster."""
    ordered = sorted(reports, key=lambda r: (r.begin or dt.date.max, r.doc_sha, r.event_id))
    clusters: list[list] = []          # [members, scores, earliest member end]
    active: list[list] = []
    for report in ordered:
        if report.begin is not None:
            horizon = report.begin - dt.timedelta(days=1)
            active = [c for c in active if c[2] is None or c[2] >= horizon]
            pool = active
        else:
            pool = clusters
        best, best_score = None, -1.0
        for cluster in pool:
            members = cluster[0]
            if report.type not in {m.type for m in members} and not any(
                    frozenset({report.type, m.type}) in COMPATIBLE for m in members):
                continue
            matches = [compare(report, m) for m in members]
            if any(m.gate_failed for m in matches):
                continue
            top = max(m.score for m in matches)
            if any(m.same for m in matches) and top > best_score:
                best, best_score = cluster, top
        if best is None:
            best = [[report], [1.0], report.end]
            clusters.append(best)
            active.append(best)
        else:
            best[0].append(report)
            best[1].append(best_score)
            if report.end is not None:
                best[2] = report.end if best[2] is None else min(best[2], report.end)
    return [_build(members, scores) for members, scores, _ in clusters]


def fuse_results(results: Iterable[DocumentResult]) -> list[FusedEvent]:
    """Fuse the events of many documents (pure function over DocumentResults)."""
    reports: list[Report] = []
    for result in results:
        reports.extend(reports_from_result(result))
    return fuse_reports(reports)


def fuse_store(store) -> dict[str, int]:
    """Rebuild ``fused_events``/``fused_members`` from every stored document, in one
    transaction (re-runnable). Returns ``{"reports", "fused", "multi"}`` counts."""
    from .db import now_utc

    fused = fuse_results(store.iter_documents())
    stamp = now_utc()
    with store.transaction() as conn:
        conn.execute("DELETE FROM fused_members")
        conn.execute("DELETE FROM fused_events")
        for f in fused:
            p = f.place
            conn.execute(
                """INSERT INTO fused_events (id, type, date_begin, date_end, country, admin1, location,
                   lat, lon, precision, actor_name, recipient_name, n_reports, n_documents,
                   corroboration, fatalities, disagreements, created_at)
                   VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
                (f.id, f.type, f.begin.isoformat() if f.begin else None, f.end.isoformat() if f.end else None,
                 p.country if p else None, p.admin1 if p else None, p.location if p else None,
                 p.lat if p else None, p.lon if p else None, p.precision if p else None,
                 f.actor, f.recipient, len(f.members), len({m.doc_sha for m in f.members}),
                 f.corroboration, f.fatalities, json.dumps(f.disagreements, ensure_ascii=False), stamp))
            for member, score, group in zip(f.members, f.scores, f.groups):
                conn.execute("INSERT INTO fused_members (fused_id, doc_sha, event_id, outlet_group, score) "
                             "VALUES (?,?,?,?,?)", (f.id, member.doc_sha, member.event_id, group, score))
    return {"reports": sum(len(f.members) for f in fused), "fused": len(fused),
            "multi": sum(1 for f in fused if len({m.doc_sha for m in f.members}) > 1)}
