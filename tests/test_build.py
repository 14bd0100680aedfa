"""loaders.pipeline.build: bad files are skipped with one line each, tables are swapped in whole or not at all."""

from __future__ import annotations

import gc
import hashlib
import json
import os
import platform
import subprocess
import sys
import textwrap
from datetime import datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import loaders
from loaders.contract import schema as schema_module
from loaders.contract.schema import TABLES
from loaders.pipeline import build as build_module
from loaders.pipeline import extract, summaries
from loaders.pipeline.build import build
from loaders.reading import split

ROOT = Path(__file__).resolve().parents[1]
TABLE_FILES = sorted(f"{name}.parquet" for name in TABLES)
SUMMARY_FILES = sorted(f"summaries/{name}.parquet" for name in summaries.KNOWN)  # derived, beside the tables
NO_ZONE_REPORT = "关于做好年底安全生产检查工作的通知\n各单位：请于十二月底前完成自查，并报送检查记录。\n二〇二五年十二月一日\n"

BAD_FILES = [
    # kind, file name, the skip reason (or its start, when it quotes the library)
    ("empty", "empty.txt", "empty file (0 bytes)"),
    ("binary", "binary.txt", "binary data, not text (NUL bytes)"),
    ("truncated_docx", "truncated.docx", "truncated or corrupt .docx (BadZipFile: File is not a zip file)"),
    ("broken_pdf", "broken.pdf", "broken PDF ("),
    ("blank_pdf", "scanned.pdf", "no text layer (scanned PDF?)"),
    ("unsupported", "table.xls", "unsupported file type .xls; expected .txt, .md, .docx, .pdf"),
    ("too_large", "huge.txt", "file too large (65.0 MB; limit 64 MB)"),
]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under the folder by its relative path."""
    return {path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*"))
            if path.is_file()}


def documents_of(out: Path) -> pd.DataFrame:
    return pd.read_parquet(out / "documents.parquet")


def siblings(out: Path) -> list[str]:
    """Folders a build leaves beside out_dir (temporary or set-aside tables)."""
    return sorted(path.name for path in out.parent.iterdir() if path.name.startswith(f".{out.name}."))


@pytest.fixture
def out(tmp_path) -> Path:
    return tmp_path / "tables"


@pytest.mark.parametrize(("kind", "name", "reason"), BAD_FILES, ids=[case[0] for case in BAD_FILES])
def test_a_bad_file_is_skipped_with_one_line_and_the_other_files_still_load(
    report_files, out, capsys, kind, name, reason
):
    report_files.text("good.txt")
    bad = getattr(report_files, kind)(name)

    result = build(report_files.folder, out, progress=False)

    assert result.exit_code == 1
    [(skipped_file, skipped_reason)] = result.skipped
    assert skipped_file == name
    assert skipped_reason.startswith(reason) and "\n" not in skipped_reason
    assert f"skipped {bad}: {skipped_reason}\n" in capsys.readouterr().err
    assert sorted(path.name for path in out.iterdir()) == sorted([*TABLE_FILES, "manifest.json", "summaries"])
    assert set(documents_of(out).source_file) == {"good.txt"}


@pytest.mark.parametrize(
    ("name", "write", "encoding"),
    [
        ("gbk.txt", lambda files, name: files.text(name, "鹤淇产业集聚区入驻企业104家。", "gbk"), "gb18030"),
        ("big5.txt", lambda files, name: files.text(name, "鶴淇產業集聚區入駐企業104家。", "big5"), "big5"),
        ("bom.txt", lambda files, name: files.write(name, "\ufeff鹤淇产业集聚区".encode()), "utf-8-sig"),
        ("report.docx", lambda files, name: files.docx(name), "docx"),
        ("report.pdf", lambda files, name: files.pdf_with_text(name), "pdf"),
        ("notice.md", lambda files, name: files.text(name, NO_ZONE_REPORT), "utf-8"),
    ],
    ids=["gbk", "big5", "utf8-bom", "docx", "pdf", "report-without-zone-name"],
)
def test_every_supported_kind_of_file_loads_with_its_encoding(report_files, out, name, write, encoding):
    report_files.text("good.txt")
    write(report_files, name)

    result = build(report_files.folder, out, progress=False)

    assert (result.exit_code, result.skipped, result.files_read) == (0, [], 2)
    documents = documents_of(out)
    assert set(documents.source_file) == {"good.txt", name}
    assert set(documents[documents.source_file == name].encoding) == {encoding}
    assert (documents.chars == documents.text.str.len()).all()


def test_a_report_without_a_zone_name_loads_with_its_text(report_files, out):
    report_files.text("notice.txt", NO_ZONE_REPORT)

    result = build(report_files.folder, out, progress=False)

    assert (result.exit_code, result.skipped) == (0, [])
    documents = documents_of(out)
    assert list(documents.source_file.unique()) == ["notice.txt"]
    assert all(text.strip() in NO_ZONE_REPORT for text in documents.text)


def test_build_keeps_previous_tables_when_no_file_can_be_read(report_files, tmp_path, out, capsys):
    report_files.text("good.txt")
    assert build(report_files.folder, out, progress=False).exit_code == 0
    before = snapshot(out)
    broken = type(report_files)(tmp_path / "broken_reports")
    broken.empty("empty.txt")
    broken.blank_pdf("scanned.pdf")

    result = build(broken.folder, out, progress=False)

    assert (result.exit_code, result.written, len(result.skipped)) == (2, False, 2)
    assert snapshot(out) == before
    assert f"error: no readable report in {broken.folder}\n" in capsys.readouterr().err
    assert siblings(out) == []


def test_build_of_a_missing_reports_folder_is_a_usage_error_that_keeps_previous_tables(
    report_files, tmp_path, out, capsys
):
    report_files.text("good.txt")
    build(report_files.folder, out, progress=False)
    before = snapshot(out)

    result = build(tmp_path / "nowhere", out, progress=False)

    assert (result.exit_code, result.written) == (2, False)
    assert snapshot(out) == before
    assert f"error: reports folder not found: {tmp_path / 'nowhere'}\n" in capsys.readouterr().err


def test_build_of_an_empty_reports_folder_writes_nothing(tmp_path, out):
    (tmp_path / "reports").mkdir()
    result = build(tmp_path / "reports", out, progress=False)
    assert (result.exit_code, result.error, out.exists()) == (
        2,
        f"no report files in {tmp_path / 'reports'}",
        False,
    )


def test_build_refuses_to_write_inside_the_reports_folder(report_files):
    report_files.text("good.txt")
    result = build(report_files.folder, report_files.folder / "tables", progress=False)
    assert result.exit_code == 2
    assert not (report_files.folder / "tables").exists()


def test_build_keeps_previous_tables_when_writing_fails_part_way(report_files, out, monkeypatch):
    report_files.text("good.txt")
    build(report_files.folder, out, progress=False)
    before = snapshot(out)
    report_files.text("second.txt", "第二份报告\n内容不同。")
    written = []

    def write_two_then_fail(table, path):
        if len(written) == 2:
            raise RuntimeError("killed while writing")
        build_module.pq.write_table(table, path)
        written.append(path)

    monkeypatch.setattr(build_module, "_write_table", write_two_then_fail)
    with pytest.raises(RuntimeError, match="killed while writing"):
        build(report_files.folder, out, progress=False)

    assert len(written) == 2 and all(path.parent.name.startswith(".tables.tmp-") for path in written)
    assert snapshot(out) == before
    assert siblings(out) == []


def test_build_that_cannot_write_returns_2_and_keeps_previous_tables(report_files, out, monkeypatch):
    report_files.text("good.txt")
    build(report_files.folder, out, progress=False)
    before = snapshot(out)

    def disk_full(table, path):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build_module, "_write_table", disk_full)
    result = build(report_files.folder, out, progress=False)

    assert (result.exit_code, result.written) == (2, False)
    assert result.error.startswith(f"cannot write tables to {out}: ")
    assert snapshot(out) == before
    assert siblings(out) == []


def run_build_killed(reports: Path, out: Path, kill_when: str) -> None:
    """Run a build in a child process that SIGKILLs itself at a chosen point of the write step."""
    script = textwrap.dedent(
        f"""
        import os, signal, sys
        from pathlib import Path
        import loaders.pipeline.build as build_module

        calls = []
        write_table, rename, replace = build_module._write_table, os.rename, os.replace

        def killing_write(table, path):
            write_table(table, path)
            calls.append(path)
            if {kill_when!r} == "after two tables" and len(calls) == 2:
                os.kill(os.getpid(), signal.SIGKILL)

        def killing_rename(source, target):
            rename(source, target)
            moved_aside = Path(source).name == Path(sys.argv[2]).name
            if {kill_when!r} == ("while moving the folder aside" if moved_aside else "after the new set is renamed"):
                os.kill(os.getpid(), signal.SIGKILL)

        def killing_replace(source, target):
            replace(source, target)
            if {kill_when!r} == "after the link is replaced" and Path(target).name == Path(sys.argv[2]).name:
                os.kill(os.getpid(), signal.SIGKILL)

        build_module._write_table = killing_write
        os.rename, os.replace = killing_rename, killing_replace
        build_module.build(Path(sys.argv[1]), Path(sys.argv[2]), progress=False)
        """
    )
    completed = subprocess.run([sys.executable, "-c", script, str(reports), str(out)], cwd=ROOT)
    assert completed.returncode == -9


def test_build_killed_while_writing_leaves_previous_tables_and_the_next_build_cleans_up(report_files, out):
    report_files.text("good.txt")
    build(report_files.folder, out, progress=False)
    before = snapshot(out)
    report_files.text("second.txt", "第二份报告\n内容不同。")

    run_build_killed(report_files.folder, out, "after two tables")

    assert snapshot(out) == before
    [leftover] = siblings(out)
    assert leftover.startswith(".tables.tmp-") and len(list((out.parent / leftover).iterdir())) == 2
    assert build(report_files.folder, out, progress=False).exit_code == 0
    assert siblings(out) == []
    assert set(documents_of(out).source_file) == {"good.txt", "second.txt"}


@pytest.mark.parametrize("kill_when", ["after the new set is renamed", "after the link is replaced"])
def test_build_killed_during_the_switch_leaves_a_complete_set_readable_at_every_moment(
    report_files, tmp_path, out, kill_when
):
    from pages._shared.data import load_tables

    report_files.text("good.txt")
    build(report_files.folder, out, progress=False)
    before = snapshot(out)
    report_files.text("second.txt", "第二份报告\n内容不同。")

    run_build_killed(report_files.folder, out, kill_when)

    files = {"after the new set is renamed": {"good.txt"}, "after the link is replaced": {"good.txt", "second.txt"}}
    assert set(load_tables(out).documents.source_file) == files[kill_when]
    if kill_when == "after the new set is renamed":
        assert snapshot(out) == before
    unreadable = type(report_files)(tmp_path / "unreadable")
    unreadable.empty("empty.txt")
    assert build(unreadable.folder, out, progress=False).exit_code == 2
    assert set(documents_of(out).source_file) == files[kill_when]
    assert siblings(out) == []
    assert [path.name for path in tmp_path.glob(".tables-" + "?" * 12)] == [os.readlink(out)]


def test_a_tables_folder_of_older_loaders_becomes_a_link_and_a_kill_while_moving_it_is_repaired(
    report_files, tmp_path, out
):
    report_files.text("good.txt")
    build(report_files.folder, out, progress=False)
    older = snapshot(out)
    out.unlink()
    out.mkdir()
    for name, data in older.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    report_files.text("second.txt", "第二份报告\n内容不同。")

    run_build_killed(report_files.folder, out, "while moving the folder aside")

    assert not out.exists()  # the one moment without tables, once per checkout, repaired by the next build
    unreadable = type(report_files)(tmp_path / "unreadable")
    unreadable.empty("empty.txt")
    assert build(unreadable.folder, out, progress=False).exit_code == 2
    assert out.is_symlink() and set(documents_of(out).source_file) in ({"good.txt"}, {"good.txt", "second.txt"})
    assert build(report_files.folder, out, progress=False).exit_code == 0
    assert out.is_symlink() and set(documents_of(out).source_file) == {"good.txt", "second.txt"}


def test_two_builds_of_the_same_input_give_byte_identical_tables(report_files, tmp_path):
    report_files.text("good.txt")
    report_files.text("big5.txt", "鶴淇產業集聚區入駐企業104家。", "big5")
    report_files.docx("report.docx")

    build(report_files.folder, tmp_path / "first", progress=False)
    build(report_files.folder, tmp_path / "second", progress=False)

    first, second = snapshot(tmp_path / "first"), snapshot(tmp_path / "second")
    assert sorted(first) == sorted([*TABLE_FILES, "manifest.json", *SUMMARY_FILES])
    for name in [*TABLE_FILES, *SUMMARY_FILES]:
        assert first[name] == second[name], name


def test_manifest_records_every_input_with_sha256_and_every_skipped_file(report_files, out):
    good = report_files.text("good.txt")
    big5 = report_files.text("sub/big5.txt", "鶴淇產業集聚區入駐企業104家。", "big5")
    empty = report_files.empty("empty.txt")

    result = build(report_files.folder, out, progress=False)

    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    reports = documents_of(out).source_file.value_counts().to_dict()
    assert manifest["inputs"] == [
        {
            "file": "good.txt",
            "size": good.stat().st_size,
            "sha256": hashlib.sha256(good.read_bytes()).hexdigest(),
            "encoding": "utf-8",
            "reports": reports["good.txt"],
        },
        {
            "file": "sub/big5.txt",
            "size": big5.stat().st_size,
            "sha256": hashlib.sha256(big5.read_bytes()).hexdigest(),
            "encoding": "big5",
            "reports": reports["sub/big5.txt"],
        },
    ]
    assert manifest["skipped"] == [{"file": "empty.txt", "reason": "empty file (0 bytes)"}]
    assert empty.exists()
    assert (
        manifest["tables"]
        == result.counts
        == {name: pq.read_metadata(out / f"{name}.parquet").num_rows for name in TABLES}
    )
    assert manifest["loader_version"] == loaders.__version__
    assert manifest["python_version"] == platform.python_version()
    assert datetime.fromisoformat(manifest["built_at"]).utcoffset().total_seconds() == 0


def test_every_table_is_written_with_the_contract_schema(report_files, out):
    report_files.text("good.txt")
    build(report_files.folder, out, progress=False)
    for name, table in TABLES.items():
        assert pq.read_schema(out / f"{name}.parquet").remove_metadata() == table.arrow_schema, name


@pytest.mark.parametrize("stage", ["split", "extract"])
def test_a_failure_inside_extraction_skips_only_that_file(report_files, out, monkeypatch, capsys, stage):
    report_files.text("good.txt")
    bad = report_files.text("bad.txt", "这份报告让抽取出错 BOOM")
    real_split, real_extract = split.split_reports, extract.extract_document

    def failing_split(text, source_file):
        if "BOOM" in text:
            raise ValueError("boom\nsecond line")
        return real_split(text, source_file)

    def failing_extract(document):
        if "BOOM" in document["text"]:
            raise ValueError("boom\nsecond line")
        return real_extract(document)

    monkeypatch.setattr(split, "split_reports", failing_split)
    monkeypatch.setattr(extract, "extract_document", failing_extract)
    result = build(report_files.folder, out, progress=False)

    assert result.exit_code == 1
    assert result.skipped == [("bad.txt", "extraction failed: ValueError: boom second line")]
    err = capsys.readouterr().err
    assert f"skipped {bad}: extraction failed: ValueError: boom second line\n" in err
    assert "Traceback" not in err
    assert set(documents_of(out).source_file) == {"good.txt"}


def test_the_same_text_in_two_files_is_kept_once(report_files, out, capsys):
    report_files.text("a.txt")
    report_files.text("b.txt")

    result = build(report_files.folder, out, progress=False)

    assert (result.exit_code, result.skipped, result.files_read) == (0, [], 2)
    assert set(documents_of(out).source_file) == {"a.txt"}
    assert documents_of(out).doc_id.is_unique
    assert "info: b.txt part 1 repeats a.txt part 1 (same text); skipped" in capsys.readouterr().err


def test_hidden_files_are_left_out_and_nested_files_keep_their_relative_posix_path(report_files, out):
    report_files.text("good.txt")
    report_files.text("2025/q3/zone.txt", "第三季度报告\n内容。")
    report_files.text(".draft.txt", "草稿")
    report_files.text(".git/notes.txt", "内部")
    report_files.write("~$report.docx", b"lock")

    result = build(report_files.folder, out, progress=False)

    assert (result.exit_code, result.files_read) == (0, 2)
    assert set(documents_of(out).source_file) == {"good.txt", "2025/q3/zone.txt"}


def test_a_stale_temporary_folder_of_a_dead_build_is_removed(report_files, out):
    report_files.text("good.txt")
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = out.parent / f".tables.tmp-{dead.pid}-deadbeef"
    stale.mkdir(parents=True)
    (stale / "facts.parquet").write_bytes(b"half")
    alive = out.parent / f".tables.tmp-{os.getppid()}-cafecafe"  # another build still running
    alive.mkdir()

    assert build(report_files.folder, out, progress=False).exit_code == 0

    assert siblings(out) == [alive.name]


def test_bundled_sample_builds_every_table_and_a_manifest(sample_tables):
    assert sorted(path.name for path in sample_tables.iterdir()) == sorted([*TABLE_FILES, "manifest.json", "summaries"])
    manifest = json.loads((sample_tables / "manifest.json").read_text(encoding="utf-8"))
    seed = ROOT / "data" / "reports" / "seed_reports.txt"
    [entry] = [entry for entry in manifest["inputs"] if entry["file"] == "seed_reports.txt"]
    assert entry["sha256"] == hashlib.sha256(seed.read_bytes()).hexdigest()
    assert entry["encoding"] == "utf-8"


def test_a_report_without_a_zone_name_keeps_its_figures_under_a_named_placeholder(tmp_path, capsys):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "anon.txt").write_text("本园区2025年实现主营业务收入12.5亿元，同比增长8%，入驻企业36家。\n", encoding="utf-8")
    result = build(reports, tmp_path / "tables", progress=False)
    assert result.exit_code == 0
    assert "anon.txt part 1: no zone name found; its figures are kept under 未识别区域（anon#1）" in capsys.readouterr().err
    zones = pd.read_parquet(tmp_path / "tables" / "zones.parquet")
    facts = pd.read_parquet(tmp_path / "tables" / "facts.parquet")
    quality = pd.read_parquet(tmp_path / "tables" / "quality.parquet")
    assert list(zones["name"]) == ["未识别区域（anon#1）"]
    assert sorted(facts["raw"]) == ["12.5亿元", "36家", "8%"]
    assert list(quality["check"]) == ["no_zone_name"]


def test_extraction_spread_over_processes_writes_the_same_tables_byte_for_byte(tmp_path, monkeypatch):
    reports = tmp_path / "reports"
    reports.mkdir()
    sample = (Path(__file__).resolve().parents[1] / "data" / "reports" / "seed_reports.txt").read_text(encoding="utf-8")
    for copy in range(3):
        (reports / f"copy{copy}.txt").write_text(sample.replace("鹤淇", f"鹤淇{copy}"), encoding="utf-8")
    outputs = {}
    for workers in ("1", "2"):
        monkeypatch.setenv("LOADERS_WORKERS", workers)
        outputs[workers] = tmp_path / f"tables{workers}"
        assert build(reports, outputs[workers], progress=False).exit_code == 0
    for name in TABLES:
        serial = (outputs["1"] / f"{name}.parquet").read_bytes()
        assert serial == (outputs["2"] / f"{name}.parquet").read_bytes(), name


def test_arrow_finalize_writes_the_same_table_as_the_pandas_path(sample_tables):
    facts = pq.read_table(sample_tables / "facts.parquet")
    shuffled = facts.take(list(reversed(range(facts.num_rows))))
    assert schema_module.finalize_arrow("facts", shuffled).equals(facts, check_metadata=True)
    with pytest.raises(ValueError, match="duplicate key"):
        schema_module.finalize_arrow("facts", pa.concat_tables([facts, facts.slice(0, 1)]))


def test_the_tables_do_not_depend_on_the_hash_seed(sample_tables, tmp_path):
    """Set and dict order must never reach the tables: two builds under different PYTHONHASHSEEDs agree."""
    from bench import corpus

    reports = tmp_path / "reports"
    corpus.generate(reports, 0.4, corpus.zone_names(sample_tables))
    outputs = {}
    for seed in ("1", "2"):
        out = tmp_path / f"tables_{seed}"
        subprocess.run(
            [sys.executable, "-m", "loaders", "build", "--quiet", "--no-cache", "--reports", str(reports), "--out", str(out)],
            cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed, "LOADERS_WORKERS": "1"}, check=True,
        )
        outputs[seed] = out
    for name in TABLE_FILES:
        assert (outputs["1"] / name).read_bytes() == (outputs["2"] / name).read_bytes(), name


@pytest.mark.parametrize("enabled", [True, False])
def test_a_build_leaves_the_cycle_collector_as_it_found_it(tmp_path, enabled):
    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text("开封新区产业集聚区2024年完成固定资产投资85.6亿元。\n", encoding="utf-8")
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        assert build(reports, tmp_path / "tables", progress=False).written
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_a_build_in_one_process_collects_as_seldom_as_a_worker_while_extracting_and_restores_the_thresholds(
    tmp_path, monkeypatch,
):
    from loaders.pipeline import workers

    reports = tmp_path / "reports"
    reports.mkdir()
    (reports / "a.txt").write_text("开封新区产业集聚区2024年完成固定资产投资85.6亿元。\n", encoding="utf-8")
    monkeypatch.setenv("LOADERS_WORKERS", "1")
    seen = []
    extract_document = extract.extract_document

    def recording(document):
        seen.append(gc.get_threshold())
        return extract_document(document)

    monkeypatch.setattr(extract, "extract_document", recording)
    was = gc.get_threshold()
    try:
        gc.set_threshold(900, 11, 12)
        assert build(reports, tmp_path / "tables", progress=False, use_cache=False).written
        assert gc.get_threshold() == (900, 11, 12)
    finally:
        gc.set_threshold(*was)
    assert seen == [(workers.WORKER_GC_THRESHOLD, 11, 12)]


def test_tables_combined_slice_by_slice_equal_tables_combined_once(tmp_path, monkeypatch):
    """Combining every new slice (COMBINE_PIECES=1) and never combining give the same Parquet bytes."""
    reports = tmp_path / "reports"
    reports.mkdir()
    sample = Path(__file__).resolve().parents[1] / "data" / "reports" / "seed_reports.txt"
    for number in range(3):
        (reports / f"copy_{number}.txt").write_bytes(sample.read_bytes())
    written = {}
    for pieces in (1, 10_000):
        monkeypatch.setattr(build_module, "COMBINE_PIECES", pieces)
        assert build(reports, tmp_path / f"tables_{pieces}", progress=False, use_cache=False).exit_code == 0
        written[pieces] = {name: (tmp_path / f"tables_{pieces}" / f"{name}.parquet").read_bytes() for name in ("facts", "projects", "infrastructure", "quality")}
    assert written[1] == written[10_000]
    assert len(pq.read_table(tmp_path / "tables_1" / "facts.parquet")) > 0
