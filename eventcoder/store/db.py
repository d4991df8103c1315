"""The SQLite store: one file, WAL mode, named migrations, documents keyed by text SHA-256.

Layout (see ``docs/store.md``):

- ``documents``: one row per input text, primary key the hex SHA-256 of the UTF-8 text
  (:attr:`eventcoder.model.DocumentMeta.sha256`), with the full eventcoder/1 record as JSON in
  ``record`` (read back exactly by :meth:`Store.get_document`).
- ``entities``, ``places``, ``times``, ``events``: normalized copies for querying; ``events``
  has flattened columns (type, country, admin1, lat/lon, date interval, actor names, source,
  factuality, background) filled by :func:`eventcoder.store.ingest.event_rows`.
- ``errors``: per-document ingest failures (the batch goes on).
- ``fused_events`` + ``fused_members``: cross-document fusion (:mod:`eventcoder.store.fusion`).
- ``outlet_admin1``: per document, its outlet and admin1 counts of populated places: the
  outlet's learned home region (:meth:`Store.outlet_home_region`, :mod:`eventcoder.outlets`).
- ``migrations``: the named schema migrations applied to this file, in order.

Concurrency: WAL lets readers run beside one writer; writers wait up to ``busy_timeout`` ms
and :meth:`Store.transaction` retries ``BEGIN IMMEDIATE`` on ``database is locked``, so two
ingests into one file both finish. One document is one transaction, so a ``kill -9`` loses at
most the document being written.
"""
from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import time
import urllib.parse
from pathlib import Path
from typing import Any, Iterator

from ..errors import Errors, EventcoderError, InputError, OutputError
from ..model import DocumentResult

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 30_000

