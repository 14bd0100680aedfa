"""Reports' rows packed into arrow where they are extracted (loaders/pipeline/packed.py)."""

from __future__ import annotations

import pickle

from loaders.pipeline import packed
from loaders.pipeline.extract import extract_text

FIRST = "鹤淇产业集聚区2024年完成固定资产投资85.6亿元，入驻企业126家。"
SECOND = "鹤淇产业集聚区2024年新增入驻企业45家，完成固定资产投资12亿元。"


def _values(report: packed.Rows) -> list[float]:
    return report.table("facts").column("value").to_pylist()


def test_reports_packed_together_share_one_table_and_keep_their_own_rows():
    first, failure, second = packed.pack([extract_text(FIRST), "extraction failed: OverBudget", extract_text(SECOND)])

    assert failure == "extraction failed: OverBudget"
    assert first.tables is second.tables
    assert (_values(first), _values(second)) == ([8.56e9, 126.0], [45.0, 1.2e9])
    assert first.table("facts").column("raw").to_pylist() == ["85.6亿元", "126家"]
    assert first.zones[0]["name"] == "鹤淇产业集聚区"


def test_a_file_of_reports_that_follow_each_other_is_one_slice_per_table():
    reports = packed.pack([extract_text(FIRST), extract_text(SECOND)])

    (facts,) = packed.pieces(reports, "facts")
    assert facts.column("value").to_pylist() == [8.56e9, 126.0, 45.0, 1.2e9]
    assert [piece.num_rows for piece in packed.pieces(reports[1:], "facts")] == [2]


def test_a_cache_entry_holds_only_its_own_files_rows():
    first, second = packed.pack([extract_text(FIRST), extract_text(SECOND)])

    (own,) = packed.own_rows([second])
    assert own.tables["facts"].num_rows == 2
    assert _values(own) == [45.0, 1.2e9]
    assert len(pickle.dumps([own])) < len(pickle.dumps([second]))
    assert packed.own_rows([first, second])[0] is first  # the file covers its batch: nothing copied


def test_rows_that_break_the_contract_make_their_report_a_failure():
    rows = extract_text(FIRST)
    rows["facts"][0]["kind"] = "guess"

    (failure,) = packed.pack([rows])

    assert failure.startswith("extraction failed: ValueError: facts.kind: unknown values ['guess']")


def test_a_report_without_a_zone_name_says_so():
    (report,) = packed.pack([extract_text("今年完成固定资产投资85.6亿元。", source_file="plain.txt")])

    assert report.no_zone_name
    assert report.zones[0]["name"] == "未识别区域（plain#1）"
