"""Reports in and out through the app: stage an upload, preview it, publish it, withdraw a report.

    staged = stage(upload_name, data, staging_dir)      the bytes as received, under a safe name
    preview(staged, preview_dir)                          BuildResult of that file alone (nothing published)
    publish([staged ...], reports_dir, out_dir, user)     files into reports_dir, tables rebuilt and swapped
    withdraw(source_file, reports_dir, out_dir, user)     file moved to the archive, tables rebuilt
    audit_entries(log)                                    what was published or withdrawn, newest first

Uploaded files are stored unmodified; their names are reduced to one plain file name, so no upload can
write outside reports_dir. Nothing is ever deleted: a withdrawn file moves to the archive folder. One
publish or withdrawal runs at a time (a lock file beside the reports), and the tables are swapped in
atomically by loaders.pipeline.build, so viewers see the previous tables until the new ones are complete.
Every publish and withdrawal appends a line to the audit log: who, when, files with sha256, counts.
"""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from .build import MANIFEST, BuildResult, build

ACCEPTED_SUFFIXES = (".txt", ".docx", ".pdf")
MAX_NAME_CHARS = 120
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\:*?\"<>|]+")


@dataclass(frozen=True)
class Staged:
    """An upload written to the staging folder: its safe name, where it is, its sha256."""

    name: str
    path: Path
    sha256: str
    size: int


@dataclass(frozen=True)
class Outcome:
    """What a publish or withdrawal did; `error` is a one-line reason when it did nothing."""

    ok: bool
    files: tuple[str, ...]
    counts_before: dict
    counts_after: dict
    error: str | None = None
    build: BuildResult | None = None


def safe_name(upload_name: str) -> str:
    """One plain file name: no folders, no control or reserved characters, no leading dots.

    >>> safe_name("../../x.txt"), safe_name("报告\\n2025.docx"), safe_name(".hidden.pdf"), safe_name("a/b\\\\c.txt")
    ('x.txt', '报告_2025.docx', 'hidden.pdf', 'c.txt')
    """
    name = unicodedata.normalize("NFC", upload_name).replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip().lstrip(".").strip()
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = stem[: MAX_NAME_CHARS - len(suffix) - 1] or "report"
    return f"{stem}.{suffix}" if suffix else stem


def unused_name(folder: Path, name: str) -> str:
    """`name`, or `name-2`, `name-3` … so an upload never replaces a report already there."""
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    candidate, number = name, 1
    while (folder / candidate).exists():
        number += 1
        candidate = f"{stem}-{number}.{suffix}" if suffix else f"{stem}-{number}"
    return candidate


def problem_with(upload_name: str, size: int, max_bytes: int) -> str | None:
    """Why an upload is refused before it is read (kind or size), else None."""
    if not upload_name.lower().endswith(ACCEPTED_SUFFIXES):
        return f"{safe_name(upload_name)}: only {', '.join(ACCEPTED_SUFFIXES)} files are read"
    if size > max_bytes:
        return f"{safe_name(upload_name)}: {size / 2**20:.1f} MB is over the {max_bytes / 2**20:.0f} MB limit"
    return None


def stage(upload_name: str, data: bytes, staging_dir: Path) -> Staged:
    """Write an upload, unmodified, into its own folder under staging_dir."""
    name = safe_name(upload_name)
    digest = hashlib.sha256(data).hexdigest()
    folder = staging_dir / digest[:16]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(data)
    return Staged(name, path, digest, len(data))


def preview(staged: Staged, preview_dir: Path) -> BuildResult:
    """Build the tables of one staged file alone into preview_dir (never the viewers' tables)."""
    return build(staged.path.parent, preview_dir, progress=False)


def publish(staged: Sequence[Staged], reports_dir: Path, out_dir: Path, user: str,
            audit_log: Path | None = None) -> Outcome:
    """Copy the staged files into reports_dir and rebuild; on a failed build the copies are taken back."""
    reports_dir, out_dir = Path(reports_dir), Path(out_dir)
    with _exclusive(reports_dir):
        before = _counts(out_dir)
        written: list[Path] = []
        for item in staged:
            target = reports_dir / unused_name(reports_dir, item.name)
            _copy_new(item.path, target)
            written.append(target)
        result = build(reports_dir, out_dir, progress=False)
        if not result.written:
            for path in written:
                path.unlink(missing_ok=True)
            return Outcome(False, (), before, before, result.error or "the build wrote no tables", result)
        files = tuple(path.name for path in written)
        outcome = Outcome(True, files, before, result.counts, build=result)
        _append(audit_log or default_audit_log(reports_dir), "publish", user,
                [{"file": path.name, "sha256": item.sha256} for path, item in zip(written, staged, strict=True)],
                outcome)
        return outcome


