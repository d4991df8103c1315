"""Ingest: text files, folders and JSONL -> :func:`eventcoder.pipeline.extract` -> the store.

One document is one transaction. A document whose text SHA-256 is already stored is skipped
before extraction, so a rerun after a crash (``kill -9``) resumes where it stopped and
ingesting the same folder twice changes nothing. A document that fails (empty, binary, not
UTF-8, bad date, bad JSONL line, an extractor error) is recorded in the ``errors`` table and
the batch goes on. Errors are keyed by source (path, or ``path:line``): re-processing a source
replaces its old error, and a source that is stored (or found stored) has its errors cleared,
so re-ingesting the same input changes no table. A given path that does not exist is a failed
document (E012); a document whose id is already stored with another text fails with E021
(the same text again is skipped as duplicate), so ids stay unique in the store and in exports.

Inputs:

- ``*.txt``: one document; ``published`` from the ``published`` argument, else a sidecar
  ``<name>.json`` (``{"published", "outlet", "url", "title", "id"}``), else a ``YYYY-MM-DD`` in
  the file name (``guardian-2022-10-14-digest.txt``), else none (relative times unresolved).
- ``*.jsonl``: one document per line ``{"id", "text", "published", "outlet"?, "url"?, "title"?}``;
  blank lines are skipped and counted (:attr:`IngestSummary.blank`), as ``eventcoder extract``
  does. An unreadable sidecar is a W009 warning on its document.
- folders: every ``*.txt`` and ``*.jsonl`` below them, recursively, in sorted order.
"""
from __future__ import annotations

import itertools
import json
import logging
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ..documents import check_text, decode_bytes, file_metadata, json_error_detail, normalize_text, sha256_text  # noqa: F401 (json_error_detail re-exported)
from ..errors import (JSONL_NEEDS_TEXT, Errors, EventcoderError, InputError, PipelineError, ResourceMissing,
                      SettingsError, Warnings)
from ..model import DocumentResult
from .db import Store

log = logging.getLogger(__name__)

Extractor = Callable[..., DocumentResult]
"""``extractor(text, published, *, id, outlet, url, title, warnings) -> DocumentResult``
(the signature of :func:`eventcoder.pipeline.extract` without ``resources``)."""



@dataclass
class InputRecord:
    """One document to ingest, or the error that stopped it from being read."""

    source: str                      # path, or path:line for JSONL
    text: str | None = None
    id: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    home_region: str | None = None   # sidecar/JSONL "home_region"; else the outlet's stored profile
    warnings: list[str] = field(default_factory=list)
    error: EventcoderError | None = None
    blank: bool = False              # a blank JSONL line: skipped, counted


@dataclass
class IngestSummary:
    """Counts of one ingest run; ``errors`` holds ``(source, message)`` of failed documents."""

    ingested: int = 0
    skipped: int = 0
    failed: int = 0
    blank: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    # ``(source, message)`` of reading warnings (W002 replaced bytes, W009 bad sidecar, W010):
    # the document is stored with them; the CLI prints each once
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def line(self) -> str:
        blank = f", {self.blank} blank JSONL lines skipped" if self.blank else ""
        return f"ingested {self.ingested}, skipped {self.skipped} as duplicate, failed {self.failed}{blank}"


def discover(paths: Iterable[str | Path], missing: list[str] | None = None) -> list[Path]:
    """Expand folders into their ``*.txt``/``*.jsonl`` files (recursive, sorted). Files are
    kept as given whatever their suffix. A missing path raises InputError (E012), or is
    appended to ``missing`` when that list is given (the batch goes on without it)."""
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out += sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in (".txt", ".jsonl"))
        elif p.is_file():
            out.append(p)
        elif missing is not None:
            missing.append(str(raw))
        else:
            raise InputError(Errors.E012.format(where=str(raw)))
    return out


