"""Data for the attributions stage: the cue lexicon (``cues.json``) and the channel lexicon
(``channels.json``), each with its source in its ``_source`` key."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).resolve().parent


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    """The JSON data file ``name`` (``"cues"`` or ``"channels"``) of this package."""
    return json.loads((HERE / f"{name}.json").read_text(encoding="utf-8"))
