"""Quantities + metric wording + kind + period + scope -> facts.

Every quantity is read against the words between it and the figure before it in the same
sentence (its window): the nearest metric wording names the metric, cue words the kind.
A figure with no wording of its own continues the sentence's last metric (其中 breakdowns,
restatements in other units, growth rates). The rules that decide are named functions in
facts/rules.py; each figure they leave out keeps the rule's name (see `explain`). Wordings and
cues are data in lexicon/.
"""

from __future__ import annotations

import bisect
import math
import re
from collections import Counter
from dataclasses import dataclass, field

from ..contract.schema import stable_id
from ..document import Document, read_document
from ..text.periods import period_before
from ..text.places import gazetteer, short_forms
from ..text.units import Quantity
from ..zones.lexicon import (
    UNNAMED_ZONE_OPENING,
    group_anchor,
    group_count_pattern,
    names_a_group_of_zones,
    whole_after_its_province,
    whole_place_anchors,
)
from ..zones.scopes import own_zone_references
from .gates import GROUP_NAMED_AGAIN, groups_named_again
from .lexicon import (
    CLAUSE_MARK,
    METRIC_DIMENSION,
    NEW_PART,
    NOT_A_METRIC,
    after_last_comma,
    after_last_semicolon,
    cues,
    has,
    keyword_index,
    keyword_pattern,
    metric_units,
    pattern_of,
    status_of_word,
    status_pattern,
)
from .rules import (
    CLAUSE_STOP,
    NO_WORDING_TO_CONTINUE,
    OWN_INDICATOR_RULES,
    SUMS_OF_WIDER_SCOPES,
    Decision,
    LeftOut,
    Reading,
    decide,
)
from .scopes import (
    financing_scope,
    group_scope,
    inherited_scope,
    lexicon_scope,
    owner_name,
    part_of_a_flow,
    part_of_area,
)
from .sections import in_a_year_s_plan, in_plan
from .subjects import (
    a_place_report,
    industry_named,
    names_no_zone,
    opens_speaking_as_a_place,
    part_named_in_a_breakdown,
)
from .wordings import AREA_OF_THE_ZONE_NAMED_AFTER

_AREA_OWNER = re.compile(r"的([\u4e00-\u9fff]{2,12})")
_BREAKDOWN = re.compile(r"[（(]*+其中")  # a sentence opening on 其中 breaks down the sentence before


@dataclass
class Fact:
    quantity: Quantity
    metric: str
    kind: str
    value: float
    unit: str
    zone: str
    year: int | None
    relative_year: int | None
    months: str | None
    cumulative: bool
    scope: str | None
    status: str | None
    basis: str | None
    sentence: int
    quote: tuple[int, int]
    wording: str | None
    stated_completion: float | None = None
    parent: Fact | None = None
    children: list = field(default_factory=list)


def _apply_respectively(text: str, sentence, sentence_facts: list[Fact], left_out: list[tuple[Quantity, str]]) -> None:
    """Pair the values after 分别/依次 with the metrics, figures or statuses listed before it, in order;
    each part of the sentence between ； is a list of its own."""
    if not sentence_facts:
        return  # nothing to pair
    growths = sum(fact.kind == "growth" for fact in sentence_facts)
    if growths < 2 and not pattern_of(cues()["respectively"]).search(text, sentence.start, sentence.end):
        return  # no 分别, and no list of growth rates
    for start, end in _semicolon_parts(text, sentence):
        part_facts = [f for f in sentence_facts if start <= f.quantity.start < end]
        marker = pattern_of(cues()["respectively"]).search(text, start, end)
        if marker and part_facts:
            removed = _pair_respectively(text, start, marker.start(), part_facts, left_out)
            for fact in removed:
                sentence_facts.remove(fact)
        elif part_facts:
            _pair_a_list_of_growth_rates(text, part_facts)


def _pair_a_list_of_growth_rates(text: str, part_facts: list[Fact]) -> None:
    """实现营业收入120亿元、税收5亿元，同比增长12%、8%: growth rates listed one after another (only list
    joiners between them) after as many amounts pair with those amounts in order, as with 分别."""
    growths = [f for f in part_facts if f.kind == "growth"]
    if len(growths) < 2:
        return
    joiners = cues()["list_joiners"]
    pairs = zip(growths, growths[1:], strict=False)
    if any(text[a.quantity.end : b.quantity.start].strip() not in joiners for a, b in pairs):
        return
    amounts = [f for f in part_facts if f.kind != "growth" and f.quantity.end <= growths[0].quantity.start]
    if any(f.quantity.start > growths[0].quantity.start for f in part_facts if f.kind != "growth" and f not in amounts):
        return
    if len({f.metric for f in amounts[-len(growths) :]}) == len(growths):
        _pair_growth_with_listed_amounts(growths, amounts, [])


