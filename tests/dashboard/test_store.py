"""The facts are queried with DuckDB where they lie: both table layouts give the same rows as tables
held in memory, no page reads the whole facts table, and filter values never become SQL."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from loaders.contract import schema
from loaders.pipeline.build import Plan, build
from pages._shared import facts_sql, model, queries, report_choices, store, views
from pages._shared.data import load_tables
from pages._shared.model import Selection

ROOT = Path(__file__).resolve().parents[2]
REPORTS = ROOT / "data" / "reports"
HOSTILE = (
    "'; DROP TABLE facts; --",
    "' OR '1'='1",
    '" OR ""="',
    "%",
    "_",
    "); SELECT * FROM quality; --",
    "\\'; DELETE FROM facts WHERE true; --",
    "$zone_ids",
    "?",
)


@pytest.fixture(scope="module")
def partitioned_tables(tmp_path_factory) -> Path:
    """The sample built by the real loaders in the partitioned layout."""
    out = tmp_path_factory.mktemp("partitioned") / "tables"
    build(REPORTS, out, progress=False, plan=Plan(layout="partitioned"))
    return out


def _plain(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame with categoricals as strings and a fresh index, to compare values only."""
    return frame.reset_index(drop=True).astype(
        {column: "string" for column in frame.columns if isinstance(frame[column].dtype, pd.CategoricalDtype)}
    )


def _answers(tables) -> dict[str, object]:
    zones = tables.zones["zone_id"].astype(str).tolist()
    some = Selection(tuple(zones[:2]), tuple(queries.fact_years(tables)[-1:]))
    metrics = tuple(schema.metrics()["metric"])
    return {
        "latest": queries.latest_facts(tables, Selection()),
        "latest of some": queries.latest_facts(tables, some, None, schema.KINDS),
        "kpi": queries.kpi_totals(tables, Selection()),
        "by year": queries.topic_by_year(tables, Selection(), "revenue"),
        "growth": queries.topic_growth(tables, Selection(), "revenue"),
        "data rows": queries.data_rows(tables, some),
        "pairs": queries.target_pairs(tables, Selection()),
        "first pairs": views.first_pairs(tables, Selection())[1],
        "pair summary": views.first_pairs(tables, Selection())[0],
        "coverage": queries.coverage_cells(tables, Selection(), metrics),
        "pipeline": queries.project_pipeline(tables, Selection()),
        "investment": queries.project_investment(tables, Selection()),
        "counts": queries.metric_counts(tables, some, metrics),
        "implausible": queries.implausible_count(tables, Selection()),
        "reports with figures": report_choices.reports_with_facts(tables, some, limit=None),
        "first reports": report_choices.reports_with_facts(tables, Selection(), keep=_last_report(tables), limit=2),
        "reports about": report_choices.reports_about(tables, some, focus=_last_report(tables)[0], limit=1),
        "report rows": store.document_rows(tables, ("nope", *_last_report(tables), *tables.zones["doc_ids"].iloc[0][:1])),
    }


def _last_report(tables) -> tuple[str, ...]:
    return tuple(tables.documents["doc_id"].astype(str).tail(1))


def _assert_same(left: dict, right: dict) -> None:
    assert left.keys() == right.keys()
    for name, expected in left.items():
        if isinstance(expected, pd.DataFrame):
            pd.testing.assert_frame_equal(_plain(right[name]), _plain(expected), check_dtype=False, obj=name)
        else:
            assert right[name] == expected, name


def test_both_layouts_answer_as_the_same_tables_held_in_memory(sample_tables, partitioned_tables):
    single = load_tables(sample_tables)
    held = model.tables_from_frames(
        {name: getattr(single, name) for name in model.TABLE_NAMES}, manifest=single.manifest
    )
    expected = _answers(held)
    assert len(expected["latest"]) > 10 and len(expected["pairs"]) > 0  # the sample gives rows to compare
    assert store.database(single).order == store.FILE_ORDER
    assert store.database(load_tables(partitioned_tables)).partitioned
    _assert_same(expected, _answers(single))
    _assert_same(expected, _answers(load_tables(partitioned_tables)))


def test_a_partitioned_folder_reads_only_the_selected_provinces_and_years(partitioned_tables):
    tables = load_tables(partitioned_tables)
    zone = tables.zones.iloc[0]
    wanted = facts_sql.FactFilter(zone_ids=(str(zone["zone_id"]),), years=(2025,))
    clause, parameters = facts_sql.where(tables, wanted)
    assert "province IN" in clause and "fact_year IN" in clause
    assert parameters["provinces"] == [str(zone["province"])]
    assert parameters["fact_years"] == ["2025", "unknown"]
    rows = facts_sql.rows(tables, wanted)
    assert set(rows["zone_id"].astype(str)) <= {str(zone["zone_id"])}
    assert set(rows["year"].dropna()) <= {2025}


