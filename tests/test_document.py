"""A report is read once: every step is handed the same Document (loaders.document)."""

from __future__ import annotations

import sys

import pytest

from loaders import document as document_module
from loaders.document import read_document
from loaders.facts import sections as fact_sections
from loaders.pipeline.extract import extract_text
from loaders.text import sentences as text
from loaders.text import units

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


@pytest.mark.parametrize(
    ("original", "normalized"),
    [
        ("投資3萬（wàn）元", "投资3万元"),  # a pinyin note in full-width brackets
        ("投資3萬 (wàn)元", "投资3万元"),  # a space before the note
        ("园区(CBD)面积5平方公里", "园区(CBD)面积5平方公里"),  # letters without a tone mark are no note
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