def _semicolon_parts(text: str, sentence) -> list[tuple[int, int]]:
    parts, start = [], sentence.start
    for match in re.finditer(r"[；;]", text[sentence.start : sentence.end]):
        parts.append((start, sentence.start + match.end()))
        start = sentence.start + match.end()
    return parts + [(start, sentence.end)]


def _pair_respectively(text: str, start: int, at: int, part_facts: list[Fact], left_out) -> list[Fact]:
    """One list with 分别 at `at`: metrics, statuses and growth rates paired in order; returns the
    growth rates of figures left out, which are dropped."""
    before, after = [f for f in part_facts if f.quantity.end <= at], [f for f in part_facts if f.quantity.start > at]
    amounts = [f for f in after if f.kind != "growth"]
    growths = [f for f in after if f.kind == "growth"]
    listed = text[start:at]
    wordings = [keyword_index()[m.group()] for m in keyword_pattern().finditer(listed)]
    figures_listed = bool(amounts or before) or any(start <= q.start and q.end <= at for q, _ in left_out)
    unnamed = _pair_growth_with_wordings(growths, wordings, figures_listed)
    wordings = [
        k for k in wordings
        if amounts and k.metric != NOT_A_METRIC
        and METRIC_DIMENSION.get(metric_units()[k.metric]) == METRIC_DIMENSION.get(amounts[0].unit)
    ]
    if len(wordings) >= 2 and len({k.metric for k in wordings}) >= 2:
        for fact, keyword in zip(amounts, wordings, strict=False):
            fact.metric, fact.wording = keyword.metric, keyword.word
    statuses = [status for _, status, _ in _statuses_in(listed)]
    projects = [f for f in amounts if f.metric == "projects"]
    if len(statuses) >= 2 and len(projects) >= 2:
        for fact, status in zip(projects, statuses, strict=False):
            fact.status = status
    wholes = [f for f in before if f.kind != "growth"]
    figures = _listed_figures(wholes, [(q, rule) for q, rule in left_out if start <= q.start and q.end <= at])
    figures = figures[-len(growths) :] if growths else []  # the list is the figures right before 分别
    removed = []
    for fact in unnamed:
        removed.append(fact)
        left_out.append((fact.quantity, "growth_of_an_indicator_outside_the_vocabulary"))
    if None in figures and len(figures) == len(growths) >= 1:
        for fact, whole in zip(growths, figures, strict=True):
            if whole is None:  # 财政收入2亿元…分别增长20%: the growth of a figure left out
                removed.append(fact)
                left_out.append((fact.quantity, "growth_of_a_figure_left_out"))
            else:
                fact.metric, fact.scope = whole.metric, whole.scope
    elif len(wholes) >= 2 and len(growths) >= 2:
        # 107家企业实现产值143亿元，销售137亿元，分别增长34%和35%: the figures right before 分别
        for fact, whole in zip(growths, wholes[-len(growths) :], strict=False):
            fact.metric, fact.scope = whole.metric, whole.scope
    else:
        for fact in _pair_growth_with_listed_amounts(growths, amounts, [(q, r) for q, r in left_out if q.start > at]):
            removed.append(fact)
            left_out.append((fact.quantity, "growth_of_a_figure_left_out"))
    return removed


def _pair_growth_with_listed_amounts(growths: list[Fact], amounts: list[Fact], left_out) -> list[Fact]:
    """营业收入、产值分别达到120亿元、98亿元，分别增长12%、10%: growth rates after the amounts of a 分别
    list pair with those amounts in order (the last as many amounts before the first rate); returns
    those paired with an amount left out as an indicator of its own (工业增加值), which are dropped."""
    if len(growths) < 2:
        return []
    first = growths[0].quantity.start
    kept: list[tuple[int, Fact | None]] = [(f.quantity.start, f) for f in amounts if f.quantity.end <= first]
    dropped: list[tuple[int, Fact | None]] = [(q.start, None) for q, rule in left_out
                                              if rule in OWN_INDICATOR_RULES and q.end <= first]
    listed = [figure for _, figure in sorted(kept + dropped, key=lambda item: item[0])]
    if len(listed) < len(growths):
        return []
    unnamed = []
    for fact, whole in zip(growths, listed[-len(growths) :], strict=True):
        if whole is None:
            unnamed.append(fact)
        else:
            fact.metric, fact.scope = whole.metric, whole.scope
    return unnamed


def _pair_growth_with_wordings(growths: list[Fact], wordings: list, figures_listed: bool) -> list[Fact]:
    """营业收入和税收分别增长10%和8%: with no figures listed, the growth rates pair with the wordings;
    returns those paired with a wording of no metric (财政收入), which are dropped."""
    if figures_listed or len(growths) < 2 or len(wordings) != len(growths) or len({k.metric for k in wordings}) < 2:
        return []
    unnamed = []
    for fact, keyword in zip(growths, wordings, strict=True):
        fact.metric, fact.wording = keyword.metric, keyword.word
        if keyword.metric == NOT_A_METRIC:
            unnamed.append(fact)
    return unnamed


