"""``eventcoder eval events``: score event typing and actors against public gold data.

Corpora (under ``../shared/eval``, see each folder's README):

- ``plover``: ``events-plover-gsr/PLOVER_GSR_CAMEO.json``, 322 PLOVER gold records (CAMEO-manual
  sentences; PLOVER 0.5b1 names mapped to the 2021 types: FIGHT -> ASSAULT, DEMAND -> REQUEST,
  DISAPPROVE/INVESTIGATE -> ACCUSE). Scores: type accuracy, macro F1 over gold types, actor and
  recipient accuracy, quad-class accuracy, confusion matrix.
- ``conflibert``: ``events-conflibert-cameo/cameo_class_test.tsv``, 451 sentences labelled with the
  five-way CAMEO PentaClass (0 statement/appeal, 1 verbal coop, 2 material coop, 3 verbal conflict,
  4 material conflict). A sentence without a typed event, or whose main event is governed by a
  statement trigger (CAMEO 01: "declined to comment", "claimed responsibility"), is predicted 0.
  Also reports the four-way quad class (0 and 1 merged).
- ``petrarch``: ``events-petrarch2-unittest/PETR.UnitTest.records.xml``, PETRARCH2 validation
  records with (source, target, CAMEO code) triples. Scores the CAMEO root code of the main event
  against the gold roots of the sentence, and the PLOVER type through CAMEO2PLOVER.

One event per sentence is compared with the gold: the **main event**, the typed event whose trigger
is highest in the dependency tree (ties: higher confidence, then leftmost), so that "threatened to
attack" is scored as THREATEN. Actor match: the gold actor text shares a content word with one of
the main event's actor spans or its entity's name (case-insensitive).
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from .common import markdown_table, prf, shared_eval_dir

_STOP = {"the", "a", "an", "of", "and", "'s", "s", "in", "on", "for", "to", "by", "its", "his", "their", "'"}


# ------------------------------------------------------------------ running the pipeline
class _Runner:
    """Runs all stages on one text and keeps the notes (argument spans) and the Doc."""

    def __init__(self, resources=None):
        from ..pipeline import load_stages
        from ..resources import default_resources

        self.resources = resources or default_resources()
        self.stages = load_stages()

    def __call__(self, text: str, published: str | None = None):
        from ..model import DocumentMeta, DocumentResult
        from ..pipeline import Analysis

        result = DocumentResult(document=DocumentMeta(id="eval", sha256="", published=published), text=text)
        analysis = Analysis(result=result, resources=self.resources)
        for stage in self.stages:
            stage.run(analysis)
        return analysis


def main_event(analysis):
    """The typed event highest in the dependency tree (None when no typed event)."""
    doc = analysis.doc
    best, best_key = None, None
    for ev in analysis.result.events:
        if ev.plover is None:
            continue
        span = doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
        depth = 0
        if span is not None and len(span):
            tok = span.root
            depth = sum(1 for _ in tok.ancestors)
        args = analysis.notes.get("events", {}).get("args", {}).get(ev.id, {})
        if args.get("intent_of") or args.get("demand_of") or "demand_of" in args:
            depth = _depth_of(analysis, args.get("intent_of") or args.get("demand_of"), depth) - 1.5
        key = (depth, -ev.confidence, ev.trigger.start)
        if best_key is None or key < best_key:
            best, best_key = ev, key
    return best


def _depth_of(analysis, event_id, default):
    ev = next((e for e in analysis.result.events if e.id == event_id), None)
    if ev is None:
        return default
    span = analysis.doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
    return sum(1 for _ in span.root.ancestors) if span is not None and len(span) else default


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in _STOP and len(w) > 1}


def _role_texts(analysis, ev, role: str) -> list[str]:
    texts = []
    args = analysis.notes.get("events", {}).get("args", {}).get(ev.id, {})
    texts += [a["text"] for a in args.get(role, [])]
    ent = analysis.result.entity(ev.actor if role == "actor" else ev.recipient)
    if ent is not None:
        texts.append(ent.name)
        texts += [m.text for m in ent.mentions]
    return texts


def _match(gold_texts: list[str], pred_texts: list[str]) -> bool:
    pred = set().union(*[_words(t) for t in pred_texts]) if pred_texts else set()
    return any(_words(g) & pred for g in gold_texts if g)


# ------------------------------------------------------------------ metrics
def macro_f1(gold: list[str], pred: list[str], labels: list[str] | None = None) -> tuple[float, dict]:
    """Macro-averaged F1 (percent) over ``labels`` (default: the gold labels) and per-label F1."""
    labels = labels or sorted(set(gold))
    per = {}
    for lab in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == lab and p == lab)
        fp = sum(1 for g, p in zip(gold, pred) if g != lab and p == lab)
        fn = sum(1 for g, p in zip(gold, pred) if g == lab and p != lab)
        per[lab] = prf(tp, fp, fn)
    return (sum(f for _p, _r, f in per.values()) / len(per) if per else 0.0), per


def confusion(gold: list[str], pred: list[str]) -> str:
    """Markdown confusion matrix, gold in rows, predictions in columns."""
    rows_l = sorted(set(gold))
    cols = sorted(set(pred) | set(gold))
    counts = Counter(zip(gold, pred))
    rows = [[g] + [counts.get((g, c), 0) or "" for c in cols] for g in rows_l]
    return markdown_table(["gold \\ pred"] + cols, rows)


def _pct(n: int, d: int) -> float:
    return 100.0 * n / d if d else 0.0


# ------------------------------------------------------------------ corpora
def score_plover(runner, root: Path, limit: int | None = None) -> dict:
    from ..ontology.tables import ontology

    onto = ontology()
    records = json.loads((root / "events-plover-gsr" / "PLOVER_GSR_CAMEO.json").read_text(encoding="utf-8"))
    records = [r for r in records if r.get("event") != "DOCUMENT"][: limit or None]
    gold, pred = [], []
    actor_ok = actor_n = recip_ok = recip_n = quad_ok = 0
    for r in records:
        g = onto.normalize_type(r["event"])
        analysis = runner(r["text"])
        ev = main_event(analysis)
        p = ev.plover.event_type if ev else "NONE"
        gold.append(g)
        pred.append(p)
        quad_ok += int(ev is not None and onto.plover[g].quad_class == onto.plover[p].quad_class)
        src = [a.get("actorText", "") for a in (r.get("source") or []) if isinstance(a, dict)]
        tar = [a.get("actorText", "") for a in (r.get("target") or []) if isinstance(a, dict)]
        if src:
            actor_n += 1
            actor_ok += int(ev is not None and _match(src, _role_texts(analysis, ev, "actor")))
        if tar:
            recip_n += 1
            recip_ok += int(ev is not None and _match(tar, _role_texts(analysis, ev, "recipient")))
    correct = sum(g == p for g, p in zip(gold, pred))
    mf1, per = macro_f1(gold, pred)
    return {
        "corpus": "plover", "n": len(gold), "type_accuracy": _pct(correct, len(gold)), "macro_f1": mf1,
        "actor_accuracy": _pct(actor_ok, actor_n), "actor_n": actor_n,
        "recipient_accuracy": _pct(recip_ok, recip_n), "recipient_n": recip_n,
        "quad_accuracy": _pct(quad_ok, len(gold)), "no_event": pred.count("NONE"),
        "per_label": per, "confusion": confusion(gold, pred),
    }


def _under_statement(analysis, ev) -> bool:
    """True when a statement trigger (CAMEO 01: "declined to comment", "claimed responsibility")
    governs the event's trigger in the dependency tree."""
    doc = analysis.doc
    span = doc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    heads = {a.idx for a in span.root.ancestors}
    return any(s["start"] in heads for s in analysis.notes.get("events", {}).get("statements", []))


