"""Where reports are extracted: this machine's processes (the default) or a Ray cluster.

Both run the same pure function per report (workers._extract_safely, its rows packed in arrow:
pipeline/packed.py) and hand the results back in the reports' order, so the driver assembles and
switches the tables the same way and the tables are the same bytes. Ray is optional (`pip install -e '.[ray]'`).
"""

from __future__ import annotations

import logging
import os
import socket
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path

from tqdm import tqdm

from . import workers

ENGINES = ("process", "ray")
IN_FLIGHT_PER_CPU = 16  # Ray tasks waiting per CPU: enough to keep workers busy, few enough to bound memory
PACKAGE = Path(__file__).resolve().parents[1]
REACH_SECONDS = 5  # Ray itself retries an unreachable address for minutes

logger = logging.getLogger(__name__)


class EngineError(Exception):
    """The engine could not run or lost a worker; str() is the one-line reason."""


def problem(engine: str, address: str | None = None) -> str | None:
    """Why `engine` cannot run here (one line), or None."""
    if engine not in ENGINES:
        return f"unknown engine {engine!r}; expected one of {', '.join(ENGINES)}"
    if engine == "ray":
        try:
            import ray  # noqa: F401
        except ImportError:
            return "--engine ray needs Ray: pip install -e '.[ray]'"
        if address:
            return _unreachable(address)
    return None


def _unreachable(address: str) -> str | None:
    """Why host:port (or ray://host:port) cannot be reached within REACH_SECONDS, or None."""
    host, _, port = address.removeprefix("ray://").rpartition(":")
    if address == "auto":
        return None
    if not host or not port.isdigit():
        return f"--address {address}: expected HOST:PORT (the Ray head's GCS) or ray://HOST:PORT (Ray Client)"
    try:
        socket.create_connection((host, int(port)), timeout=REACH_SECONDS).close()
    except OSError as error:
        return f"cannot reach the Ray cluster at {address}: {error.strerror or error}"
    return None


def extractor(engine: str, address: str | None, seconds: float, quiet: bool):
    """A function documents -> an iterator of their extracted rows in order, on `engine`. The documents may be
    read as they are taken (the build reads its files so); the function takes every one before it returns."""
    if engine == "ray":
        return lambda documents: ray_extract_all(documents, address, seconds, quiet)
    return lambda documents: workers.extract_all(documents, quiet, seconds)


def ray_extract_all(documents: Iterable[dict], address: str | None, seconds: float, quiet: bool) -> Iterator:
    """Every report's rows in order (ray_results), every report taken before this returns, as with the process pool."""
    return ray_results(list(documents), address, seconds, quiet)


def ray_results(documents: list[dict], address: str | None, seconds: float, quiet: bool):
    """Every report's rows in order, one Ray task per report; at most IN_FLIGHT_PER_CPU tasks per CPU wait.

    Without an address a private local Ray is started (every core, no dashboard, workers' logs kept
    off the terminal) and shut down at the end; with one, the build joins that cluster and leaves it
    running. The loaders package travels with the tasks (py_modules), so the cluster runs this code."""
    import ray

    if not documents:
        return
    started = not ray.is_initialized()
    if started:
        _start(ray, address)
    bar = tqdm(total=len(documents), unit="report", desc="extract (ray)", file=sys.stderr, disable=quiet)
    try:
        task = ray.remote(workers.extract_packed)
        limit = IN_FLIGHT_PER_CPU * max(1, int(ray.cluster_resources().get("CPU", 1)))
        waiting: deque = deque()
        pending = iter(documents)
        for document in pending:
            waiting.append(task.remote(document, seconds))
            if len(waiting) >= limit:
                break
        while waiting:
            try:
                extracted = ray.get(waiting.popleft())
            except ray.exceptions.RayError as error:  # a worker or node died; the task itself never raises
                raise EngineError(f"a Ray task failed: {type(error).__name__}: {workers.one_line(error)[:300]}") from None
            for document in pending:
                waiting.append(task.remote(document, seconds))
                break
            yield extracted
            bar.update()
    finally:
        bar.close()
        if started:
            ray.shutdown()


def _start(ray, address: str | None) -> None:
    """Join the cluster at address, or start a private local Ray on every core."""
    options = {"runtime_env": {"py_modules": [str(PACKAGE)]}, "log_to_driver": False, "logging_level": logging.ERROR}
    try:
        if address:
            ray.init(address=address, **options)
        else:
            ray.init(num_cpus=os.cpu_count() or 1, include_dashboard=False, **options)
    except Exception as error:
        where = f"join the Ray cluster at {address}" if address else "start a local Ray"
        raise EngineError(f"cannot {where}: {type(error).__name__}: {workers.one_line(error)[:300]}") from None
