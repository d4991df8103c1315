"""The shared data model: every pipeline stage reads and adds to these records.

Read this module first. All spans are **character offsets into the exact input text, end
exclusive** (``text[start:end] == span.text``), as spaCy's ``Span.start_char``/``end_char``.
Token indices are derived, never stored. Ids are unique within one document: entities ``E<n>``,
places ``P<n>``, times ``T<n>``, quantities ``Q<n>``, attributions ``A<n>``, events ``V<n>``.

The JSON form of :class:`DocumentResult` is the output contract ``eventcoder/1`` (see
``eventcoder/schema/eventcoder-1.schema.json``); ``to_dict()`` produces it and
``DocumentResult.from_dict()`` reads it back exactly.
"""
from __future__ import annotations

import dataclasses
from bisect import bisect_left
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

SCHEMA = "eventcoder/1"

# Closed vocabularies of the contract. Sources: TimeML/TIMEX3 (time types), PLOVER manual
# (factuality = PLOVER "mode" flags extended with unconfirmed/denied), ACLED codebook (precision).
TIME_TYPES = ("DATE", "TIME", "DURATION", "SET")
PRECISIONS = ("point", "populated_place", "admin2", "admin1", "country", "region", "water")
FACTUALITY = ("asserted", "unconfirmed", "denied", "negated", "expected", "hypothetical")
QUOTE_KINDS = ("direct", "indirect", "mixed")
BOUNDS = (">", ">=", "<", "<=", "~", "=")


