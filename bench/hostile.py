"""Hostile inputs: text shaped to make regexes backtrack, built by `python -m loaders build`.

A report is whatever a file holds, so the loader must take bounded time on any text: long runs
of digits, of units without numbers, of punctuation, one endless line. The same generators
feed tests/test_invariants.py at small sizes (growth of time, no clock limit there).
"""

from __future__ import annotations

import random
import re
import tempfile
from collections.abc import Callable
from pathlib import Path

from . import corpus

BUDGET_S = 10.0
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


GENERATORS: dict[str, Callable[[int], str]] = {
    "digits": digits,
    "units_without_numbers": units_without_numbers,
    "punctuation": punctuation,
    "digits_and_marks": digits_and_marks,
    "spaced_digits": spaced_digits,
    "spaces_after_a_name": spaces_after_a_name,
    "chinese_numerals": chinese_numerals,
    "single_line": single_line,
}

# What `make bench` builds, each within BUDGET_S: (label, generator, characters, bytes at most).
CASES = (
    ("1 MB of digits", digits, 2**20, 2**20),
    ("5 MB single line", single_line, 5 * 2**20, 5 * 2**20),
    ("100,000 × 亿元", units_without_numbers, 200_000, None),
)


def run(log=print) -> dict:
    """Build each hostile case as a one-file report folder; print and return the seconds."""
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
    return results
