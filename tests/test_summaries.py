"""summaries/latest.parquet holds each (zone, metric, kind, year)'s latest plausible fact, and the latest
value over any years read from it is the one latest.pick_latest picks from every fact, row for row."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

from loaders.contract import layouts, schema
from loaders.pipeline import summaries
from pages._shared import facts_sql, model, queries, store
from pages._shared.data import load_tables
from pages._shared.facts_sql import FactFilter
from pages._shared.latest import implausible_fact_ids, pick_latest

YEARS = (2021, 2022, 2023)
YEAR_CHOICES = ((), (2022,), (2021, 2023), (2019,))  # all; one; two apart; one without figures (undated only)


def synthetic_frames(seed: int, rows: int = 600) -> dict[str, pd.DataFrame]:
    """Facts crowded into few groups, so the rule's every step decides somewhere: zone-wide or scoped or
    with a status, several periods of a year (monthly, quarterly, whole), undated ones, equal periods
    stated twice, and some figures called implausible."""
    rng = np.random.default_rng(seed)
    zone_ids = [f"z_{number}" for number in range(4)]
    year = rng.choice([*YEARS, None], rows, p=[0.3, 0.3, 0.3, 0.1])
    facts = pd.DataFrame({
        "fact_id": [f"f_{number:05d}" for number in range(rows)],
        "doc_id": rng.choice([f"d_{number}" for number in range(6)], rows),
        "zone_id": rng.choice(zone_ids, rows),
        "metric": rng.choice(["revenue", "tax", "investment"], rows),
        "kind": rng.choice(["actual", "target", "growth"], rows, p=[0.6, 0.2, 0.2]),
        "value": rng.integers(1, 50, rows).astype(float),
        "unit": "CNY",
        "year": pd.array(year, dtype="Int64"),
        "months": rng.choice(["01-06", "01-12", "04-06", "10-12", None], rows),
        "scope": rng.choice([None, None, "工业"], rows),
        "status": rng.choice([None, None, None, "signed"], rows),
        "raw": "1亿元",
        "quote": "1亿元",
        "start": rng.integers(0, 40, rows),
        "end": 99,
    })
    facts = facts.sample(frac=1.0, random_state=seed).reset_index(drop=True)  # stated order is not id order
    flagged = facts["fact_id"].sample(60, random_state=seed).tolist()
    quality = pd.DataFrame({
        "doc_id": "d_0", "zone_id": "z_0", "start": 0, "end": 1,
        "check": ["implausible_value", "implausible_magnitude", "unplaced_number"],
        "severity": "error", "message": "m", "quality_id": ["q_1", "q_2", "q_3"], "raw": "1",
        "fact_ids": [flagged[:30], flagged[30:], facts["fact_id"].head(3).tolist()],
    })
    zones = pd.DataFrame({"zone_id": zone_ids, "name": [f"区{number}" for number in range(4)],
                          "province": ["河南省", "河南省", "浙江省", None]})
    return {"facts": facts, "quality": quality, "zones": zones}


def write_single(frames: dict[str, pd.DataFrame], folder: Path) -> Path:
    model.write_tables(frames, folder, {"layout": "single"})
    summaries.write(folder)
    return folder


def write_partitioned(frames: dict[str, pd.DataFrame], folder: Path) -> Path:
    """The frames in the partitioned layout, as the build writes it."""
    model.write_tables(frames, folder, {"layout": "partitioned"})
    zones = schema.to_arrow("zones", schema.finalize("zones", frames["zones"]))
    for name in ("facts", "quality"):
        (folder / f"{name}.parquet").unlink()
        table = schema.to_arrow(name, schema.finalize(name, frames[name]))
        layouts.write_partitioned(name, table, folder / name, layouts.provinces(zones))
    summaries.write(folder)
    return folder


def stated_facts(folder: Path) -> pd.DataFrame:
    """Every fact in the order the app calls stated: the single file's rows, or the contract's sort."""
    if (folder / "facts.parquet").exists():
        return pq.read_table(folder / "facts.parquet").to_pandas(types_mapper=schema.pandas_types)
    facts = layouts.read_table(folder, "facts")
    return facts.sort_values(["doc_id", "start", "metric", "kind", "fact_id"], kind="stable").reset_index(drop=True)


def expected_latest(facts: pd.DataFrame, quality: pd.DataFrame, years: tuple[int, ...], kinds, keys) -> pd.DataFrame:
    """pick_latest over every plausible fact of the years (undated kept) and kinds."""
    keep = ~facts["fact_id"].isin(implausible_fact_ids(quality)) & facts["kind"].isin(kinds)
    if years:
        keep &= facts["year"].isin(years) | facts["year"].isna()
    return pick_latest(facts[keep.to_numpy(dtype=bool, na_value=False)], list(keys))


def ids(frame: pd.DataFrame) -> list[str]:
    return frame["fact_id"].astype(str).tolist()


@pytest.mark.parametrize("write", [write_single, write_partitioned], ids=["single", "partitioned"])
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_latest_values_from_the_summary_equal_pick_latest_over_every_fact(tmp_path, write, seed):
    folder = write(synthetic_frames(seed), tmp_path / "tables")
    tables = load_tables(folder)
    assert store.database(tables).summaries == set(summaries.KNOWN)
    facts, quality = stated_facts(folder), tables.quality
    for years in YEAR_CHOICES:
        for kinds in (("actual",), schema.KINDS):
            wanted = FactFilter(years=years, kinds=kinds, plausible=True)
            got = facts_sql.latest(tables, wanted, summaries.LATEST_KEYS)
            expected = expected_latest(facts, quality, years, kinds, summaries.LATEST_KEYS)
            assert len(expected) > 0
            assert ids(got) == ids(expected), (years, kinds)  # the same facts, in the same stated order
            pd.testing.assert_frame_equal(got.reset_index(drop=True).astype(str),
                                          expected.reset_index(drop=True).astype(str), check_dtype=False)


@pytest.mark.parametrize("write", [write_single, write_partitioned], ids=["single", "partitioned"])
def test_zone_wide_figures_by_year_from_the_summary_equal_pick_latest(tmp_path, write):
    folder = write(synthetic_frames(4), tmp_path / "tables")
    tables = load_tables(folder)
    facts, quality = stated_facts(folder), tables.quality
    wanted = FactFilter(kinds=("actual",), metrics=("revenue",), plausible=True, conditions=("dated", "zone_wide"))
    assert facts_sql.one_per_group(wanted, ("zone_id", "year"), summaries.LATEST)  # read without ranking
    assert not facts_sql.one_per_group(replace(wanted, kinds=("actual", "target")), ("zone_id", "year"), summaries.LATEST)
    assert not facts_sql.one_per_group(wanted, ("zone_id",), summaries.LATEST)
    got = facts_sql.latest(tables, wanted, ("zone_id", "year"))
    zone_wide = facts[facts["metric"].eq("revenue") & facts["year"].notna() & facts["scope"].isna()
                      & facts["status"].isna()]
    expected = expected_latest(zone_wide, quality, (), ("actual",), ("zone_id", "year"))
    assert len(expected) > 3 and ids(got) == ids(expected)


def test_the_summary_holds_each_year_s_winner_and_nothing_implausible(tmp_path):
    folder = write_single(synthetic_frames(5), tmp_path / "tables")
    summary = pq.read_table(folder / "summaries" / "latest.parquet").to_pandas(types_mapper=schema.pandas_types)
    facts = stated_facts(folder)
    quality = model.tables_from_frames(synthetic_frames(5)).quality
    expected = expected_latest(facts, quality, (), schema.KINDS, summaries.LATEST_GRAIN)
    assert sorted(ids(summary)) == sorted(ids(expected))
    assert not set(ids(summary)) & set(implausible_fact_ids(quality))
    assert summary["position"].tolist() == [facts.index[facts["fact_id"] == fact_id][0] for fact_id in ids(summary)]
    every_year = pq.read_table(folder / "summaries" / "latest_all_years.parquet").to_pandas()
    expected_every_year = expected_latest(facts, quality, (), schema.KINDS, summaries.LATEST_KEYS)
    assert sorted(ids(every_year)) == sorted(ids(expected_every_year))
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    targets = facts["kind"].eq("target") & ~facts["fact_id"].isin(implausible_fact_ids(quality))
    assert manifest["summaries"] == {
        "latest": {"path": "summaries/latest.parquet", "rows": len(expected),
                   "keys": ["zone_id", "metric", "kind", "year"], "version": 1},
        "latest_all_years": {"path": "summaries/latest_all_years.parquet", "rows": len(expected_every_year),
                             "keys": ["zone_id", "metric", "kind"], "version": 1},
        "target_pairs": {"path": "summaries/target_pairs.parquet", "rows": int(targets.sum()),
                         "keys": ["target_fact_id"], "version": 1},
        "fact_counts": {"path": "summaries/fact_counts.parquet",
                        "rows": len(facts.drop_duplicates(list(summaries.COUNT_GRAIN))),
                        "keys": list(summaries.COUNT_GRAIN), "version": 1},
        "flag_sentences": {"path": "summaries/flag_sentences.parquet", "rows": len(quality),
                           "keys": ["quality_id"], "version": 1},
        "first_facts": {"path": "summaries/first_facts.parquet",
                        "rows": int(facts.value_counts(["metric", "year"], dropna=False)
                                    .clip(upper=summaries.FIRST_ROWS).sum()),
                        "keys": ["metric", "year"], "version": 1},
        "newest_facts": {"path": "summaries/newest_facts.parquet",
                         "rows": int(facts.loc[~facts["fact_id"].isin(implausible_fact_ids(quality))]
                                     .value_counts(["metric", "kind", "year"], dropna=False)
                                     .clip(upper=summaries.FIRST_ROWS).sum()),
                         "keys": ["metric", "kind", "year"], "version": 1},
    }


def without_summaries(folder: Path) -> Path:
    for name in summaries.KNOWN:
        (folder / "summaries" / f"{name}.parquet").unlink()
    return folder


@pytest.mark.parametrize("write", [write_single, write_partitioned], ids=["single", "partitioned"])
def test_counts_from_the_summary_equal_counting_every_fact(tmp_path, write):
    frames = synthetic_frames(10)
    with_summaries = load_tables(write(frames, tmp_path / "with"))
    facts_only = load_tables(without_summaries(write(frames, tmp_path / "without")))
    filters = [FactFilter(), FactFilter(plausible=True), FactFilter(zone_ids=("z_0", "z_2"), years=(2022,)),
               FactFilter(years=(2019,), plausible=True), FactFilter(kinds=("target",), metrics=("tax", "revenue")),
               FactFilter(scopes=(facts_sql.NO_SCOPE,), conditions=("dated",)),
               FactFilter(scopes=("工业",), plausible=True), FactFilter(conditions=("has_status",), plausible=True),
               FactFilter(conditions=("zone_wide",), kinds=("actual",), plausible=True)]
    for wanted in filters:
        assert facts_sql._counted(with_summaries, wanted) and not facts_sql._counted(facts_only, wanted)
        assert facts_sql.count(with_summaries, wanted) == facts_sql.count(facts_only, wanted) > 0, wanted
        assert facts_sql.implausible_count(with_summaries, wanted) == facts_sql.implausible_count(facts_only, wanted)
        for by in (("metric", "kind"), ("zone_id",), ("scope",), ("year",), ("status", "zone_id")):
            pd.testing.assert_frame_equal(facts_sql.counts(with_summaries, wanted, by),
                                          facts_sql.counts(facts_only, wanted, by), obj=str((wanted, by)))
    for wanted in (FactFilter(), FactFilter(zone_ids=("z_1",), years=(2021, 2023), metrics=("tax", "revenue"))):
        got, expected = (facts_sql.coverage_counts(tables, wanted).sort_values(["zone_id", "metric"])
                         .reset_index(drop=True) for tables in (with_summaries, facts_only))
        pd.testing.assert_frame_equal(got, expected, obj=str(wanted))
        assert expected["flags"].sum() > 0
    assert facts_sql.implausible_count(with_summaries, FactFilter()) > 0
    assert not facts_sql._counted(with_summaries, FactFilter(search="亿元"))


@pytest.mark.parametrize("write", [write_single, write_partitioned], ids=["single", "partitioned"])
def test_target_pairs_from_the_summary_equal_pairing_every_fact(tmp_path, write):
    frames = synthetic_frames(9)
    with_summaries = load_tables(write(frames, tmp_path / "with"))
    facts_only = load_tables(without_summaries(write(frames, tmp_path / "without")))
    assert summaries.TARGET_PAIRS in store.database(with_summaries).summaries
    assert not store.database(facts_only).summaries
    for zone_ids in ((), ("z_1", "z_3")):
        for years in YEAR_CHOICES:
            wanted = FactFilter(zone_ids=zone_ids, years=years, plausible=True)
            assert facts_sql._pairs_summarised(store.database(with_summaries), wanted)
            counted, shown = facts_sql.pairs_overview(with_summaries, wanted, 25)
            expected_counts, expected_shown = facts_sql.pairs_overview(facts_only, wanted, 25)
            assert counted == expected_counts and counted["targets"] > 0, (zone_ids, years)
            assert ids(shown) == ids(expected_shown), (zone_ids, years)
    assert not facts_sql._pairs_summarised(store.database(with_summaries),
                                           FactFilter(plausible=True, kinds=("target",)))


@pytest.mark.parametrize("write", [write_single, write_partitioned], ids=["single", "partitioned"])
def test_newest_facts_first_read_from_the_latest_years_equal_sorting_every_fact(tmp_path, write):
    frames = synthetic_frames(12)
    with_summaries = load_tables(write(frames, tmp_path / "with"))
    facts_only = load_tables(without_summaries(write(frames, tmp_path / "without")))
    filters = [FactFilter(kinds=("growth",), metrics=("revenue",), plausible=True), FactFilter(),
               FactFilter(zone_ids=("z_1", "z_3"), years=(2021, 2022)), FactFilter(years=(2019,), plausible=True)]
    for wanted in filters:
        for limit in (1, 7, 60, 250, 10_000):
            got = facts_sql.rows(with_summaries, wanted, limit=limit, newest_first=True)
            expected = facts_sql.rows(facts_only, wanted, limit=limit, newest_first=True)
            assert len(expected) > 0 and ids(got) == ids(expected), (wanted, limit)
    narrowed = facts_sql._newest_years(with_summaries, FactFilter(), 7)
    partitioned = store.database(with_summaries).partitioned
    assert narrowed == (FactFilter(years=(2023,)) if partitioned else FactFilter())  # the latest year holds 7
    assert facts_sql._newest_years(with_summaries, FactFilter(search="亿"), 7) == FactFilter(search="亿")


@pytest.mark.parametrize("write", [write_single, write_partitioned], ids=["single", "partitioned"])
def test_first_facts_of_metrics_from_the_summary_equal_sorting_every_fact(tmp_path, write):
    frames = synthetic_frames(13, rows=9000)  # ~900 facts a metric and year: more than the summary keeps
    facts = frames["facts"]
    facts.loc[facts.index[::7], "start"] = None  # a missing offset sorts last
    undated = facts.index[facts["year"].isna()]
    facts.loc[undated[60:], "year"] = 2021  # few undated: one year's first rows come from that year alone
    assert facts.value_counts(["metric", "year"]).min() > summaries.FIRST_ROWS
    with_summaries = load_tables(write(frames, tmp_path / "with"))
    facts_only = load_tables(without_summaries(write(frames, tmp_path / "without")))
    database = store.database(with_summaries)
    for metrics in (("revenue",), ("tax", "investment"), ("revenue", "tax", "investment")):
        for years in YEAR_CHOICES:
            for limit in (1, 7, summaries.FIRST_ROWS):
                wanted = FactFilter(metrics=metrics, years=years)
                assert facts_sql._first_rows_summary(database, wanted, limit, False)
                got = facts_sql.rows(with_summaries, wanted, limit=limit)
                expected = facts_sql.rows(facts_only, wanted, limit=limit)
                assert len(expected) > 0 and ids(got) == ids(expected), (metrics, years, limit)
                pd.testing.assert_frame_equal(got, expected)
    assert len(facts_sql.rows(facts_only, FactFilter(metrics=("revenue",)), limit=summaries.FIRST_ROWS)) == 500
    for wanted, limit in ((FactFilter(metrics=("revenue",)), summaries.FIRST_ROWS + 1), (FactFilter(), 10),
                          (FactFilter(metrics=("revenue",), kinds=("actual",)), 10),
                          (FactFilter(metrics=("revenue",), zone_ids=("z_1",)), 10)):
        assert not facts_sql._first_rows_summary(database, wanted, limit, False)


@pytest.mark.parametrize("write", [write_single, write_partitioned], ids=["single", "partitioned"])
def test_newest_facts_of_metrics_and_kinds_from_the_summary_equal_sorting_every_fact(tmp_path, write):
    frames = synthetic_frames(14, rows=9000)  # ~540 actuals a metric and year: more than the summary keeps
    frames["facts"].loc[frames["facts"].index[::7], "start"] = None
    assert frames["facts"].value_counts(["metric", "kind", "year"]).max() > summaries.FIRST_ROWS
    with_summaries = load_tables(write(frames, tmp_path / "with"))
    facts_only = load_tables(without_summaries(write(frames, tmp_path / "without")))
    database = store.database(with_summaries)
    for metrics, kinds in ((("revenue",), ("actual",)), (("tax", "investment"), ("growth", "target")),
                           (("revenue", "tax"), schema.KINDS)):
        for years in YEAR_CHOICES:
            for limit in (1, 60, summaries.FIRST_ROWS):
                wanted = FactFilter(metrics=metrics, kinds=kinds, years=years, plausible=True)
                assert facts_sql._first_rows_summary(database, wanted, limit, True) == summaries.NEWEST_FACTS
                got = facts_sql.rows(with_summaries, wanted, limit=limit, newest_first=True)
                expected = facts_sql.rows(facts_only, wanted, limit=limit, newest_first=True)
                assert len(expected) > 0 and ids(got) == ids(expected), (metrics, kinds, years, limit)
                pd.testing.assert_frame_equal(got, expected)
    every_year = FactFilter(metrics=("revenue",), kinds=("actual",), plausible=True)
    assert len(facts_sql.rows(facts_only, every_year, limit=summaries.FIRST_ROWS, newest_first=True)) == 500
    for wanted, limit in ((FactFilter(metrics=("revenue",), kinds=("actual",)), 10),
                          (FactFilter(metrics=("revenue",), kinds=("actual",), plausible=True), summaries.FIRST_ROWS + 1),
                          (FactFilter(metrics=("revenue",), plausible=True), 10),
                          (FactFilter(metrics=("revenue",), kinds=("actual",), plausible=True, zone_ids=("z_1",)), 10)):
        assert facts_sql._first_rows_summary(database, wanted, limit, True) is None


def frames_with_texts() -> dict[str, pd.DataFrame]:
    """synthetic_frames(11) with report texts, and flags on a sentence's edges, across a line break, at a
    text's end, without a span, in a report without a text row, and in a report with an empty text."""
    frames = synthetic_frames(11)
    texts = {"d_0": "开头一句。其中亿元项目10个，完成投资19.65亿元；另有\n下一行！", "d_1": "无标点的一整段文字",
             "d_2": "", "d_3": "甲。乙？丙!丁"}
    frames["documents"] = pd.DataFrame({"doc_id": list(texts), "text": list(texts.values()),
                                        "title": [f"报告{number}" for number in range(len(texts))]})
    spans = [("d_0", 0, 2), ("d_0", 7, 14), ("d_0", 20, 26), ("d_0", 30, 32), ("d_1", 3, 5), ("d_2", 0, 0),
             ("d_3", 2, 3), ("d_3", 6, 7), ("d_3", None, 3), ("d_5", 0, 2)]
    frames["quality"] = pd.DataFrame({
        "doc_id": [doc_id for doc_id, _, _ in spans], "zone_id": ["z_0", "z_1", None, "z_2", "z_3"] * 2,
        "start": pd.array([start for _, start, _ in spans], dtype="Int64"),
        "end": pd.array([end for _, _, end in spans], dtype="Int64"),
        "check": ["implausible_value", "unplaced_number"] * 5, "severity": ["error", "warning", "info", "error", "info"] * 2,
        "message": "m", "quality_id": [f"q_{number:02d}" for number in range(len(spans))], "raw": "1",
        "fact_ids": [[frames["facts"]["fact_id"].iloc[number]] for number in range(len(spans))],
    })
    return frames


