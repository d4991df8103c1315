"""JSONL export: one eventcoder/1 object per line, one line per document (the output contract;
``DocumentResult.from_dict`` reads each line back)."""
from __future__ import annotations

import json
from typing import IO, Iterable

from ..model import DocumentResult


def write_jsonl(results: Iterable[DocumentResult], out: IO[str], include_text: bool = False) -> int:
    """Write one compact JSON object per document to ``out``; returns the number of lines."""
    n = 0
    for result in results:
        out.write(json.dumps(result.to_dict(include_text=include_text), ensure_ascii=False) + "\n")
        n += 1
    return n
