"""``eventcoder eval geoparse``: geotagging and geocoding scores on the Gritta et al. corpora.

Gold: ``<eval>/geoparse-gritta/`` (LGL, GeoWebNews, TR-News, GeoVirus; formats in its README).
The system run is parse + places only (the geoparser), so times measure geoparsing.

Metrics (as in Gritta et al. 2018/2019, "Which Melbourne?" and "A Pragmatic Guide to
Geoparsing Evaluation"):

- **geotagging** precision/recall/F1 by span overlap (any shared character). A system place
  with ``role="actor"`` is not a location claim and is left out of precision. For GWN only
  toponyms with ``nonLocational="No"`` are required; system spans overlapping non-locational
  gold (metonymy, demonyms, homonyms...) are neither true nor false positives ("recognise
  only").
- **geocoding** over every gold toponym with coordinates: the overlapping system place with
  coordinates (location role first) gives the great-circle error in km; a toponym with no such
  place is a miss and counts as wrong (error = 20,039 km, half the Earth's circumference).
  acc@161km = share with error <= 161 km; mean and median error over the matched toponyms
  (km); AUC = mean of ln(1+error)/ln(20039) over all gold (0 best, 1 worst).
- docs/s, and seconds in parse vs places (the geoparsing overhead).
- GWN: the same per gold toponym type (Literal, Metonymic, Demonym, ...).
"""
from __future__ import annotations

import argparse
import json
import math
import statistics
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from ..gazetteer import haversine_km
from ..outlets import outlet_of_url
from .common import markdown_table, prf, shared_eval_dir

CORPORA = {"lgl": "lgl.xml", "gwn": "GWN.xml", "trnews": "TR-News.xml", "geovirus": "GeoVirus.xml"}
MAX_KM = 20039.0
# GWN annotation types that are not toponyms (cue expressions around a toponym, non-toponyms):
# never required for geotagging (Gritta et al. 2019, "A Pragmatic Guide to Geoparsing Evaluation").
GWN_NOT_TOPONYMS = {"Literal_Expression", "Non_Lit_Expression", "Non_Toponym"}


@dataclass
class GoldToponym:
    """A gold toponym: char span into the article text, WGS84 point (or None), GWN type."""

    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    kind: str = "Literal"
    required: bool = True  # counts for geotagging recall (GWN: nonLocational == "No")


@dataclass
class GoldDoc:
    id: str
    text: str
    toponyms: list[GoldToponym] = field(default_factory=list)
    outlet: str | None = None  # LGL/TR-News <domain>, GWN the link's host (eventcoder.outlets.outlet_of_url)


def _f(x):
    try:
        return float(x) if x not in (None, "") else None
    except ValueError:
        return None


def _fix_offsets(text: str, start: int, end: int, phrase: str, slack: int = 3) -> tuple[int, int]:
    """Move a span by up to ``slack`` chars so it matches ``phrase`` (TR-News, GeoVirus quirks)."""
    if not phrase or text[start:end] == phrase:
        return start, end
    for d in range(1, slack + 1):
        for s in (start - d, start + d):
            if 0 <= s and text[s : s + len(phrase)] == phrase:
                return s, s + len(phrase)
    return start, end


