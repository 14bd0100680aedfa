"""Hostile inputs beside the sample report: each is refused or read with one line, and the sample's rows stay the same."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from bench.hostile import docx_with_paragraphs
from loaders.__main__ import main
from loaders.pipeline import extract
from loaders.pipeline.build import build
from loaders.reading import split

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "data" / "reports" / "seed_reports.txt"
ROW_TABLES = ("facts", "projects", "infrastructure")


@pytest.fixture
def reports(tmp_path) -> Path:
    """A reports folder holding a copy of the sample report."""
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy(SEED, folder / SEED.name)
    return folder


def assert_sample_rows_unchanged(out: Path, sample_tables: Path) -> None:
    """The sample's facts, projects and infrastructure rows are the same, row for row, as in a build of the sample alone."""
    sample_ids = set(pd.read_parquet(sample_tables / "documents.parquet").doc_id)
    for name in ROW_TABLES:
        expected = pd.read_parquet(sample_tables / f"{name}.parquet")
        built = pd.read_parquet(out / f"{name}.parquet")
        built = built[built.doc_id.isin(sample_ids)].reset_index(drop=True)
        pd.testing.assert_frame_equal(built, expected, check_categorical=False)


def manifest_of(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text(encoding="utf-8"))


# --- the tables folder: never delete what the loaders did not write ---------------------------


