"""Output formats built from DocumentResults: table, GeoJSON (and, with the store, JSONL,
PLOVER, ACLED CSV, Parquet)."""
