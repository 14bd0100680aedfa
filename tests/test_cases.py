"""Case tables: a sentence in, the fact rows a careful annotator would write out.

Each file in tests/cases/ is a list of cases:

    - id: revenue_yoy_growth            # the pytest id
      text: 实现主营业务收入12亿元，同比增长8%。
      doc_date: 2025-01-10              # optional: the report's signature date
      count: 2                          # exact number of fact rows: spurious rows fail
      facts:                            # expected rows in text order, matched by raw
        - {metric: revenue, kind: actual, value: 1.2e9, unit: CNY, raw: 12亿元}
        - {metric: revenue, kind: growth, value: 8, unit: "%", raw: 8%, basis: yoy}
      quantities:                       # optional: loaders.text.units readings (units with no metric)
        - {value: 8.5, unit: km, raw: 8.5公里}
      quality:                          # optional: every quality row but no_zone_name, exactly
        - {check: implausible_value, severity: error, raw: -5亿元}
      xfail: "why the extractor misses it today"   # optional: runs as xfail(strict=True)

Only the fields written in an expected row are compared; `null` means the field must be empty.
Values compare with a relative tolerance of 1e-9, growth rates to 0.001. Every row must also
satisfy the offset invariant text[start:end] == raw.
"""

from __future__ import annotations

import math

import pytest

from loaders.pipeline.extract import extract_text
from loaders.text.normalize import normalize
from loaders.text.units import find_quantities
from tests.casetables import load_cases, params

FILES = ("numerals", "units", "periods", "facts", "devset", "phrasings")
CASE_KEYS = {"id", "text", "doc_date", "count", "facts", "quantities", "quality", "xfail", "note"}
FACT_FIELDS_ORDER = tuple(
    "metric kind value unit raw year months cumulative scope status basis"
    " bound approximate value_max stated_completion year_resolved".split()
)
FACT_FIELDS = set(FACT_FIELDS_ORDER)
QUANTITY_FIELDS = {"value", "unit", "raw", "dimension", "bound", "approximate", "value_max"}
VALUE_FIELDS = {"value", "value_max", "stated_completion"}
QUALITY_FIELDS = {"check", "severity", "raw"}
# Every inline case text is one report without a zone name: that row says nothing of the case.
QUALITY_LEFT_OUT = {"no_zone_name"}


def same_value(expected, actual, growth: bool) -> bool:
    if expected is None or actual is None:
        return expected is None and actual is None
    if growth:
        return abs(float(expected) - float(actual)) <= 0.001
    return math.isclose(float(expected), float(actual), rel_tol=1e-9, abs_tol=1e-12)


def compare_row(expected: dict, actual: dict) -> list[str]:
    """The fields of `expected` that `actual` gets wrong, as readable lines."""
    problems = []
    growth = actual.get("kind") == "growth"
    for field, wanted in expected.items():
        got = actual.get(field)
        if field in VALUE_FIELDS:
            ok = same_value(wanted, got, growth and field == "value")
        elif field == "basis" and wanted is not None:
            ok = got == str(wanted)
        else:
            ok = got == wanted
        if not ok:
            problems.append(f"{expected.get('raw')!r}: {field} expected {wanted!r}, got {got!r}")
    return problems


def match_rows(expected_rows: list[dict], actual_rows: list[dict]) -> list[str]:
    """Pair expected rows with actual rows of the same raw, in text order, and compare them."""
    problems = []
    unused = sorted(actual_rows, key=lambda row: (row["start"], row["end"]))
    for expected in expected_rows:
        found = next((row for row in unused if row["raw"] == expected["raw"]), None)
        if found is None:
            problems.append(f"{expected['raw']!r}: no row")
            continue
        unused.remove(found)
        problems.extend(compare_row(expected, found))
    return problems


def describe(rows: list[dict], fields) -> str:
    return "\n".join(
        "    " + str({field: row.get(field) for field in fields if row.get(field) not in (None, False)})
        for row in rows
    )


