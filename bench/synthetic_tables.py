"""A synthetic contract table set of N facts (zones × years × series), built vectorised; and, for the scale
benchmark, N facts of a country's zones in both table layouts, written a batch at a time."""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from loaders.contract import layouts, schema
from loaders.pipeline import summaries
from pages._shared.model import write_tables

YEARS = 10
FIRST_YEAR = 2016
PROVINCES = (("河南省", "郑州市"), ("河南省", "安阳市"), ("浙江省", "台州市"), ("江苏省", "苏州市"), ("山东省", "潍坊市"))
SYLLABLES = np.array(list("安宁平远康泰和兴华瑞丰祥永昌福德宝鑫盛阳明清河山川林海云天长江南北东西新民光荣嘉禾富源金银玉龙凤鹤"))
UNIT_WORDS = {"CNY": "亿元", "count": "家", "km2": "平方公里", "person": "人", "%": "%"}
KIND_WORDS = {"actual": "", "target": "目标", "growth": "增长"}


def series() -> pd.DataFrame:
    """20 (metric, kind) series from the metric vocabulary: 12 actual, 5 target, 3 growth."""
    metrics = schema.metrics()
    rows = [(m, "actual") for m in metrics["metric"][:12]]
    rows += [(m, "target") for m in ("investment", "revenue", "tax", "enterprises", "projects")]
    rows += [(m, "growth") for m in ("investment", "revenue", "tax")]
    frame = pd.DataFrame(rows, columns=["metric", "kind"]).merge(metrics[["metric", "label_zh", "unit"]], on="metric")
    frame.loc[frame["kind"] == "growth", "unit"] = "%"
    return frame


def _zone_names(count: int, rng: np.random.Generator) -> np.ndarray:
    """Unique three-syllable names (four syllables when three do not give enough)."""
    k = len(SYLLABLES)
    width = 3 if count <= k**3 // 2 else 4
    codes = rng.choice(k**width, size=count, replace=False)
    stems = SYLLABLES[codes % k]
    for _ in range(width - 1):
        codes //= k
        stems = np.char.add(stems, SYLLABLES[codes % k])
    return np.char.add(stems, "县产业集聚区")


