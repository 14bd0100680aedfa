"""Projects: case table (a sentence in, project rows out), offsets on the sample, gold floor.

Each case in tests/cases/projects.yaml (tests/cases/infrastructure.yaml for items):

    - id: named_list_before_count_in_production    # the pytest id
      text: 其中，华丰纸业10万吨瓦楞纸、德润冷链食品加工等9个项目已竣工投产。
      count: 2                                      # exact number of rows: spurious rows fail
      projects:                                     # expected rows, in text order
        - {name: 华丰纸业10万吨瓦楞纸, status: in_production, capacity: 10万吨}
      xfail: "why it is missed today"               # optional: runs as xfail(strict=True)

A row matches an expected one when its name contains the expected name (as the gold scorer
matches names). Only the fields written are compared; `null` means the field must be empty.
Every row must also satisfy the offset invariants: text[start:end] == raw and
text[quote_start:quote_end] == quote. The checks live in tests/casetables.py.
"""

from __future__ import annotations

import pytest

from loaders.contract.schema import PROJECT_STATUSES
from loaders.document import read_document
from loaders.items.projects import extract_projects
from tests.casetables import (
    check_case,
    check_case_table,
    check_sample_offsets,
    check_score_floor,
    load_cases,
    offset_problems,
    params,
    rows_of,
)

FIELDS = ("name", "status", "investment", "capacity", "raw")
# The floor only ratchets up: raise it when extraction improves, never lower it.
FLOOR = {"recall": 0.95, "status_accuracy": 0.9}


@pytest.mark.parametrize("case", params("projects"))
def test_projects_are_read_as_a_careful_annotator_reads_them(case):
    check_case(case, extract_projects, "projects", FIELDS)


def test_project_case_table_is_well_formed():
    for case in check_case_table("projects", "projects", {"status": PROJECT_STATUSES}):
        for row in case.get("projects") or []:
            assert row["name"] in case["text"], (case["id"], row["name"])


def test_case_tables_hold_at_least_forty_cases():
    assert len(load_cases("projects")) + len(load_cases("infrastructure")) >= 40


def test_extraction_never_raises_on_fragments_and_odd_text():
    for text in ("", "项目", "等", "（）", "、、等项目", "投资亿元的项目", "其中，等3个项目已投产。", "\n五、下步\n"):
        assert offset_problems(text, rows_of(extract_projects, text)) == []


def test_a_zone_of_the_report_named_where_projects_start_is_no_project():
    from loaders.document import read_document

    text = "落户高新区的12个重大项目，今日在该区的东湖生态科技产业园集中开工。"
    zones = {"东湖生态科技产业园": "z1"}
    rows = extract_projects(read_document(text), lambda offset: "东湖生态科技产业园", "doc", zones)
    assert [row["name"] for row in rows] == []
    assert [row["name"] for row in rows_of(extract_projects, text)] == ["东湖生态科技产业园"]


def test_the_zone_of_the_report_named_as_a_project_is_no_project():
    text = "青禾新材料产业园项目正在加紧筹备开工前的各项工作，鹤翔化肥项目已签约入园。"
    zones = {"青禾新材料产业园": "z1"}
    rows = extract_projects(read_document(text), lambda offset: "青禾新材料产业园", "doc", zones)
    assert [row["name"] for row in rows] == ["鹤翔化肥项目"]
    assert "青禾新材料产业园项目" in [row["name"] for row in rows_of(extract_projects, text)]


def test_every_project_row_of_the_sample_points_at_its_name_and_sentence(sample_tables):
    check_sample_offsets(sample_tables, "projects")


def test_project_recall_and_status_on_the_sample_stay_above_their_floor(sample_tables):
    check_score_floor(sample_tables, "projects", FLOOR)


def test_new_or_extended_before_a_list_is_no_part_of_the_first_name():
    """新(扩)建 opens the list of named projects; the case tables match names by containment, so the
    exact names are asserted here."""
    text = "上半年，新(扩)建青禾电子、云岭机械等12个项目实现达产达效。"
    assert [row["name"] for row in rows_of(extract_projects, text)] == ["青禾电子", "云岭机械"]



def test_names_sharing_a_counted_head_take_it_into_their_names():
    """A、B三大星级酒店: the head after the shared count is each name's (the case tables match names by
    containment, so the exact names are asserted here); a name ending in what is built keeps its own."""
    text = "正在建设鹤翔、青禾等三大星级酒店，华丰建材、远大纺织城两大市场。"
    rows = rows_of(extract_projects, text)
    assert [row["name"] for row in rows] == ["鹤翔星级酒店", "青禾星级酒店", "华丰建材市场", "远大纺织城"]
    assert [row["raw"] for row in rows] == ["鹤翔", "青禾", "华丰建材", "远大纺织城"]
    rows = rows_of(extract_projects, "鹤翔科技、青禾食品两大重点项目相继投产。")
    assert [row["name"] for row in rows] == ["鹤翔科技", "青禾食品"]  # a group head is no part of a name


def test_phases_said_after_a_project_named_by_its_phase_take_its_name():
    """X一期、二期…，三期…: each phase is a row named after the project (the case tables match names by
    containment, so the exact names are asserted here); the raw is the phase as written."""
    text = "鹤翔产业园一期、二期已投产，三期项目供地筹备中。"
    rows = rows_of(extract_projects, text)
    assert [(row["name"], row["raw"], row["status"]) for row in rows] == [
        ("鹤翔产业园一期", "鹤翔产业园一期", "in_production"),
        ("鹤翔产业园二期", "二期", "in_production"),
        ("鹤翔产业园三期项目", "三期", "planned"),
    ]


# A paragraph longer than a line's reach for its group (projects_lines._GROUP_REACH) above numbered lines: the
# lines are under a group only when that paragraph closes on projects with a colon, never because a group's
# label opens the report above it.
LONG_PARAGRAPH = "园区加快转型升级，" * 525
LINES_AFTER_A_LONG_PARAGRAPH = {
    "a_group_label_opening_the_report_far_above": ("（一）新开工项目\n" + LONG_PARAGRAPH + "。", []),
    "a_paragraph_closing_on_projects_with_a_colon": (LONG_PARAGRAPH + "今年重点推进的项目：", ["青禾纺织二期", "鹤翔电子三期"]),
    "a_short_paragraph_under_a_group_label": ("（一）新开工项目\n" + LONG_PARAGRAPH[:90] + "。", []),
}


@pytest.mark.parametrize("shape", sorted(LINES_AFTER_A_LONG_PARAGRAPH))
def test_numbered_lines_after_a_long_paragraph_are_under_a_group_only_if_it_closes_on_projects(shape):
    above, names = LINES_AFTER_A_LONG_PARAGRAPH[shape]
    text = above + "\n1.青禾纺织二期，总投资2亿元。\n2.鹤翔电子三期，总投资3亿元。\n"
    assert [row["name"] for row in rows_of(extract_projects, text)] == names


def test_a_phase_of_the_reports_own_zone_is_no_project():
    """白鹭加工出口区第二期标准厂房于去年完工: the zone's second phase, built as its standard factories are, is the
    zone's (read with the zones the report itself names, which the case table's one-zone reading does not know)."""
    from loaders.pipeline.extract import extract_text

    rows = extract_text("白鹭加工出口区第二期标准厂房于去年完工，园区新引进鹤翔电子项目。")
    assert [zone["name"] for zone in rows["zones"]] == ["白鹭加工出口区"]
    assert [project["name"] for project in rows["projects"]] == ["鹤翔电子项目"]
