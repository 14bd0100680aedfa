"""AppTest fixtures of the targets / progress / sources / quality pages: gold and hand-made tables.

run_page and sample_env, shared with tests/app, are in tests/conftest.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest


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
