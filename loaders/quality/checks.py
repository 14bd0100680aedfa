"""What a careful reader would flag -> quality rows.

Checks inside one report: a part larger than its whole, a growth rate against the year it
reports, a year later than the signature date or outside what a report can be about, a
target already below the achieved actual, conflicting values, figures with a money or area
unit that could not be placed or whose number could not be read, implausible values
(negative sizes, fractional counts, magnitudes out of range). Across reports: conflicting values for one zone, metric and period.
"""

from __future__ import annotations

import bisect
import datetime
import math
from collections.abc import Iterable

import pyarrow as pa
import pyarrow.compute as pc

from ..contract.schema import stable_id
from . import messages as quality_messages

# Outside these a figure is more likely a slip of unit or digits than a zone's real size; such
# facts get an `implausible_value` error, so that totals can leave them out.
PLAUSIBLE_MAX = {"CNY": 5e12, "km2": 2_000.0, "count": 100_000, "person": 2_000_000}
PLAUSIBLE_MIN = {"CNY": 1.0, "km2": 1e-4}
WHOLE_UNITS = {"count", "person"}
PLAUSIBLE_GROWTH = 10_000  # percent: 增长100倍
# Years a report can be about: the People's Republic's founding year to 15 years after signing.
EARLIEST_YEAR, YEARS_AHEAD = 1949, 15
# A target is compared with the actuals of the same zone, metric, scope, status and cumulation.
TARGET_KEY = ("zone_id", "metric", "scope", "status", "cumulative")
# Only figures named by the same wording are compared: a figure that continues another
# (其中 breakdowns, sub-areas) has no wording and is never a conflict.
CONFLICT_KEY = ["zone_id", "metric", "wording", "kind", "year", "months", "scope", "status", "basis", "cumulative"]
# What the cross-report check reads of the facts table (not the long quotes).
CONFLICT_COLUMNS = [*CONFLICT_KEY, "value", "doc_id", "fact_id", "raw", "start", "end"]


def _row(doc_id, zone_id, start, end, raw, check, severity, message: tuple[str, dict], fact_ids):
    """One quality row; `message` is (key, arguments) of lexicon/quality_messages.csv."""
    key, args = message
    return {
        "quality_id": stable_id("q", doc_id, start, end, check, *fact_ids),
        "doc_id": doc_id,
        "zone_id": zone_id,
        "start": start,
        "end": end,
        "check": check,
        "severity": severity,
        "message": quality_messages.render(key, args),
        "message_args": quality_messages.encode(key, args),
        "raw": raw,
        "fact_ids": list(fact_ids),
    }


def document_checks(facts, fact_rows, unplaced, document, doc_id, doc_date, zone_ids, resolver) -> list[dict]:
    """Quality rows of one report (a loaders.document.Document)."""
    normalized = document.normalized
    rows = []
    by_fact = {id(fact): row for fact, row in zip(facts, fact_rows, strict=True)}
    for fact, row in zip(facts, fact_rows, strict=True):
        parent = by_fact.get(id(fact.parent)) if fact.parent is not None else None
        if parent is not None and fact.kind != "growth" and row["value"] > parent["value"] * 1.0001:
            rows.append(
                _row(doc_id, row["zone_id"], row["start"], row["end"], row["raw"], "part_exceeds_whole", "error",
                     ("part_exceeds_whole", {"raw": row["raw"], "metric": row["metric"],
                                             "whole_raw": parent["raw"], "whole_metric": parent["metric"]}), [row["fact_id"], parent["fact_id"]])
            )
        if row["kind"] == "growth" and row["basis"] and row["basis"].isdigit() and row["year"] is not None:
            if int(row["basis"]) >= row["year"]:
                rows.append(
                    _row(doc_id, row["zone_id"], row["start"], row["end"], row["raw"], "growth_base_year", "warning",
                         ("growth_base_year", {"raw": row["raw"], "basis": row["basis"], "year": row["year"]}), [row["fact_id"]])
                )
        problem = implausible_value(row)
        if problem:
            rows.append(
                _row(doc_id, row["zone_id"], row["start"], row["end"], row["raw"], "implausible_value", "error",
                     (f"implausible_value.{problem}", {"raw": row["raw"], "metric": row["metric"]}), [row["fact_id"]])
            )
    rows += _implausible_years(fact_rows, doc_id, doc_date)
    rows += _later_than_signature(fact_rows, doc_id, doc_date)
    rows += _targets_below_actuals(fact_rows, doc_id)
    rows += conflicts(fact_rows, check_doc_id=doc_id)
    for figure in document.refused:
        start, end = normalized.span(figure.start, figure.end)
        rows.append(
            _row(doc_id, zone_ids[resolver.zone_at(figure.start)], start, end, normalized.original[start:end],
                 "unreadable_number", "warning", ("unreadable_number", {"raw": normalized.original[start:end], "reason": figure.reason}), [])
        )
    for quantity, reason in unplaced:
        start, end = normalized.span(quantity.start, quantity.end)
        zone = resolver.zone_at(quantity.start)
        rows.append(
            _row(doc_id, zone_ids[zone], start, end, normalized.original[start:end], "unplaced_number", "info",
                 ("unplaced_number", {"raw": normalized.original[start:end], "reason": reason}), [])
        )
    if not resolver.named:
        rows.append(_row(doc_id, zone_ids[resolver.main], 0, 0, "", "no_zone_name", "warning",
                         ("no_zone_name", {"zone": resolver.main}), []))
    return rows


