"""Grade the loaders against hand-checked gold: precision, recall and F1, misses and spurious rows.

`evaluate(reports, gold)` builds the tables for a reports folder into a temporary folder (or
reads built ones) and grades them; `grade(gold, tables)` is the pure part, frames in, results
out. Gold is read by loaders/evaluation/gold.py, matched by the rules of loaders/evaluation/grading.py; both are
described in docs/DATA_CONTRACT.md.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pandas as pd

from ..contract.schema import metrics
from ..facts import read as facts_module
from ..pipeline.build import build
from .gold import EvaluationError, Gold, read_gold
from .grading import close, match_facts, match_items, match_zones, same_status, same_zone

ALL = "all"
SENTENCE_ENDS = "。！？!?\n"  # as the loaders quote: a whole sentence, semicolons inside
QUOTE_REACH = 400  # characters searched on each side of a figure for its sentence's ends


def read_tables(folder: Path) -> dict[str, pd.DataFrame]:
    """The built tables the grading reads."""
    folder = Path(folder)
    names = ("documents", "facts", "zones", "projects", "infrastructure")
    missing = [name for name in names if not (folder / f"{name}.parquet").exists()]
    if missing:
        raise EvaluationError(f"{folder}: no {', '.join(f'{name}.parquet' for name in missing)}")
    return {name: pd.read_parquet(folder / f"{name}.parquet") for name in names}


def evaluate(reports: Path, gold_folder: Path, tables: Path | None = None, misses: int = 15) -> dict:
    """Build the tables for `reports` in a temporary folder (or read `tables`) and grade them."""
    gold = read_gold(gold_folder)
    if tables is not None:
        return {"reports": str(reports), "tables": str(tables), **grade(gold, read_tables(tables), misses)}
    with tempfile.TemporaryDirectory(prefix="evaluate-") as scratch:
        built = build(Path(reports), Path(scratch) / "tables", progress=False)
        if not built.written:
            raise EvaluationError(f"{reports}: no tables built ({built.error})")
        result = grade(gold, read_tables(built.out_dir), misses)
    skipped = [f"{file}: {reason}" for file, reason in built.skipped]
    return {"reports": str(reports), "skipped_files": skipped, **result}


def grade(gold: Gold, tables: dict[str, pd.DataFrame], misses: int = 15) -> dict:
    """Every figure for all reports and for each half, then the first `misses` misses and spurious rows."""
    rows = extracted_rows(tables, gold.key)
    built = set(rows["reports"])
    matches: dict[str, dict | tuple] = {
        "facts": match_facts(_gold(gold, "facts"), rows["facts"]),
        "facts_zone_blind": match_facts(_gold(gold, "facts"), rows["facts"], zones=False),
        "values": match_facts(_gold(gold, "facts"), rows["facts"], zones=False, metrics=False),
        "projects": match_items(_gold(gold, "projects"), rows["projects"], by_category=False),
        "infrastructure": match_items(_gold(gold, "infrastructure"), rows["infrastructure"], by_category=True),
        "zones": match_zones(_gold(gold, "zones"), rows["zones"]),
    }
    graded = None if gold.sources is None else set(gold.sources)
    scopes = {ALL: graded} | {half: _reports_of(gold.halves, half) for half in dict.fromkeys(gold.halves.values())}
    fact_pairs, zone_matches = matches["facts"], matches["zones"]
    assert isinstance(fact_pairs, dict) and isinstance(zone_matches, tuple)
    misses_found, spurious = listings(_gold(gold, "facts"), _within(rows["facts"], graded), fact_pairs,
                                      tables["documents"], gold)
    zone_misses = zone_listings(_within(_gold(gold, "zones"), graded), _zones_within(rows["zones"], graded),
                                zone_matches, gold.halves)
    wrong_zone = wrong_zone_facts(_gold(gold, "facts"), rows["facts"], matches, tables["documents"], gold)
    return {
        "gold": str(gold.folder),
        "key": gold.key,
        "reports_graded": len(built if graded is None else built & graded),
        "reports_left_out": sorted(built - graded) if graded is not None else [],
        "reports_without_text": sorted(_gold_reports(gold) - built),
        "scores": {name: figures(gold, rows, matches, reports) for name, reports in scopes.items()},
        "misses": {"count": len(misses_found), "rows": misses_found[:misses]},
        "spurious": {"count": len(spurious), "rows": spurious[:misses]},
        "wrong_zone": {"count": len(wrong_zone), "rows": wrong_zone[:misses]},
        **{name: {"count": len(found), "rows": found[:misses]} for name, found in zone_misses.items()},
    }


def extracted_rows(tables: dict[str, pd.DataFrame], key: str) -> dict:
    """The tables as graded: each row with its `report` key, facts limited to the metric vocabulary."""
    documents = tables["documents"]
    reports = report_keys(documents, key)
    report_of = dict(zip(documents["doc_id"], reports, strict=True))
    zones = tables["zones"]
    names = {
        zone_id: [name, *(list(aliases) if aliases is not None else [])]
        for zone_id, name, aliases in zip(zones["zone_id"], zones["name"], zones["aliases"], strict=True)
    }
    facts = tables["facts"]
    facts = facts[facts["metric"].isin(set(metrics()["metric"]))].reset_index(drop=True)
    facts = facts.assign(
        report=facts["doc_id"].map(report_of), zone_names=facts["zone_id"].map(lambda z: names.get(z, [str(z)]))
    )
    doc_ids = zones["doc_ids"] if "doc_ids" in zones else pd.Series([[]] * len(zones), index=zones.index)
    return {
        "reports": reports,
        "facts": facts,
        "projects": _with_report(tables["projects"], report_of),
        "infrastructure": _with_report(tables["infrastructure"], report_of),
        "zones": zones.assign(
            names=zones["zone_id"].map(names),
            reports=[{report_of.get(doc_id) for doc_id in ids} if ids is not None else set() for ids in doc_ids],
        ),
    }


def report_keys(documents: pd.DataFrame, key: str) -> pd.Series:
    """Each document's report key: its file stem (`id` gold) or its part in its file (`part` gold)."""
    if key == "id":
        return documents["source_file"].map(lambda source: Path(str(source)).stem)
    return documents["part"].astype("Int64").astype(str)


