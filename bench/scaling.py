"""Run time per stage against input length: is extraction linear in document length?

Usage: python bench/scaling.py [--sizes 25000,50000,100000] [--published 2024-03-08]
                               [--run-on] [--no-cap] [--from-file ARTICLE.txt] [--repeat N]
                               [--cpu]

Builds news-style inputs of the given sizes (characters) by repeating ten invented paragraphs
(shelling, meetings, arrests, displacement, air strikes, clashes, statements with "X said",
places, dates), runs ``eventcoder.extract`` once per size after a warm-up, and prints a markdown
table of seconds per stage and in total, with the ratio of each size's time to the first
(smallest) size's time measured in the same run. Linear scaling gives a total ratio close to
size / first size (4.0 for 100 kB / 25 kB); a quadratic spot shows as a stage whose ratio grows
with the square of the size ratio (16 for 100 kB / 25 kB). Paste the table into
bench/RESULTS-scaling.md with the date and machine.

``--from-file`` builds the inputs by repeating the blank-line-separated paragraphs of a real
article instead (e.g. ``/work/shared/corpus/guardian-2022-10-14-ukraine-digest.txt`` with
``--published 2022-10-14``; the text is read at run time, nothing of it is stored here).
``--repeat N`` runs each size N times and reports each stage's fastest run (on a shared machine
the minimum is the least disturbed by other load). ``--cpu`` measures process CPU seconds
(``time.process_time``) instead of wall seconds: less sensitive to other processes' load.

``--run-on`` builds the input from one unpunctuated clause repeated on a single line (the
tester's hang: no sentence or paragraph break anywhere). ``--no-cap`` turns off the parse
stage's sentence-length cap (:func:`eventcoder.stages.parse.cap_sentences`) for a baseline in
the same code. The last column is the process's peak RSS so far (``ru_maxrss``, MiB): run one
size per process to read it per size.
"""
from __future__ import annotations

import argparse
import resource
import sys
import time

PARAGRAPHS = [
    "Russian forces shelled the town of Kupiansk in the Kharkiv region on Tuesday, killing three "
    "civilians and wounding 12 others, the regional governor Oleh Syniehubov said.",
    "Ukrainian President Volodymyr Zelenskyy met French President Emmanuel Macron in Paris on "
    "Monday to discuss air defence, the Elysee Palace said in a statement.",
    "At least 40 people were arrested in Tbilisi on Wednesday after police dispersed a protest "
    "outside parliament, according to the interior ministry.",
    "The United Nations said on Thursday that about 2,000 families had fled fighting near Goma in "
    "eastern Congo since the start of the month.",
    "Israeli airstrikes hit a residential building in Rafah overnight, killing at least 17 people, "
    "health officials in Gaza said.",
    "Sudan's army and the Rapid Support Forces clashed in Khartoum on Friday, witnesses told "
    "Reuters, as mediators in Jeddah called for a ceasefire.",
    "Turkish Foreign Minister Hakan Fidan said Ankara would host talks between Armenian and "
    "Azerbaijani officials next week.",
    "A car bomb exploded near a military checkpoint in Mogadishu on Saturday, killing five "
    "soldiers, a police officer, Mohamed Abdi, told reporters.",
    "Hundreds of farmers blocked roads around Brussels on 4 March to protest against European "
    "Union trade policy, Belgian police said.",
    "The Pentagon announced a new $300 million military aid package for Ukraine on Sunday, "
    "including artillery shells and air defence interceptors.",
]


def build_text(size: int) -> str:
    """A text of at most ``size`` characters (ending at a full stop): paragraphs of three of the
    sentences above, rotating by one sentence per paragraph, separated by blank lines."""
    out, n, i = [], 0, 0
    while n < size:
        para = " ".join(PARAGRAPHS[(i + k) % len(PARAGRAPHS)] for k in range(3))
        out.append(para)
        n += len(para) + 2
        i += 1
    return "\n\n".join(out)[:size].rsplit(".", 1)[0] + ".\n"


RUN_ON = "Russian forces shelled Kharkiv on Monday killing three civilians officials said "


def build_run_on(size: int) -> str:
    """``size`` characters of one clause repeated without punctuation or line breaks."""
    return (RUN_ON * (size // len(RUN_ON) + 1))[:size]


def build_from_file(path: str, size: int) -> str:
    """At most ``size`` characters (ending at a full stop) of the paragraphs of the file at
    ``path`` repeated in order, separated by blank lines."""
    with open(path, encoding="utf-8") as fh:
        paras = [p.strip() for p in fh.read().split("\n\n") if p.strip()]
    out, n, i = [], 0, 0
    while n < size:
        out.append(paras[i % len(paras)])
        n += len(out[-1]) + 2
        i += 1
    return "\n\n".join(out)[:size].rsplit(".", 1)[0] + ".\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="25000,50000,100000", help="comma-separated sizes in characters")
    ap.add_argument("--published", default="2024-03-08")
    ap.add_argument("--run-on", action="store_true", help="one unpunctuated line instead of paragraphs")
    ap.add_argument("--no-cap", action="store_true", help="baseline: no sentence-length cap in parse")
    ap.add_argument("--from-file", metavar="PATH", help="repeat this article's paragraphs instead")
    ap.add_argument("--repeat", type=int, default=1,
                    help="runs per size; each stage's (and the total's) fastest run is reported")
    ap.add_argument("--cpu", action="store_true",
                    help="time stages in process CPU seconds (time.process_time), not wall seconds")
    args = ap.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    build = build_run_on if args.run_on else build_text
    if args.from_file:
        build = lambda size: build_from_file(args.from_file, size)  # noqa: E731

    import eventcoder
    from eventcoder.resources import default_resources
    from eventcoder.stages import parse

    if args.no_cap:
        parse.cap_sentences = lambda doc, limit=parse.MAX_SENT_TOKENS: 0

    if args.cpu:  # the pipeline's stage clock, for this process only
        import types

        from eventcoder import pipeline

        pipeline.time = types.SimpleNamespace(perf_counter=time.process_time)
        time.perf_counter = time.process_time  # type: ignore[assignment]  (the total column too)
    res = default_resources()
    eventcoder.extract(build_text(2000), args.published, resources=res)  # load models, warm caches
    rows = []
    for size in sizes:
        text = build(size)
        timings: dict[str, float] = {}
        total = float("inf")
        for _ in range(max(1, args.repeat)):  # min over runs: the least disturbed by other load
            run: dict[str, float] = {}
            started = time.perf_counter()
            result = eventcoder.extract(text, args.published, resources=res, timings=run)
            total = min(total, time.perf_counter() - started)
            for stage, seconds in run.items():
                timings[stage] = min(timings.get(stage, seconds), seconds)
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        rows.append((len(text), timings, total, len(result.events), rss))
    stages = list(rows[0][1])
    base_len, base_t, base_total, _, _ = rows[0]
    print("| chars | events | " + " | ".join(stages) + " | total s | total ratio | size ratio | peak RSS MiB |")
    print("|---" * (len(stages) + 6) + "|")
    for n, timings, total, events, rss in rows:
        cells = [f"{timings.get(s, 0.0):.2f} (x{timings.get(s, 0.0) / max(base_t.get(s, 0.0), 1e-9):.1f})" for s in stages]
        print(f"| {n} | {events} | " + " | ".join(cells)
              + f" | {total:.2f} | {total / base_total:.2f} | {n / base_len:.2f} | {rss:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
