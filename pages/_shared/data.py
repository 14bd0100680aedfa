"""The one cached reader of data/tables, keyed on file path and modification time.

    from pages._shared.data import load_tables, derived
    tables = load_tables()                 # Tables(documents, zones, facts, projects, infrastructure, quality, manifest)
    latest = derived(tables, queries.latest_facts, years)   # a query result cached on the tables' mtime + args

Pages normally get `tables` from `filters.setup_page(...)`, which also handles missing tables.
The folder is `$ZONES_TABLES_DIR` (default_tables_dir()), else `<repo>/data/tables`. A rebuild (new mtime) is picked up
on the next run without a restart. Frames are shared between sessions: treat them as read-only
(copy before assigning columns). `load_tables` raises `TablesMissing` when facts or zones are
absent; `build_tables()` runs the loaders on data/reports (the "build now" button).

Memory at 1M facts: ids shared by many rows (doc_id, zone_id) and vocabulary columns (metric, kind,
unit, scope, status …) are categoricals with sorted categories, so comparisons, isin, groupby and
sorting read as with strings (mind that value_counts lists unused categories with 0). The reports'
full text is not held: `tables.document_texts(doc_ids)` reads the texts it is asked for (the
Sources and Quality pages); tables made in memory (tests) keep their text column.
"""

from __future__ import annotations

import itertools
import json
import os
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import streamlit as st

from loaders import schema

from .memo import DERIVED_MAX_ENTRIES, clear_derived, derived, release_memory  # noqa: F401  (pages call data.derived)

ROOT = Path(__file__).resolve().parents[2]
REPORTS_DIR = ROOT / "data" / "reports"
TABLE_NAMES = ("documents", "zones", "facts", "projects", "infrastructure", "quality")
REQUIRED = ("zones", "facts")
BUILD_COMMAND = "python -m loaders build"
_MEMORY_IDS = itertools.count()
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


class TablesMissing(Exception):
    """No usable tables in the folder; the message names the folder and the command that builds them."""

    def __init__(self, folder: Path, missing: list[str]):
        self.folder, self.missing = folder, missing
        super().__init__(f"no {', '.join(missing)} table in {folder}; build them with `{BUILD_COMMAND}`")


@dataclass(frozen=True, eq=False)
class Tables:
    """Every table of the contract as a pandas frame (contract dtypes) plus the build manifest."""

    documents: pd.DataFrame
    zones: pd.DataFrame
    facts: pd.DataFrame
    projects: pd.DataFrame
    infrastructure: pd.DataFrame
    quality: pd.DataFrame
    manifest: dict
    folder: Path
    signature: tuple = field(default=())  # (name, mtime_ns, size) per file: the cache key

    def __hash__(self) -> int:  # lets st.cache_* and derived() key on the tables cheaply
        return hash((str(self.folder), self.signature))

    def document_texts(self, doc_ids: Iterable[str]) -> pd.DataFrame:
        """doc_id, text of the given reports: from memory when held, else read from documents.parquet."""
        wanted = list(dict.fromkeys(str(doc_id) for doc_id in doc_ids))
        if "text" in self.documents.columns:
            documents = self.documents
            return documents.loc[documents["doc_id"].isin(wanted), ["doc_id", "text"]].reset_index(drop=True)
        file = self.folder / "documents.parquet"
        if not wanted or not file.exists():
            return pd.DataFrame({"doc_id": pd.Series(dtype="string"), "text": pd.Series(dtype="string")})
        texts = pq.read_table(file, columns=["doc_id", "text"], filters=[("doc_id", "in", wanted)])
        return texts.to_pandas(types_mapper=schema.pandas_types)

    def document_text(self, doc_id: str) -> str:
        """One report's full text ('' when the report is unknown)."""
        texts = self.document_texts([doc_id])["text"]
        return str(texts.iloc[0]) if len(texts) and pd.notna(texts.iloc[0]) else ""


def default_reports_dir() -> Path:
    """$ZONES_REPORTS_DIR, else <repo>/data/reports: where published reports are stored."""
    configured = os.environ.get("ZONES_REPORTS_DIR")
    return Path(configured).expanduser().resolve() if configured else REPORTS_DIR


def staging_dir() -> Path:
    """Where uploads wait, with their preview tables, until an editor publishes them."""
    configured = os.environ.get("ZONES_STAGING_DIR")
    return Path(configured) if configured else Path(tempfile.gettempdir()) / "zone-dashboard-staging"


