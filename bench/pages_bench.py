"""Server-side page runs with streamlit's AppTest: cold (caches cleared) and cached (median of repeats).

Each table set runs in three fresh processes, so neither the synthetic table generator, nor the
bare page, nor the timing loop's repeated cache clearing counts towards the app's memory:

    python -m bench.pages_bench --tables DIR --script bare    the bare one-chart page (cold, cached)
    python -m bench.pages_bench --tables DIR --script app     every page: cold (all caches cleared), cached
    python -m bench.pages_bench --tables DIR --script memory  the app's memory

Each time is also given as the CPU seconds the process spent (its threads, DuckDB's included): on a
shared machine the wall time counts the waits for a core, the CPU time does not.

App memory = the peak RSS (VmHWM of /proc/self/status) of the `memory` process, which works as one server
would: it reads the tables once and runs every page (a first visit, then a rerun), keeping every
session and cache, as a server that has served every page holds them. `baseline_mb` is its RSS
after importing streamlit, pandas, plotly and the dashboard modules, before any table was read.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard.py"

BARE_LABEL = "(bare: st.cache_resource + plotly bar)"
BARE_NOTE = (
    "bare page = the facts Parquet through st.cache_resource and one plotly bar of value by metric; "
    "cache_resource as the app's own tables (st.cache_data would copy 1M rows on every hit, "
    "which made the old baseline 0.75 s); on the partitioned layout the bar's sums come from DuckDB "
    "over the files on every run (nothing held), as a page that reads in place would do"
)
BARE_PAGE = '''"""Bare baseline: one plotly bar of value by metric. A single facts.parquet is read once
(st.cache_resource, as the app's tables) and summed by pandas; a partitioned facts/ folder is summed
by DuckDB where it lies on every run."""
import os
from pathlib import Path

import duckdb
import pandas as pd
import plotly.express as px
import streamlit as st

FOLDER = Path(os.environ["ZONES_TABLES_DIR"])


@st.cache_resource
def load(path):
    return pd.read_parquet(path)


@st.cache_resource
def connection():
    return duckdb.connect()


if (FOLDER / "facts.parquet").exists():
    facts = load(str(FOLDER / "facts.parquet"))
    totals = facts.groupby("metric", as_index=False)["value"].sum()
else:
    files = str(FOLDER / "facts" / "*" / "*" / "*.parquet")
    cursor = connection().cursor()
    totals = cursor.execute(
        "SELECT metric, sum(value) AS value FROM read_parquet(?, hive_partitioning = true) GROUP BY metric ORDER BY metric",
        [files],
    ).df()
st.plotly_chart(px.bar(totals, x="metric", y="value"))
'''


def page_files() -> list[str | None]:
    """None for dashboard.py, then every page file in pages/."""
    return [None, *sorted(f"pages/{path.name}" for path in (ROOT / "pages").glob("*.py"))]


def _rss_mb() -> float:
    """Current resident set size of this process (Linux /proc)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def _peak_mb() -> float:
    """This process's own peak RSS. Not getrusage's ru_maxrss: Linux carries over into it the RSS the
    process had before exec, i.e. the bench parent's after it generated the synthetic tables."""
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024  # kB


def _clear_caches() -> None:
    import streamlit as st
    from streamlit import logger

    logger.set_log_level("error")  # clearing caches outside a runtime warns on every call

    st.cache_data.clear()
    st.cache_resource.clear()
    # The data layer's own caches: derived results, and open DuckDB databases where the app has them.
    for module, function in (("pages._shared.data", "clear_derived"), ("pages._shared.store", "clear")):
        try:
            getattr(importlib.import_module(module), function)()
        except (ImportError, AttributeError):  # a missing helper only makes "cold" warmer
            pass


def _one_run(script: Path, page: str | None, timeout: float):
    """(the app after one run of `page`, the run's seconds, the CPU seconds this process spent in it)."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(script), default_timeout=timeout)
    if page:
        app.switch_page(page)
    start, cpu = time.perf_counter(), time.process_time()
    app.run(timeout=timeout)
    return app, time.perf_counter() - start, time.process_time() - cpu


def _errors(app) -> list[str]:
    return [str(getattr(element, "message", element))[:300] for element in app.exception]


def time_page(script: Path, page: str | None, repeats: int, timeout: float) -> dict:
    """Cold run after clearing every cache, then the median of `repeats` reruns of the same app."""
    label = page or script.name
    try:
        _clear_caches()
        app, cold, cold_cpu = _one_run(script, page, timeout)
        errors = _errors(app)
        cached, cached_cpu = [], []
        for _ in range(repeats):
            start, cpu = time.perf_counter(), time.process_time()
            app.run(timeout=timeout)
            cached.append(time.perf_counter() - start)
            cached_cpu.append(time.process_time() - cpu)
            errors += [e for e in _errors(app) if e not in errors]
        return {"page": label, "cold_s": cold, "cached_s": statistics.median(cached), "cold_cpu_s": cold_cpu,
                "cached_cpu_s": statistics.median(cached_cpu), "errors": errors}
    except Exception as error:  # a timeout or a crash of the harness: report, go on with the next page
        return {
            "page": label,
            "cold_s": None,
            "cached_s": None,
            "errors": [f"{type(error).__name__}: {error}"[:300], traceback.format_exc(limit=3)[-600:]],
        }


def _child(tables_dir: Path, script: str, repeats: int, timeout: float) -> dict:
    """What one bench process measures: the bare page, every app page's times, or the app's memory."""
    os.environ["ZONES_TABLES_DIR"] = str(tables_dir)
    import pandas  # noqa: F401  (imports first: the memory baseline is the RSS before any table is read)
    import plotly.express  # noqa: F401
    from streamlit.testing.v1 import AppTest  # noqa: F401

    if script == "bare":
        with tempfile.TemporaryDirectory(prefix="bench-bare-") as folder:
            bare = Path(folder) / "bare_page.py"
            bare.write_text(BARE_PAGE, encoding="utf-8")
            row = time_page(bare, None, repeats, timeout)
        row["page"] = BARE_LABEL
        print("  ." + _line(row, None)[3:], flush=True)
        return {"bare": row}

    from pages._shared import data, figures, views  # noqa: F401

    if script == "memory":
        return {"memory": _serve_every_page(timeout)}
    rows = []
    for page in page_files():
        row = time_page(APP, page, repeats, timeout)
        rows.append(row)
        print("  ." + _line(row, None)[3:], flush=True)
    return {"pages": rows}


def _serve_every_page(timeout: float) -> dict:
    """As one server process: the tables read once, every page run (first visit, then a rerun), caches kept."""
    baseline = _rss_mb()
    apps = []  # sessions stay open, as browser tabs would
    for page in page_files():
        app, _, _ = _one_run(APP, page, timeout)
        app.run(timeout=timeout)
        apps.append(app)
    memory = {"baseline_mb": baseline, "served_all_rss_mb": _rss_mb(), "peak_mb": _peak_mb()}
    memory["growth_mb"] = memory["peak_mb"] - baseline
    print(
        f"  . app memory: peak RSS {memory['peak_mb']:.0f} MB ({baseline:.0f} MB of it imports before any table; "
        f"{memory['served_all_rss_mb']:.0f} MB held after serving every page)",
        flush=True,
    )
    return memory


def _spawn(tables_dir: Path, script: str, repeats: int, timeout: float) -> dict:
    """Run _child in a fresh python process; its lines go to our stdout, its result comes back as JSON."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as out:
        result_file = Path(out.name)
    command = [
        sys.executable,
        "-m",
        "bench.pages_bench",
        "--tables",
        str(tables_dir),
        "--script",
        script,
        "--repeats",
        str(repeats),
        "--timeout",
        str(timeout),
        "--out",
        str(result_file),
    ]
    try:
        process = subprocess.run(command, cwd=ROOT, check=False)
        if process.returncode != 0 or not result_file.stat().st_size:
            raise RuntimeError(f"bench process `{' '.join(command[1:5])} …` exited with {process.returncode}")
        return json.loads(result_file.read_text(encoding="utf-8"))
    finally:
        result_file.unlink(missing_ok=True)


def run_set(name: str, tables_dir: Path, repeats: int, timeout: float, log=print) -> dict:
    """The bare page and every app page on one tables folder, each in a fresh process."""
    log(f"    {BARE_NOTE}")
    bare = _spawn(tables_dir, "bare", repeats, timeout)["bare"]
    rows = _spawn(tables_dir, "app", repeats, timeout)["pages"]
    memory = _spawn(tables_dir, "memory", repeats, timeout)["memory"]
    for row in rows:
        row["ratio_to_bare"] = (
            row["cached_s"] / bare["cached_s"] if row["cached_s"] and bare["cached_s"] else None
        )
    log(f"    -- {name}: cold and cached seconds, ratio = cached run ÷ the bare page's cached run")
    for row in [bare, *rows]:
        log(_line(row, bare if row is not bare else None))
    return {
        "tables": name,
        "tables_dir": str(tables_dir),
        "bare": bare,
        "bare_note": BARE_NOTE,
        "pages": rows,
        "memory": memory,
    }


def _line(row: dict, bare: dict | None) -> str:
    if row["cold_s"] is None:
        return f"    {row['page']:<40} FAILED  {row['errors'][0]}"
    text = f"    {row['page']:<40} cold {row['cold_s']:7.2f} s   cached {row['cached_s']:7.3f} s"
    if row.get("cold_cpu_s") is not None:
        text += f"   (CPU {row['cold_cpu_s']:.2f} / {row['cached_cpu_s']:.3f} s)"
    if bare is not None and row.get("ratio_to_bare") is not None:
        text += f"   ×{row['ratio_to_bare']:.2f} bare"
    if row["errors"]:
        text += f"   RAISED: {row['errors'][0][:120]}"
    return text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pages_bench", description="one page-bench process")
    parser.add_argument("--tables", type=Path, required=True)
    parser.add_argument("--script", choices=("app", "bare", "memory"), required=True)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args(argv)
    result = _child(args.tables, args.script, args.repeats, args.timeout)
    args.out.write_text(json.dumps(result, ensure_ascii=False, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