@dataclass
class Span:
    """A stretch of the input text: ``text[start:end] == self.text`` (chars, end exclusive)."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass
class Mention(Span):
    """One occurrence of an entity in the text."""


@dataclass
class Entity:
    """A canonical actor or named thing, grouping its mentions.

    ``type`` is a spaCy/OntoNotes NER label (PERSON, ORG, GPE, NORP, ...). ``country`` is
    ISO 3166-1 alpha-2; ``sector`` a PLOVER/CAMEO agent code (GOV, MIL, REB, CVL, IGO, NGO,
    MED, ...). ``reason`` says how the mentions were grouped (e.g. ``"curated:ICRC"``).
    """

    id: str
    name: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    country: str | None = None
    sector: str | None = None
    wikidata: str | None = None
    reason: str | None = None


@dataclass
class Place:
    """A toponym resolved (or refused) against the gazetteer.

    ``geonames_id``/``feature_code``/``admin1`` follow GeoNames; ``country_code`` is ISO
    3166-1 alpha-2; ``lat``/``lon`` are WGS84 degrees. ``precision`` is one of
    :data:`PRECISIONS`. ``role`` is ``"location"`` (where something happened) or ``"actor"``
    (metonymy/demonym: "Kyiv said"). An unresolved toponym keeps its span with
    ``geonames_id=None`` and a ``reason`` such as ``"no_candidate"``.
    """

    id: str
    start: int
    end: int
    text: str
    geonames_id: int | None = None
    name: str | None = None
    feature_code: str | None = None
    country_code: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    precision: str | None = None
    score: float = 0.0
    reason: str | None = None
    role: str = "location"


@dataclass
class Interval:
    """An inclusive range of ISO dates (``YYYY-MM-DD``), UTC calendar days."""

    begin: str
    end: str

    def to_dict(self) -> dict[str, Any]:
        return {"begin": self.begin, "end": self.end}


@dataclass
class TimeExpr:
    """A TIMEX3 temporal expression.

    ``type`` in :data:`TIME_TYPES`; ``value`` a TIMEX3 value (``2022-10-13``, ``2022-09``,
    ``2022-W41``, ``P3D``, ``PAST_REF``) or ``None`` when it cannot be resolved (no
    publication date). ``anchor`` is ``"published"``, another time's id, or ``"none"``.
    ``granularity`` is day | week | month | quarter | year | none; ``mod`` a TIMEX3 modifier
    (``START``, ``MID``, ``END``, ``APPROX``, ...).
    """

    id: str
    start: int
    end: int
    text: str
    type: str
    value: str | None
    interval: Interval | None = None
    anchor: str = "none"
    granularity: str | None = None
    mod: str | None = None


@dataclass
class Quantity:
    """A counted amount: ``value`` of ``unit`` (the counted noun, singular), with a ``bound``
    in :data:`BOUNDS` ("more than 600" -> ``>``), ``approximate`` for "some/about/dozens"."""

    id: str
    start: int
    end: int
    text: str
    value: float | int | None
    unit: str | None = None
    bound: str = "="
    approximate: bool = False
    high: float | int | None = None  # upper end of a range ("10 to 15")


@dataclass
class SourceRef(Span):
    """The source (or a relay) of an attribution; ``entity`` is an entity id or None."""

    entity: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "entity": self.entity}


@dataclass
class Attribution:
    """Who said or reported what (PARC/PolNeAR terms: cue, source, content).

    ``via`` lists relays, outermost last ("the BBC reports" a Red Cross statement: source =
    Red Cross, via = [BBC]). ``quote`` in :data:`QUOTE_KINDS`; ``channel`` a free label
    ("video message", "Twitter", "statement", "news agency").
    """

    id: str
    cue: Span
    content: Span
    source: SourceRef | None = None
    via: list[SourceRef] = field(default_factory=list)
    quote: str = "indirect"
    channel: str | None = None
    factuality: str = "asserted"


@dataclass
class PloverCode:
    """PLOVER event type, mode and context (PLOVER manual, 2021)."""

    event_type: str
    mode: str | None = None
    context: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"event_type": self.event_type, "mode": self.mode, "context": list(self.context)}


@dataclass
class AcledCode:
    """ACLED event type and sub-event type (ACLED codebook)."""

    event_type: str
    sub_event_type: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"event_type": self.event_type, "sub_event_type": self.sub_event_type}


@dataclass
class Event:
    """One coded event. ``actor``/``recipient`` are entity ids; ``places``, ``time``,
    ``quantities``, ``attribution`` refer to ids of this document. ``plover`` is None only
    for an untyped trigger, which then carries ``reason``. ``factuality`` in
    :data:`FACTUALITY`; ``background`` marks context from the past, not news of this report."""

    id: str
    trigger: Span
    plover: PloverCode | None
    sentence: Span
    acled: AcledCode | None = None
    cameo: str | None = None
    quad_class: int | None = None
    actor: str | None = None
    recipient: str | None = None
    places: list[str] = field(default_factory=list)
    time: str | None = None
    quantities: list[str] = field(default_factory=list)
    attribution: str | None = None
    factuality: str = "asserted"
    background: bool = False
    confidence: float = 0.5
    reason: str | None = None


@dataclass
class DocumentMeta:
    """Metadata of one input document. ``published`` is an ISO date (document creation time)."""

    id: str
    sha256: str
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    language: str = "en"
    home_region: str | None = None  # the outlet's home: ISO 3166-2 admin1 ("US-LA") or ISO country ("US"); weak local context for places


@dataclass
class DocumentResult:
    """Everything extracted from one document: the eventcoder/1 record."""

    document: DocumentMeta
    text: str
    entities: list[Entity] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self, include_text: bool = False) -> dict[str, Any]:
        """The eventcoder/1 JSON object. ``include_text`` adds the input under ``"text"``; it is
        always added when the text the offsets index differs from the input's plain decoding
        (warnings W002 replaced bytes, W007 byte-order mark, W008 UTF-16, W010 format characters)."""
        out: dict[str, Any] = {"schema": SCHEMA, "document": dataclasses.asdict(self.document)}
        if include_text or (self.text and any(w[:4] in ("W002", "W007", "W008", "W010") for w in self.warnings)):
            out["text"] = self.text
        for name in ("entities", "places", "times", "quantities", "attributions", "events"):
            out[name] = [_plain(item) for item in getattr(self, name)]
        out["warnings"] = list(self.warnings)
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any], text: str = "") -> "DocumentResult":
        """Read back an eventcoder/1 object (inverse of :meth:`to_dict`)."""
        return cls(
            document=DocumentMeta(**data["document"]),
            text=data.get("text", text),
            entities=[
                Entity(**{**e, "mentions": [Mention(**m) for m in e.get("mentions", [])]})
                for e in data.get("entities", [])
            ],
            places=[Place(**p) for p in data.get("places", [])],
            times=[
                TimeExpr(**{**t, "interval": Interval(**t["interval"]) if t.get("interval") else None})
                for t in data.get("times", [])
            ],
            quantities=[Quantity(**q) for q in data.get("quantities", [])],
            attributions=[
                Attribution(
                    **{
                        **a,
                        "cue": Span(**a["cue"]),
                        "content": Span(**a["content"]),
                        "source": SourceRef(**a["source"]) if a.get("source") else None,
                        "via": [SourceRef(**v) for v in a.get("via", [])],
                    }
                )
                for a in data.get("attributions", [])
            ],
            events=[
                Event(
                    **{
                        **v,
                        "trigger": Span(**v["trigger"]),
                        "sentence": Span(**v["sentence"]),
                        "plover": PloverCode(**v["plover"]) if v.get("plover") else None,
                        "acled": AcledCode(**v["acled"]) if v.get("acled") else None,
                    }
                )
                for v in data.get("events", [])
            ],
            warnings=list(data.get("warnings", [])),
        )

    # Lookups used by stages and exports.
    def _by_id(self, name: str, item_id: str | None) -> Any:
        """The first item of list ``name`` with id ``item_id`` (None for None), through an id
        index rebuilt when the list or its length changes; a stale or missed entry falls back to
        a scan, so the answer is that of a linear search."""
        if item_id is None:
            return None  # ids are strings (E1, P1, ...): None names no item
        items = getattr(self, name)
        cache = self.__dict__.setdefault("_id_index", {})
        index = cache.get(name)
        if index is None or index[0] is not items or index[1] != len(items):
            ids: dict[Any, int] = {}
            for i, item in enumerate(items):
                ids.setdefault(item.id, i)
            index = cache[name] = (items, len(items), ids)
        i = index[2].get(item_id)
        if i is not None and i < len(items) and items[i].id == item_id:
            return items[i]
        return next((x for x in items if x.id == item_id), None)

    def entity(self, entity_id: str | None) -> Entity | None:
        return self._by_id("entities", entity_id)

    def invalidate(self) -> None:
        """Mark the entity/mention lookup index stale. Call after changing an entity's mentions
        in place (``entity.mentions.append(...)``, editing a mention's offsets) or replacing an
        entity in ``entities`` at the same length; appending/removing entities, assigning a new
        ``entities`` list and appending mentions through :meth:`add_mention` are seen without it."""
        self.__dict__["_mention_version"] = self.__dict__.get("_mention_version", 0) + 1

    def add_mention(self, entity: Entity, mention: Mention) -> None:
        """Append ``mention`` to ``entity.mentions`` and mark the lookup index stale."""
        entity.mentions.append(mention)
        self.invalidate()

    def _mention_rows(self) -> tuple[list, list[int], int]:
        """The mention index: rows ``(start, end, entity index, mention index, entity)`` sorted,
        their start offsets, and the longest mention's length (chars). Rebuilt when the entity
        list object, its length, the last entity's mention count or the :meth:`invalidate`
        counter changed since the last build (an O(1) check, so n lookups cost O(n log n))."""
        entities = self.entities
        last = entities[-1] if entities else None
        stamp = (len(entities), id(last), len(last.mentions) if last is not None else 0,
                 self.__dict__.get("_mention_version", 0))
        index = self.__dict__.get("_mention_index")
        if index is None or index[0] is not entities or index[1] != stamp:
            rows = sorted(
                (m.start, m.end, ei, mi, entity)
                for ei, entity in enumerate(entities)
                for mi, m in enumerate(entity.mentions)
            )
            longest = max((r[1] - r[0] for r in rows), default=0)
            index = (entities, stamp, rows, [r[0] for r in rows], longest, last)  # last: keeps its id unique
            self.__dict__["_mention_index"] = index
        return index[2], index[3], index[4]

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping chars ``[start, end)``, longest overlap first
        (ties: the earlier entity). Uses the mention index of :meth:`_mention_rows` (sorted by
        start offset), so a lookup costs O(log n + nearby mentions) instead of a scan of every
        mention of the document. After changing an entity's mentions in place, call
        :meth:`invalidate` (or add mentions with :meth:`add_mention`)."""
        rows, starts, longest = self._mention_rows()
        best, best_key = None, None
        for m_start, m_end, ei, mi, entity in rows[bisect_left(starts, start - longest) : bisect_left(starts, end)]:
            overlap = min(end, m_end) - max(start, m_start)
            if overlap > 0:
                key = (-overlap, ei, mi)
                if best_key is None or key < best_key:
                    best, best_key = entity, key
        return best

    def place(self, place_id: str | None) -> Place | None:
        return self._by_id("places", place_id)

    def time(self, time_id: str | None) -> TimeExpr | None:
        return self._by_id("times", time_id)

    def quantity(self, quantity_id: str | None) -> Quantity | None:
        return self._by_id("quantities", quantity_id)

    def attribution(self, attribution_id: str | None) -> Attribution | None:
        return self._by_id("attributions", attribution_id)


_MENTIONS = attrgetter("mentions")


def _plain(obj: Any) -> Any:
    """Dataclass -> plain JSON-able dict (recursively)."""
    return dataclasses.asdict(obj)