@pytest.mark.parametrize("write", [write_single, write_partitioned], ids=["single", "partitioned"])
def test_flag_sentences_from_the_summary_equal_cutting_them_from_the_report_texts(tmp_path, write):
    frames = frames_with_texts()
    with_summaries = load_tables(write(frames, tmp_path / "with"))
    facts_only = load_tables(without_summaries(write(frames, tmp_path / "without")))
    assert summaries.FLAG_SENTENCES in store.database(with_summaries).summaries
    for selection in (model.Selection(), model.Selection(zone_ids=("z_0", "z_3"))):
        for limit in (None, 3):
            got = queries.quality_flags(with_summaries, selection, limit)
            expected = queries.quality_flags(facts_only, selection, limit)
            pd.testing.assert_frame_equal(got, expected, obj=str((selection, limit)))
    every_flag = queries.quality_flags(with_summaries, model.Selection())
    sentences = dict(zip(every_flag["quality_id"], every_flag["sentence"], strict=True))
    assert sentences["q_01"] == "其中亿元项目10个，完成投资19.65亿元；另有"  # a semicolon ends no sentence
    assert sentences["q_03"] == "下一行！" and sentences["q_04"] == "无标点的一整段文字"
    assert sentences["q_05"] == "" and sentences["q_07"] == "丁"
    assert pd.isna(sentences["q_08"]) and pd.isna(sentences["q_09"])  # no span; no report text


