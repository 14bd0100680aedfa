"""Facts under a filter, as SQL over store.py's database: rows, counts and latest values. No streamlit.

    rows(tables, FactFilter(zone_ids=("z_1",), metrics=("revenue",)), limit=500)   facts as stated, first 500
    count(tables, FactFilter(...)) / counts(tables, FactFilter(...), ("metric", "kind"))
    latest(tables, FactFilter(...), ("zone_id", "metric", "kind"))   latest.pick_latest's rule in SQL

A FactFilter holds values only; `where` turns each field into one fixed SQL fragment whose values
are parameters (lists travel as list parameters), so nothing a user types becomes SQL. On the
partitioned layout the zones' provinces and the years also name the folders to read. Where the
build wrote summaries (loaders/pipeline/summaries.py) and a filter narrows only by their columns, latest
values, target pairs, counts and a metric's first or newest rows read those few rows instead of every fact.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from loaders.contract import layouts, schema
from loaders.pipeline.summaries import (
    COUNT_GRAIN,
    FACT_COUNTS,
    FIRST_FACTS,
    FIRST_ROWS,
    FLAGGED,
    GRAINS,
    IMPLAUSIBLE,
    IMPLAUSIBLE_CHECKS,
    LATEST,
    LATEST_ALL_YEARS,
    NEWEST_FACTS,
    PAIR_KEY,
    PAIR_KEY_NAMES,
    PERIOD_RANK,
    TARGET_PAIRS,
    pairs_sql,
    rule_order,
)

from . import store
from .memo import derived
from .model import compact

NO_SCOPE = "__none__"  # the Data page's choice "zone-wide, no scope"
COLUMNS = ", ".join(f'"{column}"' for column in schema.TABLES["facts"].names)
# Fixed conditions a query may add by name.
CONDITIONS = {
    "dated": "year IS NOT NULL",
    "zone_wide": "scope IS NULL AND status IS NULL",
    "has_status": "status IS NOT NULL",
}
GROUP_COLUMNS = ("zone_id", "metric", "kind", "doc_id", "scope", "year", "status")  # what counts may group by
# Filters a latest-value query may carry and still read summaries/latest.parquet: the grain's columns, and
# zone-wide (the rule ranks zone-wide figures first, so a group's zone-wide best is its best when zone-wide).
SUMMARY_CONDITIONS = frozenset({"dated", "zone_wide"})


@dataclass(frozen=True)
class FactFilter:
    """Which facts a query reads; empty tuples (and None) mean no narrowing by that field."""

    zone_ids: tuple[str, ...] = ()
    years: tuple[int, ...] = ()  # an undated fact is always kept
    kinds: tuple[str, ...] | None = None
    metrics: tuple[str, ...] | None = None
    plausible: bool = False  # leave out what the quality checks call implausible
    doc_ids: tuple[str, ...] = ()
    fact_ids: tuple[str, ...] = ()
    scopes: tuple[str, ...] = ()  # NO_SCOPE stands for "no scope"
    search: str = ""  # a substring of the quote or of the raw text
    conditions: tuple[str, ...] = ()  # names in CONDITIONS
    provinces: tuple[str, ...] = ()  # on the partitioned layout, only these folders hold the rows wanted


def of_selection(selection, **narrowing) -> FactFilter:
    """The filter of a model.Selection (kinds narrowed only when not all are chosen), plus `narrowing`."""
    kinds = None if tuple(selection.kinds) == schema.KINDS else tuple(selection.kinds)
    fields = {"zone_ids": tuple(selection.zone_ids), "years": tuple(selection.years), "kinds": kinds}
    return FactFilter(**{**fields, **narrowing})


def where(tables, wanted: FactFilter, folders: bool = True) -> tuple[str, dict]:
    """The WHERE clause (fixed fragments joined by AND) and its parameters; `folders=False` leaves out the
    partitioned layout's folder keys (for a derived table, which has none)."""
    database = store.database(tables)
    partitioned = database.partitioned and folders
    fragments, parameters = ["true"], {}

    def add(fragment: str, **values) -> None:
        fragments.append(fragment)
        parameters.update(values)

    if wanted.zone_ids:
        add("zone_id IN (SELECT unnest(CAST($zone_ids AS VARCHAR[])))", zone_ids=list(wanted.zone_ids))
        if partitioned:
            add("province IN (SELECT unnest(CAST($provinces AS VARCHAR[])))",
                provinces=_provinces(tables, wanted.zone_ids))
    if wanted.years:
        add("(year IN (SELECT unnest(CAST($years AS BIGINT[]))) OR year IS NULL)", years=[int(y) for y in wanted.years])
        if partitioned:
            add("fact_year IN (SELECT unnest(CAST($fact_years AS VARCHAR[])))",
                fact_years=[*(str(int(year)) for year in wanted.years), layouts.UNKNOWN])
    if wanted.provinces and partitioned:
        add("province IN (SELECT unnest(CAST($report_provinces AS VARCHAR[])))", report_provinces=list(wanted.provinces))
    if wanted.kinds is not None:
        add("kind IN (SELECT unnest(CAST($kinds AS VARCHAR[])))", kinds=list(wanted.kinds))
    if wanted.metrics is not None:
        add("metric IN (SELECT unnest(CAST($metrics AS VARCHAR[])))", metrics=list(wanted.metrics))
    if wanted.plausible and has_implausible(tables):
        add(IMPLAUSIBLE, implausible_checks=list(IMPLAUSIBLE_CHECKS))
    if wanted.doc_ids:
        add("doc_id IN (SELECT unnest(CAST($doc_ids AS VARCHAR[])))", doc_ids=list(wanted.doc_ids))
    if wanted.fact_ids:
        add("fact_id IN (SELECT unnest(CAST($fact_ids AS VARCHAR[])))", fact_ids=list(wanted.fact_ids))
    if wanted.scopes:
        stated = [scope for scope in wanted.scopes if scope != NO_SCOPE]
        add("(scope IN (SELECT unnest(CAST($scopes AS VARCHAR[]))) OR ($no_scope AND scope IS NULL))",
            scopes=stated, no_scope=NO_SCOPE in wanted.scopes)
    if wanted.search:
        add("(contains(quote, $search) OR contains(raw, $search))", search=wanted.search)
    for name in wanted.conditions:
        fragments.append(CONDITIONS[name])
    return " AND ".join(fragments), parameters


