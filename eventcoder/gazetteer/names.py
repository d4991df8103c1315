"""Name normalisation shared by the gazetteer build and lookups."""
from __future__ import annotations

import re

from unidecode import unidecode

_DROP = re.compile(r"[\u2019\u2018'`\u02bc\u02b9\u00b4]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(name: str) -> str:
    """The lookup key of a name: ASCII-folded (unidecode), lower case, apostrophes dropped,
    every other run of non-alphanumerics one space. ``"Kharkivs’ka Oblast’"`` ->
    ``"kharkivska oblast"``, ``"Rostov-on-Don"`` -> ``"rostov on don"``, ``"Оленівка"`` ->
    ``"olenivka"``."""
    s = unidecode(name or "").lower()
    s = _DROP.sub("", s)
    return _NON_ALNUM.sub(" ", s).strip()
