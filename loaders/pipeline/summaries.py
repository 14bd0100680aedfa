"""Derived tables written beside the contract's, so the pages read a few rows instead of every fact.

    rule_order(keys, stated, largest_first)   the latest-value rule as SQL sort keys (the smallest wins)
    pairs_sql(stated, clause)                 targets.pair_targets in SQL: each target beside its actual
    write(folder)                             the summaries (KNOWN) from the folder's facts and quality,
                                              listed in its manifest.json (the build, the bench's tables)
    present(folder)                           the summaries a folder's manifest lists and its files hold

The latest comparable value (pages/_shared/latest.py pick_latest) ranks a zone's figures of one
metric and kind: zone-wide first, then the latest period, then the first stated. Its SQL lives here
only; the build writes with it and the app queries with it. `summaries/latest.parquet` holds, for
every (zone_id, metric, kind, year) with year null for undated figures, the fact that wins among
the plausible facts of that year (quality rows of IMPLAUSIBLE_CHECKS left out), with every column
of the facts table and `position` (its row in the single facts file). The latest value over any
set of years is then the winner among those years' winners and the undated one: the rule is one
total order, so the best of the groups' bests is the best of their union. With no year selected
(every page's first view) even that is done: `summaries/latest_all_years.parquet` holds the winner
per (zone_id, metric, kind) over every year, taken from latest.parquet by the same rule.
`summaries/target_pairs.parquet` holds every plausible target beside the actual it is judged
against (pair key: zone, metric, status, scope, period, cumulative); zone and year are in that key,
so the pairs of any zones and years are these rows narrowed. `summaries/fact_counts.parquet` counts
the facts (the plausible ones, the ones any quality row flags) per zone, metric, kind, year, scope
and status: every count the
pages take by those columns is a sum of its rows. `summaries/flag_sentences.parquet` holds each
quality row's sentence (loaders/quality/sentences.py), so the Quality page reads no report text.
`summaries/first_facts.parquet` holds the first FIRST_ROWS facts of each metric and year (undated ones
a year of their own) as stated, so the first rows of any metrics' facts in any years (a topic page's
table) are among them; `summaries/newest_facts.parquet` likewise the FIRST_ROWS plausible facts of each
metric, kind and year with the latest period first (then as stated): a topic page's growth rates. The summaries are not part of the data contract:
the facts they come from are.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..contract import schema
from ..quality.sentences import flagged_sentence

SUMMARY_FOLDER = "summaries"
VERSION = 1  # the summaries' shape: a manifest listing another version's is read from the facts instead
LATEST = "latest"  # summaries/latest.parquet: each year's winner (and the undated one)
LATEST_ALL_YEARS = "latest_all_years"  # summaries/latest_all_years.parquet: the winner over every year
LATEST_KEYS = ("zone_id", "metric", "kind")  # the grain every page's latest value has
LATEST_GRAIN = (*LATEST_KEYS, "year")  # the grain of summaries/latest.parquet
GRAINS = {LATEST: LATEST_GRAIN, LATEST_ALL_YEARS: LATEST_KEYS}
TARGET_PAIRS = "target_pairs"  # summaries/target_pairs.parquet: every plausible target and its actual
FACT_COUNTS = "fact_counts"  # summaries/fact_counts.parquet: how many facts (and plausible ones) per COUNT_GRAIN
COUNT_GRAIN = ("zone_id", "metric", "kind", "year", "scope", "status")
FLAG_SENTENCES = "flag_sentences"  # summaries/flag_sentences.parquet: quality_id, the sentence the flag points at
FIRST_FACTS = "first_facts"  # summaries/first_facts.parquet: the first FIRST_ROWS facts of each metric and year, as stated
FIRST_ROWS = 500  # the most rows a page's table of one metric's facts shows (pages/_shared/topic.py TABLE_ROWS)
NEWEST_FACTS = "newest_facts"  # summaries/newest_facts.parquet: the FIRST_ROWS newest plausible facts of each metric, kind, year
FIRST_GRAINS = {FIRST_FACTS: ("metric", "year"), NEWEST_FACTS: ("metric", "kind", "year")}
KNOWN = (*GRAINS, TARGET_PAIRS, FACT_COUNTS, FLAG_SENTENCES, FIRST_FACTS, NEWEST_FACTS)
SUMMARY_THREADS = 2  # summaries worked out at once (a build machine has two cores)
TEXTS_AT_ONCE = 16  # reports whose texts are held at once while their flags' sentences are cut
# Quality checks whose figures are likely unit slips or misreadings: shown on the quality page only.
IMPLAUSIBLE_CHECKS = ("implausible_value", "implausible_magnitude")
# How facts are ordered "as stated": one file's row order, or the contract's sort across many files.
FILE_ORDER = "position"
CONTRACT_ORDER = 'doc_id, "start", metric, kind, fact_id'
# A number that grows with the period's end (latest.period_rank): year*100 + last month, undated -1.
PERIOD_RANK = (
    "CASE WHEN year IS NULL THEN -1 ELSE year * 100 + coalesce(TRY_CAST(substr(months, 4, 2) AS BIGINT), 12) END"
)
# The facts the quality checks call implausible (latest.implausible_fact_ids), with $implausible_checks.
IMPLAUSIBLE = (
    "fact_id NOT IN (SELECT flagged FROM (SELECT unnest(fact_ids) AS flagged FROM quality "
    'WHERE "check" IN (SELECT unnest(CAST($implausible_checks AS VARCHAR[])))) WHERE flagged IS NOT NULL)'
)
# The facts any quality row is about.
FLAGGED = ("fact_id IN (SELECT flagged FROM (SELECT unnest(fact_ids) AS flagged FROM quality) "
           "WHERE flagged IS NOT NULL)")

# targets.pair_targets' key: a missing text equals '' (a value of its own), a missing year -1.
PAIR_KEY = (
    "coalesce(zone_id, '') AS zone_key, coalesce(metric, '') AS metric_key, coalesce(status, '') AS status_key, "
    "coalesce(scope, '') AS scope_key, coalesce(year, -1) AS year_key, coalesce(months, '') AS months_key, "
    "coalesce(cumulative, false) AS cumulative_key"
)
PAIR_KEY_NAMES = "zone_key, metric_key, status_key, scope_key, year_key, months_key, cumulative_key"


def rule_order(keys: tuple[str, ...], stated: str, largest_first: bool = False) -> list[str]:
    """pick_latest's rule as SQL sort keys, smallest first: zone-wide (no scope, and no status unless
    status is a key), the latest period, [the largest,] then the first stated (`stated`: FILE_ORDER or
    CONTRACT_ORDER)."""
    generic = "scope IS NULL" if "status" in keys else "scope IS NULL AND status IS NULL"
    order = [f"CASE WHEN {generic} THEN 0 ELSE 1 END", f"-({PERIOD_RANK})"]
    if largest_first:
        order.append("CASE WHEN value IS NULL OR isnan(value) THEN '+inf'::DOUBLE ELSE -value END")
    columns = [column.strip() for column in stated.split(",")]
    return order + [f"coalesce({column}, -1)" if column == '"start"' else column for column in columns]


def stated_key(stated: str) -> str:
    """`stated` (FILE_ORDER or CONTRACT_ORDER) as one value that sorts as `ORDER BY {stated}` does, nulls last."""
    columns = [column.strip() for column in stated.split(",")]
    return "(" + ", ".join(f"{column} IS NULL, {column}" for column in columns) + ")"


def pairs_sql(stated: str, clause: str) -> str:
    """targets.pair_targets in SQL, a WITH naming `pairs`: each target of the facts under `clause` beside
    the first stated (`stated`: FILE_ORDER or CONTRACT_ORDER) actual of its pair key, or none."""
    order = ", ".join(f"coalesce({column}, -1)" if column == '"start"' else column
                      for column in (column.strip() for column in stated.split(",")))
    return f"""
        WITH chosen AS (
            SELECT fact_id, zone_id, metric, kind, value, year, ({order}) AS stated, {PAIR_KEY}
            FROM facts WHERE {clause} AND kind IN ('target', 'actual')
        ),
        firsts AS (
            SELECT {PAIR_KEY_NAMES}, arg_min({{'id': fact_id, 'value': value}}, stated) AS actual
            FROM chosen WHERE kind = 'actual'
              AND ({PAIR_KEY_NAMES}) IN (SELECT ({PAIR_KEY_NAMES}) FROM chosen WHERE kind = 'target')
            GROUP BY {PAIR_KEY_NAMES}
        ),
        pairs AS MATERIALIZED (
            SELECT target.fact_id AS target_fact_id, target.zone_id, target.metric, target.year,
                   target.value AS target_value, firsts.actual.id AS actual_fact_id, firsts.actual.value AS actual_value
            FROM chosen AS target LEFT JOIN firsts USING ({PAIR_KEY_NAMES})
            WHERE target.kind = 'target'
        )"""



def _scalar(connection, sql: str, parameters: dict | None = None):
    """The one value a query returns."""
    row = connection.execute(sql, parameters).fetchone()
    assert row is not None  # an aggregate always returns a row
    return row[0]


def _listing(connection, folder: Path, name: str, keys) -> dict:
    """The manifest's entry for a summary just written: path, rows, keys, version."""
    rows = _scalar(connection, f"SELECT count(*) FROM read_parquet('{_escaped(_file(folder, name))}')")
    return {"path": f"{SUMMARY_FOLDER}/{name}.parquet", "rows": int(rows), "keys": list(keys), "version": VERSION}


