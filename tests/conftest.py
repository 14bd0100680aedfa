"""Shared fixtures: the bundled sample built once per session into a temporary folder."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "data" / "reports"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def sample_tables(tmp_path_factory) -> Path:
    """data/reports built by the real loader into a fresh folder; returns that folder."""
    from loaders.build import build

    out = tmp_path_factory.mktemp("sample") / "tables"
    build(REPORTS, out, progress=False)
    return out
