"""Store commands on bad stores, bad filters and bad inputs: coded errors and documented exit
codes, never a traceback, nothing stored lost. Most tests start the real `eventcoder` process."""
from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from eventcoder.cli.main import main
from eventcoder.errors import EXIT_CODES, Errors
from eventcoder.store.db import MIGRATIONS, Store
from eventcoder.store.ingest import ingest_paths
from storekit import make_doc

ROOT = Path(__file__).resolve().parent.parent

KHERSON = ("Kherson", "Kherson", 46.64, 32.61, "populated_place", "UA", "Kherson Oblast")
RUSSIA = ("Russian forces", "Russian Armed Forces", "RU", "MIL")


def cli(*args, cwd=None, user=None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "eventcoder", *map(str, args)]
    if user is not None:
        cmd = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd or ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "HOME": "/tmp"})


def fake_extractor(text, published=None, **kw):
    """Stands in for the NLP pipeline: one ASSAULT event on 'shelled' when present."""
    events = [{"trigger": "shelled", "type": "ASSAULT"}] if "shelled" in text else []
    result = make_doc(text, published, kw.get("outlet"), events=events, doc_id=kw.get("id"))
    result.warnings = list(kw.get("warnings") or [])
    return result


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def db(tmp_path) -> Path:
    """A store with one document: an ASSAULT in Kherson (admin1 "Kherson Oblast") whose
    sentence ends in blank lines, checkpointed so the whole store is in the main file."""
    path = tmp_path / "news.db"
    text = "Russian forces shelled Kherson on Tuesday, the governor said.\n\n"
    doc = make_doc(text, "2022-10-14", "Test Wire", doc_id="ok1", events=[
        {"trigger": "shelled", "type": "ASSAULT", "actor": RUSSIA, "place": KHERSON,
         "time": ("Tuesday", "2022-10-11", "2022-10-11")}])
    doc.events[0].sentence.end = len(text)
    doc.events[0].sentence.text = text[doc.events[0].sentence.start:]
    with Store.open(path) as s:
        s.add_document(doc)
        s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


# --- unusable stores ----------------------------------------------------------------------

@pytest.mark.parametrize("command", [["events"], ["export", "--format", "plover"], ["fuse"],
                                     ["ingest", "NEWS"]])
@pytest.mark.parametrize("kind, code, exit_code", [
    ("text", "E018", 3), ("directory", "E018", 3), ("truncated", "E018", 3), ("foreign", "E018", 3),
])
def test_cli_store_unusable_store_coded_error(tmp_path, db, command, kind, code, exit_code, capsys):
    target = tmp_path / "bad.db"
    if kind == "text":
        target.write_text("hello\n")
    elif kind == "directory":
        target.mkdir()
    elif kind == "truncated":
        target.write_bytes(db.read_bytes()[:20000])
    else:
        with sqlite3.connect(target) as c:
            c.execute("CREATE TABLE events (a, b)")
            c.execute("INSERT INTO events VALUES (1, 2)")
    before = digest(target) if target.is_file() else None
    (tmp_path / "a.txt").write_text("Artillery shelled the village before dawn.\n")
    args = [str(tmp_path / "a.txt") if a == "NEWS" else a for a in command] + ["--db", str(target)]
    assert main(args) == exit_code
    assert code in capsys.readouterr().err
    if before is not None:
        assert digest(target) == before            # left untouched (no migrations table added)


@pytest.mark.parametrize("content, needle", [
    (b"hello\n", "not a SQLite database"),
    (None, "database disk image is malformed"),
])
def test_cli_store_bad_store_real_process_no_traceback(tmp_path, db, content, needle):
    target = tmp_path / "x.db"
    target.write_bytes(content if content is not None else db.read_bytes()[:20000])
    proc = cli("events", "--db", target)
    assert proc.returncode == 3 and "E018" in proc.stderr and needle in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("command", [["events"], ["export", "--format", "geojson"]])