def load_corpus(name: str, root: Path | None = None, limit: int | None = None) -> list[GoldDoc]:
    """Read one corpus (``lgl``, ``gwn``, ``trnews``, ``geovirus``) into :class:`GoldDoc`s.
    Raises ResourceMissing (E013) when the eval folder is absent, KeyError on a bad name."""
    root = root or shared_eval_dir() / "geoparse-gritta"
    tree = ET.parse(root / CORPORA[name]).getroot()
    docs: list[GoldDoc] = []
    for n, art in enumerate(tree.iter("article")):
        if limit is not None and len(docs) >= limit:
            break
        text = art.findtext("text") or ""
        doc = GoldDoc(id=art.get("docid") or art.get("file") or str(n), text=text)
        doc.outlet = outlet_of_url(art.findtext("link")) if name == "gwn" else (art.findtext("domain") or "").strip().lower() or None
        if name == "gwn":
            for t in art.find("toponyms") or []:
                s, e = int(t.findtext("start")), int(t.findtext("end"))
                doc.toponyms.append(GoldToponym(s, e, text[s:e], _f(t.findtext("latitude")), _f(t.findtext("longitude")),
                                                kind=t.findtext("type") or "",
                                                required=(t.findtext("nonLocational") == "No" and (t.findtext("type") or "") not in GWN_NOT_TOPONYMS)))
        elif name == "geovirus":
            for t in art.find("locations") or []:
                phrase = t.findtext("name") or ""
                s, e = _fix_offsets(text, int(t.findtext("start")), int(t.findtext("end")), phrase)
                doc.toponyms.append(GoldToponym(s, e, text[s:e], _f(t.findtext("lat")), _f(t.findtext("lon"))))
        else:
            for t in art.find("toponyms") or []:
                phrase = t.findtext("phrase") or ""
                s, e = _fix_offsets(text, int(t.findtext("start")), int(t.findtext("end")), phrase)
                g = t.find("gaztag")
                lat = _f(g.findtext("lat")) if g is not None else None
                lon = _f(g.findtext("lon")) if g is not None else None
                doc.toponyms.append(GoldToponym(s, e, text[s:e], lat, lon))
        docs.append(doc)
    return docs




def geoparse(docs: list[GoldDoc], resources=None, gold_spans: bool = False, homes: list | None = None,
             parsed: dict | None = None) -> tuple[list[list], dict[str, float]]:
    """Run parse + places on each gold document. Returns (places per doc, seconds per stage).
    ``gold_spans``: resolve the gold toponym spans instead of finding toponyms (resolution-only
    scoring, as Mordecai 3 reports). ``homes[i]``: document i's home region (outlet profile);
    ``parsed``: a dict (index -> spaCy Doc) filled on the first call and reused on the next."""
    from ..model import DocumentMeta, DocumentResult
    from ..pipeline import Analysis
    from ..resources import default_resources
    from ..stages import parse, places

    resources = resources or default_resources()
    resources.nlp, resources.gazetteer  # load before timing
    timing = {"parse": 0.0, "places": 0.0}
    out = []
    for d in docs:
        home = homes[len(out)] if homes else None
        a = Analysis(result=DocumentResult(document=DocumentMeta(id=d.id, sha256="", home_region=home), text=d.text), resources=resources)
        if gold_spans:
            a.notes["places_input"] = [(g.start, g.end) for g in d.toponyms if g.end > g.start]
        t0 = time.perf_counter()
        if parsed is not None and len(out) in parsed:
            a.doc = parsed[len(out)]
        else:
            parse.run(a)
            if parsed is not None:
                parsed[len(out)] = a.doc
        t1 = time.perf_counter()
        places.run(a)
        t2 = time.perf_counter()
        timing["parse"] += t1 - t0
        timing["places"] += t2 - t1
        out.append(a.result.places)
    return out, timing


def _overlaps(a_start, a_end, b_start, b_end) -> bool:
    return a_start < b_end and b_start < a_end


