"""Coverage matrix states, quality flags with their sentences, sentence bounds."""

from __future__ import annotations

import pandas as pd

from loaders.contract.schema import finalize
from pages._shared.coverage import (
    STATES,
    coverage_cells,
    coverage_summary,
    flags_with_sentences,
    sentence_bounds,
    severity_counts,
)


def table(name: str, *rows: dict) -> pd.DataFrame:
    defaults = {
        "facts": {
            "doc_id": "d",
            "unit": "CNY",
            "cumulative": False,
            "raw": "",
            "quote": "",
            "start": 0,
            "end": 0,
        },
        "zones": {"anonymized": False},
        "quality": {"doc_id": "d", "check": "part_exceeds_whole", "message": ""},
        "documents": {"source_file": "r.txt", "part": 1, "title": "t", "doc_type": "other"},
    }[name]
    return finalize(name, pd.DataFrame([{**defaults, **row} for row in rows]))


ZONES = table(
    "zones",
    {"zone_id": "a", "name": "甲区"},
    {"zone_id": "b", "name": "乙区"},
    {"zone_id": "c", "name": "丙区"},
)
FACTS = table(
    "facts",
    {
        "fact_id": "a_rev_2024",
        "zone_id": "a",
        "metric": "revenue",
        "kind": "actual",
        "value": 1e8,
        "year": 2024,
    },
    {
        "fact_id": "a_rev_2025",
        "zone_id": "a",
        "metric": "revenue",
        "kind": "actual",
        "value": 2e8,
        "year": 2025,
    },
    {
        "fact_id": "a_rev_scoped",
        "zone_id": "a",
        "metric": "revenue",
        "kind": "actual",
        "value": 9e8,
        "year": 2026,
        "scope": "规上",
    },
    {"fact_id": "a_tax_t", "zone_id": "a", "metric": "tax", "kind": "target", "value": 5e7, "year": 2025},
    {
        "fact_id": "b_pic",
        "zone_id": "b",
        "metric": "project_investment_completed",
        "kind": "actual",
        "value": 19.65e8,
    },
    {
        "fact_id": "b_pic_other",
        "zone_id": "b",
        "metric": "project_investment_completed",
        "kind": "actual",
        "value": 2.3e8,
        "scope": "省外项目",
        "start": 50,
    },
    {"fact_id": "b_tax_g", "zone_id": "b", "metric": "tax", "kind": "growth", "value": 3.2, "unit": "%"},
    {"fact_id": "x_rev", "zone_id": "x", "metric": "revenue", "kind": "actual", "value": 1.0},
)
QUALITY = table(
    "quality",
    {
        "quality_id": "q1",
        "zone_id": "b",
        "start": 5,
        "end": 12,
        "severity": "error",
        "fact_ids": ["b_pic", "elsewhere"],
    },
    {"quality_id": "q2", "zone_id": "a", "start": 0, "end": 2, "severity": "info", "fact_ids": []},
    {"quality_id": "q3", "zone_id": "a", "start": 19, "end": 20, "severity": "warning", "fact_ids": None},
)
METRICS = ["revenue", "tax", "project_investment_completed"]


def test_every_zone_and_metric_gets_one_cell_with_its_state():
    cells = coverage_cells(ZONES, FACTS, QUALITY, METRICS)
    states = {(row.zone_id, row.metric): row.state for row in cells.itertuples()}
    assert states == {
        ("a", "revenue"): "reported",
        ("a", "tax"): "target_only",
        ("a", "project_investment_completed"): "not_reported",
        ("b", "revenue"): "not_reported",
        ("b", "tax"): "not_reported",
        ("b", "project_investment_completed"): "flagged",
        ("c", "revenue"): "not_reported",
        ("c", "tax"): "not_reported",
        ("c", "project_investment_completed"): "not_reported",
    }


def test_a_cell_shows_the_zone_wide_latest_actual_whether_flagged_or_not():
    cells = coverage_cells(ZONES, FACTS, QUALITY, METRICS).set_index(["zone_id", "metric"])
    cell = cells.loc[("a", "revenue")]
    assert (cell["fact_id"], cell["value"], cell["year"], cell["facts"], cell["flags"]) == (
        "a_rev_2025",
        2e8,
        2025,
        3,
        0,
    )
    flagged = cells.loc[("b", "project_investment_completed")]
    assert (flagged["fact_id"], flagged["value"], flagged["facts"], flagged["flags"]) == (
        "b_pic",
        19.65e8,
        2,
        1,
    )
    assert pd.isna(cells.loc[("c", "tax"), "value"])