def load_engine() -> None:
    """Import DuckDB ahead of write(): a build asks while its processes extract (pipeline/build.py), so the
    import is neither in its start, before the processes fork, nor in its serial end."""
    import duckdb  # noqa: F401


def write(folder: Path, texts: Mapping[str, str] | None = None) -> dict:
    """The summaries (GRAINS) from the facts and quality in `folder` (either layout, already written),
    listed under "summaries" in its manifest.json ({name: {"path", "rows", "keys"}}, also returned).
    `texts` (doc_id -> the report's text, as in documents.parquet), when the caller holds them, saves
    reading every report back from documents.parquet for the flags' sentences.

    Each summary is one query over small files (a build's facts are one row group, which DuckDB scans on
    one thread), and they do not depend on each other but for latest_all_years on latest: so they run
    side by side (_side_by_side), each on a cursor of its own, to keep every core busy."""
    folder = Path(folder)
    partitioned = not (folder / "facts.parquet").exists()
    (folder / SUMMARY_FOLDER).mkdir(parents=True, exist_ok=True)
    columns = ", ".join(f'"{column}"' for column in schema.TABLES["facts"].names)
    identity = "fact_id" if partitioned else "position"
    stated = CONTRACT_ORDER if partitioned else FILE_ORDER
    rule = ", ".join(rule_order(LATEST_KEYS, stated))
    import duckdb  # imported once per process (load_engine), not when this module is

    connection = duckdb.connect(":memory:", config={"threads": 2, "memory_limit": "1GB"})
    try:
        connection.execute("SET preserve_insertion_order = false")
        connection.execute("SET enable_progress_bar = false")
        connection.execute(f"CREATE VIEW facts AS {_read(folder, 'facts', partitioned)}")
        connection.execute(f"CREATE VIEW quality AS {_read(folder, 'quality', partitioned)}")
        flags = _scalar(
            connection,
            'SELECT count(*) FROM quality WHERE "check" IN (SELECT unnest(CAST($checks AS VARCHAR[])))',
            {"checks": list(IMPLAUSIBLE_CHECKS)},
        )
        plausible, parameters = (IMPLAUSIBLE, {"implausible_checks": list(IMPLAUSIBLE_CHECKS)}) if flags else ("true", {})

        def copy(cursor, name: str, sql: str, keys, values: dict | None = None) -> dict:
            cursor.execute(f"COPY ({sql}) TO '{_escaped(_file(folder, name))}' (FORMAT parquet)", values or None)
            return {name: _listing(cursor, folder, name, keys)}

        def latest(cursor) -> dict:
            """Each year's winners from the plausible facts; every year's winner from those (the best of the bests)."""
            listed = {}
            sources = {LATEST: (f"SELECT {columns}, position FROM facts", plausible, parameters),
                       LATEST_ALL_YEARS: (f"SELECT * FROM read_parquet('{_escaped(_file(folder, LATEST))}')", "true", {})}
            for name, (source, condition, values) in sources.items():
                grain = GRAINS[name]
                winners = f"SELECT arg_min({identity}, ({rule})) FROM ({source}) WHERE {condition} GROUP BY {', '.join(grain)}"
                sql = f"SELECT * FROM ({source}) WHERE {identity} IN ({winners}) ORDER BY {', '.join(grain)}"
                listed.update(copy(cursor, name, sql, grain, values))
            return listed

        def target_pairs(cursor) -> dict:
            sql = f"{pairs_sql(stated, plausible)} SELECT * FROM pairs ORDER BY zone_id, metric, target_fact_id"
            return copy(cursor, TARGET_PAIRS, sql, ("target_fact_id",), parameters)

        def fact_counts(cursor) -> dict:
            by = ", ".join(COUNT_GRAIN)
            sql = (f"SELECT {by}, count(*) AS facts, count(*) FILTER (WHERE {plausible}) AS plausible, "
                   f"count(*) FILTER (WHERE {FLAGGED}) AS flagged FROM facts GROUP BY {by} ORDER BY {by}")
            return copy(cursor, FACT_COUNTS, sql, COUNT_GRAIN, parameters)

        def first_facts(cursor) -> dict:
            firsts = (f"SELECT unnest(arg_min({identity}, {stated_key(stated)}, {FIRST_ROWS})) FROM facts "
                      f"GROUP BY {', '.join(FIRST_GRAINS[FIRST_FACTS])}")
            sql = f"SELECT {columns}, position FROM facts WHERE {identity} IN ({firsts}) ORDER BY metric, year, {stated}"
            return copy(cursor, FIRST_FACTS, sql, FIRST_GRAINS[FIRST_FACTS])

        def newest_facts(cursor) -> dict:
            newest = f"(-({PERIOD_RANK}), {stated_key(stated)[1:]}"  # ORDER BY {PERIOD_RANK} DESC, {stated}
            firsts = (f"SELECT unnest(arg_min({identity}, {newest}, {FIRST_ROWS})) FROM facts WHERE {plausible} "
                      f"GROUP BY {', '.join(FIRST_GRAINS[NEWEST_FACTS])}")
            sql = (f"SELECT {columns}, position FROM facts WHERE {identity} IN ({firsts}) "
                   f"ORDER BY metric, kind, {newest[1:-1]}")
            return copy(cursor, NEWEST_FACTS, sql, FIRST_GRAINS[NEWEST_FACTS], parameters)

        def flag_sentences(cursor) -> dict:
            _write_flag_sentences(cursor, folder, texts)
            return {FLAG_SENTENCES: _listing(cursor, folder, FLAG_SENTENCES, ("quality_id",))}

        listed = _side_by_side(connection, (latest, target_pairs, fact_counts, first_facts, newest_facts, flag_sentences))
    finally:
        connection.close()
    manifest_file = folder / "manifest.json"
    if manifest_file.exists():
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
        manifest["summaries"] = listed
        manifest_file.write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return listed


