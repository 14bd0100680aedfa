"""loaders.reading.sources: every supported file decodes to the exact text, every bad one to a one-line SourceError."""

from __future__ import annotations

import builtins
import random
from pathlib import Path

import pytest

from loaders.reading.sources import MAX_FILE_MB, SourceError, read_source

SIMPLIFIED = (
    "鹤淇产业集聚区规划建设用地25平方公里，目前开发面积达11平方公里。2025年1-10月份，"
    "集聚区完成固定资产投资29.95亿元，同比增长35.2%；规模以上工业增加值完成8.6亿元。",
    "一、基本情况\n集聚区以食品加工、电子电器为主导产业，入驻企业104家，其中亿元以上项目18个，新开工项目12个。",
    "关于某某县产业集聚区发展规划的批复",
)
TRADITIONAL = (
    "鶴淇產業集聚區規劃建設用地25平方公里，目前開發面積達11平方公里。2025年1-10月份，"
    "集聚區完成固定資產投資29.95億元，同比增長35.2%；規模以上工業增加值完成8.6億元。",
    "一、基本情況\n集聚區以食品加工、電子電器為主導產業，入駐企業104家，其中億元以上項目18個，新開工項目12個。",
    "關於某某縣產業集聚區發展規劃的批覆",
)


def problem_of(path: Path) -> str:
    """The SourceError message for path, checked to be one line that starts with the file's name."""
    with pytest.raises(SourceError) as raised:
        read_source(path)
    message = str(raised.value)
    assert "\n" not in message
    assert message == f"{path}: {raised.value.problem}"
    return raised.value.problem


def test_utf8_text_is_read_as_is(report_files):
    source = read_source(report_files.text("plain.txt", SIMPLIFIED[0]))
    assert (source.text, source.encoding) == (SIMPLIFIED[0], "utf-8")


def test_utf8_with_bom_loses_the_bom(report_files):
    source = read_source(report_files.write("bom.txt", "\ufeff".encode() + SIMPLIFIED[1].encode()))
    assert (source.text, source.encoding) == (SIMPLIFIED[1], "utf-8-sig")


def test_markdown_is_read_like_text(report_files):
    assert read_source(report_files.text("notes.md", "# 报告\n正文")).text == "# 报告\n正文"


def test_windows_and_old_mac_newlines_become_unix_newlines(report_files):
    source = read_source(report_files.write("crlf.txt", "第一行\r\n第二行\r第三行\n".encode()))
    assert source.text == "第一行\n第二行\n第三行\n"


@pytest.mark.parametrize("text", SIMPLIFIED, ids=["paragraph", "heading-and-list", "title"])
@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_gbk_text_decodes_to_the_exact_chinese_with_gb18030(report_files, text, encoding):
    source = read_source(report_files.text(f"{encoding}.txt", text, encoding))
    assert (source.text, source.encoding) == (text, "gb18030")


@pytest.mark.parametrize("text", TRADITIONAL, ids=["paragraph", "heading-and-list", "title"])
def test_big5_text_decodes_to_the_exact_chinese(report_files, text):
    source = read_source(report_files.text("big5.txt", text, "big5"))
    assert (source.text, source.encoding) == (text, "big5")


def test_utf16_with_bom_is_read(report_files):
    source = read_source(report_files.write("utf16.txt", SIMPLIFIED[0].encode("utf-16")))
    assert (source.text, source.encoding) == (SIMPLIFIED[0], "utf-16")


def test_docx_gives_paragraphs_and_table_cells_in_document_order(report_files):
    path = report_files.docx(
        "report.docx", ["鹤淇产业集聚区", "二、存在问题"], [["指标", "数值"], ["入驻企业", "104家"]]
    )
    source = read_source(path)
    assert (source.text, source.encoding) == (
        "鹤淇产业集聚区\n指标\n数值\n入驻企业\n104家\n二、存在问题",
        "docx",
    )


def test_pdf_text_layer_is_read_back(report_files):
    source = read_source(report_files.pdf_with_text("report.pdf", ("Zone report 2025", "Investment 29.95")))
    assert source.encoding == "pdf"
    assert source.text.split() == ["Zone", "report", "2025", "Investment", "29.95"]


def test_empty_file_is_refused(report_files):
    assert problem_of(report_files.empty("empty.txt")) == "empty file (0 bytes)"


def test_whitespace_only_file_is_refused(report_files):
    assert problem_of(report_files.write("blank.txt", b" \r\n\t\n")) == "no text (only whitespace)"


def test_random_bytes_named_txt_are_binary(report_files):
    assert problem_of(report_files.binary("binary.txt")) == "binary data, not text (NUL bytes)"


def test_random_bytes_without_nul_are_not_decoded_as_text(report_files):
    data = bytes(byte for byte in random.Random(3).randbytes(4096) if byte)
    problem = problem_of(report_files.write("noise.txt", data))
    assert problem == "binary data or unknown encoding; expected UTF-8, GB18030/GBK or Big5 text"