def figures(gold: Gold, rows: dict, matches: dict, reports: set | None) -> dict:
    """Every score for the reports in `reports` (None: all of them)."""
    facts = _within(_gold(gold, "facts"), reports)
    extracted = _within(rows["facts"], reports)
    found = facts[facts.index.isin(list(matches["facts"]))]
    found_blind = facts[facts.index.isin(list(matches["facts_zone_blind"]))]
    return {
        "facts": {
            **prf(len(facts), len(extracted), len(found)),
            "by_metric": breakdown(facts["metric"], extracted["metric"], found["metric"]),
            "by_kind": breakdown(facts["kind"], extracted["kind"], found["kind"]),
            "by_file": breakdown(facts["report"], extracted["report"], found["report"]),
            # a file's rows may be right but for their zone: its zone-blind count beside the zoned one
            "by_file_zone_blind": breakdown(facts["report"], extracted["report"], found_blind["report"]),
        },
        "facts_zone_blind": prf(len(facts), len(extracted), len(found_blind)),
        "values": prf(len(facts), len(extracted), _found(facts, matches["values"])),
        "projects": item_score(gold, rows, matches, "projects", reports),
        "infrastructure": item_score(gold, rows, matches, "infrastructure", reports),
        "zones": zone_score(_within(_gold(gold, "zones"), reports), _zones_within(rows["zones"], reports),
                            matches["zones"]),
    }


def prf(gold: int, rows: int, found: int) -> dict:
    """Counts with precision (found / rows), recall (found / gold) and F1, rounded to 4 places."""
    precision = found / rows if rows else 0.0
    recall = found / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"gold": gold, "rows": rows, "found": found, "precision": round(precision, 4),
            "recall": round(recall, 4), "f1": round(f1, 4)}


def breakdown(gold: pd.Series, rows: pd.Series, found: pd.Series) -> dict:
    """prf() for each label (metric, kind or report) seen in the gold or the rows."""
    gold_counts, row_counts, found_counts = (series.astype(str).value_counts() for series in (gold, rows, found))
    labels = sorted(set(gold_counts.index) | set(row_counts.index))
    return {label: prf(int(gold_counts.get(label, 0)), int(row_counts.get(label, 0)),
                       int(found_counts.get(label, 0))) for label in labels}


