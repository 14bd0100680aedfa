"""The bundled sample, built by the real loader: offsets, contract and the gold score floor."""

from __future__ import annotations

import re

import pandas as pd
import pytest

from loaders.contract.schema import TABLES
from tests.casetables import sample_scores
from tests.conftest import CONTRACT

# The floor only ratchets up: raise it when extraction improves, never lower it.
FLOOR = {"facts_f1": 0.99, "facts_precision": 0.98, "zones_found": 6}


@pytest.fixture(scope="module")
def tables(sample_tables):
    return {name: pd.read_parquet(sample_tables / f"{name}.parquet") for name in TABLES}


def test_every_row_of_every_table_points_at_its_raw_text(tables):
    texts = dict(zip(tables["documents"]["doc_id"], tables["documents"]["text"], strict=True))
    for name in ("facts", "projects", "infrastructure", "quality"):
        for row in tables[name].itertuples():
            assert texts[row.doc_id][row.start : row.end] == row.raw, (name, row)


def test_every_quote_holds_its_figure(tables):
    texts = dict(zip(tables["documents"]["doc_id"], tables["documents"]["text"], strict=True))
    for row in tables["facts"].itertuples():
        assert row.quote_start <= row.start and row.end <= row.quote_end
        assert row.raw in row.quote
        assert texts[row.doc_id][row.quote_start : row.quote_end].strip() == row.quote


def test_tables_have_the_contract_columns_in_order(tables):
    for name, table in TABLES.items():
        assert list(tables[name].columns) == table.names, name


def test_sample_is_split_into_its_five_reports_with_dates_and_types(tables):
    documents = tables["documents"].sort_values("part")
    assert list(documents["part"]) == [1, 2, 3, 4, 5]
    assert list(documents["doc_type"]) == ["annual_report", "plan", "survey", "reply", "briefing"]
    assert documents["doc_date"].astype(str).tolist()[0] == "2010-01-05"
    assert documents.iloc[3]["issuer"] == "新蔡县产业集聚区管委会"
    assert documents.iloc[0]["title"] == "鹤淇产业集聚区2025年发展报告"


def test_sample_zones_have_their_places_and_industries(tables):
    zones = tables["zones"].set_index("name")
    assert set(zones.index) == {
        "鹤淇产业集聚区", "柘城县产业集聚区", "温岭市东部产业集聚区", "安阳高新技术产业集聚区*分区",
        "新蔡县产业集聚区", "******循环经济产业集聚区",
    }
    assert zones.loc["柘城县产业集聚区", ["province", "city", "county"]].tolist() == ["河南省", "商丘市", "柘城县"]
    assert zones.loc["温岭市东部产业集聚区", "province"] == "浙江省"
    assert "东部产业集聚区" in list(zones.loc["温岭市东部产业集聚区", "aliases"])
    assert bool(zones.loc["******循环经济产业集聚区", "anonymized"])
    assert list(zones.loc["鹤淇产业集聚区", "leading_industries"]) == ["食品加工", "轻纺", "先进制造", "光伏"]


def test_sample_quality_flags_the_part_larger_than_its_whole(tables):
    quality = tables["quality"]
    flags = quality[quality["check"] == "part_exceeds_whole"]
    assert any("19.65亿元" in message and "17.44亿元" in message for message in flags["message"])
    assert set(quality["check"]) >= {"growth_base_year", "target_below_actual", "year_after_signature", "unplaced_number"}


def test_gold_score_on_the_sample_stays_above_its_floor(sample_tables):
    score = sample_scores(sample_tables)
    assert score["facts"]["f1"] >= FLOOR["facts_f1"], score["facts"]
    assert score["facts"]["precision"] >= FLOOR["facts_precision"], score["facts"]
    assert score["zones"]["found"] >= FLOOR["zones_found"], score["zones"]


def test_every_column_is_documented_in_the_contract():
    contract = CONTRACT.read_text(encoding="utf-8")
    for name, table in TABLES.items():
        for column in table.names:
            assert re.search(rf"(?<![\w]){column}(?![\w])", contract), f"{name}.{column} is not in {CONTRACT.name}"


def test_a_survey_of_two_parks_gives_each_park_its_own_figures():
    from loaders.pipeline.extract import extract_text

    tables = extract_text(
        "（一）城东工业园区。园区规划面积12.5平方公里，入驻企业156家。"
        "（二）河西产业园区。河西产业园区规划面积8平方公里，入驻企业62家。"
    )
    names = {zone["zone_id"]: zone["name"] for zone in tables["zones"]}
    assert [(names[fact["zone_id"]], fact["raw"]) for fact in tables["facts"]] == [
        ("城东工业园区", "12.5平方公里"), ("城东工业园区", "156家"),
        ("河西产业园区", "8平方公里"), ("河西产业园区", "62家"),
    ]


def test_a_big5_report_in_traditional_characters_reads_like_its_simplified_twin(tmp_path):
    from loaders.pipeline.build import build

    text = "長葛市產業集聚區2024年發展報告\n2024年，長葛市產業集聚區實現主營業務收入586.3億元，同比增長10.1%；入駐企業326家。\n"
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "big5.txt").write_bytes(text.encode("big5"))
    assert build(reports, tmp_path / "tables", progress=False).exit_code == 0
    documents = pd.read_parquet(tmp_path / "tables" / "documents.parquet")
    facts = pd.read_parquet(tmp_path / "tables" / "facts.parquet")
    zones = pd.read_parquet(tmp_path / "tables" / "zones.parquet")
    assert documents.loc[0, ["encoding", "doc_type", "title"]].tolist() == ["big5", "annual_report", "長葛市產業集聚區2024年發展報告"]
    assert bool(documents.loc[0, "converted_from_traditional"])
    assert facts[["metric", "kind", "value", "raw"]].values.tolist() == [
        ["revenue", "actual", 58630000000.0, "586.3億元"],
        ["revenue", "growth", 10.1, "10.1%"],
        ["enterprises", "actual", 326.0, "326家"],
    ]
    assert zones.loc[0, ["name", "province", "city", "county"]].tolist() == ["长葛市产业集聚区", "河南省", "许昌市", "长葛市"]