def score(docs: list[GoldDoc], predictions: list[list]) -> dict:
    """Geotagging and geocoding metrics (see module docstring). ``predictions[i]`` is the list
    of :class:`~eventcoder.model.Place` for ``docs[i]``."""
    tp = fp = fn = 0
    errors: list[float] = []  # matched errors, km
    all_err: list[float] = []  # per gold with coordinates, misses = MAX_KM
    per_kind: dict[str, dict] = {}
    for d, preds in zip(docs, predictions):
        located = [p for p in preds if p.role == "location"]
        for p in located:
            gold_hits = [g for g in d.toponyms if _overlaps(p.start, p.end, g.start, g.end)]
            if any(g.required for g in gold_hits):
                tp += 1
            elif gold_hits:
                continue  # recognise-only gold (GWN non-locational)
            else:
                fp += 1
        for g in d.toponyms:
            k = per_kind.setdefault(g.kind or "all", {"n": 0, "tagged": 0, "geo_n": 0, "geo_ok": 0})
            k["n"] += 1
            hits = [p for p in preds if _overlaps(p.start, p.end, g.start, g.end)]
            if any(p.role == "location" for p in hits):
                k["tagged"] += 1
            elif g.required:
                fn += 1
            if g.lat is None or g.lon is None:
                continue
            k["geo_n"] += 1
            with_xy = sorted((p for p in hits if p.lat is not None), key=lambda p: (p.role != "location", -(min(p.end, g.end) - max(p.start, g.start))))
            if with_xy:
                e = haversine_km(g.lat, g.lon, with_xy[0].lat, with_xy[0].lon)
                errors.append(e)
                all_err.append(e)
                k["geo_ok"] += e <= 161
            else:
                all_err.append(MAX_KM)
    p, r, f = prf(tp, fp, fn)
    n = len(all_err)
    return {
        "docs": len(docs),
        "gold_toponyms": sum(len(d.toponyms) for d in docs),
        "gold_with_coords": n,
        "tag_p": p, "tag_r": r, "tag_f1": f,
        "acc161": 100.0 * sum(e <= 161 for e in all_err) / n if n else 0.0,
        "resolved_share": 100.0 * len(errors) / n if n else 0.0,
        "acc161_resolved": 100.0 * sum(e <= 161 for e in errors) / len(errors) if errors else 0.0,
        "mean_km": statistics.fmean(errors) if errors else 0.0,
        "median_km": statistics.median(errors) if errors else 0.0,
        "auc": statistics.fmean(math.log1p(e) / math.log(MAX_KM) for e in all_err) if all_err else 0.0,
        "per_kind": {
            kind: {"n": v["n"], "tagged_pct": 100.0 * v["tagged"] / v["n"] if v["n"] else 0.0,
                   "geo_n": v["geo_n"], "acc161": 100.0 * v["geo_ok"] / v["geo_n"] if v["geo_n"] else 0.0}
            for kind, v in sorted(per_kind.items())
        },
    }


def evaluate(corpus: str, limit: int | None = None, resources=None, gold_spans: bool = False) -> dict:
    """Load ``corpus``, geoparse it and score it. Returns the metrics plus ``docs_per_s``,
    ``parse_s``, ``places_s`` and ``places_over_parse`` (geoparsing time / parse time).
    ``gold_spans`` scores resolution alone on the gold toponym spans (tagging P/R are then
    trivially high and not meaningful)."""
    docs = load_corpus(corpus, limit=limit)
    preds, timing = geoparse(docs, resources, gold_spans=gold_spans)
    return _scored(corpus + (" (gold spans)" if gold_spans else ""), docs, preds, timing)


def evaluate_outlet_profile(corpus: str, limit: int | None = None, resources=None, gold_spans: bool = False) -> dict:
    """Two passes over ``corpus``: each document alone, then each document with its outlet's
    leave-one-out home region (:func:`eventcoder.outlets.leave_one_out` over the first pass's
    places: no document informs its own profile; outlet = LGL/TR-News ``<domain>``, GWN the
    link's host, GeoVirus none). Returns ``{"single_document": metrics, "outlet_profile":
    metrics, "documents_with_profile": n, "outlets": n}``, the metrics as :func:`evaluate`."""
    from ..outlets import admin1_counts, leave_one_out
    from ..resources import default_resources

    resources = resources or default_resources()
    docs = load_corpus(corpus, limit=limit)
    parsed: dict = {}
    preds, timing = geoparse(docs, resources, gold_spans=gold_spans, parsed=parsed)
    name = corpus + (" (gold spans)" if gold_spans else "")
    single = _scored(name + ", single document", docs, preds, timing)
    counts = [admin1_counts(ps, resources.gazetteer) for ps in preds]
    homes = leave_one_out([d.outlet for d in docs], counts)
    preds2, timing2 = geoparse(docs, resources, gold_spans=gold_spans, homes=homes, parsed=parsed)
    timing2["parse"] = timing["parse"]  # the parses are reused: the same parse time
    profiled = _scored(name + ", outlet profile", docs, preds2, timing2)
    return {"single_document": single, "outlet_profile": profiled,
            "documents_with_profile": sum(h is not None for h in homes),
            "outlets": len({d.outlet for d in docs if d.outlet})}


