"""Helpers shared by the scorers: locating gold data, P/R/F1, table printing."""
from __future__ import annotations

import os
from pathlib import Path

from ..errors import Errors, ResourceMissing


def shared_eval_dir() -> Path:
    """The gold data folder: ``$EVENTCODER_EVAL_DIR`` or ``../shared/eval`` beside the checkout
    or the working directory. Raises ResourceMissing (E013) when none exists."""
    candidates = []
    if os.environ.get("EVENTCODER_EVAL_DIR"):
        candidates.append(Path(os.environ["EVENTCODER_EVAL_DIR"]))
    here = Path(__file__).resolve()
    candidates += [here.parents[3] / "shared" / "eval", Path.cwd().parent / "shared" / "eval", Path.cwd() / "shared" / "eval"]
    seen: list[Path] = []
    for c in candidates:
        c = c.resolve()
        if c in seen:
            continue
        seen.append(c)
        if c.is_dir():
            return c
    raise ResourceMissing(Errors.E013.format(path=" or ".join(str(c) for c in seen)))


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1 in percent (0 when undefined)."""
    p = 100.0 * tp / (tp + fp) if tp + fp else 0.0
    r = 100.0 * tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def markdown_table(header: list[str], rows: list[list]) -> str:
    """A GitHub-flavoured markdown table; floats printed with one decimal."""
    fmt = lambda v: f"{v:.1f}" if isinstance(v, float) else str(v)  # noqa: E731
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(fmt(v) for v in row) + " |" for row in rows]
    return "\n".join(lines)
