"""The SQLite store (:mod:`.db`), ingest (:mod:`.ingest`), queries (:mod:`.queries`) and
cross-document fusion (:mod:`.fusion`). See ``docs/store.md``."""
from .db import Store

__all__ = ["Store"]
