"""Per-stage time and words/s of the whole pipeline on real articles.

Usage: python bench/pipeline.py [FILE ...] [--published YYYY-MM-DD] [--repeat N]
(default: the reference article in ../shared/corpus, published 2022-10-14). Reports each
stage's share as a ratio of the parse stage's time in the same run, plus words/s end to end
(words = whitespace tokens). Results go to stdout as a markdown table; paste into
bench/RESULTS.md with the date and machine.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parents[1] / "shared" / "corpus" / "guardian-2022-10-14-ukraine-digest.txt"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path, default=[DEFAULT])
    ap.add_argument("--published", default="2022-10-14")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    missing = [f for f in args.files if not f.is_file()]
    if missing:
        hint = (" (the default input is the reference article of the shared corpus, expected at "
                f"{DEFAULT}; pass your own article: python bench/pipeline.py ARTICLE.txt --published YYYY-MM-DD)"
                if DEFAULT in missing else "")
        print(f"bench/pipeline.py: input not found: {', '.join(map(str, missing))}{hint}", file=sys.stderr)
        return 2

    import eventcoder
    from eventcoder.resources import default_resources

    res = default_resources()
    started = time.perf_counter()
    res.nlp
    res.gazetteer
    load = time.perf_counter() - started
    texts = [f.read_text(encoding="utf-8") for f in args.files]
    words = sum(len(t.split()) for t in texts)
    eventcoder.extract(texts[0], args.published, resources=res)  # warm caches
    per_stage: dict[str, list[float]] = {}
    totals = []
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        sums: dict[str, float] = {}
        for text in texts:
            timings: dict[str, float] = {}
            eventcoder.extract(text, args.published, resources=res, timings=timings)
            for k, v in timings.items():
                sums[k] = sums.get(k, 0.0) + v
        totals.append(time.perf_counter() - t0)
        for k, v in sums.items():
            per_stage.setdefault(k, []).append(v)
    parse = statistics.median(per_stage["parse"])
    print(f"resources load: {load:.2f} s; {len(texts)} document(s), {words} words, repeat {args.repeat}\n")
    print("| stage | median ms | ratio to parse |")
    print("|---|---|---|")
    for k, v in per_stage.items():
        m = statistics.median(v)
        print(f"| {k} | {1000 * m:.1f} | {m / parse:.2f} |")
    total = statistics.median(totals)
    print(f"| **total** | {1000 * total:.1f} | {total / parse:.2f} |")
    print(f"\nwords/s end to end: {words / total:.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