def iter_records(files: Iterable[Path], *, published: str | None = None,
                 outlet: str | None = None, replace_bad_bytes: bool = False,
                 home_region: str | None = None) -> Iterator[InputRecord]:
    """Read documents from files (see module docstring). Never raises for one bad document:
    it comes back as an :class:`InputRecord` with ``error`` set. ``replace_bad_bytes`` decodes
    invalid UTF-8 with U+FFFD and a W002 warning instead of failing with E003 (as ``eventcoder
    extract --replace-bad-bytes``). ``home_region`` (already checked, ISO 3166-2 admin1 or
    country) is given to every record without its own sidecar/JSONL ``home_region``."""
    if home_region:
        for record in iter_records(files, published=published, outlet=outlet, replace_bad_bytes=replace_bad_bytes):
            if not record.home_region:
                record.home_region = home_region
            yield record
        return
    errors = "replace" if replace_bad_bytes else "strict"
    for path in files:
        if path.suffix.lower() == ".jsonl":
            yield from _jsonl_records(path, published=published, outlet=outlet, errors=errors)
            continue
        meta = file_metadata(path, published=published, outlet=outlet)  # the same rule as `extract`
        record = InputRecord(source=str(path), id=meta.id, outlet=meta.outlet, url=meta.url,
                             title=meta.title, published=meta.published, home_region=meta.home_region)
        try:
            record.text, record.warnings = decode_bytes(path.read_bytes(), where=str(path), errors=errors)
            record.warnings += meta.warnings
        except InputError as exc:
            record.error = exc
        except OSError as exc:
            record.error = InputError(Errors.E012.format(where=f"{path} ({exc.strerror})"))
        yield record


def _jsonl_records(path: Path, *, published: str | None, outlet: str | None,
                   errors: str = "strict") -> Iterator[InputRecord]:
    try:
        stream = open(path, "rb")
    except OSError as exc:
        yield InputRecord(source=str(path), error=InputError(Errors.E012.format(where=f"{path} ({exc.strerror})")))
        return
    with stream:
        for number, raw in enumerate(stream, 1):
            if not raw.strip():  # blank lines are skipped and counted, in extract too
                yield InputRecord(source=f"{path}:{number}", blank=True)
                continue
            record = InputRecord(source=f"{path}:{number}")
            try:
                line, bad = decode_bytes(raw.rstrip(b"\r\n"), where=f"{path} line {number}", errors=errors)
                try:
                    data = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(Errors.E008.format(line=number, detail=json_error_detail(exc))) from None
                if not isinstance(data, dict) or not isinstance(data.get("text"), str):
                    raise InputError(Errors.E008.format(line=number, detail=JSONL_NEEDS_TEXT))
                record.id = None if data.get("id") is None else str(data["id"])
                check_text(data["text"], f"{path} line {number}")
                record.text, record.warnings = normalize_text(data["text"])  # same as files (W010)
                record.warnings = bad + record.warnings
                record.published = data.get("published") or published
                record.outlet = data.get("outlet") or outlet
                record.url, record.title = data.get("url"), data.get("title")
                record.home_region = data.get("home_region")
            except InputError as exc:
                record.error = exc
            yield record