def withdraw(source_file: str, reports_dir: Path, out_dir: Path, user: str, archive_dir: Path | None = None,
             audit_log: Path | None = None) -> Outcome:
    """Move one report file to the archive and rebuild without it; nothing is deleted."""
    reports_dir, out_dir = Path(reports_dir), Path(out_dir)
    archive_dir = Path(archive_dir) if archive_dir else default_archive(reports_dir)
    with _exclusive(reports_dir):
        before = _counts(out_dir)
        source = (reports_dir / source_file).resolve()
        if not source.is_relative_to(reports_dir.resolve()) or not source.is_file():
            return Outcome(False, (), before, before, f"{source_file}: no such report in {reports_dir}")
        others = [path for path in reports_dir.rglob("*") if path.is_file() and path.resolve() != source
                  and not any(part.startswith(".") for part in path.relative_to(reports_dir).parts)]
        if not others:
            return Outcome(False, (), before, before, f"{source_file} is the only report; publish another first")
        sha256 = _sha256(source)
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        archive_dir.mkdir(parents=True, exist_ok=True)
        archived = archive_dir / unused_name(archive_dir, f"{stamp}_{source.name}")
        os.replace(source, archived)
        result = build(reports_dir, out_dir, progress=False)
        if not result.written and result.files_read:
            os.replace(archived, source)
            return Outcome(False, (), before, before, result.error or "the build wrote no tables", result)
        outcome = Outcome(True, (source_file,), before, result.counts if result.written else {}, build=result)
        _append(audit_log or default_audit_log(reports_dir), "withdraw", user,
                [{"file": source_file, "sha256": sha256, "archived_as": archived.name}], outcome)
        return outcome


def default_archive(reports_dir: Path) -> Path:
    """data/archive beside data/reports."""
    return Path(reports_dir).parent / "archive"


def default_audit_log(reports_dir: Path) -> Path:
    """data/audit.jsonl beside data/reports."""
    return Path(reports_dir).parent / "audit.jsonl"


def audit_entries(log: Path) -> list[dict]:
    """Every audit line, newest first; a damaged line is skipped rather than hiding the others."""
    try:
        lines = Path(log).read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        return []
    entries = []
    for line in lines:
        try:
            entries.append(json.loads(line))
        except json.JSONDecodeError:
            continue
    return entries[::-1]


def live_reports(out_dir: Path) -> list[dict]:
    """The input files of the current tables (manifest.json): file, sha256, reports."""
    try:
        manifest = json.loads((Path(out_dir) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return []
    return list(manifest.get("inputs", []))


def _append(log: Path, action: str, user: str, files: list[dict], outcome: Outcome) -> None:
    entry = {
        "at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "action": action,
        "user": user,
        "files": files,
        "counts_before": outcome.counts_before,
        "counts_after": outcome.counts_after,
    }
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("a", encoding="utf-8") as stream:
        stream.write(json.dumps(entry, ensure_ascii=False) + "\n")


def _counts(out_dir: Path) -> dict:
    try:
        return dict(json.loads((out_dir / MANIFEST).read_text(encoding="utf-8")).get("tables", {}))
    except (OSError, json.JSONDecodeError):
        return {}


def _copy_new(source: Path, target: Path) -> None:
    """Copy bytes to a file that must not exist yet (exclusive create: never overwrites a report)."""
    with source.open("rb") as reader, target.open("xb") as writer:
        for block in iter(lambda: reader.read(1 << 20), b""):
            writer.write(block)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextmanager
def _exclusive(reports_dir: Path) -> Iterator[None]:
    """One publish or withdrawal at a time: a second one waits here for the first."""
    lock = Path(reports_dir).parent / ".publish.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
