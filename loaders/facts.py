"""Quantities + metric wording + kind + period + scope -> facts.

Every quantity is read against the words between it and the figure before it in the same
sentence (its window): the nearest metric wording names the metric, cue words the kind.
A figure with no wording of its own continues the sentence's last metric (其中 breakdowns,
restatements in other units, growth rates). Wordings and cues are data in lexicon/.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .fact_lexicon import (
    METRIC_DIMENSION,
    NOT_A_METRIC,
    Keyword,
    cues,
    has,
    keyword_index,
    keyword_pattern,
    metric_units,
    project_statuses,
    status_pattern,
    word_pattern,
)
from .fact_scopes import (
    ANNUAL_TASK_END,
    COUNT_NOUN,
    financing_scope,
    group_scope,
    inherited_scope,
    lexicon_scope,
)
from .periods import base_year, period_before
from .schema import stable_id
from .text import LONGEST_SENTENCE, clause_start, sentences
from .units import Quantity, find_quantities

_CLAUSE_STOP = re.compile(r"[，；。！？：,;\n]")
_TOTAL_INVESTMENT_END = re.compile(r"(?:共|总)?投资$")
_NAMED_AFTER = re.compile(r"[*＊X]|[\u4e00-\u9fff]{2,16}?(?:有限公司|集团|公司|项目)$")
_CJK_START = re.compile(r"[\u4e00-\u9fff]")
_OUTSIDE_CAPITAL = re.compile(r"(?:公司|企业)投资$")
_COMPLETION = re.compile(r"的(\d+(?:\.\d+)?)%")
_COMPANY_SUBJECT = re.compile(r"(?:有限公司|股份公司|公司|集团)(?!投资)")
_SEVERAL_ZONES = re.compile(r"(?:全国|全省|全市|全县|各)[^，。；]{0,6}?(?:\d+|[二三四五六七八九十]+)个[^，。；]{0,8}?(?:产业集聚区|开发区|园区|工业园)")
_CHANGE_END = re.compile(r"(?<!新)(?:增加|增长|减少|下降|提高|降低|扩大|缩小)了?$")
_AREA_OWNER = re.compile(r"的([\u4e00-\u9fff]{2,12})")


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


def _last_keyword(window: str, dimension: str) -> tuple[Keyword, int] | None:
    """The metric wording nearest the end of `window` whose metric fits the dimension.

    None when an indicator outside the vocabulary (工业增加值) comes after it, or when the
    wording is about a wider place (县城建成区面积)."""
    best = None
    for match in keyword_pattern().finditer(window):
        keyword = keyword_index()[match.group()]
        if keyword.metric == NOT_A_METRIC:
            best = (keyword, match.start())  # 技改投资: a wording that names no metric of ours
        elif METRIC_DIMENSION.get(metric_units()[keyword.metric]) == dimension:
            best = (keyword, match.start())
    if best is None or best[0].metric == NOT_A_METRIC:
        return None
    wider = word_pattern(tuple(cues()["wider_places"]))
    if wider.search(window, max(0, best[1] - 3), best[1]):
        return None
    other = list(word_pattern(tuple(cues()["other_indicators"])).finditer(window))
    if other and other[-1].start() >= best[1] + len(best[0].word):
        return None
    return best


def _wording_after(text: str, quantity: Quantity, dimension: str) -> tuple[Keyword, int] | None:
    """A wording right after the figure (完成10平方公里开发建设): cues.yaml `wordings_after`."""
    after = _clause_after(text, quantity.end)
    for word, metric in cues()["wordings_after"].items():
        if after.startswith(word) and METRIC_DIMENSION.get(metric_units()[metric]) == dimension:
            return Keyword(word, metric, metric, False), quantity.end
    return None


def _names_other_indicator(window: str) -> bool:
    """工业增加值, 技改投资 …: the window names an indicator that is none of our metrics."""
    if word_pattern(tuple(cues()["other_indicators"])).search(window):
        return True
    return any(keyword_index()[m.group()].metric == NOT_A_METRIC for m in keyword_pattern().finditer(window))


def _is_target(head: str) -> bool:
    cleaned = word_pattern(tuple(cues()["not_target"])).sub("", head)
    return has(cues()["target"], cleaned)


def _growth_sign(window: str) -> int | None:
    up = list(word_pattern(tuple(cues()["growth_up"])).finditer(window))
    down = list(word_pattern(tuple(cues()["growth_down"])).finditer(window))
    if not up and not down:
        return None
    last_up = up[-1].end() if up else -1
    last_down = down[-1].end() if down else -1
    return -1 if last_down > last_up else 1


def _project_status(clause: str, position: int) -> str | None:
    """The project status word nearest the figure in its clause, strong words first."""
    by_word = {word: (status, strength) for word, status, strength in project_statuses()}
    best = None
    for match in status_pattern().finditer(clause):
        status, strength = by_word[match.group()]
        rank = (-strength, abs(match.start() - position))
        if best is None or rank < best[0]:
            best = (rank, status)
    return best[1] if best else None


def _clause_after(text: str, end: int) -> str:
    # Searched no further than a sentence can reach: text without any stop stays linear.
    limit = min(len(text), end + LONGEST_SENTENCE)
    stop = _CLAUSE_STOP.search(text, end, limit)
    return text[end : stop.start() if stop else limit]


def _is_item_money(text: str, quantity: Quantity, window: str) -> bool:
    """A money figure that is the size of one named project or facility (投资12亿元的…项目)."""
    after = _clause_after(text, quantity.end)
    if _COMPLETION.match(after):
        return False  # 完成年任务75亿元的23.7%: a share of a task, not a named item
    if after.startswith(tuple(cues()["item_after"])):
        return True
    builds = word_pattern(tuple(cues()["build_verbs"]))
    facilities = word_pattern(tuple(cues()["facility_nouns"]))
    if builds.match(after) and facilities.search(after):
        return True  # 投资700万元新建10千伏开闭所
    clause = window[window.rfind("，") + 1 :]
    built = builds.search(clause)
    if built and facilities.search(clause, built.end()) and _TOTAL_INVESTMENT_END.search(clause):
        return True  # 新建办公楼及展厅共投资1300万元
    if _NAMED_AFTER.match(after):
        return not after.startswith(tuple(cues()["build_verbs"]) + ("进行", "用于", "增长", "同比", "以上", "左右"))
    return False


def _is_threshold(text: str, quantity: Quantity) -> bool:
    after = _clause_after(text, quantity.end)
    return after.startswith(tuple(cues()["threshold_after"]))


def _count_metric(text: str, quantity: Quantity, window: str, sentence_facts: list[Fact]) -> Keyword | None:
    """项目 or 企业 right after a count (14个项目, 86个亿元以上重点工业项目) or in its window (签约项目15个);
    a bare count followed by a status (71个实质性开工, 42个竣工投产) continues the sentence's project count."""
    after = _clause_after(text, quantity.end)[:16]
    noun = COUNT_NOUN.match(after)
    if noun:
        return keyword_index()["项目" if noun.group(2) == "项目" else "企业"]
    if status_pattern().match(after.lstrip("已正在实质性全部均都")) and any(f.metric == "projects" for f in sentence_facts):
        return keyword_index()["项目"]
    if _CJK_START.match(after) and not after.startswith(("以上", "左右", "多", "余", "已", "正在", "全部", "均", "都", "和", "及", "与")):
        return None  # counts something else: 24个对外开放重点产业集聚区
    found = _last_keyword(window, "count")
    return found[0] if found else None


