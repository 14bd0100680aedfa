"""Wordings: which metric the words around a figure name (lexicon/metric_keywords.csv, cues.yaml)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..text.periods import leading_date
from ..text.sentences import STRAY_COMMAS
from .kinds import goal_noun_after
from .lexicon import (
    ASIDE,
    CLAUSE_MARK,
    CLAUSE_OR_SENTENCE_MARK,
    METRIC_DIMENSION,
    NOT_A_METRIC,
    Keyword,
    after_last_comma,
    cues,
    dimension_of_metric,
    has,
    keyword_index,
    keyword_pattern,
    metric_units,
    other_indicators,
    pattern_of,
    status_pattern,
    word_pattern,
)
from .scopes import COUNT_NOUN, counted_noun

if TYPE_CHECKING:
    from .rules import Reading


_CJK_START = re.compile(r"[\u4e00-\u9fff]")
def amount_wording(reading: Reading) -> tuple[Keyword, int] | None:
    """The wording that names the amount's metric, and where it starts in the window."""
    if reading.quantity.dimension == "count":
        keyword = count_wording(reading)
        if keyword is None:
            marker = pattern_of(cues()["respectively"]).search(reading.head)
            if marker:
                listed = last_keyword(reading.head[: marker.start()], "count")
                keyword = listed[0] if listed else None
        return (keyword, 0) if keyword else None
    found = last_keyword(reading.window, reading.quantity.dimension)
    if found and wording_of_the_figure_before(reading, found):
        return wording_after(reading) or found  # 拉动100亿元投资，形成175亿元产值: 投资 is the figure before's
    return (
        found or wording_after(reading) or wording_before_an_aside(reading) or money_of_a_project_group(reading)
        or workforce_named_in_its_clause(reading) or jobs_named_after(reading)
    )


def workforce_named_in_its_clause(reading: Reading) -> tuple[Keyword, int] | None:
    """带动就业人口8万人, 企业从业总人数达2.5万人, 安置劳动力3万人: a head count whose own clause, before it,
    names work (cues.yaml workforce_stems) counts the zone's workforce, though no wording of the vocabulary
    names it; not when the clause names a wording outside our metrics or says the people are trained,
    moved, residents or talent (not_workforce_counts: 培训劳动力5000人, 常住人口3万人)."""
    if reading.quantity.dimension != "person":
        return None
    clause = reading.clause_within_window
    stems = list(pattern_of(cues()["workforce_stems"]).finditer(clause))
    if not stems or has(cues()["not_workforce_counts"], clause):
        return None
    if any(keyword_index()[m.group()].metric == NOT_A_METRIC for m in keyword_pattern().finditer(clause)):
        return None
    # Read as the vocabulary's 就业, the wording a head count of the workforce has.
    return keyword_index()["就业"], len(reading.window) - len(clause) + stems[-1].start()


# 签约项目408亿元, 新开工项目达56亿元: money said right after a group of projects, in its own clause.
_PROJECT_GROUP_MONEY = re.compile(r"项目(?:金额|资金)?(?:共计|合计|总计|共|达到|达|为|约|近|超过|超|逾)*$")


def money_of_a_project_group(reading: Reading) -> tuple[Keyword, int] | None:
    """签约项目408亿元, 新签约项目金额120亿元: money right after a named group of projects is what the group
    amounts to, its project investment (a single project, 某某项目5亿元, names no group)."""
    if reading.quantity.dimension != "money":
        return None
    clause = CLAUSE_MARK.split(reading.window)[-1]
    found = _PROJECT_GROUP_MONEY.search(clause)
    if found is None or not names_a_project_group(clause[: found.start() + len("项目")]):
        return None
    return keyword_index()["项目总投资"], reading.window.rfind("项目")


_TRAILING_LEAD = ("", "以上", "左右", "多", "余", "的")  # all that may stand between the figure before and its wording


def wording_of_the_figure_before(reading: Reading, found: tuple[Keyword, int]) -> bool:
    """形成100亿元投资，达到6亿元税收: a wording right after the figure before (in that figure's clause)
    is that figure's, not this one's."""
    keyword, at = found
    if len(reading.window) == len(reading.head):
        return False  # no figure before in the sentence
    if reading.window[:at].strip() not in _TRAILING_LEAD:
        return False
    return CLAUSE_MARK.search(reading.window, at + len(keyword.word)) is not None


def wording_before_an_aside(reading: Reading) -> tuple[Keyword, int] | None:
    """完成工业投资（50万元口径）2230亿元: a bracketed aside whose figure was left out (a size threshold)
    stands between the wording and its figure; the wording before the aside names the figure."""
    if not reading.window.rstrip().endswith(("）", ")")) or not reading.left_out:
        return None
    opening = max(reading.clause.rfind("（"), reading.clause.rfind("("))
    if opening < 0 or reading.left_out[-1][0].start < reading.clause_begin + opening:
        return None
    found = last_keyword(reading.clause[:opening], reading.quantity.dimension)
    return (found[0], 0) if found else None  # the wording stands before the window: taken as its start


_CLAUSE_BREAK = re.compile(r"[，；：,;:、（(]|其中")
_INDICATOR_NAME_END = re.compile(
    r"[\u4e00-\u9fff]{2,}(?:收入|总额|销售额|资金|外资|总值|增加值|利润|人口)"
    r"(?:达到|达|为|约为|约|近|超过|超|突破|共计|共|累计|实现|完成|了)*$"
)


def names_an_indicator_of_its_own(window: str) -> bool:
    """实际到账外资7456万元, 利润总额: the figure's clause names an indicator none of our wordings know."""
    clause = _CLAUSE_BREAK.split(window[-48:])[-1]  # bounded: no long search on a run of text
    return bool(_INDICATOR_NAME_END.search(clause))


