"""Error catalog and the few exception classes of eventcoder.

Codes are stable (``E001``...) so users can search for them; messages are templates.
The CLI maps exception classes to exit codes (see ``eventcoder --help``); the API maps them to
HTTP status codes. Library code raises, never exits.
"""
from __future__ import annotations


class Errors:
    """Message templates, one per code. Fill with ``.format(**kwargs)``."""

    E001 = "E001 empty input: {where} contains no text"
    E002 = "E002 binary input: {where} looks binary (NUL bytes), not text"
    E003 = ("E003 not UTF-8: {where} could not be decoded as UTF-8 ({detail}); re-encode it as UTF-8, "
            "or pass --replace-bad-bytes to decode with replacement characters and a warning")
    E004 = ("E004 document too large: {where} has {chars} characters, the limit is {limit}; split it into "
            "articles (one JSONL line each) or raise the limit with EVENTCODER_MAX_CHARS")
    E005 = "E005 bad publication date {value!r}: expected YYYY-MM-DD"
    E006 = "E006 gazetteer missing at {path}: run `eventcoder gazetteer build`"
    E007 = "E007 spaCy model {model!r} is not installed: run `make install`"
    E008 = "E008 bad JSONL line {line}: {detail}"
    E009 = "E009 unknown setting {key!r}; known settings: {known}"
    E010 = "E010 bad value for setting {key!r}: {detail}"
    E011 = "E011 pipeline order: stage {stage!r} requires {missing} which no earlier stage assigns"
    E012 = "E012 file not found: {where}"
    E017 = "E017 not a regular file: {where} is a directory or special file (use `eventcoder ingest` for folders)"
    E013 = ("E013 eval data not found at {path}: set EVENTCODER_EVAL_DIR to the folder holding the gold data "
            "(e.g. ../shared/eval)")
    E014 = "E014 bad bounding box {value!r}: expected west,south,east,north in WGS84 degrees"
    E015 = "E015 --out PATH is required for the {format} export (binary output)"
    E016 = "E016 --fused is available for the geojson export only, not {format}"
    E018 = ("E018 not a usable eventcoder store: {where} ({detail}); pass another --db path, "
            "or restore the store from a copy")
    E019 = "E019 cannot write {where}: {detail}"
    E020 = "E020 bad {option} {value!r}: {detail}"
    E021 = "E021 duplicate document id {id!r} at {where}: {detail}"
    E022 = ("E022 {where} looks like JSONL (one JSON object per line), not an article: "
            "use `eventcoder extract {where} --format jsonl`")
    E023 = "E023 not text: {where} is {kind}, expected a str (decode bytes first, e.g. data.decode('utf-8'))"
    E024 = ("E024 bad home region {value!r}{where}: expected an ISO 3166-2 admin1 code of the gazetteer "
            "(US-LA, GB-ENG, UA-65) or an ISO 3166-1 alpha-2 country code (US){detail}")


# The E008 detail for a JSONL line that is JSON but not an object with a "text" string; the same
# words in `eventcoder extract --format jsonl` and `eventcoder ingest`.
JSONL_NEEDS_TEXT = 'expected a JSON object with a "text" string'


class Warnings:
    """Warning templates recorded in ``DocumentResult.warnings`` (never raised)."""

    W001 = "W001 no publication date: relative times ({count}) left unresolved"
    W002 = "W002 input was not valid UTF-8; decoded with replacement characters ({count} bytes)"
    W003 = "W003 toponym {text!r} at {start} not found in the gazetteer"
    W004 = "W004 no places found in the document"
    W005 = "W005 large document ({chars} chars) parsed in {chunks} chunks"
    W006 = "W006 trigger {text!r} at {start} could not be typed: {reason}"
    W008 = "W008 input was UTF-16 (byte-order mark); decoded to text, offsets refer to the decoded text"
    W007 = "W007 input had a byte-order mark; it was removed and offsets refer to the text without it"
    W009 = "W009 sidecar {path} ignored: {detail}"
    W010 = ("W010 removed {count} invisible format characters (Unicode Cf: bidi controls, zero-width "
            "characters, soft hyphens); offsets refer to the text without them")
    W011 = ("W011 {count} over-long sentence(s) or paragraph(s) split by force (no break within "
            "{limit}); sentence-level results there may be less accurate")
    W012 = "W012 implausible publication date {value}: {detail}; relative times are anchored on it anyway"
    W013 = "W013 time {text!r} at {start} not normalized: {detail} (outside the calendar); value left empty"
    W014 = ("W014 text does not look like English ({detail}); eventcoder/1 supports English only, "
            "so few or no events are expected")


class EventcoderError(Exception):
    """Base class of all eventcoder errors. ``code`` is the catalog code (``E001``...)."""

    exit_code = 1

    def __init__(self, message: str):
        super().__init__(message)
        self.code = message.split(" ", 1)[0]


class InputError(EventcoderError):
    """The input document is unusable (empty, binary, undecodable, too large, bad date)."""

    exit_code = 3


class UsageError(InputError):
    """A command-line option has a bad value (filter, bounding box, missing --out)."""

    exit_code = 2


class OutputError(EventcoderError):
    """An output (store file, export file) cannot be written: read-only, no such folder."""

    exit_code = 4


class ResourceMissing(EventcoderError):
    """A local resource (gazetteer, spaCy model) is not built or installed."""

    exit_code = 4


class SettingsError(EventcoderError):
    """A setting has an unknown name or a bad value."""

    exit_code = 2


class PipelineError(EventcoderError):
    """The stages are misconfigured (order, requires/assigns)."""

    exit_code = 5


# Exit code and a short label of every catalog code, for ``eventcoder --help`` (generated from
# this table; tests check that every ``Errors`` code is listed).
EXIT_CODES: dict[str, tuple[int, str]] = {
    "E001": (3, "empty"), "E002": (3, "binary"), "E003": (3, "not UTF-8"), "E004": (3, "too large"),
    "E005": (3, "bad publication date"), "E008": (3, "bad JSONL line"), "E012": (3, "file or store not found"),
    "E017": (3, "not a regular file"), "E018": (3, "not an eventcoder store"),
    "E021": (3, "duplicate document id"), "E023": (3, "not text"),
    "E009": (2, "unknown setting"), "E010": (2, "bad setting value"), "E014": (2, "bad --bbox"),
    "E015": (2, "--out required"), "E016": (2, "--fused not for this format"),
    "E020": (2, "bad option value"), "E022": (2, "JSONL input without --format jsonl"),
    "E024": (2, "bad home region"),
    "E006": (4, "gazetteer"), "E007": (4, "spaCy model"), "E013": (4, "eval data"),
    "E019": (4, "cannot write store or output"),
    "E011": (5, "pipeline order"),
}