def _apply_respectively(text: str, sentence, sentence_facts: list[Fact]) -> None:
    """Pair the values after 分别/依次 with the metrics, figures or statuses listed before it, in order."""
    head = text[sentence.start : sentence.end]
    marker = word_pattern(tuple(cues()["respectively"])).search(head)
    if not marker:
        return
    at = sentence.start + marker.start()
    before, after = [f for f in sentence_facts if f.quantity.end <= at], [f for f in sentence_facts if f.quantity.start > at]
    amounts = [f for f in after if f.kind != "growth"]
    growths = [f for f in after if f.kind == "growth"]
    listed = text[sentence.start : at]
    wordings = [keyword_index()[m.group()] for m in keyword_pattern().finditer(listed)]
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
    if len(wholes) >= 2 and len(growths) >= 2:
        for fact, whole in zip(growths, wholes, strict=False):
            fact.metric, fact.scope = whole.metric, whole.scope


def _statuses_in(text: str) -> list[tuple[int, str, int]]:
    by_word = {word: (status, strength) for word, status, strength in project_statuses()}
    found = []
    for match in status_pattern().finditer(text):
        status, strength = by_word[match.group()]
        if not found or found[-1][1] != status:
            found.append((match.start(), status, strength))
    return found


def extract_facts(text: str, zone_at, doc_year: int | None) -> tuple[list[Fact], list[tuple[Quantity, str]]]:
    """Facts of one normalised text, and the money/area figures that could not be placed."""
    facts: list[Fact] = []
    unplaced: list[tuple[Quantity, str]] = []
    quantities = find_quantities(text)
    position = 0
    previous_sentence_facts: list[Fact] = []
    for sentence in sentences(text):
        in_sentence = []
        while position < len(quantities) and quantities[position].start < sentence.end:
            if quantities[position].start >= sentence.start:
                in_sentence.append(quantities[position])
            position += 1
        sentence_facts: list[Fact] = []
        sentence_text = text[sentence.start : sentence.end]
        starts_with_breakdown = sentence_text.lstrip("（(")[:3].startswith("其中")
        project_context = any(fact.metric == "projects" for fact in previous_sentence_facts)
        previous_end = sentence.start
        for quantity in in_sentence:
            window = text[previous_end : quantity.start]
            previous_end = quantity.end
            fact = _read_quantity(
                text, sentence, quantity, window, sentence_facts, previous_sentence_facts,
                starts_with_breakdown, project_context, zone_at, unplaced,
            )
            if fact is None:
                continue
            if fact.metric == "projects":
                project_context = True
            sentence_facts.append(fact)
        _apply_respectively(text, sentence, sentence_facts)
        facts.extend(sentence_facts)
        if sentence_facts:
            previous_sentence_facts = sentence_facts
    return facts, unplaced


