"""Benchmark: cost of the times stage as a ratio of the spaCy parse time on the same documents.

Issue 4 asks for time normalization <= 10% of the parse time. Both are measured in this run,
on the same texts, best of ``--repeat`` runs each (seconds of wall time, one process):

- the reference article (../shared/corpus/guardian-2022-10-14-ukraine-digest.txt),
- TempEval-3 platinum (20 news documents, DCT-anchored),
- WikiWars (war narratives, date-dense; no DCT), first ``--wikiwars`` documents.

usage: python bench/times.py [--repeat 3] [--wikiwars 4] [--append]
``--append`` adds the markdown table to bench/RESULTS-times.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eventcoder.eval.common import markdown_table, shared_eval_dir  # noqa: E402
from eventcoder.eval.timex import load_te3, load_wikiwars  # noqa: E402
from eventcoder.resources import default_resources  # noqa: E402
from eventcoder.stages.times import find_times  # noqa: E402


def bench(name: str, items: list[tuple[str, str | None]], nlp, repeat: int) -> list:
    """``items`` = [(text, published)]. Returns a table row: corpus, docs, chars, parse s,
    times s, ratio %, chars/s of the times stage."""
    best_parse = best_times = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        docs = [nlp(text) for text, _ in items]
        t1 = time.perf_counter()
        for (text, published), doc in zip(items, docs):
            find_times(doc, text, published)
        t2 = time.perf_counter()
        best_parse, best_times = min(best_parse, t1 - t0), min(best_times, t2 - t1)
    chars = sum(len(t) for t, _ in items)
    return [name, len(items), chars, f"{best_parse:.3f}", f"{best_times:.4f}",
            100.0 * best_times / best_parse, int(chars / best_times)]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--wikiwars", type=int, default=4)
    ap.add_argument("--append", action="store_true")
    args = ap.parse_args()
    nlp = default_resources().nlp
    base = shared_eval_dir()
    article = (base.parent / "corpus" / "guardian-2022-10-14-ukraine-digest.txt").read_text(encoding="utf-8")
    rows = [
        bench("guardian article", [(article, "2022-10-14")], nlp, args.repeat),
        bench("TE3 platinum", [(d.text, d.dct) for d in load_te3(base / "timex-te3-platinum" / "tml")], nlp, args.repeat),
        bench(f"WikiWars (first {args.wikiwars})",
              [(d.text, None) for d in load_wikiwars(base / "timex-wikiwars" / "keyinline", args.wikiwars)],
              nlp, args.repeat),
    ]
    table = markdown_table(["documents", "docs", "chars", "parse s", "times s", "times/parse %", "times chars/s"], rows)
    header = (f"## {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, python bench/times.py --repeat "
              f"{args.repeat} --wikiwars {args.wikiwars} ({platform.machine()}, {platform.python_version()}, "
              f"model {default_resources().settings.spacy_model})")
    print(header)
    print()
    print(table)
    if args.append:
        path = ROOT / "bench" / "RESULTS-times.md"
        with path.open("a", encoding="utf-8") as f:
            if path.stat().st_size == 0:
                f.write("# times stage: cost relative to the spaCy parse (target <= 10%)\n\n")
            f.write(header + "\n\n" + table + "\n\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