def _penta(ev, onto, analysis=None) -> int:
    if ev is None or (analysis is not None and _under_statement(analysis, ev)):
        return 0
    if ev.cameo and ev.cameo[:2].isdigit() and int(ev.cameo[:2]) <= 2:
        return 0
    return onto.quad_class(ev.plover.event_type, ev.cameo) or 0


def score_conflibert(runner, root: Path, limit: int | None = None) -> dict:
    from ..ontology.tables import ontology

    onto = ontology()
    lines = (root / "events-conflibert-cameo" / "cameo_class_test.tsv").read_text(encoding="utf-8").splitlines()
    rows = [line.rsplit("\t", 1) for line in lines if "\t" in line][: limit or None]
    gold, pred = [], []
    for text, label in rows:
        analysis = runner(text)
        gold.append(str(int(label)))
        pred.append(str(_penta(main_event(analysis), onto, analysis)))
    correct = sum(g == p for g, p in zip(gold, pred))
    mf1, per = macro_f1(gold, pred, labels=["0", "1", "2", "3", "4"])
    merge = lambda v: "1" if v in ("0", "1") else v  # noqa: E731
    quad_ok = sum(merge(g) == merge(p) for g, p in zip(gold, pred))
    return {
        "corpus": "conflibert", "n": len(gold), "penta_accuracy": _pct(correct, len(gold)), "macro_f1": mf1,
        "quad_accuracy": _pct(quad_ok, len(gold)), "per_label": per, "confusion": confusion(gold, pred),
    }