def count_records(files: Iterable[Path]) -> int:
    """Number of documents in ``files`` (non-blank JSONL lines + other files), for progress."""
    total = 0
    for path in files:
        if path.suffix.lower() == ".jsonl":
            try:
                with open(path, "rb") as f:
                    total += sum(1 for line in f if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total


def default_extractor(resources=None) -> Extractor:
    """:func:`eventcoder.pipeline.extract` bound to one shared :class:`Resources` (models load
    once for the whole batch)."""
    from ..pipeline import extract
    from ..resources import default_resources

    shared = resources or default_resources()

    def _extract(text, published=None, **kw):
        return extract(text, published, resources=shared, **kw)

    return _extract


def ingest_records(store: Store, records: Iterable[InputRecord], *,
                   extractor: Extractor | None = None, progress=None, replace: bool = False) -> IngestSummary:
    """Extract and store each record; see the module docstring. ``progress`` is an optional
    tqdm-like object (``update(n)``); ``replace`` re-extracts documents already stored (counted
    as ingested). Raises only for problems no later document can escape:
    a missing resource (ResourceMissing), a misconfigured pipeline or bad settings."""
    extractor = extractor or default_extractor()
    summary = IngestSummary()
    for record in records:
        if record.blank:
            summary.blank += 1
            continue
        try:
            _ingest_one(store, record, extractor, summary, replace)
        finally:
            if progress is not None:
                progress.update(1)
    return summary


def _ingest_one(store: Store, record: InputRecord, extractor: Extractor, summary: IngestSummary,
                replace: bool = False) -> None:
    sha = sha256_text(record.text) if record.text is not None else None
    error: Exception | None = record.error
    if error is None:
        if not replace and store.has_document(sha):
            store.clear_errors(record.source)
            summary.skipped += 1
            return
        if record.id is not None and store.conn.execute(
                "SELECT 1 FROM documents WHERE id = ? AND sha256 != ? LIMIT 1", (record.id, sha)).fetchone():
            error = InputError(Errors.E021.format(
                id=record.id, where=record.source,
                detail="another text is stored under this id; give each document its own id"))
    if error is None:
        try:
            home = _home_region(store, record, sha)
            result = extractor(record.text, record.published, id=record.id, outlet=record.outlet,
                               url=record.url, title=record.title, warnings=list(record.warnings),
                               **({"home_region": home} if home else {}))
            if store.add_document(result, source_path=record.source, replace=replace,
                                  outlet_admin1=_outlet_admin1(result)):
                summary.ingested += 1
                summary.warnings.extend((record.source, w) for w in record.warnings)
            else:  # another process stored the same text meanwhile
                summary.skipped += 1
            store.clear_errors(record.source)
            return
        except (ResourceMissing, PipelineError, SettingsError):
            raise
        except EventcoderError as exc:
            error = exc
        except Exception as exc:  # noqa: BLE001 - one document's failure must not stop the batch
            log.exception("extraction failed for %s", record.source)
            error = exc
    code = getattr(error, "code", None) or type(error).__name__
    message = str(error)
    store.record_error(record.source, record.id, sha, code, message)
    summary.failed += 1
    summary.errors.append((record.source, message))


def _home_region(store: Store, record: InputRecord, sha: str | None) -> str | None:
    """The document's own home region (sidecar/JSONL ``home_region``), else its outlet's profile
    from the documents already stored (:meth:`Store.outlet_home_region`; None without enough
    history). The outlet is its name, else its link's host (:func:`eventcoder.store.db.outlet_key`)."""
    if record.home_region:
        return record.home_region
    from ..outlets import outlet_of_url

    key = (record.outlet or "").strip().lower() or outlet_of_url(record.url)
    home = store.outlet_home_region(key, exclude_sha=sha)
    if home:
        log.info("%s: home region %s from the profile of outlet %s", record.source, home, key)
    return home


def _outlet_admin1(result: DocumentResult) -> dict[str, int] | None:
    """Admin1 counts of the document's populated places, for its outlet's profile (None when
    it has none: no gazetteer lookup then)."""
    if not any((p.feature_code or "").startswith("PPL") and p.role == "location" for p in result.places):
        return None
    from ..outlets import admin1_counts
    from ..resources import default_resources

    return dict(admin1_counts(result.places, default_resources().gazetteer))


def ingest_paths(db: Store | str | Path | None, paths: Iterable[str | Path], *,
                 extractor: Extractor | None = None, resources=None,
                 published: str | None = None, outlet: str | None = None,
                 show_progress: bool = False, replace: bool = False,
                 replace_bad_bytes: bool = False, home_region: str | None = None) -> IngestSummary:
    """Ingest files/folders/JSONL into the store ``db`` (a :class:`Store`, a path, or None for
    the default ``eventcoder.db``). ``extractor`` replaces :func:`eventcoder.pipeline.extract`
    (tests inject a fake one); ``show_progress`` draws a tqdm bar on stderr; ``replace``
    re-extracts documents already stored; ``replace_bad_bytes`` reads invalid UTF-8 with U+FFFD
    and a W002 warning instead of failing the document with E003; ``home_region`` (ISO 3166-2
    admin1 or country, checked by the caller: :func:`eventcoder.outlets.check_home_region`) is
    the home region of every document without its own (sidecar/JSONL ``home_region`` wins; it
    beats the outlet's learnt profile). Returns an :class:`IngestSummary`. A given path that
    does not exist is a failed document (E012) and the batch goes on; InputError E012 when no
    given path exists (nothing is opened or created then)."""
    missing: list[str] = []
    files = discover(paths, missing=missing)
    if missing and not files:
        raise InputError(Errors.E012.format(where=missing[0]))
    own = not isinstance(db, Store)
    store = Store.open(db) if own else db
    try:
        extractor = extractor or default_extractor(resources)
        bar = None
        if show_progress:
            from tqdm import tqdm

            bar = tqdm(total=count_records(files), unit="doc", file=sys.stderr, desc="ingest")
        try:
            records = itertools.chain(
                (InputRecord(source=m, error=InputError(Errors.E012.format(where=m))) for m in missing),
                iter_records(files, published=published, outlet=outlet, replace_bad_bytes=replace_bad_bytes,
                             home_region=home_region))
            return ingest_records(store, records,
                                  extractor=extractor, progress=bar, replace=replace)
        finally:
            if bar is not None:
                bar.close()
    finally:
        if own:
            store.close()