def make(out_dir: Path, facts_target: int = 1_000_000, seed: int = 0) -> dict:
    """Write documents/zones/facts/projects/infrastructure/quality + manifest.json into out_dir."""
    rng = np.random.default_rng(seed)
    kinds = series()
    per_zone = YEARS * len(kinds)
    n_zones = max(1, round(facts_target / per_zone))
    names = _zone_names(n_zones, rng)
    zone_ids = np.array([schema.zone_id_for(name) for name in names])  # one hash per zone, not per fact
    doc_ids = np.char.add("d_", np.char.zfill(np.arange(n_zones).astype(str), 12))

    # facts: zone-major, then year, then series
    n = n_zones * per_zone
    zone_ix = np.repeat(np.arange(n_zones), per_zone)
    year = FIRST_YEAR + np.tile(np.repeat(np.arange(YEARS), len(kinds)), n_zones)
    series_ix = np.tile(np.arange(len(kinds)), n_zones * YEARS)
    unit = kinds["unit"].to_numpy().astype(str)[series_ix]
    value = np.where(unit == "%", rng.uniform(-10, 30, n).round(1), rng.uniform(1, 500, n).round(2))
    is_count = np.isin(unit, ["count", "person"])
    value = np.where(is_count, np.ceil(value), value)
    shown = np.where(is_count, value.astype(np.int64).astype(str), np.char.mod("%.2f", value))
    raw = np.char.add(shown, pd.Series(unit).map(UNIT_WORDS).to_numpy().astype(str))
    value = np.where(unit == "CNY", value * 1e8, value)
    prefix = np.char.add(
        np.char.add(year.astype(str), "年"),
        np.char.add(kinds["label_zh"].to_numpy().astype(str)[series_ix], pd.Series(kinds["kind"]).map(KIND_WORDS).to_numpy().astype(str)[series_ix]),
    )
    segment = np.char.add(np.char.add(prefix, raw), "；")
    seg_len = np.char.str_len(segment)
    heading = np.char.add(names, "发展报告\n")
    head_len = np.char.str_len(heading)
    # offset of each segment in its zone's document text
    ends = np.cumsum(seg_len)
    zone_first = np.arange(n_zones) * per_zone
    before_zone = np.concatenate([[0], ends[zone_first[1:] - 1]])
    seg_start = ends - seg_len - before_zone[zone_ix] + head_len[zone_ix]
    start = seg_start + np.char.str_len(prefix)
    end = start + np.char.str_len(raw)
    kind = kinds["kind"].to_numpy()[series_ix]
    facts = pd.DataFrame(
        {
            "fact_id": np.char.add("f_", np.char.zfill(np.arange(n).astype(str), 12)),
            "doc_id": doc_ids[zone_ix],
            "zone_id": zone_ids[zone_ix],
            "metric": kinds["metric"].to_numpy()[series_ix],
            "kind": kind,
            "value": value,
            "unit": unit,
            "year": year,
            "months": None,
            "cumulative": False,
            "scope": None,
            "status": None,
            "basis": np.where(kind == "growth", "yoy", None),
            "raw": raw,
            "quote": segment,
            "start": start,
            "end": end,
            "approximate": False,
            "quote_start": seg_start,
            "quote_end": seg_start + seg_len,
            "year_resolved": year,
            "wording": kinds["label_zh"].to_numpy().astype(str)[series_ix],
        }
    )

    # one document per zone: heading, the facts' sentences, one project and one road sentence
    bodies = pd.Series(segment).groupby(zone_ix).agg("".join).to_numpy().astype(str)
    fact_part = np.char.add(heading, bodies)
    project_name = np.char.add(names, "新材料项目")
    road_name = np.char.add(names, "大道")
    project_at = np.char.str_len(fact_part) + len("\n重点项目")
    road_at = project_at + np.char.str_len(project_name) + len("在建；基础设施")
    texts = np.char.add(
        np.char.add(np.char.add(np.char.add(fact_part, "\n重点项目"), project_name), "在建；基础设施"),
        np.char.add(road_name, "建成。\n"),
    )
    province = np.array([p for p, _ in PROVINCES])[np.arange(n_zones) % len(PROVINCES)]
    city = np.array([c for _, c in PROVINCES])[np.arange(n_zones) % len(PROVINCES)]
    documents = pd.DataFrame(
        {
            "doc_id": doc_ids,
            "source_file": np.char.add(np.char.add("synthetic/zone_", np.char.zfill(np.arange(n_zones).astype(str), 5)), ".txt"),
            "part": 1,
            "title": np.char.add(names, "发展报告"),
            "doc_type": "annual_report",
            "issuer": np.char.add(names, "管委会"),
            "doc_date": date(FIRST_YEAR + YEARS, 1, 15),
            "text": texts,
            "encoding": "utf-8",
            "converted_from_traditional": False,
            "chars": np.char.str_len(texts),
        }
    )
    zones = pd.DataFrame(
        {
            "zone_id": zone_ids,
            "name": names,
            "aliases": [[] for _ in range(n_zones)],
            "province": province,
            "city": city,
            "county": np.char.add(names.astype("U3").astype(str), "县"),
            "anonymized": False,
            "leading_industries": [["食品加工", "装备制造"] for _ in range(n_zones)],
            "doc_ids": [[d] for d in doc_ids],
        }
    )
    zone_text_len = np.char.str_len(project_name)
    projects = pd.DataFrame(
        {
            "project_id": np.char.add("p_", doc_ids),
            "doc_id": doc_ids,
            "zone_id": zone_ids,
            "name": project_name,
            "status": "under_construction",
            "investment": rng.uniform(1, 50, n_zones).round(2) * 1e8,
            "quote": np.char.add(project_name, "在建"),
            "start": project_at,
            "end": project_at + zone_text_len,
            "raw": project_name,
            "quote_start": project_at,
            "quote_end": project_at + zone_text_len + 2,
        }
    )
    road_len = np.char.str_len(road_name)
    infrastructure = pd.DataFrame(
        {
            "item_id": np.char.add("i_", doc_ids),
            "doc_id": doc_ids,
            "zone_id": zone_ids,
            "category": "road",
            "name": road_name,
            "quantity": rng.uniform(1, 20, n_zones).round(1),
            "unit": "km",
            "status": "completed",
            "investment": None,
            "quote": np.char.add(road_name, "建成"),
            "start": road_at,
            "end": road_at + road_len,
            "raw": road_name,
            "quote_start": road_at,
            "quote_end": road_at + road_len + 2,
        }
    )
    first = zone_first  # the zone's first fact
    quality = pd.DataFrame(
        {
            "doc_id": doc_ids,
            "zone_id": zone_ids,
            "start": start[first],
            "end": end[first],
            "check": "unplaced_number",
            "severity": "info",
            "message": np.char.add(raw[first], " 合成数据的提示（synthetic flag）"),
            "quality_id": np.char.add("q_", doc_ids),
            "raw": raw[first],
            "fact_ids": [[f] for f in facts["fact_id"].to_numpy()[first]],
        }
    )
    frames = {
        "documents": documents,
        "zones": zones,
        "facts": facts,
        "projects": projects,
        "infrastructure": infrastructure,
        "quality": quality,
    }
    counts = {name: len(frame) for name, frame in frames.items()}
    write_tables(frames, out_dir, synthetic_manifest(counts, f"synthetic: {n_zones} zones × {YEARS} years × {len(kinds)} series"))
    summaries.write(out_dir)  # as a build writes them
    return counts


