"""Store commands: ``eventcoder ingest``, ``events``, ``export`` and ``fuse``.

Thin shells over :mod:`eventcoder.store` and :mod:`eventcoder.export`. The store file is
``--db PATH``, else ``$EVENTCODER_DB``, else ``eventcoder.db``.
"""
from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import sys

from ..errors import Errors, InputError, OutputError, UsageError

INGEST_HELP = """Extract events from text files, folders and JSONL into the SQLite store.

Documents are keyed by the SHA-256 of their text: re-ingesting changes nothing, and a rerun
after a crash resumes. Failed documents (unreadable, missing path, bad JSONL line, an id
already used by another text: E021) are recorded in the store's `errors` table and the batch
goes on (exit code 6 at the end if any failed). Blank JSONL lines are skipped and counted.
The store (--db, default eventcoder.db in the current folder) is created if missing; only
ingest creates one.

inputs:
  *.txt    one document; publication date from --published, else a sidecar <name>.json
           {"published", "outlet", "url", "title", "id"}, else a YYYY-MM-DD in the file name
           (an unreadable sidecar is a W009 warning on the document)
  *.jsonl  one document per line {"id", "text", "published", "outlet"?, "url"?, "title"?}
  folders  every *.txt and *.jsonl below, recursively

examples:
  eventcoder ingest articles/ --db news.db
  eventcoder ingest report.txt --published 2022-10-14 --outlet Guardian
  eventcoder ingest local-news/ --home-region US-TX   (bare "Paris" stays in Texas unless the story says otherwise)
  EVENTCODER_DB=news.db eventcoder ingest feed.jsonl --quiet
  eventcoder ingest articles/ --db news.db --replace   (re-extract after an upgrade)
  eventcoder ingest latin1-article.txt --replace-bad-bytes   (not UTF-8: U+FFFD and a W002 warning)
"""

EVENTS_HELP = """List stored events, filtered. Background events (context from the past) are left
out unless --include-background.

examples:
  eventcoder events --db news.db --since 2022-10-01 --until 2022-10-31 --type ASSAULT
  eventcoder events --country UA --admin1 Kherson --format csv > kherson.csv
  eventcoder events --bbox 30,44,40,52 --actor Russia --factuality asserted --format jsonl
"""

EXPORT_HELP = """Export stored events in the field's formats.

formats:
  jsonl    one eventcoder/1 object per document (the output contract)
  plover   PLOVER JSONL, one event per line (PLOVER manual field names)
  acled    ACLED-style CSV (ACLED codebook columns; ACLED-typed events only)
  geojson  GeoJSON FeatureCollection of event points (QGIS, geopandas)
  parquet  one row per event, flattened columns (needs --out)

examples:
  eventcoder export --format acled --out events.csv --db news.db
  eventcoder export --format plover --since 2022-10-01 > plover.jsonl
  eventcoder export --format parquet --out events.parquet
  eventcoder export --format geojson --fused --out fused.geojson   (after eventcoder fuse)

--out replaces an existing file (re-running an export refreshes it); stderr says "replaced"
when it did. The store itself is never a valid --out (E019).
ACLED rows need a place and a date: events without either are left out (stderr counts the
undated ones).
"""

FUSE_HELP = """Fuse events reported by several documents into one fused event each.

Re-runnable: every run rebuilds the fused_events and fused_members tables from the stored
events. Prints a summary, or the fused events with --show.

examples:
  eventcoder fuse --db news.db
  eventcoder fuse --db news.db --show --format jsonl
"""

TABLE_COLUMNS = ("date", "type", "actor_name", "recipient_name", "location", "country", "admin1",
                 "source", "factuality", "document_id", "id")


def _db_arg(p, creates: bool = False) -> None:
    p.add_argument("--db", help="store file (default: $EVENTCODER_DB, else eventcoder.db in the current folder); "
                   + ("created if missing" if creates else "must exist: only `eventcoder ingest` creates a store"))


def _filter_args(p) -> None:
    p.add_argument("--since", help="events whose date interval ends on or after YYYY-MM-DD")
    p.add_argument("--until", help="events whose date interval begins on or before YYYY-MM-DD (not before --since)")
    p.add_argument("--type", help="PLOVER event type, e.g. ASSAULT (an unknown type is an error listing the 16 types)")
    p.add_argument("--country", help="country of the event place: ISO 3166-1 code (UA, UKR) or name (Ukraine)")
    p.add_argument("--admin1", help="admin1 (province/oblast) of the event place, case-insensitive, with or without "
                                    "the generic term: Kherson = Kherson Oblast")
    p.add_argument("--bbox", help="west,south,east,north in WGS84 degrees")
    p.add_argument("--actor", help="substring of the actor's or recipient's name")
    p.add_argument("--source", help="substring of the attribution source")
    p.add_argument("--factuality", choices=("asserted", "unconfirmed", "denied", "negated", "expected", "hypothetical"))
    p.add_argument("--include-background", action="store_true", help="keep background events")


