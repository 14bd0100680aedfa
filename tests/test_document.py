"""A report is read once: every step is handed the same Document (loaders.document)."""

from __future__ import annotations

import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loaders import document as document_module
from loaders.document import read_document
from loaders.facts import sections as fact_sections
from loaders.items.lexicon import patterns
from loaders.pipeline.extract import extract_text
from loaders.text import sentences as text
from loaders.text import units
from loaders.text.periods import period_before
from tests.casetables import load_cases, params
from tests.test_cases import FACT_FIELDS_ORDER, describe, match_rows

REPORT = (
    "某某产业集聚区2024年工作总结\n"
    "一、2024年工作情况\n"
    "全年完成固定资产投资85.6亿元，增长12%，入驻企业126家；营业收入1e308亿元。\n"
    "新签约项目18个，其中某某新材料项目、某某装备项目已开工建设。\n"
    "新建道路3条，供水管网12公里已投入使用。\n"
    "二、2025年工作计划\n"
    "力争完成固定资产投资100亿元，加快建设污水处理厂。\n"
)


@pytest.fixture
def calls(monkeypatch):
    """How often each whole-text reading runs, wherever a loaders module calls it from."""
    counted: dict[str, int] = {}
    for function in (units.scan, text.sentences, fact_sections.plan_spans):
        counted[function.__name__] = 0

        def counting(*args, _function=function, **kwargs):
            counted[_function.__name__] += 1
            return _function(*args, **kwargs)

        for name, module in list(sys.modules.items()):
            if name == "loaders" or name.startswith("loaders."):
                for attribute, value in list(vars(module).items()):
                    if value is function:
                        monkeypatch.setattr(module, attribute, counting)
    return counted


def test_each_whole_text_reading_runs_once_per_report(calls):
    tables = extract_text(REPORT)
    assert tables["facts"] and tables["projects"] and tables["infrastructure"]
    assert [row["check"] for row in tables["quality"]].count("unreadable_number") == 1
    assert calls == {"scan": 1, "sentences": 1, "plan_spans": 1}


def test_the_document_holds_what_the_steps_share():
    document = read_document(REPORT)
    assert document.text == document.normalized.text
    assert [document.text[sentence.start : sentence.end].strip() for sentence in document.sentences][:2] == [
        "某某产业集聚区2024年工作总结",
        "一、2024年工作情况",
    ]
    assert [quantity.raw for quantity in document.quantities.all][:3] == ["85.6亿元", "12%", "126家"]
    assert [figure.raw for figure in document.refused] == ["1e308亿元"]
    plan_heading, goal = document.text.index("二、"), document.text.index("力争")
    assert document.plan_spans == [(document.text.index("\n", plan_heading), len(document.text))]
    assert document.future_spans == [(plan_heading, len(document.text))]
    assert document.in_future_section(goal) and not document.in_future_section(plan_heading - 1)
    figure = document.text.index("126家")
    assert document.text[document.clause_start(figure, 0) : figure] == "入驻企业"


def test_a_normalized_text_is_read_as_it_is():
    from loaders.text.normalize import normalize

    normalized = normalize("园区全年实现主营业务收入１２亿元。")
    document = read_document(normalized)
    assert document.normalized is normalized
    assert [quantity.raw for quantity in document.quantities.all] == ["12亿元"]
    assert document_module.read_document("园区全年实现主营业务收入１２亿元。").text == normalized.text


def test_quoted_titles_of_a_sentence_are_found_once_for_both_item_steps():
    document = read_document("按照《园区发展规划》和“十四五”要求，新建道路3条。")
    sentence = document.sentences[0]
    quoted = document.quoted_spans(sentence)
    assert [document.text[start:end] for start, end in quoted] == ["《园区发展规划》", "“十四五”"]
    assert document.quoted_spans(sentence) is quoted


def test_a_sentence_s_clauses_are_cut_at_the_clause_ends_the_items_pattern_names():
    document = read_document("园区新建道路3条，供水管网12公里；污水处理厂:一期、二期已建成,投入使用：")
    sentence = document.sentences[0]
    clause_end = patterns("items").clause_end
    ends = [match.start() for match in clause_end.finditer(document.text, sentence.start, sentence.end)]
    starts = [sentence.start] + [end + 1 for end in ends]
    expected = [(start, end) for start, end in zip(starts, [*ends, sentence.end], strict=True) if start < end]
    assert document.clauses(sentence) == expected
    assert [document.text[start:end] for start, end in expected] == [
        "园区新建道路3条", "供水管网12公里", "污水处理厂", "一期、二期已建成", "投入使用",
    ]


