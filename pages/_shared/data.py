"""The one cached reader of data/tables, keyed on file path and modification time.

    from pages._shared.data import load_tables, derived
    tables = load_tables()                 # Tables(documents, zones, facts, projects, infrastructure, quality, manifest)
    latest = derived(tables, queries.latest_facts, years)   # a query result cached on the tables' mtime + args

Pages normally get `tables` from `filters.setup_page(...)`, which also handles missing tables.
The folder is `$ZONES_TABLES_DIR` (default_tables_dir()), else `<repo>/data/tables`. A rebuild (new mtime) is picked up
on the next run without a restart. Frames are shared between sessions: treat them as read-only
(copy before assigning columns). `load_tables` raises `TablesMissing` when facts or zones are
absent; `build_tables()` runs the loaders on data/reports (the "build now" button).
"""

from __future__ import annotations

import itertools
import json
import os
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import streamlit as st

from loaders import schema

ROOT = Path(__file__).resolve().parents[2]
REPORTS_DIR = ROOT / "data" / "reports"
TABLE_NAMES = ("documents", "zones", "facts", "projects", "infrastructure", "quality")
REQUIRED = ("zones", "facts")
BUILD_COMMAND = "python -m loaders build"
_MEMORY_IDS = itertools.count()


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


def default_tables_dir() -> Path:
    """$ZONES_TABLES_DIR, else <repo>/data/tables."""
    configured = os.environ.get("ZONES_TABLES_DIR")
    return Path(configured).expanduser().resolve() if configured else ROOT / "data" / "tables"


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
    """The tables in `tables_dir` (default: default_tables_dir()), read once per path + mtime."""
    folder = Path(tables_dir).resolve() if tables_dir else default_tables_dir()
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
            frames[name] = pq.read_table(file).to_pandas(types_mapper=schema._types_mapper)
        else:
            frames[name] = schema.empty(name)
    manifest_file = path / "manifest.json"
    manifest = json.loads(manifest_file.read_text(encoding="utf-8")) if manifest_file.exists() else {}
    return Tables(**frames, manifest=manifest, folder=path, signature=signature)


def tables_from_frames(frames: dict[str, pd.DataFrame], manifest: dict | None = None) -> Tables:
    """Tables from in-memory frames (tests, benchmarks): each frame goes through schema.finalize."""
    finalized = {name: schema.finalize(name, frames.get(name, schema.empty(name))) for name in TABLE_NAMES}
    signature = (("memory", next(_MEMORY_IDS)),)
    return Tables(**finalized, manifest=manifest or {}, folder=Path("<memory>"), signature=signature)


def write_tables(tables: Tables | dict[str, pd.DataFrame], folder: Path, manifest: dict | None = None) -> Path:
    """Write frames as contract Parquet + manifest.json into `folder` (tests, benchmarks)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in TABLE_NAMES:
        frame = getattr(tables, name) if isinstance(tables, Tables) else tables.get(name, schema.empty(name))
        pq.write_table(schema.to_arrow(name, frame), folder / f"{name}.parquet")
    manifest = manifest if manifest is not None else (tables.manifest if isinstance(tables, Tables) else {})
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return folder


def build_tables(reports_dir: Path = REPORTS_DIR, out_dir: Path | None = None) -> Path:
    """Run the loaders on data/reports into the tables folder (what `python -m loaders build` does)."""
    from loaders.build import build  # imported late: the loaders are only needed for a build

    out = out_dir or default_tables_dir()
    build(reports_dir, out, progress=False)
    return out


# Derived frames: a small LRU shared by all sessions, keyed on the tables' signature + arguments.
_DERIVED: OrderedDict = OrderedDict()
_DERIVED_LOCK = threading.Lock()
DERIVED_MAX_ENTRIES = 128


def derived(tables: Tables, function: Callable, *args):
    """function(tables, *args), computed once per tables version and (hashable) args."""
    key = (str(tables.folder), tables.signature, function.__module__, function.__qualname__, args)
    with _DERIVED_LOCK:
        if key in _DERIVED:
            _DERIVED.move_to_end(key)
            return _DERIVED[key]
    result = function(tables, *args)
    with _DERIVED_LOCK:
        _DERIVED[key] = result
        while len(_DERIVED) > DERIVED_MAX_ENTRIES:
            _DERIVED.popitem(last=False)
    return result


def clear_derived() -> None:
    with _DERIVED_LOCK:
        _DERIVED.clear()