def _listed_figures(wholes: list[Fact], left_out: list[tuple[Quantity, str]]) -> list[Fact | None]:
    """The figures listed before 分别 in text order, None for those left out as indicators of their own
    or as amounts in another currency (出口创汇3450万美元)."""
    listed: list[tuple[int, Fact | None]] = [(whole.quantity.start, whole) for whole in wholes]
    listed += [
        (quantity.start, None)
        for quantity, rule in left_out
        if rule in OWN_INDICATOR_RULES and quantity.dimension not in ("percent", "ratio")
        or rule == "unit_of_no_metric" and quantity.dimension.startswith("money_")
    ]
    return [figure for _, figure in sorted(listed, key=lambda item: item[0])]


def _statuses_in(text: str) -> list[tuple[int, str, int]]:
    by_word = status_of_word()
    found: list[tuple[int, str, int]] = []
    for match in status_pattern().finditer(text):
        status, strength = by_word[match.group()]
        if not found or found[-1][1] != status:
            found.append((match.start(), status, strength))
    return found


@dataclass
class Extraction:
    """Facts of one normalised text, the money/area figures nobody could place (quality notes),
    and every figure seen but left out, with the rule that left it out."""

    facts: list[Fact] = field(default_factory=list)
    unplaced: list[tuple[Quantity, str]] = field(default_factory=list)
    left_out: list[tuple[Quantity, str]] = field(default_factory=list)
    wordless: list[Reading] = field(default_factory=list)  # figures with no wording: restatements?


def extract_facts(
    document: Document, zone_at, doc_year: int | None, main_zone: str | None = None
) -> tuple[list[Fact], list[tuple[Quantity, str]]]:
    """Facts of one report, and the money/area figures that could not be placed."""
    extraction = read_facts(document, zone_at, doc_year, main_zone)
    return extraction.facts, extraction.unplaced


def read_facts(document: Document, zone_at, doc_year: int | None = None, main_zone: str | None = None) -> Extraction:
    """Every quantity of a report read sentence by sentence into facts or left-out figures. A report whose
    subject (`main_zone`) is a group of zones keeps the sums of groups of zones as its figures."""
    on_a_group = names_a_group_of_zones(main_zone) or a_whole_place_group(main_zone, document.text) \
        or places_zones(main_zone, document.text) or a_whole_places_zones(main_zone, document.text)
    unnamed = no_named_subject(main_zone)
    on_a_place = a_place_report(document) or (unnamed and names_no_zone(document)) or opens_speaking_as_a_place(document)
    extraction = Extraction()
    text, quantities, plans = document.text, document.quantities.all, document.plan_spans
    groups_again = groups_named_again(text) if unnamed else frozenset()
    own_zone_at = tuple(own_zone_references(text, main_zone)) if main_zone and not (on_a_group or unnamed) else ()
    position = 0
    previous_sentence_facts: list[Fact] = []
    sums_before: list[tuple[Quantity, int]] = []  # the last sentence's wider or group sums left out, with its start
    for sentence in document.sentences:
        in_sentence = []
        while position < len(quantities) and quantities[position].start < sentence.end:
            if quantities[position].start >= sentence.start:
                in_sentence.append(quantities[position])
            position += 1
        if not in_sentence:
            continue  # a sentence without figures has nothing to read, nor to pair
        left_out: list[tuple[Quantity, str]] = []
        planned = in_plan(plans, sentence.start) or in_plan(document.plan_paragraphs, sentence.start) \
            or in_a_year_s_plan(document.year_plans, sentence.start, doc_year)
        sentence_facts = _read_sentence(
            document, sentence, in_sentence, previous_sentence_facts, zone_at, extraction, left_out,
            planned=planned, doc_year=doc_year, on_a_group=on_a_group, sums_before=sums_before, on_a_place=on_a_place,
            groups_again=groups_again, own_zone_at=own_zone_at,
        )
        sums_before = [(quantity, sentence.start) for quantity, rule in left_out if rule in SUMS_OF_WIDER_SCOPES]
        _apply_respectively(text, sentence, sentence_facts, left_out)
        extraction.left_out.extend(left_out)
        extraction.facts.extend(sentence_facts)
        if sentence_facts:
            previous_sentence_facts = sentence_facts
        elif _about_another_indicator(left_out):
            previous_sentence_facts = []  # 增加值同比增长21.1%。其中，电子信息产业增长49.1%: that indicator's parts
    _read_restatements(extraction, zone_at)
    return extraction


_ANOTHER_INDICATOR_RULES = OWN_INDICATOR_RULES | {"growth_of_an_indicator_outside_the_vocabulary"}


def _about_another_indicator(left_out: list[tuple[Quantity, str]]) -> bool:
    """A sentence whose figures were all left out, its first as an indicator outside the vocabulary (工业增加值,
    财政收入): a breakdown in the next sentence (其中…) breaks that indicator down, not a figure read before it."""
    return bool(left_out) and left_out[0][1] in _ANOTHER_INDICATOR_RULES