def test_cli_store_empty_file_read_commands(tmp_path, command, capsys):
    (tmp_path / "empty.db").write_bytes(b"")
    assert main([*command, "--db", str(tmp_path / "empty.db")]) == 3
    err = capsys.readouterr().err
    assert "E018" in err and "an empty database" in err
    assert (tmp_path / "empty.db").read_bytes() == b""


def test_cli_store_foreign_database_left_untouched(tmp_path):
    target = tmp_path / "other.db"
    with sqlite3.connect(target) as c:
        c.execute("CREATE TABLE events (a)")
    (tmp_path / "a.txt").write_text("Artillery shelled the village before dawn.\n")
    assert main(["ingest", str(tmp_path / "a.txt"), "--db", str(target), "--quiet"]) == 3
    with sqlite3.connect(target) as c:
        assert [r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table'")] == ["events"]


@pytest.mark.parametrize("command", [["events"], ["export", "--format", "jsonl"], ["fuse"]])
@pytest.mark.parametrize("name", ["typo.db", "nodir/x.db"])
def test_cli_store_read_commands_never_create_a_store(tmp_path, command, name, capsys):
    assert main([*command, "--db", str(tmp_path / name)]) == 3
    err = capsys.readouterr().err
    assert "E012" in err and "only `eventcoder ingest` creates a store" in err
    assert list(tmp_path.iterdir()) == []


def test_cli_store_read_commands_change_nothing(db, capsys):
    before = digest(db)
    assert main(["events", "--db", str(db), "--format", "jsonl"]) == 0
    assert main(["export", "--db", str(db), "--format", "plover"]) == 0
    assert digest(db) == before


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"),
                    reason="needs root to run the command as another user (nobody)")
def test_cli_store_read_only_store_read_commands_work(db):
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="eventcoder-ro-", dir="/tmp"))
    try:
        _read_only_checks(db, folder)
    finally:
        shutil.rmtree(folder)


def _read_only_checks(db: Path, folder: Path) -> None:
    shutil.copy(db, folder / "news.db")
    os.chmod(folder, 0o755)                       # owned by root: read-only for nobody
    os.chmod(folder / "news.db", 0o644)
    store = folder / "news.db"
    proc = cli("events", "--db", store, "--format", "jsonl", user=65534)
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(l)["document_id"] for l in proc.stdout.splitlines()] == ["ok1"]
    proc = cli("export", "--db", store, "--format", "plover", user=65534)
    assert proc.returncode == 0 and json.loads(proc.stdout)["id"] == "ok1-V1"
    (folder / "a.txt").write_text("Artillery shelled the village before dawn.\n")
    os.chmod(folder / "a.txt", 0o644)
    for args in (["fuse"], ["ingest", folder / "missing.txt", folder / "a.txt"]):
        proc = cli(*args, "--db", store, user=65534)
        assert proc.returncode == 4 and "E019" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize("out, code", [("nodir/x.csv", "E019"), (".", "E019")])
def test_cli_store_export_unwritable_out(tmp_path, db, out, code):
    proc = cli("export", "--db", db, "--format", "acled", "--out", tmp_path / out)
    assert proc.returncode == 4 and code in proc.stderr and "Traceback" not in proc.stderr


def test_cli_store_export_out_dash_is_stdout(tmp_path, db):
    proc = cli("export", "--db", db, "--format", "plover", "--out", "-", cwd=tmp_path)
    assert proc.returncode == 0 and json.loads(proc.stdout)["id"] == "ok1-V1"
    assert not (tmp_path / "-").exists()


# --- filters ------------------------------------------------------------------------------

