"""Reports' extraction, spread over processes once there is enough text, each report within its time budget.

Worker processes end with the build's process, even when it is killed (SIGKILL, the OOM
killer), instead of waiting forever on a queue nobody writes to.
"""

from __future__ import annotations

import ctypes
import gc
import logging
import multiprocessing
import os
import signal
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor

from tqdm import tqdm

from ..reading.limits import OverBudget, describe, time_budget
from . import extract

MAX_WORKERS = 8
PARALLEL_FROM_CHARS = 400_000  # below this, starting processes costs more than it saves
PR_SET_PDEATHSIG = 1  # linux/prctl.h: a signal the kernel sends a process when its parent dies

logger = logging.getLogger(__name__)


def count(documents: list[dict]) -> int:
    """Processes for extraction: LOADERS_WORKERS if set, else every core once there is enough text."""
    chosen = int(os.environ.get("LOADERS_WORKERS", "0") or 0)
    if chosen:
        return max(1, chosen)
    chars = sum(document["chars"] for document in documents)
    return min(os.cpu_count() or 1, MAX_WORKERS) if chars >= PARALLEL_FROM_CHARS else 1


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


def extract_all(documents: list[dict], workers: int, quiet: bool, seconds: float):
    """Every report's rows, in order, as they come: reports are independent, so they spread over
    processes, and each is consumed before the next piles up."""
    bar = tqdm(total=len(documents), unit="report", desc="extract", file=sys.stderr, disable=quiet)
    if workers <= 1 or len(documents) < 2:
        for document in documents:
            yield _extract_safely(document, seconds)
            bar.update()
    else:
        chunk = max(1, min(64, len(documents) // (workers * 16)))
        pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_die_with_parent,
            initargs=(os.getpid(),),
        )
        with pool:
            for extracted in pool.map(
                _extract_safely, documents, [seconds] * len(documents), chunksize=chunk
            ):
                yield extracted
                bar.update()
    bar.close()


def _die_with_parent(parent: int) -> None:
    """Worker start: end this process when the build's process ends, even by SIGKILL, rather than wait forever;
    collect reference cycles as usual, though the build forked it with the collector paused."""
    gc.enable()
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
