"""Reports' rows in arrow form, packed where they were extracted.

The extraction processes hand the build one arrow table per table for each batch of reports they
extracted, with each report's range of rows in it, instead of a dictionary per row. Handing over
and caching arrow tables is a copy of their buffers; dictionaries were pickled, unpickled and then
converted value by value in the build's own process, which competes with the extraction processes
for the cores (about 5 CPU s of a 20 MB build). Zones stay dictionaries: the build merges them
across reports, and there are few.

    rows = pack(results)           # in the extraction process: one Rows (or the failure) per report
    pieces(rows, "facts")          # in the build: a file's facts as slices of its batches' tables
    own_rows(rows)                 # before caching a file: its rows alone, not its batches' other reports'
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

import pyarrow as pa

from ..contract import schema

PACKED_TABLES = ("facts", "projects", "infrastructure", "quality")


@dataclass(frozen=True)
class Rows:
    """One report's rows: zones as dictionaries, every packed table as `ranges[name]` (offset, length)
    of `tables[name]`, which the reports packed together share. no_zone_name: the report names no zone."""

    zones: list[dict]
    tables: dict[str, pa.Table]
    ranges: dict[str, tuple[int, int]]
    no_zone_name: bool

    def table(self, name: str) -> pa.Table:
        """This report's rows of table `name`."""
        offset, length = self.ranges[name]
        return self.tables[name].slice(offset, length)


def pack(results: list[dict | str]) -> list[Rows | str]:
    """Each report's rows (loaders/pipeline/extract.py) packed into arrow tables shared by the batch; a failure
    (a one-line reason) stays as it is, and so does a report whose rows break the contract (unknown enum
    value, duplicate key), which the build skips with its file."""
    checked = [_checked(result) for result in results]
    reports = [result for result in checked if isinstance(result, dict)]
    tables: dict[str, pa.Table] = {}
    ranges: list[dict[str, tuple[int, int]]] = [{} for _ in reports]
    for name in PACKED_TABLES:
        rows: list[dict] = []
        offset = 0
        for report, report_ranges in zip(reports, ranges, strict=True):
            rows.extend(report[name])
            report_ranges[name] = (offset, len(report[name]))
            offset += len(report[name])
        tables[name] = arrow(name, rows)
    packed = iter(
        Rows(report["zones"], tables, report_ranges, any(row["check"] == "no_zone_name" for row in report["quality"]))
        for report, report_ranges in zip(reports, ranges, strict=True)
    )
    return [next(packed) if isinstance(result, dict) else result for result in checked]


def _checked(result: dict | str) -> dict | str:
    """The report's rows, or why they break the contract (schema.check_rows), as the build words a failure."""
    if isinstance(result, str):
        return result
    try:
        for name in PACKED_TABLES:
            schema.check_rows(name, result[name])
    except ValueError as error:
        return f"extraction failed: ValueError: {' '.join(str(error).split())}"
    return result


def pieces(reports: list[Rows], name: str) -> list[pa.Table]:
    """The reports' rows of table `name`, in order, as slices of their batches' tables (one slice per run of
    reports that follow each other in one batch)."""
    runs: list[list] = []  # [table, offset, length]
    for report in reports:
        table, (offset, length) = report.tables[name], report.ranges[name]
        if runs and runs[-1][0] is table and runs[-1][1] + runs[-1][2] == offset:
            runs[-1][2] += length
        else:
            runs.append([table, offset, length])
    return [table.slice(offset, length) for table, offset, length in runs if length]


def own_rows(results: list) -> list:
    """A file's results holding only its own rows: a batch shared with other files' reports is copied down to
    this file's ranges, so a cache entry never carries other files' rows (pickling a slice keeps its whole
    buffers). Results that cover their batches whole, or are failures, are returned as they are."""
    reports = [result for result in results if isinstance(result, Rows)]
    if all(_covers(reports, name) for name in PACKED_TABLES):
        return results
    tables = {name: pa.concat_tables([arrow(name, []), *pieces(reports, name)]).combine_chunks() for name in PACKED_TABLES}
    offsets = dict.fromkeys(PACKED_TABLES, 0)
    own = []
    for result in results:
        if not isinstance(result, Rows):
            own.append(result)
            continue
        ranges = {}
        for name in PACKED_TABLES:
            ranges[name] = (offsets[name], result.ranges[name][1])
            offsets[name] += result.ranges[name][1]
        own.append(Rows(result.zones, tables, ranges, result.no_zone_name))
    return own


def _covers(reports: list[Rows], name: str) -> bool:
    """Whether the reports' rows of `name` are every row of the tables they refer to."""
    used: dict[int, int] = {}
    tables = {}
    for report in reports:
        table = report.tables[name]
        tables[id(table)] = table
        used[id(table)] = used.get(id(table), 0) + report.ranges[name][1]
    return all(used[key] == table.num_rows for key, table in tables.items())


def arrow(name: str, rows: list[dict]) -> pa.Table:
    """Rows as an arrow table of the contract's columns, straight from the dictionaries (no pandas frame in
    between): a key a row lacks is null, and so is a float NaN, as pandas would have read it."""
    spec = schema.TABLES[name]
    values = _columns(spec.names, rows)
    return pa.table(
        [pa.array(column, kind, from_pandas=True) for column, (_, kind) in zip(values, spec.columns, strict=True)],
        schema=spec.arrow_schema,
    )


def _columns(names: list[str], rows: list[dict]) -> list[tuple]:
    """Each named column's values in row order, a key a row lacks as None. Rows that hold every key (the
    extraction's always do) are read a row at a time in C rather than a value at a time in Python."""
    try:
        values = list(zip(*map(operator.itemgetter(*names), rows), strict=True))
    except KeyError:
        values = list(zip(*([row.get(name) for name in names] for row in rows), strict=True))
    return values or [()] * len(names)
