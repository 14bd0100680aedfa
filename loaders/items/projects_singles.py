"""Single mentions of a project: a name ending in 项目 / 生产线 (投资12亿元的X项目, A项目及B项目, 丝丽雅“低聚木糖”
项目), with the names listed right before it (A、B和C项目); a firm building the project named next (X集团投资5亿元
新建Y项目); a company being courted (引进Y有限公司). Each yields a Mention (project_names)."""

from __future__ import annotations

import bisect
import re

from .facilities import PUBLIC_WORKS, category_at_end
from .lexicon import cue_pattern, cues, name_stop_pattern, name_stops
from .project_names import (
    MIN_NAME,
    SINGLE,
    TABLE,
    Mention,
    P,
    amount_before,
    amount_right_after,
    industry_only,
    is_project_name,
    list_lead,
    listed_names,
    past_group_noun,
    past_leads,
    split_items,
    strip_suffix,
)
from .projects_groups import after_a_group
from .spans import clause_holding, inside
from .status import status_pattern

# How far before its ending a single name may start: longer runs are no names, and the bound keeps a long
# clause from being rescanned for every ending in it.
_NAME_REACH = 120
_LISTED_BEFORE = ("、", "和", "与")  # what may stand between a name ending in 项目 and the names listed before it
_JOINS_IN_NAMES = ("和", "与")  # conjunctions a name right after its amount may hold
OPENING_QUOTES = "“「『"
_TITLE_REACH = 102  # 《 + the 100 characters a title may hold (items' quoted pattern) + 》


def single_mentions(document, sentence, quantities, taken):
    """X项目 / X生产线 / a company being courted (引进Y有限公司), one name each."""
    text = document.text
    stops = name_stop_pattern(TABLE, True, joins=False)
    suffixes = cue_pattern("project_suffixes")
    companies = cue_pattern("company_suffixes")
    acquisitions = cue_pattern("acquisition_verbs")
    type_words = cues()["name_type_words"]
    for pattern, company in ((suffixes, False), (companies, True)):
        for match in pattern.finditer(text, sentence.start, sentence.end):
            if inside(match.start(), taken):
                continue
            low, high = clause_holding(document, sentence, match.start())
            low = max(low, match.start() - _NAME_REACH)  # a name and its verb lie near its ending
            if company and not acquisitions.search(text, low, match.start()):
                continue  # a company is a project only when courted (引进, 签约…) before its name
            end = match.end()
            phase = P.phase_after.match(text, end)
            if phase and not company:
                end = phase.end()
            if _rejects_tail(text, end, company):
                continue
            close = text.find("》", end, min(high, end + _TITLE_REACH)) if not company and text.startswith("《", end) else -1
            if close > 0 and titled_project(text, end + 1, close):
                continue  # 招商引资项目《X项目》: the title names the project
            found = [
                stop
                for stop in name_stops(stops, text, low, match.start())
                if stop.end() < match.start() or stop.group() not in type_words
            ]  # but 中晟制药有限公司建设项目 keeps its 建设
            found = _past_quoted_product(text, found, document.quoted_spans(sentence), low)
            start = found[-1].end() if found else low
            if _joined_after_amount(found, quantities, low):
                start = found[-2].end()  # 投资8.2亿元的国瑞和新材料项目: one name after its amount
            listed_end, joined = start - 1, False
            for join in P.project_join.finditer(text, start, match.start()):
                start, listed_end, joined = join.end(), join.start(), True  # A项目及B项目: two projects
            investment, start = amount_before(text, low, start, match.start(), quantities)
            start = past_group_noun(text, start, match.start())
            label_end = max(text.rfind("】", start, match.start()), text.rfind("〕", start, match.start()))
            if label_end >= 0 and match.start() - label_end > MIN_NAME:
                start = label_end + 1  # 【在建项目】X项目: the label's end, cut off by its status word
            housed = not company and bool(P.housed_before.search(text, max(low, start - _HOUSED_REACH), start))
            lead_start, start = start, past_leads(text, start, match.start())
            housed = housed or (not company and text.startswith(_HOUSING_LEADS, lead_start) and start > lead_start)
            if not company and _counted_kind(document, sentence, text, low, start):
                continue  # 分别为2个“双百”项目，A项目和B项目: a kind of project counted, the names follow
            content = cue_pattern("content_leads").search(text, low, start) if not company else None
            if content is not None and not _lists_group_members(document, sentence, content, match):
                continue  # 主要建设厂房及生产线: what a project builds, no project of its own
            if not company and _line_of_the_project(text, sentence.start, low, match):
                continue  # X项目，总投资5亿元，新建年产10万吨Y生产线: the line X builds
            if not company and text.startswith("、", start - 1):
                start = _capacity_run_start(text, low, start)
            if start >= match.start():
                continue  # 第一套商业化运行生产线: the ending alone, no name before it
            name = text[start:end]
            listed = not company and (joined or text[start - 1 : start] in _LISTED_BEFORE)
            if not company and not listed:
                lead = P.amount_lead.search(text, low, start)
                if lead and text[lead.start() - 1 : lead.start()] in _LISTED_BEFORE:
                    listed, listed_end = True, lead.start() - 1  # 投资12亿元的A、投资8100万元的B项目: A listed too
            first, items = _listed_before(text, low, listed_end, quantities) if listed else (start, [])
            names = [item[2] for item in items] + [strip_suffix(name)]
            if not listed_names(names)[-1] and not _a_firm_s_kind_of_industry(text, low, start, names):
                continue  # most endings follow group words (重点项目, 该项目): nothing more is read for them
            owner = None if company or listed else _firm_building(text, low, start)
            if owner is not None and owner.end() > start:
                start, name = owner.end(), text[owner.end() : end]  # …集团投资N在Y县上Z项目: past place and verb
            if owner is not None and investment is None and owner.group("amount"):
                investment = _money_at(quantities, owner.start("amount"))
            if investment is None and not company:
                investment = amount_right_after(text, end, high, quantities)
            if company:
                before = text[low:start]
                acquisition = bool(acquisitions.search(before))
                if not acquisition or text.startswith("投资", end) or match.start() - start < MIN_NAME:
                    continue
            else:
                acquisition = bool(acquisitions.search(text[low:start]))
            taken.append((start, end))
            span = (start, end)
            chain = []
            if listed:  # A、B和C项目已开工: names listed before
                named = listed_names([item[2] for item in items] + [name])
                for (s, e, item_name, money), keep in zip(items, named, strict=False):
                    if keep:
                        taken.append((s, e))
                        chain.append(Mention(s, e, item_name, SINGLE, sentence, (first, end), money, acquisition))
                span = (first, end)
            owned = owner is not None or (housed and not listed)  # 园内X项目是…: a project the zone holds
            chain.append(Mention(start, end, name, SINGLE, sentence, span, investment, acquisition, owned=owned))
            beside_projects = len(chain) > 1 and any(category_at_end(m.name) not in PUBLIC_WORKS for m in chain)
            for mention in chain:
                mention.beside_projects = beside_projects  # 标准厂房、X公司设备和Y基地建设项目: a project too
                yield mention


