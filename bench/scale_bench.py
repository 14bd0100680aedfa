"""N facts of a country's zones in both table layouts, and plain DuckDB queries of a page's filters over each.

Here: what the layout alone gives, facts only. How the pages fare at this size is the pages part's
(bench/pages_bench.py on bench/scale_tables.py's complete partitioned tables).
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from urllib.parse import quote

from . import synthetic_tables

LATEST_YEAR = synthetic_tables.FIRST_YEAR + synthetic_tables.YEARS - 1
SOURCES = {
    "single file": "read_parquet('{root}/single/facts.parquet')",
    "partitioned": "read_parquet('{root}/partitioned/facts/*/*/*.parquet', hive_partitioning = true)",
    # the folder named from the keys: no listing of the other folders
    "one folder": "read_parquet('{root}/partitioned/facts/province={province}/fact_year={year}/*.parquet')",
}
ONE_ZONE = "SELECT fact_id, value, months FROM {source} WHERE zone_id = $zone AND metric = $metric AND year = $year{keys}"
ONE_ZONE_KEYS = " AND province = $province AND fact_year = $year"  # what a query layer knows from the zones table
LATEST_PER_ZONE = (
    "SELECT zone_id, metric, arg_max(value, year * 100 + coalesce(TRY_CAST(substr(months, 4, 2) AS INTEGER), 12)) "
    "AS latest FROM {source} WHERE kind = 'actual' GROUP BY zone_id, metric"
)


def run(facts: int, folder: Path, repeats: int) -> dict:
    """Write the tables, then time each query on each layout (medians of `repeats` after one warm-up)."""
    import duckdb

    started = time.perf_counter()
    counts = synthetic_tables.write_scale_facts(folder, facts)
    made_s = time.perf_counter() - started
    print(f"    {counts['facts']:,} facts of {counts['zones']:,} zones in {len(synthetic_tables.COUNTRY_PROVINCES)} "
          f"provinces written in both layouts in {made_s:.0f} s; {_files(folder)}")
    zones = duckdb.sql(f"SELECT zone_id, province FROM read_parquet('{folder}/single/zones.parquet')").fetchall()
    zone, province = zones[len(zones) // 2]
    metric = synthetic_tables.series()["metric"].iloc[0]
    parameters = {"zone": zone, "metric": metric, "year": LATEST_YEAR}
    queries = {
        ("one zone, one metric, latest year", "single file"): _sql(ONE_ZONE, "single file", ""),
        ("one zone, one metric, latest year", "partitioned"): _sql(ONE_ZONE, "partitioned", ""),
        ("one zone, one metric, latest year", "partitioned + keys"): _sql(ONE_ZONE, "partitioned", ONE_ZONE_KEYS),
        ("one zone, one metric, latest year", "one folder"): _sql(ONE_ZONE, "one folder", ""),
        ("latest value per zone and metric", "single file"): _sql(LATEST_PER_ZONE, "single file", ""),
        ("latest value per zone and metric", "partitioned"): _sql(LATEST_PER_ZONE, "partitioned", ""),
    }
    connection = duckdb.connect()
    results = []
    for (query, layout), sql in queries.items():
        sql = sql.format(root=folder, province=quote(province, safe=""), year=LATEST_YEAR)
        arguments = {**parameters, "province": province} if "$province" in sql else parameters
        arguments = {name: value for name, value in arguments.items() if f"${name}" in sql}
        rows, seconds = _time(connection, sql, arguments, repeats)
        results.append({"query": query, "layout": layout, "median_s": seconds, "rows": rows})
        print(f"    {query:<36} {layout:<20} median {seconds * 1000:8.1f} ms  ({rows:,} rows)")
    return {"facts": counts["facts"], "zones": counts["zones"], "make_s": made_s, "repeats": repeats,
            "duckdb_threads": connection.execute("SELECT current_setting('threads')").fetchall()[0][0], "queries": results}


def _sql(template: str, layout: str, keys: str) -> str:
    return template.format(source=SOURCES[layout], keys=keys, root="{root}", province="{province}", year="{year}")


def _time(connection, sql: str, arguments: dict, repeats: int) -> tuple[int, float]:
    rows = len(connection.execute(sql, arguments).fetchall())  # warm-up: the OS file cache, as a server has it
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        connection.execute(sql, arguments).fetchall()
        times.append(time.perf_counter() - started)
    return rows, statistics.median(times)


def _files(folder: Path) -> str:
    single = (folder / "single" / "facts.parquet").stat().st_size
    parts = list((folder / "partitioned" / "facts").rglob("*.parquet"))
    total = sum(path.stat().st_size for path in parts)
    return f"single file {single / 2**20:.0f} MB; partitioned {len(parts)} files, {total / 2**20:.0f} MB"
