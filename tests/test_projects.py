"""Projects: case table (a sentence in, project rows out), offsets on the sample, gold floor.

Each case in tests/cases/projects.yaml (tests/cases/infrastructure.yaml for items):

    - id: named_list_before_count_in_production    # the pytest id
      text: 其中，华丰纸业10万吨瓦楞纸、德润冷链食品加工等9个项目已竣工投产。
      count: 2                                      # exact number of rows: spurious rows fail
      projects:                                     # expected rows, in text order
        - {name: 华丰纸业10万吨瓦楞纸, status: in_production, capacity: 10万吨}
      xfail: "why it is missed today"               # optional: runs as xfail(strict=True)

A row matches an expected one when its name contains the expected name (as the gold scorer
matches names). Only the fields written are compared; `null` means the field must be empty.
Every row must also satisfy the offset invariants: text[start:end] == raw and
text[quote_start:quote_end] == quote.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from loaders.normalize import normalize
from loaders.projects import extract_projects
from loaders.schema import PROJECT_STATUSES
from tests.conftest import SHARED

CASES = Path(__file__).resolve().parent / "cases"
CASE_KEYS = {"id", "text", "count", "projects", "items", "xfail", "note"}
NUMBER_FIELDS = {"investment", "quantity"}
SCORER = SHARED / "tools" / "score_extraction.py"
# The floor only ratchets up: raise it when extraction improves, never lower it.
FLOOR = {"projects_recall": 0.95, "projects_status": 0.9, "infrastructure_recall": 0.95, "infrastructure_status": 0.95}
ZONE = "测试产业集聚区"


def load_cases(name: str) -> list[dict]:
    with open(CASES / f"{name}.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle) or []


def params(name: str) -> list:
    return [
        pytest.param(
            case,
            id=case["id"],
            marks=[pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else [],
        )
        for case in load_cases(name)
    ]


def rows_of(extract, text: str) -> list[dict]:
    """What an extractor writes for one text, read as a single report about one zone."""
    return extract(normalize(text), lambda offset: ZONE, "doc", {ZONE: "zone"})


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
    text = case["text"]
    rows = rows_of(extract, text)
    problems = offset_problems(text, rows)
    if len(rows) != case["count"]:
        problems.append(f"count: expected {case['count']} rows, got {len(rows)}")
    problems += match_rows(case.get(key) or [], rows)
    if problems:
        listing = "\n".join("    " + str({field: row.get(field) for field in fields}) for row in rows)
        pytest.fail(f"{case['id']}: {text!r}\n  " + "\n  ".join(problems) + "\n  rows:\n" + listing, pytrace=False)


@pytest.mark.parametrize("case", params("projects"))
def test_projects_are_read_as_a_careful_annotator_reads_them(case):
    check_case(case, extract_projects, "projects", ("name", "status", "investment", "capacity", "raw"))


def test_project_case_table_is_well_formed():
    cases = load_cases("projects")
    assert len({case["id"] for case in cases}) == len(cases)
    for case in cases:
        assert set(case) <= CASE_KEYS, case["id"]
        assert len(case.get("projects") or []) <= case["count"], case["id"]
        for row in case.get("projects") or []:
            assert row["name"] in case["text"], (case["id"], row["name"])
            assert row.get("status") in (None, *PROJECT_STATUSES), (case["id"], row)


def test_case_tables_hold_at_least_forty_cases():
    assert len(load_cases("projects")) + len(load_cases("infrastructure")) >= 40


def test_extraction_never_raises_on_fragments_and_odd_text():
    for text in ("", "项目", "等", "（）", "、、等项目", "投资亿元的项目", "其中，等3个项目已投产。", "\n五、下步\n"):
        assert offset_problems(text, rows_of(extract_projects, text)) == []


def test_every_project_row_of_the_sample_points_at_its_name_and_sentence(sample_tables):
    import pandas as pd

    texts = dict(pd.read_parquet(sample_tables / "documents.parquet", columns=["doc_id", "text"]).values)
    projects = pd.read_parquet(sample_tables / "projects.parquet")
    assert len(projects) > 0
    for row in projects.itertuples():
        text = texts[row.doc_id]
        assert text[row.start : row.end] == row.raw, row
        assert text[row.quote_start : row.quote_end] == row.quote, row
        assert row.quote_start <= row.start and row.end <= row.quote_end, row


def item_scores(sample_tables) -> dict:
    if not SCORER.exists():
        pytest.skip("../shared/tools/score_extraction.py is not beside this checkout")
    result = subprocess.run(
        [sys.executable, str(SCORER), "--tables", str(sample_tables), "--items", "--json"],
        capture_output=True, text=True, check=True,
    )
    return json.loads(result.stdout)["items"]


def test_project_recall_and_status_on_the_sample_stay_above_their_floor(sample_tables):
    score = item_scores(sample_tables)["projects"]
    assert score["recall"] >= FLOOR["projects_recall"], score
    assert score["status_accuracy"] >= FLOOR["projects_status"], score