def _filter(args):
    from ..store.queries import EventFilter, build_where, parse_bbox

    f = EventFilter(
        since=args.since, until=args.until, type=args.type, country=args.country,
        admin1=args.admin1, bbox=parse_bbox(args.bbox) if args.bbox else None,
        actor=args.actor, source=args.source, factuality=args.factuality,
        include_background=args.include_background,
    )
    build_where(f)  # validate now (E020), before the store is opened or any output written
    return f


def _has_filter(args) -> bool:
    return any(getattr(args, k) for k in ("since", "until", "type", "country", "admin1", "bbox",
                                          "actor", "source", "factuality"))


def register(subparsers) -> None:
    fmt = argparse.RawDescriptionHelpFormatter
    p = subparsers.add_parser("ingest", help="extract files/folders/JSONL into the store",
                              description=INGEST_HELP, formatter_class=fmt)
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt/.jsonl files or folders")
    _db_arg(p, creates=True)
    p.add_argument("--published", help="publication date YYYY-MM-DD for .txt files without one")
    p.add_argument("--outlet", help="outlet name for documents without one")
    p.add_argument("--home-region", metavar="CODE",
                   help="the outlet's home region, ISO 3166-2 admin1 (US-LA) or country (US), for every document "
                        "of this run without its own (a sidecar/JSONL home_region wins; this option beats the "
                        "outlet profile learnt from the store): weak local context for ambiguous place names "
                        "(Paris, Alexandria). A bad code is E024 (exit 2), before anything is ingested")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument("--replace", action="store_true",
                   help="re-extract documents already stored (after a pipeline upgrade); then run `eventcoder fuse`")
    p.add_argument("--replace-bad-bytes", action="store_true",
                   help="decode invalid UTF-8 with U+FFFD and a warning (W002) instead of failing the document (E003)")
    p.set_defaults(func=run_ingest)

    p = subparsers.add_parser("events", help="list stored events with filters",
                              description=EVENTS_HELP, formatter_class=fmt)
    _db_arg(p)
    _filter_args(p)
    p.add_argument("--format", choices=("table", "jsonl", "csv"), default="table")
    p.add_argument("--limit", type=int, help="at most this many events (a positive number)")
    p.set_defaults(func=run_events)

    p = subparsers.add_parser("export", help="export stored events: jsonl, plover, acled, geojson, parquet",
                              description=EXPORT_HELP, formatter_class=fmt)
    _db_arg(p)
    p.add_argument("--format", choices=("jsonl", "plover", "acled", "geojson", "parquet"), required=True)
    p.add_argument("--out", help="output file, replaced if it exists (as shell redirection and pandas' to_csv do; "
                                 "stderr then says 'replaced'); '-' or none: stdout (parquet needs a file)")
    p.add_argument("--include-text", action="store_true", help="jsonl: add each document's text")
    p.add_argument("--fused", action="store_true",
                   help="geojson: one point per fused event (run `eventcoder fuse` first) instead of per report")
    _filter_args(p)
    p.set_defaults(func=run_export)

    p = subparsers.add_parser("fuse", help="fuse events reported by several documents",
                              description=FUSE_HELP, formatter_class=fmt)
    _db_arg(p)
    p.add_argument("--show", action="store_true", help="print the fused events")
    p.add_argument("--format", choices=("table", "jsonl"), default="table")
    p.set_defaults(func=run_fuse)


def _open(args, *, write: bool = False, create: bool = False):
    """The store of ``--db``: read-only for ``events``/``export`` (``mode=ro``, never created,
    never migrated), writable for ``fuse`` and ``ingest``; only ``ingest`` creates it."""
    from ..store.db import Store

    if write:
        return Store.open(args.db, create=create)
    return Store.open(args.db, readonly=True)


def _coded(func):
    """Run a store command, turning SQLite and file-system failures into coded errors: a store
    damaged past its header (``database disk image is malformed``) is E018, a read-only store
    met while writing is E019."""
    import functools
    import sqlite3

    @functools.wraps(func)
    def wrapper(args):
        try:
            return func(args)
        except sqlite3.OperationalError as exc:
            text = str(exc)
            if "readonly" in text or "read-only" in text:
                raise OutputError(Errors.E019.format(where=f"store {args.db or 'eventcoder.db'}", detail=text)) from None
            raise InputError(Errors.E018.format(where=args.db or "eventcoder.db", detail=text)) from None
        except sqlite3.DatabaseError as exc:
            raise InputError(Errors.E018.format(where=args.db or "eventcoder.db", detail=str(exc))) from None
    return wrapper