def test_an_out_folder_holding_other_files_is_refused_before_reading_and_keeps_them(tmp_path, capsys):
    data = tmp_path / "data"
    (data / "reports").mkdir(parents=True)
    shutil.copy(SEED, data / "reports" / SEED.name)
    (data / "notes.txt").write_text("mine", encoding="utf-8")

    code = main(["build", "--reports", str(data / "reports"), "--out", str(data)])

    captured = capsys.readouterr()
    assert code == 2
    assert captured.err.splitlines() == [
        f"error: refusing to replace {data}: it holds files the loaders did not write "
        "(notes.txt, reports); choose an empty or new folder"
    ]
    assert "files read" not in captured.out
    assert (data / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (data / "reports" / SEED.name).read_bytes() == SEED.read_bytes()


def test_an_empty_out_folder_and_a_folder_the_loaders_wrote_are_replaced(reports, tmp_path, sample_tables):
    out = tmp_path / "tables"
    out.mkdir()
    assert build(reports, out, progress=False).exit_code == 0
    assert manifest_of(out)["written_by"] == "loaders"
    assert build(reports, out, progress=False).exit_code == 0
    assert_sample_rows_unchanged(out, sample_tables)


def test_a_tables_folder_with_a_stray_file_inside_is_refused(reports, tmp_path, capsys):
    out = tmp_path / "tables"
    build(reports, out, progress=False)
    (out / "my_analysis.xlsx").write_bytes(b"work")

    result = build(reports, out, progress=False)

    assert (result.exit_code, result.written) == (2, False)
    assert result.error == (
        f"refusing to replace {out}: it holds files the loaders did not write (my_analysis.xlsx); "
        "choose an empty or new folder"
    )
    assert (out / "my_analysis.xlsx").read_bytes() == b"work"


# --- bounded work per file -------------------------------------------------------------------


def test_a_docx_that_unpacks_over_the_limit_is_skipped_unread(reports, tmp_path, sample_tables, monkeypatch):
    monkeypatch.setenv("LOADERS_MAX_DOCX_MB", "1")
    (reports / "bomb.docx").write_bytes(docx_with_paragraphs(40_000))  # 1.4 MB of document.xml, 2.1 MB in all

    result = build(reports, tmp_path / "tables", progress=False)

    assert result.exit_code == 1
    [(name, reason)] = result.skipped
    assert name == "bomb.docx"
    unpacked = sum(member.file_size for member in zipfile.ZipFile(reports / "bomb.docx").infolist())
    assert reason == f".docx unpacks to {unpacked / 2**20:.1f} MB; limit 1 MB (LOADERS_MAX_DOCX_MB)"
    assert_sample_rows_unchanged(tmp_path / "tables", sample_tables)


def test_a_docx_member_with_an_absurd_compression_ratio_is_skipped(reports, tmp_path, sample_tables):
    (reports / "bomb.docx").write_bytes(docx_with_paragraphs(60_000))  # 2 MB of XML in a few KB

    result = build(reports, tmp_path / "tables", progress=False)

    [(name, reason)] = result.skipped
    assert name == "bomb.docx"
    assert reason.startswith("zip member word/document.xml expands ")
    assert reason.endswith(":1; limit 100:1 (a zip bomb?)")
    assert_sample_rows_unchanged(tmp_path / "tables", sample_tables)


def test_a_pdf_over_the_page_limit_is_skipped(reports, tmp_path, sample_tables, monkeypatch):
    import pypdf

    monkeypatch.setenv("LOADERS_MAX_PDF_PAGES", "2")
    writer = pypdf.PdfWriter()
    for _ in range(3):
        writer.add_blank_page(width=200, height=200)
    writer.write(reports / "long.pdf")

    result = build(reports, tmp_path / "tables", progress=False)

    assert result.skipped == [("long.pdf", "3 pages; limit 2 (LOADERS_MAX_PDF_PAGES)")]
    assert_sample_rows_unchanged(tmp_path / "tables", sample_tables)


def test_a_report_over_the_character_limit_is_skipped(reports, tmp_path, monkeypatch):
    monkeypatch.setenv("LOADERS_MAX_REPORT_CHARS", "40000")
    (reports / "long.txt").write_text("鹤淇产业集聚区入驻企业104家。\n" * 3000, encoding="utf-8")

    result = build(reports, tmp_path / "tables", progress=False)

    assert result.skipped == [
        ("long.txt", "part 1 has 51,000 characters; limit 40,000 (LOADERS_MAX_REPORT_CHARS)")
    ]
    assert set(pd.read_parquet(tmp_path / "tables" / "documents.parquet").source_file) == {SEED.name}


@pytest.mark.parametrize("workers", ["1", "2"])
def test_a_report_over_the_time_budget_is_skipped_and_the_others_load(
    reports, tmp_path, sample_tables, monkeypatch, capsys, workers
):
    monkeypatch.setenv("LOADERS_REPORT_SECONDS", "0.5")
    monkeypatch.setenv("LOADERS_WORKERS", workers)
    (reports / "slow.txt").write_text("SLOW 鹤淇产业集聚区入驻企业104家。\n", encoding="utf-8")
    real_extract = extract.extract_document

    def slow_extract(document):
        if "SLOW" in document["text"]:
            time.sleep(3600)
        return real_extract(document)

    monkeypatch.setattr(extract, "extract_document", slow_extract)
    result = build(reports, tmp_path / "tables", progress=False)

    assert result.skipped == [("slow.txt", "extraction took longer than 0.5 s (LOADERS_REPORT_SECONDS)")]
    assert f"skipped {reports / 'slow.txt'}: extraction took longer than 0.5 s" in capsys.readouterr().err
    assert_sample_rows_unchanged(tmp_path / "tables", sample_tables)


def test_a_file_whose_reading_runs_over_the_time_budget_is_skipped(
    reports, tmp_path, sample_tables, monkeypatch
):
    monkeypatch.setenv("LOADERS_REPORT_SECONDS", "0.5")
    (reports / "slow.txt").write_text("SLOW 鹤淇产业集聚区入驻企业104家。\n", encoding="utf-8")
    real_split = split.split_reports

    def slow_split(text, source_file):
        if "SLOW" in text:
            time.sleep(3600)
        return real_split(text, source_file)

    monkeypatch.setattr(split, "split_reports", slow_split)
    result = build(reports, tmp_path / "tables", progress=False)

    assert result.skipped == [("slow.txt", "reading took longer than 0.5 s (LOADERS_REPORT_SECONDS)")]
    assert_sample_rows_unchanged(tmp_path / "tables", sample_tables)


def test_an_extraction_process_that_dies_fails_the_build_with_one_line_and_keeps_the_tables(
    reports, tmp_path, monkeypatch
):
    out = tmp_path / "tables"
    assert build(reports, out, progress=False).exit_code == 0
    before = _files(out)
    monkeypatch.setenv("LOADERS_WORKERS", "2")
    (reports / "fatal.txt").write_text("DIE 鹤淇产业集聚区入驻企业104家。\n", encoding="utf-8")
    real_extract = extract.extract_document

    def dying_extract(document):
        if "DIE" in document["text"]:
            os._exit(137)  # as the OOM killer would end it
        return real_extract(document)

    monkeypatch.setattr(extract, "extract_document", dying_extract)
    result = build(reports, out, progress=False, use_cache=False)  # every report through the pool again

    assert (result.exit_code, result.error) == (
        2,
        "an extraction process died (out of memory?); nothing written",
    )
    assert _files(out) == before


def _files(folder):
    """Every file under a tables folder (summaries/ included), by relative path, with its bytes."""
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


def test_a_limit_that_is_not_a_number_is_a_usage_error(reports, tmp_path, monkeypatch):
    monkeypatch.setenv("LOADERS_MAX_PDF_PAGES", "many")
    result = build(reports, tmp_path / "tables", progress=False)
    assert (result.exit_code, result.error) == (
        2,
        "LOADERS_MAX_PDF_PAGES must be a positive number, not 'many'",
    )
    assert not (tmp_path / "tables").exists()


# --- readers stay inside the reports folder ----------------------------------------------------


def test_links_leaving_the_folder_link_loops_and_fifos_are_skipped_with_a_reason(
    reports, tmp_path, sample_tables, capsys
):
    outside = tmp_path / "secret.txt"
    outside.write_text("鹤淇产业集聚区机密数据999亿元。", encoding="utf-8")
    (reports / "leak.txt").symlink_to(outside)
    (reports / "loop_a.txt").symlink_to(reports / "loop_b.txt")
    (reports / "loop_b.txt").symlink_to(reports / "loop_a.txt")
    (reports / "broken.txt").symlink_to(tmp_path / "gone.txt")
    os.mkfifo(reports / "pipe.txt")
    (reports / "inside.txt").symlink_to(reports / SEED.name)
    out = tmp_path / "tables"

    result = build(reports, out, progress=False)

    expected = [
        ("broken.txt", "broken symbolic link"),
        ("leak.txt", "symbolic link to a file outside the reports folder"),
        ("loop_a.txt", "symbolic link loop"),
        ("loop_b.txt", "symbolic link loop"),
        ("pipe.txt", "not a regular file (named pipe)"),
    ]
    assert (result.exit_code, result.skipped) == (1, expected)
    assert manifest_of(out)["skipped"] == [{"file": name, "reason": reason} for name, reason in expected]
    err = capsys.readouterr().err
    assert f"skipped {reports / 'leak.txt'}: symbolic link to a file outside the reports folder\n" in err
    assert "999" not in pd.read_parquet(out / "documents.parquet").text.str.cat()
    assert_sample_rows_unchanged(out, sample_tables)


# --- names printed safely ----------------------------------------------------------------------


def test_control_characters_in_file_names_are_escaped_on_the_terminal_and_in_the_manifest(
    reports, tmp_path, capsys
):
    forged = "x.txt: ok\nfiles read 99"
    (reports / forged).write_bytes(b"")
    (reports / "\x1b]0;owned\x07.txt").write_bytes(b"")
    with open(os.path.join(os.fsencode(reports), b"\xff\xfe.md"), "wb"):
        pass  # a name that is not UTF-8
    out = tmp_path / "tables"

    code = main(["build", "--reports", str(reports), "--out", str(out)])

    captured = capsys.readouterr()
    assert code == 1
    assert "\x1b" not in captured.out + captured.err
    assert "files read 99" not in captured.out.splitlines() and "files read            1" in captured.out
    unsupported = "unsupported file type .txt: ok\\nfiles read 99; expected .txt, .md, .docx, .pdf"
    assert f"  x.txt: ok\\nfiles read 99: {unsupported}" in captured.out.splitlines()
    assert f"skipped {reports}/\\x1b]0;owned\\x07.txt: empty file (0 bytes)" in captured.err.splitlines()
    manifest = manifest_of(out)
    assert [entry["file"] for entry in manifest["skipped"]] == [
        "\\x1b]0;owned\\x07.txt",
        "x.txt: ok\\nfiles read 99",
        "\\xff\\xfe.md",
    ]
    assert manifest["skipped"][1]["file_bytes"] == forged.encode().hex()


def test_a_name_that_is_not_utf8_is_read_under_its_escaped_name(reports, tmp_path):
    path = os.path.join(os.fsencode(reports), b"\xb1\xa8\xb8\xe6.txt")  # 报告 in GBK
    with open(path, "wb") as stream:
        stream.write("鹤淇产业集聚区2025年入驻企业120家。\n".encode())
    out = tmp_path / "tables"

    result = build(reports, out, progress=False)

    assert (result.exit_code, result.skipped) == (0, [])
    documents = pd.read_parquet(out / "documents.parquet")
    assert set(documents.source_file) == {SEED.name, "\\xb1\\xa8\\xb8\\xe6.txt"}
    [entry] = [entry for entry in manifest_of(out)["inputs"] if entry["file"] != SEED.name]
    assert entry["file_bytes"] == b"\xb1\xa8\xb8\xe6.txt".hex()


# --- a few bad bytes do not cost a report ------------------------------------------------------


def test_a_report_with_a_few_invalid_bytes_loads_with_replacement_characters(
    reports, tmp_path, sample_tables, capsys
):
    good = "鹤淇产业集聚区2025年发展报告\n" + "集聚区完成固定资产投资29.95亿元，同比增长35.2%。\n" * 20
    (reports / "dented.txt").write_bytes(good.encode() + b"\xff\xfe\xc0\x80" + "入驻企业104家。\n".encode())
    out = tmp_path / "tables"

    result = build(reports, out, progress=False)

    assert (result.exit_code, result.skipped) == (0, [])
    [entry] = [entry for entry in manifest_of(out)["inputs"] if entry["file"] == "dented.txt"]
    assert (entry["encoding"], entry["undecodable_bytes"]) == ("utf-8", 4)
    documents = pd.read_parquet(out / "documents.parquet")
    [text] = documents[documents.source_file == "dented.txt"].text
    assert text == good + "\ufffd" * 4 + "入驻企业104家。\n"
    assert "info: dented.txt: 4 undecodable bytes read as U+FFFD" in capsys.readouterr().err
    assert_sample_rows_unchanged(out, sample_tables)


def test_nul_bytes_in_a_report_are_dropped(reports, tmp_path):
    (reports / "nul.txt").write_bytes("鹤淇产业集聚区\x00入驻企业\x00104家。\n".encode())
    out = tmp_path / "tables"

    result = build(reports, out, progress=False)

    assert (result.exit_code, result.skipped) == (0, [])
    documents = pd.read_parquet(out / "documents.parquet")
    assert list(documents[documents.source_file == "nul.txt"].text) == ["鹤淇产业集聚区入驻企业104家。\n"]
    [entry] = [entry for entry in manifest_of(out)["inputs"] if entry["file"] == "nul.txt"]
    assert entry["nul_bytes_dropped"] == 2


def test_an_image_renamed_txt_is_still_refused_as_binary(reports, tmp_path):
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    (reports / "photo.txt").write_bytes(png)
    result = build(reports, tmp_path / "tables", progress=False)
    assert result.skipped == [("photo.txt", "binary data, not text (NUL bytes)")]


# --- one build at a time, and workers that die with the build ----------------------------------

PAUSING_BUILD = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from loaders.pipeline import extract
    from loaders.reading import split
    from loaders.__main__ import main

    real_extract = extract.extract_document

    def pausing_extract(document):
        if "PAUSE" in document["text"]:
            Path(sys.argv[1], "paused-" + str(os.getpid())).write_text("")
            while not Path(sys.argv[1], "release").exists():
                time.sleep(0.05)
        return real_extract(document)

    extract.extract_document = pausing_extract
    sys.exit(main(sys.argv[2:]))
    """
)


@pytest.fixture
def started():
    """Processes a test starts (and their workers, once known); any still running at the end are killed."""
    processes: list[subprocess.Popen] = []
    pids: list[int] = []
    yield processes, pids
    for process in processes:
        pids.extend(_children(process.pid))
        process.kill()
        process.wait()
    for pid in pids:
        if _alive(pid):
            os.kill(pid, 9)


def start_pausing_build(started, signals: Path, *args: str, workers: str = "1") -> subprocess.Popen:
    """A CLI build in a child process that pauses on any report containing PAUSE until signals/release exists."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LOADERS_WORKERS": workers}
    started[0].append(
        process := subprocess.Popen(
            [sys.executable, "-c", PAUSING_BUILD, str(signals), "build", "--quiet", *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
    )
    return process


def wait_for(condition, what: str, limit: float = 120.0):
    """Poll until condition() is truthy (the limit only keeps a broken test from hanging)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"gave up waiting for {what}")


def test_a_second_build_of_the_same_out_waits_for_the_first_and_its_tables_win(reports, tmp_path, started):
    signals = tmp_path / "signals"
    signals.mkdir()
    first_reports = tmp_path / "first"
    first_reports.mkdir()
    (first_reports / "paused.txt").write_text("PAUSE 鹤淇产业集聚区入驻企业104家。\n", encoding="utf-8")
    out = tmp_path / "tables"

    first = start_pausing_build(started, signals, "--reports", str(first_reports), "--out", str(out))
    wait_for(lambda: list(signals.glob("paused-*")), "the first build to pause")
    refused = start_pausing_build(started, signals, "--reports", str(reports), "--out", str(out), "--no-wait")
    assert refused.wait(timeout=120) == 2
    assert refused.stderr.read() == f"error: another build of {out} is running; try again when it ends\n"
    second = start_pausing_build(started, signals, "--reports", str(reports), "--out", str(out))
    waiting = wait_for(lambda: second.stderr.readline(), "the second build to say it waits")
    assert waiting == f"waiting for another build of {out} to finish\n"
    (signals / "release").write_text("")

    assert first.wait(timeout=120) == 0
    assert second.wait(timeout=120) == 0, second.stderr.read()
    assert set(pd.read_parquet(out / "documents.parquet").source_file) == {SEED.name}


def _children(parent: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == parent and fields[0] != "Z":
            children.append(int(stat.parent.name))
    return children


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_worker_processes_die_when_the_build_is_killed(tmp_path, started):
    signals = tmp_path / "signals"
    signals.mkdir()
    reports = tmp_path / "reports"
    reports.mkdir()
    for index in range(4):
        (reports / f"r{index}.txt").write_text(
            f"PAUSE 第{index}份 鹤淇产业集聚区入驻企业104家。\n", encoding="utf-8"
        )

    build_process = start_pausing_build(
        started, signals, "--reports", str(reports), "--out", str(tmp_path / "t"), workers="2"
    )
    wait_for(lambda: list(signals.glob("paused-*")), "a worker to start extracting")
    workers = wait_for(
        lambda: len(_children(build_process.pid)) == 2 and _children(build_process.pid), "two workers"
    )
    started[1].extend(workers)
    build_process.kill()
    build_process.wait()

    wait_for(
        lambda: not any(_alive(pid) for pid in workers), "the workers to end with their parent", limit=60
    )


def test_a_signature_date_in_kangxi_radicals_is_read_as_the_date_it_shows():
    """PDF text layers give ⼆ (U+2F06) and ⽉ (U+2F49) for 二 and 月; the signature still dates the report."""
    text = "某某工业园区2025年工作总结\n园区入驻企业12家。\n某某工业园区管委会\n⼆〇⼆五年⼗⼆⽉五日\n"
    (document,) = split.split_reports(text, "x.txt")
    assert str(document["doc_date"]) == "2025-12-05"


def test_a_web_page_s_date_line_dates_the_report_when_no_signature_does():
    """A news page dates itself on a line under its title (发布时间:…, or a date with its clock time); a date
    in the text with neither label nor clock time is no date line, and a signature still comes first."""
    page = "鹤翔经开区召开年度工作会议\n发布时间:2024-12-26 09:30 来源:某某日报\n园区入驻企业12家。\n"
    (document,) = split.split_reports(page, "x.txt")
    assert str(document["doc_date"]) == "2024-12-26"
    clock_only = "鹤翔经开区召开年度工作会议\n2024/12/26 09:30 来源:某某日报\n园区入驻企业12家。\n"
    (document,) = split.split_reports(clock_only, "x.txt")
    assert str(document["doc_date"]) == "2024-12-26"
    run_on = "鹤翔经开区召开年度工作会议\n来源：某某日报 日期:2024-12-26 09:30 会上，园区通报入驻企业12家。\n"
    (document,) = split.split_reports(run_on, "x.txt")
    assert str(document["doc_date"]) == "2024-12-26"  # a date line the page's text runs on from
    undated = "鹤翔经开区简介\n园区2024-12-26完成验收，入驻企业12家。\n"
    (document,) = split.split_reports(undated, "x.txt")
    assert document["doc_date"] is None
    signed = page + "鹤翔经开区管委会\n2025年1月5日\n"
    (document,) = split.split_reports(signed, "x.txt")
    assert str(document["doc_date"]) == "2025-01-05"


@pytest.mark.parametrize(
    "opening",
    [
        "设立时间：2006年5月8日",  # a zone's founding, on a profile page
        "园区第一时间于2020年2月10日全面复工复产。",  # 时间 in a sentence
        "2023年1月5日 9:30，园区召开年度工作动员会。",  # a meeting's date and hour
        "园区更新改造工程于2021-05-10启动",  # 更新 that labels no date
    ],
)
def test_a_date_in_a_report_s_opening_lines_is_no_date_line(opening):
    """The date of an event told in the first lines (a founding, a meeting) does not date the report: its year
    would turn the figures of the years after it into implausible or future ones."""
    (document,) = split.split_reports(f"鹤翔经开区工作总结\n{opening}\n全年完成产值42亿元。\n", "x.txt")
    assert document["doc_date"] is None


# --- number and line repairs stay linear ----------------------------------------------------------------
# Runs shaped for the number and line readings: spaced digits before a spaced unit word, unit
# words and letter-spaced words with a space between every character, narrow-column lines,
# pinyin notes that never close, zeros typed as O between Chinese digits, full-width commas
# between full-width digits, fractions and 多 between multipliers. No clock limit (the machine
# is noisy): the CPU time of a text four times longer against that of the shorter one, best of
# five, interleaved (linear growth is ~4×, quadratic ~16×).
NUMBER_RUNS = {
    "spaced_digits_before_a_spaced_unit": "1 2 3 平 方 公 ",
    "unit_words_spaced_out": "平 方 公 里 个 百 分 ",
    "pinyin_notes_never_closed": "萬 （wàn萬(yì ",
    "zeros_between_chinese_digits": "二O0ＯO0",
    "full_width_commas_between_digits": "１２，３４，",
    "fractions_without_a_part": "三分之百分之千分",
    "duo_between_multipliers": "3千多万多亿余",
    "letter_spaced_words": "园 区 规 划 ",
    "narrow_column_lines": "园区实现营业收入十二亿，同比增长\n",
}


def _best_seconds(seconds_of, texts, rounds: int = 5) -> list[float]:
    """The least CPU seconds `seconds_of` takes on each text over `rounds` interleaved rounds, each round on
    new texts (trailing breaks added): no per-text cache answers, and a noisy moment hits both sizes alike."""
    best = [float("inf")] * len(texts)
    for repeat in range(1, rounds + 1):
        for index, text in enumerate(texts):
            best[index] = min(best[index], seconds_of(text + "\n" * repeat))
    return best


def _scan_seconds(text: str) -> float:
    """CPU seconds to read `text` into a Document (normalising, sentences, quantities, tables)."""
    from loaders.document import read_document

    started = time.process_time()
    read_document(text)
    return time.process_time() - started


@pytest.mark.parametrize("shape", sorted(NUMBER_RUNS))
def test_number_readings_take_linear_time_on_long_runs(shape):
    piece = NUMBER_RUNS[shape]
    small, larger = (piece * (size // len(piece)) for size in (4_000, 16_000))
    _scan_seconds(piece)  # lexicons and patterns compiled before timing
    best = _best_seconds(_scan_seconds, (small, larger))
    assert best[1] < 12 * best[0], f"{shape}: 4,000 chars {best[0]:.4f} s, 16,000 chars {best[1]:.4f} s"


# --- zone readings stay linear ----------------------------------------------------------------------
# Runs dense with zone names, shaped for the rules that look past a name: lists of parks that never
# end, 由…组成 chains, names in brackets, visits, lists of projects closed by 等…项目 or opened by a
# colon (with 和 inside items and between them), headings and bare types repeated, place chains,
# alternating kinds, definitions, respective lists, counts of leading industries. The CPU time of the
# zones of one report (resolver and zone rows, the text read before timing), as for numbers above.
ZONE_RUNS = {
    "park_list_without_end": "鹤翔园区、青禾园区、",
    "parts_list_never_closed": "鹤翔工业园区由青禾园区、",
    "parts_list_closed": "鹤翔工业园区由青禾园区、临江园区组成，",
    "another_name_in_brackets": "临江工业园区（青禾园区）",
    "part_in_brackets": "二期西区（青禾园区）",
    "visit_after_an_officials_post": "到鹤翔产业园主任调研",
    "visit": "到鹤翔产业园调研",
    "project_list_closers": "鹤翔产业园、青禾广场等5个项目",
    "project_list_opened_by_a_colon": "5个项目分别是：鹤翔产业园、",
    "and_runs_in_a_project_list": "5个项目分别是：" + "和" * 40 + "“鹤翔产业园",
    "heading_repeated": "（二）园区经济健康运行\n",
    "bare_type_repeated": "开发区，",
    "place_chain": "河南省安阳市鹤翔县开发区",
    "alternating_kinds": "鹤翔产业园青禾经开区",
    "defined_short_name": "临江高新技术产业开发区（简称“高新区”）",
    "definition_never_closed": "临江高新区（简称“鹤翔园区",
    "respective_list": "鹤翔园区和青禾园区分别",
    "leading_industries": "鹤翔经开区形成三大主导产业",
    "title_topic": "关于鹤翔产业园",
}


def _zone_seconds(document) -> float:
    """CPU seconds to read the zones of one report already read into a Document."""
    from loaders.zones.resolver import resolve_zones, zone_rows

    started = time.process_time()
    resolver = resolve_zones(document, "inline")
    zone_rows(resolver, "d", set(resolver.zones), document.text)
    return time.process_time() - started


@pytest.mark.parametrize("shape", sorted(ZONE_RUNS))
def test_zone_readings_take_linear_time_on_texts_dense_with_names(shape):
    from loaders.document import read_document

    piece = ZONE_RUNS[shape]
    small, larger = (piece * (size // len(piece)) for size in (4_000, 16_000))
    _zone_seconds(read_document(piece))  # lexicons and patterns compiled before timing
    best = _best_seconds(lambda text: _zone_seconds(read_document(text)), (small, larger))
    assert best[1] < 12 * best[0], f"{shape}: 4,000 chars {best[0]:.4f} s, 16,000 chars {best[1]:.4f} s"


NAME_CHARACTERS = "鹤翔青禾临江沙文梧桐石龙丰城金强鸿达楚韵璨阳御泰"


def _names_never_repeated(count: int, kind: str) -> list[str]:
    """`count` names, three of NAME_CHARACTERS in a new order each, then `kind`."""
    size = len(NAME_CHARACTERS)
    return [NAME_CHARACTERS[index % size] + NAME_CHARACTERS[index // size % size] + NAME_CHARACTERS[index // size**2 % size] + kind
            for index in range(count)]


# Reports naming many zones, none twice (a province's list of parks): names compared for aliases,
# definitions and sub-zones must not compare every name with every other.
NAME_LISTS = {
    "names_listed": lambda count: "、".join(_names_never_repeated(count, "工业园区")),
    "parks_listed": lambda count: "，".join(_names_never_repeated(count, "产业园")),
    "other_names_in_brackets": lambda count: "".join(
        f"{name}（{other}）" for name, other in zip(_names_never_repeated(count, "工业园区"), _names_never_repeated(count, "高新区"), strict=True)),
    "sub_zones": lambda count: "，".join(_names_never_repeated(count, "工业园区东片区")),
    "each_named_twice": lambda count: "".join(f"{name}，{name}；" for name in _names_never_repeated(count, "工业园区")),
}


@pytest.mark.parametrize("shape", sorted(NAME_LISTS))
def test_zone_readings_take_linear_time_on_names_never_repeated(shape):
    from loaders.document import read_document

    small, larger = (NAME_LISTS[shape](count) for count in (300, 1_200))
    _zone_seconds(read_document(NAME_LISTS[shape](2)))  # lexicons and patterns compiled before timing
    best = _best_seconds(lambda text: _zone_seconds(read_document(text)), (small, larger))
    assert best[1] < 12 * best[0], f"{shape}: 300 names {best[0]:.4f} s, 1,200 names {best[1]:.4f} s"


# --- whose figure: reading back to the sentence before stays linear -----------------------------------
# A line of clauses that open on a verb and never reach a stop (完成…，完成…，…): cut into pieces of one
# long sentence, each piece's figures read back to where the line began, once a wider place (全市) too.
# The CPU time of the facts of one report (the text read and its zones resolved before timing), best of
# three, interleaved; linear growth is ~4×, reading the whole line back for every figure 10–15× here.
SUBJECT_RUNS = {
    "verb_clauses_without_a_stop": ("", "完成投资5亿元，"),
    "verb_clauses_after_a_wider_place": ("全市", "完成投资5亿元，"),
}


def _facts_seconds(text: str) -> float:
    """CPU seconds to read the facts of `text` (read into a Document and its zones resolved untimed)."""
    from loaders.document import read_document
    from loaders.facts.read import read_facts
    from loaders.zones.resolver import resolve_zones

    document = read_document(text)
    resolver = resolve_zones(document, "inline")
    started = time.process_time()
    read_facts(document, resolver.zone_at, None, resolver.main)
    return time.process_time() - started


@pytest.mark.parametrize("shape", sorted(SUBJECT_RUNS))
def test_subject_readings_take_linear_time_on_a_line_without_stops(shape):
    opening, piece = SUBJECT_RUNS[shape]
    small, larger = (opening + piece * (size // len(piece)) for size in (40_000, 160_000))
    _facts_seconds(opening + piece)  # lexicons and patterns compiled before timing
    best = _best_seconds(_facts_seconds, (small, larger), rounds=3)
    assert best[1] < 8 * best[0], f"{shape}: 40,000 chars {best[0]:.4f} s, 160,000 chars {best[1]:.4f} s"


# --- zones that hold one sentence's figures look for its end once ----------------------------------------
# 其中，青禾经开区…，其中，鹤翔工业园区… or 青禾经开区、鹤翔经开区等三大园区…, again and again and never a full stop:
# each holds figures up to its sentence's end, and looking for that end from each of them on is quadratic.
SENTENCE_HOLDERS = {
    "zones_singled_out": "其中，青禾经开区营收1亿元，其中，鹤翔工业园区营收2亿元，",
    "groups_named_by_examples": "青禾经开区、鹤翔经开区等三大园区，营收1亿元，",
}


@pytest.mark.parametrize("shape", sorted(SENTENCE_HOLDERS))
def test_zones_holding_one_sentence_are_read_in_linear_time_without_a_full_stop(shape):
    from loaders.document import read_document

    piece = SENTENCE_HOLDERS[shape]
    small, larger = (piece * (size // len(piece)) for size in (64_000, 256_000))
    _zone_seconds(read_document(piece))  # lexicons and patterns compiled before timing
    best = _best_seconds(lambda text: _zone_seconds(read_document(text)), (small, larger), rounds=3)
    assert best[1] < 8 * best[0], f"{shape}: 64,000 chars {best[0]:.4f} s, 256,000 chars {best[1]:.4f} s"


# --- a project named at a sentence's start: its capacities are read once --------------------------------
# Capacities in a row before 项目 (年产1万年产1万…项目建成，总投资…): a pattern that may read 年产1万 whole or as 年产1
# and a 万 tries every split of the run (a fifth of a second for 80 characters); twice the run must cost
# about twice, not a hundred times.
def test_a_run_of_capacities_before_a_project_is_read_in_linear_time():
    small, larger = ("年产1万" * count + "项目建成，总投资5亿元。" for count in (10, 20))
    _facts_seconds(small)  # lexicons and patterns compiled before timing
    best = _best_seconds(_facts_seconds, (small, larger), rounds=3)
    assert best[1] < 8 * best[0], f"10 capacities {best[0]:.4f} s, 20 capacities {best[1]:.4f} s"


# --- cue shapes (words with a stretch between them) stay linear on runs that open them again and again ----------
# 争取 before figures, numerals or spaced digits that never reach a funds noun or 元, and 为 before verbs that
# never reach 基础 or 保障: each place may look a bounded stretch ahead, never to the run's end.
CUE_SHAPE_RUNS = {
    "funds_sought_before_digits": ("not_future", "争取资金" + "1" * 20),
    "funds_sought_before_numerals": ("not_future", "争取资金" + "一二三四五六七八九十"),
    "funds_sought_again_and_again": ("not_future", "争取到了"),
    "purposes_never_closed": ("not_status", "为提供"),
    "purposes_far_from_their_verb": ("not_status", "为" + "园" * 23 + "提供"),
}


def _blank_seconds(name: str, text: str) -> float:
    """CPU seconds to blank the matches of one cue pattern in `text`."""
    from loaders.items.lexicon import cue_pattern
    from loaders.items.spans import blank

    started = time.process_time()
    blank(cue_pattern(name), text)
    return time.process_time() - started


@pytest.mark.parametrize("shape", sorted(CUE_SHAPE_RUNS))
def test_cue_shapes_take_linear_time_on_long_runs(shape):
    name, piece = CUE_SHAPE_RUNS[shape]
    small, larger = (piece * (size // len(piece)) for size in (25_000, 100_000))
    _blank_seconds(name, piece)  # the pattern compiled before timing
    best = _best_seconds(lambda text: _blank_seconds(name, text), (small, larger))
    assert best[1] < 8 * best[0], f"{shape}: 25,000 chars {best[0]:.4f} s, 100,000 chars {best[1]:.4f} s"