def _side_by_side(connection, jobs) -> dict:
    """Run each job(cursor) -> {name: listing} on SUMMARY_THREADS threads, each on a cursor of its own
    (DuckDB runs a query without holding the interpreter); their listings merged in the jobs' order."""
    cursors = [connection.cursor() for _ in jobs]
    try:
        with ThreadPoolExecutor(max_workers=SUMMARY_THREADS) as pool:
            done = [pool.submit(job, cursor) for job, cursor in zip(jobs, cursors, strict=True)]
            return {name: listing for future in done for name, listing in future.result().items()}
    finally:
        for cursor in cursors:
            cursor.close()


def _write_flag_sentences(connection, folder: Path, texts: Mapping[str, str] | None = None) -> None:
    """summaries/flag_sentences.parquet: each quality row's id and sentence (null without a report text or a
    span), by quality_id. The flags are few and held; the reports' texts (from `texts`, else streamed past a
    few at a time from documents.parquet) are each read once however many flags they have (a join would copy
    a 5 MB report into every one of its flags)."""
    flags = connection.cursor().sql(  # a cursor of its own: the connection may hold an unread result
        'SELECT quality_id, doc_id, "start", "end" FROM quality').to_arrow_table().to_pydict()
    sentences: list[str | None] = [None] * len(flags["quality_id"])
    flags_of: dict[str, list[int]] = {}
    for row, doc_id in enumerate(flags["doc_id"]):
        if doc_id is not None:
            flags_of.setdefault(doc_id, []).append(row)
    if flags_of:
        reports = ((doc_id, texts.get(doc_id)) for doc_id in flags_of) if texts is not None else _texts(folder)
        for doc_id, text in reports:
            for row in flags_of.get(doc_id, ()):
                sentences[row] = flagged_sentence(text, flags["start"][row], flags["end"][row])
    table = pa.table({"quality_id": pa.array(flags["quality_id"], pa.string()),
                      "sentence": pa.array(sentences, pa.string())})
    pq.write_table(table.sort_by("quality_id"), _file(folder, FLAG_SENTENCES))