def refuse_store_as_output(out, db=None) -> None:
    """OutputError E019 when the output file ``out`` is the store ``db`` (``--db``, else
    ``$EVENTCODER_DB``, else ``eventcoder.db``) or its ``-wal``/``-shm``/``-journal`` file:
    writing there would destroy the store. Compared after resolving symlinks and ``..``
    (and by inode when both exist). Nothing to check for stdout (``None``/``"-"``)."""
    import os
    from pathlib import Path

    from ..store.db import default_db_path

    if not out or str(out) == "-":
        return
    store = Path(db) if db else default_db_path()
    target = Path(out).resolve()
    for suffix in ("", "-wal", "-shm", "-journal"):
        candidate = Path(str(store) + suffix)
        same = target == candidate.resolve()
        if not same and target.exists() and candidate.exists():
            same = os.path.samefile(target, candidate)
        if same:
            raise OutputError(Errors.E019.format(
                where=str(out), detail=f"it is the store file {candidate} (--db); writing it would destroy "
                                      "the store: choose another --out"))


def _wrote(n: int, what: str, path: str, existed: bool) -> None:
    """The export summary on stderr: ``wrote 3 events to x.csv`` (``(replaced the existing file)``
    when ``--out`` existed before)."""
    print(f"wrote {n} {what} to {path}" + (" (replaced the existing file)" if existed else ""), file=sys.stderr)


def _exists(path: str | None) -> bool:
    import os

    return bool(path) and path != "-" and os.path.exists(path)


