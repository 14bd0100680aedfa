"""How the tables lie on disk: one Parquet file per table, or folders partitioned for reading in place.

`single` (the default) writes `<table>.parquet`. `partitioned` writes facts, projects,
infrastructure and quality as hive-partitioned folders keyed by the zone's province (and, for
facts, the fact's year), the filters the pages apply, with rows sorted by (zone_id, metric, year)
inside each file so a reader such as DuckDB skips most row groups by their statistics. The keys
are extra folder-only columns (`province`, `fact_year`, strings; `unknown` when missing): the
files hold exactly the contract's columns, so `year` keeps its type. `read_table` reads either
layout into the contract frame.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from . import schema

LAYOUTS = ("single", "partitioned")
UNKNOWN = "unknown"  # the key of rows whose province or year is missing (a null key breaks pandas' reader)
ROW_GROUP_ROWS = 16_384  # small enough that one zone's rows span few row groups
PARTITION_KEYS: dict[str, tuple[str, ...]] = {
    "facts": ("province", "fact_year"),
    "projects": ("province",),
    "infrastructure": ("province",),
    "quality": ("province",),
}
FILE_ORDER: dict[str, tuple[str, ...]] = {
    "facts": ("zone_id", "metric", "year", "fact_id"),
    "projects": ("zone_id", "project_id"),
    "infrastructure": ("zone_id", "item_id"),
    "quality": ("zone_id", "quality_id"),
}


def provinces(zones: pa.Table) -> dict[str, str]:
    """zone_id -> its province, the folder key of its rows."""
    return {
        zone_id: province or UNKNOWN
        for zone_id, province in zip(zones["zone_id"].to_pylist(), zones["province"].to_pylist(), strict=True)
    }


def partition_keys(name: str, table: pa.Table, provinces: dict[str, str]) -> pa.Table:
    """The table with its folder keys appended as string columns."""
    found = pc.index_in(table["zone_id"], value_set=pa.array(list(provinces), pa.string()))
    province = pc.take(pa.array(list(provinces.values()), pa.string()), found)
    table = table.append_column("province", pc.fill_null(province, UNKNOWN))
    if "fact_year" in PARTITION_KEYS[name]:
        year = pc.cast(table["year"], pa.string())
        table = table.append_column("fact_year", pc.fill_null(year, UNKNOWN))
    return table


def write_partitioned(name: str, table: pa.Table, folder: Path, provinces: dict[str, str]) -> dict:
    """One hive-partitioned folder of a table; returns its keys and files (relative path, rows), sorted."""
    keyed = partition_keys(name, table, provinces)
    order = [*PARTITION_KEYS[name], *FILE_ORDER[name]]
    keyed = keyed.sort_by([(column, "ascending") for column in order])
    files = write_keyed(keyed, folder, PARTITION_KEYS[name])
    return {"keys": list(PARTITION_KEYS[name]), "files": files}


def write_keyed(keyed, folder: Path, keys: tuple[str, ...], part: int = 0) -> list[dict]:
    """Write arrow data (a table or a batch reader) whose last columns are the string keys, in the
    order given; file names carry `part` so batches written one after the other never collide."""
    import pyarrow.dataset as ds  # here, not at the top: a build of single files never needs it, and starts sooner

    written: list[dict] = []
    folder.mkdir(parents=True, exist_ok=True)
    ds.write_dataset(
        keyed,
        folder,
        format="parquet",
        partitioning=ds.partitioning(pa.schema([(key, pa.string()) for key in keys]), flavor="hive"),
        basename_template=f"part-{part:05d}-{{i}}.parquet",
        existing_data_behavior="overwrite_or_ignore",
        use_threads=False,  # keeps the given order in every file, so two builds write the same bytes
        max_rows_per_group=ROW_GROUP_ROWS,
        min_rows_per_group=min(ROW_GROUP_ROWS, 1024),
        file_visitor=lambda file: written.append(
            {"path": Path(file.path).relative_to(folder.parent).as_posix(), "rows": file.metadata.num_rows}
        ),
    )
    return sorted(written, key=lambda file: file["path"])


def read_table(folder: Path, name: str) -> pd.DataFrame:
    """One table of a tables folder in either layout, as the contract frame (contract columns, dtypes, order)."""
    folder = Path(folder)
    single = folder / f"{name}.parquet"
    if single.exists():
        arrow = pq.read_table(single)
    elif (folder / name).is_dir():
        import pyarrow.dataset as ds  # only partitioned tables need it (see write_keyed)

        arrow = ds.dataset(folder / name, format="parquet", partitioning="hive").to_table()
    else:
        raise FileNotFoundError(f"no {name} table in {folder} (neither {name}.parquet nor a {name}/ folder)")
    spec = schema.TABLES[name]
    arrow = arrow.select(spec.names).cast(spec.arrow_schema)
    order = [*spec.sort, *(column for column in spec.key if column not in spec.sort)]
    arrow = arrow.sort_by([(column, "ascending") for column in order])
    return arrow.to_pandas(types_mapper=schema.pandas_types)
