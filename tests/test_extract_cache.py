"""Incremental builds: unchanged files come from the cache, and the tables equal a full rebuild byte for byte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from loaders.pipeline import engines, extract, extract_cache
from loaders.pipeline.build import build, cache_dir

ROOT = Path(__file__).resolve().parents[1]
TABLE_FILES = ("documents", "zones", "facts", "projects", "infrastructure", "quality")
NEW_REPORT = "开封新区产业集聚区2024年工作总结\n开封新区产业集聚区2024年完成固定资产投资85.6亿元，入驻企业126家。\n"


@pytest.fixture
def calls(monkeypatch):
    """How many reports were extracted (one process, so the count is seen here)."""
    monkeypatch.setenv("LOADERS_WORKERS", "1")
    seen: list[str] = []
    real = extract.extract_document

    def counting(document):
        seen.append(document["source_file"])
        return real(document)

    monkeypatch.setattr(extract, "extract_document", counting)
    return seen


def _reports(tmp_path: Path) -> Path:
    reports = tmp_path / "reports"
    reports.mkdir()
    shutil.copy(ROOT / "data" / "reports" / "seed_reports.txt", reports)
    return reports


def _tables(folder: Path) -> dict[str, bytes]:
    return {name: (folder / f"{name}.parquet").read_bytes() for name in TABLE_FILES}


def test_publishing_one_report_extracts_only_it_and_equals_a_full_rebuild(tmp_path, calls):
    reports = _reports(tmp_path)
    assert build(reports, tmp_path / "tables", progress=False).written
    assert len(calls) == 5  # the sample's five reports
    (reports / "kaifeng.txt").write_text(NEW_REPORT, encoding="utf-8")
    calls.clear()
    assert build(reports, tmp_path / "tables", progress=False).written
    assert calls == ["kaifeng.txt"]
    assert build(reports, tmp_path / "full", progress=False, use_cache=False).written
    assert _tables(tmp_path / "tables") == _tables(tmp_path / "full")


def test_withdrawing_a_report_equals_a_full_rebuild_and_forgets_it(tmp_path, calls):
    reports = _reports(tmp_path)
    (reports / "kaifeng.txt").write_text(NEW_REPORT, encoding="utf-8")
    build(reports, tmp_path / "tables", progress=False)
    entries = len(list(next(cache_dir(tmp_path / "tables").iterdir()).iterdir()))
    (reports / "kaifeng.txt").unlink()
    calls.clear()
    build(reports, tmp_path / "tables", progress=False)
    assert calls == []
    build(reports, tmp_path / "full", progress=False, use_cache=False)
    assert _tables(tmp_path / "tables") == _tables(tmp_path / "full")
    assert len(list(next(cache_dir(tmp_path / "tables").iterdir()).iterdir())) == entries - 2  # its reading and report


def test_a_change_of_rules_reads_everything_again(tmp_path, calls, monkeypatch):
    reports = _reports(tmp_path)
    build(reports, tmp_path / "tables", progress=False)
    monkeypatch.setattr(extract_cache, "rules_fingerprint", lambda: "other-rules")
    calls.clear()
    build(reports, tmp_path / "tables", progress=False)
    assert len(calls) == 5
    assert [folder.name for folder in cache_dir(tmp_path / "tables").iterdir()] == ["other-rules"]


def test_a_damaged_cache_entry_is_read_afresh(tmp_path, calls):
    reports = _reports(tmp_path)
    build(reports, tmp_path / "tables", progress=False)
    for entry in next(cache_dir(tmp_path / "tables").iterdir()).iterdir():
        entry.write_bytes(b"not a pickle")
    calls.clear()
    assert build(reports, tmp_path / "tables", progress=False).written
    assert len(calls) == 5
    build(reports, tmp_path / "full", progress=False, use_cache=False)
    assert _tables(tmp_path / "tables") == _tables(tmp_path / "full")


def test_an_edited_file_is_read_again(tmp_path, calls):
    reports = _reports(tmp_path)
    (reports / "kaifeng.txt").write_text(NEW_REPORT, encoding="utf-8")
    build(reports, tmp_path / "tables", progress=False)
    (reports / "kaifeng.txt").write_text(NEW_REPORT.replace("85.6", "90.1"), encoding="utf-8")
    calls.clear()
    build(reports, tmp_path / "tables", progress=False)
    assert calls == ["kaifeng.txt"]


def test_a_file_of_many_reports_is_one_cache_entry_besides_its_reading(tmp_path, calls):
    reports = _reports(tmp_path)  # one file holding the sample's five reports
    build(reports, tmp_path / "tables", progress=False)
    assert len(list(next(cache_dir(tmp_path / "tables").iterdir()).iterdir())) == 2
    calls.clear()
    assert build(reports, tmp_path / "tables", progress=False).written
    assert calls == []


@pytest.mark.parametrize("workers", ["1", "2"])
def test_the_extraction_takes_every_report_before_it_returns(monkeypatch, workers):
    """The build reads its files as the extraction takes their reports, and the cache pairs each file with
    its results once every file is read: so an engine takes every report before it returns, in one
    process or in a pool."""
    monkeypatch.setenv("LOADERS_WORKERS", workers)
    taken: list[int] = []

    def documents():
        for firms in (12, 30, 45):
            text = f"鹤淇产业集聚区入驻企业{firms}家。"
            taken.append(firms)
            yield {"doc_id": f"d{firms}", "source_file": "x.txt", "part": len(taken), "title": "", "doc_type": "other",
                   "issuer": None, "doc_date": None, "text": text, "chars": len(text)}

    results = engines.extractor("process", None, 60.0, True)(documents())
    assert taken == [12, 30, 45]
    assert [result.table("facts").column("value").to_pylist() for result in results] == [[12.0], [30.0], [45.0]]
