"""What the dashboard reads and what its sidebar selects, as types. No streamlit.

    Tables      the small tables as pandas frames (contract dtypes), the build manifest; facts are queried
                through store.py (DuckDB) and read whole only when something asks for `tables.facts`
    Selection   the global filters as ids: zones, years, kinds (empty = all)
    tables_from_frames(frames) / write_tables(tables, folder)   in-memory and on-disk tables (tests, benchmarks)

data.load_tables() reads Tables from Parquet (cached); queries, views and figures take them.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from loaders.contract import schema

from .memo import release_memory

TABLE_NAMES = ("documents", "zones", "facts", "projects", "infrastructure", "quality")
# Repeated strings held as categoricals: ids many rows share, and vocabularies.
CATEGORICAL: dict[str, tuple[str, ...]] = {
    "documents": ("doc_type", "encoding"),
    "facts": (
        "doc_id",
        "zone_id",
        "metric",
        "kind",
        "unit",
        "months",
        "scope",
        "status",
        "basis",
        "bound",
        "wording",
    ),
    "projects": ("doc_id", "zone_id", "status"),
    "infrastructure": ("doc_id", "zone_id", "category", "unit", "status"),
    "quality": ("doc_id", "zone_id", "check", "severity"),
}
LAZY_COLUMNS: dict[str, tuple[str, ...]] = {"documents": ("text",)}  # read on demand: Tables.document_texts
# Lists held as Arrow lists: a zone's reports are half a million ids nationally, as Python strings ~1 s to read.
ARROW_LISTS: dict[str, tuple[str, ...]] = {"zones": ("doc_ids",)}


_MEMORY_IDS = itertools.count()


@dataclass(frozen=True, eq=False)
class Tables:
    """The small tables as pandas frames (contract dtypes), the build manifest, the reports and facts on demand.

    Queries read facts through store.py (DuckDB over the Parquet files, or over `held_facts` for
    tables made in memory); `facts` reads the whole table only for a caller that still wants a frame.
    The documents table (half a million reports nationally) is read whole only when something asks for
    `documents`; pages ask `document_count` and store.document_rows(tables, doc_ids) for the few they show.
    """

    zones: pd.DataFrame
    projects: pd.DataFrame
    infrastructure: pd.DataFrame
    quality: pd.DataFrame
    manifest: dict[str, Any]
    folder: Path
    signature: tuple[Any, ...] = field(default=())  # (name, mtime_ns, size) per file: the cache key
    held_facts: pd.DataFrame | None = field(default=None, repr=False)  # tables made in memory only
    _read_facts: list = field(default_factory=list, repr=False)  # the whole facts, once read
    held_documents: pd.DataFrame | None = field(default=None, repr=False)  # made in memory, or not one file
    _read_documents: list = field(default_factory=list, repr=False)  # documents.parquet, once read

    def __hash__(self) -> int:  # lets st.cache_* and derived() key on the tables cheaply
        return hash((str(self.folder), self.signature))

    @property
    def facts(self) -> pd.DataFrame:
        """Every fact as one frame: held in memory, else read from the folder (either layout) once."""
        if self.held_facts is not None:
            return self.held_facts
        if not self._read_facts:
            from loaders.contract.layouts import read_table  # the folder's layout decides how to read it

            try:
                frame = read_table(self.folder, "facts")
            except FileNotFoundError:
                frame = schema.empty("facts")
            self._read_facts.append(compact("facts", frame))
        return self._read_facts[0]

    @property
    def documents(self) -> pd.DataFrame:
        """Every report's row without its text: held, else read from documents.parquet once."""
        if self.held_documents is not None:
            return self.held_documents
        with _READING:
            if not self._read_documents:
                file = self.folder / "documents.parquet"
                frame = read_frame("documents", file) if file.exists() else without_lazy("documents", schema.empty("documents"))
                self._read_documents.append(compact("documents", frame))
        return self._read_documents[0]

    @property
    def document_file(self) -> Path | None:
        """documents.parquet when the reports are read from it (not held), else None."""
        file = self.folder / "documents.parquet"
        return file if self.held_documents is None and file.exists() else None

    @property
    def document_count(self) -> int:
        """How many reports there are (from the file's footer: no row is read)."""
        file = self.document_file
        return pq.ParquetFile(file).metadata.num_rows if file is not None else len(self.documents)

    @property
    def held_frames(self) -> dict[str, pd.DataFrame]:
        """The frames store.py copies into DuckDB for tables made in memory; empty for a folder's tables."""
        return {} if self.held_facts is None else {"facts": self.held_facts, "quality": self.quality}

    def document_texts(self, doc_ids: Iterable[str]) -> pd.DataFrame:
        """doc_id, text of the given reports: from memory when held, else read from documents.parquet."""
        wanted = list(dict.fromkeys(str(doc_id) for doc_id in doc_ids))
        if self.held_documents is not None and "text" in self.held_documents.columns:
            documents = self.held_documents
            return documents.loc[documents["doc_id"].isin(wanted), ["doc_id", "text"]].reset_index(drop=True)
        file = self.folder / "documents.parquet"
        if not wanted or not file.exists():
            return pd.DataFrame({"doc_id": pd.Series(dtype="string"), "text": pd.Series(dtype="string")})
        texts = _matching_rows(pq.ParquetFile(file), "doc_id", wanted, ["doc_id", "text"])
        release_memory()
        return texts.to_pandas(types_mapper=schema.pandas_types)

    def document_text(self, doc_id: str) -> str:
        """One report's full text ('' when the report is unknown)."""
        texts = self.document_texts([doc_id])["text"]
        return str(texts.iloc[0]) if len(texts) and pd.notna(texts.iloc[0]) else ""


