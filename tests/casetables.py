"""Case tables: tests/cases/*.yaml read as pytest params, and the checks the item tests share.

The facts tests (tests/test_cases.py) take only `load_cases` and `params`. The projects and
infrastructure tests share the rest; their case format is described in tests/test_projects.py.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from loaders.document import read_document
from tests.conftest import GOLD

CASES = Path(__file__).resolve().parent / "cases"
ITEM_CASE_KEYS = {"id", "text", "count", "projects", "items", "xfail", "note"}
NUMBER_FIELDS = {"investment", "quantity"}
ZONE = "测试产业集聚区"


def load_cases(name: str) -> list[dict]:
    with open(CASES / f"{name}.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle) or []


def params(name: str) -> list:
    """The cases of one file as pytest params named by their id; an `xfail:` case is a strict xfail."""
    return [
        pytest.param(
            case,
            id=case["id"],
            marks=[pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else [],
        )
        for case in load_cases(name)
    ]


def rows_of(extract, text: str) -> list[dict]:
    """What an item extractor writes for one text, read as a single report about one zone."""
    return extract(read_document(text), lambda offset: ZONE, "doc", {ZONE: "zone"})


def offset_problems(text: str, rows: list[dict]) -> list[str]:
    problems = []
    for row in rows:
        if text[row["start"] : row["end"]] != row["raw"]:
            problems.append(f"offset: text[{row['start']}:{row['end']}] == {text[row['start']:row['end']]!r} != {row['raw']!r}")
        if text[row["quote_start"] : row["quote_end"]] != row["quote"]:
            problems.append(f"quote offsets do not hold for {row['name']!r}")
    return problems


def same(field: str, wanted, got) -> bool:
    if field in NUMBER_FIELDS and wanted is not None and got is not None:
        return math.isclose(float(wanted), float(got), rel_tol=1e-9)
    return wanted == got


def match_rows(expected_rows: list[dict], rows: list[dict]) -> list[str]:
    """Pair each expected row with the first unused row whose name holds its name; compare fields."""
    problems = []
    unused = sorted(rows, key=lambda row: row["start"])
    for expected in expected_rows:
        found = next((row for row in unused if expected["name"] in row["name"]), None)
        if found is None:
            problems.append(f"{expected['name']!r}: no row")
            continue
        unused.remove(found)
        problems += [
            f"{expected['name']!r}: {field} expected {wanted!r}, got {found.get(field)!r}"
            for field, wanted in expected.items()
            if field != "name" and not same(field, wanted, found.get(field))
        ]
    return problems


def check_case(case: dict, extract, key: str, fields: tuple[str, ...]) -> None:
    """Fail with a readable listing when the rows of `case` differ from its expected `key` rows."""
    text = case["text"]
    rows = rows_of(extract, text)
    problems = offset_problems(text, rows)
    if len(rows) != case["count"]:
        problems.append(f"count: expected {case['count']} rows, got {len(rows)}")
    problems += match_rows(case.get(key) or [], rows)
    if problems:
        listing = "\n".join("    " + str({field: row.get(field) for field in fields}) for row in rows)
        pytest.fail(f"{case['id']}: {text!r}\n  " + "\n  ".join(problems) + "\n  rows:\n" + listing, pytrace=False)


def check_case_table(name: str, key: str, vocabularies: dict[str, tuple]) -> list[dict]:
    """Unique ids, known keys, no more expected rows than the count, fields from their vocabulary."""
    cases = load_cases(name)
    assert len({case["id"] for case in cases}) == len(cases)
    for case in cases:
        assert set(case) <= ITEM_CASE_KEYS, case["id"]
        assert len(case.get(key) or []) <= case["count"], case["id"]
        for row in case.get(key) or []:
            for field, vocabulary in vocabularies.items():
                assert row.get(field) in (None, *vocabulary), (case["id"], row)
    return cases


def check_sample_offsets(sample_tables: Path, table: str) -> None:
    """Every row of a sample table points at its name (start/end) and its sentence (quote)."""
    import pandas as pd

    texts = dict(pd.read_parquet(sample_tables / "documents.parquet", columns=["doc_id", "text"]).values)
    rows = pd.read_parquet(sample_tables / f"{table}.parquet")
    assert len(rows) > 0
    for row in rows.itertuples():
        text = texts[row.doc_id]
        assert text[row.start : row.end] == row.raw, row
        assert text[row.quote_start : row.quote_end] == row.quote, row
        assert row.quote_start <= row.start and row.end <= row.quote_end, row


def check_score_floor(sample_tables: Path, table: str, floor: dict[str, float]) -> None:
    """The gold score (loaders.evaluation.evaluate) of one items table stays at or above `floor`."""
    score = sample_scores(sample_tables)[table]
    for measure, least in floor.items():
        assert score[measure] >= least, (measure, score)


def sample_scores(sample_tables: Path) -> dict:
    """Every figure of the sample tables graded against data/gold/sample, over all its reports."""
    from loaders.evaluation.evaluate import grade, read_gold, read_tables

    return grade(read_gold(GOLD), read_tables(sample_tables))["scores"]["all"]