def _wording_goes_on(window: str, best: tuple) -> bool:
    """Words stand between the wording and the figure (产值和营业收入分别为…): no figure shared as written."""
    return bool(window[best[1] + len(best[0].word) :].strip("达到为共计约近超过了 "))


_AREA_QUALIFIER_GAP = 4  # characters between an area kind (已建成) and the bare 面积 it qualifies (区域, 投产)
_AREA_KINDS = ("area_built", "area_developed")


def last_keyword(window: str, dimension: str, wider_places: bool = False) -> tuple[Keyword, int] | None:
    """The metric wording nearest the end of `window` whose metric fits the dimension.

    None when an indicator outside the vocabulary (工业增加值) comes after it, or when the
    wording is about a wider place (县城建成区面积) unless `wider_places` asks for those too."""
    best = None
    before_best = None  # the wording before the best one, when right before it in its clause
    index, dimension_of = keyword_index(), dimension_of_metric()
    for match in keyword_pattern().finditer(window):
        keyword = index[match.group()]
        if window.startswith(cues()["company_name_ends"].prefixes, match.end()):
            continue  # 某某产业投资有限公司: a word of a company's name
        # 技改投资: a wording that names no metric of ours is kept too, and ends the search below
        if keyword.metric == NOT_A_METRIC or dimension_of[keyword.metric] == dimension:
            before_best = best if best and match.start() - (best[1] + len(best[0].word)) <= _AREA_QUALIFIER_GAP else None
            best = (keyword, match.start())
    if best is None or best[0].metric == NOT_A_METRIC:
        return None
    if best[0].word == "面积" and before_best and before_best[0].metric in _AREA_KINDS \
            and not CLAUSE_MARK.search(window, before_best[1], best[1]):
        best = before_best  # 已建成区域面积8平方公里, 已建成投产面积: the kind of area named before the bare 面积
    elif before_best and window[before_best[1] + len(before_best[0].word) : best[1]] in ("和", "及", "与") \
            and not _wording_goes_on(window, best):
        best = before_best  # 产值和营业收入300亿元: one figure said of both, read as the first
    if not wider_places and _wider_place_before(window, best[1]):
        return None
    if window[: best[1]].endswith(cues()["per_unit_prefixes"].prefixes):
        return None  # 亩均税收, 人均产值: an intensity, not the zone's amount
    wording_end = best[1] + len(best[0].word)
    if pattern_of(cues()["other_indicators"]).search(window, wording_end):  # none after the wording: no scan
        others = other_indicators(window)
        if others and others[-1].start() >= wording_end:
            return None  # the last indicator outside the vocabulary starts after the wording
    return best


# A table rendered as lines: a heading ending in a colon names the indicator, each short line
# below it is one row (营业收入超500亿元的园区：⏎洋浦经济开发区1809.9亿元⏎海口江东新区861.89亿元).
_LIST_HEADING_ENDS = ("：", ":")
_LIST_LINE_LONGEST = 40  # a row of such a list is short and holds no full stop
_LIST_ROWS_BACK = 12  # rows read back up to the heading


def wording_of_a_list_heading(reading: Reading) -> tuple[Keyword, int] | None:
    """The wording of the heading a wordless figure's line is a row under, if it is one."""
    text, document = reading.text, reading.document
    line_start = document.line_start(reading.quantity.start)
    if line_start == 0:
        return None  # the first line: no heading above it
    row = text[line_start : document.line_end(reading.quantity.end)]
    if len(row.strip()) > _LIST_LINE_LONGEST or "。" in row:
        return None
    end = line_start - 1  # the line break that ends the line above
    for _ in range(_LIST_ROWS_BACK):
        start = document.line_start(end)
        line = text[start:end].strip()
        if line.endswith(_LIST_HEADING_ENDS):
            return last_keyword(line, reading.quantity.dimension)
        if not line or len(line) > _LIST_LINE_LONGEST or "。" in line or start == 0:
            return None
        end = start - 1
    return None
# A heading sentence: an enumeration marker, a metric wording with a few qualifying characters, a stop
# (一、工业总产值。完成280.5亿元 / （二）固定资产投资：…).
# The number of an item of a list or a heading (一、, （二）, 3.).
LIST_MARKER = r"(?:[一二三四五六七八九十]{1,3}[、.．]|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．](?!\d))"
_HEADING_MARKER = re.compile(rf"^\s*{LIST_MARKER}?")
_HEADING_EXTRA = 6  # characters a heading may hold besides its wording (规上, 全年, 主要 …)


def heading_before(reading: Reading) -> str:
    """The words of the sentence before the figure's when it is a short heading with no figure
    (一、工业总产值。 / 基础设施⏎), else ''; only for the first figure of its sentence."""
    if reading.sentence_facts or reading.sentence.index < 1:
        return ""
    before = reading.document.sentences[reading.sentence.index - 1]
    words = _heading_words(reading.text[before.start : before.end])
    if not _DIGIT.search(words) and len(words) <= _HEADING_LONGEST:
        return words
    return heading_of_a_block(reading)


def _heading_words(sentence: str) -> str:
    return _HEADING_MARKER.sub("", sentence).strip().rstrip("。.：:")


_BLOCK_LINES_BACK = 6  # figure lines a block heading may stand above
_BLOCK_LINE_LONGEST = 40  # characters of a line of a block of short figure lines


