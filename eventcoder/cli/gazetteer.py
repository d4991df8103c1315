"""``eventcoder gazetteer build|lookup``: build the local SQLite gazetteer, look names up."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "gazetteer", help="build the local gazetteer or look a name up",
        description="Build the local SQLite gazetteer (GeoNames data from installed packages plus the curated "
                    "table) or look a toponym up.\n\nexamples:\n  eventcoder gazetteer build\n"
                    "  eventcoder gazetteer build --out /tmp/gaz.sqlite --force\n  eventcoder gazetteer lookup Olenivka\n"
                    "  eventcoder gazetteer lookup Ukrainian",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub = p.add_subparsers(dest="gazetteer_command", metavar="ACTION")
    b = sub.add_parser("build", help="build the gazetteer file (skipped if present, unless --force)",
                       description="example:\n  eventcoder gazetteer build --force",
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    b.add_argument("--out", type=Path, default=None, help="output file (default: Settings.gazetteer_file())")
    b.add_argument("--force", action="store_true", help="rebuild even if the file exists")
    b.set_defaults(func=_build)
    lk = sub.add_parser("lookup", help="print the candidates for a name (JSON lines)",
                        description="example:\n  eventcoder gazetteer lookup Kharkov --limit 5",
                        formatter_class=argparse.RawDescriptionHelpFormatter)
    lk.add_argument("name")
    lk.add_argument("--limit", type=int, default=20)
    lk.add_argument("--gazetteer", type=Path, default=None, help="gazetteer file (default: Settings.gazetteer_file())")
    lk.set_defaults(func=_lookup)
    p.set_defaults(func=lambda args: p.print_help() or 2)


def _path(arg):
    from ..settings import Settings

    return arg or Settings.load().gazetteer_file()


def _build(args) -> int:
    from ..gazetteer import build

    from .store import refuse_store_as_output

    refuse_store_as_output(args.out)  # never overwrite the store ($EVENTCODER_DB / eventcoder.db)
    report = build(_path(args.out), force=args.force)
    print(json.dumps(report.to_dict()))
    return 0


def _lookup(args) -> int:
    from ..gazetteer import Gazetteer

    gaz = Gazetteer.open(_path(args.gazetteer), build_if_missing=True)
    iso = gaz.country_for_name(args.name)
    if iso:
        print(json.dumps({"country_for_name": iso}))
    for c in gaz.candidates(args.name)[: args.limit]:
        d = dict(c.__dict__)
        print(json.dumps(d, ensure_ascii=False))
    return 0
