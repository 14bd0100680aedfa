"""DuckDB over one tables set: the large tables are queried where they lie, never held whole. No streamlit.

    from pages._shared.store import query
    frame = query(tables, "SELECT count(*) AS n FROM facts WHERE zone_id = ?", ["z_1"])

One in-memory DuckDB database per tables set (folder + signature), holding views named after the
contract's tables over their Parquet files, in either layout: `<table>.parquet` (the `single`
layout) or the hive-partitioned `<table>/key=…/part-*.parquet` folders (`partitioned`,
loaders/contract/layouts.py). Tables made in memory (tests) are copied into the database instead. Every
query runs on its own cursor, so sessions on several threads never share one.

Row order: `position` orders facts as the facts table does (its file order: by doc_id, start,
metric, kind; a partitioned folder has no one file order, so there it is that sort with fact_id
last), which is the order "first stated" means in latest.pick_latest.

SQL text comes only from this package's constants; values always travel as parameters.
"""

from __future__ import annotations

import json
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from loaders.contract import schema
from loaders.pipeline import summaries

from .model import LAZY_COLUMNS, compact

THREADS = 2  # the app's share of a small server; DuckDB would take every core
MEMORY_LIMIT = "512MB"  # DuckDB spills to disk beyond this: the app stays within its 1 GB
QUERIED = ("facts", "quality")  # tables read through DuckDB; the small others stay pandas frames
# The documents view's columns: every contract column but the reports' text.
DOCUMENT_NAMES = tuple(column for column in schema.TABLES["documents"].names if column not in LAZY_COLUMNS["documents"])
DOCUMENT_COLUMNS = ", ".join(f'"{column}"' for column in DOCUMENT_NAMES)
MAX_DATABASES = 4
# How rows are ordered "as stated": the file order of one file, the contract's sort across many.
FILE_ORDER = summaries.FILE_ORDER
CONTRACT_ORDER = summaries.CONTRACT_ORDER


@dataclass(frozen=True)
class Database:
    """One tables set in DuckDB: the connection its cursors come from and how its facts are laid out."""

    connection: duckdb.DuckDBPyConnection
    partitioned: bool  # facts carry the folder keys `province` and `fact_year` (strings)
    order: str  # FILE_ORDER or CONTRACT_ORDER: the ORDER BY that lists facts as stated
    summaries: frozenset[str] = frozenset()  # derived tables the build wrote (loaders/pipeline/summaries.py), as views

    def query(self, sql: str, parameters: list | dict | None = None) -> pd.DataFrame:
        """The result as a pandas frame with the contract's nullable dtypes."""
        cursor = self.connection.cursor()
        try:
            result = cursor.sql(sql, params=parameters or None).to_arrow_table()
        finally:
            cursor.close()
        return result.to_pandas(types_mapper=schema.pandas_types)

    def fetchall(self, sql: str, parameters: list | dict | None = None) -> list[tuple]:
        """The result as Python rows (a few values: ids, counts)."""
        cursor = self.connection.cursor()
        try:
            return cursor.execute(sql, parameters or []).fetchall()
        finally:
            cursor.close()

    def scalar(self, sql: str, parameters: list | dict | None = None):
        found = self.fetchall(sql, parameters)
        return found[0][0] if found else None


_DATABASES: OrderedDict = OrderedDict()
_LOCK = threading.Lock()


def database(tables) -> Database:
    """The tables' database, opened once per tables version (a rebuild opens a new one)."""
    key = (str(tables.folder), tables.signature)
    with _LOCK:
        if key in _DATABASES:
            _DATABASES.move_to_end(key)
            return _DATABASES[key]
        opened = _open(tables)
        _DATABASES[key] = opened
        while len(_DATABASES) > MAX_DATABASES:
            _DATABASES.popitem(last=False)[1].connection.close()
        return opened


def clear() -> None:
    """Close every open database (the next query opens its tables anew: a cold start)."""
    with _LOCK:
        while _DATABASES:
            _DATABASES.popitem(last=False)[1].connection.close()


def query(tables, sql: str, parameters: list | dict | None = None) -> pd.DataFrame:
    return database(tables).query(sql, parameters)


def _open(tables) -> Database:
    connection = duckdb.connect(":memory:", config={"threads": THREADS, "memory_limit": MEMORY_LIMIT})
    connection.execute("SET temp_directory = ?", [str(Path(tempfile.gettempdir()) / "zone-dashboard-duckdb")])
    connection.execute("SET preserve_insertion_order = false")  # every query that needs an order says ORDER BY
    connection.execute("SET allocator_flush_threshold = '32MB'")  # give memory back after a large scan
    held = getattr(tables, "held_frames", {})
    if held:
        for name in QUERIED:
            _copy_frame(connection, name, held[name])
        _copy_frame(connection, "documents", tables.documents, DOCUMENT_NAMES)
        return Database(connection, partitioned=False, order=FILE_ORDER)
    folder = Path(tables.folder)
    documents = tables.document_file
    if documents is not None:
        connection.execute(f"CREATE VIEW documents AS SELECT {_document_columns(documents)}, file_row_number AS position "
                           f"FROM read_parquet({_literal(documents)}, file_row_number = true)")
    else:  # no file, or (never written so far) a partitioned documents folder: the frame the app holds
        _copy_frame(connection, "documents", tables.documents, DOCUMENT_NAMES)
    partitioned = False
    for name in QUERIED:
        layout = table_layout(folder, name)
        partitioned |= name == "facts" and layout == "partitioned"
        connection.execute(f"CREATE VIEW {name} AS {_source_sql(folder, name, layout)}")
    derived = summaries.present(folder)
    for name, path in derived.items():
        connection.execute(f"CREATE VIEW {_summary_view(name)} AS SELECT * FROM read_parquet({_literal(path)})")
    return Database(connection, partitioned=partitioned, order=CONTRACT_ORDER if partitioned else FILE_ORDER,
                    summaries=frozenset(derived))


