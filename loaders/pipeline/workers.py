"""Reports' extraction, spread over processes once there is enough text, each report within its time budget.

Worker processes end with the build's process, even when it is killed (SIGKILL, the OOM
killer), instead of waiting forever on a queue nobody writes to.
"""

from __future__ import annotations

import collections
import ctypes
import gc
import itertools
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor

from tqdm import tqdm

from ..reading.limits import OverBudget, describe, time_budget
from . import extract, packed

MAX_WORKERS = 8
PARALLEL_FROM_CHARS = 400_000  # below this, starting processes costs more than it saves
CHUNK_CHARS = 30_000  # a worker's batch of reports: few round trips, and a short wait for the last one
CHUNK_REPORTS = 64
PR_SET_PDEATHSIG = 1  # linux/prctl.h: a signal the kernel sends a process when its parent dies
# Allocations between two young-generation collections in a worker (Python's default is 700): extraction makes
# many short-lived objects and few cycles, and collecting every 700 costs a few percent of a worker's CPU time.
WORKER_GC_THRESHOLD = 10_000

logger = logging.getLogger(__name__)


def count(documents: list[dict]) -> int:
    """Processes for extraction: LOADERS_WORKERS if set, else every core once there is enough text."""
    chosen = _chosen()
    if chosen:
        return chosen
    chars = sum(document["chars"] for document in documents)
    return min(os.cpu_count() or 1, MAX_WORKERS) if chars >= PARALLEL_FROM_CHARS else 1


def _chosen() -> int:
    """LOADERS_WORKERS (at least 1), or 0 when it is not set."""
    chosen = int(os.environ.get("LOADERS_WORKERS", "0") or 0)
    return max(1, chosen) if chosen else 0


def _extract_safely(document: dict, seconds: float) -> dict | str:
    """The rows of one report, or a one-line reason why it could not be read within `seconds` (never raises)."""
    try:
        with time_budget(seconds):
            return extract.extract_document(document)
    except OverBudget:
        return f"extraction took longer than {describe(seconds)} s (LOADERS_REPORT_SECONDS)"
    except Exception as error:
        where = f"{document['source_file']} part {document['part']}"
        logger.debug("extraction failed for %s", where, exc_info=True)
        return f"extraction failed: {type(error).__name__}: {one_line(error)}"


def extract_packed(document: dict, seconds: float) -> packed.Rows | str:
    """One report's rows packed on their own (a Ray task's unit), or why it failed."""
    return packed.pack([_extract_safely(document, seconds)])[0]


def _extract_chunk(documents: list[dict], seconds: float) -> list[packed.Rows | str]:
    """A batch of reports' rows, packed into arrow tables here, so the build's process only gathers them."""
    return packed.pack([_extract_safely(document, seconds) for document in documents])


def extract_all(documents: Iterable[dict], quiet: bool, seconds: float) -> Iterator[packed.Rows | str]:
    """Every report's rows (packed.Rows, or why it failed), in order, as they come: reports are independent,
    so they spread over processes.

    `documents` may be read as they are taken (the build reads its files so): the processes start once
    there is enough text to be worth them and extract the first reports while the rest are read. Every
    document is taken before this returns, so reading is over before the first result is asked for."""
    documents = iter(documents)
    first = _enough_for_processes(documents)
    workers = count(first) if len(first) >= 2 else 1
    bar = tqdm(unit="report", desc="extract", file=sys.stderr, disable=quiet)
    if workers <= 1:
        return _in_this_process([*first, *documents], seconds, bar)
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_die_with_parent,
        initargs=(os.getpid(),),
    )
    gc.freeze()  # the processes fork at the first batch: their collector leaves what they inherit alone
    try:
        chunks = [pool.submit(_extract_chunk, chunk, seconds) for chunk in _chunks(itertools.chain(first, documents))]
    except BaseException:
        pool.shutdown(cancel_futures=True)
        raise
    finally:
        gc.unfreeze()
    return _as_they_come(pool, chunks, bar)


def _in_this_process(documents: list[dict], seconds: float, bar: tqdm) -> Iterator[packed.Rows | str]:
    """The reports extracted in the build's own process, collecting as seldom as a worker does while a chunk is
    extracted (WORKER_GC_THRESHOLD: its objects are short-lived, seldom cycles) and as before between chunks."""
    threshold = gc.get_threshold()
    for chunk in _chunks(documents):
        gc.set_threshold(WORKER_GC_THRESHOLD, *threshold[1:])
        try:
            extracted_chunk = _extract_chunk(chunk, seconds)
        finally:
            gc.set_threshold(*threshold)  # the build's own work between chunks as before
        for extracted in extracted_chunk:
            yield extracted
            bar.update()
    bar.close()


def _as_they_come(pool: ProcessPoolExecutor, chunks: list[Future], bar: tqdm) -> Iterator[packed.Rows | str]:
    """The chunks' results in order; the pool ends with the last (or when the consumer stops early). Each
    chunk is let go once read, so the build never holds every report's rows twice (here and in its tables)."""
    pending = collections.deque(chunks)
    chunks.clear()
    with pool:
        while pending:
            for extracted in pending.popleft().result():
                yield extracted
                bar.update()
    bar.close()


def _enough_for_processes(documents: Iterator[dict]) -> list[dict]:
    """The first documents, up to the text that is worth extra processes (all of them when LOADERS_WORKERS
    is 1, two when it is more), or every document when there is less."""
    chosen = _chosen()
    if chosen == 1:
        return list(documents)
    first, chars = [], 0
    for document in documents:
        first.append(document)
        chars += document["chars"]
        if len(first) >= 2 and (chosen or chars >= PARALLEL_FROM_CHARS):
            break
    return first


def _chunks(documents: Iterable[dict]) -> Iterator[list[dict]]:
    """Consecutive reports in batches of about CHUNK_CHARS characters (at most CHUNK_REPORTS reports)."""
    chunk, chars = [], 0
    for document in documents:
        chunk.append(document)
        chars += document["chars"]
        if chars >= CHUNK_CHARS or len(chunk) >= CHUNK_REPORTS:
            yield chunk
            chunk, chars = [], 0
    if chunk:
        yield chunk


def _die_with_parent(parent: int) -> None:
    """Worker start: end this process when the build's process ends, even by SIGKILL, rather than wait forever;
    collect reference cycles, though the build forked it with the collector paused (less often than by default:
    WORKER_GC_THRESHOLD)."""
    gc.enable()
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: watch the parent instead
        threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()
    if os.getppid() != parent:  # the parent ended before prctl took effect
        os._exit(1)


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(1)


def one_line(error: BaseException) -> str:
    return " ".join(str(error).split())