def no_named_subject(zone: str | None) -> bool:
    """The report names no zone of its own as its subject: none at all, or only a place's zones (安阳市产业集聚区).
    Only then may a group of zones it names again and again be what it reports on."""
    if zone is None or zone.startswith(UNNAMED_ZONE_OPENING):
        return True
    place = _place_of_generic_zone(zone)
    if not place:
        return False
    return place in gazetteer() or bool(short_forms().get(place))


def a_whole_place_group(zone: str | None, text: str) -> bool:
    """全省15个产业园区 as the report's subject, named again and again (15个产业园区…，全省15个园区…): a
    counted group of a whole province's or city's zones that the report is about, whose sums are its
    figures. Named once (全市17个产业集聚区共完成…。园区实现…), it is the setting of a report on one zone."""
    if zone is None or group_anchor(zone) is None:
        return False
    count = group_count_pattern().search(zone)
    if count is None:
        return False
    named = re.compile(rf"{re.escape(count.group())}[^，。；,;]{{0,10}}?(?:{'|'.join(cues()['zone_words'])})")
    return len(named.findall(text)) >= GROUP_NAMED_AGAIN


# A zone type with no name of its own: a place followed by one of these names the place's zones together.
_GENERIC_TYPES = ("工业园区", "产业园区", "园区", "开发区", "产业集聚区", "工业集中区")
# 全省开发区, 全市各类工业园区: a whole place's zones with no count, as the report's subject; 高新区 and 经开区
# too (全省高新区 are all the province's, where 安顺高新区 is one zone).
_WHOLE_PLACES_ZONES = re.compile(rf"(?:各类|各|的)?(?:工业|产业)?(?:{'|'.join((*_GENERIC_TYPES, '高新区', '经开区'))})")


def a_whole_places_zones(zone: str | None, text: str) -> bool:
    """全省开发区 (a whole province's or city's zones, uncounted) as the report's subject, named again
    (我省开发区经济运行平稳。全省开发区完成…): the report is about them together, and their sums are its
    figures. Named once (全省产业集聚区完成…), it is the setting of a report on one zone."""
    if zone is None:
        return False
    zone = whole_after_its_province(zone)  # 江西全省工业园区 as 全省工业园区
    anchor = group_anchor(zone)
    if anchor is None or _WHOLE_PLACES_ZONES.fullmatch(zone, len(anchor)) is None:
        return False
    return text.count(zone[1:]) >= GROUP_NAMED_AGAIN  # 省开发区 of 全省开发区 and 我省开发区


def _place_of_generic_zone(zone: str) -> str | None:
    """安阳市 of 安阳市产业集聚区: what stands before a zone type with no name of its own ('' for the bare
    type, None when the zone ends in no such type)."""
    kind = next((kind for kind in _GENERIC_TYPES if zone.endswith(kind)), None)
    return None if kind is None else zone[: -len(kind)]


def places_zones(zone: str | None, text: str) -> bool:
    """安顺工业园区 (a city and a bare zone type) as the report's subject, whose text speaks of 全市园区 or
    全市5个工业园区: the city's zones together, whose sums (全市园区累计完成工业总产值…) are its figures."""
    place = None if zone is None else _place_of_generic_zone(zone)
    if place is None:
        return False
    full_names = (place,) if place in gazetteer() else short_forms().get(place, ())
    anchors = {whole_place_anchors().get(row["level"]) for name in full_names for row in gazetteer()[name]} - {None}
    if len(anchors) != 1:
        return False  # no place, or a short form of places of several levels (吉林: 吉林省, 吉林市)
    count = rf"(?:{group_count_pattern().pattern})?"  # 全市5个工业园区: the city's zones counted, as uncounted
    return re.search(rf"{anchors.pop()}(?:各类|各)?{count}(?:工业|产业)?(?:{'|'.join(_GENERIC_TYPES)})", text) is not None


RESTATED_DIGITS = 2  # significant digits a wordless figure needs to be taken as a restatement (56亿元, not 10亿元)


def _read_restatements(extraction: Extraction, zone_at) -> None:
    """郑州航空港一季度“吸金”20.03亿元 (a headline) or 前三季度，超1.85万亿元！: a figure with no wording that
    states again, to 0.5%, a kept figure of the report in the same unit takes that figure's metric
    and kind. Only figures with enough significant digits: a round 10亿元 may be anything."""
    kept = _KeptAmounts([fact for fact in extraction.facts if fact.kind != "growth"])
    restated: list[Quantity] = []
    for reading in extraction.wordless:
        quantity = reading.quantity
        if len(re.sub(r"\D", "", quantity.raw).strip("0")) < RESTATED_DIGITS:
            continue
        same = kept.stated_again(quantity)
        if not same:
            continue
        stated = min(same, key=lambda fact: abs(fact.quantity.start - quantity.start))
        decision = Decision(stated.metric, stated.kind, quantity.value, inherited=stated)
        extraction.facts.append(_fact(reading, decision, zone_at))
        restated.append(quantity)
    if restated:  # left out no more: taken out of the lists once, not searched again for every figure
        _no_longer_left_out(extraction, restated)
    extraction.facts.sort(key=lambda fact: fact.quantity.start)