def _texts(folder: Path) -> Iterator[tuple[str, str]]:
    """(doc_id, text) of every report in the folder's documents.parquet, TEXTS_AT_ONCE held at a time."""
    documents = folder / "documents.parquet"
    if not documents.exists():
        return
    for batch in pq.ParquetFile(documents).iter_batches(TEXTS_AT_ONCE, columns=["doc_id", "text"]):
        yield from zip(batch.column("doc_id").to_pylist(), batch.column("text").to_pylist(), strict=True)


def _file(folder: Path, name: str) -> Path:
    return folder / SUMMARY_FOLDER / f"{name}.parquet"


def present(folder: Path) -> dict[str, Path]:
    """name -> file of each summary of this VERSION the folder's manifest lists and the folder holds."""
    folder = Path(folder)
    try:
        listed = json.loads((folder / "manifest.json").read_text(encoding="utf-8")).get("summaries") or {}
    except (OSError, ValueError, AttributeError):
        return {}
    found = {}
    for name in KNOWN:
        entry = listed.get(name) if isinstance(listed, dict) else None
        path = folder / str(entry.get("path", "")) if isinstance(entry, dict) and entry.get("version") == VERSION else None
        if path is not None and path.is_file() and path.resolve().is_relative_to(folder.resolve()):
            found[name] = path
    return found


