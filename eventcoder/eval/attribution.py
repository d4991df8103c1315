"""``eventcoder eval attribution``: score the attributions stage against PolNeAR.

PolNeAR (Newell, Margolin & Ruths, LREC 2018; GitHub ``networkdynamics/PolNeAR``) annotates
attributions in 1,008 US political news articles as brat standoff files: ``T`` lines with role
``Source``/``Cue``/``Content`` and char spans (``a b`` or discontinuous ``a b;c d``) into
``data/<split>/text/<name>.txt``, tied by ``E`` lines. The repository has no licence file: it is
read from a local copy given with ``--polnear`` and never copied into this repository.

Measures, per role (cue, source, content), as in attribution-extraction work on PARC 3.0 and
PolNeAR (span P/R/F1 per role, matched one-to-one):

- **exact**: a predicted span equals a gold span (after trimming surrounding white space);
- **overlap**: a predicted span shares at least one character with a gold span (greedy
  one-to-one matching, largest overlap first).

A discontinuous gold span counts as its envelope (first start to last end). Articles annotated
by several annotators are scored against one annotation (the first file name in sorted order).
Only the attributions stage runs (parse + attributions; no entities), since span boundaries do
not depend on entity resolution. Predictions are projected onto PolNeAR's univocal scheme
(:func:`univocal`): nested attributions (a cue inside another attribution's content) are
dropped, and an appositive source keeps its closing comma. ``--profile polnear`` (default here)
adds PolNeAR's stance cues ("supported", "discussed"); ``--profile news`` scores the pipeline's
own cue set.
"""
from __future__ import annotations

import argparse
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import Errors, ResourceMissing
from .common import markdown_table, prf

ROLES = ("cue", "source", "content")


@dataclass
class GoldArticle:
    """One PolNeAR article: name, text and gold spans per role (chars, end exclusive)."""

    name: str
    text: str
    spans: dict[str, list[tuple[int, int]]] = field(default_factory=lambda: {r: [] for r in ROLES})
    fragments: dict[str, list[list[tuple[int, int]]]] = field(default_factory=lambda: {r: [] for r in ROLES})


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def read_ann(ann: str, text: str) -> dict[str, list[tuple[int, int]]]:
    """Gold spans per role from a brat ``.ann`` file's content (``Source``, ``Cue``,
    ``Content`` text-bound annotations; others ignored)."""
    spans: dict[str, list[tuple[int, int]]] = {r: [] for r in ROLES}
    for line in ann.splitlines():
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        label, _, offsets = parts[1].partition(" ")
        role = label.lower()
        if role not in spans:
            continue
        pieces = [tuple(int(x) for x in frag.split()) for frag in offsets.split(";") if frag.strip()]
        if not pieces:
            continue
        start, end = min(p[0] for p in pieces), max(p[1] for p in pieces)
        if end > len(text):
            continue
        spans[role].append(_trim(text, start, end))
    return spans


def load_polnear(path: Path, split: str = "test", limit: int | None = None) -> list[GoldArticle]:
    """Articles of ``split`` (train | dev | test) from a PolNeAR checkout at ``path`` (the
    repository root or its ``data`` folder). Raises ResourceMissing (E013) when absent."""
    root = Path(path)
    if (root / "data").is_dir():
        root = root / "data"
    text_dir, ann_dir = root / split / "text", root / split / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise ResourceMissing(Errors.E013.format(path=f"{text_dir} and {ann_dir}"))
    anns: dict[str, Path] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        name = re.sub(r"_[0-9a-f]{4}$", "", ann.stem)
        anns.setdefault(name, ann)
    articles = []
    for txt in sorted(text_dir.glob("*.txt")):
        if txt.stem not in anns:
            continue
        text = txt.read_text(encoding="utf-8")
        articles.append(GoldArticle(txt.stem, text, read_ann(anns[txt.stem].read_text(encoding="utf-8"), text)))
        if limit and len(articles) >= limit:
            break
    return articles


def _match(pred: list[tuple[int, int]], gold: list[tuple[int, int]], exact: bool) -> int:
    """Number of one-to-one matches between predicted and gold spans."""
    if exact:
        remaining = list(gold)
        tp = 0
        for p in pred:
            if p in remaining:
                remaining.remove(p)
                tp += 1
        return tp
    pairs = []
    for i, (ps, pe) in enumerate(pred):
        for j, (gs, ge) in enumerate(gold):
            ov = min(pe, ge) - max(ps, gs)
            if ov > 0:
                pairs.append((ov, i, j))
    pairs.sort(reverse=True)
    used_p, used_g, tp = set(), set(), 0
    for _, i, j in pairs:
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        tp += 1
    return tp