def heading_of_a_block(reading: Reading) -> str:
    """基础设施⏎完成投入82亿元，增长19%⏎园区完成投入40亿元: a short line of figures under a block of such
    lines takes the heading line above the block (a short line with no figure), as the block's first does."""
    document, text = reading.document, reading.text
    if not _a_short_line(document, text, reading.sentence.start, reading.sentence.end):
        return ""
    index = reading.sentence.index - 1
    for _ in range(_BLOCK_LINES_BACK):
        if index < 0:
            return ""
        before = document.sentences[index]
        if not _a_short_line(document, text, before.start, before.end):
            return ""
        words = _heading_words(text[before.start : before.end])
        if not _DIGIT.search(words):
            return words if len(words) <= _HEADING_LONGEST else ""
        index -= 1
    return ""


def _a_short_line(document, text: str, start: int, end: int) -> bool:
    """Whether text[start:end] is a whole line of its own, short (spaces around it aside)."""
    line_start, line_end = document.line_start(start), document.line_end(max(start, end - 1))
    return line_end - line_start <= _BLOCK_LINE_LONGEST and not text[line_start:start].strip() and not text[end:line_end].strip()


_HEADING_LONGEST = 16


def wording_of_a_heading_sentence(reading: Reading) -> tuple[Keyword, int] | None:
    """一、工业总产值。完成280.5亿元，同比增长12.4%: the first wordless figure of a sentence right after a
    heading sentence that is only a metric wording takes that wording."""
    words = heading_before(reading)
    found = last_keyword(words, reading.quantity.dimension) if words else None
    return found if found and len(words) <= len(found[0].word) + _HEADING_EXTRA else None


def wording_of_a_table_cell(reading: Reading, dimension: str | None = None) -> tuple[Keyword, int] | None:
    """营业收入 |⏎56.3 |: the wording of a table figure's row name or column header (loaders.text.table_rows)."""
    label = reading.document.table_labels.get(reading.quantity.start)
    return last_keyword(label, dimension or reading.quantity.dimension) if label else None


def in_a_goal_column(reading: Reading) -> bool:
    """年度目标, 2025年计划: a table figure under a goal header is a target (loaders.text.table_columns)."""
    cell = reading.document.table_cells.get(reading.quantity.start)
    return cell is not None and cell.kind == "target"


def _wider_place_before(window: str, at: int) -> bool:
    """县城建成区面积: a wider place written right before the wording (within 3 characters, no stop
    between); 位于黄冈市新城区，规划面积… only locates the zone, the area is still its own."""
    found = pattern_of(cues()["wider_places"]).search(window, max(0, at - 3), at)
    return found is not None and not _STOP.search(window, found.end(), at)


_STOP = re.compile(r"[，,；;：:。、（）()]")


def wording_after(reading: Reading) -> tuple[Keyword, int] | None:
    """A wording right after the figure (完成10平方公里开发建设): cues.yaml `wordings_after`, or a
    metric wording after 的 that ends the figure's clause (实现7500亿元的规上工业总产值)."""
    for word, metric in cues()["wordings_after"].items():
        if reading.after.startswith(word) and METRIC_DIMENSION.get(metric_units()[metric]) == reading.quantity.dimension:
            return Keyword(word, metric, metric, False), reading.quantity.end
    keyword = wording_after_its_figure(reading) or works_in_the_zone(reading) or area_of_a_zone_named_after(reading)
    return (keyword, reading.quantity.end) if keyword else None


_AREA_OWNER_REACH = 8  # characters of a name between 的 and the zone type it ends in


@lru_cache(maxsize=1)
def _zone_named_after() -> re.Pattern:
    types = pattern_of(cues()["zone_words"] + cues()["zone_types_after_area"])
    return re.compile(rf"的[\u4e00-\u9fff]{{0,{_AREA_OWNER_REACH}}}?(?:{types.pattern})")


def area_of_a_zone_named_after(reading: Reading) -> Keyword | None:
    """从最初3.83平方公里的工业小区到现在225平方公里的新城, 这个10平方公里的园区: an area with no wording,
    said of the zone named right after it (…的<name><zone type>), is that zone's area."""
    if reading.quantity.dimension != "area" or not _zone_named_after().match(reading.after):
        return None
    return AREA_OF_THE_ZONE_NAMED_AFTER


# The wording of an area said of the zone named after it: the row's zone is that zone, no scope of it.
AREA_OF_THE_ZONE_NAMED_AFTER = Keyword("的", "area_planned", "area_planned", False)


_WORKERS_REACH = 12  # characters of description between a head count and its workforce words


def works_in_the_zone(reading: Reading) -> Keyword | None:
    """园区有1.3万名员工, 近13,000名科技专才在园内工作: a head count whose own clause ends with a
    workforce noun or with where its people work (cues.yaml workforce_nouns, works_in_zone) is the
    zone's workforce; 3000名员工参加培训 goes on past the noun and is not."""
    if reading.quantity.dimension != "person":
        return None
    clause = CLAUSE_MARK.split(_SEGMENT_END.split(reading.after[: _WORKERS_REACH + 12], maxsplit=1)[0], maxsplit=1)[0]
    for cue in ("workforce_nouns", "works_in_zone"):
        ending = pattern_of(cues()[cue]).search(clause)
        while ending is not None and ending.start() <= _WORKERS_REACH:
            if not clause[ending.end() :].strip() or (cue == "workforce_nouns" and clause[ending.end() :] == "就业"):
                return Keyword(ending.group(), "employment", "employment", True)
            ending = pattern_of(cues()[cue]).search(clause, ending.end())
    return None


