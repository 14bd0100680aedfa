"""The reports a page offers: the first of them in the documents' order, how many there are, and the ones
already chosen, whatever the zones (a link) or when they qualify (a choice made before)."""

from __future__ import annotations

import dashboard_fixtures as fx
import pandas as pd
import pytest

from pages._shared import model, report_choices
from pages._shared.model import Selection

A, B = fx.Z_HEQI, fx.Z_ZHECHENG


def _tables() -> model.Tables:
    """Five reports of one file (in part order d5, d1, d2, d3, d4): zone A writes d5, d1, d3; zone B d2, d4.
    d3 holds no figure; d4's figures are targets of 2024 only."""
    documents = pd.DataFrame(
        [dict(doc_id=doc_id, source_file="zones.txt", part=part, title=f"报告{doc_id}", doc_type="briefing")
         for part, doc_id in enumerate(("d5", "d1", "d2", "d3", "d4"), start=1)]
    )
    zones = pd.DataFrame([
        dict(zone_id=A, name=fx.HEQI, aliases=[], anonymized=False, leading_industries=[], doc_ids=["d5", "d1", "d3"]),
        dict(zone_id=B, name=fx.ZHECHENG, aliases=[], anonymized=False, leading_industries=[], doc_ids=["d2", "d4"]),
    ])
    facts = pd.DataFrame([
        fx._fact("f1", "d1", A, "revenue", "actual", 1e9, "CNY", 2025, raw="10亿元"),
        fx._fact("f2", "d2", B, "revenue", "actual", 2e9, "CNY", 2025, raw="20亿元"),
        fx._fact("f3", "d4", B, "revenue", "target", 3e9, "CNY", 2024, raw="30亿元"),
        fx._fact("f4", "d5", A, "tax", "actual", 1e8, "CNY", 2025, raw="1亿元"),
    ])
    facts["start"], facts["end"] = 0, 4
    return model.tables_from_frames({"documents": documents, "zones": zones, "facts": facts})


@pytest.fixture(scope="module")
def tables() -> model.Tables:
    return _tables()


def test_reports_with_figures_are_listed_in_the_documents_order_with_their_titles(tables):
    choices = report_choices.reports_with_facts(tables, Selection())
    assert choices.labels == {"d5": "报告d5", "d1": "报告d1", "d2": "报告d2", "d4": "报告d4"}
    assert (choices.total, choices.cut) == (4, False)


def test_reports_with_figures_follow_the_selection(tables):
    assert list(report_choices.reports_with_facts(tables, Selection(zone_ids=(B,))).labels) == ["d2", "d4"]
    assert list(report_choices.reports_with_facts(tables, Selection(years=(2025,))).labels) == ["d5", "d1", "d2"]
    assert list(report_choices.reports_with_facts(tables, Selection(kinds=("target",))).labels) == ["d4"]


def test_a_long_list_is_cut_and_chosen_reports_that_qualify_stay_listed_last(tables):
    choices = report_choices.reports_with_facts(tables, Selection(), keep=("d4", "d3", "nope", "d1"), limit=2)
    assert list(choices.labels) == ["d5", "d1", "d4"]  # d3 holds no figure, "nope" is no report
    assert (choices.total, choices.cut) == (4, True)
    assert list(report_choices.reports_with_facts(tables, Selection(zone_ids=(A,)), keep=("d4",), limit=1).labels) \
        == ["d5"]  # d4 holds no figure of zone A


def test_reports_about_the_zones_list_every_report_of_them(tables):
    assert report_choices.reports_about(tables, Selection()).labels == {
        doc_id: f"报告{doc_id}（zones.txt #{part}）" for part, doc_id in enumerate(("d5", "d1", "d2", "d3", "d4"), 1)
    }
    choices = report_choices.reports_about(tables, Selection(zone_ids=(A,)))
    assert (list(choices.labels), choices.total) == (["d5", "d1", "d3"], 3)


def test_a_linked_report_is_listed_whatever_the_zones_and_the_shown_one_only_when_it_qualifies(tables):
    about_a = Selection(zone_ids=(A,))
    linked = report_choices.reports_about(tables, about_a, focus="d4", limit=1)
    assert (list(linked.labels), linked.total, linked.cut) == (["d5", "d4"], 4, True)
    assert list(report_choices.reports_about(tables, about_a, current="d3", limit=1).labels) == ["d5", "d3"]
    assert list(report_choices.reports_about(tables, about_a, current="d2", limit=1).labels) == ["d5"]
    assert list(report_choices.reports_about(tables, about_a, focus="nope", current="nope").labels) == \
        ["d5", "d1", "d3"]
