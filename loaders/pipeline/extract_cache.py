"""What a build already knows: each file's reading and each report's extraction, kept between builds.

A rebuild after one new report (an editor's publish) reads and extracts only that report; every
other file is taken from here when its bytes (sha256), its name and the loaders' rules are the same.
A file's reports are kept as one entry, as the build keeps or skips a file whole: a corpus of many
short reports costs one cache file per source file, not one per report (thousands of small files
cost more to write than the pickling itself).
The rules' fingerprint hashes every module and lexicon file of the loaders, so any change to code or
word lists starts afresh. Entries are written atomically and removed once a build no longer uses them.
The tables come out byte for byte as a build without the cache (tested).

    cache = ExtractCache.at(folder)            # ExtractCache.off() for none
    cache.read(name, sha256) / cache.keep_read(name, sha256, parts)
    cache.extract_files(files, extract)        # each file's results in order; extract(documents) -> iterator
    cache.prune()                              # after a written build: drop what it did not use
"""

from __future__ import annotations

import hashlib
import logging
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .. import __version__
from . import packed

PACKAGE = Path(__file__).resolve().parents[1]
logger = logging.getLogger(__name__)


@cache
def rules_fingerprint() -> str:
    """A hash of the loaders' code and lexicon: same fingerprint, same extraction."""
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(PACKAGE.rglob("*")):
        if path.is_file() and path.suffix in {".py", ".csv", ".yaml", ".yml", ".toml", ".json"}:
            digest.update(path.relative_to(PACKAGE).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


@dataclass
class ReadParts:
    """One file read and split: what _read_one needs of the source besides its reports."""

    encoding: str
    undecodable_bytes: int
    nul_bytes_dropped: int
    parts: list[dict]


@dataclass
class ExtractCache:
    folder: Path | None  # None: no cache
    used: set[str] = field(default_factory=set)

    @classmethod
    def at(cls, root: Path) -> ExtractCache:
        return cls(Path(root) / rules_fingerprint())

    @classmethod
    def off(cls) -> ExtractCache:
        return cls(None)

    def read(self, name: str, sha256: str | None) -> ReadParts | None:
        return self._load(_key("read", name, sha256)) if sha256 else None

    def keep_read(self, name: str, sha256: str | None, parts: ReadParts) -> None:
        if sha256:
            self._store(_key("read", name, sha256), parts)

    def extract_files(self, files: Iterable[list[dict]], extract: Callable[[Iterable[dict]], Iterator]) -> Iterator[list]:
        """Each file's results (one per report), in order: cached files' from here, the others' through `extract`.

        `files` may be read as they are asked for; `extract` takes every report it is handed before it
        returns (loaders/pipeline/engines.py), so every file has been read when the first result is asked for."""
        seen: list[tuple[str, list | None, int]] = []  # each file's key, its cached results, its reports

        def missing() -> Iterator[dict]:
            for file in files:
                key = _file_key(file) if self.folder else ""
                found = _valid(self._load(key), len(file)) if key else None
                seen.append((key, found, len(file)))
                if found is None:
                    yield from file

        fresh = extract(missing())
        for key, found, reports in seen:
            if found is not None:
                yield found
                continue
            results = [next(fresh) for _ in range(reports)]
            if key and all(isinstance(result, packed.Rows) for result in results):  # a failure is tried again next time
                self._store(key, packed.own_rows(results))
            yield results

    def prune(self) -> None:
        """Keep only what this build used, and no other rules' entries."""
        if self.folder is None or not self.folder.is_dir():
            return
        for path in self.folder.iterdir():
            if path.name not in self.used:
                path.unlink(missing_ok=True)
        for other in self.folder.parent.iterdir():
            if other != self.folder and other.is_dir():
                shutil.rmtree(other, ignore_errors=True)

    def _load(self, key: str):
        if self.folder is None:
            return None
        try:
            with (self.folder / key).open("rb") as stream:
                value = pickle.load(stream)
        except FileNotFoundError:
            return None
        except Exception:  # a damaged entry is read afresh, never trusted
            logger.debug("cache entry %s unreadable", key, exc_info=True)
            return None
        self.used.add(key)
        return value

    def _store(self, key: str, value) -> None:
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self.folder / key)
            self.used.add(key)
        except OSError:  # a full disk costs the next build time, never this build
            logger.debug("cannot keep %s in the cache", key, exc_info=True)


def _key(*parts: str) -> str:
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def _valid(found, reports: int) -> list | None:
    """A file's cached results, or None when the entry does not hold one result per report."""
    return found if isinstance(found, list) and len(found) == reports else None


def _file_key(documents: list[dict]) -> str:
    return "x" + _key(*(_document_key(document) for document in documents))


def _document_key(document: dict) -> str:
    digest = hashlib.sha256()
    for name in sorted(document):
        if name != "text":
            digest.update(f"{name}={document[name]!r}\x00".encode("utf-8", "surrogatepass"))
    digest.update(str(document.get("text", "")).encode("utf-8", "surrogatepass"))
    return "x" + digest.hexdigest()
