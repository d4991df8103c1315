"""``eventcoder eval time``: score the times stage against TimeML/TIMEX gold.

Corpora (under the shared eval folder, see :func:`eventcoder.eval.common.shared_eval_dir`):

- ``te3``: TempEval-3 platinum (``timex-te3-platinum/tml/*.tml``, TimeML 1.2.1, news with a
  document creation time). Measures as TempEval-3 Task A (UzZaman et al. 2013): extent
  precision/recall/F1, strict (same characters) and relaxed (overlap, one-to-one); attribute
  F1 for ``type`` and ``value`` over relaxed matches, i.e. P = correct / system timexes,
  R = correct / gold timexes; plus type accuracy over matched timexes. The DCT is passed as
  the publication date; only timexes inside ``<TEXT>`` are scored.
- ``wikiwars``: WikiWars 1.0.4 (``timex-wikiwars/keyinline/*.key.xml``, TIMEX2, Wikipedia war
  narratives). Run WITHOUT a publication date (the ``<DATETIME>`` is the download time):
  values must come from narrative anchoring. Value accuracy = correct ``val`` / relaxed-matched
  gold timexes that have a ``val``; value F1 as above.

Values are compared as strings after upper-casing (TIMEX2 and TIMEX3 share ISO-8601 forms).
"""
from __future__ import annotations

import argparse
import html
import re
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .common import markdown_table, prf, shared_eval_dir

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*)>|&(#?\w+);")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class GoldTimex:
    """One gold timex: chars ``[start, end)`` in the tag-stripped text, TIMEX type and value."""

    start: int
    end: int
    text: str
    type: str | None
    value: str | None


@dataclass
class GoldDoc:
    """A gold document: id, plain text (tags removed, entities decoded), DCT, timexes."""

    id: str
    text: str
    dct: str | None
    timexes: list[GoldTimex] = field(default_factory=list)


def strip_inline(markup: str, tag: str) -> tuple[str, list[tuple[int, int, dict]]]:
    """Remove XML tags from ``markup``; returns the plain text and, for every ``tag`` element,
    ``(start, end, attributes)`` in chars of the plain text (nesting allowed)."""
    out: list[str] = []
    pos = 0
    length = 0
    stack: list[tuple[int, dict]] = []
    spans: list[tuple[int, int, dict]] = []
    for m in _TAG.finditer(markup):
        chunk = markup[pos:m.start()]
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        if m.group(4) is not None:  # an entity
            ch = html.unescape(m.group(0))
            out.append(ch)
            length += len(ch)
            continue
        closing, name, attrs = m.group(1), m.group(2), m.group(3)
        if name.upper() != tag.upper() or attrs.rstrip().endswith("/"):
            continue
        if closing:
            if stack:
                s, a = stack.pop()
                spans.append((s, length, a))
        else:
            stack.append((length, dict(_ATTR.findall(attrs))))
    out.append(markup[pos:])
    return "".join(out), sorted(spans)


def load_te3(folder: Path, limit: int | None = None) -> list[GoldDoc]:
    """TempEval-3 platinum .tml files -> GoldDocs (TEXT section only, DCT from <DCT>)."""
    docs = []
    for path in sorted(folder.glob("*.tml"))[: limit or None]:
        raw = path.read_text(encoding="utf-8")
        dct_m = re.search(r"<DCT>.*?value=\"([0-9-]+)", raw, re.S)
        body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S).group(1)
        text, spans = strip_inline(body, "TIMEX3")
        doc = GoldDoc(path.stem, text, dct_m.group(1)[:10] if dct_m else None)
        for s, e, a in spans:
            doc.timexes.append(GoldTimex(s, e, text[s:e], a.get("type"), a.get("value")))
        docs.append(doc)
    return docs


def load_wikiwars(folder: Path, limit: int | None = None) -> list[GoldDoc]:
    """WikiWars keyinline .key.xml files -> GoldDocs (TIMEX2 ``val``; no DCT)."""
    docs = []
    for path in sorted(folder.glob("*.xml"))[: limit or None]:
        raw = path.read_text(encoding="utf-8", errors="replace")
        body = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S).group(1)
        text, spans = strip_inline(body, "TIMEX2")
        doc = GoldDoc(path.name.split(".")[0], text, None)
        for s, e, a in spans:
            doc.timexes.append(GoldTimex(s, e, text[s:e], None, a.get("val")))
        docs.append(doc)
    return docs


def _match(gold: list[GoldTimex], system: list) -> list[tuple[GoldTimex, object]]:
    """One-to-one relaxed (overlap) matches, exact-extent pairs first."""
    pairs = []
    used_s: set[int] = set()
    used_g: set[int] = set()
    for strict in (True, False):
        for gi, g in enumerate(gold):
            if gi in used_g:
                continue
            for si, s in enumerate(system):
                if si in used_s:
                    continue
                ok = (s.start, s.end) == (g.start, g.end) if strict else (s.start < g.end and g.start < s.end)
                if ok:
                    pairs.append((g, s))
                    used_s.add(si)
                    used_g.add(gi)
                    break
    return pairs


def _norm_value(v: str | None) -> str | None:
    return None if v is None else v.strip().upper()


