"""The tables folder: only ever replace what the loaders wrote, one build at a time, never a moment without tables.

`out` (data/tables) is a symbolic link to a sibling folder `.tables-<id>` that holds one
complete set. A build writes the new set into `.tables.tmp-<pid>-<id>`, renames it to
`.tables-<id>` and replaces the link with os.replace, which is atomic: a reader finds
the previous set or the new one, whole. The previous set stays until the next build, so a
reader that resolved the link just before the switch can finish. A build holds
`.tables-lock` (flock) beside out from the first check to the switch.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import re
import shutil
import sys
import uuid
from contextlib import contextmanager
from pathlib import Path

from ..contract.schema import TABLES
from ..reading.listing import printable
from .summaries import SUMMARY_FOLDER

MANIFEST = "manifest.json"
MARKER = {"written_by": "loaders"}  # in every manifest.json; what makes a folder replaceable
LEGACY_KEYS = ("loader_version", "built_at")  # manifests written before the marker existed
WRITTEN_FILES = frozenset({*(f"{name}.parquet" for name in TABLES), *TABLES, MANIFEST, SUMMARY_FOLDER})  # TABLES: partitioned folders
NAMES_SHOWN = 3

logger = logging.getLogger(__name__)


class LockError(Exception):
    """The lock of this tables folder cannot be taken; str() is the one-line reason."""


class Busy(LockError):
    """Another build holds the lock of this tables folder."""


def _set_pattern(out: Path) -> re.Pattern:
    return re.compile(rf"\.{re.escape(out.name)}-[0-9a-f]{{12}}")


def _sets(out: Path) -> list[Path]:
    """Every complete or half-switched set beside out, oldest first."""
    pattern = _set_pattern(out)
    found = []
    for path in out.parent.glob(f".{out.name}-*"):
        try:
            if pattern.fullmatch(path.name) and path.is_dir() and not path.is_symlink():
                found.append((path.stat().st_mtime_ns, path.name, path))
        except OSError:  # removed meanwhile
            continue
    return [path for *_, path in sorted(found)]


def _current_set(out: Path) -> Path | None:
    """The set out links to, when out is one of our links."""
    if not out.is_symlink():
        return None
    target = os.readlink(out)
    return out.parent / target if _set_pattern(out).fullmatch(target) else None


def out_problem(out: Path) -> str | None:
    """Why out may not be replaced: only an absent or empty folder, or tables the loaders wrote, may be."""
    folder = out
    if out.is_symlink():
        current = _current_set(out)
        if current is None:
            return (
                f"refusing to replace {printable(str(out))}: it is a symbolic link the loaders did not make"
            )
        folder = current
    if not folder.exists():
        return None
    if not folder.is_dir():
        return f"output path is not a folder: {printable(str(out))}"
    names = sorted(os.listdir(folder))
    if not names:
        return None
    foreign = [name for name in names if name not in WRITTEN_FILES]
    if not foreign and not _written_by_loaders(folder / MANIFEST):
        foreign = [MANIFEST]
    if not foreign:
        return None
    shown = ", ".join(printable(name) for name in foreign[:NAMES_SHOWN])
    more = f" and {len(foreign) - NAMES_SHOWN} more" if len(foreign) > NAMES_SHOWN else ""
    return (
        f"refusing to replace {printable(str(out))}: it holds files the loaders did not write "
        f"({shown}{more}); choose an empty or new folder"
    )


def _written_by_loaders(manifest: Path) -> bool:
    try:
        content = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(content, dict):
        return False
    return content.get("written_by") == MARKER["written_by"] or all(key in content for key in LEGACY_KEYS)


@contextmanager
def build_lock(out: Path, wait: bool):
    """Hold `.<name>-lock` beside out; wait for another build (saying so) or raise Busy."""
    lock = out.parent / f".{out.name}-lock"
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(lock, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
    except OSError as error:
        raise LockError(
            f"cannot create the lock file {printable(str(lock))}: {error.strerror or error}"
        ) from None
    try:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise Busy(
                    f"another build of {printable(str(out))} is running; try again when it ends"
                ) from None
            print(
                f"waiting for another build of {printable(str(out))} to finish", file=sys.stderr, flush=True
            )
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # releases the lock; the file stays, so every build locks the same inode


def write_and_switch(out: Path, write) -> None:
    """Call write(folder) on a fresh folder, then make out point to it; out is untouched if anything fails."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = _sibling(out, "tmp")
    tmp.mkdir()
    new_set = out.parent / f".{out.name}-{uuid.uuid4().hex[:12]}"
    try:
        write(tmp)
        os.rename(tmp, new_set)
        previous = _switch(out, new_set)
    except BaseException:
        shutil.rmtree(new_set, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    _remove_sets(out, keep=(new_set, previous))


def _switch(out: Path, new_set: Path) -> Path | None:
    """Point out at new_set in one os.replace; a real folder there (older loaders, or empty) is moved aside first."""
    previous = _current_set(out)
    if out.is_dir() and not out.is_symlink():
        if any(out.iterdir()):
            previous = out.parent / f".{out.name}-{uuid.uuid4().hex[:12]}"
            os.rename(out, previous)  # once per checkout: the folder becomes a set like the others
        else:
            out.rmdir()
    link = _sibling(out, "link")
    os.symlink(new_set.name, link)
    try:
        os.replace(link, out)
    except BaseException:
        link.unlink(missing_ok=True)
        raise
    return previous


def _remove_sets(out: Path, keep: tuple[Path | None, ...]) -> None:
    for folder in _sets(out):
        if folder not in keep:
            shutil.rmtree(folder, ignore_errors=True)


def _sibling(out: Path, kind: str) -> Path:
    return out.parent / f".{out.name}.{kind}-{os.getpid()}-{uuid.uuid4().hex[:8]}"


def recover(out: Path) -> None:
    """Clean what killed builds left (run under the lock): half-written folders, stray links, unused sets.

    When out is missing while complete sets exist (removed by hand, or a build of older loaders
    killed mid-swap), out is pointed at the newest of them.
    """
    for folder in sorted(out.parent.glob(f".{out.name}.old-*")):  # the two-rename swap of older loaders
        if not _owner_alive(folder) and not out.exists() and not out.is_symlink():
            logger.info("restoring %s from a killed build", printable(str(out)))
            os.replace(folder, out)
    for leftover in sorted(out.parent.glob(f".{out.name}.*-*")):
        kind = leftover.name[len(out.name) + 2 :]
        if kind.startswith(("tmp-", "old-", "link-")) and not _owner_alive(leftover):
            if leftover.is_symlink() or not leftover.is_dir():
                leftover.unlink(missing_ok=True)
            else:
                shutil.rmtree(leftover, ignore_errors=True)
    complete = [folder for folder in _sets(out) if (folder / MANIFEST).exists()]
    if not out.exists() and complete:
        logger.info("pointing %s at the newest complete tables", printable(str(out)))
        link = _sibling(out, "link")
        os.symlink(complete[-1].name, link)
        os.replace(link, out)
    _remove_sets(out, keep=(_current_set(out),))


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