@pytest.mark.parametrize("args, expected", [
    (["--admin1", "Kherson"], ["ok1"]),
    (["--admin1", "kherson oblast"], ["ok1"]),
    (["--admin1", "Kherson Oblast"], ["ok1"]),
    (["--admin1", "Kher"], []),
    (["--admin1", "Odesa"], []),
    (["--country", "Ukraine"], ["ok1"]),
    (["--country", "ua"], ["ok1"]),
    (["--country", "UKR"], ["ok1"]),
    (["--country", "Russia"], []),
    (["--type", "assault"], ["ok1"]),
    (["--type", "FIGHT"], ["ok1"]),                 # older PLOVER name of ASSAULT
    (["--type", "PROTEST"], []),
    (["--since", "2022-10-11", "--until", "2022-10-11"], ["ok1"]),
])
def test_cli_store_filters(db, capsys, args, expected):
    assert main(["events", "--db", str(db), "--format", "jsonl", *args]) == 0
    assert [json.loads(l)["document_id"] for l in capsys.readouterr().out.splitlines()] == expected


@pytest.mark.parametrize("args, needle", [
    (["--type", "FOO"], "E020 bad --type 'FOO': not a PLOVER event type; valid: ACCUSE, AGREE"),
    (["--country", "Narnia"], "E020 bad --country 'Narnia'"),
    (["--since", "2022-10-12", "--until", "2022-10-01"], "E020 bad --since '2022-10-12': is later than --until 2022-10-01"),
    (["--since", "14/10/2022"], "E020 bad --since '14/10/2022': expected a date YYYY-MM-DD"),
    (["--until", "2022-13-01"], "E020 bad --until '2022-13-01'"),
    (["--bbox", "30,44,40"], "E014"),
])
def test_cli_store_bad_filters_are_usage_errors(db, capsys, args, needle):
    assert main(["events", "--db", str(db), *args]) == 2
    assert needle in capsys.readouterr().err


