"""Reports folder -> every contract table as Parquet plus manifest.json, swapped in atomically.

The tables are written to a fresh sibling folder and renamed into place, so a failed or
killed build leaves either the complete previous tables or the complete new ones.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import platform
import shutil
import sys
import uuid
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from . import __version__, extract, quality, schema, split, zones
from .sources import MAX_FILE_MB, SourceError, read_source

EXTRACTED_TABLES = ("zones", "facts", "projects", "infrastructure", "quality")
PACKED_TABLES = ("facts", "projects", "infrastructure", "quality")
FLUSH_ROWS = 20_000
MANIFEST = "manifest.json"
NOTES_SHOWN = 5  # per file on the terminal; all of them go to manifest.json
MAX_WORKERS = 8
PARALLEL_FROM_CHARS = 400_000  # below this, starting processes costs more than it saves

logger = logging.getLogger(__name__)


@dataclass
class BuildResult:
    """What a build read, wrote and skipped; exit_code 0 all read, 1 some skipped, 2 nothing built."""

    exit_code: int
    out_dir: Path
    written: bool = False
    files_read: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass
class _Collected:
    """Rows gathered file by file, committed only when the whole file went through.

    Rows wait as dictionaries and are packed into arrow batches every FLUSH_ROWS, so a large
    corpus is held in columnar form rather than as millions of dictionaries."""

    documents: list[dict] = field(default_factory=list)
    rows: dict[str, list[dict]] = field(default_factory=lambda: {name: [] for name in EXTRACTED_TABLES})
    batches: dict[str, list[pa.Table]] = field(default_factory=lambda: {name: [] for name in PACKED_TABLES})
    inputs: list[dict] = field(default_factory=list)
    first_seen: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, rows: list[dict]) -> None:
        self.rows[name].extend(rows)
        if name in PACKED_TABLES and len(self.rows[name]) >= FLUSH_ROWS:
            self.batches[name].append(schema.to_arrow(name, _frame(name, self.rows[name])))
            self.rows[name] = []

    def table(self, name: str) -> pa.Table:
        """Every row of a packed table gathered so far, finalized in arrow."""
        batches = [*self.batches[name], schema.to_arrow(name, _frame(name, self.rows[name]))]
        return schema.finalize_arrow(name, pa.concat_tables(batches))


def build(reports_dir: Path, out_dir: Path, progress: bool = True) -> BuildResult:
    """Read every report under reports_dir and replace out_dir with freshly built tables."""
    reports_dir, out_dir = Path(reports_dir), Path(out_dir)
    problem = _usage_problem(reports_dir, out_dir)
    if problem:
        return _failed(out_dir, problem)
    _recover_from_killed_builds(out_dir)
    files = _report_files(reports_dir)
    if not files:
        return _failed(out_dir, f"no report files in {reports_dir}")

    result = BuildResult(exit_code=0, out_dir=out_dir)
    collected = _Collected()
    quiet = not progress or not sys.stderr.isatty()
    pending = [
        read
        for relative in tqdm(files, unit="file", desc="read", file=sys.stderr, disable=quiet)
        if (read := _read_one(reports_dir, relative, collected, result)) is not None
    ]
    documents = [document for file in pending for document in file.documents]
    extracted = iter(_extract_all(documents, _workers(documents), quiet))
    for file in pending:
        _collect(file, [next(extracted) for _ in file.documents], collected, result)
    if not result.files_read:
        return _failed(out_dir, f"no readable report in {reports_dir}", result)

    try:
        tables = _tables(collected)
    except Exception as error:
        logger.debug("building the tables failed", exc_info=True)
        return _failed(out_dir, f"build failed: {type(error).__name__}: {_one_line(error)}", result)
    result.counts = {name: table.num_rows for name, table in tables.items()}
    manifest = _manifest(reports_dir, collected, result)
    try:
        _write_and_swap(tables, manifest, out_dir)
    except OSError as error:
        return _failed(out_dir, f"cannot write tables to {out_dir}: {error}", result)
    result.written = True
    result.exit_code = 1 if result.skipped else 0
    return result


def _usage_problem(reports_dir: Path, out_dir: Path) -> str | None:
    if not reports_dir.is_dir():
        return f"reports folder not found: {reports_dir}"
    if out_dir.exists() and not out_dir.is_dir():
        return f"output path is not a folder: {out_dir}"
    if out_dir.resolve().is_relative_to(reports_dir.resolve()):
        return f"output folder {out_dir} must not be inside the reports folder {reports_dir}"
    return None


def _failed(out_dir: Path, message: str, result: BuildResult | None = None) -> BuildResult:
    """Exit code 2: nothing written, the previous tables stay as they were."""
    print(f"error: {message}", file=sys.stderr)
    result = result or BuildResult(exit_code=2, out_dir=out_dir)
    result.exit_code, result.error, result.written = 2, message, False
    return result


def _report_files(reports_dir: Path) -> list[str]:
    """Paths relative to reports_dir (posix), sorted; hidden files and Office lock files (~$) left out."""
    files = []
    for path in reports_dir.rglob("*"):
        relative = path.relative_to(reports_dir)
        if any(part.startswith((".", "~$")) for part in relative.parts) or not path.is_file():
            continue
        files.append(relative.as_posix())
    return sorted(files)


@dataclass
class _Pending:
    """One file read and split, waiting for its reports to be extracted."""

    relative: str
    path: Path
    entry: dict
    encoding: str
    documents: list[dict]
    notes: list[str]


def _read_one(reports_dir: Path, relative: str, collected: _Collected, result: BuildResult) -> _Pending | None:
    """Read and split one file; on any problem skip it with a one-line reason."""
    path = reports_dir / relative
    size = _size(path)
    readable = size is not None and size <= MAX_FILE_MB * 2**20
    entry = {"file": relative, "size": size, "sha256": _sha256(path) if readable else None}
    try:
        source = read_source(path)
        documents, notes = [], []
        for document in split.split_reports(source.text, relative):
            where = f"{relative} part {document['part']}"
            if document["doc_id"] in collected.first_seen:
                notes.append(f"{where} repeats {collected.first_seen[document['doc_id']]} (same text); skipped")
                continue
            collected.first_seen[document["doc_id"]] = where
            documents.append({**document, "encoding": source.encoding, "chars": len(document["text"])})
    except SourceError as error:
        _skip(result, relative, error.problem, path)
        return None
    except Exception as error:
        logger.debug("reading failed for %s", path, exc_info=True)
        _skip(result, relative, f"extraction failed: {type(error).__name__}: {_one_line(error)}", path)
        return None
    return _Pending(relative, path, entry, source.encoding, documents, notes)


def _workers(documents: list[dict]) -> int:
    """Processes for extraction: LOADERS_WORKERS if set, else every core once there is enough text."""
    chosen = int(os.environ.get("LOADERS_WORKERS", "0") or 0)
    if chosen:
        return max(1, chosen)
    chars = sum(document["chars"] for document in documents)
    return min(os.cpu_count() or 1, MAX_WORKERS) if chars >= PARALLEL_FROM_CHARS else 1


def _extract_safely(document: dict) -> dict | str:
    """The rows of one report, or a one-line reason why it could not be read (never raises)."""
    try:
        return extract.extract_document(document)
    except Exception as error:
        logger.debug("extraction failed for %s part %s", document["source_file"], document["part"], exc_info=True)
        return f"extraction failed: {type(error).__name__}: {_one_line(error)}"


def _extract_all(documents: list[dict], workers: int, quiet: bool):
    """Every report's rows, in order, as they come: reports are independent, so they spread over
    processes, and each is consumed before the next piles up."""
    bar = tqdm(total=len(documents), unit="report", desc="extract", file=sys.stderr, disable=quiet)
    if workers <= 1 or len(documents) < 2:
        for document in documents:
            yield _extract_safely(document)
            bar.update()
    else:
        chunk = max(1, min(64, len(documents) // (workers * 16)))
        with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork")) as pool:
            for extracted in pool.map(_extract_safely, documents, chunksize=chunk):
                yield extracted
                bar.update()
    bar.close()


def _collect(file: _Pending, extracted: list[dict | str], collected: _Collected, result: BuildResult) -> None:
    """Keep a file's reports and rows only when every one of its reports went through and fits the contract."""
    failure = next((item for item in extracted if isinstance(item, str)), None)
    rows: dict[str, list[dict]] = {name: [] for name in EXTRACTED_TABLES}
    notes = list(file.notes)
    if failure is None:
        reports = [item for item in extracted if isinstance(item, dict)]  # every item, as none failed
        for document, tables in zip(file.documents, reports, strict=True):
            if any(row["check"] == "no_zone_name" for row in tables.get("quality", [])):
                notes.append(
                    f"{file.relative} part {document['part']}: no zone name found; "
                    f"its figures are kept under {tables['zones'][0]['name']}"
                )
            for name in EXTRACTED_TABLES:
                rows[name].extend(tables.get(name, []))
        try:
            schema.check_rows("documents", file.documents)
            for name in ("facts", "projects", "infrastructure", "quality"):
                schema.check_rows(name, rows[name])
        except ValueError as error:
            failure = f"extraction failed: ValueError: {_one_line(error)}"
    if failure is not None:
        for document in file.documents:
            collected.first_seen.pop(document["doc_id"], None)
        _skip(result, file.relative, failure, file.path)
        return
    result.notes.extend(notes)
    for note in notes[:NOTES_SHOWN]:
        print(f"info: {note}", file=sys.stderr)
    if len(notes) > NOTES_SHOWN:
        print(f"info: {file.relative}: {len(notes) - NOTES_SHOWN} more notes in manifest.json", file=sys.stderr)
    collected.documents.extend(file.documents)
    for name in EXTRACTED_TABLES:
        collected.add(name, rows[name])
    collected.inputs.append({**file.entry, "encoding": file.encoding, "reports": len(file.documents)})
    result.files_read += 1