def prunes(tables) -> bool:
    """Whether narrowing by zone skips most of the data (the partitioned layout: by folder and sorted row
    groups); on one file it does not, and a query reads whole rows at once rather than in two passes."""
    return store.database(tables).partitioned


def has_implausible(tables) -> bool:
    """Whether any quality row calls a figure implausible (else leaving them out filters nothing)."""
    return bool(derived(tables, _flags_implausible))


def _flags_implausible(tables) -> bool:
    checks = tables.quality["check"]
    return bool(checks.isin(IMPLAUSIBLE_CHECKS).to_numpy(dtype=bool, na_value=False).any())


def _provinces(tables, zone_ids: tuple[str, ...]) -> list[str]:
    """The folder keys of the zones' rows: their provinces, `unknown` for a zone without one."""
    zones = tables.zones
    known = dict(zip(zones["zone_id"].astype(str), zones["province"].astype("string").fillna(layouts.UNKNOWN),
                     strict=True))
    return sorted({known.get(zone_id, layouts.UNKNOWN) or layouts.UNKNOWN for zone_id in zone_ids})


def report_provinces(tables, doc_id: str) -> tuple[str, ...]:
    """The folder keys that hold a report's facts: the provinces of the zones whose rows list the report
    (the loaders write a zone row, listing the report, for every zone the report gives rows about), and
    `unknown` (a zone without a row)."""
    zones = tables.zones
    listed = pa.array(zones["doc_ids"], pa.list_(pa.string()))
    about = pc.filter(pc.list_parent_indices(listed), pc.equal(pc.list_flatten(listed), doc_id))
    zone_ids = tuple(zones["zone_id"].astype(str).to_numpy()[pc.unique(about).to_numpy()])
    return tuple(sorted({*_provinces(tables, zone_ids), layouts.UNKNOWN}))


def selected(columns: tuple[str, ...] | None) -> str:
    """The SELECT list of `columns` (contract columns only; None: every column)."""
    if columns is None:
        return COLUMNS
    unknown = [column for column in columns if column not in schema.TABLES["facts"].names]
    if unknown:
        raise ValueError(f"facts have no column {unknown}; expected columns among {schema.TABLES['facts'].names}")
    return ", ".join(f'"{column}"' for column in columns)


