"""AppTest fixtures: run the dashboard in-process on the sample's tables (ZONES_TABLES_DIR)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from app_helpers import PAGES

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
APP = str(ROOT / "dashboard.py")


@pytest.fixture
def sample_env(sample_tables, monkeypatch) -> Path:
    """ZONES_TABLES_DIR -> the bundled sample built by the real loaders."""
    monkeypatch.setenv("ZONES_TABLES_DIR", str(sample_tables))
    return sample_tables


@pytest.fixture
def run_page():
    """run_page(page_id, **query_params) -> the AppTest after one run (query values may be lists)."""
    from streamlit.testing.v1 import AppTest

    def run(page_id: str, **params):
        app = AppTest.from_file(APP, default_timeout=60)
        for name, value in params.items():
            app.query_params[name] = value
        if PAGES[page_id]:
            app.switch_page(PAGES[page_id])
        return app.run()

    return run
