"""The one cached reader of data/tables, keyed on file path and modification time.

    from pages._shared.data import load_tables, derived
    tables = load_tables()                 # Tables(documents, zones, projects, infrastructure, quality, manifest)
    latest = derived(tables, queries.latest_facts, years)   # a query result cached on the tables' mtime + args

Pages normally get `tables` from `filters.setup_page(...)`, which also handles missing tables.
The folder is `$ZONES_TABLES_DIR` (default_tables_dir()), else `<repo>/data/tables`. A rebuild (new mtime) is picked up
on the next run without a restart. Frames are shared between sessions: treat them as read-only
(copy before assigning columns). `load_tables` raises `TablesMissing` when facts or zones are
absent; `build_tables()` runs the loaders on data/reports (the "build now" button).

The facts are not read here: queries read them through store.py (DuckDB over the Parquet files,
either layout of loaders/contract/layouts.py), so a server holds what its pages show, not the table.

Memory of the tables held: ids shared by many rows (doc_id, zone_id) and vocabulary columns (metric, kind,
unit, scope, status …) are categoricals with sorted categories, so comparisons, isin, groupby and
sorting read as with strings (mind that value_counts lists unused categories with 0). The reports'
full text is not held: `tables.document_texts(doc_ids)` reads the texts it is asked for (the
Sources and Quality pages); tables made in memory (tests) keep their text column. Nor are the reports'
rows read here: `tables.document_count` and store.document_rows(tables, doc_ids) answer what pages show,
and `tables.documents` reads them whole on first use (exports).
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import streamlit as st

from loaders.contract import schema
from loaders.contract.layouts import read_table

from .memo import DERIVED_MAX_ENTRIES, clear_derived, derived, release_memory  # noqa: F401  (pages call data.derived)
from .model import TABLE_NAMES, Tables, compact, read_frame, without_lazy

ROOT = Path(__file__).resolve().parents[2]
REPORTS_DIR = ROOT / "data" / "reports"
REQUIRED = ("zones", "facts")
BUILD_COMMAND = "python -m loaders build"


class TablesMissing(Exception):
    """No usable tables in the folder; the message names the folder and the command that builds them."""

    def __init__(self, folder: Path, missing: list[str]):
        self.folder, self.missing = folder, missing
        super().__init__(f"no {', '.join(missing)} table in {folder}; build them with `{BUILD_COMMAND}`")


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
    """(name, mtime_ns, size) of each table's file or partitioned folder and of the manifest."""
    entries: list[tuple[str, int | None, int | None]] = []
    for name in (*TABLE_NAMES, "manifest"):
        path = folder / (f"{name}.parquet" if name != "manifest" else "manifest.json")
        if name != "manifest" and not path.exists() and (folder / name).is_dir():
            path = folder / name  # the partitioned layout: a folder of key=value folders
        try:
            stat = path.stat()
        except OSError:
            entries.append((name, None, None))
            continue
        entries.append((name, stat.st_mtime_ns, stat.st_size))
    return tuple(entries)


def load_tables(tables_dir: str | Path | None = None) -> Tables:
    """The tables in `tables_dir` (default: default_tables_dir()), read once per path + mtime.

    The tables link (loaders/pipeline/table_sets.py) is resolved once, so every table of one load comes from one build.
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
        if name == "facts" or (name == "documents" and file.exists()):
            continue  # facts are queried in place (store.py); the reports' rows are read when asked for
        if file.exists():
            frames[name] = compact(name, read_frame(name, file))
        elif (path / name).is_dir():
            frames[name] = compact(name, without_lazy(name, read_table(path, name)))
        else:
            frames[name] = compact(name, schema.empty(name))
    manifest_file = path / "manifest.json"
    manifest = json.loads(manifest_file.read_text(encoding="utf-8")) if manifest_file.exists() else {}
    documents = frames.pop("documents", None)
    return Tables(**frames, manifest=manifest, folder=path, signature=signature, held_documents=documents)


def build_tables(reports_dir: Path = REPORTS_DIR, out_dir: Path | None = None) -> Path:
    """Run the loaders on data/reports into the tables folder (what `python -m loaders build` does)."""
    from loaders.pipeline.build import build  # imported late: the loaders are only needed for a build

    out = out_dir or default_tables_dir()
    build(reports_dir, out, progress=False)
    return out