_ACHIEVED_RIGHT_BEFORE = re.compile(r"(?:实现|完成|创造|取得|上缴|缴纳|贡献|形成|拉动|带动|达到)了?(?:约|近|超过|超|逾)?$")
_AFTER_LEAD = re.compile(r"(?:以上|左右)?的?")  # what may stand between a figure and its wording after it
_DE_LEAD = 4  # characters a wording after 的 may start past it (的规上工业总产值)
_DE_TAIL = 2  # characters the clause may go on after that wording


def wording_after_its_figure(reading: Reading) -> Keyword | None:
    """完成了12亿元的固定资产投资, 实现45亿元营业收入: the figure stands before its own wording, right
    after an achievement verb, joined by 的 or not; the wording ends the clause (投资12亿元的汽车项目
    names a project, not a metric)."""
    after = reading.after
    if not _ACHIEVED_RIGHT_BEFORE.search(reading.window):
        return None
    leading = _AFTER_LEAD.match(after)  # 的, 以上的, 左右 (or nothing: the pattern always matches)
    lead = leading.end() if leading else 0
    match = keyword_pattern().search(after, lead)
    if match is None or match.start() > lead + _DE_LEAD or len(after) - match.end() > _DE_TAIL:
        return None
    keyword = keyword_index()[match.group()]
    if keyword.metric == NOT_A_METRIC or METRIC_DIMENSION.get(metric_units()[keyword.metric]) != reading.quantity.dimension:
        return None
    if other_indicators(after):
        return None
    return keyword


def wording_named_after(reading: Reading) -> tuple[Keyword, bool] | None:
    """争取了6000万元专项债资金, 用不足3平方公里的规划用地: a money or area figure right after a verb, with no
    wording before it and no figure to continue, whose own clause names a metric right after it (past 的), is that metric's
    amount, and a goal when a plan word follows the wording (编制1.5亿元基础设施投资计划). A wording that
    qualifies a noun after it (5亿元投资项目) names no amount; nor does one past a list mark or bracket."""
    if reading.quantity.dimension not in ("money", "area") or not _verb_right_before().search(reading.window):
        return None
    after = reading.after
    leading = _AFTER_LEAD.match(after)
    lead = leading.end() if leading else 0
    match = keyword_pattern().search(after, lead)
    if match is None or match.start() > lead + _NAMED_AFTER_REACH or _LIST_OR_ASIDE.search(after, 0, match.start()):
        return None
    keyword = keyword_index()[match.group()]
    if keyword.metric == NOT_A_METRIC or METRIC_DIMENSION.get(metric_units()[keyword.metric]) != reading.quantity.dimension:
        return None
    if other_indicators(after[: match.end()]) or after.startswith(tuple(cues()["heads_after_a_wording"]), match.end()):
        return None
    return keyword, after.startswith(tuple(cues()["plan_nouns_after_a_wording"]), match.end())


_LIST_OR_ASIDE = re.compile(r"[、（(）)]")  # a list mark or bracket parts the figure from a wording after it
_NAMED_AFTER_REACH = 2  # characters of a modifier between the figure (past 的) and its wording (地方专项债)


@lru_cache(maxsize=1)
def _verb_right_before() -> re.Pattern:
    """A verb taking the figure and its wording as one object (争取了6000万元专项债资金), right before the figure
    or before the year the object is for (编制了年度1.5亿元投资计划)."""
    verbs = pattern_of(cues()["verbs_before_a_named_figure"])
    periods = pattern_of(cues()["periods_before_a_named_figure"])
    approximations = pattern_of(cues()["approximations_before_a_named_figure"])
    return re.compile(rf"(?:{verbs.pattern})了?(?:{periods.pattern})?(?:{approximations.pattern})?$")


_SEGMENT_END = re.compile(r"[；;。！？]")
_USE_REACH = 24  # characters a use verb may stand from the works it names, within one clause


def infrastructure_spending(reading: Reading) -> Keyword | None:
    """累计投入4.2亿元，完成园区道路14公里; 投入资金1000万元用于基础设施建设: money put in (a spending
    verb in the figure's own clause) whose use, said after it before the next money figure or ；,
    is infrastructure works (cues.yaml infrastructure_use_verbs, infrastructure_works)."""
    if reading.quantity.dimension != "money":
        return None
    own_clause = CLAUSE_MARK.split(reading.window[-32:])[-1]
    verb = pattern_of(cues()["spending_verbs"]).search(own_clause)
    if verb is None:
        return None
    heading = heading_before(reading)
    works_heading = bool(heading) and has(cues()["infrastructure_works"], heading) and len(heading) <= _HEADING_EXTRA + 4
    if works_heading or _works_right_before().search(own_clause, verb.end()) or has(cues()["infrastructure_works"], own_clause[: verb.start()]):
        # 基础设施⏎完成投入82亿元: the heading names the works
        # 支持园区基础设施建设2.9亿元, 园区基础设施建设共投入33亿元: the works named around the verb
        return Keyword(verb.group(), "investment_infrastructure", "investment_infrastructure", False)
    end = reading.sentence.end
    segment = _SEGMENT_END.search(reading.text, reading.quantity.end, end)
    end = segment.start() if segment else end
    later_money = [q for q in reading.document.quantities.within(reading.quantity.end, end) if q.dimension == "money"]
    end = later_money[0].start if later_money else end
    if not _infrastructure_use().search(reading.text, reading.quantity.end, end):
        return None
    return Keyword(verb.group(), "investment_infrastructure", "investment_infrastructure", False)


ONE_PROJECT_BUILT = "one_project_built"  # money_put_into_works: the money builds one project, an item
_USE_SAID_WITHIN = 40  # characters after the figure where its use is read


