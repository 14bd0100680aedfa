"""Small hand-made tables for the dashboard tests (exact values known), passed through schema.finalize.

Three zones: 鹤淇 (revenue, target, growth, areas, investment, enterprises), 柘城 (revenue
for 01-11, tax, areas, enterprises with a scope, employment, a 2024 revenue), 新蔡 (no facts).
Some quotes hold `<script>`, `**bold**` and formula-like starts (= + - @) on purpose.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from loaders.contract import schema

HEQI = "鹤淇产业集聚区"
ZHECHENG = "柘城县产业集聚区"
XINCAI = "新蔡县产业集聚区"
Z_HEQI, Z_ZHECHENG, Z_XINCAI = (schema.zone_id_for(name) for name in (HEQI, ZHECHENG, XINCAI))
SCRIPT_QUOTE = "<script>alert('x')</script> **bold** 实现主营业务收入102.5亿元"

DOC_TEXT_1 = "鹤淇产业集聚区2025年发展报告。" + SCRIPT_QUOTE
DOC_TEXT_2 = "柘城县产业集聚区2025年元至11月份营业收入146亿元，税收2.8亿元。"


def _fact(fact_id, doc_id, zone_id, metric, kind, value, unit, year=None, months=None, cumulative=False,
          scope=None, status=None, basis=None, raw="", quote=""):
    return dict(fact_id=fact_id, doc_id=doc_id, zone_id=zone_id, metric=metric, kind=kind, value=value, unit=unit,
                year=year, months=months, cumulative=cumulative, scope=scope, status=status, basis=basis,
                raw=raw, quote=quote or raw, start=0, end=len(raw))


def frames() -> dict[str, pd.DataFrame]:
    """The raw frames (documents, zones, facts); other tables empty."""
    documents = pd.DataFrame(
        [
            dict(doc_id="d1", source_file="seed.txt", part=1, title="鹤淇产业集聚区2025年发展报告",
                 doc_type="annual_report", issuer=None, doc_date=None, text=DOC_TEXT_1),
            dict(doc_id="d2", source_file="seed.txt", part=2, title="柘城县产业集聚区情况汇报",
                 doc_type="briefing", issuer=None, doc_date=None, text=DOC_TEXT_2),
        ]
    )
    zones = pd.DataFrame(
        [
            dict(zone_id=Z_HEQI, name=HEQI, aliases=[], anonymized=False, leading_industries=["食品加工"]),
            dict(zone_id=Z_ZHECHENG, name=ZHECHENG, aliases=[], anonymized=False, leading_industries=[]),
            dict(zone_id=Z_XINCAI, name=XINCAI, aliases=[], anonymized=False, leading_industries=[]),
        ]
    )
    facts = pd.DataFrame(
        [
            _fact("f01", "d1", Z_HEQI, "revenue", "actual", 1.025e10, "CNY", 2025, raw="102.5亿元", quote=SCRIPT_QUOTE),
            _fact("f02", "d1", Z_HEQI, "revenue", "target", 1.5e10, "CNY", 2025, raw="150亿元",
                  quote="=HYPERLINK(\"x\") 力争主营业务收入150亿元"),
            _fact("f03", "d1", Z_HEQI, "revenue", "growth", 12.5, "%", 2025, basis="yoy", raw="12.5%",
                  quote="+同比增长12.5%"),
            _fact("f04", "d1", Z_HEQI, "area_planned", "actual", 25.0, "km2", raw="25平方公里",
                  quote="规划建设用地25平方公里"),
            _fact("f05", "d1", Z_HEQI, "investment", "actual", 1.327e10, "CNY", cumulative=True, raw="132.7亿元",
                  quote="累计投资132.7亿元"),
            _fact("f06", "d1", Z_HEQI, "investment", "actual", 2.995e9, "CNY", 2025, raw="29.95亿元",
                  quote="2025年完成投资总额29.95亿元"),
            _fact("f07", "d1", Z_HEQI, "enterprises", "actual", 104.0, "count", cumulative=True, raw="104家",
                  quote="@入驻企业104家"),
            _fact("f08", "d2", Z_ZHECHENG, "revenue", "actual", 1.46e10, "CNY", 2025, "01-11", raw="146亿元",
                  quote="2025年元至11月份营业收入146亿元"),
            _fact("f09", "d2", Z_ZHECHENG, "tax", "actual", 2.8e8, "CNY", 2025, "01-11", raw="2.8亿元",
                  quote="-税收2.8亿元"),
            _fact("f10", "d2", Z_ZHECHENG, "area_planned", "actual", 14.0, "km2", raw="14平方公里",
                  quote="规划面积14平方公里"),
            _fact("f11", "d2", Z_ZHECHENG, "area_built", "actual", 5.7, "km2", raw="5.7平方公里",
                  quote="建成区5.7平方公里"),
            _fact("f12", "d2", Z_ZHECHENG, "enterprises", "actual", 118.0, "count", cumulative=True, scope="工业",
                  raw="118家", quote="入驻工业企业118家"),
            _fact("f13", "d2", Z_ZHECHENG, "employment", "actual", 32000.0, "person", cumulative=True, raw="3.2万人",
                  quote="就业人口3.2万人"),
            _fact("f14", "d2", Z_ZHECHENG, "revenue", "actual", 1.2e10, "CNY", 2024, raw="120亿元",
                  quote="2024年营业收入120亿元"),
            _fact("f15", "d2", Z_ZHECHENG, "tax", "actual", 5e7, "CNY", 2025, scope="三税", raw="5000万元",
                  quote="三税5000万元"),
        ]
    )
    facts["start"] = range(0, 10 * len(facts), 10)  # keeps the listed order through finalize's sort
    facts["end"] = facts["start"] + facts["raw"].str.len()
    return {"documents": documents, "zones": zones, "facts": facts}


def tables():
    """The frames as model.Tables (finalized, in memory)."""
    from pages._shared import model

    return model.tables_from_frames(frames(), manifest={"built_at": "2026-11-30T10:00:00Z"})


def write(folder: Path, keep=None) -> Path:
    """Write the tables as Parquet into `folder`; `keep(frames)` may edit the frames first."""
    from pages._shared import model

    raw = frames()
    if keep is not None:
        raw = keep(raw)
    return model.write_tables(raw, folder, manifest={"built_at": "2026-11-30T10:00:00Z"})