def test_cli_store_help_admin1_example_works(db, capsys):
    from eventcoder.cli.store import EVENTS_HELP
    assert "--country UA --admin1 Kherson" in EVENTS_HELP
    assert main(["events", "--db", str(db), "--country", "UA", "--admin1", "Kherson", "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["admin1"], r["location"]) for r in rows] == [("Kherson Oblast", "Kherson")]


# --- exit codes ---------------------------------------------------------------------------

def test_cli_help_lists_every_error_code():
    codes = sorted(k for k in vars(Errors) if k.startswith("E"))
    assert sorted(EXIT_CODES) == codes
    proc = cli("--help")
    text = " ".join(proc.stdout.split())
    for code, (exit_code, label) in EXIT_CODES.items():
        assert f"({code})" in text
    for code in ("E014", "E015", "E017"):
        assert f"({code})" in text
    assert "2 bad arguments or settings:" in text and "--out required (E015)" in text.split(" 3 bad input")[0]


# --- ingest batches -----------------------------------------------------------------------

def test_cli_store_ingest_missing_file_rest_of_batch_goes_on(tmp_path, capsys):
    good = tmp_path / "good.txt"
    good.write_text("Artillery shelled the village before dawn.\n")
    summary = ingest_paths(tmp_path / "s.db", [good, tmp_path / "nope.txt"], extractor=fake_extractor)
    assert (summary.ingested, summary.failed) == (1, 1)
    with Store.open(tmp_path / "s.db") as s:
        assert [(r["source"], r["code"]) for r in s.conn.execute("SELECT * FROM errors")] == \
            [(str(tmp_path / "nope.txt"), "E012")]


@pytest.mark.slow
def test_cli_store_ingest_missing_file_exit_6(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Artillery shelled the village before dawn on Monday.\n")
    proc = cli("ingest", good, tmp_path / "nope.txt", "--db", tmp_path / "s.db", "--quiet")
    assert proc.returncode == 6 and "E012" in proc.stderr
    assert "ingested 1, skipped 0 as duplicate, failed 1" in proc.stderr


def test_cli_store_ingest_duplicate_ids(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(d) for d in [
        {"id": "ok1", "text": "Artillery shelled the village before dawn.", "published": "2022-10-14"},
        {"id": "ok1", "text": "Artillery shelled the village before dawn.", "published": "2022-10-14"},
        {"id": "ok1", "text": "Protesters gathered in the square at noon.", "published": "2022-10-14"},
    ]) + "\n")
    summary = ingest_paths(tmp_path / "s.db", [feed], extractor=fake_extractor)
    assert (summary.ingested, summary.skipped, summary.failed) == (1, 1, 1)
    assert summary.errors[0][0] == f"{feed}:3" and "E021 duplicate document id 'ok1'" in summary.errors[0][1]
    from eventcoder.export.plover import write_plover
    with Store.open(tmp_path / "s.db") as s:
        out = io.StringIO()
        write_plover(list(s.iter_documents()), out)
    assert [json.loads(l)["id"] for l in out.getvalue().splitlines()] == ["ok1-V1"]


@pytest.mark.parametrize("line, detail", [
    ('{"id": "x", "text": "abc', "E008 bad JSONL line 2: Unterminated string starting at column 21"),
    ('{"id": "x", "text": "a\tb"}', "E008 bad JSONL line 2: Invalid control character at column 23"),
    ('{"id": "x" "text": 1}', "E008 bad JSONL line 2: Expecting ',' delimiter at column 12"),
])
def test_cli_store_ingest_jsonl_messages_and_blank_lines(tmp_path, line, detail):
    feed = tmp_path / "feed.jsonl"
    feed.write_text('\n' + line + '\n\n{"text": "Artillery shelled the village before dawn."}\n')
    summary = ingest_paths(tmp_path / "s.db", [feed], extractor=fake_extractor)
    assert (summary.ingested, summary.failed, summary.blank) == (1, 1, 2)
    assert summary.errors == [(f"{feed}:2", detail)]
    assert "2 blank JSONL lines skipped" in summary.line()


def test_cli_store_ingest_bad_sidecar_is_a_document_warning(tmp_path):
    (tmp_path / "report.txt").write_text("Artillery shelled the village before dawn.\n")
    (tmp_path / "report.json").write_text('{"published": 2022-10-14}')
    ingest_paths(tmp_path / "s.db", [tmp_path / "report.txt"], extractor=fake_extractor)
    with Store.open(tmp_path / "s.db") as s:
        (doc,) = list(s.iter_documents())
    assert [w[:4] for w in doc.warnings] == ["W009"]
    assert "report.json ignored: not valid JSON" in doc.warnings[0]


# --- extract ------------------------------------------------------------------------------

@pytest.mark.parametrize("name, args, code", [
    ("feed.jsonl", ["--format", "table"], "E022"),
    ("feed.txt", [], "E022"),
])
def test_cli_extract_jsonl_without_format_is_refused(tmp_path, name, args, code):
    path = tmp_path / name
    path.write_text(json.dumps({"id": "a", "text": "Protesters gathered in Tbilisi."}) + "\n")
    proc = cli("extract", path, *args)
    assert proc.returncode == 2 and code in proc.stderr and "--format jsonl" in proc.stderr


@pytest.mark.slow
def test_cli_extract_jsonl_suffix_reads_jsonl(tmp_path):
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join(json.dumps(d) for d in [
        {"id": "a", "text": "Protesters gathered in Tbilisi on Friday.", "published": "2024-03-08"},
        {"id": "a", "text": "Police detained two men in Tbilisi.", "published": "2024-03-08"},
    ]) + "\n")
    proc = cli("extract", path)
    out = [json.loads(l) for l in proc.stdout.splitlines()]
    assert proc.returncode == 6
    assert [(o["document"]["id"], o.get("error", {}).get("code")) for o in out] == [("a", None), ("a#2", "E021")]


# --- exports trim text --------------------------------------------------------------------

def test_cli_store_exports_trim_sentence_text(db, tmp_path, capsys):
    with Store.open(db, readonly=True) as s:
        (doc,) = list(s.iter_documents())
    sentence = doc.events[0].sentence
    assert sentence.text.endswith("\n\n") and doc.text[sentence.start:sentence.end] == sentence.text
    assert main(["export", "--db", str(db), "--format", "plover"]) == 0
    assert json.loads(capsys.readouterr().out)["event_text"] == \
        ["Russian forces shelled Kherson on Tuesday, the governor said."]
    assert main(["events", "--db", str(db), "--format", "csv"]) == 0
    out = capsys.readouterr().out
    assert len(out.splitlines()) == 2
    assert list(csv.DictReader(io.StringIO(out)))[0]["sentence"] == \
        "Russian forces shelled Kherson on Tuesday, the governor said."


# --- bench --------------------------------------------------------------------------------

def test_cli_bench_pipeline_missing_input_clear_message(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "bench" / "pipeline.py"), str(tmp_path / "none.txt")],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"input not found: {tmp_path / 'none.txt'}" in proc.stderr