def test_a_position_s_line_is_found_from_the_line_breaks_read_once():
    document = read_document("营业收入超500亿元的园区：\n青禾开发区1809.9亿元\n云岭园区861.89亿元")
    text = document.text
    for position in range(len(text) + 1):
        assert document.line_start(position) == text.rfind("\n", 0, position) + 1
        found = text.find("\n", position)
        assert document.line_end(position) == (len(text) if found < 0 else found)
    assert document.line_start(text.index("云岭")) == text.index("云岭")


def test_a_sentence_s_periods_are_read_once_and_match_each_figure_s_own_reading():
    text = "2023年营业收入5亿元，2024年1-6月产值8亿元，今年前三季度9亿元，较2020年增长12%，明年力争20亿元，2025年底达30亿元。"
    document = read_document(text)
    sentence = document.sentences[0]
    expected = [(2023, None, None), (2024, "01-06", None), (None, "01-09", 0), (None, "01-09", 0), (None, "01-09", 1), (2025, "01-09", None)]
    figures = document.quantities.within(sentence.start, sentence.end)
    got = [document.period_before(sentence, quantity.start) for quantity in figures]
    assert [(period.year, period.months, period.relative) for period in got] == expected
    sliced = document.text[sentence.start : sentence.end]
    assert got == [period_before(sliced, quantity.start - sentence.start) for quantity in figures]
    assert list(document.memo) == [("periods", sentence.index)]  # read once, kept for its other figures


@pytest.mark.parametrize(
    ("original", "normalized"),
    [
        ("投資3萬（wàn）元", "投资3万元"),  # a pinyin note in full-width brackets
        ("投資3萬 (wàn)元", "投资3万元"),  # a space before the note
        ("园区(CBD)面积5平方公里", "园区(CBD)面积5平方公里"),  # letters without a tone mark are no note
        ("創(chuàng )造", "创造"),  # a space before the closing bracket
        # notes without tone marks, in a text glossed throughout
        ("全年完(wan)成(cheng)產值86億(yi)元(yuan)，稅收3億(yi)元", "全年完成产值86亿元，税收3亿元"),
        ("完(wan)成(cheng)產值86億(yi)元(yuan)", "完(wan)成(cheng)产值86亿(yi)元(yuan)"),  # four: no gloss
        ("開(kāi)(kāi)發區產(chǎn)值", "开发区产值"),  # a note written twice
        ("全年完(wan)成(cheng)(cheng)產值86億(yi)(yi)元(yuan)，稅收3億(yi)元", "全年完成产值86亿元，税收3亿元"),
        ("園區(qū)(CBD)", "园区(CBD)"),  # after a note, only a copy of it goes
        ("条款(ab)(cd)(ef)(gh)(ij)，园(an)区(en)", "条款(ab)(cd)(ef)(gh)(ij)，园(an)区(en)"),  # no syllables
        ("园区（ZBD）", "园区（ZBD）"),
        ("收入１２３，４５６万元", "收入123,456万元"),  # a thousands comma typed full-width
        ("企业１２０，３４５６家", "企业120，3456家"),  # four digits after it: a clause mark
        ("企业120，300家", "企业120，300家"),  # half-width digits: a clause mark
        ("二O一九年，二0二一年，二ＯＯ八年", "二〇一九年，二〇二一年，二〇〇八年"),  # zeros typed as O or 0
        ("一O号地块，2019年，A0二", "一O号地块，2019年，A0二"),  # an O with no Chinese digit on both sides stays
        ("园 区 规 划 面 积 1 2 平 方 公 里", "园区规划面积 1 2 平方公里"),  # letter-spaced words lose their spaces
        ("前 言，张 三 李", "前 言，张 三 李"),  # three or fewer characters set apart stay apart
        ("园  区  规  划", "园  区  规  划"),  # two spaces: cells of a table row
        ("园区共完成基础设施投资近10亿元，道路网络基本形成" * 5 + "\n2、园区", "园区共完成基础设施投资近10亿元，道路网络基本形成" * 5 + "园区"),
        ("园区共完成基础设施投资近10亿元，道路网络基本形成。" * 5 + "\n2、园区", "园区共完成基础设施投资近10亿元，道路网络基本形成。" * 5 + "\n2、园区"),
        # a numbered heading of a list, even a long one, stays on its line
        ("1、加快推进园区基础设施建设和重点项目建设步伐\n2、强化招商", None),
        ("基础设施投资\n2、园区", "基础设施投资\n2、园区"),  # a short line is a heading: its list stays
        # names of one width with no clause mark are a list, not a wrapped paragraph
        ("某某市某某经济技术开发区\n某某市某某高新技术产业区\n某某市某某现代农业产业园\n入驻企业", None),
        # lines of one width that end their sentences are paragraphs of their own
        ("园区规划面积十二平方公里。\n园区入驻企业一百二十家。\n园区新签约项目十二个。\n入驻", None),
    ],
)
def test_normalising_repairs_numbers_and_keeps_offsets(original, normalized):
    from loaders.text.normalize import normalize

    result = normalize(original)
    assert result.text == (original if normalized is None else normalized)
    origins = [result.to_original(offset) for offset in range(len(result.text))]
    assert origins == sorted(set(origins))  # each character from its own place, in order
    assert result.span(0, len(result.text)) == (0, len(original))
    assert all(original[origin] not in "()（）" or result.text[offset] in "()（）" for offset, origin in enumerate(origins))


