"""The sample's gold annotation (data/gold/sample) as contract tables, offsets located in the text.

Independent of the loaders: the page tests can show the pages on complete, graded content
while extraction is still growing. Numbers are located in order of appearance within their
report; a raw that cannot be found keeps the offsets of its report's first character.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from loaders.contract.schema import stable_id, zone_id_for
from pages._shared.coverage import sentence_bounds
from pages._shared.model import write_tables

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "data" / "gold" / "sample"
REPORT = ROOT / "data" / "reports" / "seed_reports.txt"
HEADING = re.compile(r"第[一二三四五六七八九十]+篇：")


def _documents() -> pd.DataFrame:
    text = REPORT.read_text(encoding="utf-8")
    starts = [match.start() for match in HEADING.finditer(text)] + [len(text)]
    rows = []
    for part, (left, right) in enumerate(zip(starts, starts[1:], strict=False), start=1):
        body = text[left:right].strip()
        title = body.splitlines()[0].split("：", 1)[-1]
        rows.append(
            {
                "doc_id": stable_id("d", body),
                "source_file": REPORT.name,
                "part": part,
                "title": title,
                "doc_type": "other",
                "text": body,
                "chars": len(body),
            }
        )
    return pd.DataFrame(rows)


class _Locator:
    """Finds each raw after the previous one of the same report (falls back to the first occurrence)."""

    def __init__(self, documents: pd.DataFrame):
        self.texts = dict(zip(documents["part"], documents["text"], strict=True))
        self.cursor = dict.fromkeys(self.texts, 0)

    def __call__(self, part: int, raw: str) -> tuple[int, int, str]:
        text = self.texts[part]
        raw = raw.split("; ")[0] if raw else ""
        if not raw:
            return 0, 0, ""
        position = text.find(raw, self.cursor[part])
        if position == -1:
            position = text.find(raw)
        if position == -1:
            return 0, 0, ""
        self.cursor[part] = position + len(raw)
        return position, position + len(raw), raw


def _with_offsets(rows: pd.DataFrame, documents: pd.DataFrame, locate: _Locator, anchor: str) -> pd.DataFrame:
    doc_ids = dict(zip(documents["part"], documents["doc_id"], strict=True))
    records = []
    for row in rows.to_dict("records"):
        part = int(row["part"])
        start, end, raw = locate(part, str(row.get(anchor) or ""))
        text = locate.texts[part]
        quote_start, quote_end = sentence_bounds(text, start, end)
        records.append(
            {
                **row,
                "doc_id": doc_ids[part],
                "zone_id": zone_id_for(row["zone"]),
                "start": start,
                "end": end,
                "raw": raw,
                "quote": text[quote_start:quote_end],
                "quote_start": quote_start,
                "quote_end": quote_end,
            }
        )
    return pd.DataFrame(records)


def gold_tables(out: Path) -> Path:
    """Write the gold annotation as contract Parquet tables + manifest.json into `out`."""
    documents = _documents()
    locate = _Locator(documents)
    read = {"keep_default_na": False, "na_values": [""], "dtype": str}
    zones = pd.read_csv(GOLD / "zones.csv", **read)
    zones = pd.DataFrame(
        {
            "zone_id": zones["zone"].map(zone_id_for),
            "name": zones["zone"],
            "aliases": zones["aliases"].fillna("").str.split("|").map(lambda names: [n for n in names if n]),
            "province": zones["province"],
            "city": zones["city"],
            "county": zones["county"],
            "anonymized": zones["anonymized"] == "true",
            "leading_industries": zones["leading_industries"]
            .fillna("")
            .str.split("|")
            .map(lambda n: [x for x in n if x]),
        }
    )
    facts = _with_offsets(pd.read_csv(GOLD / "facts.csv", **read), documents, locate, "raw")
    facts = facts.assign(
        fact_id=[
            stable_id("f", *row) for row in facts[["doc_id", "start", "metric", "kind", "raw"]].itertuples()
        ],
        value=facts["value"].astype(float),
        year=pd.to_numeric(facts["year"]).astype("Int64"),
        cumulative=facts["cumulative"] == "true",
    )
    locate.cursor = dict.fromkeys(locate.cursor, 0)
    projects = _with_offsets(pd.read_csv(GOLD / "projects.csv", **read), documents, locate, "name")
    projects = projects.assign(
        project_id=[f"p_{index:03d}" for index in range(len(projects))],
        investment=projects["investment"].astype(float),
    )
    locate.cursor = dict.fromkeys(locate.cursor, 0)
    items = pd.read_csv(GOLD / "infrastructure.csv", **read)
    items["anchor"] = items["raw"].fillna(items["name"].str.split("（").str[0])
    infrastructure = _with_offsets(items, documents, locate, "anchor")
    infrastructure = infrastructure.assign(
        item_id=[f"i_{index:03d}" for index in range(len(infrastructure))],
        quantity=infrastructure["quantity"].astype(float),
        investment=infrastructure["investment"].astype(float),
    )
    part_of = facts[(facts["raw"] == "19.65亿元")].iloc[0]
    whole = facts[(facts["raw"] == "17.44亿元")].iloc[0]
    quality = pd.DataFrame(
        [
            {
                "quality_id": "q_001",
                "doc_id": part_of["doc_id"],
                "zone_id": part_of["zone_id"],
                "start": int(part_of["start"]),
                "end": int(part_of["end"]),
                "check": "part_exceeds_whole",
                "severity": "warning",
                "raw": part_of["raw"],
                "fact_ids": [part_of["fact_id"], whole["fact_id"]],
                "message": "其中亿元项目完成投资19.65亿元，超过全部工业项目完成投资17.44亿元",
            }
        ]
    )
    frames = {
        "documents": documents,
        "zones": zones,
        "facts": facts,
        "projects": projects,
        "infrastructure": infrastructure,
        "quality": quality,
    }
    manifest = {"built_at": "2026-11-30T00:00:00+00:00", "source": "data/gold/sample", "reports": len(documents)}
    return write_tables(frames, out, manifest)