@st.cache_resource(max_entries=32, show_spinner=False)
def upload_preview(name: str, content: bytes, lang: str, refused: str | None):
    """uploads.preview_upload, once per upload: reruns of the Reports page do not rebuild the preview."""
    from .uploads import preview_upload

    return preview_upload(name, content, staging_dir(), lang, refused)


def default_tables_dir() -> Path:
    """$ZONES_TABLES_DIR, else <repo>/data/tables; a link is kept as a link, so a build replaces the link."""
    configured = os.environ.get("ZONES_TABLES_DIR")
    return Path(configured).expanduser().absolute() if configured else ROOT / "data" / "tables"


def _signature(folder: Path) -> tuple:
    entries = []
    for name in (*TABLE_NAMES, "manifest"):
        path = folder / (f"{name}.parquet" if name != "manifest" else "manifest.json")
        try:
            stat = path.stat()
        except OSError:
            entries.append((name, None, None))
            continue
        entries.append((name, stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


def load_tables(tables_dir: str | Path | None = None) -> Tables:
    """The tables in `tables_dir` (default: default_tables_dir()), read once per path + mtime.

    The tables link (loaders/table_sets.py) is resolved once, so every table of one load comes from one build.
    """
    folder = (Path(tables_dir) if tables_dir else default_tables_dir()).resolve()
    signature = _signature(folder)
    missing = [name for name, mtime, _ in signature if name in REQUIRED and mtime is None]
    if missing:
        raise TablesMissing(folder, missing)
    return _read(str(folder), signature)


@st.cache_resource(max_entries=4, show_spinner=False)
def _read(folder: str, signature: tuple) -> Tables:
    """cache_resource, not cache_data: a 1M-row frame is shared, not copied on every run."""
    path = Path(folder)
    frames = {}
    for name in TABLE_NAMES:
        file = path / f"{name}.parquet"
        if file.exists():
            frames[name] = compact(name, _read_frame(name, file))
        else:
            frames[name] = compact(name, schema.empty(name))
    manifest_file = path / "manifest.json"
    manifest = json.loads(manifest_file.read_text(encoding="utf-8")) if manifest_file.exists() else {}
    return Tables(**frames, manifest=manifest, folder=path, signature=signature)


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


def _read_frame(name: str, file: Path) -> pd.DataFrame:
    """One table, column by column (the peak stays near the frame's own size), without its lazy columns.

    CATEGORICAL columns come as Parquet dictionaries, so their strings are never materialised row by row.
    """
    present = set(pq.read_schema(file).names)
    parquet = pq.ParquetFile(
        file, read_dictionary=[column for column in CATEGORICAL.get(name, ()) if column in present]
    )
    columns = {}
    for column in schema.TABLES[name].names:
        if column in present and column not in LAZY_COLUMNS.get(name, ()):
            part = parquet.read(columns=[column]).to_pandas(
                types_mapper=schema.pandas_types, self_destruct=True
            )
            columns[column] = part[column]
    release_memory()  # give the decoding buffers back before the next table
    return pd.DataFrame(columns, copy=False)


def tables_from_frames(frames: dict[str, pd.DataFrame], manifest: dict | None = None) -> Tables:
    """Tables from in-memory frames (tests, benchmarks): each frame goes through schema.finalize."""
    finalized = {
        name: compact(name, schema.finalize(name, frames.get(name, schema.empty(name))))
        for name in TABLE_NAMES
    }
    signature = (("memory", next(_MEMORY_IDS)),)
    return Tables(**finalized, manifest=manifest or {}, folder=Path("<memory>"), signature=signature)


def write_tables(
    tables: Tables | dict[str, pd.DataFrame], folder: Path, manifest: dict | None = None
) -> Path:
    """Write frames as contract Parquet + manifest.json into `folder` (tests, benchmarks)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in TABLE_NAMES:
        frame = getattr(tables, name) if isinstance(tables, Tables) else tables.get(name, schema.empty(name))
        pq.write_table(schema.to_arrow(name, frame), folder / f"{name}.parquet")
    manifest = manifest if manifest is not None else (tables.manifest if isinstance(tables, Tables) else {})
    (folder / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8"
    )
    return folder


def build_tables(reports_dir: Path = REPORTS_DIR, out_dir: Path | None = None) -> Path:
    """Run the loaders on data/reports into the tables folder (what `python -m loaders build` does)."""
    from loaders.build import build  # imported late: the loaders are only needed for a build

    out = out_dir or default_tables_dir()
    build(reports_dir, out, progress=False)
    return out
