"""A complete tables folder of N facts in the partitioned layout: what the app opens at a country's scale.

The facts are synthetic_tables.scale_facts (per zone: 10 years × 15 periods × 20 series, one report
per zone, year and period); here each figure gets its sentence in its report, so offsets hold
(`text[start:end] == raw`) and the Sources page can show them, and the zones, documents, projects,
infrastructure and quality tables the pages read are written beside them. Facts go one province at a
time, documents a few hundred zones at a time, so memory stays flat at any N; the manifest names the
layout and its partitions as a build's does (loaders/pipeline/build.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from loaders.contract import layouts, schema
from loaders.pipeline import summaries

from . import synthetic_tables as synthetic

DOCUMENT_ZONES = 200  # zones per batch of the documents file (200 zones = 30,000 reports)
FIGURE_LEAD = "年完成："  # a figure's sentence: f"{year}{FIGURE_LEAD}{raw}；"
IMPLAUSIBLE_EVERY = 50  # every 50th zone's first figure is called implausible: totals leave it out
# The last report of a zone (its annual report of the last year) ends with a project and a road.
PROJECT_LEAD, ROAD_LEAD, ROAD_TAIL = "\n重点项目", "在建；基础设施", "建成。\n"


def write(out_dir: Path, facts_target: int, seed: int = 0) -> dict[str, int]:
    """Every table of the contract in `out_dir`, the large ones partitioned; returns the row counts."""
    out_dir.mkdir(parents=True, exist_ok=True)
    zones = synthetic.scale_zones(facts_target, seed)
    zone_ids = np.array(zones["zone_id"].to_pylist())
    names = np.array(zones["name"].to_pylist())
    doc_rank = np.random.default_rng(seed).permutation(len(zone_ids))  # hash ids: documents in no zone order
    provinces = layouts.provinces(zones)
    keys = list(layouts.PARTITION_KEYS["facts"])
    partitions: dict[str, dict] = {"facts": {"keys": keys, "files": []}}
    province_of = np.array(zones["province"].to_pylist())
    metadata = schema.to_arrow("facts", schema.empty("facts")).schema.metadata
    for part, province in enumerate(synthetic.COUNTRY_PROVINCES):
        facts = reports(np.flatnonzero(province_of == province), zone_ids, names, doc_rank)[0]
        keyed = layouts.partition_keys("facts", facts, provinces)
        keyed = keyed.sort_by([(column, "ascending") for column in [*keys, *layouts.FILE_ORDER["facts"]]])
        partitions["facts"]["files"] += layouts.write_keyed(
            keyed.replace_schema_metadata(metadata), out_dir / "facts", tuple(keys), part
        )
    anchors = _write_documents(out_dir / "documents.parquet", zone_ids, names, doc_rank)
    counts = {
        "documents": len(zone_ids) * reports_per_zone(),
        "zones": len(zone_ids),
        "facts": sum(file["rows"] for file in partitions["facts"]["files"]),
    }
    pq.write_table(schema.to_arrow("zones", _zones(zones, doc_rank)), out_dir / "zones.parquet")
    for name, frame in _per_zone_tables(anchors).items():
        partitions[name] = layouts.write_partitioned(name, schema.to_arrow(name, frame), out_dir / name, provinces)
        counts[name] = len(frame)
    _write_manifest(out_dir, counts, partitions, len(zone_ids))
    summaries.write(out_dir)  # as a build writes them
    return counts


def reports_per_zone() -> int:
    return synthetic.YEARS * len(synthetic.PERIODS)


# --- the reports of some zones, with their figures --------------------------------------------------


def reports(
    zone_ix: np.ndarray, zone_ids: np.ndarray, names: np.ndarray, doc_rank: np.ndarray
) -> tuple[pa.Table, pa.Table, pd.DataFrame]:
    """(facts, documents, anchors) of the given zones; anchors: per zone, where its project sentence and
    its first figure are.

    scale_facts lists a zone's figures report by report (year, then period), series fastest, so each
    run of len(series) rows is one report: its heading, then one sentence per figure."""
    facts = synthetic.scale_facts(zone_ix, zone_ids, doc_rank[zone_ix])
    n_series, per_zone = len(synthetic.series()), reports_per_zone()
    year = pc.cast(facts["year"], pa.string())
    sentence = pc.binary_join_element_wise(year, FIGURE_LEAD, facts["raw"], "；", "")
    length = pc.utf8_length(sentence).to_numpy().reshape(-1, n_series)
    first = facts.take(pa.array(np.arange(0, facts.num_rows, n_series)))  # one row per report
    zone_names = _pick(names, np.repeat(zone_ix, per_zone))
    title = pc.binary_join_element_wise(
        zone_names, pc.cast(first["year"], pa.string()), "年", pc.fill_null(first["months"], "全年"), "报告", ""
    )
    heading_length = pc.utf8_length(title).to_numpy() + 1  # + "\n"
    sentence_start = (np.cumsum(length, axis=1) - length + heading_length[:, None]).reshape(-1)
    start = sentence_start + pc.utf8_length(year).to_numpy() + len(FIGURE_LEAD)
    facts = _replace(facts, {
        "quote": sentence,
        "start": start,
        "end": start + pc.utf8_length(facts["raw"]).to_numpy(),
        "quote_start": sentence_start,
        "quote_end": sentence_start + length.reshape(-1),
    })
    offsets = pa.array(np.arange(0, facts.num_rows + 1, n_series), pa.int32())
    body = pc.binary_join(pa.ListArray.from_arrays(offsets, sentence.combine_chunks()), "")
    last = np.arange(per_zone - 1, len(first), per_zone)  # each zone's last report
    tail = np.full(len(first), "", dtype=object)
    tail[last] = [PROJECT_LEAD + project + ROAD_LEAD + road + ROAD_TAIL for project, road in _works(names[zone_ix])]
    text = pc.binary_join_element_wise(title, "\n", body, pa.array(tail, pa.string()), "")
    documents = _documents(first, doc_rank[zone_ix], title, text)
    firsts = np.arange(0, facts.num_rows, n_series * per_zone)  # each zone's first figure
    anchors = pd.DataFrame({
        "zone_id": zone_ids[zone_ix],
        "zone_name": names[zone_ix],
        "last_doc_id": first["doc_id"].to_numpy(zero_copy_only=False)[last],
        "tail_at": heading_length[last] + length.sum(axis=1)[last],
        "first_doc_id": facts["doc_id"].to_numpy(zero_copy_only=False)[firsts],
        "first_fact_id": facts["fact_id"].to_numpy(zero_copy_only=False)[firsts],
        "first_start": start[firsts],
        "first_end": facts["end"].to_numpy()[firsts],
        "first_raw": facts["raw"].to_numpy(zero_copy_only=False)[firsts],
    })
    return facts, documents, anchors


def _works(names: np.ndarray) -> list[tuple[str, str]]:
    """(project, road) named after each zone."""
    return [(f"{name[:3]}新材料产业园项目", f"{name[:3]}大道") for name in names]


def _documents(first: pa.Table, ranks: np.ndarray, title: pa.Array, text: pa.Array) -> pa.Table:
    """The reports' rows; a zone's file is named after its documents' rank, so the file order is the contract's."""
    per_zone = reports_per_zone()
    count = first.num_rows
    annual = pc.is_null(first["months"]).to_numpy(zero_copy_only=False)
    year_end = pc.binary_join_element_wise(pc.cast(first["year"], pa.string()), "-12-31", "")
    files = pc.binary_join_element_wise(
        "synthetic/zone_", pc.utf8_lpad(pc.cast(pa.array(np.repeat(ranks, per_zone)), pa.string()), 6, "0"), ".txt", ""
    )
    columns = {
        "doc_id": first["doc_id"],
        "source_file": files,
        "part": np.tile(np.arange(1, per_zone + 1), len(ranks)),
        "title": title,
        "doc_type": pa.array(np.where(annual, "annual_report", "briefing"), pa.string()),
        "issuer": pc.binary_join_element_wise(pc.utf8_slice_codeunits(title, 0, 9), "管委会", ""),
        "doc_date": pc.cast(pc.strptime(year_end, "%Y-%m-%d", "s"), pa.date32()),
        "text": text,
        "encoding": pa.array(["utf-8"] * count, pa.string()),
        "converted_from_traditional": np.zeros(count, dtype=bool),
        "chars": pc.utf8_length(text),
    }
    spec = schema.TABLES["documents"]
    return pa.table({name: columns[name] for name in spec.names}).cast(spec.arrow_schema)


def _write_documents(file: Path, zone_ids: np.ndarray, names: np.ndarray, doc_rank: np.ndarray) -> pd.DataFrame:
    """documents.parquet in doc id order (zones in doc_rank order, a batch at a time); returns the anchors."""
    by_document = np.argsort(doc_rank)
    anchors = []
    spec = schema.TABLES["documents"]
    with pq.ParquetWriter(file, spec.arrow_schema) as writer:
        for batch_start in range(0, len(by_document), DOCUMENT_ZONES):
            zone_ix = by_document[batch_start : batch_start + DOCUMENT_ZONES]
            _, documents, zone_anchors = reports(zone_ix, zone_ids, names, doc_rank)
            writer.write_table(documents)
            anchors.append(zone_anchors)
    return pd.concat(anchors, ignore_index=True)


# --- one project, one road and the quality flags of each zone -----------------------------------------


def _per_zone_tables(anchors: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """projects, infrastructure and quality: a project and a road in each zone's last report, a flag on
    each zone's first figure (every IMPLAUSIBLE_EVERY-th also called implausible)."""
    works = _works(anchors["zone_name"].to_numpy())
    project = pd.Series([name for name, _ in works])
    road = pd.Series([name for _, name in works])
    project_at = anchors["tail_at"] + len(PROJECT_LEAD)
    road_at = project_at + project.str.len() + len(ROAD_LEAD)
    rank = np.arange(len(anchors))
    projects = pd.DataFrame({
        "project_id": "p_" + anchors["last_doc_id"], "doc_id": anchors["last_doc_id"], "zone_id": anchors["zone_id"],
        "name": project, "status": "under_construction", "investment": (rank % 50 + 1) * 1e8,
        "quote": project + "在建", "start": project_at, "end": project_at + project.str.len(), "raw": project,
        "quote_start": project_at, "quote_end": project_at + project.str.len() + 2,
    })
    infrastructure = pd.DataFrame({
        "item_id": "i_" + anchors["last_doc_id"], "doc_id": anchors["last_doc_id"], "zone_id": anchors["zone_id"],
        "category": "road", "name": road, "quantity": (rank % 20 + 1) * 1.0, "unit": "km", "status": "completed",
        "quote": road + "建成", "start": road_at, "end": road_at + road.str.len(), "raw": road,
        "quote_start": road_at, "quote_end": road_at + road.str.len() + 2,
    })
    flags = pd.DataFrame({
        "doc_id": anchors["first_doc_id"], "zone_id": anchors["zone_id"], "start": anchors["first_start"],
        "end": anchors["first_end"], "raw": anchors["first_raw"], "fact_ids": [[f] for f in anchors["first_fact_id"]],
    })
    unplaced = flags.assign(check="unplaced_number", severity="info", message=flags["raw"] + " 合成数据的提示（synthetic flag）",
                            quality_id="q_u_" + flags["doc_id"])
    implausible = flags[rank % IMPLAUSIBLE_EVERY == 0]
    implausible = implausible.assign(check="implausible_value", severity="error",
                                     message=implausible["raw"] + " 超出合理范围（synthetic flag）",
                                     quality_id="q_i_" + implausible["doc_id"])
    quality = pd.concat([unplaced, implausible], ignore_index=True)
    return {"projects": projects, "infrastructure": infrastructure, "quality": quality}


