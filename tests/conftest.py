"""Shared fixtures. Texts here are written for the tests; real articles are read from
../shared/ only (and such tests skip when it is absent)."""
from __future__ import annotations

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def resources():
    """Process-wide resources (spaCy model + gazetteer), loaded once."""
    from eventcoder.resources import default_resources

    res = default_resources()
    res.nlp  # load now so timing of the first test is not odd
    return res


@pytest.fixture(scope="session")
def extract(resources):
    """``extract(text, published=...)`` bound to the shared resources."""
    import eventcoder

    def _extract(text, published="2022-10-14", **kw):
        return eventcoder.extract(text, published, resources=resources, **kw)

    return _extract


@pytest.fixture(scope="session")
def shared_dir():
    if not SHARED.is_dir():
        pytest.skip("../shared is not present")
    return SHARED
