"""The SQLite store: migrations, exact read-back, idempotent and resumable ingest, queries,
crash safety (kill -9) and concurrent ingests (real processes)."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from eventcoder.cli.main import build_parser
from eventcoder.store.db import MIGRATIONS, Store
from eventcoder.store.ingest import ingest_paths
from eventcoder.store.queries import EventFilter, parse_bbox, query_events
from storekit import make_doc

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent

KHARKIV = ("Kharkiv", "Kharkiv", 49.99, 36.23, "populated_place", "UA", "Kharkiv")
KHERSON_REGION = ("Kherson region", "Kherson Oblast", 46.64, 32.62, "admin1", "UA", "Kherson")
ODESA = ("Odesa", "Odesa", 46.48, 30.72, "populated_place", "UA", "Odesa")
RUSSIA = ("Russian forces", "Russian Armed Forces", "RU", "MIL")
UKRAINE = ("Ukrainian troops", "Ukrainian Armed Forces", "UA", "MIL")


def doc_a():
    text = ("Russian forces shelled Kharkiv on Tuesday, killing three civilians, the governor said. "
            "Ukrainian troops advanced in the Kherson region last month.")
    return make_doc(text, "2022-10-14", "Kyiv Independent", doc_id="a", events=[
        {"trigger": "shelled", "type": "ASSAULT", "acled": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
         "actor": RUSSIA, "place": KHARKIV, "time": ("Tuesday", "2022-10-11", "2022-10-11"),
         "deaths": ("three civilians", 3), "source": ("the governor", "Oleh Synehubov")},
        {"trigger": "advanced", "type": "ASSAULT", "acled": ("Battles", "Government regains territory"),
         "actor": UKRAINE, "place": KHERSON_REGION, "time": ("last month", "2022-09-01", "2022-09-30"),
         "background": True},
    ])


def doc_b():
    text = ("Protesters gathered in Odesa on Saturday. Officials denied that Ukrainian troops "
            "struck a depot.")
    return make_doc(text, "2022-10-16", "Wire", doc_id="b", events=[
        {"trigger": "gathered", "type": "PROTEST", "acled": ("Protests", "Peaceful protest"),
         "place": ODESA, "time": ("Saturday", "2022-10-15", "2022-10-15")},
        {"trigger": "struck", "type": "ASSAULT", "actor": UKRAINE, "factuality": "denied"},
    ])


@pytest.fixture
def store(tmp_path):
    s = Store.open(tmp_path / "test.db")
    s.add_document(doc_a())
    s.add_document(doc_b())
    yield s
    s.close()


def fake_extractor(text, published=None, **kw):
    """Stands in for the NLP pipeline: one ASSAULT event on the word 'shelled' if present."""
    events = [{"trigger": "shelled", "type": "ASSAULT"}] if "shelled" in text else []
    return make_doc(text, published, kw.get("outlet"), events=events, doc_id=kw.get("id"))


def write_corpus(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"report-{i:03d}.txt").write_text(
            f"Report {i}: artillery shelled the village number {i} before dawn.\n", encoding="utf-8")
    return folder


def test_store_migrations_recorded_and_wal(tmp_path):
    with Store.open(tmp_path / "m.db") as s:
        assert s.migrations() == [name for name, _ in MIGRATIONS]
        assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert s.migrate() == []  # reopening applies nothing twice
    with Store.open(tmp_path / "m.db") as s:
        assert len(s.migrations()) == len(MIGRATIONS)


@pytest.mark.parametrize("make", [doc_a, doc_b])
def test_store_roundtrip_exact(tmp_path, make):
    original = make()
    with Store.open(tmp_path / "r.db") as s:
        assert s.add_document(original) is True
        back = s.get_document(original.document.sha256)
        assert back.to_dict(include_text=True) == original.to_dict(include_text=True)
        assert s.get_document(original.document.id).document.sha256 == original.document.sha256
        assert s.add_document(original) is False  # same text: nothing changes
        assert s.counts()["documents"] == 1


def test_store_ingest_twice_same_counts(tmp_path):
    folder = write_corpus(tmp_path / "in", 5)
    (folder / "feed.jsonl").write_text(
        json.dumps({"id": "j1", "text": "Troops shelled a bridge near the river.", "published": "2022-10-12",
                    "outlet": "Wire"}) + "\n", encoding="utf-8")
    db = tmp_path / "s.db"
    first = ingest_paths(db, [folder], extractor=fake_extractor)
    with Store.open(db) as s:
        counts = s.counts()
    second = ingest_paths(db, [folder], extractor=fake_extractor)
    with Store.open(db) as s:
        assert s.counts() == counts
        assert s.get_document("j1").document.outlet == "Wire"
    assert (first.ingested, first.skipped, first.failed) == (6, 0, 0)
    assert (second.ingested, second.skipped, second.failed) == (0, 6, 0)
    assert counts["documents"] == 6 and counts["events"] == 6


def test_store_ingest_twice_with_bad_files_same_counts(tmp_path):
    folder = write_corpus(tmp_path / "in", 3)
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\xff\xfe" * 40)
    (folder / "feed.jsonl").write_text("\n".join([
        "{not json",
        json.dumps({"id": "no-text"}),
        json.dumps({"id": "ok", "text": "Drones shelled the depot near the port.", "published": "2022-10-12"}),
        json.dumps({"id": "blank", "text": "  "}),
    ]) + "\n", encoding="utf-8")
    db = tmp_path / "bad.db"
    first = ingest_paths(db, [folder], extractor=fake_extractor)
    with Store.open(db) as s:
        counts = s.counts()
        errors = sorted((r["source"], r["code"]) for r in s.conn.execute("SELECT source, code FROM errors"))
    second = ingest_paths(db, [folder], extractor=fake_extractor)
    with Store.open(db) as s:
        assert s.counts() == counts
        assert sorted((r["source"], r["code"]) for r in s.conn.execute("SELECT source, code FROM errors")) == errors
    assert (first.ingested, first.failed) == (4, 5)
    assert (second.ingested, second.skipped, second.failed) == (0, 4, 5)
    assert (counts["documents"], counts["errors"]) == (4, 5)
    assert {src.rsplit("/", 1)[-1] for src, _ in errors} == {"empty.txt", "binary.txt", "feed.jsonl:1",
                                                            "feed.jsonl:2", "feed.jsonl:4"}


def test_store_ingest_fixed_file_clears_its_error(tmp_path):
    folder = write_corpus(tmp_path / "in", 1)
    broken = folder / "late.txt"
    broken.write_text("", encoding="utf-8")
    db = tmp_path / "fix.db"
    assert ingest_paths(db, [folder], extractor=fake_extractor).failed == 1
    broken.write_text("Artillery shelled the bridge at night.", encoding="utf-8")
    summary = ingest_paths(db, [folder], extractor=fake_extractor)
    assert (summary.ingested, summary.skipped, summary.failed) == (1, 1, 0)
    with Store.open(db) as s:
        assert (s.counts()["documents"], s.counts()["errors"]) == (2, 0)


def test_store_migration_drops_duplicate_errors(tmp_path):
    db = tmp_path / "old.db"
    conn = sqlite3.connect(db)
    conn.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
    for name, sql in MIGRATIONS:
        if name.startswith("0007"):
            break
        conn.executescript(sql)
        conn.execute("INSERT INTO migrations VALUES (?, 'then')", (name,))
    for _ in range(2):  # what an older version wrote on a second ingest
        conn.execute("INSERT INTO errors(source, code, message, at) VALUES ('a.txt', 'E001', 'empty', 'then')")
    conn.execute("INSERT INTO errors(source, code, message, at) VALUES ('b.txt', 'E002', 'binary', 'then')")
    conn.commit()
    conn.close()
    with Store.open(db) as s:
        assert sorted(tuple(r) for r in s.conn.execute("SELECT source, code FROM errors")) == [
            ("a.txt", "E001"), ("b.txt", "E002")]


def test_store_ingest_replace_reextracts(tmp_path):
    folder = write_corpus(tmp_path / "in", 3)
    db = tmp_path / "r.db"
    ingest_paths(db, [folder], extractor=fake_extractor)

    def upgraded(text, published=None, **kw):  # a better pipeline finds two events
        return make_doc(text, published, kw.get("outlet"), doc_id=kw.get("id"),
                        events=[{"trigger": "shelled", "type": "ASSAULT"}, {"trigger": "village", "type": "ASSAULT"}])

    assert ingest_paths(db, [folder], extractor=upgraded).skipped == 3       # default: nothing changes
    summary = ingest_paths(db, [folder], extractor=upgraded, replace=True)
    assert (summary.ingested, summary.skipped) == (3, 0)
    with Store.open(db) as s:
        assert (s.counts()["documents"], s.counts()["events"]) == (3, 6)
        assert s.conn.execute("SELECT COUNT(*) FROM events WHERE doc_sha NOT IN (SELECT sha256 FROM documents)").fetchone()[0] == 0


@pytest.mark.parametrize("line, code", [
    ("{not json", "E008"),
    (json.dumps({"id": "x", "text": "   "}), "E001"),
    (json.dumps({"id": "y"}), "E008"),
    (json.dumps({"id": "z", "text": "Shelling reported.", "published": "14/10/2022"}), "E005"),
])
def test_store_ingest_errors_recorded_batch_goes_on(tmp_path, line, code):
    feed = tmp_path / "feed.jsonl"
    good = json.dumps({"id": "ok", "text": "Guns shelled the port overnight.", "published": "2022-10-13"})
    feed.write_text(line + "\n" + good + "\n", encoding="utf-8")

    def strict(text, published=None, **kw):  # the real extract validates the date the same way
        from eventcoder.documents import parse_published
        return fake_extractor(text, parse_published(published), **kw)

    summary = ingest_paths(tmp_path / "e.db", [feed], extractor=strict)
    assert (summary.ingested, summary.failed) == (1, 1)
    with Store.open(tmp_path / "e.db") as s:
        rows = [dict(r) for r in s.conn.execute("SELECT source, code FROM errors")]
    assert rows == [{"source": f"{feed}:1", "code": code}]


@pytest.mark.parametrize("name, sidecar, published, expected", [
    ("guardian-2022-10-14-digest.txt", None, None, "2022-10-14"),
    ("plain.txt", {"published": "2022-10-02", "outlet": "BBC"}, None, "2022-10-02"),
    ("plain.txt", None, "2022-09-30", "2022-09-30"),
    ("dated-2022-10-14.txt", None, "2022-10-01", "2022-10-01"),
    ("plain.txt", None, None, None),
])
def test_store_ingest_publication_date_sources(tmp_path, name, sidecar, published, expected):
    path = tmp_path / name
    path.write_text("Artillery shelled the town.", encoding="utf-8")
    if sidecar:
        path.with_suffix(".json").write_text(json.dumps(sidecar), encoding="utf-8")
    ingest_paths(tmp_path / "p.db", [path], extractor=fake_extractor, published=published)
    with Store.open(tmp_path / "p.db") as s:
        (doc,) = list(s.iter_documents())
    assert doc.document.published == expected


@pytest.mark.parametrize("filt, expected", [
    # b/V2 has no time: its interval is the week up to publication (2022-10-09..16)
    (EventFilter(), [("b", "V2"), ("a", "V1"), ("b", "V1")]),
    (EventFilter(include_background=True), [("a", "V2"), ("b", "V2"), ("a", "V1"), ("b", "V1")]),
    (EventFilter(type="assault"), [("b", "V2"), ("a", "V1")]),
    (EventFilter(since="2022-10-12"), [("b", "V2"), ("b", "V1")]),
    (EventFilter(until="2022-10-11"), [("b", "V2"), ("a", "V1")]),
    (EventFilter(since="2022-09-10", until="2022-09-12", include_background=True), [("a", "V2")]),
    (EventFilter(country="UA", admin1="kharkiv"), [("a", "V1")]),
    (EventFilter(bbox=(30.0, 46.0, 31.0, 47.0)), [("b", "V1")]),
    (EventFilter(actor="russian"), [("a", "V1")]),
    (EventFilter(source="synehubov"), [("a", "V1")]),
    (EventFilter(factuality="denied"), [("b", "V2")]),
])
def test_store_events_filters(store, filt, expected):
    rows = query_events(store, filt)
    assert [(r["document_id"], r["id"]) for r in rows] == expected


def test_store_events_flattened_columns(store):
    (row,) = query_events(store, EventFilter(type="ASSAULT", country="UA"))
    assert {k: row[k] for k in ("type", "actor_name", "actor_country", "location", "admin1", "lat", "lon",
                                "date_begin", "date_end", "date_basis", "source", "fatalities", "factuality",
                                "acled_sub_event_type", "background")} == {
        "type": "ASSAULT", "actor_name": "Russian Armed Forces", "actor_country": "RU", "location": "Kharkiv",
        "admin1": "Kharkiv", "lat": 49.99, "lon": 36.23, "date_begin": "2022-10-11", "date_end": "2022-10-11",
        "date_basis": "time", "source": "Oleh Synehubov", "fatalities": 3, "factuality": "asserted",
        "acled_sub_event_type": "Shelling/artillery/missile attack", "background": False}


@pytest.mark.parametrize("text, expected", [
    ("10,20,30,40", (10.0, 20.0, 30.0, 40.0)),
    ("170,-10,-170,10", (170.0, -10.0, -170.0, 10.0)),
])
def test_store_parse_bbox(text, expected):
    assert parse_bbox(text) == expected


@pytest.mark.parametrize("text", ["1,2,3", "a,b,c,d", "0,50,10,40"])
def test_store_parse_bbox_rejects(text):
    from eventcoder.errors import InputError
    with pytest.raises(InputError, match="E014"):
        parse_bbox(text)


@pytest.mark.parametrize("command", ["ingest", "events", "export", "fuse"])
def test_store_cli_help_has_example(command, capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args([command, "--help"])
    out = capsys.readouterr().out
    assert "example" in out and f"eventcoder {command}" in out


def test_store_db_from_environment(tmp_path, monkeypatch, capsys):
    from eventcoder.cli.main import main
    path = tmp_path / "env.db"
    monkeypatch.setenv("EVENTCODER_DB", str(path))
    assert main(["events", "--format", "jsonl"]) == 3          # a read command never creates a store
    assert "E012" in capsys.readouterr().err and not path.exists()
    Store.open(path).close()
    assert main(["events", "--format", "jsonl"]) == 0
    with Store.open(path) as s:
        assert s.counts()["documents"] == 0


def test_store_cli_ingest_missing_path(tmp_path, capsys):
    from eventcoder.cli.main import main
    assert main(["ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "n.db"), "--quiet"]) == 3
    assert "E012" in capsys.readouterr().err and not (tmp_path / "n.db").exists()


def test_store_cli_events_csv_and_jsonl(store, capsys):
    from eventcoder.cli.main import main
    db = str(store.path)
    assert main(["events", "--db", db, "--format", "jsonl", "--type", "PROTEST"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [json.loads(l)["location"] for l in lines] == ["Odesa"]
    assert main(["events", "--db", db, "--format", "csv"]) == 0
    import csv, io
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["document_id"], r["id"]) for r in rows] == [("b", "V2"), ("a", "V1"), ("b", "V1")]
    assert rows[1]["actor_name"] == "Russian Armed Forces" and rows[0]["factuality"] == "denied"
    assert main(["events", "--db", db]) == 0
    assert "Kharkiv" in capsys.readouterr().out


# --- real processes: kill -9 and concurrent ingests ---------------------------------------

SCRIPT = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {tests!r})
    from storekit import make_doc
    from eventcoder.store.ingest import ingest_paths

    def slow(text, published=None, **kw):
        time.sleep({delay})
        return make_doc(text, published, kw.get("outlet"), doc_id=kw.get("id"),
                        events=[{{"trigger": "shelled", "type": "ASSAULT"}}])

    s = ingest_paths({db!r}, [{folder!r}], extractor=slow)
    print(s.ingested, s.skipped, s.failed)
""")