_FIRM_REACH = 40  # 集团 + 投资37.82亿元 + 在某某县 + 新建: the longest lead from a firm to the name it builds


_HOUSED_REACH = 5  # 园区内的
_HOUSING_LEADS = ("园区内", "园内", "区内")  # zone words past_leads cuts that say the zone holds the name after them


def _firm_building(text: str, low: int, start: int) -> re.Match | None:
    """The firm, amount and verb building the project named from `start` (X集团投资5亿元新建Y项目), past where
    it builds when a stop word 在 cut the name there (X集团在Y县兴建Z项目), or None."""
    end = start
    if text.startswith("在", start - 1):
        place = P.place_then_verb.match(text, start, start + _FIRM_REACH)
        end = place.end() if place else start
    return P.firm_builds.search(text, max(low, end - _FIRM_REACH), end)


def _lists_group_members(document, sentence, lead: re.Match, ending: re.Match) -> bool:
    """9个项目已竣工投产，主要包括A项目、B项目: a lead listing members (member_leads) after a counted group
    opens a project of the group; 主要建设厂房及生产线 there still says what the group builds."""
    return (
        lead.group() in cues()["member_leads"]
        and ending.group() == "项目"
        and after_a_group(document, sentence, lead.start())
    )


def _counted_kind(document, sentence, text: str, low: int, start: int) -> bool:
    """A name that is one quoted word right after a count (2个“双百”项目): a kind the count sorts projects by."""
    if text[start : start + 1] not in OPENING_QUOTES:
        return False
    spans = document.quoted_spans(sentence)
    index = bisect.bisect_left(spans, (start, -1))
    if index == len(spans) or spans[index][0] != start or not text.startswith("项目", spans[index][1]):
        return False
    return bool(P.counted_kind.search(text, max(low, start - _COUNT_REACH), start))


_COUNT_REACH = 8  # 二十三个, 1000个: the longest count before a quoted kind


def _capacity_run_start(text: str, low: int, start: int) -> int:
    """X集团新建年产26万吨A、6万吨B及其配套工程项目: after a firm's build verb, the products of one 年产 run,
    parted by 、, are one project's name; where that name starts (else `start`, a list of names)."""
    run = text.rfind(_CAPACITY_LEAD, low, start)
    if run < 0 or not P.digit.match(text, start) or P.clause_mark.search(text, run, start) or "项目" in text[run:start]:
        return start
    return run if P.firm_builds.search(text, max(low, run - _FIRM_REACH), run) else start


_CAPACITY_LEAD = "年产"