def _scored(name: str, docs: list[GoldDoc], preds: list[list], timing: dict) -> dict:
    result = score(docs, preds)
    total = timing["parse"] + timing["places"]
    result.update({
        "corpus": name,
        "docs_per_s": len(docs) / total if total else 0.0,
        "parse_s": round(timing["parse"], 2),
        "places_s": round(timing["places"], 2),
        "places_over_parse": timing["places"] / timing["parse"] if timing["parse"] else 0.0,
    })
    return result


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "geoparse", help="geotagging P/R/F1 and geocoding acc@161km on LGL, GeoWebNews, TR-News, GeoVirus",
        description="Score the places stage on the Gritta et al. geoparsing corpora.\n\nexamples:\n"
                    "  eventcoder eval geoparse --corpus lgl --limit 50\n  eventcoder eval geoparse --corpus gwn --json\n"
                    "  eventcoder eval geoparse --corpus trnews --gold-spans",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--corpus", choices=sorted(CORPORA), required=True)
    p.add_argument("--limit", type=int, default=None, help="first N articles only")
    p.add_argument("--json", action="store_true", help="print the metrics as JSON")
    p.add_argument("--gold-spans", action="store_true", help="resolve the gold toponym spans (resolution only, as Mordecai 3 reports)")
    p.add_argument("--outlet-profile", action="store_true",
                   help="two rows: each document alone, then with its outlet's leave-one-out home region "
                        "(LGL/TR-News <domain>, GWN link host; eventcoder.outlets)")
    p.set_defaults(func=_cli)


def _cli(args) -> int:
    if args.outlet_profile:
        both = evaluate_outlet_profile(args.corpus, args.limit, gold_spans=args.gold_spans)
        if args.json:
            print(json.dumps(both, indent=1))
            return 0
        rows = [both["single_document"], both["outlet_profile"]]
        print(f"documents with an outlet profile: {both['documents_with_profile']} (outlets: {both['outlets']})\n")
    else:
        r = evaluate(args.corpus, args.limit, gold_spans=args.gold_spans)
        if args.json:
            print(json.dumps(r, indent=1))
            return 0
        rows = [r]
    print(markdown_table(
        ["corpus", "docs", "gold", "with coords", "tag P", "tag R", "tag F1", "acc@161", "mean km", "median km", "AUC", "docs/s", "places/parse time"],
        [[r["corpus"], r["docs"], r["gold_toponyms"], r["gold_with_coords"], r["tag_p"], r["tag_r"], r["tag_f1"], r["acc161"],
          r["mean_km"], r["median_km"], f"{r['auc']:.3f}", r["docs_per_s"], f"{100 * r['places_over_parse']:.1f}%"] for r in rows],
    ))
    for r in rows:
        if len(r["per_kind"]) > 1:
            print(f"\n{r['corpus']}" if len(rows) > 1 else "")
            print(markdown_table(["gold type", "n", "tagged as location %", "with coords", "acc@161"],
                                 [[k, v["n"], v["tagged_pct"], v["geo_n"], v["acc161"]] for k, v in r["per_kind"].items()]))
    return 0
