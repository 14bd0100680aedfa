"""python -m loaders evaluate: the sample graded against its gold, a made-up corpus keyed by file, the CLI."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from loaders.__main__ import main
from loaders.evaluation.evaluate import EvaluationError, evaluate, grade, read_gold, read_tables
from tests.conftest import GOLD, ROOT

# Two made-up reports, one excerpt per file, and their gold keyed by file stem (`id`).
TINY_REPORTS = {
    "a.txt": "鹤淇产业集聚区2025年发展报告\n鹤淇产业集聚区规划建设用地25平方公里，入驻企业104家。"
    "瑞洲纸业5万吨高档卫生纸项目已竣工投产。鹤淇大道一期工程已竣工通车。\n",
    "b.txt": "城东工业园区2024年工作总结\n2024年，城东工业园区实现主营业务收入58.6亿元，同比增长10.1%；完成税收3.2亿元。\n",
}
B_SENTENCE = "2024年，城东工业园区实现主营业务收入58.6亿元，同比增长10.1%；完成税收3.2亿元。"
TINY_GOLD = {
    "facts.csv": """id,zone,metric,kind,value,unit,year,months,cumulative,scope,status,basis,raw,note
a,鹤淇产业集聚区,area_planned,actual,25,km2,,,false,,,,25平方公里,
a,鹤淇产业集聚区,enterprises,actual,104,count,,,true,,,,104家,
b,城东工业园区,revenue,actual,5860000000,CNY,2024,,false,,,,58.6亿元,
b,河西产业园区,revenue,growth,10.1,%,2024,,false,,,yoy,10.1%,the zone differs from the rows'
b,城东工业园区,profit_tax,actual,320000000,CNY,2024,,false,,,,3.2亿元,the metric differs from the rows'
""",
    "projects.csv": """id,zone,name,status,investment,capacity,raw,note
a,鹤淇产业集聚区,瑞洲纸业5万吨高档卫生纸,in_production,,5万吨,5万吨,
b,城东工业园区,城东光伏组件,planned,,,,not in the text
""",
    "infrastructure.csv": """id,zone,category,name,quantity,unit,status,investment,raw,note
a,鹤淇产业集聚区,road,鹤淇大道一期工程,,,under_construction,,,the status differs from the rows'
""",
    "zones.csv": """id,zone,aliases,province,city,county,anonymized,leading_industries
