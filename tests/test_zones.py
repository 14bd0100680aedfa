"""Zone names as a grammar: tests/cases/zones.yaml, a made-up report in, its zones out.

Each case runs the real path (normalize, the zone grammar, the resolver) and checks the zones,
the subject, aliases, parents, why candidates were rejected, and which zone a figure is about.
"""

from __future__ import annotations

import pytest

from loaders.pipeline.extract import extract_text
from loaders.text.normalize import normalize
from loaders.zones.resolver import ZoneResolver, joined_line_test
from tests.casetables import load_cases, params

CASE_KEYS = {"id", "text", "zones", "subject", "aliases", "parent", "rejected", "at", "xfail", "note"}
FALLBACK = "未识别区域（inline#1）"


def resolve(text: str) -> ZoneResolver:
    normalized = normalize(text)
    return ZoneResolver(normalized.text, FALLBACK, joined_line_test(normalized), normalized.traditional)


def problems_of(case: dict) -> list[str]:
    resolver = resolve(case["text"])
    problems = []
    if set(resolver.zones) != set(case["zones"]):
        problems.append(f"zones: expected {sorted(case['zones'])}, got {sorted(resolver.zones)}")
    if "subject" in case and resolver.main != case["subject"]:
        problems.append(f"subject: expected {case['subject']}, got {resolver.main}")
    for name, aliases in (case.get("aliases") or {}).items():
        got = sorted(resolver.zones[name].aliases) if name in resolver.zones else None
        if got != sorted(aliases):
            problems.append(f"aliases of {name}: expected {sorted(aliases)}, got {got}")
    for name, parent in (case.get("parent") or {}).items():
        got = resolver.zones[name].parent if name in resolver.zones else None
        if got != parent:
            problems.append(f"parent of {name}: expected {parent}, got {got}")
    rejections = [(rejection.text, rejection.reason) for rejection in resolver.rejections]
    for wanted in case.get("rejected") or []:
        if not any(text.endswith(wanted["text"]) and reason == wanted["reason"] for text, reason in rejections):
            problems.append(f"rejection {wanted}: not among {rejections}")
    simplified = normalize(case["text"]).text
    for raw, zone in (case.get("at") or {}).items():
        offset = simplified.index(raw)
        if resolver.zone_at(offset) != zone:
            problems.append(f"figure {raw}: expected {zone}, got {resolver.zone_at(offset)}")
    return problems


@pytest.mark.parametrize("case", params("zones"))
def test_zone_names_are_read_as_a_grammar(case):
    problems = problems_of(case)
    if problems:
        pytest.fail(f"{case['id']}: {case['text']!r}\n  " + "\n  ".join(problems), pytrace=False)


def test_zone_cases_are_well_formed():
    cases = load_cases("zones")
    ids = [case["id"] for case in cases]
    assert len(ids) == len(set(ids))
    assert len(cases) >= 40
    for case in cases:
        assert set(case) <= CASE_KEYS, (case["id"], set(case) - CASE_KEYS)
        assert case["zones"], case["id"]
        for raw in case.get("at") or {}:
            assert raw in normalize(case["text"]).text, (case["id"], raw)


def test_rejections_name_their_reason_from_the_lexicon():
    """Every reason a test can assert is a reject class of lexicon/zones.yaml or a rule of the grammar."""
    from loaders.zones.names import lexicon

    known = set(lexicon()["reject"]) | {"ordinal", "date", "no_name", "too_short", "too_long", "industry",
                                        "project", "line_break", "generic", "garbled", "plain_word"}
    reasons = {wanted["reason"] for case in load_cases("zones") for wanted in case.get("rejected") or []}
    assert reasons <= known, reasons - known


def test_a_figure_after_pinyin_notes_points_back_into_the_original():
    """normalize drops 經(jīng)開區's pinyin notes and still maps every offset back."""
    original = "常州經(jīng)開區(qū)前三季度實(shí)現(xiàn)產值420億元"
    normalized = normalize(original)
    assert normalized.text == "常州经开区前三季度实现产值420亿元"
    start = normalized.text.index("420亿元")
    first, last = normalized.span(start, start + len("420亿元"))
    assert original[first:last] == "420億元"


LIST_REPORT = ("二十一、临江万盛工业园\n临江万盛工业园地处渝南，是市级园区。\n二十二、临江同兴工业园\n"
               "临江同兴工业园规划面积5平方公里。\n二十三、临江荣昌工业园\n临江荣昌工业园规划面积15平方公里。\n")


def test_a_listing_report_keeps_no_row_for_its_first_zone_when_it_gives_that_zone_no_figure():
    resolver = resolve(LIST_REPORT)
    assert resolver.main == "临江万盛工业园"
    used = [zone.name for zone in resolver.used({"临江同兴工业园", "临江荣昌工业园"})]
    assert used == ["临江同兴工业园", "临江荣昌工业园"]


