"""``eventcoder eval fusion``: pairwise precision/recall of cross-document fusion.

Data: a JSONL file of report pairs written for eventcoder (default
``tests/fixtures/fusion_pairs.jsonl``), one line ``{"id", "same": bool, "note", "a": {"text",
"published", "outlet"}, "b": {...}}``: two news-style reports of the same real-world event
(``same: true``) or of two different events.

Measure: each pair runs through the full pipeline (:func:`eventcoder.pipeline.extract`) and
:func:`eventcoder.store.fusion.fuse_results`; the pair is predicted "same" when some fused
event links reports from both documents. Positive class = same event: precision = correct
"same" / predicted "same", recall = correct "same" / gold "same" (percent).
"""
from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable

from ..errors import Errors, InputError
from ..model import DocumentResult
from ..store.fusion import fuse_results
from .common import markdown_table, prf

DEFAULT_PAIRS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "fusion_pairs.jsonl"


@dataclass
class PairOutcome:
    """One scored pair: gold and predicted decision, event counts, the fused event types."""

    id: str
    gold: bool
    predicted: bool
    events_a: int
    events_b: int
    note: str = ""


def load_pairs(path: str | Path) -> list[dict]:
    """Read the pairs file; raises InputError (E012 missing, E008 bad line)."""
    p = Path(path)
    if not p.is_file():
        raise InputError(Errors.E012.format(where=str(p)))
    pairs = []
    for number, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            item["a"]["text"], item["b"]["text"], item["same"]  # noqa: B018 - shape check
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            raise InputError(Errors.E008.format(line=number, detail=str(exc))) from None
        pairs.append(item)
    return pairs


def _baseline_same(docs: list[DocumentResult]) -> bool:
    """Naive baseline: some pair of reports has the same PLOVER type and overlapping dates."""
    from ..store.fusion import _time, reports_from_result

    ra, rb = (reports_from_result(d) for d in docs)
    return any(a.type == b.type and _time(a, b)[0] is None for a in ra for b in rb)


def score_pair(pair: dict, extractor: Callable[..., DocumentResult], rule: str = "fusion") -> PairOutcome:
    """Extract both reports and decide "same event" with ``rule``: ``fusion`` (the store's
    fusion) or ``type-date`` (the naive baseline); see the module docstring."""
    docs = []
    for side in ("a", "b"):
        d = pair[side]
        docs.append(extractor(d["text"], d.get("published"), id=f"{pair['id']}-{side}", outlet=d.get("outlet")))
    if rule == "type-date":
        predicted = _baseline_same(docs)
    else:
        fused = fuse_results(docs)
        shas = {docs[0].document.sha256, docs[1].document.sha256}
        predicted = any({m.doc_sha for m in f.members} >= shas for f in fused)
    return PairOutcome(pair["id"], bool(pair["same"]), predicted, len(docs[0].events), len(docs[1].events),
                       pair.get("note", ""))


def summarize(outcomes: Iterable[PairOutcome]) -> dict:
    """Counts and P/R/F1 (percent) of the "same event" class."""
    outcomes = list(outcomes)
    tp = sum(o.gold and o.predicted for o in outcomes)
    fp = sum(o.predicted and not o.gold for o in outcomes)
    fn = sum(o.gold and not o.predicted for o in outcomes)
    tn = sum(not o.gold and not o.predicted for o in outcomes)
    p, r, f = prf(tp, fp, fn)
    return {"pairs": len(outcomes), "tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": p, "recall": r, "f1": f,
            "no_events": sum(1 for o in outcomes if not o.events_a or not o.events_b)}


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "fusion", help="pairwise precision/recall of cross-document event fusion",
        description="Score cross-document fusion on report pairs (same event / different events).\n\n"
                    "example:\n  eventcoder eval fusion\n  eventcoder eval fusion --pairs my_pairs.jsonl --errors",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--pairs", default=str(DEFAULT_PAIRS), help="pairs JSONL (default: the bundled pair set)")
    p.add_argument("--limit", type=int, help="score only the first N pairs")
    p.add_argument("--errors", action="store_true", help="list the pairs decided wrongly")
    p.add_argument("--rule", choices=("fusion", "type-date"), default="fusion",
                   help="fusion (default) or the naive baseline: same PLOVER type and overlapping dates")
    p.set_defaults(func=_run)


def _run(args) -> int:
    from ..store.ingest import default_extractor

    pairs = load_pairs(args.pairs)[: args.limit or None]
    extractor = default_extractor()
    started = time.perf_counter()
    outcomes = [score_pair(pair, extractor, args.rule) for pair in pairs]
    s = summarize(outcomes)
    print(markdown_table(["pairs", "same (gold)", "TP", "FP", "FN", "TN", "P", "R", "F1", "pairs with a side without events"],
                         [[s["pairs"], s["tp"] + s["fn"], s["tp"], s["fp"], s["fn"], s["tn"],
                           s["precision"], s["recall"], s["f1"], s["no_events"]]]))
    print(f"\n{len(pairs)} pairs, rule {args.rule}, in {time.perf_counter() - started:.1f} s ({args.pairs})")
    if args.errors:
        for o in outcomes:
            if o.gold != o.predicted:
                kind = "FN" if o.gold else "FP"
                print(f"{kind} {o.id}: events {o.events_a}/{o.events_b}  {o.note}")
    return 0
