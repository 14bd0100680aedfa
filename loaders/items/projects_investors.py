"""Firms opening their clause with the amount they invested (A有限公司完成投资1120万元；B公司已累计完成投资3亿元):
in a zone's report a named firm stating its own investment is one of the zone's projects, named by the
firm (or by the firm's works: A公司三期扩建工程投资1.2亿元); so is a named park or plant stating its total
investment (X新材料园总投资110亿元).

The amount must close its clause: a firm investing in something named after the amount (A公司投资5亿元
建设X项目, A公司投资建设的Y) is the investor of that project, which the other finders name.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text.word_trees import trie_pattern
from .facilities import PUBLIC_WORKS, category_at_end
from .lexicon import cue_pattern, cues
from .project_names import SINGLE, Mention, P, is_project_name, list_lead, past_leads
from .spans import clause_holding, inside

_VERB_REACH = 16  # 已累计完成固定资产投资总额约: the longest run of investing words before an amount
_NAME_REACH = 40  # how far before its investing words a firm's name may start


def investing_firms(document, sentence, quantities, taken):
    """A有限公司完成投资1,120万元；B公司投资376万元: the firm heading its clause, its amount closing it."""
    text = document.text
    if not P.firm_investing_gate.search(text, sentence.start, sentence.end):
        return  # no investing word P.firm_investing needs (most sentences): one search skips them
    if not _investing_named().search(text, sentence.start, sentence.end):
        return  # most sentences name no firm and no park investing: one search skips them
    for quantity in quantities.within(sentence.start, sentence.end):
        if quantity.dimension != "money" or inside(quantity.start, taken):
            continue
        low, _ = clause_holding(document, sentence, quantity.start)
        _, high = clause_holding(document, sentence, quantity.end - 1)  # 1,120万元 may span two clauses
        plant = P.builds_own_plant.match(text, quantity.end, high)
        own_plant = plant is not None and category_at_end(plant.group()) not in PUBLIC_WORKS  # (兴建污水处理厂: a public work)
        if not (P.amount_closes_clause.match(text, quantity.end, high) or P.builds_plant.match(text, quantity.end, high) or own_plant):
            continue  # A公司投资5亿元建设X项目: the amount pays for what is named after it (but 兴建新厂 is the firm's plant)
        verb = P.firm_investing.search(text, max(low, quantity.start - _VERB_REACH), quantity.start)
        if verb is None:
            continue
        start, end = _firm_before(text, max(low, verb.start() - _NAME_REACH), verb.start())
        if start is None and own_plant:
            start, end = _firm_building_its_plant(text, max(low, verb.start() - _NAME_REACH), verb.start())
        if start is None or inside(start, taken):
            continue
        taken.append((start, end))
        listed = _list_start(text, sentence.start, start)
        yield Mention(start, end, text[start:end], SINGLE, sentence, (listed, end), quantity.value)


@lru_cache(maxsize=1)
def _investing_named() -> re.Pattern:
    """What a sentence where a firm or a named park states its own investment holds: a company word, a head
    of investing_heads right before 投资 (X新材料园总投资), or a plant being built (兴建高阶封测厂: builds_own_plant)."""
    companies, heads = trie_pattern(cues()["company_suffixes"]), trie_pattern(cues()["investing_heads"])
    return re.compile(f"{companies}|(?:{heads})总?投资|{P.plant_built.pattern}")


def _list_start(text: str, low: int, start: int) -> int:
    """新入驻企业有3户：A公司投资N；B公司投资M: where the list a firm is an item of starts (after its
    introduction's colon, only items split by ； between), so the firms of one list are one run under the
    introduction's status; `start` when the firm is no item of such a list."""
    colon = max(text.rfind("：", low, start), text.rfind(":", low, start))
    if colon < 0 or P.clause_comma.search(text, colon + 1, start):
        return start
    return colon + 1


def _firm_building_its_plant(text: str, low: int, end: int) -> tuple[int | None, int]:
    """(start, end) of a firm's short name before the amount it invests in a plant of its own (A精密投资12亿元兴建
    高阶封测厂, B电机（1234-TW）亦投资…扩建新厂), or (None, end): the last item of a list of such investments, past its
    adverb and stock code; no zone, public work, financing vehicle or group words."""
    low = max(low, text.rfind("、", low, end) + 1)
    tail = P.firm_name_tail.search(text, low, end)
    if tail is not None:
        end = tail.start()
    start = _name_start(text, low, end)
    named = text[start:end]
    if "的" in named or not is_project_name(named) or _a_zone_or_a_public_work(named):
        return None, end
    if named.endswith(tuple(cues()["no_firm_name_ends"])):
        return None, end  # 某县投资2亿元新建…厂, 外商投资…: a place or an investor's kind paying for a plant, no firm
    if _a_financing_vehicle(named):
        return None, end  # 城投投资3亿元新建标准厂房: the financing vehicle builds for the zone
    return start, end


def _name_start(text: str, low: int, end: int) -> int:
    """Where the name ending at `end` starts: past a list's lead, times and zone words before it."""
    _, start = list_lead(text, low, end)
    return past_leads(text, start, end)


def _a_financing_vehicle(named: str) -> bool:
    """城投, 建设投资…: the zone's financing vehicle, paying for the zone's works, no firm with a project."""
    return bool(cue_pattern("vehicle_firm_words").search(named))


def _a_zone_or_a_public_work(named: str) -> bool:
    """X工业园, 污水处理厂: what a zone or a public work invests is an infrastructure item's, no firm's project."""
    return bool(P.zone_in_name.search(named)) or category_at_end(named) in PUBLIC_WORKS


def _firm_before(text: str, low: int, end: int) -> tuple[int | None, int]:
    """(start, end) of the name opening text[low:end], or (None, end): a firm's (it ends in a company word,
    or holds one and ends in a head of what is built: A公司三期扩建工程) or a named plant's or park's
    (X新材料园总投资110亿元: investing_heads, no public work, no zone); list leads, times and zone words before
    it are cut; a name holding 、 is a list (A公司、B公司分别投资…), no one firm."""
    described = text.rfind("的", low, end)
    kind = P.firm_list_after_kind.match(text, described + 1, end) if described >= 0 else None
    if kind is not None:
        low = kind.end()  # 扩厂增资的厂商有A公司投资8亿元: the kind of firm listed, then the firm
    for joined in P.amount_then_join.finditer(text, low, end):
        low = joined.end()  # A公司投资3亿元及B公司扩厂投资2亿元: the last item of a list of investing firms
    name = text[low:end]
    if "、" in name or "的" in name:
        return None, end
    company = cue_pattern("company_suffixes").search(name)
    if company is None and not name.endswith(tuple(cues()["investing_heads"])):
        return None, end
    if company is not None and not name.endswith((*cues()["company_suffixes"], *cues()["amount_led_heads"])):
        return None, end
    start = _name_start(text, low, end)
    named = text[start:end]
    if not is_project_name(named) or (company is not None and start > low + company.start()):
        return None, end  # the company word was cut with the leads, or only group words are left (该公司)
    if company is None and _a_zone_or_a_public_work(named):
        return None, end  # X工业园总投资5亿元: a zone's; 污水处理厂: a public work, an infrastructure item
    if _a_financing_vehicle(named):
        return None, end  # 城投公司完成投资3亿元: the zone's financing vehicle, paying for its works
    return start, end