def _zones(zones: pa.Table, doc_rank: np.ndarray) -> pd.DataFrame:
    per_zone = reports_per_zone()
    names = pd.Series(zones["name"].to_pylist())
    doc_ids = [[f"d_{number:012d}" for number in range(rank * per_zone, (rank + 1) * per_zone)] for rank in doc_rank]
    return pd.DataFrame({
        "zone_id": zones["zone_id"].to_pylist(), "name": names, "aliases": [[] for _ in names],
        "province": zones["province"].to_pylist(), "city": names.str[:2] + "市", "county": names.str[:3] + "县",
        "anonymized": False, "leading_industries": [["食品加工", "装备制造"] for _ in names], "doc_ids": doc_ids,
    })


def _write_manifest(out_dir: Path, counts: dict, partitions: dict, zones: int) -> None:
    notes = f"synthetic: {zones} zones × {synthetic.YEARS} years × {len(synthetic.PERIODS)} periods × {len(synthetic.series())} series"
    manifest = synthetic.synthetic_manifest(counts, notes, layout="partitioned", partitions=partitions)
    (out_dir / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


# --- arrow helpers -------------------------------------------------------------------------------------


def _pick(values, positions: np.ndarray) -> pa.Array:
    """values[positions] as an arrow string array, without a Python object per row."""
    return pc.take(pa.array(list(values), pa.string()), pa.array(positions))


def _replace(table: pa.Table, columns: dict) -> pa.Table:
    """The table with some columns replaced, each cast to the column's own type."""
    for name, values in columns.items():
        index = table.schema.get_field_index(name)
        kind = table.schema.field(index).type
        table = table.set_column(index, table.schema.field(index), pa.array(values, kind) if isinstance(values, np.ndarray)
                                 else values.cast(kind))
    return table