def _skip(result: BuildResult, relative: str, reason: str, path: Path) -> None:
    result.skipped.append((relative, reason))
    print(f"skipped {path}: {reason}", file=sys.stderr)


def _tables(collected: _Collected) -> dict[str, pa.Table]:
    """Every contract table as arrow, zones merged across reports, cross-report checks added."""
    tables = {
        "documents": schema.to_arrow("documents", _frame("documents", collected.documents)),
        "zones": schema.to_arrow("zones", _frame("zones", zones.merge_zones(collected.rows["zones"]))),
        **{name: collected.table(name) for name in ("facts", "projects", "infrastructure")},
    }
    checked = tables["facts"].select(quality.CONFLICT_COLUMNS).to_pandas(types_mapper=schema.pandas_types)
    collected.add("quality", quality.cross_document_checks(checked))
    tables["quality"] = collected.table("quality")
    return tables


def _frame(name: str, rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=None if rows else schema.TABLES[name].names)


def _manifest(reports_dir: Path, collected: _Collected, result: BuildResult) -> dict:
    """Build-level facts: when, with what, from which inputs; the only place a build time appears."""
    return {
        "built_at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "loader_version": __version__,
        "python_version": platform.python_version(),
        "reports_dir": str(reports_dir),
        "inputs": collected.inputs,
        "tables": result.counts,
        "skipped": [{"file": file, "reason": reason} for file, reason in result.skipped],
        "notes": result.notes,
    }


