"""The reports of a tables folder are read on demand: a count from the file's footer, the rows and texts
of the reports asked for, and the whole table only when something asks for `documents`."""

from __future__ import annotations

import dashboard_fixtures as fx
import pyarrow.parquet as pq
import pytest

from pages._shared import store
from pages._shared.data import load_tables


@pytest.fixture
def folder(tmp_path):
    """The fixture tables, with one report per row group (as half a million reports lie in many)."""
    folder = fx.write(tmp_path / "tables")
    documents = pq.read_table(folder / "documents.parquet")
    pq.write_table(documents, folder / "documents.parquet", row_group_size=1)
    assert pq.ParquetFile(folder / "documents.parquet").metadata.num_row_groups == 2
    return folder


def test_loading_reads_no_report_and_counts_them_from_the_footer(folder):
    tables = load_tables(folder)
    assert tables.document_count == 2
    assert list(store.document_rows(tables, ("d2", "nope"))["title"]) == ["柘城县产业集聚区情况汇报"]
    assert not tables._read_documents  # neither counting nor the rows read the table
    assert list(tables.documents["doc_id"]) == ["d1", "d2"]
    assert "text" not in tables.documents.columns


def test_texts_come_from_the_row_groups_that_hold_the_reports(folder):
    tables = load_tables(folder)
    texts = tables.document_texts(["d2", "nope", "d1"])
    assert texts["doc_id"].tolist() == ["d1", "d2"]  # the file's order
    assert texts["text"].tolist() == [fx.DOC_TEXT_1, fx.DOC_TEXT_2]
    assert tables.document_text("d2") == fx.DOC_TEXT_2
    assert tables.document_text("nope") == ""
    assert tables.document_texts([]).empty


def test_a_documents_file_without_the_extra_columns_still_gives_its_rows(folder):
    file = folder / "documents.parquet"
    pq.write_table(pq.read_table(file).drop_columns(["encoding", "chars"]), file)
    rows = store.document_rows(load_tables(folder), ("d1",))
    assert rows["title"].tolist() == ["鹤淇产业集聚区2025年发展报告"]
    assert rows["chars"].isna().all() and rows["encoding"].isna().all()