def item_score(gold: Gold, rows: dict, matches: dict, table: str, reports: set | None) -> dict:
    """Recall of named projects or infrastructure items and the accuracy of their status."""
    items, extracted = _within(_gold(gold, table), reports), _within(rows[table], reports)
    pairs = {index: row for index, row in matches[table].items() if index in items.index}
    right = sum(same_status(items.at[index, "status"], rows[table].at[row, "status"]) for index, row in pairs.items())
    return {"gold": len(items), "rows": len(extracted), "found": len(pairs),
            "recall": round(len(pairs) / len(items), 4) if len(items) else 0.0,
            "status_accuracy": round(right / len(pairs), 4) if pairs else 0.0}


def zone_score(gold: pd.DataFrame, zones: pd.DataFrame, matches: tuple[set, set]) -> dict:
    """Recall of gold zones; precision of extracted zone names (zones matching a gold zone / zones)."""
    found, matching = matches
    hits = int(gold.index.isin(list(found)).sum())
    right = int(zones.index.isin(list(matching)).sum())
    return {"gold": len(gold), "rows": len(zones), "found": hits, "matching_rows": right,
            "precision": round(right / len(zones), 4) if len(zones) else 0.0,
            "recall": round(hits / len(gold), 4) if len(gold) else 0.0}


def listings(gold: pd.DataFrame, facts: pd.DataFrame, pairs: dict, documents: pd.DataFrame, source: Gold):
    """(missed gold facts, rows matching no gold fact), each a dict with its report, half and sentence."""
    texts = _texts_by_report(documents, source.key)
    left_out: dict[str, list[dict]] = {}
    missed = []
    for fact in gold[~gold.index.isin(list(pairs))].itertuples():
        listed = _listed(fact.report, fact.zone, fact.metric, fact.kind, fact.value, fact.raw,
                         _gold_quote(fact, texts.get(fact.report, [])), source.halves)
        listed["why"] = why_missed(fact, texts.get(fact.report, []), facts[facts["report"] == fact.report], left_out)
        missed.append(listed)
    used = set(pairs.values())
    spurious = [
        _listed(row.report, row.zone_names[0], row.metric, row.kind, row.value, row.raw, row.quote, source.halves)
        for row in facts[~facts.index.isin(list(used))].itertuples()
    ]
    return missed, spurious


def zone_listings(gold: pd.DataFrame, zones: pd.DataFrame, matches: tuple[set, set], halves: dict) -> dict:
    """Gold zones no zone name matched (with the names their report got) and zone names matching no gold zone."""
    found, matching = matches
    names_of: dict[str, list[str]] = {}
    for names, reports in zip(zones["names"], zones["reports"], strict=True):
        for report in reports:
            names_of.setdefault(str(report), []).append(names[0])
    missed = [{"report": str(zone.report), "half": halves.get(str(zone.report), ""), "zone": zone.zone,
               "names": names_of.get(str(zone.report), [])}
              for zone in gold[~gold.index.isin(list(found))].itertuples()]
    spurious = [{"report": ",".join(sorted(str(report) for report in zone.reports)),
                 "half": ",".join(sorted({halves.get(str(report), "") for report in zone.reports} - {""})),
                 "zone": zone.names[0], "names": list(zone.names[1:])}
                for zone in zones[~zones.index.isin(list(matching))].itertuples()]
    return {"zones_missed": missed, "zones_spurious": spurious}


def wrong_zone_facts(gold: pd.DataFrame, facts: pd.DataFrame, matches: dict, documents: pd.DataFrame,
                     source: Gold) -> list[dict]:
    """Gold facts found when the zone is left out but not with it: each with the zone its row went to."""
    texts = _texts_by_report(documents, source.key)
    blind, zoned = matches["facts_zone_blind"], matches["facts"]
    wrong = []
    for fact in gold[gold.index.isin(list(blind)) & ~gold.index.isin(list(zoned))].itertuples():
        listed = _listed(fact.report, fact.zone, fact.metric, fact.kind, fact.value, fact.raw,
                         _gold_quote(fact, texts.get(fact.report, [])), source.halves)
        listed["why"] = f"its row went to {facts.at[blind[fact.Index], 'zone_names'][0]}"
        wrong.append(listed)
    return sorted(wrong, key=lambda listed: (listed["report"], listed["zone"]))