@lru_cache(maxsize=1)
def _works_verb_after() -> re.Pattern:
    """8亿元人民币，建设…, 80亿元精心打造…: the use verb right after the figure (an aside and a short adverb between)."""
    return re.compile(rf"(?:人民币)?[，,]?[\u4e00-\u9fff]{{0,2}}?(?:{pattern_of(cues()['works_verbs']).pattern})")


@lru_cache(maxsize=1)
def _counted() -> re.Pattern:
    """A figure and its measure word (重点项目30个): the use counts what it builds."""
    return re.compile(rf"\d++(?:{pattern_of(cues()['project_group_measures']).pattern})")


def money_put_into_works(reading: Reading, keyword: Keyword) -> str | None:
    """投资2.6亿元新建和改建了8条道路, 投入12亿元补齐园区教育医疗短板: money put in (cues.yaml put_in_wordings)
    whose use is said right after it (works_verbs) is spent on works, not the zone's fixed-asset investment:
    infrastructure investment, or ONE_PROJECT_BUILT when what it builds is one project (投资5亿元建设某某项目)."""
    if keyword.word not in cues()["put_in_wordings"] or reading.quantity.dimension != "money":
        return None
    after = reading.text[reading.quantity.end : min(reading.sentence.end, reading.quantity.end + _USE_SAID_WITHIN)]
    verb = _works_verb_after().match(after)
    if verb is None:
        return None
    use = CLAUSE_MARK.split(after[verb.end() :], maxsplit=1)[0]
    if has(cues()["industry_uses"], use):
        return None  # 一期投资12亿元，打造以电池制造业为主的园区: an industry, no works
    if "项目" in use and not has(cues()["infrastructure_works"], use):  # 投资12亿元建设道路等基础设施项目: works
        if _counted().search(use):
            return None  # 投资20亿元建设重点项目30个: a group of projects, read as before
        return ONE_PROJECT_BUILT
    return "investment_infrastructure"


@lru_cache(maxsize=1)
def _works_right_before() -> re.Pattern:
    """支持…基础设施建设2.92亿元: the works named right before the figure, after the spending verb."""
    works = pattern_of(cues()["infrastructure_works"])
    return re.compile(rf"(?:{works.pattern})(?:建设)?(?:资金)?(?:约|近|达|共|合计)?$")


@lru_cache(maxsize=1)
def _infrastructure_use() -> re.Pattern:
    verbs, works = pattern_of(cues()["infrastructure_use_verbs"]), pattern_of(cues()["infrastructure_works"])
    return re.compile(rf"(?:{verbs.pattern})[^，,；;。]{{0,{_USE_REACH}}}?(?:{works.pattern})")


def names_other_indicator(window: str) -> bool:
    """工业增加值, 技改投资 …: the window names an indicator that is none of our metrics."""
    if other_indicators(window):
        return True
    return any(keyword_index()[m.group()].metric == NOT_A_METRIC for m in keyword_pattern().finditer(window))


def counts_something_named_after(reading: Reading) -> bool:
    """A count followed by a noun that is neither 项目 nor a firm (11个重点园区, 45个行政村)."""
    after = reading.after[:16]
    if not _CJK_START.match(after) or goal_noun_after(after):
        return False  # (新引进项目30个的工作目标: the goal's count)
    if status_pattern().match(after.lstrip(cues()["status_prefix_chars"])) and (
        any(fact.metric in ("enterprises", "projects") for fact in reading.sentence_facts)
        or reading.window.rstrip().endswith(_NOUNS_COUNTED_BY_STATE)
    ):
        return False  # 14家工业企业已有12家开工建设: a part of the group counted before, by its state; 共有重点项目36个开复工
    return not counted_noun_after(reading) and not after.startswith(cues()["count_continuations"].prefixes)


_NOUNS_COUNTED_BY_STATE = ("项目", "企业")  # right before a count a state follows: the count is of them


def works_of_the_zone(noun: re.Match) -> bool:
    """62个工业园区基础设施项目, 31个园区配套设施建设项目: projects qualified by the zone's works are the
    zone's projects of that kind, not a count of zones."""
    qualifier = noun.group(1)
    return noun.group(2) == "项目" and has(cues()["infrastructure_works"], qualifier)


def firms_of_the_zone(reading: Reading, qualifier: str) -> bool:
    """2186家园区企业, 320户开发区企业: firms counted by their measure word, qualified by the zone word
    alone, are the zone's firms (not 11个重点园区新增企业, a count of zones)."""
    return qualifier in cues()["zone_words"] and reading.quantity.raw.endswith(cues()["firm_measures"].prefixes)


@lru_cache(maxsize=1)
def _zone_named_after_its_firms() -> re.Pattern:
    """A zone word (cues.yaml zone_words) right after a counted firm noun, maybe past a word that says what the
    zone gathers (cues.yaml zone_gathers: 中小企业工业园区, 民营企业总部集聚区): the noun names zones, not firms
    (not 5家企业入驻园区, where a verb stands between, nor 32家企业园区内投产, where the zone is where they are).
    Atomic, so that 产业园区内 cannot be read again as 产业园 before 区."""
    gathers = pattern_of(cues()["zone_gathers"]).pattern
    zones = pattern_of(cues()["zone_words"]).pattern
    inside = pattern_of(cues()["inside_a_zone"]).pattern
    return re.compile(rf"(?>(?:{gathers})?(?:{zones}))(?!{inside})")