_READING = threading.Lock()


def _matching_rows(parquet: pq.ParquetFile, key: str, wanted: list[str], columns: list[str]) -> pa.Table:
    """The rows whose `key` is among `wanted`, one row group at a time: a filter over the whole file would
    decode every report's text at once (450 MB for the flags of half a million reports), this holds one
    group's and keeps only the rows asked for."""
    wanted_set = pa.array(wanted, pa.string())
    parts = [parquet.schema_arrow.empty_table().select(columns)]
    for group in range(parquet.metadata.num_row_groups):
        keys = parquet.read_row_group(group, columns=[key])[key]
        chosen = pc.is_in(keys, value_set=wanted_set)
        if pc.any(chosen).as_py():
            parts.append(parquet.read_row_group(group, columns=columns).filter(chosen))
    return pa.concat_tables(parts)


def read_frame(name: str, file: Path) -> pd.DataFrame:
    """One table, column by column (the peak stays near the frame's own size), without its lazy columns.

    CATEGORICAL columns come as Parquet dictionaries, so their strings are never materialised row by row;
    ARROW_LISTS columns stay Arrow lists (an element is a list, a missing one NA).
    """
    present = set(pq.read_schema(file).names)
    parquet = pq.ParquetFile(
        file, read_dictionary=[column for column in CATEGORICAL.get(name, ()) if column in present]
    )
    columns = {}
    for column in schema.TABLES[name].names:
        if column in present and column not in LAZY_COLUMNS.get(name, ()):
            arrow_list = column in ARROW_LISTS.get(name, ())
            part = parquet.read(columns=[column]).to_pandas(
                types_mapper=pd.ArrowDtype if arrow_list else schema.pandas_types, self_destruct=True
            )
            columns[column] = part[column]
    release_memory()  # give the decoding buffers back before the next table
    return pd.DataFrame(columns, copy=False)


def without_lazy(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    return frame.drop(columns=[column for column in LAZY_COLUMNS.get(name, ()) if column in frame.columns])


@dataclass(frozen=True)
class Selection:
    """The global filters as ids: empty zone_ids / years mean all."""

    zone_ids: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    kinds: tuple[str, ...] = schema.KINDS


def compact(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """The CATEGORICAL columns of a table as categoricals with sorted categories (sorting stays lexical)."""
    for column in CATEGORICAL.get(name, ()):
        if column not in frame.columns:
            continue
        values = frame[column]
        if not isinstance(values.dtype, pd.CategoricalDtype):
            values = values.astype("string").astype("category")
        categories = values.cat.categories
        if not categories.is_monotonic_increasing:
            values = values.cat.set_categories(sorted(categories))
        frame[column] = values
    return frame


def plain_lists(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with Arrow list columns (ARROW_LISTS, as data.py reads them) as Python lists, the form
    schema.finalize round-trips (pyarrow cannot name an Arrow list dtype in pandas metadata)."""
    arrow = [column for column in frame.columns if isinstance(frame[column].dtype, pd.ArrowDtype)
             and pa.types.is_list(frame[column].dtype.pyarrow_dtype)]
    if not arrow:
        return frame
    return frame.assign(**{column: pd.Series(frame[column].tolist(), index=frame.index, dtype=object)
                           for column in arrow})


def tables_from_frames(frames: dict[str, pd.DataFrame], manifest: dict | None = None) -> Tables:
    """Tables from in-memory frames (tests, benchmarks): each frame goes through schema.finalize."""
    finalized = {
        name: compact(name, schema.finalize(name, plain_lists(frames.get(name, schema.empty(name)))))
        for name in TABLE_NAMES
    }
    signature = (("memory", next(_MEMORY_IDS)),)
    facts, documents = finalized.pop("facts"), finalized.pop("documents")
    return Tables(**finalized, manifest=manifest or {}, folder=Path("<memory>"), signature=signature, held_facts=facts,
                  held_documents=documents)


def write_tables(
    tables: Tables | dict[str, pd.DataFrame], folder: Path, manifest: dict | None = None
) -> Path:
    """Write frames as contract Parquet + manifest.json into `folder` (tests, benchmarks)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in TABLE_NAMES:
        frame = getattr(tables, name) if isinstance(tables, Tables) else tables.get(name, schema.empty(name))
        pq.write_table(schema.to_arrow(name, plain_lists(frame)), folder / f"{name}.parquet")
    manifest = manifest if manifest is not None else (tables.manifest if isinstance(tables, Tables) else {})
    (folder / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return folder