class _KeptAmounts:
    """The kept facts of a report by unit, sorted by value: the ones a wordless figure states again (to 0.5%)
    are found by bisection, not by a pass over every fact for every figure."""

    def __init__(self, facts: list[Fact]):
        by_unit: dict[str, list[tuple[float, int, Fact]]] = {}
        self._unbounded: dict[str, list[tuple[int, Fact]]] = {}  # values no range holds (inf, nan), tried each time
        for index, fact in enumerate(facts):
            if math.isfinite(fact.value):
                by_unit.setdefault(fact.unit, []).append((fact.value, index, fact))
            else:
                self._unbounded.setdefault(fact.unit, []).append((index, fact))
        for rows in by_unit.values():
            rows.sort()  # by value, then order kept (each index is unique: facts are never compared)
        self._values = {unit: [value for value, _, _ in rows] for unit, rows in by_unit.items()}
        self._facts = {unit: [(index, fact) for _, index, fact in rows] for unit, rows in by_unit.items()}

    def stated_again(self, quantity: Quantity) -> list[Fact]:
        """The facts of the quantity's unit within 0.5% of its value, in the order they were kept."""
        values = self._values.get(quantity.unit, [])
        # A wider range than 0.5% either way (the test below is exact): no rounding leaves a fact out.
        low, high = sorted((quantity.value / 1.01, quantity.value / 0.99))
        near = self._facts.get(quantity.unit, [])[bisect.bisect_left(values, low) : bisect.bisect_right(values, high)]
        return [
            fact for _, fact in sorted(near + self._unbounded.get(quantity.unit, []), key=lambda row: row[0])
            if abs(fact.value - quantity.value) <= 0.005 * abs(fact.value)
        ]


def _no_longer_left_out(extraction: Extraction, restated: list[Quantity]) -> None:
    """Each restated figure's first NO_WORDING_TO_CONTINUE row leaves the left-out figures, and its notes
    leave the unplaced ones."""
    removals = Counter((quantity, NO_WORDING_TO_CONTINUE) for quantity in restated)
    left_out = []
    for row in extraction.left_out:
        if removals[row]:
            removals[row] -= 1
            continue
        left_out.append(row)
    extraction.left_out = left_out
    gone = {id(quantity) for quantity in restated}
    extraction.unplaced = [(figure, note) for figure, note in extraction.unplaced if id(figure) not in gone]


def _read_sentence(
    document, sentence, quantities, previous_facts, zone_at, extraction: Extraction, left_out_here, *, planned: bool,
    doc_year: int | None, on_a_group: bool = False, sums_before: list | None = None, on_a_place: bool = False,
    groups_again: frozenset = frozenset(), own_zone_at: tuple[int, ...] = (),
) -> list[Fact]:
    text = document.text
    sentence_facts: list[Fact] = []
    breakdown = _BREAKDOWN.match(text, sentence.start, sentence.end) is not None
    project_context = any(fact.metric == "projects" for fact in previous_facts)
    previous_end = sentence.start
    sentence_memo: dict = {}
    for quantity in quantities:
        if NEW_PART.search(text, previous_end, quantity.start):
            project_context = False  # …共6个项目；1-9月完成固定资产投资12亿元: a new part of the sentence
        reading = Reading(
            document, sentence, quantity, text[previous_end : quantity.start],
            sentence_facts, previous_facts, breakdown, project_context, left_out_here, planned, doc_year, sentence_memo,
            on_a_group, sums_before=sums_before or [], report_on_a_place=on_a_place, groups_named_again=groups_again,
            own_zone_at=own_zone_at,
        )
        previous_end = quantity.end
        try:
            decision = decide(reading)
        except LeftOut as left_out:
            left_out_here.append((quantity, left_out.rule))
            if left_out.rule == NO_WORDING_TO_CONTINUE:
                extraction.wordless.append(reading)
            if left_out.unplaced:
                extraction.unplaced.append((quantity, left_out.unplaced))
            continue
        fact = _fact(reading, decision, zone_at)
        cell = document.table_cells.get(quantity.start)
        if cell is not None and cell.row is not None and not _names_its_zone(text, cell.row, fact.zone, zone_at):
            left_out_here.append((quantity, "row_of_a_place_that_is_no_zone"))
            continue
        if cell is not None and any(zone_at(end) == fact.zone and _names_its_zone(text, (start, end), fact.zone, zone_at)
                                    for start, end in cell.rows):
            left_out_here.append((quantity, "sum_of_several_zones"))  # 合计 over zone rows, one of them the zone's own
            continue
        if fact.metric == "projects":
            project_context = True
        sentence_facts.append(fact)
    return sentence_facts