def test_cli_store_open_while_another_process_creates_it(tmp_path):
    """The state a second ingest can see while the first creates the store (an empty
    ``migrations`` table, committed before the migrations) is not a foreign database."""
    path = tmp_path / "s.db"
    with sqlite3.connect(path) as c:
        c.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    with Store.open(path) as s:
        assert s.counts()["documents"] == 0 and s.migrations() == [name for name, _ in MIGRATIONS]


@pytest.mark.parametrize("suffix", ["", "-wal", "-shm"])
@pytest.mark.parametrize("fmt", ["acled", "geojson", "parquet"])
def test_cli_store_export_refuses_to_overwrite_the_store(tmp_path, db, suffix, fmt):
    target = Path(str(db) + suffix)
    existed = target.exists()
    before = digest(db)
    # also through a different spelling of the same path
    out = tmp_path / ".." / tmp_path.name / (db.name + suffix)
    proc = cli("export", "--db", db, "--format", fmt, "--out", out)
    assert proc.returncode == 4 and "E019" in proc.stderr and "store file" in proc.stderr, proc.stderr
    assert digest(db) == before
    assert target.exists() == existed


def test_cli_store_export_refuses_default_store_as_out(tmp_path, db):
    env_db = tmp_path / "news.db"
    before = digest(env_db)
    proc = subprocess.run([sys.executable, "-m", "eventcoder", "export", "--format", "plover", "--out", str(env_db)],
                          capture_output=True, text=True, cwd=tmp_path,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "HOME": "/tmp", "EVENTCODER_DB": str(env_db)})
    assert proc.returncode == 4 and "E019" in proc.stderr
    assert digest(env_db) == before


def test_cli_store_fuse_show_prints_corroboration(db, capsys):
    assert main(["fuse", "--db", str(db), "--show"]) == 0
    line = capsys.readouterr().out.strip()
    assert "corroboration=1" in line and "outlets=" not in line and "reports=1" in line


# --- session 3 fresh-user defects (texts written for these tests) ---------------------------

LATIN1 = "Troops shelled the caf\xe9 district of Mosul on Tuesday, officials said.\n".encode("latin-1")


def test_cli_store_ingest_replace_bad_bytes_stores_with_w002(tmp_path, capsys):
    src = tmp_path / "cafe-2023-05-10.txt"
    src.write_bytes(LATIN1)
    db = tmp_path / "s.db"
    summary = ingest_paths(db, [src], extractor=fake_extractor)
    assert summary.failed == 1 and summary.errors[0][1].startswith("E003")
    summary = ingest_paths(db, [src], extractor=fake_extractor, replace_bad_bytes=True)
    assert (summary.ingested, summary.failed) == (1, 0)
    assert [w[:4] for _, w in summary.warnings] == ["W002"]
    with Store.open(db) as s:
        (doc,) = list(s.iter_documents())
        assert s.conn.execute("SELECT COUNT(*) FROM errors").fetchone()[0] == 0  # the E003 is cleared
    assert "caf\ufffd district of Mosul" in doc.text and [w[:4] for w in doc.warnings] == ["W002"]