def _money_at(quantities, position: int) -> float | None:
    """The yuan amount read at `position`, if any."""
    return next((q.value for q in quantities.within(position, position + 1) if q.start == position and q.dimension == "money"), None)


def _a_firm_s_kind_of_industry(text: str, low: int, start: int, names: list[str]) -> bool:
    """松原能源公司投资5000万元建设的光伏项目: a kind of industry named alone (光伏项目, no name of a project in a
    list, industry_only) is one project when a firm building it is named before it in its clause."""
    if len(names) > 1 or not industry_only(names[0]) or not is_project_name(names[0]):
        return False
    return cue_pattern("company_suffixes").search(text, low, start) is not None


def _line_of_the_project(text: str, sentence_start: int, low: int, ending: re.Match) -> bool:
    """A production line its clause opens by building (新建/建设…生产线, 将兴建…生产线, 其中一期建设…), or an output
    a year or a day it opens by building (建设日产50万套Y项目,) and closes on, after a project named earlier in the
    sentence: what that project builds. An output whose clause goes on to a status of its own (X项目已投产，新建年产
    5万吨Y项目正在施工) is a project of its own."""
    if ending.group() not in ("生产线", "项目"):
        return False
    verb = cue_pattern("line_building_verbs").match(text, P.built_by_lead.match(text, low).end())
    if verb is None:
        return False
    if ending.group() == "项目" and not (P.output_word.match(text, verb.end()) and P.name_closes_clause.match(text, ending.end())):
        return False
    return text.find("项目", sentence_start, low) >= 0


def titled_project(text: str, start: int, end: int) -> bool:
    """《X新材料及氢能综合利用项目》签约仪式: a title naming a project (its words end in 项目), not a document."""
    return text[start - 1] == "《" and text.endswith("项目", start, end)


def _listed_before(text, low, listed_end, quantities) -> tuple[int, list]:
    """Where the names listed before a name ending in 项目 start, and those names (A、B和C项目)."""
    _, first = list_lead(text, low, listed_end)
    return first, split_items(text, first, listed_end, quantities, strip_lead=True)


def _past_quoted_product(text: str, found: list, quoted, low: int) -> list:
    """丝丽雅“低聚木糖”项目: a quoted product right after a company's name is part of the project's
    name, so the stops of the quote (its marks, any stop word inside) are passed over when a name of
    at least two characters stands right before it, or when the quote opens the name and names a
    project itself (“鹤翔科技城”项目; but 实施“百企千项”项目 is a slogan, no name)."""
    if not found:
        return found
    for quote_start, quote_end in quoted:
        if found[-1].end() != quote_end or text[quote_start] not in OPENING_QUOTES:
            continue
        before = [stop for stop in found if stop.end() <= quote_start]
        name_start = before[-1].end() if before else low
        named = text[quote_start + 1 : quote_end - 1]
        if quote_start - name_start >= MIN_NAME:
            return found if P.slogan.search(named) else before  # 某市“三个50”项目: a campaign, no project
        if name_start == quote_start and is_project_name(named) and not P.slogan.search(named):
            return before  # “鹤翔科技城”项目: the quoted name is the project's
        return found
    return found


def _joined_after_amount(found, quantities, low) -> bool:
    """…的A和B项目 right after an amount (投资8.2亿元的): the 和 joins words of the one name it introduces."""
    if len(found) < 2 or found[-1].group() not in _JOINS_IN_NAMES or found[-2].group() != "的":
        return False
    if found[-2].end() < found[-1].start() and found[-1].string.startswith("项目", found[-1].start() - 2):
        return False  # …的A项目和B项目: each ends in its own head, two projects
    amount_end = found[-2].start()
    return any(q.dimension == "money" and q.end == amount_end for q in quantities.within(low, amount_end))


def _fields_after(text: str, end: int) -> bool:
    """Whether 等 and an industry head (with a count before it at most) follow `end`: 海外项目等多个领域."""
    if not text.startswith("等", end):
        return False
    position = end + 1
    count = cue_pattern("fields_counts").match(text, position)
    if count:
        position = count.end()
    head = cue_pattern("industry_heads").match(text, position)
    return head is not None and not text.startswith("项目", head.end())


def _rejects_tail(text: str, end: int, company: bool) -> bool:
    """项目情况, 项目15个, 公司投资…: the word goes on into something that is no project's name."""
    if P.count_after.match(text, end):
        return True
    if not company and _fields_after(text, end):
        return True  # 在A、B、海外项目等多个领域合作: the names are fields
    if company or P.land_of_project.match(text, end):
        return False  # X项目用地114亩: the land of a named project, the name ends before it
    rejected = cue_pattern("project_tail_reject").match(text, end)
    if not rejected:
        return False
    stated = status_pattern(TABLE).match(text, end)
    return not (stated and stated.end() > rejected.end())  # X项目进展顺利: a status word, not 项目进展 as a noun