def counted_noun_after(reading: Reading) -> re.Match | None:
    """项目 or a firm noun right after a count, unless its qualifier names zones (11个重点园区新增企业);
    公司 counts firms only with the firms' measure word 家 or Hong Kong's 间 (12家公司, 1200间科技公司, not
    两个担保公司)."""
    noun = COUNT_NOUN.match(reading.after[:16])
    if not noun:
        return None
    if has(cues()["zone_words"], noun.group(1)) and not (firms_of_the_zone(reading, noun.group(1)) or works_of_the_zone(noun)):
        return None  # 11个重点园区新增企业: a count of zones
    if counted_again_before_the_noun(noun.group(1)):
        return None  # 15个国家和地区的460家企业: the firms are the later count's
    if reading.after[noun.end() :].startswith(cues()["institution_heads"].prefixes):
        return None  # 3家企业技术中心: centres, not firms
    if noun.group(2) in cues()["firm_nouns"] and _zone_named_after_its_firms().match(reading.after, noun.end()):
        return None  # 60个省级中小企业工业园区, 4个民营企业总部集聚区: zones named for their firms, a count of zones
    if reading.after[noun.end() :].startswith(cues()["firms_doing"].prefixes) and not projects_in_an_event(reading, noun):
        return None  # 100多家企业建有篮球场: the firms that do something, not the zone's count of firms
    return None if noun.group(2) == "公司" and not reading.quantity.raw.endswith(("家", "间", "間")) else noun


_EVENT_REACH = 12  # characters after 参加 that may name the event (参加本次全市集中开竣工活动)


def projects_in_an_event(reading: Reading, noun: re.Match) -> bool:
    """5个项目参加集中开工活动: projects taking part in a groundbreaking or signing event are the zone's
    projects in that state (firms taking part in something are not its count of firms)."""
    rest = reading.after[noun.end() : noun.end() + _EVENT_REACH]
    return noun.group(2) == "项目" and status_pattern().search(rest) is not None


def counted_again_before_the_noun(qualifier: str) -> bool:
    """A count and its measure word between a count and the noun (15个国家和地区的460家企业): the noun is
    what the nearer count counts; the first one counts something else (countries)."""
    return any(ch.isdigit() and qualifier[i + 1 : i + 2] in ("家", "户", "個", "个", "戶") for i, ch in enumerate(qualifier))


_ASIDE_AT_THE_END = re.compile(rf"{ASIDE.pattern}\s*$")


def _without_an_aside_at_the_end(window: str) -> str:
    """新批内资企业（含增资项目）186家: a bracketed aside right before a count says what the count includes; its noun is
    not the counted one. Blanked (same length: offsets into the window stay)."""
    aside = _ASIDE_AT_THE_END.search(window)
    return window if aside is None else window[: aside.start()] + "　" * (len(window) - aside.start())


def count_wording(reading: Reading) -> Keyword | None:
    """项目 or 企业 right after a count (14个项目, 86个亿元以上重点工业项目) or in its window (签约项目15个);
    a bare count followed by a status (71个实质性开工, 42个竣工投产) continues the sentence's project count."""
    after = reading.after[:16]
    noun = counted_noun_after(reading)
    if noun:
        if noun.group(2) == "项目" and research_projects(noun.group(1) + noun.group(2)):
            return None  # 16项国家科技计划项目: research grants, not investment projects
        return keyword_index()[counted_noun(noun)]
    jobs = counts_jobs(reading)
    if jobs:
        return jobs
    if reading.quantity.raw.endswith(("家", "户", "戶")) and _firms_of_an_industry().match(after):
        return keyword_index()["企业"]  # 16家光电产业, 24家精密机械产业: firms counted by their industry
    status_after = status_pattern().match(after.lstrip(cues()["status_prefix_chars"]))
    if status_after and any(f.metric == "projects" for f in reading.sentence_facts):
        return keyword_index()["项目"]
    if counts_something_named_after(reading):
        return None  # counts something else: 24个对外开放重点产业集聚区
    found = wording_before_listed_examples(reading) or last_keyword(_without_an_aside_at_the_end(reading.window), "count")
    if found is None and _FIRMS_AS_COMPANIES.search(reading.window) and reading.quantity.raw.endswith(("家", "间", "間")):
        return keyword_index()["企业"]  # 园区有上市公司3家, 进驻公司逾1100间: companies counted as firms are
    if found is None and _FIRMS_BY_SIZE_CLASS.search(reading.window) and reading.quantity.raw.endswith(("家", "户", "戶")):
        return keyword_index()["企业"]  # 规上工业42户, 新增规模以上工业12家: firms named by their size class alone
    if found and _counts_institutions(reading.window[found[1] + len(found[0].word) :]):
        return None  # 企业研发中心15家, 企业工程（技术）中心27家: centres, not firms
    if found and found[0].metric == "projects" and research_projects(reading.window[max(0, found[1] - 8) : found[1] + 2]):
        return None  # 科技项目立项16项: research grants, not investment projects
    return found[0] if found else None


@lru_cache(maxsize=1)
def _institution_counted() -> re.Pattern:
    """An institution's head word (cues.yaml institution_heads) ending the words before a count, maybe with a
    linking word after it (企业工程（技术）中心27家, 市级以上工业设计中心共3家)."""
    return re.compile(rf"(?:{pattern_of(cues()['institution_heads']).pattern})(?:{_LINKING_WORDS})*$")


def _counts_institutions(after_wording: str) -> bool:
    """The words between a firm wording and its count name an institution, not firms: right after the wording
    (企业研发中心15家) or as the noun the count closes on (企业工程（技术）中心27家)."""
    return after_wording.startswith(cues()["institution_heads"].prefixes) or closes_on_an_institution(after_wording)


def closes_on_an_institution(words: str) -> bool:
    """The count's own clause closes on an institution (工业设计中心3家): it counts centres. An institution that
    only opens the words is where the counted are (、孵化器内32家: firms)."""
    return not CLAUSE_MARK.search(words) and bool(_institution_counted().search(words))