def test_a_report_s_facts_are_read_from_its_zones_folders_and_none_is_missed(partitioned_tables):
    tables = load_tables(partitioned_tables)
    every_province = {*tables.zones["province"].dropna().astype(str), "unknown"}
    read, found = [], 0
    for doc_id in tables.documents["doc_id"].astype(str):
        provinces = facts_sql.report_provinces(tables, doc_id)
        assert "unknown" in provinces and set(provinces) <= every_province
        read.append(len(provinces))
        everywhere = facts_sql.rows(tables, facts_sql.FactFilter(doc_ids=(doc_id,)))
        pd.testing.assert_frame_equal(queries.document_facts(tables, doc_id), everywhere)
        found += len(everywhere)
    assert found == queries.fact_count(tables) > 0  # every fact is some report's
    assert min(read) < len(every_province)  # some report skips a province's folders
    assert facts_sql.report_provinces(tables, "nope") == ("unknown",)


def test_a_province_narrowing_is_never_answered_by_a_summary(partitioned_tables):
    """Summaries have no folders: a filter narrowed to provinces is answered from the facts themselves."""
    tables = load_tables(partitioned_tables)
    assert store.database(tables).summaries  # the build wrote them: the summary path is open to other filters
    nowhere = facts_sql.FactFilter(provinces=("no such province",))
    assert queries.fact_count(tables) > 0
    assert facts_sql.count(tables, nowhere) == 0
    assert facts_sql.latest(tables, nowhere, ("zone_id", "metric", "kind")).empty


@pytest.mark.parametrize("hostile", HOSTILE)
def test_filter_values_are_compared_as_data_never_run_as_sql(sample_tables, hostile):
    tables = load_tables(sample_tables)
    before = queries.fact_count(tables)
    selection = Selection((hostile,), (), schema.KINDS)
    assert queries.fact_count(tables, selection) == 0
    assert queries.latest_facts(tables, selection).empty
    narrowed = queries.data_rows(tables, Selection(), (hostile,), (hostile,), (hostile,), (hostile,), hostile)
    assert narrowed.empty
    assert queries.data_summary(tables, Selection(), (), (), (), (), hostile)[0] == _literally_found(tables, hostile)
    assert queries.topic_facts(tables, Selection(), hostile).empty
    assert queries.facts_by_id(tables, (hostile,)).empty
    assert queries.document_facts(tables, hostile).empty
    everything = report_choices.reports_with_facts(tables, Selection())
    assert report_choices.reports_with_facts(tables, Selection(), keep=(hostile,)) == everything
    assert store.document_rows(tables, (hostile,)).empty
    assert queries.fact_count(tables) == before > 0  # nothing was dropped or deleted


def _literally_found(tables, text: str) -> int:
    """Facts whose quote or raw text holds `text` as written (pandas over the whole table)."""
    facts = tables.facts
    found = facts["quote"].str.contains(text, regex=False) | facts["raw"].str.contains(text, regex=False)
    return int(found.fillna(False).sum())


@pytest.mark.parametrize("text", ["%", "_", "亿元", "%'--"])
def test_a_search_finds_the_text_as_written_not_as_a_pattern(sample_tables, text):
    tables = load_tables(sample_tables)
    found = queries.data_rows(tables, Selection(), search=text)
    assert len(found) == _literally_found(tables, text)
    assert queries.data_summary(tables, Selection(), search=text)[0] == len(found)
    assert len(queries.data_rows(tables, Selection(), search="%")) < queries.fact_count(tables)


def test_facts_are_counted_by_grouping_columns_from_a_fixed_list_only(sample_tables):
    tables = load_tables(sample_tables)
    with pytest.raises(ValueError, match="cannot count facts by"):
        facts_sql.counts(tables, facts_sql.FactFilter(), ("quote; DROP TABLE facts",))
    with pytest.raises(ValueError, match="cannot pick latest facts by"):
        facts_sql.latest(tables, facts_sql.FactFilter(), ("zone_id", "raw"))


def test_every_page_runs_on_a_partitioned_folder_without_reading_the_whole_facts(
    partitioned_tables, monkeypatch, run_page
):
    def refuse(self):
        raise AssertionError("a page read the whole facts table")

    monkeypatch.setenv("ZONES_TABLES_DIR", str(partitioned_tables))
    monkeypatch.setattr(model.Tables, "facts", property(refuse))
    from pages._shared import nav

    for page in nav.PAGES:
        if page.page_id == "reports":
            continue  # editors only: it shows a sign-in form
        app = run_page(page.page_id)
        assert not app.exception, (page.page_id, [element.message for element in app.exception])
    fact_id = str(facts_sql.rows(load_tables(partitioned_tables), facts_sql.FactFilter(), limit=1)["fact_id"][0])
    app = run_page("sources", fact=fact_id)
    assert not app.exception
    app = run_page("data", q="'; DROP TABLE facts; --", metric="revenue")
    assert not app.exception
