"""The JSON Schema of the eventcoder/1 output contract, and a validator for it."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=1)
def schema() -> dict:
    """The eventcoder/1 JSON Schema (draft 2020-12) shipped in this package."""
    return json.loads(resources.files(__package__).joinpath("eventcoder-1.schema.json").read_text("utf-8"))


def validate(record: dict) -> None:
    """Raise ``jsonschema.ValidationError`` if ``record`` is not valid eventcoder/1."""
    import jsonschema

    jsonschema.Draft202012Validator(schema()).validate(record)
