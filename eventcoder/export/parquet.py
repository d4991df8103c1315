"""Parquet export (Apache Arrow ``pyarrow``): one row per event, the store's flattened event
columns (see :data:`eventcoder.store.queries.EVENT_COLUMNS`) with a fixed schema, so an empty
export still has typed columns. ``context`` and ``place_ids`` are lists of strings; dates are
ISO strings (inclusive days); ``lat``/``lon`` WGS84 degrees. ``fatalities`` is 0 when no death
count is reported, as in the ACLED CSV and GeoJSON exports (ACLED codebook convention; the
store's ``events`` table keeps NULL there, and ``fatalities_text`` stays null: no count was
reported)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterable

from ..store.queries import EVENT_COLUMNS

_INT = {"geonames_id", "trigger_start", "trigger_end", "fatalities"}
_FLOAT = {"lat", "lon", "confidence"}
_BOOL = {"background"}
_LIST = {"context", "place_ids"}


def schema():
    """The pyarrow schema of the export."""
    import pyarrow as pa

    fields = []
    for name in EVENT_COLUMNS:
        if name in _INT:
            t = pa.int64()
        elif name in _FLOAT:
            t = pa.float64()
        elif name in _BOOL:
            t = pa.bool_()
        elif name in _LIST:
            t = pa.list_(pa.string())
        else:
            t = pa.string()
        fields.append(pa.field(name, t))
    return pa.schema(fields)


def write_parquet(rows: Iterable[dict[str, Any]], path: str | Path) -> int:
    """Write event rows (dicts as from :func:`eventcoder.store.queries.query_events`) to a
    Parquet file at ``path``; returns the number of rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = list(rows)
    columns = {name: [row.get(name) for row in rows] for name in EVENT_COLUMNS}
    columns["fatalities"] = [value or 0 for value in columns["fatalities"]]  # none reported: 0
    table = pa.Table.from_pydict(columns, schema=schema())
    pq.write_table(table, str(path))
    return len(rows)
