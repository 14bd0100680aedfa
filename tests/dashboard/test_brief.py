"""The comparison to take away: its XLSX and PDF hold the Compare page's figures and their sentences."""

from __future__ import annotations

import shutil
import subprocess

import openpyxl
import pytest

from pages._shared import brief, data, queries

HEQI, ZHECHENG = "鹤淇产业集聚区", "柘城县产业集聚区"
ALL_KINDS = queries.Selection((), (), ("actual", "target", "growth"))
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed (make browser)")


def _zone_order(tables, names):
    by_name = dict(zip(tables.zones["name"], tables.zones["zone_id"], strict=True))
    return tuple(by_name[name] for name in names)


def test_sources_number_every_stated_figure_with_its_sentence_and_link(sample_tables):
    tables = data.load_tables(sample_tables)
    zone_ids = _zone_order(tables, [HEQI, ZHECHENG])
    values = queries.compare_values(tables, ALL_KINDS, zone_ids, "actual")
    sources = brief.comparison_sources(values, zone_ids, tables, "zh")
    assert list(sources["marker"]) == list(range(1, len(sources) + 1))
    assert len(sources) == int(values["value"].notna().sum())
    revenue = sources[sources["metric_id"] == "revenue"].set_index("zone")
    assert revenue.loc[HEQI, "figure"] == "102.5亿元" and revenue.loc[HEQI, "period"] == "2025年"
    assert revenue.loc[ZHECHENG, "figure"] == "146亿元" and revenue.loc[ZHECHENG, "period"] == "2025年1-11月"
    assert "102.5亿元" in revenue.loc[HEQI, "quote"]
    assert revenue.loc[HEQI, "link"].startswith("sources?fact=")
    # metric by metric, the first zone before the second
    assert list(sources.loc[sources["metric_id"] == "revenue", "zone"]) == [HEQI, ZHECHENG]


def test_workbook_has_the_table_the_sentences_and_a_filtered_frozen_header(sample_tables, tmp_path):
    tables = data.load_tables(sample_tables)
    zone_ids = _zone_order(tables, [HEQI, ZHECHENG])
    path = tmp_path / "compare.xlsx"
    path.write_bytes(brief.comparison_workbook(tables, ALL_KINDS, zone_ids, "actual", "zh"))
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["对比", "来源", "说明"]
    table = list(book["对比"].values)
    assert table[0][:3] == ("指标", HEQI, ZHECHENG)
    revenue = next(row for row in table if row[0] == "主营业务收入")
    assert revenue[1].startswith("102.5亿元") and revenue[2].startswith("146亿元")
    sources = list(book["来源"].values)
    header = sources[0]
    assert header[:4] == ("序号", "区域", "指标", "数字")
    quotes = {row[header.index("原文数字")]: row[header.index("原文句子")] for row in sources[1:]}
    assert "102.5亿元" in quotes["102.5亿元"]
    assert all(row[header.index("来源链接")].startswith("sources?fact=") for row in sources[1:])
    for name in ("对比", "来源"):
        assert book[name].freeze_panes == "A2"
        assert book[name].auto_filter.ref
        assert book[name].column_dimensions["B"].width >= 10
    about = [cell for row in book["说明"].values for cell in row if cell]
    assert f"{HEQI}、{ZHECHENG}" in about


def test_brief_html_escapes_report_text():
    from dashboard_fixtures import SCRIPT_QUOTE, Z_HEQI, Z_ZHECHENG
    from dashboard_fixtures import tables as fixture_tables

    tables = fixture_tables()
    made = brief.comparison_brief(tables, ALL_KINDS, (Z_HEQI, Z_ZHECHENG), "actual", "zh", "2026-12-05")
    page = brief.brief_html(made)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert SCRIPT_QUOTE.split("</script>")[1].strip() in page.replace("&#x27;", "'")


@needs_poppler
@pytest.mark.slow
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_pdf_brief_holds_the_table_values_and_renders(sample_tables, tmp_path, lang):
    tables = data.load_tables(sample_tables)
    zone_ids = _zone_order(tables, [HEQI, ZHECHENG])
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(brief.comparison_pdf(tables, ALL_KINDS, zone_ids, "actual", lang, "2026-12-05"))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    folded = "".join(text.split())
    title = "区域对比简报" if lang == "zh" else "Zonecomparisonbrief"
    assert title in folded and "2026-12-05" in folded
    assert HEQI in folded and ZHECHENG in folded
    revenue = ("102.5亿元", "146亿元") if lang == "zh" else ("¥10.25bn", "¥14.6bn")
    for figure in revenue:
        assert figure in folded, figure
    assert "实现主营业务收入102.5亿元" in folded  # the sentence, as a footnote
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True)
    (png,) = tmp_path.glob("page*.png")
    assert png.stat().st_size > 10_000


def test_file_names_name_the_zones_and_never_escape_the_folder():
    assert brief.file_name([HEQI, ZHECHENG], "2026-12-05", "zh", "pdf") == f"区域对比_{HEQI}_{ZHECHENG}_2026-12-05.pdf"
    assert brief.file_name(["a/b", "c\\d:\n"], "2026-12-05", "en", "xlsx") == "zone-comparison_a_b_c_d___2026-12-05.xlsx"


@pytest.mark.parametrize(("lang", "labels"), [
    ("zh", ["下载对比表（Excel）", "下载对比简报（PDF）"]),
    ("en", ["Download the comparison (Excel)", "Download the brief (PDF)"]),
])
def test_compare_page_offers_both_downloads_without_building_them_on_load(sample_env, run_page, lang, labels):
    app = run_page("compare", zone=[HEQI, ZHECHENG], lang=lang)
    assert not app.exception
    buttons = [button.proto for button in app.get("download_button")]
    assert [button.label for button in buttons] == labels
    assert all(button.deferred_file_id for button in buttons)  # made when clicked, not on every rerun