def test_mostly_control_characters_are_binary(report_files):
    data = bytes(range(1, 9)) * 100 + "鹤淇".encode()
    assert (
        problem_of(report_files.write("controls.txt", data))
        == "binary data, not text (100% control characters)"
    )


def test_truncated_docx_is_refused(report_files):
    problem = problem_of(report_files.truncated_docx("truncated.docx"))
    assert problem == "truncated or corrupt .docx (BadZipFile: File is not a zip file)"


def test_broken_pdf_is_refused(report_files):
    assert problem_of(report_files.broken_pdf("broken.pdf")).startswith("broken PDF (")


def test_text_file_named_pdf_is_refused(report_files):
    assert problem_of(report_files.text("notes.pdf", "just text")).startswith("broken PDF (")


def test_pdf_without_text_layer_is_refused(report_files):
    assert problem_of(report_files.blank_pdf("scanned.pdf")) == "no text layer (scanned PDF?)"


def test_unsupported_extension_is_refused_with_the_expected_types(report_files):
    problem = problem_of(report_files.unsupported("table.xls"))
    assert problem == "unsupported file type .xls; expected .txt, .md, .docx, .pdf"


def test_file_without_extension_is_refused(report_files):
    problem = problem_of(report_files.text("README"))
    assert problem == "unsupported file type (no extension); expected .txt, .md, .docx, .pdf"


def test_file_over_the_size_limit_is_refused_without_being_read(report_files, monkeypatch):
    path = report_files.too_large("huge.txt", megabytes=MAX_FILE_MB + 1)

    def no_reading(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    monkeypatch.setattr(Path, "open", no_reading)
    monkeypatch.setattr(builtins, "open", no_reading)
    assert problem_of(path) == "file too large (65.0 MB; limit 64 MB)"


def test_missing_file_is_a_source_error(tmp_path):
    assert problem_of(tmp_path / "gone.txt") == "cannot read file: No such file or directory"


def test_an_indicator_table_in_a_docx_reads_as_the_sentences_a_report_would_write(tmp_path):
    import docx

    from loaders.pipeline.extract import extract_text

    document = docx.Document()
    document.add_paragraph("鹤淇产业集聚区2025年主要经济指标")
    table = document.add_table(rows=4, cols=5)
    cells = [
        ["指标", "单位", "1-10月", "同比增长（%）", "年度目标"],
        ["主营业务收入", "亿元", "102.5", "12.3", "150"],
        ["税收", "万元", "8832.6", "-3.2", ""],
        ["入驻企业（家）", "", "104", "", ""],
    ]
    for row, values in zip(table.rows, cells, strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    path = tmp_path / "指标.docx"
    document.save(path)
    text = read_source(path).text
    assert text.splitlines()[1:] == [
        "主营业务收入：1-10月102.5亿元，同比增长12.3%。",
        "主营业务收入：年度目标为150亿元。",
        "税收：1-10月8832.6万元，同比下降3.2%。",
        "入驻企业：1-10月104家。",
    ]
    facts = [(f["metric"], f["kind"], f["value"]) for f in extract_text(text)["facts"]]
    assert facts == [
        ("revenue", "actual", 10250000000.0), ("revenue", "growth", 12.3), ("revenue", "target", 15000000000.0),
        ("tax", "actual", 88326000.0), ("tax", "growth", -3.2), ("enterprises", "actual", 104.0),
    ]


def test_gbk_text_with_a_stray_byte_decodes_with_one_replacement(report_files):
    data = SIMPLIFIED[0].encode("gbk") + b"\x80" + SIMPLIFIED[2].encode("gbk")
    source = read_source(report_files.write("dented.txt", data))
    assert (source.text, source.encoding) == (SIMPLIFIED[0] + "\ufffd" + SIMPLIFIED[2], "gb18030")
    assert (source.undecodable_bytes, source.nul_bytes_dropped) == (1, 0)


def test_text_with_more_than_one_percent_undecodable_bytes_is_still_refused(report_files):
    data = SIMPLIFIED[0].encode() + b"\xff" * 10
    problem = problem_of(report_files.write("noisy.txt", data))
    assert problem == "binary data or unknown encoding; expected UTF-8, GB18030/GBK or Big5 text"


def test_utf16_without_a_byte_order_mark_is_refused_as_binary(report_files):
    data = "Zone report 2025, investment 29.95".encode("utf-16-le")
    assert problem_of(report_files.write("utf16.txt", data)) == "binary data, not text (NUL bytes)"


def test_a_named_pipe_is_refused_without_being_opened(report_files):
    import os

    pipe = report_files.path("pipe.txt")
    os.mkfifo(pipe)
    assert problem_of(pipe) == "not a regular file"