def test_a_report_without_stops_gives_each_flag_a_bounded_quote(tmp_path):
    """One endless sentence (a PDF without stops, a hostile file) quotes REACH characters either side of a flag,
    not the whole report for every flag (the build once held a 5 MB text per flag)."""
    from loaders.quality.sentences import REACH

    frames = frames_with_texts()
    endless = "无标点的一整段文字" * 20_000
    frames["documents"].loc[frames["documents"]["doc_id"] == "d_1", "text"] = endless
    tables = load_tables(write_single(frames, tmp_path / "tables"))
    assert summaries.FLAG_SENTENCES in store.database(tables).summaries
    sentences = dict(zip(*(queries.quality_flags(tables, model.Selection())[column] for column in ("quality_id", "sentence")),
                         strict=True))
    assert len(sentences["q_04"]) < 1_000  # a quote a reader can read, from a text of 180,000 characters
    assert sentences["q_04"] == endless[: 5 + REACH]  # the flag spans 3–5: from the text's start to REACH after it
    assert sentences["q_01"] == "其中亿元项目10个，完成投资19.65亿元；另有"  # the other reports' flags as before


@pytest.mark.parametrize(("years", "conditions", "summary"), [
    ((), (), "latest_all_years"), ((2022,), (), "latest"), ((), ("dated",), "latest"),
    ((), ("zone_wide",), "latest_all_years"), ((), ("has_status",), None),
])
def test_each_query_reads_the_smallest_summary_that_answers_it(tmp_path, years, conditions, summary):
    tables = load_tables(write_single(synthetic_frames(8), tmp_path / "tables"))
    wanted = FactFilter(years=years, plausible=True, conditions=conditions)
    assert facts_sql._summary(store.database(tables), wanted, summaries.LATEST_KEYS, False) == summary
    assert facts_sql._summary(store.database(tables), wanted, ("zone_id", "year"), False) == (
        None if summary is None else "latest")
    assert facts_sql._summary(store.database(tables), replace(wanted, plausible=False), ("zone_id",), False) is None


