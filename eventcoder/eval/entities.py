"""``eventcoder eval entities``: actor country and sector of the entities stage vs PLOVER gold.

Gold: ``events-plover-gsr/PLOVER_GSR_CAMEO.json`` (PLOVER gold-standard records from the CAMEO
manual, CC BY-SA 4.0). Each record lists its source and target actors as
``{actorText, code, sector}``: ``code`` an ISO 3166-1 alpha-3 country (or ``IGO``/``NGO``/``IMG``:
no country), ``sector`` a CAMEO agent code (``GOV``, ``MIL``, ``CVLkur``... first three letters
are compared; ``***`` and empty mean none). Records whose ``actorText`` is not a substring of
the sentence are skipped.

Per actor: the entity overlapping the actor text (``DocumentResult.entity_at``, longest
overlap); measures are the share of gold actors with an entity (found), with the right
country (ISO2; the gold alpha-3 is mapped through the gazetteer's ``country_for_name``, else
the fallback country table), with the right sector (gold none = entity sector none; gold code
``IGO`` with no sector accepts an IGO/NGO entity), and both. Only the parse and entities stages
run, so the numbers isolate this stage.
"""
from __future__ import annotations

import argparse
import json
import time

from .common import markdown_table, shared_eval_dir

_ISO3_EXTRA = {"ITL": "IT", "JAP": "JP", "VTN": "VN", "ISM": None, "ROM": "RO"}


def _items(value) -> list[dict]:
    if isinstance(value, dict):
        value = [value]
    return [v for v in (value or []) if isinstance(v, dict) and v.get("actorText")]


def score(limit: int | None = None, errors: list | None = None) -> dict:
    """Score the entities stage on the PLOVER gold records; returns counts and shares (0-1).
    ``errors``, if given, receives one tuple per wrong or missing actor."""
    from ..model import DocumentMeta, DocumentResult
    from ..pipeline import Analysis
    from ..resources import default_resources
    from ..stages import entities, parse

    path = shared_eval_dir() / "events-plover-gsr" / "PLOVER_GSR_CAMEO.json"
    records = [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("text") and r.get("event")]
    if limit:
        records = records[:limit]
    res = default_resources()
    gaz = res.gazetteer

    def iso2(code: str) -> str | None:
        if code in ("IGO", "NGO", "IMG", "---", ""):
            return None
        if code in _ISO3_EXTRA:
            return _ISO3_EXTRA[code]
        return gaz.country_for_name(code) if hasattr(gaz, "country_for_name") else None

    n = found = country = sector = both = 0
    started = time.perf_counter()
    for rec in records:
        text = rec["text"]
        analysis = Analysis(result=DocumentResult(document=DocumentMeta(id=rec["id"], sha256=""), text=text), resources=res)
        parse.run(analysis)
        entities.run(analysis)
        for role in ("source", "target"):
            for item in _items(rec.get(role)):
                start = text.find(item["actorText"])
                if start < 0:
                    continue
                n += 1
                code = item.get("code") or ""
                gold_country = iso2(code)
                gold_sector = (item.get("sector") or "")[:3].upper() or None
                if gold_sector == "***":
                    gold_sector = None
                ent = analysis.result.entity_at(start, start + len(item["actorText"]))
                if ent is None:
                    if errors is not None:
                        errors.append(("missing", rec["id"], item["actorText"], code, item.get("sector")))
                    continue
                found += 1
                ok_c = ent.country == gold_country
                ok_s = ent.sector == gold_sector or (gold_sector is None and code == "IGO" and ent.sector in ("IGO", "NGO"))
                country += ok_c
                sector += ok_s
                both += ok_c and ok_s
                if errors is not None and not (ok_c and ok_s):
                    errors.append(("wrong", rec["id"], item["actorText"], code, item.get("sector"), ent.name, ent.country, ent.sector))
    share = lambda k: k / n if n else 0.0  # noqa: E731
    return {
        "records": len(records), "actors": n, "found": share(found), "country": share(country),
        "sector": share(sector), "both": share(both), "seconds": time.perf_counter() - started,
    }


def _run(args) -> int:
    errors: list | None = [] if args.errors else None
    s = score(args.limit, errors)
    print(markdown_table(
        ["records", "actors", "found %", "country %", "sector %", "country+sector %"],
        [[s["records"], s["actors"], 100 * s["found"], 100 * s["country"], 100 * s["sector"], 100 * s["both"]]],
    ))
    print(f"\n{s['seconds']:.1f} s (parse + entities)")
    for e in errors or []:
        print("\t".join("" if v is None else str(v) for v in e))
    return 0


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "entities", help="actor country and sector vs the PLOVER gold-standard records",
        description="Score the entities stage: country (ISO2) and sector (CAMEO agent) of the entity at each gold "
                    "actor span of the PLOVER GSR records.\n\nexample:\n  eventcoder eval entities\n"
                    "  eventcoder eval entities --limit 50 --errors",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--limit", type=int, help="score only the first N records")
    p.add_argument("--errors", action="store_true", help="list wrong and missing actors")
    p.set_defaults(func=_run)
