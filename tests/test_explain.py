"""explain(): every figure seen but not kept names the rule that left it out."""

from __future__ import annotations

import pytest

from loaders.facts.read import explain
from loaders.pipeline.extract import extract_text

LEFT_OUT = [
    ("全市17个产业集聚区共完成投资300亿元。", "300亿元", "sum_of_several_zones"),
    ("实现营业收入20亿元，比上年增加3.2亿元。", "3.2亿元", "size_of_a_change"),
    ("投资12亿元的机械产业园开工。", "12亿元", "one_item_amount"),
    ("园区有5000万元以上项目12个。", "5000万元", "threshold_amount"),
    ("实现工业增加值34.4亿元，增长9%。", "9%", "growth_of_an_indicator_outside_the_vocabulary"),
    ("某某集团实现营业收入50亿元。", "50亿元", "one_company_figure"),
    ("就业率达到95%。", "95%", "percent_without_growth_word"),
]


@pytest.mark.parametrize(("text", "raw", "rule"), LEFT_OUT, ids=[rule for _, _, rule in LEFT_OUT])
def test_a_figure_left_out_names_the_rule_that_left_it_out(text, raw, rule):
    found = [row for row in explain(text) if row["raw"] == raw]
    assert [row["rule"] for row in found] == [rule]
    assert all(text[row["start"] : row["end"]] == row["raw"] for row in found)


def test_a_kept_figure_is_not_explained_and_offsets_point_into_the_original_text():
    text = "园区全年实现主营业务收入１２亿元，比上年增加２亿元。"  # full-width digits: offsets map back
    kept = {row["raw"] for row in extract_text(text)["facts"]}
    explained = explain({"text": text})
    assert kept == {"１２亿元"}
    assert [(row["raw"], row["rule"]) for row in explained] == [("２亿元", "size_of_a_change")]
    assert all(text[row["start"] : row["end"]] == row["raw"] for row in explained)


def test_sums_of_a_group_the_report_names_again_and_again_are_its_figures():
    text = "全省高新区上半年实现营业收入1280亿元，同比增长19.5%。全省高新区新增企业320家。"
    rules = {row["raw"]: row["rule"] for row in explain({"text": text})}
    assert "1280亿元" not in rules and "19.5%" not in rules
    once = "全省高新区上半年实现营业收入1280亿元，同比增长19.5%。"
    assert {row["raw"]: row["rule"] for row in explain({"text": once})}["1280亿元"] == "sum_of_several_zones"
