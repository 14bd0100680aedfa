"""Plain DuckDB over a tables folder (either layout): the floor a page's own query can reach.

The pages are timed without filters (every zone, year and kind), so these read the same rows:
what the Data page charts, the latest value per zone and metric (the overview's and topic pages'
rule: zone-wide first, latest period, first stated), and one zone's figures. Cold = a new
connection's first run; warm = the median of `repeats` reruns on it.
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

PERIOD_RANK = "coalesce(year * 100 + coalesce(TRY_CAST(substr(months, 4, 2) AS INTEGER), 12), -1)"
QUERIES = {
    "figures by metric and kind (Data page chart)": (
        "SELECT metric, kind, count(*) AS figures FROM facts GROUP BY metric, kind ORDER BY metric, kind"
    ),
    # The rule as one aggregate (zone-wide first, latest period, first stated): 2.4× faster than a
    # row_number() window at 1M facts, the same winners.
    "latest actual per zone and metric (overview rule)": f"""
        SELECT zone_id, metric, arg_min(
            struct_pack(value, year, months),
            struct_pack(g := NOT (scope IS NULL AND status IS NULL), p := -{PERIOD_RANK}, d := doc_id, s := "start")
        ) AS latest
        FROM facts WHERE kind = 'actual' GROUP BY zone_id, metric""",
    "one zone's figures, newest first (one-zone selection)": (
        f"SELECT fact_id, metric, kind, value, year, months FROM facts WHERE zone_id = $zone "
        f"ORDER BY {PERIOD_RANK} DESC, doc_id, \"start\""
    ),
}


def facts_source(folder: Path) -> str:
    """The facts of a tables folder as a DuckDB table expression (the folder is ours, never user input)."""
    single = folder / "facts.parquet"
    if single.exists():
        return f"read_parquet('{single}')"
    return f"read_parquet('{folder / 'facts'}/*/*/*.parquet', hive_partitioning = true)"


def run(folder: Path, repeats: int, log=print) -> list[dict]:
    """Each query cold (new connection) and warm (median of `repeats`), over `folder`'s facts."""
    import duckdb

    rows = []
    zone = duckdb.sql(f"SELECT zone_id FROM read_parquet('{folder / 'zones.parquet'}') ORDER BY zone_id LIMIT 1")
    parameters = {"zone": zone.fetchall()[0][0]}
    for name, sql in QUERIES.items():
        connection = duckdb.connect()
        connection.execute(f"CREATE VIEW facts AS SELECT * FROM {facts_source(folder)}")
        arguments = {key: value for key, value in parameters.items() if f"${key}" in sql}
        started = time.perf_counter()
        count = len(connection.execute(sql, arguments).fetchall())
        cold = time.perf_counter() - started
        warm = []
        for _ in range(repeats):
            started = time.perf_counter()
            connection.execute(sql, arguments).fetchall()
            warm.append(time.perf_counter() - started)
        connection.close()
        row = {"query": name, "cold_s": cold, "warm_s": statistics.median(warm), "rows": count}
        rows.append(row)
        log(f"    {name:<54} cold {cold:7.2f} s   warm {row['warm_s']:7.3f} s   ({count:,} rows)")
    return rows