def _output(path: str | None):
    """The export's output stream: stdout for no ``--out`` or ``--out -``, else the file opened
    for writing (OutputError E019 when it cannot be: missing folder, read-only, a directory)."""
    if not path or path == "-":
        return sys.stdout
    try:
        return open(path, "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise OutputError(Errors.E019.format(where=path, detail=exc.strerror or str(exc))) from None


@_coded
def run_ingest(args) -> int:
    from ..store.ingest import discover, ingest_paths

    missing: list[str] = []
    if not discover(args.paths, missing=missing) and missing:  # nothing to ingest: no store created
        raise InputError(Errors.E012.format(where=missing[0]))
    home = getattr(args, "home_region", None)
    if home is not None:  # E024 (exit 2) before the store is opened or any document read
        from ..outlets import check_home_region
        from ..resources import default_resources

        home = check_home_region(default_resources().gazetteer, home, "(--home-region)")
        if home is None:
            raise UsageError(Errors.E024.format(value=args.home_region, where=" (--home-region)", detail=": empty"))
    with _open(args, write=True, create=True) as store:
        summary = ingest_paths(store, args.paths, published=args.published, outlet=args.outlet, home_region=home,
                               show_progress=not args.quiet and sys.stderr.isatty(), replace=args.replace,
                               replace_bad_bytes=args.replace_bad_bytes)
        for source, message in summary.warnings:
            print(f"eventcoder: warning: {source}: {message}", file=sys.stderr)
        for source, message in summary.errors:
            print(f"eventcoder: {source}: {message}", file=sys.stderr)
        print(f"{summary.line()} (store {store.path})", file=sys.stderr)
    return 6 if summary.failed else 0


def _cell(value) -> str:
    if value is None:
        return "-"
    return str(value)


@_coded
def run_events(args) -> int:
    from ..export.select import one_line
    from ..store.queries import EVENT_COLUMNS, iter_events

    from ..store.queries import check_limit

    f = _filter(args)
    f.limit = None if args.limit is None else check_limit(args.limit)  # E020 before any output
    with _open(args) as store:
        rows = iter_events(store, f)
        if args.format == "jsonl":
            for row in rows:
                sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif args.format == "csv":
            writer = csv.DictWriter(sys.stdout, fieldnames=EVENT_COLUMNS, lineterminator="\n")
            writer.writeheader()
            for row in rows:
                writer.writerow({k: json.dumps(v) if isinstance(v, list) else ("" if v is None else
                                 one_line(v) if isinstance(v, str) else v) for k, v in row.items()})
        else:
            table = []
            for row in rows:
                date = row["date_begin"] if row["date_begin"] == row["date_end"] else \
                    f"{row['date_begin']}..{row['date_end']}" if row["date_begin"] else None
                if row["date_basis"] == "published":
                    date = f"<={row['date_end']}"
                table.append({**row, "date": date})
            widths = {c: min(30, max([len(c)] + [len(_cell(r[c])) for r in table])) for c in TABLE_COLUMNS}
            cut = lambda s, w: s if len(s) <= w else s[: w - 1] + "…"  # noqa: E731
            print("  ".join(c.ljust(widths[c]) for c in TABLE_COLUMNS).rstrip())
            for r in table:
                print("  ".join(cut(_cell(r[c]), widths[c]).ljust(widths[c]) for c in TABLE_COLUMNS).rstrip())
            print(f"{len(table)} events", file=sys.stderr)
    return 0


@_coded
def run_export(args) -> int:
    from ..export.acled import write_acled
    from ..export.geojson import feature_collection
    from ..export.jsonl import write_jsonl
    from ..export.parquet import write_parquet
    from ..export.plover import write_plover
    from ..store.queries import query_events

    if args.format == "parquet" and (not args.out or args.out == "-"):
        raise UsageError(Errors.E015.format(format="parquet"))
    refuse_store_as_output(args.out, args.db)
    existed = _exists(args.out)
    if args.fused:
        return _export_fused(args)
    with _open(args) as store:
        rows = query_events(store, _filter(args))
        keys = {(r["doc_sha"], r["id"]) for r in rows}
        if args.format == "parquet":
            try:
                n = write_parquet(rows, args.out)
            except OSError as exc:
                raise OutputError(Errors.E019.format(where=args.out, detail=exc.strerror or str(exc))) from None
            _wrote(n, "events", args.out, existed)
            return 0
        results = list(store.iter_documents())
        out = _output(args.out)
        try:
            if args.format == "jsonl":
                if _has_filter(args):
                    shas = {k[0] for k in keys}
                    results = [r for r in results if r.document.sha256 in shas]
                n = write_jsonl(results, out, include_text=args.include_text)
                what = "documents"
            elif args.format == "plover":
                n, what = write_plover(results, out, keys=keys), "events"
            elif args.format == "acled":
                skipped: dict[str, int] = {}
                n, what = write_acled(results, out, keys=keys, skipped=skipped), "events"
                if skipped.get("date"):
                    k = skipped["date"]
                    print(f"eventcoder: warning: left out {k} event{'s' if k > 1 else ''} with no date (no time "
                          "expression and no publication date: ACLED's event_date is required)", file=sys.stderr)
            else:
                picked = [dataclasses.replace(r, events=[v for v in r.events if (r.document.sha256, v.id) in keys])
                          for r in results]
                collection = feature_collection(picked)
                json.dump(collection, out, ensure_ascii=False)
                out.write("\n")
                n, what = len(collection["features"]), "features"
        finally:
            if out is not sys.stdout:
                out.close()
        if out is not sys.stdout:
            _wrote(n, what, args.out, existed)
    return 0


@_coded
def _export_fused(args) -> int:
    from ..export.geojson import fused_feature_collection
    from ..store.queries import fused_events

    if args.format != "geojson":
        raise UsageError(Errors.E016.format(format=args.format))
    with _open(args) as store:
        collection = fused_feature_collection(fused_events(store))
    text = json.dumps(collection, ensure_ascii=False) + "\n"
    if args.out and args.out != "-":
        existed = _exists(args.out)
        with _output(args.out) as out:
            out.write(text)
        _wrote(len(collection["features"]), "fused events", args.out, existed)
    else:
        sys.stdout.write(text)
    return 0


@_coded
def run_fuse(args) -> int:
    from ..store.fusion import fuse_store
    from ..store.queries import fused_events

    with _open(args, write=True) as store:
        stats = fuse_store(store)
        print(f"fused {stats['reports']} reports into {stats['fused']} events "
              f"({stats['multi']} reported by more than one document)", file=sys.stderr)
        if args.show:
            items = fused_events(store)
            if args.format == "jsonl":
                for item in items:
                    sys.stdout.write(json.dumps(item, ensure_ascii=False) + "\n")
            else:
                for item in items:
                    flags = ", ".join(d["kind"] for d in item["disagreements"]) or "-"
                    dates = "-" if not item["date_begin"] else item["date_begin"] \
                        if item["date_begin"] == item["date_end"] else f"{item['date_begin']}..{_cell(item['date_end'])}"
                    print(f"{item['id']}  {item['type']}  {dates}  "
                          f"{item['location'] or '-'}  reports={item['n_reports']}  "
                          f"corroboration={item['corroboration']}  fatalities={_cell(item['fatalities'])}  "
                          f"disagreements={flags}")
    return 0
