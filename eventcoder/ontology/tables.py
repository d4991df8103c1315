"""Loader for the event ontology data files in this folder (PLOVER, ACLED, CAMEO, triggers).

The ontology lives in tab-separated data files, each opening with ``#`` comment lines that name its
source; this module only reads and checks them:

- ``plover.tsv``: the 16 PLOVER event types of the 2021 manual with modes, contexts, quad class.
- ``acled.tsv``: ACLED event types, sub-event types and disorder types with the codebook definition each rests on (ACLED Codebook, web edition).
- ``cameo_plover.tsv``: CAMEO code -> PLOVER type/mode/context (derived from CAMEO2PLOVER-2021, CC BY-SA).
- ``triggers.tsv``: trigger lemma or phrase -> PLOVER type/mode/context, ACLED types, CAMEO code.

:func:`ontology` returns one cached :class:`Ontology`; :meth:`Ontology.check` verifies that every
trigger's PLOVER type, mode and ACLED pair exists in the tables (raises ``ValueError`` otherwise).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent

NOT_EVENT = "-"  # trigger recognised but not a PLOVER event (CAMEO 01 statements)
UNTYPED = "?"  # trigger known to have no PLOVER type: reported untyped with a reason

# Older PLOVER names (0.5b1/0.6b1, used by the PLOVER gold records) -> current names.
PLOVER_ALIASES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a data file of this folder as dicts keyed by its header (``#`` lines skipped).
    Raises FileNotFoundError if the file is absent."""
    path = HERE / name
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items()} for row in reader]


def _split(value: str) -> list[str]:
    return [v.strip() for v in value.split(",") if v.strip()]


@dataclass(frozen=True)
class PloverType:
    """One PLOVER event type: name, quad class (1-4, CAMEO QuadClass convention), modes, contexts."""

    event_type: str
    quad_class: int
    quad_label: str
    modes: tuple[str, ...]
    contexts: tuple[str, ...]
    aliases: tuple[str, ...]
    definition: str


@dataclass(frozen=True)
class Trigger:
    """One trigger lexicon row. ``words`` is the lemma (one word) or phrase (two or more);
    ``pos`` is ``V``, ``N`` or ``VN``; ``frame`` the object condition (any, territory, person,
    clause); ``plover`` a type name, :data:`NOT_EVENT` or :data:`UNTYPED`."""

    words: tuple[str, ...]
    pos: str
    frame: str
    plover: str
    mode: str | None
    context: tuple[str, ...]
    acled_event_type: str | None
    acled_sub_event_type: str | None
    cameo: str | None
    confidence: float

    @property
    def head(self) -> str:
        """The lemma the phrase is anchored on when matching (see ``anchor``)."""
        return self.words[0]


@dataclass
class Ontology:
    """All tables, indexed. ``triggers_by_word`` maps every word of a trigger to its rows."""

    plover: dict[str, PloverType]
    acled: set[tuple[str, str]]
    cameo: dict[str, tuple[str, str | None, tuple[str, ...]]]
    triggers: list[Trigger]
    triggers_by_word: dict[str, list[Trigger]] = field(default_factory=dict)

    def quad_class(self, event_type: str | None, cameo: str | None = None) -> int | None:
        """Quad class (1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict) from
        the CAMEO code when given, grouped as the Phoenix PentaClass with 0 and 1 merged (root
        01-05 -> 1, 06-08 -> 2, 09-13 and 16 -> 3, 14-15 and 17-20 -> 4), else from the PLOVER type
        (PLOVER README quad table); None when neither is known."""
        if cameo and cameo[:2].isdigit():
            root = int(cameo[:2])
            if 1 <= root <= 20:
                return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 or root == 16 else 4
        t = self.plover.get(event_type or "")
        return t.quad_class if t else None

    def cameo_to_plover(self, code: str) -> str | None:
        """PLOVER type of a CAMEO code: exact code, else its 3-digit then 2-digit prefix; for a
        root, the type most of its codes map to. None for CAMEO 01 or unknown codes."""
        for key in (code, code[:3], code[:2]):
            if key in self.cameo:
                t = self.cameo[key][0]
                return None if t == NOT_EVENT else t
        root = code[:2]
        counts: dict[str, int] = {}
        for k, (t, _m, _c) in self.cameo.items():
            if k.startswith(root) and t != NOT_EVENT:
                counts[t] = counts.get(t, 0) + 1
        return max(counts, key=counts.get) if counts else None

    def normalize_type(self, name: str) -> str:
        """Current PLOVER name of an old or current one (``FIGHT`` -> ``ASSAULT``)."""
        return PLOVER_ALIASES.get(name.upper(), name.upper())

    def check(self) -> None:
        """Raise ValueError if a trigger uses a PLOVER type, mode or ACLED pair absent from the
        tables, or a confidence outside [0, 1]."""
        for t in self.triggers:
            where = f"triggers.tsv {' '.join(t.words)!r}"
            if t.plover not in (NOT_EVENT, UNTYPED) and t.plover not in self.plover:
                raise ValueError(f"{where}: unknown PLOVER type {t.plover}")
            if t.mode and t.plover in self.plover and t.mode not in self.plover[t.plover].modes:
                raise ValueError(f"{where}: mode {t.mode} not a mode of {t.plover}")
            if t.acled_event_type and (t.acled_event_type, t.acled_sub_event_type or "") not in self.acled:
                raise ValueError(f"{where}: unknown ACLED pair {t.acled_event_type}/{t.acled_sub_event_type}")
            if not 0.0 <= t.confidence <= 1.0:
                raise ValueError(f"{where}: confidence {t.confidence} outside [0, 1]")
        for code, (t, _m, _c) in self.cameo.items():
            if t != NOT_EVENT and t not in self.plover:
                raise ValueError(f"cameo_plover.tsv {code}: unknown PLOVER type {t}")


@lru_cache(maxsize=1)
def ontology() -> Ontology:
    """The ontology tables of this folder, loaded once and checked (ValueError on bad data)."""
    plover = {
        r["event_type"]: PloverType(
            event_type=r["event_type"],
            quad_class=int(r["quad_class"]),
            quad_label=r["quad_label"],
            modes=tuple(_split(r["modes"])),
            contexts=tuple(_split(r["contexts"])),
            aliases=tuple(_split(r["aliases"])),
            definition=r["definition"],
        )
        for r in read_tsv("plover.tsv")
    }
    acled = {(r["event_type"], r["sub_event_type"]) for r in read_tsv("acled.tsv")}
    cameo = {
        r["cameo"]: (r["event_type"], r["mode"] or None, tuple(_split(r["context"])))
        for r in read_tsv("cameo_plover.tsv")
    }
    triggers = [
        Trigger(
            words=tuple(r["trigger"].lower().split()),
            pos=r["pos"],
            frame=r["object"] or "any",
            plover=r["plover"],
            mode=r["mode"] or None,
            context=tuple(_split(r["context"])),
            acled_event_type=r["acled_event_type"] or None,
            acled_sub_event_type=r["acled_sub_event_type"] or None,
            cameo=r["cameo"] or None,
            confidence=float(r["confidence"] or 0.5),
        )
        for r in read_tsv("triggers.tsv")
    ]
    onto = Ontology(plover=plover, acled=acled, cameo=cameo, triggers=triggers)
    for t in triggers:
        for w in t.words:
            onto.triggers_by_word.setdefault(w, []).append(t)
    onto.check()
    return onto
