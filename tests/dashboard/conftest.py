"""Fixtures of the dashboard tests: the app in-process (AppTest) on the sample, the gold or hand-made tables.

sample_tables (the bundled sample built by the real loaders) is in tests/conftest.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def sample_env(sample_tables, monkeypatch) -> Path:
    """ZONES_TABLES_DIR -> the bundled sample built by the real loaders."""
    monkeypatch.setenv("ZONES_TABLES_DIR", str(sample_tables))
    return sample_tables


@pytest.fixture
def run_page():
    """run_page(page_id, **query_params) -> the AppTest of that page after one run (query values may be lists)."""
    from streamlit.testing.v1 import AppTest

    from pages._shared import nav

    def run(page_id: str, **params):
        app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
        for name, value in params.items():
            app.query_params[name] = value
        path = nav.PAGES_BY_ID[page_id].path
        if path != "dashboard.py":
            app.switch_page(path)
        return app.run()

    return run


@pytest.fixture(scope="session")
def gold_tables(tmp_path_factory) -> Path:
    """The sample's gold annotation as contract tables (independent of the loaders)."""
    from gold_tables import gold_tables as write_gold

    return write_gold(tmp_path_factory.mktemp("gold") / "tables")


@pytest.fixture
def gold_env(gold_tables, monkeypatch) -> Path:
    monkeypatch.setenv("ZONES_TABLES_DIR", str(gold_tables))
    return gold_tables


@pytest.fixture
def tables_env(tmp_path, monkeypatch):
    """tables_env(frames) -> writes hand-made contract tables to tmp and points the app at them."""
    from pages._shared.model import write_tables

    def write(frames: dict) -> Path:
        folder = write_tables(frames, tmp_path / "tables", {"built_at": "2026-11-30T00:00:00+00:00"})
        monkeypatch.setenv("ZONES_TABLES_DIR", str(folder))
        return folder

    return write
