"""Reading input documents safely: bytes -> validated text + metadata.

Every failure is an :class:`~eventcoder.errors.InputError` with a catalog code, never a
traceback from deep inside: empty (E001), binary (E002), undecodable (E003, unless
``errors="replace"``), too large (E004), bad date (E005), missing file (E012).
"""
from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from .errors import Errors, InputError, Warnings


def sha256_text(text: str) -> str:
    """Hex SHA-256 of the UTF-8 text: the document's content key."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def decode_bytes(data: bytes, where: str = "input", errors: str = "strict") -> tuple[str, list[str]]:
    """Decode raw bytes as UTF-8 text. Returns ``(text, warnings)``.

    Raises InputError E001 (empty/whitespace only), E002 (NUL bytes: binary), E003 (not UTF-8
    and ``errors="strict"``). UTF-16 with a byte-order mark is decoded (W008). With ``errors="replace"`` bad bytes become U+FFFD and W002 is
    recorded. A UTF-8 byte-order mark is dropped (W007).
    """
    warnings: list[str] = []
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with a BOM: text, not binary
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(Errors.E003.format(where=where, detail=f"UTF-16 byte {exc.start}: {exc.reason}")) from None
        warnings.append(Warnings.W008)
        check_text(text, where)
        return text, warnings
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
    check_text(text, where)
    return text, warnings


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