# Named migrations, applied in order and recorded in the ``migrations`` table. Never edit or
# reorder an applied migration: append a new one.
MIGRATIONS: list[tuple[str, str]] = [
    ("0001_documents", """
        CREATE TABLE documents (
            sha256      TEXT PRIMARY KEY,
            id          TEXT NOT NULL,
            published   TEXT,
            outlet      TEXT,
            url         TEXT,
            title       TEXT,
            language    TEXT,
            source_path TEXT,
            n_events    INTEGER NOT NULL DEFAULT 0,
            n_warnings  INTEGER NOT NULL DEFAULT 0,
            record      TEXT NOT NULL,          -- eventcoder/1 JSON, text included
            ingested_at TEXT NOT NULL
        );
        CREATE INDEX documents_id ON documents(id);
        CREATE INDEX documents_published ON documents(published);
    """),
    ("0002_entities_places_times", """
        CREATE TABLE entities (
            doc_sha TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
            id TEXT NOT NULL, name TEXT, type TEXT, country TEXT, sector TEXT, wikidata TEXT,
            n_mentions INTEGER,
            PRIMARY KEY (doc_sha, id)
        );
        CREATE INDEX entities_name ON entities(name);
        CREATE TABLE places (
            doc_sha TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
            id TEXT NOT NULL, start INTEGER, "end" INTEGER, text TEXT,
            geonames_id INTEGER, name TEXT, feature_code TEXT, country_code TEXT, admin1 TEXT,
            lat REAL, lon REAL, precision TEXT, score REAL, reason TEXT, role TEXT,
            PRIMARY KEY (doc_sha, id)
        );
        CREATE INDEX places_geonames ON places(geonames_id);
        CREATE TABLE times (
            doc_sha TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
            id TEXT NOT NULL, start INTEGER, "end" INTEGER, text TEXT, type TEXT, value TEXT,
            date_begin TEXT, date_end TEXT, anchor TEXT, granularity TEXT, mod TEXT,
            PRIMARY KEY (doc_sha, id)
        );
    """),
    ("0003_events", """
        CREATE TABLE events (
            doc_sha TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
            id TEXT NOT NULL,
            document_id TEXT, published TEXT, outlet TEXT,
            type TEXT, mode TEXT, context TEXT,               -- PLOVER type, mode, context (JSON list)
            acled_event_type TEXT, acled_sub_event_type TEXT, cameo TEXT,
            actor_id TEXT, actor_name TEXT, actor_country TEXT, actor_sector TEXT,
            recipient_id TEXT, recipient_name TEXT, recipient_country TEXT, recipient_sector TEXT,
            place_id TEXT, place_ids TEXT, location TEXT, geonames_id INTEGER,
            feature_code TEXT, country TEXT, admin1 TEXT, lat REAL, lon REAL, precision TEXT,
            time_id TEXT, time_text TEXT, time_value TEXT, date_begin TEXT, date_end TEXT,
            date_basis TEXT,                                  -- time | published | none
            time_granularity TEXT,
            source TEXT, source_via TEXT, attribution_id TEXT,
            factuality TEXT, background INTEGER, confidence REAL,
            fatalities INTEGER, fatalities_text TEXT,
            trigger TEXT, trigger_start INTEGER, trigger_end INTEGER,
            sentence TEXT,
            PRIMARY KEY (doc_sha, id)
        );
        CREATE INDEX events_type ON events(type);
        CREATE INDEX events_dates ON events(date_begin, date_end);
        CREATE INDEX events_country ON events(country, admin1);
        CREATE INDEX events_latlon ON events(lat, lon);
    """),
    ("0004_errors", """
        CREATE TABLE errors (
            rowid INTEGER PRIMARY KEY AUTOINCREMENT,
            source TEXT, record_id TEXT, sha256 TEXT, code TEXT, message TEXT,
            at TEXT NOT NULL
        );
    """),
    ("0005_fusion", """
        CREATE TABLE fused_events (
            id TEXT PRIMARY KEY,
            type TEXT, date_begin TEXT, date_end TEXT,
            country TEXT, admin1 TEXT, location TEXT, lat REAL, lon REAL, precision TEXT,
            actor_name TEXT, recipient_name TEXT,
            n_reports INTEGER NOT NULL, n_documents INTEGER NOT NULL,
            corroboration INTEGER NOT NULL,                   -- independent outlets
            fatalities INTEGER,                               -- lowest reported (ACLED rule)
            disagreements TEXT NOT NULL,                      -- JSON list of flags
            created_at TEXT NOT NULL
        );
        CREATE TABLE fused_members (
            fused_id TEXT NOT NULL REFERENCES fused_events(id) ON DELETE CASCADE,
            doc_sha TEXT NOT NULL, event_id TEXT NOT NULL,
            outlet_group INTEGER NOT NULL,                    -- members of one group = one outlet/wire story
            score REAL,
            PRIMARY KEY (doc_sha, event_id)
        );
        CREATE INDEX fused_members_fused ON fused_members(fused_id);
    """),
    # place_basis: event | recipient | sentence | none (see flatten.event_place)
    ("0006_event_place_basis", """
        ALTER TABLE events ADD COLUMN place_basis TEXT
    """),
    # errors are keyed by source (path, or path:line for JSONL): re-processing a source
    # replaces its old error (Store.record_error / clear_errors). Drop the duplicates older
    # versions left, keeping the newest error of each source.
    ("0007_errors_one_per_source", """
        DELETE FROM errors WHERE rowid NOT IN (SELECT MAX(rowid) FROM errors GROUP BY source);
        CREATE INDEX errors_source ON errors(source)
    """),
    # outlet profiles (eventcoder.outlets): per document, how many of its populated places
    # (PPL*, not capitals) lie in each admin1; an outlet's home region sums its documents' rows
    ("0008_outlet_admin1", """
        CREATE TABLE outlet_admin1 (
            outlet   TEXT NOT NULL,                 -- outlet name or link host, lower case
            doc_sha  TEXT NOT NULL REFERENCES documents(sha256) ON DELETE CASCADE,
            admin1   TEXT NOT NULL,                 -- ISO 3166-2 code (US-LA)
            n_places INTEGER NOT NULL,
            PRIMARY KEY (outlet, doc_sha, admin1)
        );
        CREATE INDEX outlet_admin1_doc ON outlet_admin1(doc_sha)
    """),
]