@lru_cache(maxsize=1)
def _examples_end() -> re.Pattern:
    """等, maybe a word before the count (cues.yaml examples_before_count), at the end of the window."""
    return re.compile(rf"等(?:{pattern_of(cues()['examples_before_count']).pattern})?$")


_EXAMPLES_JOINED = re.compile(r"[、和及与]")  # two names or more


def wording_before_listed_examples(reading: Reading) -> tuple[Keyword, int] | None:
    """开工项目有甲厂房、乙企业孵化楼等11个: a count right after a list of named examples ending in 等 counts what
    its clause names before the list opens (cues.yaml examples_openers), not a noun inside one of the names."""
    window = reading.window
    end = _examples_end().search(window)
    if end is None:
        return None
    clause_start = after_last_comma(window, end.start())
    opener = None
    for found in pattern_of(cues()["examples_openers"]).finditer(window, clause_start, end.start()):
        if not window.startswith(cues()["not_an_examples_opener"].prefixes, found.start()):
            opener = found
            break  # the first opener of the clause: the names come after it
    if opener is None or not _EXAMPLES_JOINED.search(window, opener.end(), end.start()):
        return None  # no list of names: 等 closes a word (园区企业等30家) and the usual wording is read
    return last_keyword(window[: opener.start()], "count")


@lru_cache(maxsize=1)
def _firms_of_an_industry() -> re.Pattern:
    """An industry right after a count of firms (16家光电产业营业额…): the firms of that industry, unless a
    place, group or body of that industry follows it (cues.yaml industry_s_places_and_bodies, not_firm_groups:
    25家绿色产业示范基地, 3家省级产业创新中心)."""
    bodies = pattern_of(cues()["industry_s_places_and_bodies"] + cues()["not_firm_groups"]).pattern
    return re.compile(rf"[\u4e00-\u9fff]{{1,8}}?产业(?![\u4e00-\u9fff]{{0,4}}(?:{bodies}))")


_LINKING_WORDS = "达到|达|共计|共|有|约|近|超过|超|逾"  # between a counted noun and its count (公司总数达, 规上工业共有)
_FIRMS_AS_COMPANIES = re.compile(rf"公司(?:总数)?(?:{_LINKING_WORDS})*$")
_FIRMS_BY_SIZE_CLASS = re.compile(rf"(?:规上|规模以上)(?:工业)?(?:{_LINKING_WORDS}|增至|增加到|为)*$")


def research_projects(words: str) -> bool:
    """科技项目, 火炬计划项目: research grants or programmes, unless brought in or built (引进科技项目)."""
    return has(cues()["research_projects"], words) and not has(cues()["intake_verbs"] + cues()["build_verbs"], words)


_REACH_LONGEST = 8  # characters of the window's end searched for the words of reach


@lru_cache(maxsize=1)
def _reach_end() -> re.Pattern:
    """Words of reach between the jobs and their count (cues.yaml job_reach_words: 就业岗位可达26000个, 新增就业岗位
    超过3000个, 就业机会约4200个), ending the window."""
    return re.compile(rf"(?:{pattern_of(cues()['job_reach_words']).pattern}|\s)+$")


def counts_jobs(reading: Reading) -> Keyword | None:
    """提供8000个就业岗位, 新增就业岗位3000个, 创造2980个就业机会, 解决就业岗位可达2.6万个: a count of jobs is
    employment."""
    words = cues()["job_words"].prefixes
    window = reading.window
    reach = _reach_end().search(window, max(0, len(window) - _REACH_LONGEST))
    after = reading.after[_AFTER_LEAD.match(reading.after).end() :]  # 6000人以上的就业机会: past the bound and 的
    if after.startswith(words) or window[: reach.start() if reach else len(window)].endswith(words):
        return keyword_index()["就业"]
    return None


def jobs_named_after(reading: Reading) -> tuple[Keyword, int] | None:
    """可提供6000人以上的就业机会: people counted before the jobs they fill are employment."""
    if reading.quantity.dimension != "person":
        return None
    keyword = counts_jobs(reading)
    return (keyword, reading.quantity.end) if keyword else None


def names_a_project_group(clause: str) -> bool:
    """重点工业项目, 在建亿元以上产业项目: a group qualifier within a few words before 项目 (a named
    project such as 某某公司年产10万吨项目 has none)."""
    if "项目" not in clause:
        return False  # most clauses name no project
    at = clause.find("项目")
    while at >= 0:
        reach = max(0, at - 8)
        start = at - len(CLAUSE_OR_SENTENCE_MARK.split(clause[reach:at])[-1])  # its own clause's words only
        if has(cues()["project_group_words"], clause[start : at + 2]):  # 项目 itself read: 大项目, not 大型农机…项目
            return True
        at = clause.find("项目", at + 2)
    return False



_LIST_ITEM_SPLIT = re.compile(r"以及|[、和及与]")
_DIGIT = re.compile(r"[\d０-９]")
# A comma a copied web or PDF page leaves before each list mark (生产总值,、固定资产投资; 115.7亿元,、136.8亿元):
# no clause mark, read as if absent.
_STRAY_COMMA = re.compile(f"[{STRAY_COMMAS}](?=、)")
# A date opening the list's clause (2017年全区生产总值、固定资产投资…分别…; 1-6月, 12月份, 上半年) is no figure in the list.
_DATE_LEAD = re.compile(leading_date(r"\d{1,2}月份?"))
_UNREAD = object()  # an item of a list naming neither a metric of ours nor an indicator outside them


