"""Every public query gives, row for row, the results stored from the pandas queries (see __init__).

A failure names the selection and the query and shows the first row that differs. After an intended
change of results, regenerate with `python -m tests.dashboard.snapshots` and review `xzcat` of the file.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from loaders.pipeline import summaries
from pages._shared import store
from tests.dashboard import snapshots

STORED = snapshots.read()


@pytest.fixture(scope="module", params=["facts only", "with summaries"])
def current(request, tmp_path_factory):
    """selection -> query -> today's canonical result, computed once per selection on first use; on the
    tables alone (every latest value computed from the facts) and with the build's summaries beside them."""
    folder = snapshots.write_tables(tmp_path_factory.mktemp("snapshots") / "tables")
    if request.param == "with summaries":
        summaries.write(folder)
    tables = snapshots.load(folder)
    assert store.database(tables).summaries == (set(summaries.KNOWN) if request.param == "with summaries" else set())
    computed: dict[str, dict] = {}

    def results(selection_name: str) -> dict:
        if selection_name not in computed:
            computed[selection_name] = snapshots.results(
                tables, snapshots.SELECTIONS[selection_name], keep_errors=True
            )
        return computed[selection_name]

    return results


def test_every_selection_and_query_is_stored():
    assert list(STORED) == list(snapshots.SELECTIONS)
    for selection_name in snapshots.SELECTIONS:
        stored = [name.split("[")[0] for name in STORED[selection_name]]
        assert list(dict.fromkeys(stored)) == snapshots.query_names(), selection_name


@pytest.mark.parametrize(
    ("selection_name", "query"),
    [(selection_name, query) for selection_name, stored in STORED.items() for query in stored],
)
def test_query_gives_the_stored_rows(current, selection_name, query):
    expected = STORED[selection_name][query]
    results = current(selection_name)
    raised = results.get(query.split("[")[0], {})
    assert not (isinstance(raised, dict) and "raised" in raised), raised.get("raised")
    assert query in results, f"{query} is no longer computed"
    actual = results[query]
    if isinstance(expected, dict) and "rows" in expected:
        _assert_same_frame(actual, expected)
    else:
        assert actual == expected


def _assert_same_frame(actual: dict, expected: dict) -> None:
    assert actual["frame"] == expected["frame"], "columns differ"
    differing = {
        column: (got, wanted)
        for column, got, wanted in zip(expected["frame"], actual["dtypes"], expected["dtypes"], strict=True)
        if got != wanted
    }
    assert not differing, f"column types differ (now, stored): {differing}"
    assert len(actual["rows"]) == len(expected["rows"]), "row counts differ"
    for position, (got, wanted) in enumerate(zip(actual["rows"], expected["rows"], strict=True)):
        changed = {
            column: (now, before)
            for column, now, before in zip(expected["frame"], got, wanted, strict=True)
            if now != before
        }
        assert not changed, f"row {position} differs (now, stored): {changed}"


def test_canonical_form_reads_categoricals_as_text_and_every_missing_value_as_null():
    text = ["鹤淇", None, "柘城"]
    frames = [
        pd.DataFrame({"zone": pd.Series(text, dtype="category"), "value": [1.5, np.nan, 2.0]}),
        pd.DataFrame({"zone": pd.Series(text, dtype="string"), "value": pd.array([1.5, None, 2.0], dtype="Float64")}),
        pd.DataFrame({"zone": pd.Series(text, dtype=object), "value": [1.5, None, 2.0]}).set_axis([7, 8, 9]),
    ]
    forms = [snapshots.canonical(frame) for frame in frames]
    assert forms[0] == forms[1] == forms[2] == {
        "frame": ["zone", "value"],
        "dtypes": ["string", "float"],
        "rows": [["鹤淇", 1.5], [None, None], ["柘城", 2.0]],
    }


def test_canonical_form_keeps_integers_apart_from_floats_and_order_of_rows():
    years = snapshots.canonical(pd.DataFrame({"year": pd.array([2025, None], dtype="Int64")}))
    as_floats = snapshots.canonical(pd.DataFrame({"year": [2025.0, np.nan]}))
    reversed_rows = snapshots.canonical(pd.DataFrame({"year": pd.array([None, 2025], dtype="Int64")}))
    assert years["dtypes"] == ["int"] and as_floats["dtypes"] == ["float"]
    assert years["rows"] != reversed_rows["rows"]