def rows(tables, wanted: FactFilter, limit: int | None = None, newest_first: bool = False,
         columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The facts as stated (the facts table's order), or newest period first; at most `limit`; every
    column, or only `columns` (fewer columns read: faster)."""
    database = store.database(tables)
    order = f"{PERIOD_RANK} DESC, {database.order}" if newest_first else database.order
    summary = _first_rows_summary(database, wanted, limit, newest_first)
    if summary:
        clause, parameters = where(tables, replace(wanted, plausible=False), folders=False)
        sql = f"SELECT {selected(columns)} FROM {summary}_summary WHERE {clause} ORDER BY {order} LIMIT $limit"
        return _facts_frame(database.query(sql, {**parameters, "limit": int(limit or 0)}))
    if newest_first and limit:
        wanted = _newest_years(tables, wanted, limit)
    clause, parameters = where(tables, wanted)
    if limit is None or limit == 0:
        sql = f"SELECT {selected(columns)} FROM facts WHERE {clause} ORDER BY {order}"
        if limit is not None:
            sql += " LIMIT 0"
        return _facts_frame(database.query(sql, parameters))
    # The first `limit` by the few columns the order reads, then only their whole rows.
    sql = f"SELECT {_winner(database)} FROM facts WHERE {clause} ORDER BY {order} LIMIT $limit"
    found = [row[0] for row in database.fetchall(sql, {**parameters, "limit": int(limit)})]
    return _chosen_rows(tables, database, clause, parameters, found, columns, order)


def _first_rows_summary(database, wanted: FactFilter, limit: int | None, newest_first: bool) -> str | None:
    """The summary holding the filter's first `limit` rows (at most FIRST_ROWS), or None: first_facts for every
    fact of some metrics and years as stated; newest_facts for the plausible facts of some metrics, kinds and
    years, newest first (each holds the first rows of every group of its grain, so of any union of groups)."""
    if not limit or limit > FIRST_ROWS or wanted.metrics is None:
        return None
    if newest_first:
        answers = wanted.kinds is not None and wanted == FactFilter(
            metrics=wanted.metrics, kinds=wanted.kinds, years=wanted.years, plausible=True)
        name = NEWEST_FACTS
    else:
        answers, name = wanted == FactFilter(metrics=wanted.metrics, years=wanted.years), FIRST_FACTS
    return name if answers and name in database.summaries else None


def _newest_years(tables, wanted: FactFilter, limit: int) -> FactFilter:
    """The filter narrowed to the fewest latest years that hold `limit` of its facts (counted in the counts
    summary): newest first, no fact of an older year or undated comes before them, and on the partitioned
    layout the other years' folders are not read. Unchanged when the summary cannot count the filter, or
    the dated facts are fewer than `limit` (then every year is needed)."""
    if not prunes(tables) or not _counted(tables, wanted):
        return wanted
    by_year = counts(tables, replace(wanted, conditions=(*wanted.conditions, "dated")), ("year",))
    chosen, held = [], 0
    for year, found in sorted(zip(by_year["year"], by_year["count"], strict=True), reverse=True):
        chosen.append(int(year))
        held += int(found)
        if held >= limit:
            return replace(wanted, years=tuple(sorted(chosen)))
    return wanted


def _winner(database) -> str:
    """What identifies a chosen row: its position, or on the partitioned layout its id and folder."""
    if database.partitioned:
        return "{'id': fact_id, 'province': province, 'fact_year': fact_year}"
    return "position" if database.order == store.FILE_ORDER else "fact_id"


def _chosen_rows(tables, database, clause: str, parameters: dict, found: list, columns, order: str) -> pd.DataFrame:
    """The rows `found` identifies (_winner), in `order`: only their folders are read on the partitioned layout."""
    if not found:
        return rows(tables, FactFilter(fact_ids=("",)), limit=0, columns=columns)
    identity = "position" if database.order == store.FILE_ORDER else "fact_id"
    cast = "BIGINT[]" if identity == "position" else "VARCHAR[]"
    chosen = f"{identity} IN (SELECT unnest(CAST($chosen AS {cast})))"
    parameters = dict(parameters)
    if database.partitioned:
        chosen += (" AND province IN (SELECT unnest(CAST($chosen_provinces AS VARCHAR[])))"
                   " AND fact_year IN (SELECT unnest(CAST($chosen_years AS VARCHAR[])))")
        parameters["chosen_provinces"] = sorted({item["province"] for item in found})
        parameters["chosen_years"] = sorted({item["fact_year"] for item in found})
        found = [item["id"] for item in found]
    parameters["chosen"] = found
    sql = f"SELECT {selected(columns)} FROM facts WHERE {clause} AND {chosen} ORDER BY {order}"
    return _facts_frame(database.query(sql, parameters))


def count(tables, wanted: FactFilter) -> int:
    if _counted(tables, wanted):
        clause, parameters, counted = _counts_filter(tables, wanted)
        sql = f"SELECT coalesce(sum({counted}), 0) FROM {FACT_COUNTS}_summary WHERE {clause}"
        return int(store.database(tables).scalar(sql, parameters))
    clause, parameters = where(tables, wanted)
    return int(store.database(tables).scalar(f"SELECT count(*) FROM facts WHERE {clause}", parameters))


def _counted(tables, wanted: FactFilter) -> bool:
    """Whether summaries/fact_counts.parquet answers: a filter on its grain's columns (and plausibility) only."""
    return (FACT_COUNTS in store.database(tables).summaries
            and not (wanted.doc_ids or wanted.fact_ids or wanted.search or wanted.provinces))


def _counts_filter(tables, wanted: FactFilter) -> tuple[str, dict, str]:
    """(WHERE clause over the counts summary, its parameters, the column to add: all facts or the plausible)."""
    clause, parameters = where(tables, replace(wanted, plausible=False), folders=False)
    return clause, parameters, "plausible" if wanted.plausible else "facts"


def implausible_count(tables, wanted: FactFilter) -> int:
    """How many facts under the filter the quality checks call implausible (one scan)."""
    if not has_implausible(tables):
        return 0
    if _counted(tables, wanted):
        if wanted.plausible:  # none of the plausible facts is implausible
            return 0
        clause, parameters, _ = _counts_filter(tables, wanted)
        sql = f"SELECT coalesce(sum(facts - plausible), 0) FROM {FACT_COUNTS}_summary WHERE {clause}"
        return int(store.database(tables).scalar(sql, parameters))
    clause, parameters = where(tables, wanted)
    parameters["implausible_checks"] = list(IMPLAUSIBLE_CHECKS)
    sql = f"SELECT count(*) - count(*) FILTER (WHERE {IMPLAUSIBLE}) FROM facts WHERE {clause}"
    return int(store.database(tables).scalar(sql, parameters))


def counts(tables, wanted: FactFilter, by: tuple[str, ...]) -> pd.DataFrame:
    """`by` columns and `count`, most first, then by the columns (GROUP_COLUMNS only)."""
    unknown = [column for column in by if column not in GROUP_COLUMNS]
    if unknown:
        raise ValueError(f"cannot count facts by {unknown}; expected columns among {GROUP_COLUMNS}")
    columns = ", ".join(by)
    if _counted(tables, wanted) and set(by) <= set(COUNT_GRAIN):
        clause, parameters, counted = _counts_filter(tables, wanted)
        sql = (f"SELECT {columns}, CAST(sum({counted}) AS BIGINT) AS count FROM {FACT_COUNTS}_summary "
               f"WHERE {clause} GROUP BY {columns} HAVING sum({counted}) > 0 ORDER BY count DESC, {columns}")
        return store.database(tables).query(sql, parameters)
    clause, parameters = where(tables, wanted)
    sql = (f"SELECT {columns}, count(*) AS count FROM facts WHERE {clause} GROUP BY {columns} "
           f"ORDER BY count DESC, {columns}")
    return store.database(tables).query(sql, parameters)


def distinct_count(tables, wanted: FactFilter, column: str) -> int:
    if column not in GROUP_COLUMNS:
        raise ValueError(f"cannot count distinct {column}; expected one of {GROUP_COLUMNS}")
    clause, parameters = where(tables, wanted)
    return int(store.database(tables).scalar(f"SELECT count(DISTINCT {column}) FROM facts WHERE {clause}", parameters))


def latest(tables, wanted: FactFilter, keys: tuple[str, ...], largest_first: bool = False,
           columns: tuple[str, ...] | None = None) -> pd.DataFrame:
    """One fact per `keys` by latest.pick_latest's rule, as stated order: zone-wide first (no scope, and
    no status unless status is a key), then the latest period, [then the largest,] then the first stated.

    Two steps, so whole rows are read only for the winners: the keys' winners by arg_min over the
    few columns the rule reads, then those rows (every column, or only `columns`)."""
    unknown = [column for column in keys if column not in GROUP_COLUMNS]
    if unknown:
        raise ValueError(f"cannot pick latest facts by {unknown}; expected columns among {GROUP_COLUMNS}")
    database = store.database(tables)
    rule = ", ".join(rule_order(keys, database.order, largest_first))
    summary = _summary(database, wanted, keys, largest_first)
    if summary:
        return _latest_of_summary(tables, database, wanted, keys, rule, columns, summary)
    clause, parameters = where(tables, wanted)
    sql = f"SELECT arg_min({_winner(database)}, ({rule})) AS winner FROM facts WHERE {clause} GROUP BY {', '.join(keys)}"
    found = [row[0] for row in database.fetchall(sql, parameters)]
    return _chosen_rows(tables, database, clause, parameters, found, columns, database.order)


def _summary(database, wanted: FactFilter, keys: tuple[str, ...], largest_first: bool) -> str | None:
    """The smallest summary that answers (loaders/pipeline/summaries.py), or None: plausible facts narrowed only by
    the summary's grain columns (and zone-wide), grouped by some of them, so every group is whole groups
    of the grain and its winner is the best of theirs. Every year's winners answer only without years."""
    if (not wanted.plausible or largest_first or wanted.doc_ids or wanted.fact_ids or wanted.scopes or wanted.search
            or wanted.provinces):  # summaries have no folder narrowing: they answer whole grains only
        return None
    if not set(wanted.conditions) <= SUMMARY_CONDITIONS:
        return None
    every_year = not wanted.years and "dated" not in wanted.conditions
    for name in (LATEST_ALL_YEARS, LATEST) if every_year else (LATEST,):
        if name in database.summaries and set(keys) <= set(GRAINS[name]):
            return name
    return None


def _latest_of_summary(tables, database, wanted: FactFilter, keys: tuple[str, ...], rule: str,
                       columns: tuple[str, ...] | None, summary: str) -> pd.DataFrame:
    """latest() from a summary's winners: the best of the selected groups' winners, as stated."""
    clause, parameters = where(tables, replace(wanted, plausible=False), folders=False)
    identity = "fact_id" if database.partitioned else "position"
    view = f"{summary}_summary"
    if one_per_group(wanted, keys, summary):  # every selected row is its group's winner: no ranking
        sql = f"SELECT {selected(columns)} FROM {view} WHERE {clause} ORDER BY {database.order}"
    else:
        sql = (f"SELECT {selected(columns)} FROM {view} WHERE {identity} IN "
               f"(SELECT arg_min({identity}, ({rule})) FROM {view} WHERE {clause} GROUP BY {', '.join(keys)}) "
               f"ORDER BY {database.order}")
    return _facts_frame(database.query(sql, parameters))


def one_per_group(wanted: FactFilter, keys: tuple[str, ...], summary: str) -> bool:
    """Whether the filter leaves at most one row of the summary in each group of `keys`: the summary holds one
    row per grain, and every grain column outside `keys` is narrowed to one value (a topic's one metric and kind)."""
    narrowed = {"zone_id": wanted.zone_ids or None, "metric": wanted.metrics, "kind": wanted.kinds}
    return all(column in keys or len(set(narrowed.get(column) or ())) == 1 for column in GRAINS[summary])


def pairable(tables, wanted: FactFilter) -> pd.DataFrame:
    """The targets under the filter, and the actuals sharing a target's pair key, as stated: every row
    targets.pair_targets reads (an actual no target could meet is never read)."""
    database = store.database(tables)
    clause, parameters = where(tables, wanted)
    sql = f"""
        WITH chosen AS (
            SELECT *, {PAIR_KEY} FROM facts WHERE {clause} AND kind IN ('target', 'actual')
        ),
        keys AS (SELECT DISTINCT {PAIR_KEY_NAMES} FROM chosen WHERE kind = 'target')
        SELECT {COLUMNS} FROM chosen SEMI JOIN keys USING ({PAIR_KEY_NAMES})
        ORDER BY {database.order}"""
    return _facts_frame(database.query(sql, parameters))


def _facts_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows of facts as the facts frame types them (model.CATEGORICAL columns as categoricals)."""
    return compact("facts", frame)


def pairs_overview(tables, wanted: FactFilter, limit: int) -> tuple[dict[str, int], pd.DataFrame]:
    """(how many targets, how many without a comparable actual, how many reached: targets.FLAGS;
    the first `limit` targets in targets.pair_targets' order (zone, metric, target id) and the actual
    each pairs with, as stated), in one pass: pair_targets over these rows gives exactly those pairs."""
    database = store.database(tables)
    if _pairs_summarised(database, wanted):  # the build paired every plausible target: select its pairs
        clause, parameters = where(tables, FactFilter(zone_ids=wanted.zone_ids, years=wanted.years), folders=False)
        pairs = f"WITH pairs AS (SELECT * FROM {TARGET_PAIRS}_summary WHERE {clause})"
    else:
        clause, parameters = where(tables, wanted)
        pairs = pairs_sql(database.order, clause)
    reached = "actual_value >= target_value AND NOT isnan(actual_value) AND NOT isnan(target_value)"
    sql = f"""{pairs},
        summary AS (SELECT count(*) AS targets, count(*) FILTER (WHERE actual_fact_id IS NULL) AS no_actual,
                           count(*) FILTER (WHERE {reached}) AS beyond_target FROM pairs),
        shown AS (SELECT target_fact_id, actual_fact_id, zone_id, year FROM pairs
                  ORDER BY zone_id, metric, target_fact_id LIMIT $limit)
        SELECT summary.*, shown.* FROM summary LEFT JOIN shown ON true"""
    found = database.fetchall(sql, {**parameters, "limit": int(limit)})
    summary = {"targets": int(found[0][0]), "no_actual": int(found[0][1]), "beyond_target": int(found[0][2])}
    fact_ids = sorted({fact_id for row in found for fact_id in row[3:5] if fact_id is not None})
    if not fact_ids:
        return summary, rows(tables, wanted, limit=0)
    # A pair's target and actual share its zone and year: those name the folders to read.
    zone_ids = tuple(sorted({row[5] for row in found if row[5] is not None}))
    years = tuple(sorted({int(row[6]) for row in found if row[6] is not None}))
    return summary, rows(tables, FactFilter(zone_ids=zone_ids, years=years, fact_ids=tuple(fact_ids)))


def _pairs_summary_answers(wanted: FactFilter) -> bool:
    """Whether summaries/target_pairs.parquet holds the filter's pairs: every plausible target, narrowed only
    by zone and year (both in the pair key, so the pairs of a narrowed set are the narrowed pairs)."""
    narrowed = FactFilter(zone_ids=wanted.zone_ids, years=wanted.years, kinds=wanted.kinds, plausible=True)
    return wanted == narrowed and wanted.kinds in (None, schema.KINDS)


def _pairs_summarised(database, wanted: FactFilter) -> bool:
    return TARGET_PAIRS in database.summaries and _pairs_summary_answers(wanted)


def coverage_counts(tables, wanted: FactFilter) -> pd.DataFrame:
    """Per zone and metric: facts of each kind (actual, target, growth), all facts, and facts any quality row flags."""
    if _counted(tables, wanted) and not wanted.plausible:
        clause, parameters, _ = _counts_filter(tables, wanted)
        kinds = ", ".join(f"CAST(coalesce(sum(facts) FILTER (WHERE kind = '{kind}'), 0) AS BIGINT) AS {kind}"
                          for kind in ("actual", "target", "growth"))
        sql = (f"SELECT zone_id, metric, {kinds}, CAST(sum(facts) AS BIGINT) AS facts, "
               f"CAST(sum(flagged) AS BIGINT) AS flags FROM {FACT_COUNTS}_summary WHERE {clause} GROUP BY zone_id, metric")
        return store.database(tables).query(sql, parameters)
    clause, parameters = where(tables, wanted)
    sql = f"""
        SELECT zone_id, metric,
               count(*) FILTER (WHERE kind = 'actual') AS actual,
               count(*) FILTER (WHERE kind = 'target') AS target,
               count(*) FILTER (WHERE kind = 'growth') AS growth,
               count(*) AS facts,
               count(*) FILTER (WHERE {FLAGGED}) AS flags
        FROM facts WHERE {clause} GROUP BY zone_id, metric"""
    return store.database(tables).query(sql, parameters)
