"""Hostile inputs, built by `python -m loaders build`: text shaped to make regexes backtrack, and a
whole hostile corpus beside the sample (bombs, links, bad bytes, odd names, absurd numbers).

A report is whatever a file holds, so the loader must take bounded time on any text: long runs
of digits, of units without numbers, of punctuation, one endless line. The same generators
feed tests/test_invariants.py and tests/test_hostile_inputs.py at small sizes (no clock limit there).
"""

from __future__ import annotations

import io
import json
import os
import random
import re
import shutil
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from . import corpus

BUDGET_S = 10.0
CORPUS_BUDGET_S = 60.0
CORPUS_BUDGET_MB = 1536
PARAGRAPH = b"<w:p><w:r><w:t>1</w:t></w:r></w:p>"
_STOPS = re.compile(r"[。！？!?\n]+")


def digits(size: int) -> str:
    return "".join(random.Random(size).choices("0123456789", k=size))


def units_without_numbers(size: int) -> str:
    return "亿元" * (size // 2)


def punctuation(size: int) -> str:
    return "".join(random.Random(size).choices("，。、；：.,-~%（）“”——…", k=size))


def digits_and_marks(size: int) -> str:
    return "".join(random.Random(size).choices("0123456789.,-~ \t%亿万元家个", k=size))


def spaced_digits(size: int) -> str:
    return "1 " * (size // 2)


def spaces_after_a_name(size: int) -> str:
    """A layout-preserving PDF line: a project name, then a long run of spaces."""
    return "园区新建研发中心项目" + " " * size + "投产。"


def chinese_numerals(size: int) -> str:
    return "".join(random.Random(size).choices("零〇一二两三四五六七八九十百千万亿廿卅点", k=size))


def single_line(size: int) -> str:
    """Report text with every line break and sentence stop made a comma: one endless sentence."""
    text = _STOPS.sub("，", corpus.SAMPLE.read_text(encoding="utf-8"))
    return (text * (size // len(text) + 1))[:size]


def zone_lists(size: int) -> str:
    """Zone names as dense as a list that never ends: a zone, 由 and its parks joined by 、."""
    piece = "鹤翔工业园区由青禾园区、"
    return (piece * (size // len(piece) + 1))[:size]


GENERATORS: dict[str, Callable[[int], str]] = {
    "digits": digits,
    "units_without_numbers": units_without_numbers,
    "punctuation": punctuation,
    "digits_and_marks": digits_and_marks,
    "spaced_digits": spaced_digits,
    "spaces_after_a_name": spaces_after_a_name,
    "chinese_numerals": chinese_numerals,
    "single_line": single_line,
    "zone_lists": zone_lists,
}

# What `make bench` builds, each within BUDGET_S: (label, generator, characters, bytes at most).
CASES = (
    ("1 MB of digits", digits, 2**20, 2**20),
    ("5 MB single line", single_line, 5 * 2**20, 5 * 2**20),
    ("100,000 × 亿元", units_without_numbers, 200_000, None),
    ("1 MB of zone lists", zone_lists, 2**20, 2**20),
)


def run(log=print) -> dict:
    """Build each hostile case as a one-file report folder, then the whole hostile corpus; print and return."""
    from .loader_bench import timed_build

    results = {"budget_s": BUDGET_S, "cases": []}
    with tempfile.TemporaryDirectory(prefix="bench-hostile-") as tmp:
        for number, (label, generate, size, most_bytes) in enumerate(CASES):
            reports = Path(tmp) / f"reports_{number}"
            reports.mkdir()
            text = generate(size)
            if most_bytes is not None:
                text = text.encode("utf-8")[:most_bytes].decode("utf-8", errors="ignore")
            (reports / "hostile.txt").write_text(text, encoding="utf-8")
            build = timed_build(reports, Path(tmp) / f"tables_{number}")
            row = {
                "case": label,
                "mb": len(text.encode("utf-8")) / 2**20,
                "seconds": build["seconds"],
                "cpu_seconds": build["cpu_seconds"],
                "exit_code": build["exit_code"],
                "within_budget": build["seconds"] <= BUDGET_S and build["exit_code"] == 0,
            }
            results["cases"].append(row)
            log(
                f"    {label:<18} {row['mb']:.1f} MB: build {row['seconds']:.1f} s, CPU {row['cpu_seconds']:.1f} s "
                f"(exit {row['exit_code']}) "
                f"{'ok' if row['within_budget'] else f'OVER the {BUDGET_S:.0f} s budget'}"
            )
    results["corpus"] = run_corpus(log)
    return results


def docx_with_paragraphs(count: int, paragraph: bytes = PARAGRAPH) -> bytes:
    """A valid .docx whose body is `count` copies of one paragraph (a zip bomb of tiny paragraphs)."""
    import docx

    template = io.BytesIO()
    docx.Document().save(template)
    source = zipfile.ZipFile(template)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "word/document.xml":
                head, tail = data.split(b"<w:body>")
                data = head + b"<w:body>" + paragraph * count + tail
            archive.writestr(member.filename, data)
    return out.getvalue()


ODD_NUMBERS = (
    "城东工业园区2025年工作总结\n城东工业园区同比增长-3.2%，完成投资-5亿元，主营业务收入1e308亿元，"
    "税收999999999999999999亿元，入驻企业0.0000001家。1800年建区，2099年实现产值50亿元。\n"
)
KANGXI = "城西工业园区2025年工作总结\n城西工业园区⼆〇⼆五年完成投资⼗⼆亿元，入驻企业⼆⼗家。\n"


def write_corpus(folder: Path) -> dict[str, str]:
    """The sample plus one file of every hostile kind; returns file -> what it tries."""
    folder.mkdir(parents=True)
    shutil.copy(corpus.SAMPLE, folder / "seed_reports.txt")
    sample = corpus.SAMPLE.read_text(encoding="utf-8")
    files = {
        "digits_20k.txt": (digits(20_000), "20,000 random digits"),
        "digits_1mb.txt": (digits(2**20), "1 MB of digits"),
        "digits_inside.txt": (sample[:3000] + digits(10_000) + sample[3000:6000], "a report with 10,000 digits inside"),
        "single_line.txt": (single_line(5 * 2**20 // 3), "one 5 MB line"),
        "yiyuan.txt": (units_without_numbers(200_000), "100,000 × 亿元"),
        "punctuation.txt": (punctuation(200_000), "200,000 punctuation marks"),
        "numerals.txt": (chinese_numerals(100_000), "100,000 Chinese numeral characters"),
        "odd_numbers.txt": (ODD_NUMBERS, "minus signs, exponents, absurd values, years out of range"),
        "kangxi.txt": (KANGXI, "Kangxi radicals for CJK"),
        "x.txt: ok\nfiles read 99": (sample[:2000], "a file name with a newline"),
        "\x1b]0;title\x07.txt": (sample[:2000], "a file name with an escape sequence"),
    }
    tried = {}
    for name, (text, what) in files.items():
        (folder / name).write_text(text, encoding="utf-8")
        tried[name] = what
    bad = sample[:4000].encode("utf-8") + b"\xff\xfe\x80\x81" + sample[4000:8000].encode("utf-8")
    (folder / "bad_bytes.txt").write_bytes(bad)
    (folder / "nul.txt").write_bytes(sample[:4000].encode("utf-8").replace("。".encode(), "。\x00".encode()))
    (folder / "bomb.docx").write_bytes(docx_with_paragraphs(2_500_000))
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    os.mkfifo(folder / "pipe.txt")
    tried.update({"bad_bytes.txt": "4 invalid bytes", "nul.txt": "NUL bytes", "bomb.docx": "2.5 M tiny paragraphs",
                  "passwd.txt": "a link out of the folder", "loop.txt": "a link loop", "pipe.txt": "a fifo"})
    return tried


def run_corpus(log=print) -> dict:
    """Build the hostile corpus beside the sample once: time, peak memory, what was skipped."""
    from .loader_bench import timed_build

    with tempfile.TemporaryDirectory(prefix="bench-hostile-corpus-") as tmp:
        reports = Path(tmp) / "reports"
        tried = write_corpus(reports)
        out = Path(tmp) / "tables"
        build = timed_build(reports, out)
        manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8")) if (out / "manifest.json").exists() else {}
    row = {
        "files": len(tried) + 1,
        "seconds": build["seconds"],
        "cpu_seconds": build["cpu_seconds"],
        "peak_mb": build["peak_mb"],
        "exit_code": build["exit_code"],
        "skipped": [entry["file"] for entry in manifest.get("skipped", [])],
        "counts": build["counts"],
        "within_budget": build["seconds"] <= CORPUS_BUDGET_S and build["peak_mb"] <= CORPUS_BUDGET_MB,
    }
    log(f"    hostile corpus, {row['files']} files beside the sample: build {row['seconds']:.1f} s, "
        f"peak {row['peak_mb']:.0f} MB (exit {row['exit_code']}, {len(row['skipped'])} skipped) "
        f"{'ok' if row['within_budget'] else f'OVER the {CORPUS_BUDGET_S:.0f} s / {CORPUS_BUDGET_MB} MB budget'}")
    return row
