"""Reading input documents safely: bytes -> validated text + metadata.

Every failure is an :class:`~eventcoder.errors.InputError` with a catalog code, never a
traceback from deep inside: empty (E001), binary (E002), undecodable (E003, unless
``errors="replace"``), too large (E004), bad date (E005), missing file (E012).
"""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Errors, InputError, Warnings

log = logging.getLogger(__name__)


def sha256_text(text: str) -> str:
    """Hex SHA-256 of the UTF-8 text: the document's content key."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# Every Unicode format character (general category Cf, Unicode 14 as in Python 3.11's
# ``unicodedata``; tests check this class against it): soft hyphen U+00AD, Arabic number signs,
# zero-width space, (non-)joiners and direction marks U+200B-U+200F, bidi embeddings and
# overrides U+202A-U+202E, word joiner and bidi isolates U+2060-U+206F, byte-order mark U+FEFF,
# interlinear annotation marks, tag characters U+E0001-U+E007F...
FORMAT_CHARS = re.compile(
    "[\u00AD\u0600-\u0605\u061C\u06DD\u070F\u0890-\u0891\u08E2\u180E\u200B-\u200F\u202A-\u202E"
    "\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\U000110BD\U000110CD\U00013430-\U00013438"
    "\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0001\U000E0020-\U000E007F]")


def normalize_text(text: str) -> tuple[str, list[str]]:
    """Remove invisible format characters (Unicode category Cf) from ``text``. Returns
    ``(text, warnings)``: the text without them and W010 with their count (no warning when
    there were none).

    They are invisible but break words for the tokenizer and the gazetteer ("gov\u200dernor",
    "Kharkiv" wrapped in bidi overrides). Offsets of the results index the returned text, which
    is the text a :class:`~eventcoder.model.DocumentResult` reports. Idempotent: a second call
    changes nothing and warns nothing. InputError E023 when ``text`` is not a ``str`` (None, a
    number, bytes: the public :func:`eventcoder.extract` reaches here first).
    """
    if not isinstance(text, str):
        raise InputError(Errors.E023.format(where="text", kind="None" if text is None else f"of type {type(text).__name__}"))
    if text.isascii():
        return text, []
    cleaned, count = FORMAT_CHARS.subn("", text)
    if not count:
        return text, []
    return cleaned, [Warnings.W010.format(count=count)]


def decode_bytes(data: bytes, where: str = "input", errors: str = "strict") -> tuple[str, list[str]]:
    """Decode raw bytes as UTF-8 text. Returns ``(text, warnings)``.

    Raises InputError E001 (empty/whitespace only), E002 (NUL bytes: binary), E003 (not UTF-8
    and ``errors="strict"``). UTF-16 with a byte-order mark is decoded (W008). With ``errors="replace"`` bad bytes become U+FFFD and W002 is
    recorded. A UTF-8 byte-order mark is dropped (W007). Invisible format characters are
    removed by :func:`normalize_text` (W010).
    """
    warnings: list[str] = []
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with a BOM: text, not binary
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(Errors.E003.format(where=where, detail=f"UTF-16 byte {exc.start}: {exc.reason}")) from None
        warnings.append(Warnings.W008)
        text, more = normalize_text(text.removeprefix("\ufeff"))
        check_text(text, where)
        return text, warnings + more
    if b"\x00" in data[:65536]:
        raise InputError(Errors.E002.format(where=where))
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
        warnings.append(Warnings.W007)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if errors != "replace":
            raise InputError(Errors.E003.format(where=where, detail=f"byte {exc.start}: {exc.reason}")) from None
        text = data.decode("utf-8", errors="replace")
        warnings.append(Warnings.W002.format(count=text.count("\ufffd")))
    text, more = normalize_text(text)
    check_text(text, where)
    return text, warnings + more


def check_text(text: str, where: str = "input", max_chars: int | None = None) -> None:
    """Raise InputError for empty (E001) or over-long (E004) text."""
    if not text or not text.strip():
        raise InputError(Errors.E001.format(where=where))
    if "\x00" in text:
        raise InputError(Errors.E002.format(where=where))
    if max_chars is not None and len(text) > max_chars:
        raise InputError(Errors.E004.format(where=where, chars=len(text), limit=max_chars))


def read_file(path: str | Path, errors: str = "strict") -> tuple[str, list[str]]:
    """Read a text file (``"-"`` is not handled here). Returns ``(text, warnings)``."""
    p = Path(path)
    if not p.exists():
        raise InputError(Errors.E012.format(where=str(path)))
    if not p.is_file():
        raise InputError(Errors.E017.format(where=str(path)))
    return decode_bytes(p.read_bytes(), where=str(path), errors=errors)


EARLIEST_PUBLISHED = dt.date(1900, 1, 1)


def check_published(published: str | None, today: dt.date | None = None) -> str | None:
    """W012 text for an implausible document creation time, else None: after ``today`` + 1 day
    (UTC calendar day; the extra day covers time zones ahead of UTC) or before 1900-01-01.
    ``published`` is an ISO date as returned by :func:`parse_published`. The date is still
    used as given; the warning lets the user catch a typo ("2099", "0001") or a file name
    mistaken for a date."""
    if not published:
        return None
    day = dt.date.fromisoformat(published)
    today = today or dt.datetime.now(dt.timezone.utc).date()
    if day > today + dt.timedelta(days=1):
        return Warnings.W012.format(value=published, detail=f"after today ({today.isoformat()} UTC)")
    if day < EARLIEST_PUBLISHED:
        return Warnings.W012.format(value=published, detail="before 1900")
    return None


def parse_published(value: str | dt.date | None) -> str | None:
    """Normalize a publication date to ``YYYY-MM-DD`` (UTC calendar day).

    Accepts a date, a datetime, or an ISO string (a time part is dropped). Raises
    InputError E005 when the string is not an ISO date.
    """
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    try:
        return dt.date.fromisoformat(text[:10]).isoformat()
    except ValueError:
        raise InputError(Errors.E005.format(value=value)) from None


def json_error_detail(exc: json.JSONDecodeError) -> str:
    """``"Unterminated string starting at column 26"``: the decoder's message (some end in
    "at") with the column, never "at at" nor a cut-off "... at"."""
    msg = exc.msg.rstrip()
    return f"{msg} column {exc.colno}" if msg.endswith(" at") else f"{msg} at column {exc.colno}"


_DATE_IN_NAME = re.compile(r"(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)")


@dataclass
class FileMeta:
    """Metadata of a ``.txt`` document found around it: ``published`` (as given, not yet
    validated) and ``published_from`` (``"option"``, ``"sidecar"``, ``"file name"`` or None),
    ``id``/``outlet``/``url``/``title`` (None when not known) and warnings (W009)."""

    published: str | None = None
    published_from: str | None = None
    id: str | None = None
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    warnings: list[str] = field(default_factory=list)
    home_region: str | None = None  # sidecar "home_region" (as given; checked by extract: E024)


def sidecar(path: Path) -> tuple[dict, str | None]:
    """The sidecar ``<name>.json`` of ``path`` as a dict, and a W009 warning when it exists but
    is unreadable, not JSON or not an object (then ``{}``)."""
    side = Path(path).with_suffix(".json")
    if not side.is_file():
        return {}, None
    try:
        data = json.loads(side.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        detail = f"not valid JSON ({json_error_detail(exc)}, line {exc.lineno})"
    except (OSError, UnicodeDecodeError) as exc:
        detail = str(exc)
    else:
        if isinstance(data, dict):
            return data, None
        detail = "expected a JSON object"
    warning = Warnings.W009.format(path=side, detail=detail)
    log.debug("%s", warning)  # returned to the caller, who shows it once (not logged as well)
    return {}, warning


def file_metadata(path: str | Path, published: str | None = None, outlet: str | None = None) -> FileMeta:
    """Metadata of the text file ``path``, the one rule of ``eventcoder extract`` and
    ``eventcoder ingest``: the publication date from ``published`` (the --published option),
    else the sidecar ``<name>.json`` (``{"published", "outlet", "url", "title", "id"}``), else a
    ``YYYY-MM-DD`` in the file name (``guardian-2022-10-14-digest.txt``), else none; the outlet
    from ``outlet``, else the sidecar; the outlet's home region (``"US-LA"``) from the sidecar's
    ``home_region``. An unreadable sidecar is a W009 warning."""
    path = Path(path)
    side, warning = sidecar(path)
    meta = FileMeta(id=None if side.get("id") is None else str(side["id"]), outlet=outlet or side.get("outlet"),
                    url=side.get("url"), title=side.get("title"), warnings=[warning] if warning else [])
    meta.home_region = side.get("home_region")
    found = _DATE_IN_NAME.search(path.name)
    for value, where in ((published, "option"), (side.get("published"), "sidecar"),
                         (found.group(1) if found else None, "file name")):
        if value:
            meta.published, meta.published_from = value, where
            break
    return meta