def predict(nlp, text, profile: str = "polnear") -> dict[str, list[tuple[int, int]]]:
    """Predicted spans per role for ``text`` (attributions stage on its own)."""
    from ..model import DocumentMeta, DocumentResult
    from ..stages.attributions import extract_attributions

    result = DocumentResult(document=DocumentMeta(id="polnear", sha256=""),
                            text=text if isinstance(text, str) else text.text)
    attributions, _ = extract_attributions(nlp(text) if isinstance(text, str) else text, result, profile,
                                           verb_group=True)
    return univocal(attributions, text if isinstance(text, str) else text.text)


def univocal(attributions, text: str) -> dict[str, list[tuple[int, int]]]:
    """Project attributions onto PolNeAR's univocal scheme (a token belongs to at most one
    attribution): an attribution whose cue lies inside another one's content is nested (a relay
    or a claim inside a claim) and is dropped; the outermost stays. Returns spans per role."""
    kept = [a for a in attributions
            if not any(b is not a and b.content.start <= a.cue.start and a.cue.end <= b.content.end
                       and (b.content.end - b.content.start) > (a.content.end - a.content.start)
                       for b in attributions)]
    out: dict[str, list[tuple[int, int]]] = {r: [] for r in ROLES}
    for a in kept:
        out["cue"].append(_trim(text, a.cue.start, a.cue.end))
        out["content"].append(_trim(text, a.content.start, a.content.end))
        if a.source is not None:
            start, end = _trim(text, a.source.start, a.source.end)
            # PolNeAR marks the relative pronoun as the source ("Bush, who says ..."), where
            # eventcoder gives the antecedent
            between = text[end:a.cue.start]
            rel = re.fullmatch(r"(\s*,?\s*)(who|which|that)(\s+)", between)
            if rel and end <= a.cue.start:
                start = end + len(rel.group(1))
                end = start + len(rel.group(2))
            # PolNeAR convention: a source with an apposition keeps its closing comma
            # ("Huma Abedin, vice chairwoman for Clinton's campaign, said")
            if "," in text[start:end] and text[end:end + 1] == ",":
                end += 1
            out["source"].append((start, end))
    return out


def score(articles: list[GoldArticle], nlp, profile: str = "polnear") -> dict:
    """Counts and P/R/F1 per role and mode: ``{"cue": {"exact": (p, r, f), "overlap": ...,
    "gold": n, "pred": n}, ...}`` plus ``"docs"`` and ``"seconds"``."""
    counts = {r: {"exact": 0, "overlap": 0, "gold": 0, "pred": 0} for r in ROLES}
    started = time.perf_counter()
    for art in articles:
        pred = predict(nlp, art.text, profile)
        for role in ROLES:
            g, p = art.spans[role], pred[role]
            counts[role]["gold"] += len(g)
            counts[role]["pred"] += len(p)
            counts[role]["exact"] += _match(p, g, exact=True)
            counts[role]["overlap"] += _match(p, g, exact=False)
    out: dict = {"docs": len(articles), "seconds": time.perf_counter() - started}
    for role in ROLES:
        c = counts[role]
        out[role] = {
            "gold": c["gold"], "pred": c["pred"],
            "exact": prf(c["exact"], c["pred"] - c["exact"], c["gold"] - c["exact"]),
            "overlap": prf(c["overlap"], c["pred"] - c["overlap"], c["gold"] - c["overlap"]),
        }
    return out


def table(scores: dict) -> str:
    """The markdown table of :func:`score`'s result."""
    rows = []
    for role in ROLES:
        s = scores[role]
        rows.append([role, s["gold"], s["pred"], *s["exact"], *s["overlap"]])
    return markdown_table(["role", "gold", "pred", "exact P", "exact R", "exact F1",
                           "overlap P", "overlap R", "overlap F1"], rows)


def _run(args) -> int:
    from ..resources import default_resources

    articles = load_polnear(Path(args.polnear), args.split, args.limit)
    scores = score(articles, default_resources().nlp, args.profile)
    print(f"PolNeAR {args.split}: {scores['docs']} articles, profile {args.profile}, {scores['seconds']:.1f} s")
    print(table(scores))
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "attribution", help="cue, source and content spans vs PolNeAR (exact and overlap P/R/F1)",
        description="Score the attributions stage against PolNeAR (read from a local copy).\n\n"
                    "example:\n  eventcoder eval attribution --polnear /tmp/polnear --split test\n"
                    "  eventcoder eval attribution --polnear /tmp/polnear --split dev --limit 10",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--polnear", required=True, help="PolNeAR checkout (repository root or its data/ folder)")
    p.add_argument("--split", choices=("train", "dev", "test"), default="test")
    p.add_argument("--limit", type=int, help="score only the first N articles")
    p.add_argument("--profile", choices=("polnear", "news"), default="polnear",
                   help="cue set: polnear adds PolNeAR's stance verbs (support, discuss, ...); "
                        "news is the pipeline default")
    p.set_defaults(func=_run)