def explain(document) -> list[dict]:
    """The figures of a report (raw text, or a document dict with 'text') seen but not kept:
    {start, end, raw, rule}, offsets into the original text, `rule` naming what left it out."""
    original = document["text"] if isinstance(document, dict) else document
    read = read_document(original)
    rows = []
    for quantity, rule in read_facts(read, lambda offset: None).left_out:
        start, end = read.normalized.span(quantity.start, quantity.end)
        rows.append({"start": start, "end": end, "raw": original[start:end], "rule": rule})
    return rows


_ZONE_HEADER_SHORTEST = 4  # 开发区 alone is a type word, not a name


def _names_its_zone(text: str, span: tuple[int, int], zone: str, zone_at) -> bool:
    """Whether the name of a row under a zone name column (园区名称) names the zone its figures go
    to: a row naming a place that is no zone (a street, a business district) has no figure of ours."""
    start, end = span
    name = text[start:end]
    return bool(zone) and (zone != zone_at(start - 1) or zone in name or len(name) >= _ZONE_HEADER_SHORTEST and name in zone)


def _zone_of_figure(text: str, quantity: Quantity, cell, zone_at) -> str:
    """The zone named last before the figure, or the zone its table column's header names (指标 ⇥
    青禾开发区 ⇥ 云岭园区: the figures under each are that zone's). A header names a zone when the
    zone named last at its end is named first inside it, or its name holds the header or is held."""
    if cell is not None and cell.table_at is not None:
        return zone_at(cell.table_at - 1)  # 合计 under zone rows: the zone the table is about
    if cell is not None and cell.subject is not None:
        start, end = cell.subject
        zone, header = zone_at(end), text[start:end]
        if zone and (zone != zone_at(start - 1) or zone in header or len(header) >= _ZONE_HEADER_SHORTEST and header in zone):
            return zone
    return zone_at(quantity.start)


def _fact(reading: Reading, decision: Decision, zone_at) -> Fact:
    """The fact of a kept figure: the decision plus its period, parent, cumulation, scope and status."""
    text, sentence, quantity = reading.text, reading.sentence, reading.quantity
    metric, kind = decision.metric, decision.kind
    cell = reading.document.table_cells.get(quantity.start)
    period = reading.document.period_before(sentence, quantity.start)
    if cell is not None and cell.period:
        period = period_before(cell.period, len(cell.period))  # the column's period (2023年  2024年)
    year, months = period.year, period.months
    if decision.stated_completion is not None:
        months = None  # 完成年任务X: the task is the whole year's
    wholes = _wholes(reading)
    candidates = [fact for fact in wholes if fact.metric == metric and fact.kind == kind]
    parent = candidates[-1] if candidates else None
    if year is None and reading.breakdown and reading.parent_pool:
        year = reading.parent_pool[0].year
        months = months or reading.parent_pool[0].months
    cumulative = _is_cumulative(reading, decision, period.cumulative, wholes)
    zone = _zone_of_figure(text, quantity, cell, zone_at)
    scope = _scope(reading, decision) or _part_of_the_zone(reading, zone)
    status = _status(reading, kind, parent) if metric == "projects" else None
    fact = Fact(
        quantity=quantity,
        metric=metric,
        kind=kind,
        value=decision.value,
        unit=metric_units()[metric] if kind != "growth" else "%",
        zone=zone,
        year=year,
        relative_year=period.relative,
        months=months,
        cumulative=cumulative if kind != "growth" else False,
        scope=scope,
        status=status,
        basis=decision.basis,
        sentence=sentence.index,
        quote=(sentence.start, sentence.end),  # the quote is the figure's sentence
        wording=decision.keyword.word if decision.keyword else None,
        stated_completion=decision.stated_completion,
        parent=parent,
    )
    if parent is not None:
        parent.children.append(fact)
    return fact


def _wholes(reading: Reading) -> list[Fact]:
    """The figures a 其中 breakdown is part of: those before 其中 in the sentence, or the sentence before."""
    breakdown_at = reading.head.rfind("其中")
    cut = reading.sentence.start + breakdown_at
    inner = [f for f in reading.sentence_facts if f.quantity.end <= cut] if breakdown_at >= 0 else []
    return inner or (reading.previous_facts if reading.breakdown else [])