def table_rows(text: str) -> list[dict]:
    """The fact rows of one text with each row's zone by name (the case tables name zones, not ids)."""
    tables = extract_text(text)
    names = {zone["zone_id"]: zone["name"] for zone in tables["zones"]}
    return [{**row, "zone": names.get(row["zone_id"])} for row in tables["facts"]]


@pytest.mark.parametrize("case", params("tables"))
def test_indicator_tables_are_read_cell_by_cell(case):
    """Each figure of a text table gets its row's and its column's metric, kind, period and zone."""
    text = case["text"]
    rows = table_rows(text)
    problems = [f"offset of {row['raw']!r}" for row in rows if text[row["start"] : row["end"]] != row["raw"]]
    if len(rows) != case["count"]:
        problems.append(f"count: expected {case['count']} fact rows, got {len(rows)}")
    problems += match_rows(case.get("facts") or [], rows)
    assert not problems, "\n".join(problems) + "\n" + describe(rows, ("zone", *FACT_FIELDS_ORDER))


def test_a_table_figure_keeps_its_column_kind_period_and_subject():
    text = "单位：亿元\n指标  2024年  2025年目标  青禾经济开发区\n营业收入  56.3  65  20.1\n"
    document = read_document(text)
    cells = {document.text[start : start + 4].strip(): cell for start, cell in document.table_cells.items()}
    assert (cells["56.3"].kind, cells["56.3"].period, cells["56.3"].subject) == ("value", "2024年", None)
    assert (cells["65"].kind, cells["65"].period) == ("target", "2025年目标")
    header = text.index("青禾经济开发区")
    assert cells["20.1"].subject == (header, header + len("青禾经济开发区"))


def test_a_table_header_line_is_not_joined_to_its_first_row_as_wrapped_prose():
    text = "园区名称  规上工业总产值  增长  营业收入  增长\n青禾经济开发区  120.5  8.2  150.3  9.1\n"
    assert read_document(text).text == text


def test_a_wrapped_word_joins_its_figure_but_a_title_line_keeps_the_year_that_opens_the_next():
    wrapped = "今年园区坚持招大引强，主导产业产销两旺，全年实现营业收入56亿元，税收同比增长\n15.6%，新增企业18家。"
    assert "税收同比增长15.6%" in read_document(wrapped).text
    titled = "在中国共产党临江市青禾区第十二次代表大会上的报告\n2015年全区实现营业收入600亿元。"
    assert read_document(titled).text == titled


def test_the_table_cases_are_well_formed():
    cases = load_cases("tables")
    assert len({case["id"] for case in cases}) == len(cases) >= 25
    for case in cases:
        rows = case.get("facts") or []
        assert set(case) <= {"id", "text", "count", "facts", "xfail", "note"}, case["id"]
        assert len(rows) <= case["count"], case["id"]
        for row in rows:
            assert set(row) <= {"zone", *FACT_FIELDS_ORDER} and row["raw"] in case["text"], (case["id"], row)


TABLE_PIECES = (
    "指标", "指 标", "园区名称", "开发区名称", "年份", "序号", "所在市", "备注", "单位：亿元", "（单位：万元、%）",
    "营业收入", "营业收入（亿元）", "指数(上年=100)", "构成(%)", "合计", "青禾经济开发区", "本年", "增长%", "年度目标",
    "全市", "绝对值", "增速", "2021", "2022年", "2021年2022年", "1-9月", "56.3", "-2.1", "56.3-2.1", "12,500",
    "50.256.3", "—", "", "亿元", "家", "Item", "Gross Product", "＃工业", "主要经济指标", "排行", "1", "%", "年", "本",
)
TABLE_GAPS = ("  ", " ", "\t", "\n", "\n\n", "|", "| ", "||", "")
table_texts = st.lists(st.tuples(st.sampled_from(TABLE_PIECES), st.sampled_from(TABLE_GAPS)), max_size=60).map(
    lambda pairs: "".join(piece + gap for piece, gap in pairs)
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(table_texts)
def test_any_text_shaped_like_tables_is_read_without_error_and_offsets_hold(text):
    tables = extract_text(text)
    for name in ("facts", "projects", "infrastructure"):
        assert all(text[row["start"] : row["end"]] == row["raw"] for row in tables[name])
