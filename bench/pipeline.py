"""Per-stage time and words/s of the whole pipeline on real articles.

Usage: python bench/pipeline.py [FILE ...] [--published YYYY-MM-DD] [--repeat N]
(default: the reference article in ../shared/corpus, published 2022-10-14). Reports each
stage's share as a ratio of the parse stage's time in the same run, plus words/s end to end
(words = whitespace tokens). Results go to stdout as a markdown table; paste into
bench/RESULTS.md with the date and machine.

Large documents: ``python bench/pipeline.py --generated 100000,400000,1600000 [--one-line]``
builds texts of those sizes (characters) from :data:`GENERATED` (invented news paragraphs,
blank line between; ``--one-line``: the same sentences on one line with no break at all, the
tester's 1.9 MB case) and extracts each in a fresh process, reporting wall seconds, CPU
seconds (process time: less disturbed by other load on a shared machine), peak RSS
(``ru_maxrss``) and the ratios of each to the first size's in the same run. Linear scaling
gives a time ratio close to the size ratio. Results: bench/RESULTS.md.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT = HERE.parents[1] / "shared" / "corpus" / "guardian-2022-10-14-ukraine-digest.txt"


# Invented news paragraphs (written for this benchmark) for --generated.
GENERATED = [
    "Armed men attacked a police post near Maiduguri in Borno state on Saturday, killing two "
    "officers, a security source said.",
    "Thousands of people marched in Tbilisi on Sunday against a draft law on foreign agents, "
    "and police used water cannon to disperse them, witnesses said.",
    "Russian missiles hit an energy facility in the Lviv region overnight, cutting power to "
    "about 40,000 homes, the regional governor said on Monday.",
    "The Somali army said it had retaken the town of Harardhere from al-Shabaab fighters on "
    "Tuesday after two days of fighting.",
    "Colombia's government and the ELN rebel group agreed on Wednesday to extend a ceasefire "
    "by six months, negotiators said in Havana.",
    "An Israeli strike on a car in southern Lebanon killed three Hezbollah members on Thursday, "
    "the group said.",
    "Protesters set fire to the regional assembly building in Jos on Friday after a disputed "
    "election result, according to local media.",
    "Myanmar's junta bombed a village in Sagaing region last week, killing at least 11 "
    "civilians including four children, residents told reporters.",
]


def generated_text(size: int, one_line: bool = False) -> str:
    """:data:`GENERATED` repeated to exactly ``size`` chars (cut at the end), paragraphs
    separated by a blank line, or by a space with ``one_line``."""
    sep = " " if one_line else "\n\n"
    unit = sep.join(GENERATED) + sep
    return (unit * (size // len(unit) + 1))[:size]


def _one(size: int, one_line: bool, published: str) -> int:
    """Child process: extract one generated text, print a JSON line of measurements."""
    import eventcoder
    from eventcoder.resources import default_resources

    res = default_resources()
    res.nlp
    res.gazetteer
    eventcoder.extract(GENERATED[0], published, resources=res)  # warm caches
    text = generated_text(size, one_line)
    wall, cpu = time.perf_counter(), time.process_time()
    timings: dict[str, float] = {}
    result = eventcoder.extract(text, published, resources=res, timings=timings)
    print(json.dumps({
        "chars": len(text), "wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu,
        "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "events": len(result.events), "stages": timings,
    }))
    return 0


def _generated(sizes: list[int], one_line: bool, published: str) -> int:
    rows = []
    for size in sizes:
        cmd = [sys.executable, __file__, "--one", str(size), "--published", published]
        cmd += ["--one-line"] if one_line else []
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
        print(f"  {size} chars done: {rows[-1]['wall']:.1f} s", file=sys.stderr)
    first = rows[0]
    kind = "one line, no breaks" if one_line else "paragraphs"
    print(f"generated input ({kind}), one fresh process per size; ratios against {first['chars']:,} chars\n")
    print("| chars | events | wall s | CPU s | peak RSS MiB | size ratio | wall ratio | CPU ratio | RSS ratio | slowest stages (s) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        top = sorted(r["stages"].items(), key=lambda kv: -kv[1])[:3]
        print(f"| {r['chars']:,} | {r['events']} | {r['wall']:.1f} | {r['cpu']:.1f} | {r['rss_mib']:.0f} | "
              f"{r['chars'] / first['chars']:.1f} | {r['wall'] / first['wall']:.2f} | {r['cpu'] / first['cpu']:.2f} | "
              f"{r['rss_mib'] / first['rss_mib']:.2f} | {', '.join(f'{k} {v:.1f}' for k, v in top)} |")
    return 0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", type=Path, default=[DEFAULT])
    ap.add_argument("--published", default="2022-10-14")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--generated", help="comma-separated sizes in chars: large generated documents")
    ap.add_argument("--one-line", action="store_true", help="with --generated: no line breaks at all")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)  # child process of --generated
    args = ap.parse_args(argv)
    if args.one:
        return _one(args.one, args.one_line, args.published)
    if args.generated:
        return _generated([int(x) for x in args.generated.split(",")], args.one_line, args.published)
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
