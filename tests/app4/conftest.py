"""AppTest fixtures of the targets / progress / sources / quality pages: sample, gold and hand-made tables."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
APP = str(ROOT / "dashboard.py")
PAGES4 = {
    "targets": "pages/5_targets.py",
    "progress": "pages/6_progress.py",
    "sources": "pages/7_sources.py",
    "quality": "pages/8_quality.py",
}


@pytest.fixture
def sample_env(sample_tables, monkeypatch) -> Path:
    """ZONES_TABLES_DIR -> the bundled sample built by the real loaders."""
    monkeypatch.setenv("ZONES_TABLES_DIR", str(sample_tables))
    return sample_tables


@pytest.fixture(scope="session")
def gold_tables(tmp_path_factory) -> Path:
    """The sample's gold annotation as contract tables (independent of the loaders)."""
    from gold4 import gold_tables as write_gold

    return write_gold(tmp_path_factory.mktemp("gold") / "tables")


@pytest.fixture
def gold_env(gold_tables, monkeypatch) -> Path:
    monkeypatch.setenv("ZONES_TABLES_DIR", str(gold_tables))
    return gold_tables


@pytest.fixture
def tables_env(tmp_path, monkeypatch):
    """tables_env(frames) -> writes hand-made contract tables to tmp and points the app at them."""
    from pages._shared.data import write_tables

    def write(frames: dict) -> Path:
        folder = write_tables(frames, tmp_path / "tables", {"built_at": "2026-11-30T00:00:00+00:00"})
        monkeypatch.setenv("ZONES_TABLES_DIR", str(folder))
        return folder

    return write


@pytest.fixture
def run_page4():
    """run_page4(page_id, **query_params) -> the AppTest after one run."""
    from streamlit.testing.v1 import AppTest

    def run(page_id: str, **params):
        app = AppTest.from_file(APP, default_timeout=60)
        for name, value in params.items():
            app.query_params[name] = value
        app.switch_page(PAGES4[page_id])
        return app.run()

    return run