def now_utc() -> str:
    """The current UTC time, ISO 8601 with seconds (``2022-10-14T09:30:00Z``)."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def default_db_path() -> Path:
    """``$EVENTCODER_DB`` or the ``db`` setting (``eventcoder.db``), see :mod:`eventcoder.settings`."""
    from ..settings import Settings

    return Path(Settings.load().db)


class Store:
    """A connection to one store file. Open with :meth:`open`; use as a context manager.

    :meth:`open` raises coded errors (E012, E018, E019) for unusable files; a store that
    is damaged past its header can still raise ``sqlite3.DatabaseError`` later (the CLI maps it
    to E018).
    """

    def __init__(self, conn: sqlite3.Connection, path: Path):
        self.conn = conn
        self.path = path

    @classmethod
    def open(cls, path: str | os.PathLike | None = None, *, migrate: bool = True,
             create: bool = True, readonly: bool = False) -> "Store":
        """Open the store at ``path`` (default: :func:`default_db_path`).

        Writable (the default): creates the file (and its folder) when ``create``, switches it to
        WAL mode and applies pending migrations. ``readonly``: opens with SQLite's ``mode=ro``
        (``immutable=1`` when neither the file nor its folder is writable), never writes, never
        migrates. Before anything is written the file is checked: InputError E012 when it is
        missing and not ``create`` (or ``readonly``), E018 when it is a directory, not a SQLite database or a SQLite database of another program (tables but no
        eventcoder ``migrations``); OutputError E019 when a writable open meets a read-only file."""
        path = Path(path) if path is not None else default_db_path()
        exists = _check_path(path, must_exist=readonly or not create)
        if readonly:
            conn = _connect_readonly(path)
        else:
            if exists and not os.access(path, os.W_OK):
                raise OutputError(Errors.E019.format(
                    where=f"store {path}", detail="the file is read-only (`eventcoder events` and `export` can read it)"))
            if exists and not os.access(path.parent, os.W_OK):
                raise OutputError(Errors.E019.format(
                    where=f"store {path}", detail="its folder is read-only (SQLite writes a -wal file beside the store)"))
            if not exists:
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                except OSError as exc:
                    raise OutputError(Errors.E019.format(where=f"store {path}", detail=exc.strerror)) from None
            try:
                conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            except sqlite3.Error as exc:
                raise OutputError(Errors.E019.format(where=f"store {path}", detail=str(exc))) from None
        conn.row_factory = sqlite3.Row
        try:
            if exists:
                _check_schema(conn, path, empty_ok=not readonly)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if not readonly:
                _retry(lambda: conn.execute("PRAGMA journal_mode = WAL"))
                conn.execute("PRAGMA synchronous = NORMAL")
                conn.execute("PRAGMA foreign_keys = ON")
        except sqlite3.OperationalError as exc:
            conn.close()
            if "readonly" in str(exc) or "read-only" in str(exc):
                raise OutputError(Errors.E019.format(where=f"store {path}", detail=str(exc))) from None
            raise InputError(Errors.E018.format(where=path, detail=str(exc))) from None
        except sqlite3.DatabaseError as exc:
            conn.close()
            raise InputError(Errors.E018.format(where=path, detail=str(exc))) from None
        except EventcoderError:
            conn.close()
            raise
        store = cls(conn, path)
        if migrate and not readonly:
            store.migrate()
        return store

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- schema -------------------------------------------------------------------------
    def migrate(self) -> list[str]:
        """Apply the migrations not yet recorded in ``migrations``; returns their names."""
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        applied: list[str] = []
        with self.transaction():
            done = {r[0] for r in self.conn.execute("SELECT name FROM migrations")}
            for name, sql in MIGRATIONS:
                if name in done:
                    continue
                for statement in _statements(sql):
                    self.conn.execute(statement)
                self.conn.execute("INSERT INTO migrations(name, applied_at) VALUES (?, ?)", (name, now_utc()))
                applied.append(name)
        if applied:
            log.info("store %s: applied migrations %s", self.path, ", ".join(applied))
        return applied

    def migrations(self) -> list[str]:
        """Names of the applied migrations, in order of application."""
        return [r[0] for r in self.conn.execute("SELECT name FROM migrations ORDER BY rowid")]

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` ... ``COMMIT`` (``ROLLBACK`` on error). Taking the write lock up
        front means a busy database fails at BEGIN, which is retried, never mid-transaction."""
        _retry(lambda: self.conn.execute("BEGIN IMMEDIATE"))
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            _retry(lambda: self.conn.execute("COMMIT"))

    # -- documents ----------------------------------------------------------------------
    def has_document(self, sha256: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE sha256 = ?", (sha256,)).fetchone() is not None

    def get_document(self, key: str) -> DocumentResult | None:
        """The stored :class:`DocumentResult` by SHA-256 or by document id (first match);
        None when absent. Equal to what was ingested: ``to_dict(include_text=True)`` round-trips."""
        row = self.conn.execute(
            "SELECT record FROM documents WHERE sha256 = ? OR id = ? ORDER BY sha256 = ? DESC LIMIT 1",
            (key, key, key),
        ).fetchone()
        return DocumentResult.from_dict(json.loads(row[0])) if row else None

    def iter_documents(self) -> Iterator[DocumentResult]:
        """Every stored document, in order of ingestion."""
        for row in self.conn.execute("SELECT record FROM documents ORDER BY rowid"):
            yield DocumentResult.from_dict(json.loads(row[0]))

    def add_document(self, result: DocumentResult, source_path: str | None = None,
                     replace: bool = False, outlet_admin1: dict[str, int] | None = None) -> bool:
        """Store ``result`` and its normalized rows in one transaction. Returns False (and
        changes nothing) when a document with the same text SHA-256 is already stored, unless
        ``replace``: then the stored document and its rows are replaced (re-extraction after
        the pipeline improved; run fusion again afterwards). ``outlet_admin1``: the document's
        admin1 counts (:func:`eventcoder.outlets.admin1_counts`), stored under its outlet
        (:func:`outlet_key`) in ``outlet_admin1`` for :meth:`outlet_home_region`."""
        from .flatten import document_rows

        rows = document_rows(result, source_path=source_path)
        with self.transaction() as conn:
            if replace:
                conn.execute("DELETE FROM documents WHERE sha256 = ?", (result.document.sha256,))
            cur = conn.execute(_insert_sql("documents", rows["documents"][0], ignore=True),
                               list(rows["documents"][0].values()))
            if cur.rowcount == 0:
                return False
            for table in ("entities", "places", "times", "events"):
                for row in rows[table]:
                    conn.execute(_insert_sql(table, row), list(row.values()))
            key = outlet_key(result)
            if replace:
                conn.execute("DELETE FROM outlet_admin1 WHERE doc_sha = ?", (result.document.sha256,))
            if key and outlet_admin1:
                conn.executemany("INSERT OR REPLACE INTO outlet_admin1(outlet, doc_sha, admin1, n_places) VALUES (?,?,?,?)",
                                 [(key, result.document.sha256, code, int(n)) for code, n in outlet_admin1.items() if n > 0])
        return True

    def outlet_admin1_counts(self, outlet: str, exclude_sha: str | None = None) -> dict[str, int]:
        """Admin1 code -> populated places over the stored documents of ``outlet`` (an
        :func:`outlet_key`), leaving out the document ``exclude_sha``."""
        rows = self.conn.execute("SELECT admin1, SUM(n_places) FROM outlet_admin1 WHERE outlet = ? AND doc_sha IS NOT ? "
                                 "GROUP BY admin1", (outlet, exclude_sha))
        return {code: n for code, n in rows}

    def outlet_home_region(self, outlet: str | None, exclude_sha: str | None = None) -> str | None:
        """The home region learned for ``outlet`` from its stored documents
        (:func:`eventcoder.outlets.home_region` thresholds), or None: no outlet, too little
        history or no dominant admin1."""
        from ..outlets import home_region

        return home_region(self.outlet_admin1_counts(outlet, exclude_sha)) if outlet else None

    def record_error(self, source: str | None, record_id: str | None, sha256: str | None,
                     code: str, message: str) -> None:
        """Record one failed document in ``errors`` (its own transaction). Errors are keyed by
        ``source`` (a path, or ``path:line`` for a JSONL line): the source's earlier errors are
        replaced, so ingesting the same input again leaves ``errors`` unchanged."""
        with self.transaction() as conn:
            conn.execute("DELETE FROM errors WHERE source IS ?", (source,))
            conn.execute(
                "INSERT INTO errors(source, record_id, sha256, code, message, at) VALUES (?,?,?,?,?,?)",
                (source, record_id, sha256, code, message, now_utc()),
            )

    def clear_errors(self, source: str | None) -> int:
        """Delete the recorded errors of ``source`` (it has now been stored or found stored);
        returns how many were deleted. Reads first, so the common case (no error) writes nothing."""
        if self.conn.execute("SELECT 1 FROM errors WHERE source IS ? LIMIT 1", (source,)).fetchone() is None:
            return 0
        with self.transaction() as conn:
            return conn.execute("DELETE FROM errors WHERE source IS ?", (source,)).rowcount

    def counts(self) -> dict[str, int]:
        """Row counts of every data table (``documents``, ``events``, ``errors``, ...)."""
        tables = ("documents", "entities", "places", "times", "events", "errors", "fused_events", "fused_members")
        return {t: self.conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


SQLITE_HEADER = b"SQLite format 3\x00"


def _check_path(path: Path, must_exist: bool) -> bool:
    """Whether the store file exists; raises E012 (missing and ``must_exist``) or E018 (a
    directory, or a non-empty file without the SQLite header). Reads 16 bytes only."""
    if not path.exists():
        if must_exist:
            raise InputError(Errors.E012.format(
                where=f"store {path} (only `eventcoder ingest` creates a store; check --db or $EVENTCODER_DB)"))
        return False
    if not path.is_file():
        raise InputError(Errors.E018.format(where=path, detail="a directory or special file, not a store file"))
    try:
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise InputError(Errors.E018.format(where=path, detail=exc.strerror)) from None
    if head and head != SQLITE_HEADER:
        raise InputError(Errors.E018.format(where=path, detail="not a SQLite database"))
    return True


def _check_schema(conn: sqlite3.Connection, path: Path, empty_ok: bool = True) -> None:
    """Raise E018 unless the database is an eventcoder store (has ``migrations`` with the first
    migration) or, when ``empty_ok``, empty. Reads only: a foreign database is refused before
    anything is written."""
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        if empty_ok:
            return
        raise InputError(Errors.E018.format(where=path, detail="an empty database: no eventcoder tables yet; "
                                                               "`eventcoder ingest` fills a store"))
    if "migrations" in tables:
        names = {r[0] for r in conn.execute("SELECT name FROM migrations")}
        if MIGRATIONS[0][0] in names:
            return
        if tables <= _OWN_TABLES and not names:  # another process is creating this store right now
            return
        raise InputError(Errors.E018.format(where=path, detail="its migrations table has no eventcoder migrations"))
    shown = ", ".join(sorted(tables)[:5]) + (", ..." if len(tables) > 5 else "")
    raise InputError(Errors.E018.format(where=path, detail=f"a SQLite database of another program, tables: {shown}; left unchanged"))


_OWN_TABLES = {"migrations", "documents", "entities", "places", "times", "events", "errors",
               "fused_events", "fused_members", "sqlite_sequence", "outlet_admin1"}


def outlet_key(result: DocumentResult) -> str | None:
    """The key of a document's outlet in ``outlet_admin1``: its outlet name, else its link's
    host (``kalb.com``), lower case; None when neither is known."""
    from ..outlets import outlet_of_url

    name = (result.document.outlet or "").strip().lower()
    return name or outlet_of_url(result.document.url)


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """A ``mode=ro`` connection; ``immutable=1`` when SQLite cannot open it read-only because
    neither the file nor its folder is writable (WAL needs a shared-memory file)."""
    uri = "file:" + urllib.parse.quote(str(path.resolve()))
    try:
        conn = sqlite3.connect(uri + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as exc:
        if os.access(path, os.W_OK) or os.access(path.parent, os.W_OK):
            raise InputError(Errors.E018.format(where=path, detail=str(exc))) from None
        log.info("store %s: read-only file and folder, opening immutable (%s)", path, exc)
    except sqlite3.DatabaseError as exc:
        raise InputError(Errors.E018.format(where=path, detail=str(exc))) from None
    try:
        return sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True, isolation_level=None)
    except sqlite3.Error as exc:
        raise InputError(Errors.E018.format(where=path, detail=str(exc))) from None


def _insert_sql(table: str, row: dict[str, Any], ignore: bool = False) -> str:
    cols = ", ".join(f'"{c}"' for c in row)
    marks = ", ".join("?" for _ in row)
    return f"INSERT {'OR IGNORE ' if ignore else ''}INTO {table} ({cols}) VALUES ({marks})"


def _statements(sql: str) -> list[str]:
    return [s.strip() for s in sql.split(";") if s.strip()]


def _retry(fn, attempts: int = 50, delay: float = 0.1):
    """Run ``fn`` retrying while SQLite reports the database locked/busy (beyond busy_timeout)."""
    for attempt in range(attempts):
        try:
            return fn()
        except sqlite3.OperationalError as exc:
            msg = str(exc).lower()
            if ("locked" not in msg and "busy" not in msg) or attempt == attempts - 1:
                raise
            log.debug("database busy (%s); retry %d", exc, attempt + 1)
            time.sleep(delay * (1 + attempt % 5))
    return None