def synthetic_manifest(counts: dict, note: str, **layout) -> dict:
    """A build manifest for generated tables (no inputs); `layout` adds the layout and its partitions."""
    return {
        "built_at": datetime.now(UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        "loader_version": "synthetic",
        "reports_dir": "synthetic",
        "inputs": [],
        "tables": counts,
        "skipped": [],
        "notes": [note],
        **layout,
    }


# --- country scale: facts only, in both layouts, written a batch at a time -------------------------

COUNTRY_PROVINCES = tuple(
    "北京市 天津市 河北省 山西省 内蒙古自治区 辽宁省 吉林省 黑龙江省 上海市 江苏省 浙江省 安徽省 福建省 江西省 山东省 河南省 "
    "湖北省 湖南省 广东省 广西壮族自治区 海南省 重庆市 四川省 贵州省 云南省 西藏自治区 陕西省 甘肃省 青海省 宁夏回族自治区 "
    "新疆维吾尔自治区".split()
)
# a year's reports: 11 monthly cumulative (1-N月), 3 quarters on their own, the annual report (months null)
PERIODS = (*(f"01-{month:02d}" for month in range(1, 12)), "04-06", "07-09", "10-12", None)
SINGLE_BATCH_ZONES = 300  # zones per row group of the single file (~1M facts, pyarrow's default row group)


def scale_zones(facts_target: int, seed: int = 0) -> pa.Table:
    """Zones enough for facts_target facts (every series, period and year each), spread over the provinces in blocks."""
    per_zone = YEARS * len(PERIODS) * len(series())
    count = max(len(COUNTRY_PROVINCES), round(facts_target / per_zone))
    names = _zone_names(count, np.random.default_rng(seed))
    province = np.array(COUNTRY_PROVINCES)[np.arange(count) * len(COUNTRY_PROVINCES) // count]
    return pa.table({
        "zone_id": [schema.zone_id_for(name) for name in names],
        "name": names.tolist(),
        "province": province.tolist(),
    })


def scale_facts(zone_ix: np.ndarray, zone_ids: np.ndarray, doc_rank: np.ndarray) -> pa.Table:
    """The facts of the given zones (positions in scale_zones) in the contract's schema, vectorised in arrow.

    doc_rank orders each zone's documents: doc ids grow with it, as a build's hash ids order its single file."""
    kinds = _series_once()
    n_series, n_periods = len(kinds), len(PERIODS)
    per_zone = YEARS * n_periods * n_series
    local = np.tile(np.arange(per_zone), len(zone_ix))
    zone = np.repeat(zone_ix, per_zone)
    series_ix, period_ix, year_ix = local % n_series, (local // n_series) % n_periods, local // (n_series * n_periods)
    document = np.repeat(doc_rank, per_zone) * YEARS * n_periods + year_ix * n_periods + period_ix
    value = ((zone * 7919 + series_ix * 104_729 + year_ix * 613 + period_ix * 17) % 50_000) / 100 + 1
    units = kinds["unit"].to_numpy().astype(str)
    value = np.where((units == "%")[series_ix], value % 40 - 10, value)
    unit_words = [UNIT_WORDS[unit] for unit in units]
    raw = pc.binary_join_element_wise(pc.cast(pa.array(value), pa.string()), _pick(unit_words, series_ix), "")
    value = np.where((units == "CNY")[series_ix], value * 1e8, value)
    start = series_ix * 24 + 8
    end = start + pc.utf8_length(raw).to_numpy()
    year = FIRST_YEAR + year_ix
    months = _pick(PERIODS, period_ix)
    kinds_list = kinds["kind"].tolist()
    columns = {
        "fact_id": _ids("f_", zone * per_zone + local),
        "doc_id": _ids("d_", document),
        "zone_id": _pick(zone_ids, zone),
        "metric": _pick(kinds["metric"].tolist(), series_ix),
        "kind": _pick(kinds_list, series_ix),
        "value": value,
        "unit": _pick(units, series_ix),
        "year": year,
        "months": months,
        "cumulative": pc.starts_with(pc.fill_null(months, ""), "01-"),
        "basis": _pick(["yoy" if kind == "growth" else None for kind in kinds_list], series_ix),
        "raw": raw,
        "quote": raw,
        "start": start,
        "end": end,
        "approximate": np.zeros(len(local), dtype=bool),
        "quote_start": start,
        "quote_end": end,
        "year_resolved": year,
        "wording": _pick(kinds["label_zh"].tolist(), series_ix),
    }
    spec = schema.TABLES["facts"]
    arrays = [columns.get(name, pa.nulls(len(local), kind)) for name, kind in spec.columns]
    return pa.Table.from_arrays([pa.array(array, kind) if isinstance(array, np.ndarray) else array for array, (_, kind)
                                 in zip(arrays, spec.columns, strict=True)], schema=spec.arrow_schema)


@functools.cache
def _series_once() -> pd.DataFrame:
    return series()


def _pick(values, positions: np.ndarray) -> pa.Array:
    """values[positions] as an arrow string array, without a Python object per row."""
    return pc.take(pa.array(list(values), pa.string()), pa.array(positions))


def _ids(prefix: str, numbers: np.ndarray) -> pa.Array:
    return pc.binary_join_element_wise(prefix, pc.utf8_lpad(pc.cast(pa.array(numbers), pa.string()), 12, "0"), "")


def write_scale_facts(out_dir: Path, facts_target: int, seed: int = 0) -> dict:
    """out_dir/single/facts.parquet (row groups in doc id order, as a build writes it) and
    out_dir/partitioned/facts/ (loaders.contract.layouts), each with zones.parquet; one province or one
    row group in memory at a time."""
    zones = scale_zones(facts_target, seed)
    zone_ids = np.array(zones["zone_id"].to_pylist())
    provinces = layouts.provinces(zones)
    doc_rank = np.random.default_rng(seed).permutation(len(zone_ids))  # hash ids: documents in no zone order
    metadata = schema.to_arrow("facts", schema.empty("facts")).schema.metadata
    facts = 0
    for layout in ("single", "partitioned"):
        (out_dir / layout).mkdir(parents=True, exist_ok=True)
        pq.write_table(zones, out_dir / layout / "zones.parquet")
    province_of = np.array(zones["province"].to_pylist())
    for part, province in enumerate(COUNTRY_PROVINCES):
        zone_ix = np.flatnonzero(province_of == province)
        keyed = layouts.partition_keys("facts", scale_facts(zone_ix, zone_ids, doc_rank[zone_ix]), provinces)
        order = [*layouts.PARTITION_KEYS["facts"], *layouts.FILE_ORDER["facts"]]
        keyed = keyed.sort_by([(column, "ascending") for column in order]).replace_schema_metadata(metadata)
        layouts.write_keyed(keyed, out_dir / "partitioned" / "facts", layouts.PARTITION_KEYS["facts"], part)
        facts += keyed.num_rows
    by_document = np.argsort(doc_rank)
    with pq.ParquetWriter(out_dir / "single" / "facts.parquet", schema.TABLES["facts"].arrow_schema) as writer:
        for first in range(0, len(by_document), SINGLE_BATCH_ZONES):
            zone_ix = by_document[first : first + SINGLE_BATCH_ZONES]
            batch = scale_facts(zone_ix, zone_ids, doc_rank[zone_ix])
            writer.write_table(batch.sort_by([(column, "ascending") for column in schema.TABLES["facts"].sort]))
    return {"zones": zones.num_rows, "facts": facts}