a,鹤淇产业集聚区,,河南省,鹤壁市,淇县,false,
b,城东工业园区,,,,,false,
b,河西产业园区,,,,,false,
""",
    "sources.tsv": "id\thalf\turl\na\ttuning\t-\nb\tcheck\t-\n",
}


def write_tiny(folder: Path) -> tuple[Path, Path]:
    """The made-up corpus as files: (texts folder, gold folder)."""
    texts, gold = folder / "texts", folder / "gold"
    for target, files in ((texts, TINY_REPORTS), (gold, TINY_GOLD)):
        target.mkdir(parents=True)
        for name, text in files.items():
            (target / name).write_text(text, encoding="utf-8")
    return texts, gold


@pytest.fixture(scope="module")
def tiny(tmp_path_factory) -> dict:
    """The made-up corpus evaluated end to end: reports built by the real loader, graded."""
    return evaluate(*write_tiny(tmp_path_factory.mktemp("tiny")), misses=10)


def counts(score: dict, *names: str) -> tuple:
    return tuple(score[name] for name in names)


def test_the_sample_evaluates_to_every_gold_fact_and_no_other_row(sample_tables):
    scores = grade(read_gold(GOLD), read_tables(sample_tables))["scores"]
    assert list(scores) == ["all"]
    facts = scores["all"]["facts"]
    assert counts(facts, "gold", "rows", "found", "precision", "recall", "f1") == (89, 89, 89, 1.0, 1.0, 1.0)
    assert counts(facts["by_kind"]["actual"], "gold", "found") == (67, 67)
    assert counts(facts["by_kind"]["target"], "gold", "found") == (15, 15)
    assert counts(facts["by_kind"]["growth"], "gold", "found") == (7, 7)
    assert {report: row["gold"] for report, row in facts["by_file"].items()} == {"1": 28, "2": 11, "3": 21, "5": 29}
    assert counts(facts["by_metric"]["area_planned"], "gold", "rows", "found") == (17, 17, 17)
    assert counts(scores["all"]["values"], "gold", "found") == (89, 89)
    assert counts(scores["all"]["zones"], "gold", "rows", "found", "matching_rows") == (6, 6, 6, 6)


def test_a_gold_fact_removed_makes_its_row_spurious(sample_tables, tmp_path):
    gold = read_gold(GOLD)
    facts = gold.tables["facts"]
    removed = facts[(facts["report"] == "2") & (facts["metric"] == "revenue")].index[0]
    fewer = dataclasses.replace(gold, tables={**gold.tables, "facts": facts.drop(index=removed)})
    result = grade(fewer, read_tables(sample_tables), misses=5)
    assert counts(result["scores"]["all"]["facts"], "gold", "rows", "found", "precision", "recall") == (
        88, 89, 88, round(88 / 89, 4), 1.0,
    )
    assert result["misses"] == {"count": 0, "rows": []}
    assert result["spurious"]["count"] == 1
    spurious = result["spurious"]["rows"][0]
    assert (spurious["report"], spurious["metric"], spurious["raw"]) == ("2", "revenue", facts.at[removed, "raw"])
    assert spurious["raw"] in spurious["quote"]


def test_the_gold_itself_as_tables_scores_every_item(tmp_path):
    """Tables written from the gold rows (tests/dashboard/gold_tables.py) find every project, item and zone."""
    from tests.dashboard.gold_tables import gold_tables

    scores = grade(read_gold(GOLD), read_tables(gold_tables(tmp_path / "tables")))["scores"]["all"]
    assert counts(scores["facts"], "gold", "rows", "found") == (89, 89, 89)
    assert counts(scores["projects"], "gold", "rows", "found", "status_accuracy") == (43, 43, 43, 1.0)
    assert counts(scores["infrastructure"], "gold", "rows", "found", "status_accuracy") == (39, 39, 39, 1.0)
    assert counts(scores["zones"], "gold", "found", "precision", "recall") == (6, 6, 1.0, 1.0)


def test_a_corpus_keyed_by_file_grades_each_half_and_all(tiny):
    assert tiny["key"] == "id" and tiny["reports_graded"] == 2 and tiny["skipped_files"] == []
    assert list(tiny["scores"]) == ["all", "tuning", "check"]
    facts = {scope: counts(score["facts"], "gold", "rows", "found") for scope, score in tiny["scores"].items()}
    assert facts == {"all": (5, 5, 3), "tuning": (2, 2, 2), "check": (3, 3, 1)}
    assert counts(tiny["scores"]["all"]["facts"], "precision", "recall", "f1") == (0.6, 0.6, 0.6)
    assert counts(tiny["scores"]["check"]["facts"], "precision", "recall") == (0.3333, 0.3333)
    assert tiny["scores"]["all"]["facts"]["by_file"]["b"]["found"] == 1
    assert tiny["scores"]["all"]["facts"]["by_metric"]["profit_tax"] == {
        "gold": 1, "rows": 0, "found": 0, "precision": 0.0, "recall": 0.0, "f1": 0.0,
    }


def test_the_zone_blind_and_values_only_scores_forgive_what_they_leave_out(tiny):
    scores = tiny["scores"]["all"]
    assert counts(scores["facts_zone_blind"], "gold", "rows", "found") == (5, 5, 4)
    assert counts(scores["values"], "gold", "found", "recall") == (5, 5, 1.0)
    # per file too: b's growth is right but for its zone, so only the zone-blind count has it
    assert counts(scores["facts"]["by_file"]["b"], "gold", "rows", "found") == (3, 3, 1)
    assert counts(scores["facts"]["by_file_zone_blind"]["b"], "gold", "rows", "found", "f1") == (3, 3, 2, 0.6667)


def test_items_and_zone_names_are_graded_within_their_report(tiny):
    scores = tiny["scores"]
    assert counts(scores["all"]["projects"], "gold", "rows", "found", "recall", "status_accuracy") == (2, 1, 1, 0.5, 1.0)
    assert counts(scores["check"]["projects"], "gold", "rows", "found", "status_accuracy") == (1, 0, 0, 0.0)
    assert counts(scores["all"]["infrastructure"], "gold", "found", "status_accuracy") == (1, 1, 0.0)
    zones = {scope: counts(score["zones"], "gold", "rows", "found", "matching_rows") for scope, score in scores.items()}
    assert zones == {"all": (3, 2, 2, 2), "tuning": (1, 1, 1, 1), "check": (2, 1, 1, 1)}
    assert counts(scores["all"]["zones"], "precision", "recall") == (1.0, 0.6667)


def test_misses_and_spurious_rows_come_with_their_sentences(tiny):
    misses = [(row["report"], row["half"], row["zone"], row["metric"], row["kind"], row["raw"], row["quote"])
              for row in tiny["misses"]["rows"]]
    assert misses == [
        ("b", "check", "河西产业园区", "revenue", "growth", "10.1%", B_SENTENCE),
        ("b", "check", "城东工业园区", "profit_tax", "actual", "3.2亿元", B_SENTENCE),
    ]
    spurious = [(row["zone"], row["metric"], row["kind"], row["value"], row["quote"]) for row in tiny["spurious"]["rows"]]
    assert spurious == [
        ("城东工业园区", "revenue", "growth", 10.1, B_SENTENCE),
        ("城东工业园区", "tax", "actual", 3.2e8, B_SENTENCE),
    ]


def test_wrong_zones_and_zone_names_are_listed_with_their_report(tiny):
    wrong = [(row["report"], row["half"], row["zone"], row["metric"], row["kind"], row["why"])
             for row in tiny["wrong_zone"]["rows"]]
    assert wrong == [("b", "check", "河西产业园区", "revenue", "growth", "its row went to 城东工业园区")]
    assert tiny["zones_missed"] == {"count": 1, "rows": [
        {"report": "b", "half": "check", "zone": "河西产业园区", "names": ["城东工业园区"]}]}
    assert tiny["zones_spurious"] == {"count": 0, "rows": []}


def test_a_zone_name_matching_no_gold_zone_is_listed(sample_tables):
    gold = read_gold(GOLD)
    zones = gold.tables["zones"]
    fewer = dataclasses.replace(gold, tables={**gold.tables, "zones": zones.iloc[1:]})
    result = grade(fewer, read_tables(sample_tables), misses=5)
    assert result["zones_spurious"]["count"] == 1
    assert result["zones_spurious"]["rows"][0]["zone"] == zones.iloc[0]["zone"]


def test_the_listings_stop_at_the_number_asked_for_but_keep_the_count(tmp_path):
    result = evaluate(*write_tiny(tmp_path), misses=1)
    assert (result["misses"]["count"], len(result["misses"]["rows"])) == (2, 1)
    assert (result["spurious"]["count"], len(result["spurious"]["rows"])) == (2, 1)


def test_gold_without_a_report_key_is_refused_naming_the_file(tmp_path):
    (tmp_path / "facts.csv").write_text("zone,metric,kind,value\n鹤淇产业集聚区,revenue,actual,1\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match=r"facts\.csv: no report key column"):
        read_gold(tmp_path)


def test_the_cli_grades_the_sample_by_default_and_says_why_the_devcorpus_is_skipped():
    environment = {key: value for key, value in os.environ.items() if key != "ZONES_DEVCORPUS_TEXTS"}
    result = subprocess.run(
        [sys.executable, "-m", "loaders", "evaluate", "--misses", "3"],
        cwd=ROOT, env=environment, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "facts (all): precision 1.000  recall 1.000  F1 1.000  (89 of 89 gold, 89 rows)" in result.stdout
    assert "devcorpus: skipped, " in result.stdout


def test_the_cli_prints_json_for_a_corpus_and_its_halves(tiny, tmp_path, capsys):
    texts, gold = write_tiny(tmp_path)
    code = main(["evaluate", "--reports", str(texts), "--gold", str(gold), "--json"])
    printed = json.loads(capsys.readouterr().out)
    assert code == 0
    assert list(printed) == ["gold"]
    assert printed["gold"]["scores"] == tiny["scores"]


def test_the_cli_grades_built_tables_and_prints_each_half(tiny, tmp_path, capsys):
    from loaders.pipeline.build import build

    texts, gold = write_tiny(tmp_path)
    build(texts, tmp_path / "tables", progress=False)
    code = main(["evaluate", "--tables", str(tmp_path / "tables"), "--gold", str(gold)])
    out = capsys.readouterr().out
    assert code == 0
    assert "facts (check): precision 0.333  recall 0.333  F1 0.333  (1 of 3 gold, 3 rows)" in out
    assert "b            3     3      1  0.333  0.333  0.333       2  0.667\n" in out
    assert "  [b, check] 河西产业园区 revenue/growth 10.1% = 10.1  (read as revenue/growth = 10.1 under 城东工业园区)\n      " + B_SENTENCE in out


def test_the_cli_names_a_missing_gold_folder_and_exits_2(tmp_path, capsys):
    assert main(["evaluate", "--gold", str(tmp_path / "nowhere")]) == 2
    assert capsys.readouterr().err.strip() == f"evaluate: {tmp_path / 'nowhere'}: no such gold folder"


def test_sources_without_ids_are_refused_naming_the_file(tmp_path):
    for name, text in TINY_GOLD.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    pd.DataFrame({"half": ["tuning"]}).to_csv(tmp_path / "sources.tsv", sep="\t", index=False)
    with pytest.raises(EvaluationError, match=r"sources\.tsv: no `id` column"):
        read_gold(tmp_path)


def test_a_text_not_in_sources_is_left_out_of_every_figure(tiny, tmp_path):
    texts, gold = write_tiny(tmp_path)
    (texts / "c.txt").write_text("河西产业园区2024年工作总结\n河西产业园区入驻企业62家。\n", encoding="utf-8")
    result = evaluate(texts, gold)
    assert (result["reports_graded"], result["reports_left_out"]) == (2, ["c"])
    assert result["scores"] == tiny["scores"]
    assert result["spurious"]["count"] == 2


def test_a_report_with_gold_but_no_text_is_named_and_its_facts_are_misses(tiny, tmp_path):
    texts, gold = write_tiny(tmp_path)
    with open(gold / "facts.csv", "a", encoding="utf-8") as facts:
        facts.write("d,河西产业园区,enterprises,actual,62,count,,,true,,,,62家,\n")
    with open(gold / "sources.tsv", "a", encoding="utf-8") as sources:
        sources.write("d\tcheck\t-\n")
    result = evaluate(texts, gold)
    assert result["reports_without_text"] == ["d"]
    assert counts(result["scores"]["check"]["facts"], "gold", "rows", "found") == (4, 3, 1)
    assert result["misses"]["rows"][-1]["quote"] == ""


def test_gold_files_keyed_two_ways_are_refused(tmp_path):
    (tmp_path / "facts.csv").write_text("id,zone,metric,kind,value,raw\na,甲园区,revenue,actual,1,1元\n", encoding="utf-8")
    (tmp_path / "projects.csv").write_text("part,zone,name,status\n1,甲园区,某项目,planned\n", encoding="utf-8")
    with pytest.raises(EvaluationError, match="some gold files are keyed by `part`, others by `id`"):
        read_gold(tmp_path)


def test_a_gold_value_that_is_not_a_number_is_refused_naming_its_line(tmp_path):
    (tmp_path / "facts.csv").write_text(
        "id,zone,metric,kind,value,raw\na,甲园区,revenue,actual,1,1元\na,甲园区,tax,actual,9亿,9亿元\n", encoding="utf-8"
    )
    with pytest.raises(EvaluationError, match=r"facts\.csv: line 3: the value '9亿' is not a number"):
        read_gold(tmp_path)


def test_each_miss_says_why_it_was_missed(tiny):
    assert [row["why"] for row in tiny["misses"]["rows"]] == [
        "read as revenue/growth = 10.1 under 城东工业园区",
        "read as tax/actual = 3.2e+08 under 城东工业园区",
    ]


def test_a_figure_a_rule_left_out_is_named_by_that_rule():
    from types import SimpleNamespace

    from loaders.evaluation.evaluate import why_missed

    text = "城东工业园区2024年工作总结\n城东工业园区实现工业增加值34亿元，增长9%。\n"
    rows = pd.DataFrame(columns=["raw", "metric", "kind", "value", "zone_names"])
    gold = SimpleNamespace(raw="34亿元", metric="output_value", kind="actual", value=3.4e9)
    assert why_missed(gold, [text], rows, {}) == "left out by the rule indicator_outside_the_vocabulary"
    gold = SimpleNamespace(raw="55亿元", metric="output_value", kind="actual", value=5.5e9)
    assert why_missed(gold, [text], rows, {}) == "not seen as a figure"
    assert why_missed(gold, [], rows, {}) == "its report's text is not among the reports read"