def _petrarch_records(path: Path) -> list[tuple[str, str, list[tuple[str, str, str]]]]:
    return [(sid, text, codes) for sid, _date, text, codes in _petrarch_records_dated(path)]


def _petrarch_records_dated(path: Path) -> list[tuple[str, str | None, str, list[tuple[str, str, str]]]]:
    """(id, ISO date or None, text, gold (source, target, event code) triples) per sentence."""
    import xml.etree.ElementTree as ET

    tree = ET.parse(path)
    out = []
    for s in tree.getroot().iter("Sentence"):
        text_el = s.find("Text")
        if text_el is None or not (text_el.text or "").strip():
            continue
        codes = [(c.get("sourcecode", ""), c.get("targetcode", ""), c.get("eventcode", "")) for c in s.findall("EventCoding")]
        text = " ".join((text_el.text or "").split())
        d = s.get("date") or ""
        date = f"{d[:4]}-{d[4:6]}-{d[6:8]}" if len(d) == 8 and d.isdigit() else None
        out.append((s.get("id", ""), date, text, codes))
    return out


def _gold_roots(codes) -> set[str]:
    return {c[2][:2] for c in codes if c[2][:2].isdigit() and 1 <= int(c[2][:2]) <= 20}


def score_petrarch(runner, root: Path, limit: int | None = None) -> dict:
    """CAMEO root of the main event (built-in lexicon) against the sentence's gold roots."""
    from ..ontology.tables import ontology

    onto = ontology()
    recs = _petrarch_records(root / "events-petrarch2-unittest" / "PETR.UnitTest.records.xml")[: limit or None]
    n = root_ok = type_ok = skipped = 0
    gold_l, pred_l = [], []
    for _sid, text, codes in recs:
        roots = _gold_roots(codes)
        if not roots:
            skipped += 1
            continue
        analysis = runner(text)
        ev = main_event(analysis)
        n += 1
        proot = ev.cameo[:2] if ev is not None and ev.cameo else "--"
        root_ok += int(proot in roots)
        gtypes = {onto.cameo_to_plover(r) for r in roots} - {None}
        ptype = ev.plover.event_type if ev else "NONE"
        type_ok += int(ptype in gtypes)
        g = sorted(roots)[0] if proot not in roots else proot
        gold_l.append(g)
        pred_l.append(proot)
    mf1, per = macro_f1(gold_l, pred_l)
    return {
        "corpus": "petrarch", "n": n, "skipped_no_cameo_root": skipped, "cameo_root_accuracy": _pct(root_ok, n),
        "plover_type_accuracy": _pct(type_ok, n), "macro_f1": mf1, "per_label": per,
        "confusion": confusion(gold_l, pred_l),
    }


SUBORDINATORS = frozenset("after before when while since because as although though once until if".split())


def main_dictionary_match(analysis) -> dict | None:
    """The main dictionary-coded verb of a sentence (``analysis.notes["cameo_dictionary"]``, matches
    with a code): a reporting verb ("said", "reported") with another coded verb inside its clause
    ranks below that verb, a verb inside a subordinate clause ("after crowds burned down ...") below
    one that is not; then the verb highest in the dependency tree, then the leftmost."""
    from ..stages.events import REPORTING_LEMMAS

    doc = analysis.doc
    recs = [r for r in (analysis.notes.get("cameo_dictionary") or []) if r.get("code")]
    if not recs:
        return None

    def depth(i: int) -> int:
        tok, d = doc[i], 0
        while tok.head.i != tok.i and d < 50:
            tok, d = tok.head, d + 1
        return d

    def frame(r) -> bool:
        tok = doc[r["token"]]
        if tok.lemma_.lower() not in REPORTING_LEMMAS:
            return False
        sub = {t.i for c in tok.children if c.dep_ != "conj" for t in c.subtree}
        return any(o is not r and o["token"] in sub for o in recs)

    def subordinate(r) -> bool:
        tok = doc[r["token"]]
        for _ in range(50):
            if any(c.dep_ == "mark" and c.lower_ in SUBORDINATORS for c in tok.children):
                return True
            if tok.head.i == tok.i:
                return False
            tok = tok.head
        return False

    return min(recs, key=lambda r: (frame(r), subordinate(r), depth(r["token"]), r["start"]))