def _run(db, folder, delay) -> subprocess.Popen:
    script = SCRIPT.format(tests=str(TESTS), delay=delay, db=str(db), folder=str(folder))
    return subprocess.Popen([sys.executable, "-c", script], cwd=str(ROOT),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _count(db) -> int:
    try:
        with sqlite3.connect(str(db), timeout=5) as c:
            return c.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    except sqlite3.OperationalError:
        return 0


def test_store_kill9_loses_nothing_and_rerun_completes(tmp_path):
    folder = write_corpus(tmp_path / "in", 30)
    db = tmp_path / "k.db"
    proc = _run(db, folder, delay=0.15)
    deadline = time.time() + 60
    while _count(db) < 4 and time.time() < deadline and proc.poll() is None:
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    committed = _count(db)
    assert 4 <= committed < 30
    with Store.open(db) as s:  # every committed document is whole
        assert s.counts()["events"] == committed
        assert all(len(d.events) == 1 for d in s.iter_documents())
    rerun = _run(db, folder, delay=0)
    out, err = rerun.communicate(timeout=120)
    assert rerun.returncode == 0, err
    assert out.split() == [str(30 - committed), str(committed), "0"]
    assert _count(db) == 30


def test_store_two_ingests_at_once_both_finish(tmp_path):
    folder = write_corpus(tmp_path / "in", 25)
    db = tmp_path / "c.db"  # not created beforehand: both processes also race to migrate it
    procs = [_run(db, folder, delay=0.01) for _ in range(2)]
    results = [p.communicate(timeout=180) for p in procs]
    for p, (out, err) in zip(procs, results):
        assert p.returncode == 0, err
    counts = [list(map(int, out.split())) for out, _ in results]
    assert sum(c[0] for c in counts) == 25            # each document ingested exactly once
    assert all(c[0] + c[1] == 25 and c[2] == 0 for c in counts)
    with Store.open(db) as s:
        assert s.counts()["documents"] == 25 and s.counts()["errors"] == 0


@pytest.mark.slow
def test_store_ingest_real_pipeline(tmp_path, resources):
    folder = tmp_path / "real"
    folder.mkdir()
    (folder / "one.txt").write_text("Russian forces shelled Kharkiv on Tuesday, the governor said.", encoding="utf-8")
    (folder / "two.txt").write_text("Protesters marched through Tbilisi on Sunday.", encoding="utf-8")
    from eventcoder.store.ingest import default_extractor
    summary = ingest_paths(tmp_path / "real.db", [folder], extractor=default_extractor(resources),
                           published="2022-10-14")
    assert (summary.ingested, summary.failed) == (2, 0)
    with Store.open(tmp_path / "real.db") as s:
        docs = {d.text: d for d in s.iter_documents()}
        assert docs["Protesters marched through Tbilisi on Sunday."].document.published == "2022-10-14"
        for d in docs.values():
            assert s.get_document(d.document.sha256).to_dict() == d.to_dict()
        assert s.counts()["events"] == sum(len(d.events) for d in docs.values())
        assert s.counts()["places"] == sum(len(d.places) for d in docs.values())
