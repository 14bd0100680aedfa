"""Extraction never raises and every row it writes points at its own raw text, whatever the text."""

from __future__ import annotations

import datetime
import gc
import math
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench import hostile
from loaders.pipeline.extract import extract_document, extract_text
from loaders.reading.split import split_reports

# Pieces real reports are made of, so that random text often forms numbers, units and cues.
WORDS = (
    "园区 产业集聚区 开发区 规划面积 建成区 入驻企业 主营业务收入 营业收入 固定资产投资 基础设施投资"
    " 工业投资 税收 利税 从业人员 就业人数 项目 签约 开工 在建 竣工投产 其中 分别为 依次 同比增长"
    " 同比下降 较 增速 力争 目标 计划 确保 年任务 完成 累计 截至 今年 明年 上半年 前三季度 元至 月份"
    " 月底 年底 以上 余 多 超过 约 近 左右 第 每亩 规上 亿元以上项目 投资 的 等 、 ， 。 ； ： （ ）"
    " “ ” - － — ~ 至 / 發展 億元 營業收入 萬元 產業 開發區 規劃 增長 後 裡 臺灣 乾燥 著 於"
).split() + ["\n", " ", "\t", "\r\n", "\u3000", "\xa0"]
UNITS = (
    "亿元 万元 元 亿 亿美元 平方公里 平方千米 km² km2 亩 万亩 公顷 平方米 平米 万平方米 公里 千伏 万伏"
    " kV 万吨 家 户 个 项 人 万人 名 % ％ 个百分点 倍 年 月 日 号 成 件 億元 萬個"
).split()
NUMBERS = (
    "0 1 12 2025 24.3 1,234.5 １２．５ １０４ 一万 二十七 两 二〇一〇 十 百 三千五百 0.7 1. .5"
    " 9999999999999 2－3 3至5 1-10 -3.2 −1.5 ﹣4 1e308 1.2E+3 ⼆⼗ ⼀⽉ 卅二 廿 一万二 二点五 1800 2099"
).split() + ["24. 3", "16.5 ", "2 0", "31. 7 "]
CHARACTERS = "产业区园企项目收入投资亿万千百十一二三四五六七八九〇零两0123456789０１２３４５６７８９.．,，、。；：%％-－—\n \t發億萬"

pieces = st.one_of(
    st.sampled_from(WORDS),
    st.sampled_from(UNITS),
    st.sampled_from(NUMBERS),
    st.text(alphabet=CHARACTERS, max_size=6),
    st.text(max_size=3),
)
report_texts = st.lists(pieces, max_size=40).map("".join)
signature_dates = st.none() | st.dates(datetime.date(2000, 1, 1), datetime.date(2030, 12, 31))


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=report_texts, doc_date=signature_dates)
def test_extraction_never_raises_and_offsets_always_hold(text, doc_date):
    tables = extract_text(text, doc_date=doc_date)
    for table, rows in tables.items():
        for row in rows:
            if "raw" in row and "start" in row:
                assert text[row["start"] : row["end"]] == row["raw"], (table, row)
            if "quote_start" in row:
                assert text[row["quote_start"] : row["quote_end"]].strip() == row["quote"], (table, row)
    zone_ids = {row["zone_id"] for row in tables["zones"]}
    for table in ("facts", "projects", "infrastructure", "quality"):
        pointing = {row["zone_id"] for row in tables[table]} - {None}
        assert pointing <= zone_ids, (table, pointing - zone_ids)


# Hostile text: long runs that make a backtracking regex take quadratic (or worse) time. No
# clock limit here (the machine is noisy; `make bench` prints the absolute times). Two
# measures of this process's CPU time (other processes do not count), best of five,
# interleaved: the time of 4n characters against that of n (linear growth is ~4×, a
# quadratic pattern ~16×), and the time of hostile text against that of report text of the
# same length (a pattern that backtracks on a run of digits costs hundreds of times more).
SMALL, LARGER, MOST_GROWTH = 2_000, 8_000, 12
MOST_COST_OVER_REPORT_TEXT = 10
REPEATS = 5


def _cpu_seconds(text: str) -> float:
    collecting = gc.isenabled()
    gc.disable()
    try:
        started = time.process_time()
        for document in split_reports(text, "hostile.txt"):
            extract_document(document)
        return time.process_time() - started
    finally:
        if collecting:
            gc.enable()


def _best_seconds(*texts: str) -> list[float]:
    """Best CPU time of each text over REPEATS rounds; a new text each round (trailing line
    breaks) so that the per-text caches never answer."""
    _cpu_seconds(texts[0][:100])  # lexicons and patterns compiled before timing
    best = [math.inf] * len(texts)
    for repeat in range(1, REPEATS + 1):
        for index, text in enumerate(texts):
            best[index] = min(best[index], _cpu_seconds(text + "\n" * repeat))
    return best


@pytest.mark.parametrize("shape", sorted(hostile.GENERATORS))
def test_extraction_time_grows_linearly_on_hostile_text(shape):
    generate = hostile.GENERATORS[shape]
    small, larger = _best_seconds(generate(SMALL), generate(LARGER))
    assert larger < MOST_GROWTH * small, f"{shape}: {SMALL} chars {small:.4f} s, {LARGER} chars {larger:.4f} s"


@pytest.mark.parametrize("shape", sorted(set(hostile.GENERATORS) - {"single_line"}))
def test_hostile_text_costs_no_more_than_report_text_of_its_length(shape):
    hostile_text, report = _best_seconds(hostile.GENERATORS[shape](LARGER), hostile.single_line(LARGER))
    assert hostile_text < MOST_COST_OVER_REPORT_TEXT * report, (
        f"{shape}: {LARGER} chars {hostile_text:.4f} s, report text of that length {report:.4f} s"
    )


@pytest.mark.parametrize("shape", sorted(hostile.GENERATORS))
def test_hostile_text_keeps_offsets(shape):
    text = hostile.GENERATORS[shape](2_000)
    for document in split_reports(text, "hostile.txt"):
        for table, rows in extract_document(document).items():
            for row in rows:
                if "raw" in row and "start" in row:
                    assert document["text"][row["start"] : row["end"]] == row["raw"], (table, row)


def test_a_flag_in_the_part_of_a_zone_without_rows_belongs_to_its_report():
    from loaders.pipeline.extract import _unlink_zones_without_rows

    flags = [{"zone_id": "z_kept"}, {"zone_id": "z_dropped"}, {"zone_id": None}]
    _unlink_zones_without_rows(flags, {"z_kept"})
    assert [flag["zone_id"] for flag in flags] == ["z_kept", None, None]
