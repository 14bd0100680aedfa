"""What each zone reports, metric by metric, and what a careful reader flagged."""

from __future__ import annotations

import pandas as pd

from loaders.contract.schema import SEVERITIES
from loaders.quality.sentences import flagged_sentence, sentence_bounds  # noqa: F401  (tests import it from here)

from .latest import implausible_fact_ids, pick_latest

# Cell states, in the order a legend lists them; a flag wins over everything else.
STATES = ("reported", "target_only", "flagged", "not_reported")
SEVERITY_ORDER = tuple(reversed(SEVERITIES))  # error first
CELL_COLUMNS = [
    "zone_id",
    "metric",
    "state",
    "value",
    "unit",
    "year",
    "months",
    "scope",
    "fact_id",
    "facts",
    "flags",
]
SHOWN_COLUMNS = ("zone_id", "metric", "value", "unit", "year", "months", "scope", "fact_id")  # a cell's latest actual
FACT_COLUMNS = ["zone_id", "metric", "kind", "fact_id", "value", "unit", "year", "months", "scope", "status", "start"]


def flagged_fact_ids(quality: pd.DataFrame) -> pd.Series:
    """Every fact id a quality row points at, once per (quality row, fact)."""
    if quality.empty or "fact_ids" not in quality:
        return pd.Series([], dtype="string")
    exploded = quality["fact_ids"].explode().dropna()
    return exploded.astype("string").drop_duplicates().reset_index(drop=True)


def coverage_cells(
    zones: pd.DataFrame, facts: pd.DataFrame, quality: pd.DataFrame, metrics: list[str]
) -> pd.DataFrame:
    """One row per zone × metric: reported / target_only / flagged / not_reported, with the latest actual."""
    cells = coverage_grid(zones, metrics)
    if cells.empty:
        return pd.DataFrame(columns=CELL_COLUMNS)
    wanted = (facts["metric"].isin(metrics) & facts["zone_id"].isin(zones["zone_id"])).to_numpy(
        dtype=bool, na_value=False
    )
    relevant = facts.loc[wanted, FACT_COLUMNS]  # only what a cell reads: no quotes copied
    kinds = relevant.groupby(["zone_id", "metric", "kind"], observed=True).size().unstack(fill_value=0)
    kinds = kinds.reindex(columns=["actual", "target", "growth"], fill_value=0)
    counts = relevant.groupby(["zone_id", "metric"], observed=True).size().rename("facts")
    flagged = relevant[relevant["fact_id"].isin(flagged_fact_ids(quality))]
    flags = flagged.groupby(["zone_id", "metric"], observed=True).size().rename("flags")
    # A cell shows what every page shows: the latest comparable actual (a flag marks the cell, not its value).
    shown = _latest_actual(relevant[~relevant["fact_id"].isin(implausible_fact_ids(quality))])
    return cells_from_counts(cells, [kinds, counts, flags], shown)


def coverage_grid(zones: pd.DataFrame, metrics: list[str]) -> pd.DataFrame:
    """zone_id, metric: every zone (in the zones' order) with every metric (in the order given)."""
    grid = pd.MultiIndex.from_product([zones["zone_id"].tolist(), metrics], names=["zone_id", "metric"])
    return pd.DataFrame(index=grid).reset_index()


def cells_from_counts(cells: pd.DataFrame, counts: list, shown: pd.DataFrame) -> pd.DataFrame:
    """The zone x metric grid joined with its counts (indexed by zone_id, metric: actual, target, growth,
    facts, flags) and the latest actual each cell shows; the cell's state follows from them."""
    for part in [*counts, shown.set_index(["zone_id", "metric"])]:
        cells = cells.join(part, on=["zone_id", "metric"])
    for column in ("actual", "target", "growth", "facts", "flags"):
        cells[column] = cells[column].fillna(0).astype(int)
    state = pd.Series("not_reported", index=cells.index, dtype="string")
    state[cells["target"] > 0] = "target_only"
    state[cells["actual"] > 0] = "reported"
    state[cells["flags"] > 0] = "flagged"
    cells["state"] = state
    return cells[CELL_COLUMNS]


def _latest_actual(facts: pd.DataFrame) -> pd.DataFrame:
    """Per zone and metric, the actual a cell shows: latest.pick_latest, the rule of every page."""
    actual = facts[(facts["kind"] == "actual").to_numpy(dtype=bool, na_value=False)]
    best = pick_latest(actual, ["zone_id", "metric"])
    return best[list(SHOWN_COLUMNS)]


def coverage_summary(cells: pd.DataFrame) -> pd.DataFrame:
    """Cells per state and metric: how many zones report each metric."""
    summary = cells.groupby(["metric", "state"], observed=True).size().unstack(fill_value=0)
    return summary.reindex(columns=list(STATES), fill_value=0).astype(int)


def flags_in_order(quality: pd.DataFrame) -> pd.DataFrame:
    """Quality rows by severity (errors first), then zone, report and place in the text."""
    flags = quality.assign(
        severity_rank=pd.Categorical(quality["severity"], categories=SEVERITY_ORDER, ordered=True)
    )
    flags = flags.sort_values(["severity_rank", "zone_id", "doc_id", "start"], kind="stable")
    return flags.drop(columns="severity_rank").reset_index(drop=True)


def flags_with_sentences(quality: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Quality rows by severity (errors first), each with the sentence it points at (documents: doc_id, text)."""
    if quality.empty:
        return quality.assign(sentence=pd.Series([], dtype="string"))
    quality = flags_in_order(quality)
    texts = documents.set_index("doc_id")["text"].to_dict()
    sentences = [
        flagged_sentence(texts.get(doc_id), None if pd.isna(start) else int(start), None if pd.isna(end) else int(end))
        for doc_id, start, end in zip(quality["doc_id"], quality["start"], quality["end"], strict=True)
    ]
    return quality.assign(sentence=pd.array(sentences, dtype="string"))


def severity_counts(quality: pd.DataFrame) -> dict[str, int]:
    """Number of flags per severity, errors first, zeros kept."""
    counts = quality["severity"].value_counts() if not quality.empty else pd.Series(dtype=int)
    return {severity: int(counts.get(severity, 0)) for severity in SEVERITY_ORDER}