def _summary_view(name: str) -> str:
    """The view of one summary: `<name>_summary` (summaries.present names only the summaries it knows)."""
    return f"{name}_summary"


def table_layout(folder: Path, name: str) -> str:
    """'single', 'partitioned' or 'missing': manifest.json's "layout" first, else what the folder holds."""
    manifest = folder / "manifest.json"
    stated = None
    if manifest.exists():
        try:
            stated = json.loads(manifest.read_text(encoding="utf-8")).get("layout")
        except (OSError, ValueError, AttributeError):
            stated = None
    single, partitioned = (folder / f"{name}.parquet").exists(), (folder / name).is_dir()
    if stated == "partitioned" and partitioned:
        return "partitioned"
    if single:
        return "single"
    return "partitioned" if partitioned and any((folder / name).rglob("*.parquet")) else "missing"


def _literal(path: Path) -> str:
    """A path as an SQL string literal (paths come from the server's configuration, never from a request)."""
    return "'" + str(path).replace("'", "''") + "'"


def _source_sql(folder: Path, name: str, layout: str) -> str:
    """The SELECT a table's view stands for: the contract's columns (+ position or the folder keys)."""
    columns = ", ".join(f'"{column}"' for column in schema.TABLES[name].names)
    if layout == "single":
        source = f"read_parquet({_literal(folder / f'{name}.parquet')}, file_row_number = true)"
        return f"SELECT {columns}, file_row_number AS position FROM {source}"
    if layout == "partitioned":
        glob = folder / name / "**" / "*.parquet"
        # the folder keys stay strings, as layouts.py writes them
        source = f"read_parquet({_literal(glob)}, hive_partitioning = true, hive_types_autocast = false)"
        return f"SELECT * FROM {source}"
    empty = pa.Table.from_pandas(schema.empty(name), schema=schema.TABLES[name].arrow_schema, preserve_index=False)
    casts = ", ".join(f'CAST(NULL AS {_duckdb_type(field.type)}) AS "{field.name}"' for field in empty.schema)
    return f"SELECT {casts}, CAST(NULL AS BIGINT) AS position WHERE false"


def _duckdb_type(arrow_type: pa.DataType) -> str:
    if pa.types.is_list(arrow_type):
        return f"{_duckdb_type(arrow_type.value_type)}[]"
    return {
        pa.string(): "VARCHAR",
        pa.int64(): "BIGINT",
        pa.float64(): "DOUBLE",
        pa.bool_(): "BOOLEAN",
    }.get(arrow_type, "VARCHAR")


def _document_columns(file: Path) -> str:
    """DOCUMENT_COLUMNS over one documents file: a column an older build did not write is NULL."""
    present = set(pq.read_schema(file).names)
    types = {field.name: _duckdb_type(field.type) for field in schema.TABLES["documents"].arrow_schema}
    return ", ".join(f'"{column}"' if column in present else f'CAST(NULL AS {types[column]}) AS "{column}"'
                     for column in DOCUMENT_NAMES)


def document_rows(tables, doc_ids) -> pd.DataFrame:
    """The reports' rows (without their text) of the given doc_ids, in the documents' order: read from the
    file for these reports only, so no page holds half a million reports to show a few titles."""
    wanted = list(dict.fromkeys(str(doc_id) for doc_id in doc_ids if not pd.isna(doc_id)))
    sql = (f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE doc_id IN (SELECT unnest(CAST($doc_ids AS VARCHAR[]))) "
           "ORDER BY position")
    return compact("documents", database(tables).query(sql, {"doc_ids": wanted}))


def _copy_frame(connection: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame,
                columns: tuple[str, ...] | None = None) -> None:
    """A table held in memory (tests), with the contract's types (of `columns`, default every contract column)
    and its row order as `position`."""
    fields = [field for field in schema.TABLES[name].arrow_schema if columns is None or field.name in columns]
    plain = frame[[field.name for field in fields]]
    plain = plain.assign(
        **{column: plain[column].astype("string") for column in plain.columns
           if isinstance(plain[column].dtype, pd.CategoricalDtype)}
    )
    arrow = pa.Table.from_pandas(plain, schema=pa.schema(fields), preserve_index=False)
    arrow = arrow.append_column("position", pa.array(range(len(plain)), pa.int64()))
    connection.register("held_frame", arrow)
    connection.execute(f"CREATE TABLE {name} AS SELECT * FROM held_frame")
    connection.unregister("held_frame")