def quantity_rows(text: str) -> list[dict]:
    """What loaders.text.units reads in `text`, with raw and offsets in the original text."""
    normalized = normalize(text)
    rows = []
    for quantity in find_quantities(normalized.text):
        start, end = normalized.span(quantity.start, quantity.end)
        rows.append(
            {
                "value": quantity.value,
                "unit": quantity.unit,
                "dimension": quantity.dimension,
                "raw": text[start:end],
                "bound": quantity.bound,
                "approximate": quantity.approximate,
                "value_max": quantity.value_max,
                "start": start,
                "end": end,
            }
        )
    return rows


def quality_problems(expected_rows: list[dict], rows: list[dict]) -> list[str]:
    """The case's quality rows against the extracted ones (but QUALITY_LEFT_OUT), one for one."""
    actual = sorted(
        (row["check"], row["severity"], row["raw"]) for row in rows if row["check"] not in QUALITY_LEFT_OUT
    )
    wanted = sorted((row["check"], row["severity"], row["raw"]) for row in expected_rows)
    return [] if actual == wanted else [f"quality: expected {wanted}, got {actual}"]


def check_case(case: dict) -> None:
    text = case["text"]
    tables = extract_text(text, doc_date=case.get("doc_date"))
    facts = tables["facts"]
    problems = [
        f"offset: text[{row['start']}:{row['end']}] == {text[row['start'] : row['end']]!r} != raw {row['raw']!r}"
        for row in facts
        if text[row["start"] : row["end"]] != row["raw"]
    ]
    if len(facts) != case["count"]:
        problems.append(f"count: expected {case['count']} fact rows, got {len(facts)}")
    problems += match_rows(case.get("facts") or [], facts)
    if "quantities" in case:
        quantities = quantity_rows(text)
        problems += match_rows(case["quantities"], quantities)
    if "quality" in case:
        problems += quality_problems(case["quality"], tables["quality"])
    if problems:
        pytest.fail(
            f"{case['id']}: {text!r}\n  "
            + "\n  ".join(problems)
            + "\n  rows:\n"
            + describe(facts, FACT_FIELDS_ORDER),
            pytrace=False,
        )


@pytest.mark.parametrize("case", params("numerals"))
def test_numerals_are_read_as_a_careful_annotator_reads_them(case):
    check_case(case)


@pytest.mark.parametrize("case", params("units"))
def test_units_convert_to_the_metric_canonical_unit(case):
    check_case(case)


@pytest.mark.parametrize("case", params("periods"))
def test_periods_give_year_months_and_cumulative(case):
    check_case(case)


@pytest.mark.parametrize("case", params("facts"))
def test_facts_get_metric_kind_scope_and_status(case):
    check_case(case)


@pytest.mark.parametrize("case", params("devset"))
def test_devset_sentences_from_real_report_phrasing(case):
    check_case(case)


@pytest.mark.parametrize("case", params("phrasings"))
def test_each_metric_is_read_in_the_phrasings_reports_use(case):
    check_case(case)


def test_case_tables_are_well_formed():
    seen = set()
    for name in FILES:
        for case in load_cases(name):
            assert set(case) <= CASE_KEYS, (name, case["id"], set(case) - CASE_KEYS)
            assert case["id"] not in seen, f"duplicate case id {case['id']}"
            seen.add(case["id"])
            assert isinstance(case["text"], str) and case["text"], case["id"]
            assert isinstance(case["count"], int), case["id"]
            rows = case.get("facts") or []
            assert len(rows) <= case["count"], f"{case['id']}: more expected rows than count"
            for row in rows:
                assert "raw" in row and set(row) <= FACT_FIELDS, (case["id"], set(row) - FACT_FIELDS)
                assert row["raw"] in case["text"], (case["id"], row["raw"])
                assert isinstance(row.get("value", 0), int | float), (
                    case["id"],
                    row["raw"],
                    "value is no number",
                )
            for row in case.get("quantities") or []:
                assert "raw" in row and set(row) <= QUANTITY_FIELDS, (case["id"], set(row) - QUANTITY_FIELDS)
            for row in case.get("quality") or []:
                assert set(row) == QUALITY_FIELDS and row["raw"] in case["text"], (case["id"], row)
    assert len(seen) >= 170