def implausible_value(row: dict) -> str | None:
    """Why a fact's value cannot be what the report means (a slip of unit, sign or digits), or None:
    growth, negative, not_whole or magnitude (the messages' keys implausible_value.<why>).

    >>> implausible_value({"kind": "actual", "unit": "count", "value": 1e-07})
    'not_whole'
    >>> implausible_value({"kind": "growth", "unit": "%", "value": -3.2}) is None
    True
    """
    value, unit = row["value"], row["unit"]
    if row["kind"] == "growth":
        return "growth" if abs(value) > PLAUSIBLE_GROWTH else None
    if value < 0:
        return "negative"
    if unit in WHOLE_UNITS and value != int(value):
        return "not_whole"
    if value > PLAUSIBLE_MAX.get(unit, math.inf) or 0 < value < PLAUSIBLE_MIN.get(unit, 0):
        return "magnitude"
    return None


def plausible_years(doc_date) -> range:
    """Years a report signed on doc_date can be about: from 1949 to 15 years after it is signed."""
    latest = (doc_date or datetime.date.today()).year + YEARS_AHEAD
    return range(EARLIEST_YEAR, latest + 1)


def _implausible_years(fact_rows, doc_id, doc_date) -> list[dict]:
    """One row per year read outside plausible_years, naming every fact it dates."""
    plausible = plausible_years(doc_date)
    odd = [row for row in fact_rows if row["year"] is not None and row["year"] not in plausible]
    return _one_row_per_year(
        odd, doc_id, "implausible_year",
        lambda year, count: ("implausible_year", {"count": count, "year": year, "first": plausible.start,
                                                  "last": plausible.stop - 1}),
    )


def _later_than_signature(fact_rows, doc_id, doc_date) -> list[dict]:
    if doc_date is None:
        return []
    plausible = plausible_years(doc_date)
    late = [
        row for row in fact_rows
        if row["year"] is not None and doc_date.year < row["year"] < plausible.stop and row["kind"] == "actual"
    ]
    return _one_row_per_year(
        late, doc_id, "year_after_signature",
        lambda year, count: ("year_after_signature", {"count": count, "year": year, "date": doc_date.isoformat()}),
    )


def _one_row_per_year(flagged, doc_id, check: str, message) -> list[dict]:
    """A warning per year among the flagged facts, at the first of them, naming them all."""
    rows = []
    for year in sorted({row["year"] for row in flagged}):
        same = [row for row in flagged if row["year"] == year]
        first = same[0]
        rows.append(
            _row(doc_id, first["zone_id"], first["start"], first["end"], first["raw"], check, "warning",
                 message(year, len(same)), [row["fact_id"] for row in same])
        )
    return rows


def _targets_below_actuals(fact_rows, doc_id) -> list[dict]:
    """A target below the first comparable actual above it (same zone, metric, scope, status)."""
    rows = []
    actuals: dict[tuple, list[dict]] = {}
    for row in fact_rows:
        if row["kind"] == "actual":
            actuals.setdefault(tuple(row[key] for key in TARGET_KEY), []).append(row)
    comparable: dict[tuple, tuple[list[float], list[dict]]] = {}
    for target in (row for row in fact_rows if row["kind"] == "target"):
        key = tuple(target[key] for key in TARGET_KEY)
        if key not in actuals:
            continue
        if (key, target["year"]) not in comparable:
            comparable[key, target["year"]] = _running_maximum(actuals[key], target["year"])
        running_max, candidates = comparable[key, target["year"]]
        # The first actual above the target is where the running maximum first passes it.
        first = bisect.bisect_right(running_max, target["value"] * 1.0001)
        if first < len(candidates):
            actual = candidates[first]
            rows.append(
                _row(doc_id, target["zone_id"], target["start"], target["end"], target["raw"], "target_below_actual",
                     "warning", ("target_below_actual", {"raw": target["raw"], "metric": target["metric"], "actual_raw": actual["raw"],
                                                 "actual_metric": actual["metric"]}), [target["fact_id"], actual["fact_id"]])
            )
    return rows