def _size(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def _sha256(path: Path) -> str | None:
    digest = hashlib.sha256()
    try:
        with path.open("rb") as stream:
            for block in iter(lambda: stream.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())


# --- writing: a fresh sibling folder, then two renames ---------------------------------


def _sibling(out_dir: Path, kind: str, pid: int) -> Path:
    return out_dir.parent / f".{out_dir.name}.{kind}-{pid}-{uuid.uuid4().hex[:8]}"


def _write_and_swap(tables: dict[str, pa.Table], manifest: dict, out_dir: Path) -> None:
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = _sibling(out_dir, "tmp", os.getpid())
    tmp.mkdir()
    try:
        for name, table in tables.items():
            _write_table(table, tmp / f"{name}.parquet")
        (tmp / MANIFEST).write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        _swap(tmp, out_dir)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _write_table(table: pa.Table, path: Path) -> None:
    pq.write_table(table, path)


def _swap(tmp: Path, out_dir: Path) -> None:
    """Old tables aside, new ones in, old ones deleted; put the old ones back if the second rename fails."""
    old = _sibling(out_dir, "old", os.getpid()) if out_dir.exists() else None
    if old:
        os.replace(out_dir, old)
    try:
        os.replace(tmp, out_dir)
    except OSError:
        if old:
            os.replace(old, out_dir)
        raise
    if old:
        shutil.rmtree(old, ignore_errors=True)


def _recover_from_killed_builds(out_dir: Path) -> None:
    """Put back tables a killed build had moved aside, and remove the folders it left behind."""
    leftovers = sorted(out_dir.parent.glob(f".{out_dir.name}.old-*")) + sorted(
        out_dir.parent.glob(f".{out_dir.name}.tmp-*")
    )
    for folder in leftovers:
        if _owner_alive(folder):
            continue
        if ".old-" in folder.name and not out_dir.exists():
            logger.info("restoring %s from a killed build", out_dir)
            os.replace(folder, out_dir)
        else:
            shutil.rmtree(folder, ignore_errors=True)


def _owner_alive(folder: Path) -> bool:
    """Whether the build that made folder (pid in its name) still runs in another process."""
    try:
        pid = int(folder.name.rsplit("-", 2)[-2])
    except (IndexError, ValueError):
        return False
    if pid == os.getpid():
        return False  # builds do not run concurrently inside one process
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