def _read(folder: Path, name: str, partitioned: bool) -> str:
    """The SELECT over one table's file(s): contract columns, + `position` (the file's row) on one file."""
    columns = ", ".join(f'"{column}"' for column in schema.TABLES[name].names)
    single = folder / f"{name}.parquet"
    if single.exists():
        return (f"SELECT {columns}, file_row_number AS position "
                f"FROM read_parquet('{_escaped(single)}', file_row_number = true)")
    if (folder / name).is_dir() and any((folder / name).rglob("*.parquet")):
        glob = folder / name / "**" / "*.parquet"
        return (f"SELECT {columns}, CAST(NULL AS BIGINT) AS position "
                f"FROM read_parquet('{_escaped(glob)}', hive_partitioning = true, hive_types_autocast = false)")
    empty = schema.TABLES[name]
    casts = ", ".join(f'CAST(NULL AS {_sql_type(str(kind))}) AS "{column}"' for column, kind in empty.columns)
    return f"SELECT {casts}, CAST(NULL AS BIGINT) AS position WHERE false"


def _sql_type(arrow: str) -> str:
    if arrow.startswith("list"):
        return "VARCHAR[]"
    return {"string": "VARCHAR", "int64": "BIGINT", "double": "DOUBLE", "bool": "BOOLEAN"}.get(arrow, "VARCHAR")


def _escaped(path: Path) -> str:
    """A path inside an SQL string literal (paths come from the build's arguments, never from a request)."""
    return str(path).replace("'", "''")