def score_petrarch_dictionary(runner, root: Path, limit: int | None = None) -> dict:
    """Score eventcoder coding with PETRARCH-format dictionaries (the runner's resources carry
    them): CAMEO root and full-code accuracy of the main dictionary verb against the sentence's gold
    triples (records whose gold has a root 01-20), and source/target actor-code accuracy against the
    gold triple with the same code (else the same root)."""
    recs = _petrarch_records_dated(root / "events-petrarch2-unittest" / "PETR.UnitTest.records.xml")[: limit or None]
    n = root_ok = code_ok = src_ok = tgt_ok = skipped = 0
    any_root = 0
    gold_l, pred_l = [], []
    misses: list[str] = []
    for sid, date, text, codes in recs:
        roots = _gold_roots(codes)
        if not roots:
            skipped += 1
            continue
        analysis = runner(text, date)
        m = main_dictionary_match(analysis)
        n += 1
        code = m["code"] if m else "--"
        proot = code[:2]
        root_ok += int(proot in roots)
        code_ok += int(code in {c[2] for c in codes if c[2][:2] in roots})
        coded = {r["code"][:2] for r in analysis.notes.get("cameo_dictionary") or [] if r.get("code")}
        any_root += int(bool(coded & roots))
        gold = next((c for c in codes if c[2] == code), None) or next((c for c in codes if c[2][:2] == proot), None)
        if gold is not None and m is not None:
            src_ok += int(gold[0] in (m.get("sources") or []))
            tgt_ok += int(gold[1] in (m.get("targets") or []))
        if proot not in roots:
            misses.append(f"{sid}: gold {'/'.join(sorted({c[2] for c in codes}))} got {code}"
                          f" ({m['text'] + ' ' + (m['pattern'] or 'default') if m else 'no dictionary verb'})")
        g = sorted(roots)[0] if proot not in roots else proot
        gold_l.append(g)
        pred_l.append(proot)
    mf1, per = macro_f1(gold_l, pred_l)
    return {
        "corpus": "petrarch", "dictionary": ", ".join(Path(s).name for s in runner.resources.cameo_dictionary.sources),
        "n": n, "skipped_no_cameo_root": skipped, "cameo_root_accuracy": _pct(root_ok, n),
        "cameo_code_accuracy": _pct(code_ok, n), "source_code_accuracy": _pct(src_ok, n),
        "target_code_accuracy": _pct(tgt_ok, n), "gold_root_among_all_coded_verbs": _pct(any_root, n),
        "macro_f1": mf1, "per_label": per, "confusion": confusion(gold_l, pred_l), "misses": misses,
    }


SCORERS = {"plover": score_plover, "conflibert": score_conflibert, "petrarch": score_petrarch}


def _run(args) -> int:
    root = shared_eval_dir()
    scorer = SCORERS[args.corpus]
    resources = None
    if getattr(args, "cameo_dictionary", None):
        from ..resources import Resources
        from ..settings import Settings

        if args.corpus != "petrarch":
            print("eventcoder: --cameo-dictionary is scored on --corpus petrarch only", file=sys.stderr)
            return 2
        path = root / "events-petrarch2-unittest" if args.cameo_dictionary == "auto" else Path(args.cameo_dictionary)
        resources = Resources(Settings.load(cameo_dictionary=path))
        scorer = score_petrarch_dictionary
    runner = _Runner(resources)
    started = time.perf_counter()
    res = scorer(runner, root, args.limit)
    secs = time.perf_counter() - started
    per = res.pop("per_label")
    conf = res.pop("confusion")
    misses = res.pop("misses", None)
    rows = [[k, v] for k, v in res.items()]
    rows.append(["seconds", round(secs, 1)])
    print(markdown_table(["measure", "value"], rows))
    print()
    print(markdown_table(["label", "P", "R", "F1"], [[k, *v] for k, v in sorted(per.items())]))
    print()
    print(conf)
    if misses:
        print()
        print(f"misses ({len(misses)}):")
        for line in misses:
            print(f"  {line}")
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "events", help="event type, quad class, CAMEO root and actors vs PLOVER GSR, ConfliBERT, PETRARCH2",
        description="Score the events stage.\n\nexample:\n"
                    "  eventcoder eval events --corpus plover\n  eventcoder eval events --corpus conflibert --limit 50",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--corpus", choices=tuple(SCORERS), default="plover")
    p.add_argument("--limit", type=int, help="score only the first N records")
    p.add_argument("--cameo-dictionary", metavar="PATH",
                   help="with --corpus petrarch: code with PETRARCH-format dictionaries (a directory or a "
                        "verbs file; 'auto' = the PETR.Validate.* files of the shared folder) and print CAMEO "
                        "root, full-code and source/target actor-code accuracy")
    p.set_defaults(func=_run)
