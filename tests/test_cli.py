"""`python -m loaders build`: exit codes 0/1/2, the summary, and the default folders."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_loaders(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """The command as a user runs it, on this working tree's loaders whatever the current folder."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "loaders", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_build_of_readable_files_exits_0_and_prints_the_summary(report_files, tmp_path):
    report_files.text("good.txt")
    out = tmp_path / "tables"

    completed = run_loaders("build", "--reports", str(report_files.folder), "--out", str(out), cwd=tmp_path)

    assert completed.returncode == 0, completed.stderr
    lines = completed.stdout.splitlines()
    assert lines[0] == "files read            1"
    assert [line.split()[0] for line in lines[1:7]] == [
        "reports",
        "zones",
        "facts",
        "projects",
        "infrastructure",
        "quality",
    ]
    assert lines[-2:] == ["files skipped         0", f"tables written to     {out}"]
    assert (out / "manifest.json").exists()


def test_build_with_a_skipped_file_exits_1_and_names_it_with_its_reason(report_files, tmp_path):
    report_files.text("good.txt")
    scanned = report_files.blank_pdf("scanned.pdf")
    out = tmp_path / "tables"

    completed = run_loaders("build", "--reports", str(report_files.folder), "--out", str(out), cwd=tmp_path)

    assert completed.returncode == 1, completed.stderr
    assert f"skipped {scanned}: no text layer (scanned PDF?)" in completed.stderr.splitlines()
    assert "files skipped         1\n  scanned.pdf: no text layer (scanned PDF?)\n" in completed.stdout
    assert "Traceback" not in completed.stderr
    assert (out / "documents.parquet").exists()


def test_build_of_a_missing_reports_folder_exits_2_and_writes_nothing(tmp_path):
    completed = run_loaders("build", "--reports", "nowhere", "--out", "tables", cwd=tmp_path)

    assert completed.returncode == 2
    assert completed.stderr == "error: reports folder not found: nowhere\n"
    assert (
        completed.stdout == "no tables written; tables left as it was (reports folder not found: nowhere)\n"
    )
    assert not (tmp_path / "tables").exists()


def test_build_with_no_readable_file_exits_2(report_files, tmp_path):
    report_files.empty("empty.txt")

    completed = run_loaders("build", "--reports", str(report_files.folder), "--out", "tables", cwd=tmp_path)

    assert completed.returncode == 2
    assert f"error: no readable report in {report_files.folder}" in completed.stderr
    assert not (tmp_path / "tables").exists()


def test_build_defaults_to_data_reports_and_data_tables_of_the_current_folder(tmp_path):
    reports = tmp_path / "data" / "reports"
    reports.mkdir(parents=True)
    (reports / "good.txt").write_text("鹤淇产业集聚区2025年发展报告\n入驻企业104家。\n", encoding="utf-8")

    completed = run_loaders("build", "--quiet", cwd=tmp_path)

    assert (completed.returncode, completed.stdout) == (0, "")
    assert (tmp_path / "data" / "tables" / "manifest.json").exists()


def test_unknown_option_is_a_usage_error_with_exit_code_2(tmp_path):
    completed = run_loaders("build", "--nonsense", cwd=tmp_path)
    assert completed.returncode == 2
    assert "unrecognized arguments: --nonsense" in completed.stderr


def test_missing_subcommand_is_a_usage_error_with_exit_code_2(tmp_path):
    completed = run_loaders(cwd=tmp_path)
    assert completed.returncode == 2
    assert "usage: python -m loaders" in completed.stderr
