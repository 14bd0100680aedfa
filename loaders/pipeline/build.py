"""Reports folder -> every contract table as Parquet plus manifest.json, switched in atomically.

The tables are written to a fresh sibling folder and the tables link is switched to it
(loaders/pipeline/table_sets.py), so a failed or killed build leaves either the complete previous tables
or the complete new ones. Every file's work is bounded (loaders/reading/limits.py).
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import platform
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

from .. import __version__
from ..contract import layouts, schema
from ..quality import checks as quality
from ..reading import split
from ..reading.limits import LimitError, Limits, OverBudget, describe, time_budget
from ..reading.listing import Listed, list_reports, printable
from ..reading.sources import MAX_FILE_MB, SourceError, read_source
from ..zones import resolver as zones
from . import engines, packed, summaries, table_sets, workers
from .extract_cache import ExtractCache, ReadParts

PACKED_TABLES = packed.PACKED_TABLES
SUMMARY_SOURCES = ("facts", "quality")  # the tables loaders/pipeline/summaries.py reads
COMBINE_PIECES = 64  # slices of extraction batches a table holds before they are combined into one
MANIFEST = table_sets.MANIFEST
NOTES_SHOWN = 5  # per file on the terminal; all of them go to manifest.json

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
    skipped_bytes: dict[str, str] = field(default_factory=dict)  # printable name -> raw name bytes (hex)
    notes: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass
class _Collected:
    """Rows gathered file by file, committed only when the whole file went through.

    Zones and documents wait as dictionaries; the other tables arrive packed in arrow (pipeline/packed.py)
    and every COMBINE_PIECES new slices are combined into one chunk, so the tables hold few, large chunks and
    let go of the extraction batches they were cut from (what is combined is not copied again)."""

    documents: list[dict] = field(default_factory=list)
    zones: list[dict] = field(default_factory=list)
    pieces: dict[str, list[pa.Table]] = field(default_factory=lambda: {name: [] for name in PACKED_TABLES})
    combined: dict[str, list[pa.Table]] = field(default_factory=lambda: {name: [] for name in PACKED_TABLES})
    inputs: list[dict] = field(default_factory=list)
    first_seen: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, pieces: list[pa.Table]) -> None:
        self.pieces[name].extend(pieces)
        if len(self.pieces[name]) >= COMBINE_PIECES:  # only the new slices: what is combined stays as it is
            self.combined[name].append(pa.concat_tables(self.pieces[name]).combine_chunks())
            self.pieces[name] = []

    def table(self, name: str) -> pa.Table:
        """Every row of a packed table gathered so far, finalized in arrow."""
        parts = [*self.combined[name], *self.pieces[name], packed.arrow(name, [])]
        return schema.finalize_arrow(name, pa.concat_tables(parts))


@dataclass(frozen=True)
class Plan:
    """Where reports are extracted (engines.ENGINES; address joins a Ray cluster) and how tables are laid out."""

    engine: str = "process"
    address: str | None = None
    layout: str | None = None  # None: the layout of the tables being replaced (a rebuild keeps it), else single


def build(
    reports_dir: Path, out_dir: Path, progress: bool = True, wait: bool = True, use_cache: bool = True,
    plan: Plan = Plan(),
) -> BuildResult:
    """Read every report under reports_dir and replace out_dir with freshly built tables.

    out_dir must be absent, empty or tables the loaders wrote; one build at a time per out_dir
    (a second one waits, or with wait=False fails with exit code 2). With use_cache, files and
    reports unchanged since the last build are taken from cache_dir(out_dir) instead of read again.
    """
    reports_dir, out_dir = Path(reports_dir), Path(out_dir)
    try:
        limits = Limits.from_env()
    except LimitError as error:
        return _failed(out_dir, str(error))
    if plan.layout is None:
        plan = replace(plan, layout=current_layout(out_dir))
    problem = _usage_problem(reports_dir, out_dir) or engines.problem(plan.engine, plan.address) or _layout_problem(plan.layout)
    if problem:
        return _failed(out_dir, problem)
    try:
        with table_sets.build_lock(out_dir, wait):
            cache = ExtractCache.at(cache_dir(out_dir)) if use_cache else ExtractCache.off()
            with _cycle_collector_paused():
                return _build_locked(reports_dir, out_dir, progress, limits, cache, plan)
    except table_sets.LockError as error:
        return _failed(out_dir, str(error))


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """The build piles up rows (plain dicts and lists, no reference cycles) that Python's cycle
    collector would walk again and again as they grow: about a sixth of the build process's own
    CPU time on a large corpus. Reference counting still frees everything; extraction processes
    collect as usual (pipeline/workers.py)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def cache_dir(out_dir: Path) -> Path:
    """Where the extraction cache of out_dir lives: a hidden folder beside it."""
    return Path(out_dir).parent / f".{Path(out_dir).name}-cache"


