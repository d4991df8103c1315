"""Benchmark: geoparsing (places stage) time as a share of the spaCy parse time, same documents,
one run (issue 3: geoparsing adds <= 20% to the parse).

    .venv/bin/python bench/places.py [--corpus trnews] [--limit 60] [--append]

Documents: the first N articles of a Gritta et al. corpus (../shared/eval/geoparse-gritta) when
present, else the bundled demo article. Prints parse seconds, places seconds, their ratio,
docs/s, and the process's peak RSS (MB); --append adds a row to bench/RESULTS-places.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import platform
import resource
import time
from pathlib import Path

from eventcoder.model import DocumentMeta, DocumentResult
from eventcoder.pipeline import Analysis
from eventcoder.resources import default_resources
from eventcoder.stages import parse, places


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", default="trnews")
    ap.add_argument("--limit", type=int, default=60)
    ap.add_argument("--append", action="store_true")
    args = ap.parse_args()
    try:
        from eventcoder.eval.geoparse import load_corpus

        texts = [d.text for d in load_corpus(args.corpus, limit=args.limit)]
        source = f"{args.corpus} first {len(texts)} articles"
    except Exception:  # noqa: BLE001 - eval data absent: fall back to the bundled article
        from importlib import resources as ilr

        texts = [ilr.files("eventcoder.examples").joinpath("demo_article.txt").read_text(encoding="utf-8")] * 20
        source = "bundled demo article x20"
    res = default_resources()
    res.nlp, res.gazetteer
    places.run(_analysis(texts[0], res, parse_too=True))  # warm caches as a real run would after one doc
    t_parse = t_places = 0.0
    n_places = 0
    chars = 0
    for text in texts:
        a = _analysis(text, res)
        t0 = time.perf_counter()
        parse.run(a)
        t1 = time.perf_counter()
        places.run(a)
        t2 = time.perf_counter()
        t_parse += t1 - t0
        t_places += t2 - t1
        n_places += len(a.result.places)
        chars += len(text)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ratio = 100 * t_places / t_parse
    row = (f"| {dt.date.today()} | {source} | {chars} | {t_parse:.2f} | {t_places:.2f} | {ratio:.1f}% | "
           f"{len(texts) / (t_parse + t_places):.1f} | {n_places} | {rss:.0f} | {platform.machine()} |")
    print("| date | documents | chars | parse s | places s | places/parse | docs/s | places | peak RSS MB | machine |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    print(row)
    if args.append:
        out = Path(__file__).with_name("RESULTS-places.md")
        if not out.exists():
            out.write_text("# places stage benchmark (bench/places.py)\n\nGeoparsing time as a share of the spaCy parse "
                           "time on the same documents, measured in one run.\n\n"
                           "| date | documents | chars | parse s | places s | places/parse | docs/s | places | peak RSS MB | machine |\n"
                           "|---|---|---|---|---|---|---|---|---|---|\n", encoding="utf-8")
        with open(out, "a", encoding="utf-8") as f:
            f.write(row + "\n")


def _analysis(text, res, parse_too=False):
    a = Analysis(result=DocumentResult(document=DocumentMeta(id="b", sha256=""), text=text), resources=res)
    if parse_too:
        parse.run(a)
    return a


if __name__ == "__main__":
    main()