def why_missed(fact, texts: list[str], rows: pd.DataFrame, left_out: dict[str, list[dict]]) -> str:
    """Why a gold fact was not found: the rule that left its figure out (facts.explain), the row its
    figure became instead, or that the figure was never seen."""
    if not texts:
        return "its report's text is not among the reports read"
    raw = fact.raw if isinstance(fact.raw, str) else ""
    kept = rows[rows["raw"].astype("string") == raw] if raw else rows.iloc[:0]
    if len(kept):
        row = kept.iloc[0]
        same = (row["metric"], row["kind"]) == (fact.metric, fact.kind) and close(float(row["value"]), fact.value, fact.kind)
        if same and same_zone(getattr(fact, "zone", None), list(row["zone_names"])):
            return "stated again: its row went to another mention of the figure"
        return f"read as {row['metric']}/{row['kind']} = {row['value']:g} under {row['zone_names'][0]}"
    for text in texts:
        if text not in left_out:
            left_out[text] = facts_module.explain(text)
        position = text.find(raw) if raw else -1
        while position != -1:
            for figure in left_out[text]:
                if figure["start"] < position + len(raw) and position < figure["end"]:
                    return f"left out by the rule {figure['rule']}"
            position = text.find(raw, position + 1)
    return "not seen as a figure"


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end]: from the last end mark before it to the first after it.

    >>> sentence_around("园区规划面积25平方公里。入驻企业104家，同比增长5%。", 17, 21)
    '入驻企业104家，同比增长5%。'
    """
    reach = max(0, start - QUOTE_REACH)
    left = max(reach, *(text.rfind(mark, reach, start) + 1 for mark in SENTENCE_ENDS))
    rights = [text.find(mark, end, end + QUOTE_REACH) for mark in SENTENCE_ENDS]
    right = min((position + 1 for position in rights if position != -1), default=min(len(text), end + QUOTE_REACH))
    return text[left:right].strip()


def _gold_quote(fact, texts: list[str]) -> str:
    """The gold's own quote if it has one, else the sentence around the first place its raw is written."""
    quote = getattr(fact, "quote", None)
    if isinstance(quote, str) and quote:
        return quote
    raw = fact.raw if isinstance(fact.raw, str) else ""
    for text in texts:
        position = text.find(raw) if raw else -1
        if position != -1:
            return sentence_around(text, position, position + len(raw))
    return ""


def _listed(report, zone, metric, kind, value, raw, quote, halves) -> dict:
    return {"report": str(report), "half": halves.get(str(report), ""), "zone": "" if pd.isna(zone) else str(zone),
            "metric": metric, "kind": kind, "value": float(value), "raw": "" if pd.isna(raw) else str(raw),
            "quote": quote}


def _texts_by_report(documents: pd.DataFrame, key: str) -> dict[str, list[str]]:
    texts: dict[str, list[str]] = {}
    for report, text in zip(report_keys(documents, key), documents["text"], strict=True):
        texts.setdefault(report, []).append(text)
    return texts


def _gold(gold: Gold, table: str) -> pd.DataFrame:
    """A gold table, or an empty one with the columns the matching reads."""
    if gold.tables.get(table) is not None:
        return gold.tables[table]
    return pd.DataFrame(columns=["report", "zone", "metric", "kind", "value", "raw", "name", "category",
                                 "quantity", "status"])


def _with_report(rows: pd.DataFrame, report_of: dict) -> pd.DataFrame:
    return rows.reset_index(drop=True).assign(report=rows["doc_id"].map(report_of).to_numpy())


def _within(frame: pd.DataFrame, reports: set | None) -> pd.DataFrame:
    return frame if reports is None else frame[frame["report"].isin(reports)]


def _zones_within(zones: pd.DataFrame, reports: set | None) -> pd.DataFrame:
    return zones if reports is None else zones[[bool(own & reports) for own in zones["reports"]]]


def _found(gold: pd.DataFrame, pairs: dict) -> int:
    return int(gold.index.isin(list(pairs)).sum())


def _gold_reports(gold: Gold) -> set:
    """Every report the gold has rows about or lists in sources.tsv."""
    reports = set(gold.sources or ())
    for table in gold.tables.values():
        if table is not None:
            reports |= set(table["report"]) - {""}
    return reports


def _reports_of(halves: dict[str, str], half: str) -> set:
    return {report for report, own in halves.items() if own == half}