def _is_cumulative(reading: Reading, decision: Decision, period_cumulative: bool, wholes: list[Fact]) -> bool:
    """A to-date total (累计, 截至目前, standing counts and headcounts) rather than a flow of the period."""
    window, metric, kind = reading.window, decision.metric, decision.kind
    keyword = decision.keyword
    cumulative = bool(keyword and keyword.cumulative) or period_cumulative or has(cues()["cumulative"], reading.clause)
    if metric == "employment":
        cumulative = not has(cues()["flows"], window)  # a headcount, unless new jobs of the period (新增就业)
    if metric == "enterprises" and has(cues()["standing_count_words"], window):
        cumulative = not has(cues()["flows"], window)  # 新增入园企业27户 is a flow
    unit = metric_units()[metric]
    same_kind_wholes = [whole for whole in wholes if whole.unit == unit and whole.kind == kind] if not cumulative else []
    if same_kind_wholes and same_kind_wholes[-1].cumulative and not has(cues()["flows"], window):
        cumulative = True  # 其中：基础设施投资11.94亿元 is part of a to-date total
    if reading.head_holds(cues()["to_date_words"]) or has(cues()["to_date_after"], reading.after[:12]):
        cumulative = True
    return cumulative


def _scope(reading: Reading, decision: Decision) -> str | None:
    """The qualifier that narrows the figure: a financing channel, a counted group, a lexicon scope."""
    text, quantity, metric = reading.text, reading.quantity, decision.metric
    clause_begin = reading.clause_begin
    if metric == "financing":
        scope = financing_scope(reading.head)
    elif metric in ("projects", "enterprises"):
        noun = "项目" if metric == "projects" else "企业"
        scope = group_scope(reading.clause, noun, reading.after[:16]) or _group_of_a_list(reading, noun)
    else:
        clause_window = text[max(clause_begin, quantity.start - len(reading.window)) : quantity.start]
        scope = lexicon_scope(clause_window + reading.after[:8])
        if scope and scope.endswith("项目") and not metric.startswith("project"):
            scope = None  # 基础设施投资: the amount of a kind of work, not of a project group
        scope = _counted_projects_in_clause(reading, clause_begin) or scope
        if scope is None and decision.keyword and decision.keyword.word == "面积" and decision.wording_at is not None:
            scope = part_of_area(reading.window, decision.wording_at)  # 其中建设重点区面积152.2平方公里
        named_after = decision.keyword is AREA_OF_THE_ZONE_NAMED_AFTER
        owner = _AREA_OWNER.match(reading.after) if scope is None and quantity.dimension == "area" and not named_after else None
        if owner:
            scope = owner_name(owner.group(1))  # 规划占地300亩的中小企业创业园: the area of that park
        if scope is None:
            scope = industry_named(text[clause_begin : quantity.start])  # 新材料产业完成产值…: that industry's
        if scope is None:
            scope = _scope_of_the_wording_before(reading, decision)
    if scope is None and metric in ("project_investment", "project_investment_completed"):
        groups = [f for f in reading.sentence_facts if f.metric == "projects"]
        groups = groups or [f for f in reading.previous_facts if f.metric == "projects" and f.parent is None]
        group = groups[-1] if groups else None
        scope = group.scope if group else None
    inherited = decision.inherited
    if scope is None and inherited is not None:
        same_scope = decision.kind == "growth" or has(cues()["achieved"], reading.window)  # 已完成8亿元: of the same
        scope = inherited.scope if same_scope else inherited_scope(reading.window, inherited)
    return part_of_a_flow(reading.clause, metric, scope, reading.sentence_facts, reading.head)


def _group_of_a_list(reading: Reading, noun: str) -> str | None:
    """全年签约A、B等项目26个: the count closes a list of names (等 in its clause); a verb near the opening of the clause
    before the names (cues.yaml list_group_verbs; a time at most before it) and the counted noun name the group (签约项目)."""
    if "等" not in reading.clause:
        return None
    clause = reading.head[_clause_opening(reading.head) :]
    opening = clause[: min(_LIST_VERB_REACH, clause.find("、") if "、" in clause else len(clause))]
    verb = pattern_of(cues()["list_group_verbs"]).search(opening)
    return (lexicon_scope(verb.group() + noun) or verb.group() + noun) if verb else None


def _clause_opening(head: str) -> int:
    """Where the figure's clause opens in its sentence's head: after the last comma or semicolon (a list's 、 inside
    it opens none)."""
    return max(after_last_comma(head), after_last_semicolon(head))


_LIST_VERB_REACH = 8  # characters from a clause's opening a verb before its list may end by (今年上半年新签约)


def _part_of_the_zone(reading: Reading, zone: str) -> str | None:
    """其中，东区实现产值8亿元: the part of the zone a breakdown's clause opens on; none when those words name the
    figure's zone itself (其中鹤翔经济开发区实现税收48亿元, in a report on it or on a group it is one of)."""
    part = part_named_in_a_breakdown(reading.head, reading.text[reading.clause_begin : reading.quantity.start])
    if part is None or part in zone or zone in part:
        return None
    return part