def test_a_report_about_one_zone_keeps_its_subject_row_beside_one_other_zone():
    resolver = resolve(LIST_REPORT)
    assert [zone.name for zone in resolver.used({"临江同兴工业园"})] == ["临江万盛工业园", "临江同兴工业园"]


def test_a_preface_that_names_no_zone_and_gives_no_figure_keeps_no_zone_row():
    """A file's preface before its 第1篇 (page counts, a collection's title): no zone, no rows, no zone row."""
    resolver = resolve("- 约3.1万字\n- 2025-01-08 发布于河北\n招商工作总结范文(共4篇)\n")
    assert resolver.main == FALLBACK
    assert resolver.used(set()) == []


def test_an_unnamed_subject_without_rows_beside_a_group_with_rows_keeps_no_zone_row():
    """A report naming no zone of its own whose only figures are a group's (全省开发区): 未识别区域 holds nothing to list."""
    resolver = resolve("全省开发区工作会议召开。今年以来，开发区围绕增强招商吸引力，不断加大工作力度。开发区对全省经济发展发挥了重要作用。"
                       "据统计，2023年全省开发区实现营业收入5000亿元。")
    assert resolver.main == FALLBACK
    assert [zone.name for zone in resolver.used({"全省开发区"})] == ["全省开发区"]


def test_an_unnamed_report_with_figures_keeps_its_zone_row():
    resolver = resolve("今年以来，园区新签约项目12个，完成投资8亿元。")
    assert [zone.name for zone in resolver.used({FALLBACK})] == [FALLBACK]


def test_a_named_subject_without_rows_keeps_its_zone_row():
    """Only an unnamed subject with no rows is dropped: a report naming its zone keeps it, rows or none."""
    resolver = resolve("临江经济开发区召开年度工作会议。")
    assert [zone.name for zone in resolver.used(set())] == ["临江经济开发区"]


PARK_WITH_PROJECTS = ("临江经济开发区2024年实现规上工业产值86亿元，新增入驻企业12家。\n"
                      "青禾电子产业园：年产500万套智能终端项目建成投产，鹤翔精密零部件项目开工建设，新建园区道路3.2公里。")


def test_a_park_holding_only_projects_and_works_gives_them_to_the_zone_with_figures():
    tables = extract_text(PARK_WITH_PROJECTS)
    assert [zone["name"] for zone in tables["zones"]] == ["临江经济开发区"]
    zone_id = tables["zones"][0]["zone_id"]
    assert tables["projects"] and {row["zone_id"] for row in tables["projects"] + tables["infrastructure"]} == {zone_id}


def test_a_park_keeps_its_projects_when_the_subject_has_no_figure():
    tables = extract_text("临江经济开发区召开项目推进会。\n青禾电子产业园：年产500万套智能终端项目建成投产，鹤翔精密零部件项目开工建设。")
    names = {zone["zone_id"]: zone["name"] for zone in tables["zones"]}
    assert {names[row["zone_id"]] for row in tables["projects"]} == {"青禾电子产业园"}


def test_a_zone_named_by_the_short_form_of_its_type_takes_the_full_form_as_its_name():
    """临江经开区 → 临江经济技术开发区: the written form is kept as an alias and its figures follow the zone."""
    tables = extract_text("今年前三季度，临江经开区完成规模工业总产值180亿元。青禾综保区实现营业收入20亿元。")
    zones = {zone["name"]: zone for zone in tables["zones"]}
    assert set(zones) == {"临江经济技术开发区", "青禾综合保税区"}
    assert zones["临江经济技术开发区"]["aliases"] == ["临江经开区"]
    names = {zone["zone_id"]: name for name, zone in zones.items()}
    assert {fact["raw"]: names[fact["zone_id"]] for fact in tables["facts"]} == {
        "180亿元": "临江经济技术开发区", "20亿元": "青禾综合保税区"}


def test_a_group_or_a_short_form_with_several_full_forms_keeps_its_written_name():
    """全市经开区 is several zones; 高新区 is written in full in more than one way (高新技术产业开发区, 新技术开发区)."""
    group = extract_text("2023年，全市经开区实现营业收入900亿元。")
    single = extract_text("2023年，临江高新区实现营业收入300亿元。")
    assert [zone["name"] for zone in group["zones"] + single["zones"]] == ["全市经开区", "临江高新区"]


def test_one_zone_written_both_ways_in_two_reports_is_one_zone():
    from loaders.zones.resolver import merge_zones

    first = extract_text("临江经开区上半年完成固定资产投资50亿元。", "a.txt")["zones"]
    second = extract_text("临江经济技术开发区上半年新签约项目12个。", "b.txt")["zones"]
    merged = merge_zones(first + second)
    assert [(zone["name"], zone["aliases"]) for zone in merged] == [("临江经济技术开发区", ["临江经开区"])]
