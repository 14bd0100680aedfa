"""Exports hold exactly the filtered rows, keep the Chinese, and neutralise formula-like cells."""

from __future__ import annotations

import io
import re

import dashboard_fixtures as fx
import openpyxl
import pandas as pd
import pyarrow.parquet as pq
import pytest

from pages._shared import export, queries
from pages._shared.model import Selection


@pytest.fixture(scope="module")
def tables():
    return fx.tables()


@pytest.fixture(scope="module")
def rows(tables):
    return queries.data_rows(tables, Selection(zone_ids=(fx.Z_HEQI,)), metrics=("revenue",))


def test_export_frame_has_chinese_headers_and_one_row_per_fact(tables, rows):
    frame = export.export_frame(rows, tables, "zh")
    assert frame.columns.tolist()[:6] == ["区域", "指标", "类型", "数值", "单位", "数值（显示）"]
    assert frame["编号"].tolist() == ["f01", "f02", "f03"]
    first = frame.iloc[0]
    assert (first["区域"], first["指标"], first["类型"], first["数值"], first["单位"], first["数值（显示）"]) == (
        fx.HEQI, "主营业务收入", "实际", 1.025e10, "元", "102.5亿元")
    assert first["原文数字"] == "102.5亿元" and first["报告"] == "鹤淇产业集聚区2025年发展报告"


def test_csv_has_a_bom_and_exactly_the_filtered_rows(tables, rows):
    data = export.csv_bytes(export.export_frame(rows, tables, "zh"))
    assert data.startswith(b"\xef\xbb\xbf")
    back = pd.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert back["编号"].tolist() == ["f01", "f02", "f03"]
    assert back["区域"].tolist() == [fx.HEQI] * 3
    assert back["原句"].iloc[0] == fx.SCRIPT_QUOTE


def test_formula_like_cells_are_neutralised(tables):
    rows = queries.data_rows(tables, Selection(), fact_ids=("f02", "f03", "f07", "f09"))
    back = pd.read_csv(io.BytesIO(export.csv_bytes(export.export_frame(rows, tables, "zh"))), encoding="utf-8-sig")
    quotes = dict(zip(back["编号"], back["原句"], strict=True))
    assert quotes == {
        "f02": "'=HYPERLINK(\"x\") 力争主营业务收入150亿元",
        "f03": "'+同比增长12.5%",
        "f07": "'@入驻企业104家",
        "f09": "'-税收2.8亿元",
    }
    assert back.loc[back["编号"] == "f03", "数值"].iloc[0] == 12.5  # numbers stay numbers


def test_neutralise_leaves_numbers_and_plain_text_alone():
    frame = pd.DataFrame({"text": ["=1+1", "abc", None, "-x"], "number": [-1.0, 2.0, 3.0, 4.0]})
    out = export.neutralise(frame)
    assert out["text"].tolist()[:2] == ["'=1+1", "abc"] and pd.isna(out["text"].iloc[2]) and out["text"].iloc[3] == "'-x"
    assert out["number"].tolist() == [-1.0, 2.0, 3.0, 4.0]


def test_xlsx_has_a_data_sheet_with_chinese_headers_and_an_about_sheet(tables, rows):
    description = {"区域": fx.HEQI, "指标": "主营业务收入"}
    data = export.xlsx_bytes(
        export.export_frame(rows, tables, "zh"),
        export.about_rows(description, len(rows), tables, "zh"),
        export.sources_frame(rows, tables, "zh"),
        "zh",
    )
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["数据", "说明"]
    sheet = book["数据"]
    values = list(sheet.values)
    assert values[0][:3] == ("区域", "指标", "类型")
    assert len(values) == 1 + 3
    assert values[1][0] == fx.HEQI and values[1][3] == 1.025e10
    assert values[2][13] == "'=HYPERLINK(\"x\") 力争主营业务收入150亿元"  # text, not a formula
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    about = [tuple(row) for row in book["说明"].values]
    flat = [str(cell) for row in about for cell in row if cell is not None]
    assert "筛选条件" in flat and fx.HEQI in flat and "行数" in flat and "3" in flat
    assert "单位" in flat and "来源报告" in flat and "鹤淇产业集聚区2025年发展报告" in flat
    assert "主营业务收入" in flat and "元" in flat and "CNY" not in flat


def test_parquet_keeps_the_contract_columns_and_values(tables, rows):
    back = pq.read_table(io.BytesIO(export.parquet_bytes(rows, tables))).to_pandas()
    assert back["fact_id"].tolist() == ["f01", "f02", "f03"]
    assert back["value"].tolist() == [1.025e10, 1.5e10, 12.5]
    assert back["zone_name"].tolist() == [fx.HEQI] * 3
    assert back["quote"].iloc[1].startswith("=HYPERLINK")  # data stays data in Parquet


def test_file_stem_says_what_is_inside():
    assert export.file_stem([fx.HEQI, "主营业务收入", "2025", ""], 3, "zh") == "数字_鹤淇产业集聚区_主营业务收入_2025_3行"
    assert export.file_stem(["******循环经济产业集聚区"], 1, "en") == "figures_循环经济产业集聚区_1rows"
    assert export.describe_choice(["a", "b", "c"], "全部", "{n}个区域") == "3个区域"
    assert export.describe_choice([], "全部", "{n}个区域") == "全部"


def test_xlsx_data_sheet_has_a_frozen_header_a_header_filter_and_column_widths(tables, rows):
    frame = export.export_frame(rows, tables, "en")
    data = export.xlsx_bytes(frame, export.about_rows({}, len(rows), tables, "en"),
                             export.sources_frame(rows, tables, "en"), "en")
    sheet = openpyxl.load_workbook(io.BytesIO(data))["data"]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{openpyxl.utils.get_column_letter(len(frame.columns))}{1 + len(rows)}"
    widths = {sheet.cell(1, position + 1).value: sheet.column_dimensions[openpyxl.utils.get_column_letter(position + 1)].width
              for position in range(len(frame.columns))}
    assert widths["Zone"] >= 16  # 鹤淇产业集聚区: 7 CJK characters, counted double
    assert widths["Quote"] == pytest.approx(60.71, abs=1)  # long sentences capped, not one huge column


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_exports_name_units_statuses_and_bases_in_words_and_write_years_as_integers(tables, lang):
    rows = queries.data_rows(tables, Selection())
    frame = export.export_frame(rows, tables, lang)
    headers = {key: export.t(f"col.{key}", lang) for key in ("unit", "status", "basis", "year", "scope")}
    cells = {value for key in ("unit", "status", "basis") for value in frame[headers[key]].dropna().tolist()}
    assert not cells & {"CNY", "km2", "count", "person", "yoy", "landed", "started", "signed"}, cells
    assert frame[headers["year"]].dropna().map(type).eq(int).all() or str(frame[headers["year"]].dtype) == "Int64"
    text = export.csv_bytes(frame).decode("utf-8-sig")
    assert "2025.0" not in text and ",None," not in text and "<NA>" not in text and ",nan," not in text
    about = dict(export.about_rows({}, len(rows), tables, lang))
    codes = re.compile(r"(?<![A-Za-z_])(CNY|km2|count|person|yoy)(?![A-Za-z_])")
    assert not [value for value in about.values() if codes.search(value)]
    if lang == "en":
        assert set(frame["Scope"].dropna()) >= {"above-scale"} or "规上" not in set(rows["scope"].dropna())
