"""Infrastructure: case table (a sentence in, item rows out), offsets on the sample, gold floor.

The case format and the matching rules are those of tests/test_projects.py, with `items:`
rows (name, category, status, quantity, unit, investment).
"""

from __future__ import annotations

import pytest

from loaders.infrastructure import category_of, extract_infrastructure
from loaders.schema import INFRASTRUCTURE_CATEGORIES, INFRASTRUCTURE_STATUSES
from tests.test_projects import (
    CASE_KEYS,
    FLOOR,
    check_case,
    item_scores,
    load_cases,
    offset_problems,
    params,
    rows_of,
)

FIELDS = ("name", "category", "status", "quantity", "unit", "investment", "raw")


@pytest.mark.parametrize("case", params("infrastructure"))
def test_infrastructure_items_are_read_as_a_careful_annotator_reads_them(case):
    check_case(case, extract_infrastructure, "items", FIELDS)


def test_infrastructure_case_table_is_well_formed():
    cases = load_cases("infrastructure")
    assert len({case["id"] for case in cases}) == len(cases)
    for case in cases:
        assert set(case) <= CASE_KEYS, case["id"]
        assert len(case.get("items") or []) <= case["count"], case["id"]
        for row in case.get("items") or []:
            assert row.get("category") in (None, *INFRASTRUCTURE_CATEGORIES), (case["id"], row)
            assert row.get("status") in (None, *INFRASTRUCTURE_STATUSES), (case["id"], row)


def test_category_lexicon_uses_the_contract_vocabulary():
    import csv

    from loaders.schema import LEXICON

    with open(LEXICON / "infrastructure_categories.csv", encoding="utf-8") as handle:
        categories = {row["category"] for row in csv.DictReader(handle)}
    assert categories <= {*INFRASTRUCTURE_CATEGORIES, "none"}


def test_the_last_specific_facility_word_gives_the_category():
    assert category_of("弱电入地线路") == "telecom"
    assert category_of("标准化厂房产业园") == "factory"
    assert category_of("光伏园区东西干道主车道") == "road"
    assert category_of("香港德诚") is None


def test_extraction_never_raises_on_fragments_and_odd_text():
    for text in ("", "路", "等道路", "（供排水）", "110千伏、", "建成、等共公里的主干道", "\n四、下一步\n管网"):
        assert offset_problems(text, rows_of(extract_infrastructure, text)) == []


def test_every_item_row_of_the_sample_points_at_its_name_and_sentence(sample_tables):
    import pandas as pd

    texts = dict(pd.read_parquet(sample_tables / "documents.parquet", columns=["doc_id", "text"]).values)
    items = pd.read_parquet(sample_tables / "infrastructure.parquet")
    assert len(items) > 0
    for row in items.itertuples():
        text = texts[row.doc_id]
        assert text[row.start : row.end] == row.raw, row
        assert text[row.quote_start : row.quote_end] == row.quote, row
        assert row.quote_start <= row.start and row.end <= row.quote_end, row


def test_infrastructure_recall_and_status_on_the_sample_stay_above_their_floor(sample_tables):
    score = item_scores(sample_tables)["infrastructure"]
    assert score["recall"] >= FLOOR["infrastructure_recall"], score
    assert score["status_accuracy"] >= FLOOR["infrastructure_status"], score