def _read_quantity(
    text, sentence, quantity, window, sentence_facts, previous_facts, breakdown, project_context, zone_at, unplaced
) -> Fact | None:
    if quantity.rate:
        return None
    head = text[sentence.start : quantity.start]
    dimension = quantity.dimension
    kind = "target" if _is_target(head) else "actual"
    parent_pool = sentence_facts or (previous_facts if breakdown else [])
    keyword = None
    inherited = None
    basis = None
    value = quantity.value
    stated_completion = None
    if dimension in ("percent", "ratio"):
        sign = _growth_sign(window)
        last = sentence_facts[-1] if sentence_facts else None
        continued = last is not None and last.kind == "growth" and window.strip() in ("", "和", "、", "及", "与", "，")
        if sign is None and continued:
            sign = 1 if last.value >= 0 else -1  # 分别增长12.3%和8.1%
        if sign is None:
            return None
        kind = "growth"
        basis = base_year(text[clause_start(text, quantity.start, sentence.start) : quantity.start])
        if basis is None and continued:
            basis = last.basis
        value = sign * (quantity.value * 100 if dimension == "ratio" else quantity.value)
        found = _last_keyword(window, "money") or _last_keyword(window, "count") or _last_keyword(window, "area")
        if found:
            keyword = found[0]
            metric = keyword.metric
        elif _names_other_indicator(text[sentence_facts[-1].quantity.end if sentence_facts else sentence.start : quantity.start]):
            return None  # 工业增加值(34.4亿元)增长9%: not the previous metric's growth
        elif parent_pool:
            inherited = parent_pool[-1]  # 同比增长8.8%: the growth of the figure before it, in its scope
            metric = inherited.metric
        else:
            return None
    elif dimension in ("money", "area", "person", "count"):
        if _CHANGE_END.search(window):
            return None  # 比上年增加12.3亿元: the size of a change, not a figure of its own
        if _SEVERAL_ZONES.search(text, clause_start(text, quantity.start, sentence.start), quantity.start):
            return None  # 全市17个产业集聚区共完成…: the sum of many zones, not this zone's figure
        outside_capital = dimension == "money" and _OUTSIDE_CAPITAL.search(window)
        if dimension == "money" and not outside_capital and (
            _is_threshold(text, quantity) or _is_item_money(text, quantity, window)
        ):
            return None
        if dimension == "count":
            keyword = _count_metric(text, quantity, window, sentence_facts)
            marker = word_pattern(tuple(cues()["respectively"])).search(head)
            if keyword is None and marker:
                listed = _last_keyword(head[: marker.start()], "count")
                keyword = listed[0] if listed else None
            found = (keyword, 0) if keyword else None
        else:
            found = _last_keyword(window, dimension) or _wording_after(text, quantity, dimension)
        if found:
            keyword = found[0]
            metric = keyword.project_metric if project_context else keyword.metric
            subject = window[: found[1]]
            if metric != "financing" and dimension == "money" and _COMPANY_SUBJECT.search(subject[subject.rfind("，") + 1 :]):
                return None  # XX集团实现营业收入50亿元: one company's figure, not the zone's
            if metric == "project_investment" and not project_context and keyword.metric == "project_investment":
                return None  # 项目计划总投资1.2亿元 of one named project: an item amount, not a group total
            if metric in ("investment",) and has(["基础设施", "厂房", "道路", "管网"], head) and keyword.word in ("投资", "投资额", "完成投资"):
                metric = "investment_infrastructure"
        elif _names_other_indicator(window):
            return None  # 工业增加值34.4亿元 or 投资强度: an indicator outside the vocabulary
        elif dimension == "money" and has(cues()["new_indicator_verbs"], window) and not ANNUAL_TASK_END.search(window):
            unplaced.append((quantity, "另起一项指标，且无指标用语"))
            return None  # 实现财政总收入21.8亿元: a figure of its own, not a part of the one before
        else:
            pool = parent_pool
            breakdown_at = head.rfind("其中")
            if window.strip() in ("（", "(") and sentence_facts:
                pool = sentence_facts[-1:]  # a restatement in another unit: 56.51平方公里（8.48万亩）
            elif breakdown_at >= 0 and sentence_facts:
                before_breakdown = [f for f in sentence_facts if f.quantity.end <= sentence.start + breakdown_at]
                pool = before_breakdown or parent_pool
            same = [fact for fact in pool if METRIC_DIMENSION.get(fact.unit) == dimension and fact.kind != "growth"]
            if not same:
                if dimension in ("money", "area"):
                    unplaced.append((quantity, "附近没有指标用语"))
                return None
            inherited = same[-1]
            metric = inherited.metric
            if inherited.kind == "target" and kind == "actual":
                kind = "target"
        completion = _COMPLETION.match(text, quantity.end, quantity.end + 10)
        if ANNUAL_TASK_END.search(window) and completion:
            kind = "target"
            stated_completion = float(completion.group(1))
    else:
        return None
    period = period_before(text[sentence.start : sentence.end], quantity.start - sentence.start)
    year, months = period.year, period.months
    if stated_completion is not None:
        months = None  # 完成年任务X: the task is the whole year's
    parent = None
    breakdown_at = head.rfind("其中")
    inner = [f for f in sentence_facts if f.quantity.end <= sentence.start + breakdown_at] if breakdown_at >= 0 else []
    wholes = inner or (previous_facts if breakdown else [])
    candidates = [fact for fact in wholes if fact.metric == metric and fact.kind == kind]
    parent = candidates[-1] if candidates else None
    if year is None and breakdown and parent_pool:
        year = parent_pool[0].year
        months = months or parent_pool[0].months
    clause = text[clause_start(text, quantity.start, sentence.start) : quantity.start]
    cumulative = bool(keyword and keyword.cumulative) or period.cumulative or has(cues()["cumulative"], clause)
    if metric == "employment":
        cumulative = True
    if metric == "enterprises" and has(["入驻", "入园", "总数", "现有", "共有", "达到"], window):
        cumulative = not has(cues()["flows"], window)  # 新增入园企业27户 is a flow
    same_kind_wholes = [whole for whole in wholes if whole.unit == metric_units()[metric] and whole.kind == kind]
    if not cumulative and same_kind_wholes and same_kind_wholes[-1].cumulative and not has(cues()["flows"], window):
        cumulative = True  # 其中：基础设施投资11.94亿元 is part of a to-date total
    if has(["截至目前", "截止目前", "已建成", "到目前"], head) or has(["在建"], _clause_after(text, quantity.end)[:12]):
        cumulative = True
    clause_window = text[max(clause_start(text, quantity.start, sentence.start), quantity.start - len(window)) : quantity.start]
    if metric == "financing":
        scope = financing_scope(head)
    elif metric in ("projects", "enterprises"):
        clause_text = text[clause_start(text, quantity.start, sentence.start) : quantity.start]
        scope = group_scope(clause_text, "项目" if metric == "projects" else "企业", _clause_after(text, quantity.end)[:16])
    else:
        scope = lexicon_scope(clause_window + _clause_after(text, quantity.end)[:8])
        if scope and scope.endswith("项目") and not metric.startswith("project"):
            scope = None  # 基础设施投资: the amount of a kind of work, not of a project group
        owner = _AREA_OWNER.match(_clause_after(text, quantity.end))
        if scope is None and dimension == "area" and owner:
            scope = owner.group(1)  # 规划占地300亩的中小企业创业园: the area of that park
    if scope is None and metric in ("project_investment", "project_investment_completed"):
        groups = [f for f in sentence_facts if f.metric == "projects"]
        groups = groups or [f for f in previous_facts if f.metric == "projects" and f.parent is None]
        group = groups[-1] if groups else None
        scope = group.scope if group else None
    if scope is None and inherited is not None:
        scope = inherited.scope if kind == "growth" else inherited_scope(window, inherited)
    status = None
    if metric == "projects":
        sentence_clause_end = _CLAUSE_STOP.search(text, quantity.end)
        clause_end = sentence_clause_end.start() if sentence_clause_end else sentence.end
        clause_begin = clause_start(text, quantity.start, sentence.start)
        status = _project_status(text[clause_begin:clause_end], quantity.start - clause_begin)
        if status is None and parent is not None:
            status = parent.status
        elif status is None and "其中" in head and parent_pool:
            status = next((fact.status for fact in reversed(parent_pool) if fact.metric == "projects"), None)
        if kind == "target":
            # 力争6个签约项目年内开工建设: the goal is the act after the count, not the group's state
            after = _clause_after(text, quantity.end)
            acts = _statuses_in(after[after.rfind("项目") + 1 :] if "项目" in after else after)
            if acts:
                status = max(acts, key=lambda act: act[2])[1]
            elif status in (None, "landed", "planned") and has(["开工"], window):
                status = "started"
    quote_start, quote_end = sentence.start, sentence.end  # the quote is the figure's sentence
    fact = Fact(
        quantity=quantity,
        metric=metric,
        kind=kind,
        value=value,
        unit=metric_units()[metric] if kind != "growth" else "%",
        zone=zone_at(quantity.start),
        year=year,
        relative_year=period.relative,
        months=months,
        cumulative=cumulative if kind != "growth" else False,
        scope=scope,
        status=status,
        basis=basis,
        sentence=sentence.index,
        quote=(quote_start, quote_end),
        wording=keyword.word if keyword else None,
        stated_completion=stated_completion,
        parent=parent,
    )
    if parent is not None:
        parent.children.append(fact)
    return fact


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
