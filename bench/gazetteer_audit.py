"""Print the gazetteer audit (eventcoder/gazetteer/audit.py): counts per check and the first rows.

usage: .venv/bin/python bench/gazetteer_audit.py [GAZETTEER.sqlite] [--top N] [--json]
Default file: Settings.gazetteer_file() (built first if absent).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from eventcoder.gazetteer import Gazetteer  # noqa: E402
from eventcoder.gazetteer.audit import audit  # noqa: E402
from eventcoder.settings import Settings  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("path", nargs="?", type=Path, default=None)
    ap.add_argument("--top", type=int, default=15)
    ap.add_argument("--json", action="store_true", help="all findings as one JSON object")
    args = ap.parse_args()
    path = args.path or Gazetteer.open(Settings.load().gazetteer_file()).path
    found = audit(path)
    if args.json:
        print(json.dumps(found, ensure_ascii=False, indent=1))
        return 0
    print(f"gazetteer {path}")
    for check, rows in found.items():
        print(f"\n## {check}: {len(rows)}")
        for r in rows[: args.top]:
            print("  " + json.dumps(r, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
