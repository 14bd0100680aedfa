"""Publishing and withdrawing reports: files stay inside the reports folder, nothing is deleted, one at a time."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pandas as pd

from loaders.pipeline import publish

ROOT = Path(__file__).resolve().parents[1]
REPORT = "开封新区产业集聚区2024年工作总结\n开封新区产业集聚区2024年完成固定资产投资85.6亿元。\n".encode()


def _site(tmp_path: Path) -> tuple[Path, Path]:
    reports = tmp_path / "data" / "reports"
    reports.mkdir(parents=True)
    shutil.copy(ROOT / "data" / "reports" / "seed_reports.txt", reports)
    return reports, tmp_path / "data" / "tables"


def test_upload_names_are_reduced_to_one_plain_file_name():
    assert publish.safe_name("../../x.txt") == "x.txt"
    assert publish.safe_name("..\\..\\evil.docx") == "evil.docx"
    assert publish.safe_name("x.txt: ok\nfiles read 99") == "x.txt_ ok_files read 99"
    assert publish.safe_name("...") == "report"
    assert len(publish.safe_name("长" * 500 + ".pdf")) == publish.MAX_NAME_CHARS


def test_a_new_upload_never_replaces_a_report_of_the_same_name(tmp_path):
    reports, tables = _site(tmp_path)
    staged = publish.stage("seed_reports.txt", REPORT, tmp_path / "staging")
    outcome = publish.publish([staged], reports, tables, "wang")
    assert outcome.ok and outcome.files == ("seed_reports-2.txt",)
    assert (reports / "seed_reports.txt").read_bytes() == (ROOT / "data" / "reports" / "seed_reports.txt").read_bytes()


def test_publish_counts_and_audit(tmp_path):
    reports, tables = _site(tmp_path)
    publish.publish([publish.stage("a.txt", REPORT, tmp_path / "staging")], reports, tables, "wang")
    (entry,) = publish.audit_entries(publish.default_audit_log(reports))
    assert entry["action"] == "publish" and entry["user"] == "wang"
    assert entry["files"] == [{"file": "a.txt", "sha256": publish.stage("a.txt", REPORT, tmp_path / "s2").sha256}]
    assert entry["counts_before"] == {} and entry["counts_after"]["documents"] == 6
    assert [item["file"] for item in publish.live_reports(tables)] == ["a.txt", "seed_reports.txt"]


def test_withdrawing_the_only_report_is_refused(tmp_path):
    reports, tables = _site(tmp_path)
    publish.publish([], reports, tables, "wang")
    outcome = publish.withdraw("seed_reports.txt", reports, tables, "wang")
    assert not outcome.ok and "only report" in outcome.error
    assert (reports / "seed_reports.txt").exists()


def test_withdrawing_outside_the_reports_folder_is_refused(tmp_path):
    reports, tables = _site(tmp_path)
    (tmp_path / "data" / "secret.txt").write_text("x")
    outcome = publish.withdraw("../secret.txt", reports, tables, "wang")
    assert not outcome.ok and (tmp_path / "data" / "secret.txt").exists()


def test_a_second_publish_waits_for_the_first(tmp_path, monkeypatch):
    reports, tables = _site(tmp_path)
    order: list[str] = []
    real_build = publish.build

    def slow_build(*args, **kwargs):
        order.append("start")
        time.sleep(0.5)
        result = real_build(*args, **kwargs)
        order.append("end")
        return result

    monkeypatch.setattr(publish, "build", slow_build)
    first = publish.stage("a.txt", REPORT, tmp_path / "staging")
    second = publish.stage("b.txt", REPORT.replace(b"85.6", b"90.1"), tmp_path / "staging")
    threads = [threading.Thread(target=publish.publish, args=([item], reports, tables, "wang")) for item in (first, second)]
    for thread in threads:
        thread.start()
        time.sleep(0.1)
    for thread in threads:
        thread.join()
    assert order == ["start", "end", "start", "end"]
    facts = pd.read_parquet(tables / "facts.parquet")
    assert {8.56e9, 9.01e9} <= set(facts["value"])
