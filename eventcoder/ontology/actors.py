"""Loaders for the actor tables used by the entities stage.

Three hand-written TSV files next to this module (each documents its columns and sources in its
``#`` header):

- ``actors.tsv``: curated actors (heads of state, officials, IGOs, NGOs, armed groups, militaries,
  news agencies) with aliases, NER type, ISO 3166-1 alpha-2 country and PLOVER/CAMEO sector.
  Names and aliases follow the Wikidata label/"also known as" fields; country+sector follow the
  CAMEO/PETRARCH actor dictionary convention (``UKRGOV`` -> country UA, sector GOV).
- ``agents.tsv``: common nouns naming an actor ("ministry", "troops", "official") with the
  canonical agent label and sector (CAMEO/PETRARCH agents dictionary convention).
- ``actor_countries.tsv``: a small country table (names, demonyms, capitals) used when the
  gazetteer cannot answer ``country_for_name``.

Everything is loaded once per process (``functools.lru_cache``). Names are compared after
:func:`fold`: Unicode transliterated to ASCII with ``unidecode``, lower-cased, typographic
apostrophes and dashes normalised.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from unidecode import unidecode

HERE = Path(__file__).resolve().parent


def fold(text: str) -> str:
    """Accent- and case-folded form of ``text`` ("Erdoğan’s" -> "erdogan's")."""
    return unidecode(text).lower().strip()


def fold_case(text: str) -> str:
    """Accent-folded form keeping case (for acronyms: "ICRC" must not match "icrc")."""
    return unidecode(text).strip()


@dataclass(frozen=True)
class Actor:
    """One curated actor (a row of ``actors.tsv``).

    ``names`` is the canonical name followed by its aliases. ``country`` is ISO 3166-1 alpha-2 or
    None (IGOs, NGOs, transnational groups); ``sector`` a PLOVER/CAMEO agent code; ``gender``
    ``"m"``/``"f"``/None (for he/she coreference); ``agent`` the agent label of ``agents.tsv``
    this actor stands for in its country ("military", "government", "president") or None.
    """

    key: str
    name: str
    aliases: tuple[str, ...]
    type: str
    country: str | None
    sector: str | None
    gender: str | None
    agent: str | None
    wikidata: str | None
    source: str

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name,) + self.aliases


@dataclass(frozen=True)
class Agent:
    """One nominal agent term of ``agents.tsv``: ``term`` (lower case, singular lemma form),
    canonical ``label``, ``sector`` and ``kind`` (individual | group | people | org | weapon;
    meanings in the file's header)."""

    term: str
    label: str
    sector: str
    kind: str


@dataclass(frozen=True)
class Country:
    """A row of ``actor_countries.tsv``: ISO 3166-1 alpha-2 code, English short name, aliases,
    demonyms/adjectives and capitals."""

    iso2: str
    name: str
    aliases: tuple[str, ...]
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = [line for line in handle if line.strip() and not line.startswith("#")]
    reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
    return [{k: (v or "").strip() for k, v in row.items()} for row in reader]


def _split(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split("|") if part.strip())


@lru_cache(maxsize=None)
def load_actors(path: str | None = None) -> tuple[Actor, ...]:
    """All curated actors, in file order. ``path`` overrides ``actors.tsv`` (tests)."""
    out = []
    for i, row in enumerate(_rows(Path(path) if path else HERE / "actors.tsv")):
        out.append(
            Actor(
                key=f"curated:{i}",
                name=row["name"],
                aliases=tuple(a for a in _split(row["aliases"]) if a != row["name"]),
                type=row["type"] or "ORG",
                country=row["country"] or None,
                sector=row["sector"] or None,
                gender=row["gender"] or None,
                agent=row["agent"] or None,
                wikidata=row["wikidata"] or None,
                source=row["source"],
            )
        )
    return tuple(out)


@lru_cache(maxsize=None)
def load_agents() -> dict[str, Agent]:
    """The nominal agent lexicon keyed by ``term`` (lower case; multiword terms space-joined)."""
    return {
        row["term"]: Agent(row["term"], row["label"], row["sector"], row["kind"])
        for row in _rows(HERE / "agents.tsv")
    }


class CountryTable:
    """Fallback country lookup: folded country name, alias, demonym or capital -> ISO2."""

    def __init__(self, countries: tuple[Country, ...]):
        self.countries = {c.iso2: c for c in countries}
        self._index: dict[str, tuple[str, str]] = {}
        for c in countries:
            for kind, names in (
                ("name", (c.name,) + c.aliases),
                ("demonym", c.demonyms),
                ("capital", c.capitals),
            ):
                for name in names:
                    # Case-sensitive acronyms ("US") are indexed as written; see lookup().
                    self._index.setdefault(fold(name), (c.iso2, kind))

    def lookup(self, text: str) -> tuple[str, str] | None:
        """``(iso2, kind)`` for a country name/alias (kind ``"name"``), demonym (``"demonym"``)
        or capital (``"capital"``); None if unknown. Leading "the" and a trailing possessive are
        ignored. An all-lower-case "us" is the pronoun, never the United States."""
        text = text.strip()
        if text in ("us", "Us"):
            return None
        key = fold(text)
        if key.startswith("the "):
            key = key[4:]
        if key.endswith("'s"):
            key = key[:-2]
        return self._index.get(key)

    def name(self, iso2: str) -> str | None:
        c = self.countries.get(iso2)
        return c.name if c else None

    def demonym(self, iso2: str) -> str | None:
        c = self.countries.get(iso2)
        return c.demonyms[0] if c and c.demonyms else None


@lru_cache(maxsize=None)
def load_countries() -> CountryTable:
    """The fallback :class:`CountryTable` from ``actor_countries.tsv``."""
    rows = _rows(HERE / "actor_countries.tsv")
    return CountryTable(
        tuple(
            Country(
                iso2=row["iso2"],
                name=row["name"],
                aliases=_split(row["aliases"]),
                demonyms=_split(row["demonyms"]),
                capitals=_split(row["capitals"]),
            )
            for row in rows
        )
    )
