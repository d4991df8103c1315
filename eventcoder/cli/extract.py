"""``eventcoder extract``: one document (file or stdin) or a JSONL stream -> eventcoder/1."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..documents import decode_bytes, file_metadata, json_error_detail, read_file
from ..errors import JSONL_NEEDS_TEXT, Errors, EventcoderError, InputError, UsageError
from ..export.geojson import feature_collection
from ..export.table import events_table
from ..outlets import check_home_region
from ..pipeline import extract
from ..resources import default_resources

HELP = """Extract events from a news text.

examples:
  eventcoder extract article.txt --published 2022-10-14 --outlet Guardian
  eventcoder extract article.txt --published 2022-10-14 --format table
  eventcoder extract guardian-2022-10-14-digest.txt
    (without --published the date comes from a sidecar guardian-2022-10-14-digest.json
     {"published", "outlet", "url", "title", "id"}, else from the YYYY-MM-DD in the file name,
     as in `eventcoder ingest`; stderr says which)
  cat article.txt | eventcoder extract - --published 2022-10-14 --format geojson
  eventcoder extract --format jsonl articles.jsonl > results.jsonl
    (lines {"id", "text", "published", "outlet"?, "url"?, "title"?, "home_region"?}; one result
     per line, same order; blank lines are skipped (counted on stderr, as `eventcoder ingest`
     does); a bad line (bad JSON, no "text", an unknown "home_region": E024), or a line
     repeating an earlier line's "id" (E021), gives an eventcoder/1
     object with empty lists, document id "<id>#<line>" (or "line-<line>": never a good
     record's id) and "error": {"code", "message", "line", "id": the line's own id}, and exit
     code 6 at the end; a bad --home-region option stops before any line, exit 2)
  eventcoder extract local-story.txt --home-region US-TX
    (the outlet's home region: a toponym the story leaves ambiguous ("Paris", "Athens") goes to
     the home admin1 unless the story points elsewhere (other towns, "French police", "Paris,
     France"). A country-only home region (--home-region US) is weak: a small bonus within that
     country and no local support, so a story's bare "Paris" stays Paris, France)

A *.jsonl input without --format is read as JSONL (--format jsonl). An input that looks like
JSONL (first line a JSON object with "text") given with another --format is refused (E022).
"""


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "extract", help="extract events from a text file, stdin or JSONL", description=HELP,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("input", help="text file, '-' for stdin, or a .jsonl file with --format jsonl")
    p.add_argument("--published", help="publication date YYYY-MM-DD (document creation time)")
    p.add_argument("--outlet", help="outlet name, e.g. Guardian")
    p.add_argument("--home-region", metavar="CODE",
                   help="the outlet's home region, ISO 3166-2 admin1 (US-LA) or country (US): weak local context for "
                        "ambiguous place names (Paris, Alexandria); a country alone only slightly favours its "
                        "places (bare 'Paris' stays in France); also the sidecar/JSONL field home_region")
    p.add_argument("--url")
    p.add_argument("--title")
    p.add_argument("--id", help="document id (default: first 16 hex of the text's SHA-256)")
    p.add_argument("--format", choices=("json", "table", "geojson", "jsonl"),
                   help="output: json (default), table, geojson; jsonl reads JSONL input and writes one result "
                        "per line (the default for a *.jsonl input)")
    p.add_argument("--replace-bad-bytes", action="store_true",
                   help="decode invalid UTF-8 with U+FFFD and a warning instead of failing (E003)")
    p.add_argument("--include-text", action="store_true",
                   help="add the input text to the JSON (always added when the offsets index a text that differs "
                        "from the input: W002/W007/W008/W010)")
    p.add_argument("--cameo-dictionary", metavar="PATH",
                   help="code CAMEO with your PETRARCH/TABARI dictionaries: a directory of verbs/actors/agents "
                        "files or one verbs file (also EVENTCODER_CAMEO_DICTIONARY)")
    p.set_defaults(func=run)


def run(args) -> int:
    is_jsonl_name = args.input != "-" and Path(args.input).suffix.lower() == ".jsonl"
    if args.format is None:
        args.format = "jsonl" if is_jsonl_name else "json"
    if args.format == "jsonl":
        return _run_jsonl(args)
    errors = "replace" if args.replace_bad_bytes else "strict"
    if args.input == "-":
        text, warnings = decode_bytes(sys.stdin.buffer.read(), where="stdin", errors=errors)
    else:
        text, warnings = read_file(args.input, errors=errors)
    if is_jsonl_name or looks_like_jsonl(text):
        raise UsageError(Errors.E022.format(where=args.input))
    published, meta = args.published, None
    if args.input != "-":  # --published, else the sidecar, else the file name: the rule of `ingest`
        meta = file_metadata(args.input, published=args.published, outlet=args.outlet)
        published, warnings = meta.published, warnings + meta.warnings
        if meta.published_from in ("sidecar", "file name"):
            where = f"sidecar {Path(args.input).with_suffix('.json')}" if meta.published_from == "sidecar" \
                else f"file name {Path(args.input).name}"
            print(f"eventcoder: publication date {meta.published} from the {where} (--published overrides it)",
                  file=sys.stderr)
    home = getattr(args, "home_region", None) or (meta.home_region if meta else None)
    where = "" if getattr(args, "home_region", None) or not home else f"in sidecar {Path(args.input).with_suffix('.json')}"
    resources = _resources(args)
    if home:
        home = check_home_region(resources.gazetteer, home, where)  # E024 before any work
    result = extract(text, published, id=args.id or (meta and meta.id), home_region=home,
                     outlet=meta.outlet if meta else args.outlet,
                     url=args.url or (meta and meta.url), title=args.title or (meta and meta.title),
                     warnings=warnings, resources=resources)
    if args.format != "table":  # the table prints its warnings itself
        for warning in result.warnings:
            print(f"eventcoder: warning: {warning}", file=sys.stderr)
    if args.format == "table":
        print(events_table(result))
    elif args.format == "geojson":
        print(json.dumps(feature_collection([result]), ensure_ascii=False, indent=1))
    else:
        print(json.dumps(result.to_dict(include_text=args.include_text), ensure_ascii=False, indent=1))
    return 0


def looks_like_jsonl(text: str) -> bool:
    """True when the first non-blank line of ``text`` is a JSON object with a ``"text"``
    string (an article never starts like that)."""
    first = next((line for line in text.splitlines() if line.strip()), "").strip()
    if not first.startswith("{"):
        return False
    try:
        data = json.loads(first)
    except ValueError:
        return False
    return isinstance(data, dict) and isinstance(data.get("text"), str)


def _resources(args):
    """The process resources, or fresh ones with ``--cameo-dictionary`` (E010 if unreadable)."""
    if getattr(args, "cameo_dictionary", None):
        from ..resources import Resources
        from ..settings import Settings

        resources = Resources(Settings.load(cameo_dictionary=args.cameo_dictionary))
        resources.cameo_dictionary  # noqa: B018 (load now: a bad path fails before any output)
        return resources
    return default_resources()


def _error_record(record_id, line: int, raw: bytes, exc: EventcoderError) -> dict:
    """A schema-valid eventcoder/1 object for input line ``line`` that could not be extracted:
    empty lists, the error under ``"error"`` (``code``, ``message``, ``line``, and ``id``: the
    line's own id, or null) and its message in ``warnings``; ``sha256`` is the SHA-256 of the
    raw line. Its document id is never one a good record uses: ``<id>#<line>`` ("a#2"), or
    ``line-<line>`` for a line without an id."""
    import hashlib

    return {
        "schema": "eventcoder/1",
        "document": {"id": f"line-{line}" if record_id is None else f"{record_id}#{line}",
                     "sha256": hashlib.sha256(raw).hexdigest(), "published": None,
                     "outlet": None, "url": None, "title": None, "language": "en"},
        "entities": [], "places": [], "times": [], "quantities": [], "attributions": [], "events": [],
        "warnings": [str(exc)],
        "error": {"code": exc.code, "message": str(exc), "line": line,
                  "id": None if record_id is None else str(record_id)},
    }


def _run_jsonl(args) -> int:
    if args.input != "-" and Path(args.input).is_dir():
        raise InputError(Errors.E017.format(where=args.input))
    stream = sys.stdin.buffer if args.input == "-" else None
    if stream is None:
        try:
            stream = open(args.input, "rb")
        except OSError as exc:
            raise InputError(Errors.E012.format(where=f"{args.input} ({exc.strerror})")) from None
    resources = _resources(args)
    default_home = getattr(args, "home_region", None)
    if default_home:
        default_home = check_home_region(resources.gazetteer, default_home)  # E024 before any line
    failures = blank = 0
    first_line: dict[str, int] = {}   # document id -> line that used it first
    with stream:
        for number, raw in enumerate(stream, 1):
            raw = raw.rstrip(b"\r\n")
            if not raw.strip():
                blank += 1
                continue
            record_id = None
            try:
                line, _ = decode_bytes(raw, where=f"line {number}")
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(Errors.E008.format(line=number, detail=json_error_detail(exc))) from None
                if isinstance(record, dict):
                    record_id = record.get("id")
                if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                    raise InputError(Errors.E008.format(line=number, detail=JSONL_NEEDS_TEXT))
                if record_id is not None:
                    key = str(record_id)
                    if key in first_line:
                        raise InputError(Errors.E021.format(
                            id=key, where=f"line {number}",
                            detail=f"line {first_line[key]} has the same id; ids must be unique"))
                    first_line[key] = number
                home = default_home
                if record.get("home_region"):
                    try:  # a bad per-record home region is bad input of that line (exit 6 at the end), not a usage error
                        home = check_home_region(resources.gazetteer, record["home_region"], f"at line {number}")
                    except UsageError as exc:
                        raise InputError(str(exc)) from None
                result = extract(record["text"], record.get("published"), id=None if record_id is None else str(record_id),
                                 outlet=record.get("outlet"), url=record.get("url"),
                                 home_region=home,
                                 title=record.get("title"), resources=resources)
                out = result.to_dict(include_text=args.include_text)
            except EventcoderError as exc:
                if exc.exit_code != 3:  # only bad input is per-record; missing resources stop the run
                    raise
                failures += 1
                print(f"eventcoder: line {number}: {exc}", file=sys.stderr)
                out = _error_record(record_id, number, raw, exc)
            sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
            sys.stdout.flush()
    if blank:
        print(f"eventcoder: skipped {blank} blank line{'s' if blank > 1 else ''}", file=sys.stderr)
    return 6 if failures else 0