def current_layout(out_dir: Path) -> str:
    """The layout the tables in out_dir were written in (a publish or rebuild keeps it); single when none."""
    try:
        manifest = json.loads((Path(out_dir) / table_sets.MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "single"
    layout = manifest.get("layout") if isinstance(manifest, dict) else None
    return layout if layout in layouts.LAYOUTS else "single"


def _layout_problem(layout: str | None) -> str | None:
    return None if layout in layouts.LAYOUTS else f"unknown layout {layout!r}; expected one of {', '.join(layouts.LAYOUTS)}"


def _build_locked(
    reports_dir: Path, out_dir: Path, progress: bool, limits: Limits, cache: ExtractCache, plan: Plan
) -> BuildResult:
    problem = table_sets.out_problem(out_dir)
    if problem:
        return _failed(out_dir, problem)
    table_sets.recover(out_dir)
    files, refused = list_reports(reports_dir)
    if not files and not refused:
        return _failed(out_dir, f"no report files in {printable(str(reports_dir))}")

    result = BuildResult(exit_code=0, out_dir=out_dir)
    for listed, reason in refused:
        _skip(result, listed, reason, reports_dir)
    collected = _Collected()
    quiet = not progress or not sys.stderr.isatty()
    pending: list[_Pending] = []

    def read_files() -> Iterator[list[dict]]:
        """Each file's reports, read as the extraction asks for them: the first are extracted while the rest are read."""
        for listed in tqdm(files, unit="file", desc="read", file=sys.stderr, disable=quiet):
            file = _read_one(reports_dir, listed, collected, result, limits, cache)
            if file is not None:
                pending.append(file)
                yield file.documents

    extract = engines.extractor(plan.engine, plan.address, limits.report_seconds, quiet)
    try:
        for number, extracted in enumerate(cache.extract_files(read_files(), extract)):
            _collect(pending[number], extracted, collected, result, reports_dir)
            if number == 0:
                _prepare_tables()
    except BrokenProcessPool:
        return _failed(out_dir, "an extraction process died (out of memory?); nothing written", result)
    except engines.EngineError as error:
        return _failed(out_dir, f"{error}; nothing written", result)
    if not result.files_read:
        return _failed(out_dir, f"no readable report in {printable(str(reports_dir))}", result)

    try:
        tables = _tables(collected)
    except Exception as error:
        logger.debug("building the tables failed", exc_info=True)
        return _failed(out_dir, f"build failed: {type(error).__name__}: {_one_line(error)}", result)
    result.counts = {name: table.num_rows for name, table in tables.items()}
    manifest = _manifest(reports_dir, collected, result)
    try:
        texts = {document["doc_id"]: document["text"] for document in collected.documents}
        table_sets.write_and_switch(
            out_dir, lambda folder: _write_folder(tables, manifest, folder, plan.layout or "single", texts)
        )
    except OSError as error:
        return _failed(out_dir, f"cannot write tables to {printable(str(out_dir))}: {error}", result)
    result.written = True
    result.exit_code = 1 if result.skipped else 0
    cache.prune()
    return result


def _usage_problem(reports_dir: Path, out_dir: Path) -> str | None:
    if not reports_dir.is_dir():
        return f"reports folder not found: {printable(str(reports_dir))}"
    if out_dir.exists() and not out_dir.is_dir():
        return f"output path is not a folder: {printable(str(out_dir))}"
    if out_dir.name in ("", ".", ".."):
        return f"output folder needs a name of its own (the tables link is made beside it): {printable(str(out_dir))}"
    if out_dir.resolve().is_relative_to(reports_dir.resolve()):
        return (
            f"output folder {printable(str(out_dir))} must not be inside "
            f"the reports folder {printable(str(reports_dir))}"
        )
    return None


def _failed(out_dir: Path, message: str, result: BuildResult | None = None) -> BuildResult:
    """Exit code 2: nothing written, the previous tables stay as they were."""
    print(f"error: {message}", file=sys.stderr)
    result = result or BuildResult(exit_code=2, out_dir=out_dir)
    result.exit_code, result.error, result.written = 2, message, False
    return result


@dataclass
class _Pending:
    """One file read and split, waiting for its reports to be extracted."""

    listed: Listed
    entry: dict
    encoding: str
    documents: list[dict]
    notes: list[str]


def _read_one(
    reports_dir: Path, listed: Listed, collected: _Collected, result: BuildResult, limits: Limits,
    cache: ExtractCache,
) -> _Pending | None:
    """Read and split one file within the time budget (or take it from the cache when its bytes are
    unchanged); on any problem skip it with a one-line reason."""
    name, path = listed.name, listed.path
    size = _size(path)
    readable = size is not None and size <= MAX_FILE_MB * 2**20
    sha256 = _sha256(path) if readable else None
    entry: dict = {"file": name, "size": size, "sha256": sha256}
    if listed.name_bytes:
        entry["file_bytes"] = listed.name_bytes
    try:
        source = cache.read(name, sha256)
        if source is None:
            with time_budget(limits.report_seconds):
                read = read_source(path, limits)
                parts = split.split_reports(read.text, name)
                _check_lengths(path, parts, limits)
            source = ReadParts(read.encoding, read.undecodable_bytes, read.nul_bytes_dropped, parts)
            cache.keep_read(name, sha256, source)
        parts = source.parts
    except OverBudget:
        reason = f"reading took longer than {describe(limits.report_seconds)} s (LOADERS_REPORT_SECONDS)"
        _skip(result, listed, reason, reports_dir)
        return None
    except SourceError as error:
        _skip(result, listed, error.problem, reports_dir)
        return None
    except Exception as error:
        logger.debug("reading failed for %s", printable(str(path)), exc_info=True)
        _skip(result, listed, f"extraction failed: {type(error).__name__}: {_one_line(error)}", reports_dir)
        return None
    documents, notes = [], _repairs(name, source)
    for document in parts:
        where = f"{name} part {document['part']}"
        if document["doc_id"] in collected.first_seen:
            notes.append(f"{where} repeats {collected.first_seen[document['doc_id']]} (same text); skipped")
            continue
        collected.first_seen[document["doc_id"]] = where
        documents.append({**document, "encoding": source.encoding, "chars": len(document["text"])})
    repairs = {"undecodable_bytes": source.undecodable_bytes, "nul_bytes_dropped": source.nul_bytes_dropped}
    entry.update({key: count for key, count in repairs.items() if count})
    return _Pending(listed, entry, source.encoding, documents, notes)


def _check_lengths(path: Path, parts: list[dict], limits: Limits) -> None:
    for document in parts:
        if len(document["text"]) > limits.max_report_chars:
            raise SourceError(
                path,
                f"part {document['part']} has {len(document['text']):,} characters; "
                f"limit {describe(limits.max_report_chars)} (LOADERS_MAX_REPORT_CHARS)",
            )


def _repairs(name: str, source) -> list[str]:
    """Notes on the bytes a text file's decoding had to repair."""
    notes = []
    if source.undecodable_bytes:
        notes.append(f"{name}: {source.undecodable_bytes} undecodable bytes read as U+FFFD")
    if source.nul_bytes_dropped:
        notes.append(f"{name}: {source.nul_bytes_dropped} NUL bytes dropped")
    return notes


def _collect(
    file: _Pending, extracted: list[packed.Rows | str], collected: _Collected, result: BuildResult, reports_dir: Path
) -> None:
    """Keep a file's reports and rows only when every one of its reports went through and fits the contract
    (each report's rows were checked where they were packed: pipeline/packed.py)."""
    failure = next((item for item in extracted if isinstance(item, str)), None)
    reports = [item for item in extracted if isinstance(item, packed.Rows)]
    notes = list(file.notes)
    if failure is None:
        for document, report in zip(file.documents, reports, strict=True):
            if report.no_zone_name:
                kept = f"its figures are kept under {report.zones[0]['name']}" if report.zones else "nor any figure"
                notes.append(f"{file.listed.name} part {document['part']}: no zone name found; {kept}")
        try:
            schema.check_rows("documents", file.documents)
        except ValueError as error:
            failure = f"extraction failed: ValueError: {_one_line(error)}"
    if failure is not None:
        for document in file.documents:
            collected.first_seen.pop(document["doc_id"], None)
        _skip(result, file.listed, failure, reports_dir)
        return
    notes = [printable(note) for note in notes]
    result.notes.extend(notes)
    for note in notes[:NOTES_SHOWN]:
        print(f"info: {note}", file=sys.stderr)
    if len(notes) > NOTES_SHOWN:
        print(f"info: {file.listed.name}: {len(notes) - NOTES_SHOWN} more notes in manifest.json", file=sys.stderr)
    collected.documents.extend(file.documents)
    for report in reports:
        collected.zones.extend(report.zones)
    for name in PACKED_TABLES:
        collected.add(name, packed.pieces(reports, name))
    collected.inputs.append({**file.entry, "encoding": file.encoding, "reports": len(file.documents)})
    result.files_read += 1


def _skip(result: BuildResult, listed: Listed, reason: str, reports_dir: Path) -> None:
    """Record and print one skipped file: its printable name (and raw bytes when they differ) with a one-line reason."""
    reason = printable(reason)
    result.skipped.append((listed.name, reason))
    if listed.name_bytes:
        result.skipped_bytes[listed.name] = listed.name_bytes
    print(f"skipped {printable(str(reports_dir / listed.relative))}: {reason}", file=sys.stderr)


def _tables(collected: _Collected) -> dict[str, pa.Table]:
    """Every contract table as arrow, zones merged across reports, cross-report checks added."""
    tables = {
        "documents": schema.finalize_arrow("documents", packed.arrow("documents", collected.documents)),
        "zones": schema.finalize_arrow("zones", packed.arrow("zones", zones.merge_zones(collected.zones))),
        **{name: collected.table(name) for name in ("facts", "projects", "infrastructure")},
    }
    conflicts = quality.cross_document_checks(tables["facts"].select(quality.CONFLICT_COLUMNS))
    collected.add("quality", [packed.arrow("quality", conflicts)])
    tables["quality"] = collected.table("quality")
    return tables


def _prepare_tables() -> None:
    """Finalize an empty table of each kind once and import DuckDB, while the processes extract the other
    reports: the contract's pandas metadata (loaders/contract/schema.py), arrow's kernels and the summaries'
    engine are set up then, rather than before the processes start or in the build's serial end, where the
    second core would wait for them."""
    for name in schema.TABLES:
        schema.finalize_arrow(name, packed.arrow(name, []))
    summaries.load_engine()


def _manifest(reports_dir: Path, collected: _Collected, result: BuildResult) -> dict:
    """Build-level facts: when, with what, from which inputs; the only place a build time appears."""
    skipped = [
        {"file": file, "reason": reason, **({"file_bytes": result.skipped_bytes[file]} if file in result.skipped_bytes else {})}
        for file, reason in result.skipped
    ]
    return {
        **table_sets.MARKER,
        "built_at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "loader_version": __version__,
        "python_version": platform.python_version(),
        "reports_dir": printable(str(reports_dir)),
        "inputs": collected.inputs,
        "tables": result.counts,
        "skipped": skipped,
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
    return workers.one_line(error)


def _write_folder(
    tables: dict[str, pa.Table], manifest: dict, folder: Path, layout: str = "single", texts: dict[str, str] | None = None
) -> None:
    """Every table in `layout` (loaders/contract/layouts.py), the derived summaries (loaders/pipeline/summaries.py),
    then manifest.json naming the layout, its partitions and the summaries; `texts` are the reports' texts by doc_id,
    as written to documents.

    The summaries are worked out from SUMMARY_SOURCES alone: once those are written, a thread writes the other
    tables (pyarrow leaves the interpreter free while it writes) while DuckDB works out the summaries, so the
    build's last step keeps both cores busy instead of doing one after the other."""
    provinces = layouts.provinces(tables["zones"]) if layout == "partitioned" else {}

    def write(name: str) -> dict | None:
        """One table's file, or its partitioned folder (whose listing is returned)."""
        if layout == "partitioned" and name in layouts.PARTITION_KEYS:
            return layouts.write_partitioned(name, tables[name], folder / name, provinces)
        _write_table(tables[name], folder / f"{name}.parquet")
        return None

    first = SUMMARY_SOURCES if texts is not None else (*SUMMARY_SOURCES, "documents")  # without texts: read back
    written = {name: write(name) for name in first}
    with ThreadPoolExecutor(max_workers=1) as pool:
        others = {name: pool.submit(write, name) for name in tables if name not in written}
        listed = summaries.write(folder, texts)  # derived tables the pages read instead of every fact (not the contract's)
        written.update({name: future.result() for name, future in others.items()})
    partitions = {name: written[name] for name in tables if written[name] is not None}
    manifest = {**manifest, "layout": layout, **({"partitions": partitions} if partitions else {}), "summaries": listed}
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def _write_table(table: pa.Table, path: Path) -> None:
    pq.write_table(table, path)