def _running_maximum(actuals: list[dict], year) -> tuple[list[float], list[dict]]:
    """The actuals a target of `year` is compared with, in text order, and their running maximum
    (read once per key and year: a report stating one figure thousands of times stays linear)."""
    candidates = [row for row in actuals if year is None or row["year"] is None or row["year"] <= year]
    running, highest = [], -math.inf
    for row in candidates:
        highest = max(highest, row["value"])
        running.append(highest)
    return running, candidates


def conflicts(facts: list[dict], check_doc_id: str | None = None) -> list[dict]:
    """One zone, metric and period stated with values more than 0.5% apart.

    Plain dictionaries (a missing value None), not a DataFrame: this runs once per report, on a few dozen rows."""
    groups: dict[tuple, list[dict]] = {}
    for row in facts:
        if row.get("wording") is None:
            continue
        groups.setdefault(tuple(map(row.get, CONFLICT_KEY)), []).append(row)
    return _conflicting(groups.values(), check_doc_id)


def _conflicting(groups: Iterable[list[dict]], check_doc_id: str | None) -> list[dict]:
    """A conflicting_values row for each group of facts (one CONFLICT_KEY each) whose values are more than 0.5% apart."""
    rows = []
    for group in groups:
        if len(group) < 2:
            continue
        values = [row["value"] for row in group]
        low, high = min(values), max(values)
        if abs(high - low) <= 0.005 * max(abs(high), abs(low)):
            continue
        if check_doc_id is None and len({row["doc_id"] for row in group}) < 2:
            continue  # conflicts inside one report were flagged when it was read
        first = group[0]
        rows.append(
            _row(first["doc_id"], first["zone_id"], int(first["start"]), int(first["end"]), first["raw"],
                 "conflicting_values", "warning",
                 ("conflicting_values", {"values": "、".join(str(row["raw"]) for row in group)}),
                 [row["fact_id"] for row in group])
        )
    return rows


def cross_document_checks(facts: pa.Table) -> list[dict]:
    """Conflicting values for one zone, metric and period across reports, found with one group-by in arrow
    (the facts of a large corpus never become Python objects); only the groups that disagree are turned into rows."""
    if not facts.num_rows or "wording" not in facts.column_names:
        return []
    named = facts.filter(pc.is_valid(facts["wording"]))
    key = _conflict_key(named)
    spread = pa.table({"key": key, "value": named["value"], "doc_id": named["doc_id"]}).group_by("key").aggregate(
        [("value", "min"), ("value", "max"), ("doc_id", "count_distinct")]
    )
    low, high = spread["value_min"], spread["value_max"]
    apart = pc.greater(pc.abs(pc.subtract(high, low)), pc.multiply(pc.max_element_wise(pc.abs(high), pc.abs(low)), 0.005))
    disagree = spread.filter(pc.and_(pc.greater(spread["doc_id_count_distinct"], 1), apart))["key"]
    if not len(disagree):
        return []
    suspect = pc.is_in(key, value_set=disagree.combine_chunks())
    suspects = named.filter(suspect)
    suspects = suspects.set_column(
        suspects.column_names.index("value"), "value", pc.fill_null(suspects["value"], math.nan)
    )
    groups: dict[str, list[dict]] = {}
    for row, row_key in zip(suspects.to_pylist(), key.filter(suspect).to_pylist(), strict=True):
        groups.setdefault(row_key, []).append(row)
    return _conflicting(groups.values(), None)


def _conflict_key(facts: pa.Table) -> pa.ChunkedArray:
    """CONFLICT_KEY as one text per row, a missing value a value of its own (a null never equals a text)."""
    parts = [pc.fill_null(pc.cast(facts[column], pa.string()), "\x00") for column in CONFLICT_KEY]
    return pc.binary_join_element_wise(*parts, "\x1f")
