"""The derived-result cache holds at most DERIVED_MAX_BYTES of results: the least recently used go first."""

from __future__ import annotations

import dashboard_fixtures as fx
import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from pages._shared import memo, report_choices


@pytest.fixture
def cache():
    memo.clear_derived()
    yield
    memo.clear_derived()


def numbers(tables, size: int) -> pd.DataFrame:
    """A frame of `size` float64 values (8 bytes each)."""
    calls.append(size)
    return pd.DataFrame({"value": np.zeros(size)})


calls: list[int] = []


def test_results_are_measured_by_their_buffers():
    frame = pd.DataFrame({"value": np.zeros(1000), "name": pd.array(["x"] * 1000, dtype="string")})
    assert memo.approximate_bytes(frame) == frame.memory_usage(deep=True).sum() > 8000
    assert memo.approximate_bytes((frame, frame)) > 2 * 8000
    choices = report_choices.ReportChoices({"d1": "报告" * 1000}, 1)
    assert memo.approximate_bytes(choices) > 2000
    figure = go.Figure(go.Bar(x=np.arange(10_000), y=np.zeros(10_000)))
    assert memo.approximate_bytes(figure) > 80_000  # the y values alone (plotly keeps them base64-encoded)


def test_the_least_recently_used_results_leave_when_the_bytes_run_out(cache, monkeypatch):
    tables = fx.tables()
    monkeypatch.setattr(memo, "DERIVED_MAX_BYTES", 25_000)
    calls.clear()
    first = memo.derived(tables, numbers, 1000)  # ~8 KB each
    memo.derived(tables, numbers, 1001)
    assert memo.derived(tables, numbers, 1000) is first  # used again: now the most recent
    memo.derived(tables, numbers, 1002)
    memo.derived(tables, numbers, 1003)  # over 25 KB: 1001 goes, the least recently used
    assert calls == [1000, 1001, 1002, 1003]
    memo.derived(tables, numbers, 1000)
    memo.derived(tables, numbers, 1001)
    assert calls == [1000, 1001, 1002, 1003, 1001]
    assert 0 < memo.derived_bytes() <= 25_000


def test_a_result_larger_than_the_budget_is_kept_alone(cache, monkeypatch):
    tables = fx.tables()
    monkeypatch.setattr(memo, "DERIVED_MAX_BYTES", 1000)
    calls.clear()
    memo.derived(tables, numbers, 10)
    big = memo.derived(tables, numbers, 5000)
    assert memo.derived(tables, numbers, 5000) is big
    memo.derived(tables, numbers, 10)
    assert calls == [10, 5000, 10]
    memo.clear_derived()
    assert memo.derived_bytes() == 0