def timex2_value(t) -> str | None:
    """The TIMEX2 reading of a system time: TIMEX2 annotates an anchored offset ("eight days
    later") as the point it reaches, TIMEX3 as the duration ("eight days", P8D) with the
    point in our ``interval``; so an anchored DURATION reads as its interval at its
    granularity. Everything else is unchanged."""
    from ..times.calendar import value_at

    if t.type == "DURATION" and t.interval and t.anchor not in (None, "none") and t.granularity:
        begin = date.fromisoformat(t.interval.begin)
        return value_at(begin, t.granularity)
    return t.value


def score(docs: list[GoldDoc], resources, use_dct: bool = True, errors: list | None = None,
          timex2: bool = False) -> dict:
    """Run parse + times on each document and compute the TempEval-3 measures.

    Returns a dict of counts and percentages; ``errors`` (if a list) receives
    ``(doc id, kind, gold text, gold value, system text, system value)`` tuples.
    """
    from ..stages.times import find_times

    nlp = resources.nlp
    c = dict(gold=0, system=0, strict=0, relaxed=0, type_ok=0, value_ok=0, gold_with_value=0,
             matched_with_value=0, parse_s=0.0, times_s=0.0, docs=len(docs), chars=0)
    for doc in docs:
        t0 = time.perf_counter()
        sdoc = nlp(doc.text)
        t1 = time.perf_counter()
        times, _, _ = find_times(sdoc, doc.text, doc.dct if use_dct else None, narrative_without_dct=not use_dct)
        t2 = time.perf_counter()
        c["parse_s"] += t1 - t0
        c["times_s"] += t2 - t1
        c["chars"] += len(doc.text)
        c["gold"] += len(doc.timexes)
        c["system"] += len(times)
        c["gold_with_value"] += sum(1 for g in doc.timexes if g.value)
        pairs = _match(doc.timexes, times)
        matched_sys = {id(s) for _, s in pairs}
        for g, s in pairs:
            c["relaxed"] += 1
            if (g.start, g.end) == (s.start, s.end):
                c["strict"] += 1
            if g.type and g.type == s.type:
                c["type_ok"] += 1
            if g.value:
                c["matched_with_value"] += 1
            system_value = timex2_value(s) if timex2 else s.value
            if g.value and _norm_value(g.value) == _norm_value(system_value):
                c["value_ok"] += 1
            elif errors is not None:
                errors.append((doc.id, "value", g.text, g.value, s.text, system_value))
        if errors is not None:
            matched_gold = {id(g) for g, _ in pairs}
            errors.extend((doc.id, "missed", g.text, g.value, None, None) for g in doc.timexes if id(g) not in matched_gold)
            errors.extend((doc.id, "spurious", None, None, s.text, s.value) for s in times if id(s) not in matched_sys)
    c["strict_prf"] = prf(c["strict"], c["system"] - c["strict"], c["gold"] - c["strict"])
    c["relaxed_prf"] = prf(c["relaxed"], c["system"] - c["relaxed"], c["gold"] - c["relaxed"])
    c["type_prf"] = prf(c["type_ok"], c["system"] - c["type_ok"], c["gold"] - c["type_ok"])
    c["value_prf"] = prf(c["value_ok"], c["system"] - c["value_ok"], c["gold_with_value"] - c["value_ok"])
    c["type_accuracy"] = 100.0 * c["type_ok"] / c["relaxed"] if c["relaxed"] else 0.0
    c["value_accuracy"] = 100.0 * c["value_ok"] / c["matched_with_value"] if c["matched_with_value"] else 0.0
    c["times_over_parse"] = 100.0 * c["times_s"] / c["parse_s"] if c["parse_s"] else 0.0
    return c


def table(c: dict, corpus: str) -> str:
    """The measures as a markdown table."""
    rows = [
        ["extent strict", *c["strict_prf"]],
        ["extent relaxed", *c["relaxed_prf"]],
    ]
    if corpus == "te3":  # TIMEX2 has no type attribute
        rows.append(["type (attribute F1)", *c["type_prf"]])
    rows.append(["value (attribute F1)", *c["value_prf"]])
    out = markdown_table([f"{corpus} ({c['docs']} docs, {c['gold']} gold, {c['system']} system)", "P", "R", "F1"], rows)
    type_acc = f"type accuracy (matched): {c['type_accuracy']:.1f}   " if corpus == "te3" else ""
    out += (f"\n\n{type_acc}value accuracy (matched): "
            f"{c['value_accuracy']:.1f}   times/parse time: {c['times_over_parse']:.1f}%")
    return out


def _run(args) -> int:
    from ..resources import default_resources

    base = shared_eval_dir()
    if args.corpus == "te3":
        docs = load_te3(base / "timex-te3-platinum" / "tml", args.limit)
        use_dct = True
    else:
        docs = load_wikiwars(base / "timex-wikiwars" / "keyinline", args.limit)
        use_dct = False
    errors: list = [] if args.errors else None
    c = score(docs, default_resources(), use_dct=use_dct, errors=errors, timex2=not use_dct)
    print(table(c, args.corpus))
    if errors:
        print()
        for e in errors:
            print("\t".join("" if v is None else str(v) for v in e))
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "time", help="TIMEX3 extents, types and values vs TempEval-3 platinum or WikiWars",
        description="Score the times stage (TempEval-3 Task A measures).\n\nexample:\n"
                    "  eventcoder eval time --corpus te3\n  eventcoder eval time --corpus wikiwars --limit 5",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--corpus", choices=("te3", "wikiwars"), default="te3")
    p.add_argument("--limit", type=int, help="score only the first N documents")
    p.add_argument("--errors", action="store_true", help="list value errors, misses and spurious timexes")
    p.set_defaults(func=_run)