def test_the_sample_build_writes_the_summary_and_its_latest_values_equal_pick_latest(sample_tables):
    tables = load_tables(sample_tables)
    assert store.database(tables).summaries == set(summaries.KNOWN)
    facts, quality = stated_facts(sample_tables), tables.quality
    zones = tables.zones["zone_id"].astype(str).tolist()
    years = sorted(int(year) for year in facts["year"].dropna().unique())
    for chosen_years in ((), tuple(years[-1:]), tuple(years[:2])):
        for zone_ids in ((), tuple(zones[:2])):
            wanted = FactFilter(zone_ids=zone_ids, years=chosen_years, kinds=schema.KINDS, plausible=True)
            got = facts_sql.latest(tables, wanted, summaries.LATEST_KEYS)
            in_zones = facts[facts["zone_id"].isin(zone_ids)] if zone_ids else facts
            expected = expected_latest(in_zones, quality, chosen_years, schema.KINDS, summaries.LATEST_KEYS)
            assert len(expected) > 0 and ids(got) == ids(expected), (chosen_years, zone_ids)


def test_tables_without_summaries_compute_latest_values_from_the_facts(tmp_path):
    frames = synthetic_frames(6)
    folder = model.write_tables(frames, tmp_path / "tables", {})  # an older build: no summaries listed
    tables = load_tables(folder)
    assert store.database(tables).summaries == frozenset()
    wanted = FactFilter(years=(2022,), kinds=("actual",), plausible=True)
    expected = expected_latest(stated_facts(folder), tables.quality, (2022,), ("actual",), summaries.LATEST_KEYS)
    assert ids(facts_sql.latest(tables, wanted, summaries.LATEST_KEYS)) == ids(expected)


def test_a_summary_the_manifest_does_not_list_or_of_another_version_is_not_read(tmp_path):
    folder = write_single(synthetic_frames(7), tmp_path / "tables")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert set(summaries.present(folder)) == set(summaries.KNOWN)
    older = {name: {**entry, "version": 0} for name, entry in manifest["summaries"].items()}
    (folder / "manifest.json").write_text(json.dumps({**manifest, "summaries": older}), encoding="utf-8")
    assert summaries.present(folder) == {}  # another version's shape: the facts are read instead
    del manifest["summaries"]
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    assert summaries.present(folder) == {}
