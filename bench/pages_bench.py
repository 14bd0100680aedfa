"""Server-side page runs with streamlit's AppTest: cold (caches cleared) and cached (median of repeats)."""

from __future__ import annotations

import os
import statistics
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "dashboard.py"

BARE_PAGE = '''"""Bare baseline: the facts Parquet through st.cache_data and one plotly bar chart."""
import os

import pandas as pd
import plotly.express as px
import streamlit as st


@st.cache_data
def load(path):
    return pd.read_parquet(path)


facts = load(os.path.join(os.environ["ZONES_TABLES_DIR"], "facts.parquet"))
totals = facts.groupby("metric", as_index=False)["value"].sum()
st.plotly_chart(px.bar(totals, x="metric", y="value"))
'''


def page_files() -> list[str | None]:
    """None for dashboard.py, then every page file in pages/."""
    return [None, *sorted(f"pages/{path.name}" for path in (ROOT / "pages").glob("*.py"))]


def _clear_caches() -> None:
    import streamlit as st
    from streamlit import logger

    logger.set_log_level("error")  # clearing caches outside a runtime warns on every call

    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        from pages._shared.data import clear_derived

        clear_derived()
    except Exception:  # the data layer is someone else's; a missing helper only makes "cold" warmer
        pass


def _one_run(script: Path, page: str | None, timeout: float):
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(script), default_timeout=timeout)
    if page:
        app.switch_page(page)
    start = time.perf_counter()
    app.run(timeout=timeout)
    return app, time.perf_counter() - start


def _errors(app) -> list[str]:
    return [str(getattr(element, "message", element))[:300] for element in app.exception]


def time_page(script: Path, page: str | None, repeats: int, timeout: float) -> dict:
    """Cold run after clearing every cache, then the median of `repeats` reruns of the same app."""
    label = page or script.name
    try:
        _clear_caches()
        app, cold = _one_run(script, page, timeout)
        errors = _errors(app)
        cached = []
        for _ in range(repeats):
            start = time.perf_counter()
            app.run(timeout=timeout)
            cached.append(time.perf_counter() - start)
            errors += [e for e in _errors(app) if e not in errors]
        return {"page": label, "cold_s": cold, "cached_s": statistics.median(cached), "errors": errors}
    except Exception as error:  # a timeout or a crash of the harness: report, go on with the next page
        return {
            "page": label,
            "cold_s": None,
            "cached_s": None,
            "errors": [f"{type(error).__name__}: {error}"[:300], traceback.format_exc(limit=3)[-600:]],
        }


def run_set(name: str, tables_dir: Path, bare_script: Path, repeats: int, timeout: float, log=print) -> dict:
    """Every page plus the bare page on one tables folder."""
    os.environ["ZONES_TABLES_DIR"] = str(tables_dir)
    bare = time_page(bare_script, None, repeats, timeout)
    bare["page"] = "(bare st.cache_data + plotly bar)"
    log(_line(bare, None))
    rows = []
    for page in page_files():
        row = time_page(APP, page, repeats, timeout)
        row["ratio_to_bare"] = row["cached_s"] / bare["cached_s"] if row["cached_s"] and bare["cached_s"] else None
        rows.append(row)
        log(_line(row, bare))
    return {"tables": name, "tables_dir": str(tables_dir), "bare": bare, "pages": rows}


def _line(row: dict, bare: dict | None) -> str:
    if row["cold_s"] is None:
        return f"    {row['page']:<36} FAILED  {row['errors'][0]}"
    text = f"    {row['page']:<36} cold {row['cold_s']:7.2f} s   cached {row['cached_s']:7.3f} s"
    if bare is not None and row.get("ratio_to_bare") is not None:
        text += f"   ×{row['ratio_to_bare']:.2f} bare"
    if row["errors"]:
        text += f"   RAISED: {row['errors'][0][:120]}"
    return text