def _counted_projects_in_clause(reading: Reading, clause_begin: int) -> str | None:
    """14个新投产项目新增产值7.5亿元: a figure in the clause of a counted group of projects is that group's; so is what
    the group is to yield once running, said after it in its part of the sentence (引进亿元以上项目31个，总投资…，达产后
    总产值超700亿元)."""
    yields = reading.head_holds(cues()["once_running"])
    part_start = reading.sentence.start + after_last_semicolon(reading.head)
    group = next((fact for fact in reversed(reading.sentence_facts)
                  if fact.metric == "projects" and fact.quantity.start >= (part_start if yields else clause_begin)), None)
    return group.scope if group else None


def _scope_of_the_wording_before(reading: Reading, decision: Decision) -> str | None:
    """规上工业总产值突破600亿元，达到618.5亿元: a figure whose wording stands in a clause before its own (the mark
    passed between them is no fact) takes the scope that clause gives the wording."""
    keyword, text = decision.keyword, reading.text
    if keyword is None or decision.wording_at is not None:
        return None  # the wording is in the figure's own window
    low = reading.sentence.start
    at = text.rfind(keyword.word, low, reading.clause_begin)
    if at < 0:
        return None
    clause = CLAUSE_MARK.split(text[low:at])[-1]  # the wording's clause, up to the wording
    return lexicon_scope(clause + keyword.word)


def _status(reading: Reading, kind: str, parent: Fact | None) -> str | None:
    """The status of a counted group of projects: the status word of its clause, or its parent's."""
    text, quantity, sentence = reading.text, reading.quantity, reading.sentence
    stop = CLAUSE_STOP.search(text, quantity.end)
    clause_end = stop.start() if stop else sentence.end
    clause_begin = reading.clause_begin
    status = _project_status(text[clause_begin:clause_end], quantity.start - clause_begin)
    comma = sentence.start + _clause_opening(reading.head)
    if status is None and comma < clause_begin and "等" in text[clause_begin : quantity.start]:
        # 全年签约A、B等项目26个: the verb before the names listed is the group's
        status = _project_status(text[comma:clause_end], quantity.start - comma)
    if status is None and parent is not None:
        status = parent.status
    elif status is None and "其中" in reading.head and reading.parent_pool:
        status = next((fact.status for fact in reversed(reading.parent_pool) if fact.metric == "projects"), None)
    if kind == "target":
        # 力争6个签约项目年内开工建设: the goal is the act after the count, not the group's state
        after = reading.after
        acts = _statuses_in(after[after.rfind("项目") + 1 :] if "项目" in after else after)
        if acts:
            status = max(acts, key=lambda act: act[2])[1]
        elif status in (None, "landed", "planned") and has(["开工"], reading.window):
            status = "started"
    return status


def _project_status(clause: str, position: int) -> str | None:
    """The project status word nearest the figure in its clause, strong words first; none when two statuses
    are joined as the group's alternatives or parts (40余个项目在建或已投产: a group of mixed states)."""
    by_word = status_of_word()
    best = None
    previous = None
    for match in status_pattern().finditer(clause):
        status, strength = by_word[match.group()]
        if previous is not None and previous[1] != status and _joined_states(clause, previous[0], match.start()):
            return None
        previous = (match.end(), status)
        rank = (-strength, abs(match.start() - position))
        if best is None or rank < best[0]:
            best = (rank, status)
    return best[1] if best else None


def _joined_states(clause: str, end: int, start: int) -> bool:
    """在建或已投产, 在建和投产: only a joining word (cues.yaml status_joins) and 已 between two status words."""
    gap = clause[end:start].removesuffix("已")
    return gap in cues()["status_joins"]


def fact_rows(facts: list[Fact], normalized, doc_id: str, doc_year: int | None, zone_ids: dict[str, str]) -> list[dict]:
    """Contract rows for the facts, offsets mapped back into the original text."""
    rows = []
    original = normalized.original
    for fact in facts:
        start, end = normalized.span(fact.quantity.start, fact.quantity.end)
        quote_start, quote_end = normalized.span(*fact.quote)
        year_resolved = fact.year
        if year_resolved is None and fact.relative_year is not None and doc_year is not None:
            year_resolved = doc_year + fact.relative_year
        rows.append(
            {
                "fact_id": stable_id("f", doc_id, start, end, fact.metric, fact.kind),
                "doc_id": doc_id,
                "zone_id": zone_ids[fact.zone],
                "metric": fact.metric,
                "kind": fact.kind,
                "value": fact.value,
                "unit": fact.unit,
                "year": fact.year,
                "months": fact.months,
                "cumulative": fact.cumulative,
                "scope": fact.scope,
                "status": fact.status,
                "basis": fact.basis,
                "raw": original[start:end],
                "quote": original[quote_start:quote_end].strip(),
                "start": start,
                "end": end,
                "approximate": fact.quantity.approximate,
                "bound": fact.quantity.bound,
                "value_max": fact.quantity.value_max if fact.kind != "growth" else None,
                "stated_completion": fact.stated_completion,
                "quote_start": quote_start,
                "quote_end": quote_end,
                "year_resolved": year_resolved,
                "wording": fact.wording,
            }
        )
    return rows