def test_cli_store_ingest_replace_bad_bytes_jsonl_line(tmp_path):
    feed = tmp_path / "feed.jsonl"
    feed.write_bytes(b'{"id": "m1", "published": "2023-05-10", "text": "' + LATIN1.strip() + b'"}\n')
    summary = ingest_paths(tmp_path / "s.db", [feed], extractor=fake_extractor, replace_bad_bytes=True)
    assert (summary.ingested, summary.failed) == (1, 0)
    assert [w[:4] for _, w in summary.warnings] == ["W002"]


def test_cli_store_ingest_option_advised_by_e003_exists():
    from eventcoder.cli.main import build_parser
    assert "--replace-bad-bytes" in Errors.E003
    args = build_parser().parse_args(["ingest", "x.txt", "--replace-bad-bytes"])
    assert args.replace_bad_bytes is True


@pytest.mark.parametrize("argv, usage", [
    (["ingest", "x.txt", "--no-such-option"], "usage: eventcoder ingest"),
    (["events", "--db", "x.db", "--bogus", "1"], "usage: eventcoder events"),
    (["export", "--format", "acled", "--frobnicate"], "usage: eventcoder export"),
    (["fuse", "extra-word"], "usage: eventcoder fuse"),
])
def test_cli_unrecognized_arguments_show_the_commands_usage(argv, usage, capsys):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    err = capsys.readouterr().err
    assert exc.value.code == 2
    assert err.startswith(usage) and "unrecognized arguments" in err


@pytest.mark.parametrize("limit, code, n", [("-5", 2, None), ("0", 2, None), ("1", 0, 1), ("3", 0, 1)])
def test_cli_store_events_limit_must_be_positive(db, capsys, limit, code, n):
    assert main(["events", "--db", str(db), "--limit", limit, "--format", "jsonl"]) == code
    out, err = capsys.readouterr()
    if code:
        assert "E020 bad --limit" in err and out == ""
    else:
        assert len(out.splitlines()) == n


def test_cli_store_query_limit_checked_in_library(db):
    from eventcoder.errors import UsageError
    from eventcoder.store.queries import EventFilter, query_events
    with Store.open(db, readonly=True) as s:
        with pytest.raises(UsageError, match="E020"):
            query_events(s, EventFilter(limit=-1))
        assert len(query_events(s, EventFilter(limit=1))) == 1


