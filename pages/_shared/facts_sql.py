"""Facts under a filter, as SQL over store.py's database: rows, counts and latest values. No streamlit.

    rows(tables, FactFilter(zone_ids=("z_1",), metrics=("revenue",)), limit=500)   facts as stated, first 500
    count(tables, FactFilter(...)) / counts(tables, FactFilter(...), ("metric", "kind"))
    latest(tables, FactFilter(...), ("zone_id", "metric", "kind"))   latest.pick_latest's rule in SQL

A FactFilter holds values only; `where` turns each field into one fixed SQL fragment whose values
are parameters (lists travel as list parameters), so nothing a user types becomes SQL. On the
partitioned layout the zones' provinces and the years also name the folders to read.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from loaders import layouts, schema

from . import store
from .latest import IMPLAUSIBLE_CHECKS
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
IMPLAUSIBLE = (  # latest.implausible_fact_ids as an anti-join
    "fact_id NOT IN (SELECT flagged FROM (SELECT unnest(fact_ids) AS flagged FROM quality "
    'WHERE "check" IN (SELECT unnest(CAST($implausible_checks AS VARCHAR[])))) WHERE flagged IS NOT NULL)'
)
# A number that grows with the period's end (latest.period_rank): year*100 + last month, undated -1.
PERIOD_RANK = (
    "CASE WHEN year IS NULL THEN -1 ELSE year * 100 + coalesce(TRY_CAST(substr(months, 4, 2) AS BIGINT), 12) END"
)


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


def of_selection(selection, **narrowing) -> FactFilter:
    """The filter of a model.Selection (kinds narrowed only when not all are chosen), plus `narrowing`."""
    kinds = None if tuple(selection.kinds) == schema.KINDS else tuple(selection.kinds)
    fields = {"zone_ids": tuple(selection.zone_ids), "years": tuple(selection.years), "kinds": kinds}
    return FactFilter(**{**fields, **narrowing})


def where(tables, wanted: FactFilter) -> tuple[str, dict]:
    """The WHERE clause (fixed fragments joined by AND) and its parameters."""
    database = store.database(tables)
    fragments, parameters = ["true"], {}

    def add(fragment: str, **values) -> None:
        fragments.append(fragment)
        parameters.update(values)

    if wanted.zone_ids:
        add("zone_id IN (SELECT unnest(CAST($zone_ids AS VARCHAR[])))", zone_ids=list(wanted.zone_ids))
        if database.partitioned:
            add("province IN (SELECT unnest(CAST($provinces AS VARCHAR[])))",
                provinces=_provinces(tables, wanted.zone_ids))
    if wanted.years:
        add("(year IN (SELECT unnest(CAST($years AS BIGINT[]))) OR year IS NULL)", years=[int(y) for y in wanted.years])
        if database.partitioned:
            add("fact_year IN (SELECT unnest(CAST($fact_years AS VARCHAR[])))",
                fact_years=[*(str(int(year)) for year in wanted.years), layouts.UNKNOWN])
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
    clause, parameters = where(tables, wanted)
    order = f"{PERIOD_RANK} DESC, {database.order}" if newest_first else database.order
    if limit is None or limit == 0:
        sql = f"SELECT {selected(columns)} FROM facts WHERE {clause} ORDER BY {order}"
        if limit is not None:
            sql += " LIMIT 0"
        return _facts_frame(database.query(sql, parameters))
    # The first `limit` by the few columns the order reads, then only their whole rows.
    sql = f"SELECT {_winner(database)} FROM facts WHERE {clause} ORDER BY {order} LIMIT $limit"
    found = [row[0] for row in database.fetchall(sql, {**parameters, "limit": int(limit)})]
    return _chosen_rows(tables, database, clause, parameters, found, columns, order)


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
    clause, parameters = where(tables, wanted)
    return int(store.database(tables).scalar(f"SELECT count(*) FROM facts WHERE {clause}", parameters))


def implausible_count(tables, wanted: FactFilter) -> int:
    """How many facts under the filter the quality checks call implausible (one scan)."""
    if not has_implausible(tables):
        return 0
    clause, parameters = where(tables, wanted)
    parameters["implausible_checks"] = list(IMPLAUSIBLE_CHECKS)
    sql = f"SELECT count(*) - count(*) FILTER (WHERE {IMPLAUSIBLE}) FROM facts WHERE {clause}"
    return int(store.database(tables).scalar(sql, parameters))


def counts(tables, wanted: FactFilter, by: tuple[str, ...]) -> pd.DataFrame:
    """`by` columns and `count`, most first, then by the columns (GROUP_COLUMNS only)."""
    unknown = [column for column in by if column not in GROUP_COLUMNS]
    if unknown:
        raise ValueError(f"cannot count facts by {unknown}; expected columns among {GROUP_COLUMNS}")
    clause, parameters = where(tables, wanted)
    columns = ", ".join(by)
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
    clause, parameters = where(tables, wanted)
    generic = "scope IS NULL" if "status" in keys else "scope IS NULL AND status IS NULL"
    rule = [f"CASE WHEN {generic} THEN 0 ELSE 1 END", f"-({PERIOD_RANK})"]
    if largest_first:
        rule.append("CASE WHEN value IS NULL OR isnan(value) THEN '+inf'::DOUBLE ELSE -value END")
    rule += [f"coalesce({column}, -1)" if column == '"start"' else column for column in _order_columns(database)]
    sql = (f"SELECT arg_min({_winner(database)}, ({', '.join(rule)})) AS winner FROM facts WHERE {clause} "
           f"GROUP BY {', '.join(keys)}")
    found = [row[0] for row in database.fetchall(sql, parameters)]
    return _chosen_rows(tables, database, clause, parameters, found, columns, database.order)


def _order_columns(database) -> list[str]:
    return [column.strip() for column in database.order.split(",")]


# targets.pair_targets' key: a missing text equals '' (a value of its own), a missing year -1.
PAIR_KEY = (
    "coalesce(zone_id, '') AS zone_key, coalesce(metric, '') AS metric_key, coalesce(status, '') AS status_key, "
    "coalesce(scope, '') AS scope_key, coalesce(year, -1) AS year_key, coalesce(months, '') AS months_key, "
    "coalesce(cumulative, false) AS cumulative_key"
)
PAIR_KEY_NAMES = "zone_key, metric_key, status_key, scope_key, year_key, months_key, cumulative_key"


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


def _pairs_sql(database, clause: str) -> str:
    """targets.pair_targets in SQL: each target beside the first stated actual of its pair key (or none)."""
    order = ", ".join(f"coalesce({column}, -1)" if column == '"start"' else column for column in _order_columns(database))
    return f"""
        WITH chosen AS (
            SELECT fact_id, zone_id, metric, kind, value, ({order}) AS stated, {PAIR_KEY}
            FROM facts WHERE {clause} AND kind IN ('target', 'actual')
        ),
        firsts AS (
            SELECT {PAIR_KEY_NAMES}, arg_min({{'id': fact_id, 'value': value}}, stated) AS actual
            FROM chosen WHERE kind = 'actual'
              AND ({PAIR_KEY_NAMES}) IN (SELECT ({PAIR_KEY_NAMES}) FROM chosen WHERE kind = 'target')
            GROUP BY {PAIR_KEY_NAMES}
        ),
        pairs AS MATERIALIZED (
            SELECT target.fact_id AS target_fact_id, target.zone_id, target.metric, target.value AS target_value,
                   firsts.actual.id AS actual_fact_id, firsts.actual.value AS actual_value
            FROM chosen AS target LEFT JOIN firsts USING ({PAIR_KEY_NAMES})
            WHERE target.kind = 'target'
        )"""


def pairs_overview(tables, wanted: FactFilter, limit: int) -> tuple[dict[str, int], pd.DataFrame]:
    """(how many targets, how many without a comparable actual, how many reached: targets.FLAGS;
    the first `limit` targets in targets.pair_targets' order (zone, metric, target id) and the actual
    each pairs with, as stated), in one pass: pair_targets over these rows gives exactly those pairs."""
    database = store.database(tables)
    clause, parameters = where(tables, wanted)
    reached = "actual_value >= target_value AND NOT isnan(actual_value) AND NOT isnan(target_value)"
    sql = f"""{_pairs_sql(database, clause)},
        summary AS (SELECT count(*) AS targets, count(*) FILTER (WHERE actual_fact_id IS NULL) AS no_actual,
                           count(*) FILTER (WHERE {reached}) AS beyond_target FROM pairs),
        shown AS (SELECT target_fact_id, actual_fact_id FROM pairs ORDER BY zone_id, metric, target_fact_id
                  LIMIT $limit)
        SELECT summary.*, shown.* FROM summary LEFT JOIN shown ON true"""
    found = database.fetchall(sql, {**parameters, "limit": int(limit)})
    summary = {"targets": int(found[0][0]), "no_actual": int(found[0][1]), "beyond_target": int(found[0][2])}
    fact_ids = sorted({fact_id for row in found for fact_id in row[3:] if fact_id is not None})
    if not fact_ids:
        return summary, rows(tables, wanted, limit=0)
    return summary, rows(tables, FactFilter(fact_ids=tuple(fact_ids)))


def coverage_counts(tables, wanted: FactFilter) -> pd.DataFrame:
    """Per zone and metric: facts of each kind (actual, target, growth), all facts, and facts any quality row flags."""
    clause, parameters = where(tables, wanted)
    sql = f"""
        SELECT zone_id, metric,
               count(*) FILTER (WHERE kind = 'actual') AS actual,
               count(*) FILTER (WHERE kind = 'target') AS target,
               count(*) FILTER (WHERE kind = 'growth') AS growth,
               count(*) AS facts,
               count(*) FILTER (WHERE fact_id IN (SELECT flagged FROM (SELECT unnest(fact_ids) AS flagged
                                                  FROM quality) WHERE flagged IS NOT NULL)) AS flags
        FROM facts WHERE {clause} GROUP BY zone_id, metric"""
    return store.database(tables).query(sql, parameters)
