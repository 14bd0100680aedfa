"""python -m tests.dashboard.snapshots: rewrite the stored query results from today's code (see __init__)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from tests.dashboard import snapshots


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        tables = snapshots.load(snapshots.write_tables(Path(folder) / "tables"))
        stored = snapshots.write(tables)
    queries = len(snapshots.query_names())
    print(f"{stored}: {len(snapshots.SELECTIONS)} selections x {queries} queries, {stored.stat().st_size / 1024:.1f} KB")


if __name__ == "__main__":
    main()