def test_coverage_summary_counts_zones_per_metric_and_state():
    summary = coverage_summary(coverage_cells(ZONES, FACTS, QUALITY, METRICS))
    assert list(summary.columns) == list(STATES)
    assert summary.loc["revenue"].tolist() == [1, 0, 0, 2]
    assert summary.loc["tax"].tolist() == [0, 1, 0, 2]
    assert summary.loc["project_investment_completed"].tolist() == [0, 0, 1, 2]


def test_no_zones_gives_no_cells():
    assert coverage_cells(ZONES.iloc[0:0], FACTS, QUALITY, METRICS).empty


def test_a_text_without_stops_quotes_a_bounded_window_around_the_span():
    from loaders.quality.sentences import REACH

    text = "园区" * 5000 + "完成投资5亿元" + "，项目" * 5000  # one endless sentence
    start = text.index("完成投资")
    left, right = sentence_bounds(text, start, start + 7)
    assert (left, right) == (start - REACH, start + 7 + REACH)
    assert sentence_bounds("甲。" + text, 0, 1) == (0, 2)  # a stop within reach still ends the sentence


def test_sentence_bounds_reach_the_sentence_marks_and_the_text_edges():
    text = "甲乙。其中亿元项目10个，完成投资19.65亿元；另有\n下一行"
    start = text.index("19.65")
    assert (
        text[slice(*sentence_bounds(text, start, start + 7))] == "其中亿元项目10个，完成投资19.65亿元；另有"
    )
    assert sentence_bounds(text, 0, 2) == (0, 3)
    assert text[slice(*sentence_bounds(text, len(text) - 1, len(text)))] == "下一行"
    assert sentence_bounds("", 0, 0) == (0, 0)


def test_flags_come_errors_first_with_their_sentences():
    documents = table("documents", {"doc_id": "d", "text": "甲乙。其中亿元项目完成19.65亿元。丙"})
    flags = flags_with_sentences(QUALITY, documents)
    assert flags["quality_id"].tolist() == ["q1", "q3", "q2"]
    assert flags["sentence"].tolist() == ["其中亿元项目完成19.65亿元。", "丙", "甲乙。"]


def test_severity_counts_keep_zero_severities():
    assert severity_counts(QUALITY) == {"error": 1, "warning": 1, "info": 1}
    assert severity_counts(QUALITY.iloc[0:0]) == {"error": 0, "warning": 0, "info": 0}


def test_a_flagged_growth_rate_leaves_the_cell_showing_the_latest_actual_and_a_flagged_target_no_value():
    facts = table(
        "facts",
        {
            "fact_id": "level",
            "zone_id": "a",
            "metric": "revenue",
            "kind": "actual",
            "value": 14.03e8,
            "scope": "规上",
        },
        {
            "fact_id": "rate",
            "zone_id": "a",
            "metric": "revenue",
            "kind": "growth",
            "value": 342.6,
            "unit": "%",
        },
        {"fact_id": "goal", "zone_id": "a", "metric": "tax", "kind": "target", "value": 5e7},
    )
    quality = table(
        "quality",
        {
            "quality_id": "q",
            "zone_id": "a",
            "start": 0,
            "end": 1,
            "severity": "warning",
            "fact_ids": ["rate", "goal"],
        },
    )
    zone_a = ZONES[ZONES["zone_id"] == "a"]
    cells = coverage_cells(zone_a, facts, quality, ["revenue", "tax"]).set_index("metric")
    assert cells.loc["revenue", ["state", "fact_id", "value"]].tolist() == ["flagged", "level", 14.03e8]
    tax = cells.loc["tax"]
    assert tax["state"] == "flagged" and pd.isna(tax["fact_id"]) and pd.isna(tax["value"])


def test_an_implausible_actual_is_not_the_value_a_cell_shows():
    facts = table(
        "facts",
        {"fact_id": "sane", "zone_id": "a", "metric": "revenue", "kind": "actual", "value": 1e8, "year": 2024},
        {"fact_id": "slip", "zone_id": "a", "metric": "revenue", "kind": "actual", "value": 1e16, "year": 2025},
    )
    quality = table(
        "quality",
        {"quality_id": "q", "zone_id": "a", "start": 0, "end": 1, "severity": "error",
         "check": "implausible_value", "fact_ids": ["slip"]},
    )
    cell = coverage_cells(ZONES[ZONES["zone_id"] == "a"], facts, quality, ["revenue"]).iloc[0]
    assert (cell["state"], cell["fact_id"], cell["value"], cell["flags"]) == ("flagged", "sane", 1e8, 1)