def wording_of_a_list_item(reading: Reading) -> tuple[Keyword | None] | None:
    """规上工业增加值、固定资产投资分别增长8.5%、10.2%: a figure after 分别 takes the item at its place
    in the list of indicators named right before 分别; (None,) when that item is an indicator outside
    the vocabulary; None when the list cannot be read item by item (a figure in it, an unknown item)."""
    if not reading.sentence_holds(cues()["respectively"]):
        return growth_of_a_paired_list(reading)
    head = reading.head
    markers = list(pattern_of(cues()["respectively"]).finditer(head))
    if not markers:
        return growth_of_a_paired_list(reading)
    marker = markers[-1]
    named = CLAUSE_MARK.split(_STRAY_COMMA.sub("", head[: marker.start()]))[-1]
    named = _DATE_LEAD.sub("", named, count=1)  # the pattern matches at the start, empty when no date opens it
    stretch = _STRAY_COMMA.sub("", head[marker.end() :])
    if not named or _DIGIT.search(named) or re.search(r"[，；：,;:。]", stretch):
        return None
    items = _list_items([item for item in _LIST_ITEM_SPLIT.split(named) if item])
    if len(items) < 2 or _UNREAD in items:
        return None
    start = reading.sentence.start + marker.end()
    growth = reading.quantity.dimension in ("percent", "ratio")
    before = [
        q for q in reading.document.quantities.within(start, reading.quantity.start)
        if (q.dimension in ("percent", "ratio")) == growth
    ]
    if len(before) >= len(items):
        return None
    return (items[len(before)],)


# A list of growth rates joined as their indicators are (12.3%和8.6%, 12%、8%), ending its clause.
_GROWTH_LIST = re.compile(r"-?[\d.]++%(?:(?:和|、|及|与)-?[\d.]++%)++(?=$|[，；。,;）)])")


def growth_of_a_paired_list(reading: Reading) -> tuple[Keyword | None] | None:
    """产值和税收同比增长12.3%和8.6%: without 分别, growth rates listed as many as the indicators named right
    before the growth word pair with them in order, as after 分别."""
    if reading.quantity.dimension != "percent" or reading.quantity.raw[-1:] != "%":
        return None
    clause_start = reading.sentence.start + after_last_comma(reading.head)
    listed = _GROWTH_LIST.search(reading.text, clause_start, reading.sentence.end)
    if listed is None or not listed.start() <= reading.quantity.start < listed.end():
        return None
    lead = reading.text[clause_start : listed.start()]
    growth_words = list(word_pattern(cues()["growth_up"].prefixes + cues()["growth_down"].prefixes).finditer(lead))
    if not growth_words or lead[growth_words[-1].end() :] not in _GROWTH_TO_LIST:
        return None
    return _nth_item(lead[: growth_words[-1].start()], listed, reading)


_GROWTH_TO_LIST = ("", "了", "为", "达")


def _nth_item(named: str, listed: re.Match, reading: Reading) -> tuple[Keyword | None] | None:
    """The indicator of `named` at the figure's place in the list of growth rates."""
    items = [_list_item(item) for item in _LIST_ITEM_SPLIT.split(named) if item]
    figures = [q for q in reading.document.quantities.within(listed.start(), listed.end())]
    if len(items) < 2 or _UNREAD in items or len(figures) != len(items) or reading.quantity not in figures:
        return None
    return (items[figures.index(reading.quantity)],)


_SHARED_HEAD_LENGTHS = (2, 3)  # characters of the last item's end an earlier item may leave unsaid (投资, 总产值)


def _list_items(raw_items: list[str]) -> list:
    """The items of a list of indicators, an item that names no wording of its own completed by the head
    noun the list's last item ends in (固定资产、工业投资 = 固定资产投资、工业投资)."""
    items = [_list_item(item) for item in raw_items]
    for at, item in enumerate(items[:-1]):
        if item is _UNREAD:
            completed = _completed_by_a_shared_head(raw_items[at], raw_items[-1])
            items[at] = _list_item(completed) if completed else item
    return items


def _completed_by_a_shared_head(item: str, last: str) -> str | None:
    """item + the end of the last item, when a wording then runs across the join to the end."""
    for length in _SHARED_HEAD_LENGTHS:
        if len(last) <= length:
            continue
        completed = item + last[-length:]
        words = list(keyword_pattern().finditer(completed))
        if words and words[-1].end() == len(completed) and words[-1].start() < len(item):
            return completed
    return None


def _list_item(item: str):
    """One item of a list of indicators: our wording, None for an indicator outside the vocabulary."""
    words = list(keyword_pattern().finditer(item))
    other = other_indicators(item)
    if other and (not words or other[-1].end() >= words[-1].end()):
        return None
    if not words:
        return _UNREAD
    keyword = keyword_index()[words[-1].group()]
    return None if keyword.metric == NOT_A_METRIC else keyword


@lru_cache(maxsize=1)
def _secured_funds() -> re.Pattern:
    """A securing verb (cues.yaml securing_verbs), up to 20 characters, 资金 and what links it to the figure."""
    verbs = pattern_of(cues()["securing_verbs"]).pattern
    return re.compile(rf"(?:{verbs})[\u4e00-\u9fff、]{{0,20}}?资金(?:支持)?(?:达到|达|共计|共|累计|合计|约|近|超过|超|逾)*$")


def secured_funds(reading: Reading) -> Keyword | None:
    """共争取各类资金1500万元, 争取落实到位省级发展引导资金505万元: funds the zone secured from higher
    levels (争取 as the verb of 资金 in the figure's own clause), a financing figure."""
    if reading.quantity.dimension != "money":
        return None
    clause = CLAUSE_MARK.split(reading.window)[-1]
    return keyword_index()["争取资金"] if _secured_funds().search(clause) else None