def test_cli_store_fuse_show_undated_prints_dash(tmp_path, capsys):
    doc = make_doc("Rebels shelled an army post near Goma, a spokesman said.", None, "Test Wire", doc_id="nd",
                   events=[{"trigger": "shelled", "type": "ASSAULT"}])
    dated = make_doc("Rebels shelled an army post near Goma on Monday.", "2023-05-02", "Other", doc_id="d",
                     events=[{"trigger": "shelled", "type": "ASSAULT", "time": ("on Monday", "2023-05-01", "2023-05-01")}])
    db = tmp_path / "u.db"
    with Store.open(db) as s:
        s.add_document(doc)
        s.add_document(dated)
    assert main(["fuse", "--db", str(db), "--show"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "None" not in "\n".join(lines)
    assert sorted(line.split("  ")[2] for line in lines) == ["-", "2023-05-01"]


def test_cli_store_ingest_bad_sidecar_warned_once(tmp_path, capsys, caplog):
    (tmp_path / "report-2023-05-02.txt").write_text("Artillery shelled the village before dawn.\n")
    (tmp_path / "report-2023-05-02.json").write_text("{not json")
    summary = ingest_paths(tmp_path / "s.db", [tmp_path / "report-2023-05-02.txt"], extractor=fake_extractor)
    assert [w[:4] for _, w in summary.warnings] == ["W009"]
    assert not [r for r in caplog.records if "W009" in r.getMessage() and r.levelname == "WARNING"]


@pytest.mark.slow
def test_cli_extract_bad_sidecar_warned_once(tmp_path, capsys, caplog, resources):
    (tmp_path / "goma-2023-05-02.txt").write_text("Rebels attacked an army post in Goma on Monday.\n")
    (tmp_path / "goma-2023-05-02.json").write_text("{not json")
    assert main(["extract", str(tmp_path / "goma-2023-05-02.txt")]) == 0
    err = capsys.readouterr().err
    logged = [r for r in caplog.records if "W009" in r.getMessage() and r.levelno >= 30]
    assert err.count("W009") + len(logged) == 1 and "eventcoder: warning: W009" in err


# --- ingest --home-region -------------------------------------------------------------------

def _stored_home(db_path: Path) -> dict[str, object]:
    """document id -> (home_region, country/admin1 of its "Paris") from the stored records."""
    out = {}
    with sqlite3.connect(db_path) as conn:
        for doc_id, record in conn.execute("SELECT id, record FROM documents"):
            data = json.loads(record)
            paris = [(p.get("country_code"), p.get("admin1")) for p in data.get("places", []) if p.get("text") == "Paris"]
            out[doc_id] = (data["document"].get("home_region"), paris[0] if paris else None)
    return out


@pytest.mark.slow
def test_cli_store_ingest_home_region_option(tmp_path, capsys):
    """--home-region applies to documents without their own; a sidecar home_region wins; a
    bare "Paris" in the local story goes to the home admin1 (Texas)."""
    folder = tmp_path / "local"
    folder.mkdir()
    (folder / "barn.txt").write_text("A barn burned near Paris on Monday, the county fire marshal said.\n")
    (folder / "own.txt").write_text("Firefighters put out a grass fire near Paris on Sunday, the sheriff said.\n")
    (folder / "own.json").write_text(json.dumps({"id": "own", "home_region": "US-TN"}))
    db_path = tmp_path / "local.db"
    assert main(["ingest", str(folder), "--db", str(db_path), "--quiet", "--home-region", "us-tx",
                 "--published", "2024-05-06"]) == 0
    stored = _stored_home(db_path)
    barn = next(v for k, v in stored.items() if k != "own")
    assert barn == ("US-TX", ("US", "Texas"))
    assert stored["own"] == ("US-TN", ("US", "Tennessee"))


@pytest.mark.parametrize("value", ["ZZ-99", "garbage", "US-XX"])
def test_cli_store_ingest_bad_home_region_is_e024_nothing_ingested(tmp_path, value, capsys):
    (tmp_path / "a.txt").write_text("Russian forces shelled Kherson on Tuesday.\n")
    db_path = tmp_path / "s.db"
    assert main(["ingest", str(tmp_path / "a.txt"), "--db", str(db_path), "--quiet", "--home-region", value]) == 2
    assert "E024" in capsys.readouterr().err
    assert not db_path.exists()


def test_cli_store_ingest_home_region_beats_outlet_profile(tmp_path, monkeypatch):
    """ingest_paths(home_region=...): the option beats the outlet's learnt profile, a JSONL
    record's own home_region beats the option."""
    seen = {}

    def spy(text, published=None, **kw):
        seen[kw.get("id")] = kw.get("home_region")
        return fake_extractor(text, published, **kw)

    monkeypatch.setattr(Store, "outlet_home_region", lambda self, outlet, exclude_sha=None: "US-CA")
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"id": "a", "text": "Fire near Paris.", "outlet": "Post"}) + "\n"
                    + json.dumps({"id": "b", "text": "Flood near Paris.", "outlet": "Post", "home_region": "US-TN"}) + "\n")
    ingest_paths(tmp_path / "s.db", [feed], extractor=spy, home_region="US-TX")
    assert seen == {"a": "US-TX", "b": "US-TN"}
    seen.clear()
    ingest_paths(tmp_path / "t.db", [feed], extractor=spy)
    assert seen == {"a": "US-CA", "b": "US-TN"}
