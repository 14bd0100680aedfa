"""Names of what is built right after the verb building it: 开工建设X产业园 / X集团拟投资30亿元建设集生产、
物流于一体的Y产业园 / 企业在园内征地300亩，建设Z生产基地.

A name ending in a head of what is built (built_object_heads: 产业园, 基地, 总部, 工厂, 小镇 …) that fills the
rest of its clause after a building verb is a project when the verb is a status said as done (开工建设, 建成)
or when a firm builds it (a company word earlier in the sentence's part: X集团拟投资N，建设…). What
describes the name before its last 的 (集…于一体的, 包括…在内的) is no part of it. Public works,
zones and group words are left (category_at_end in PUBLIC_WORKS: 建设园区污水处理厂, 建设省级开发区, 建设一批重点项目).
"""

from __future__ import annotations

from .facilities import PUBLIC_WORKS, category_at_end
from .lexicon import cue_pattern, cues, name_stop_pattern
from .project_names import SINGLE, TABLE, Mention, P, industry_only, is_project_name
from .spans import clause_holding, inside
from .status import status_words

_NAME_MAX = 60  # the longest clause (modifiers and name) after the verb read for a name
_PART_MARKS = "；;。！？!?"
_CLAUSE_ENDS = "，,；;。！？!?：:"


def built_object_mentions(document, sentence, quantities, taken):
    """开工建设X产业园 / X集团拟投资N建设…的Y基地: the name after its building verb (see the module)."""
    text = document.text
    if not P.built_object_gate.search(text, sentence.start, sentence.end):
        return  # no building verb (most sentences): one search skips them
    words = None
    heads = tuple(cues()["built_object_heads"])
    for verb in P.building_verb.finditer(text, sentence.start, sentence.end):
        start = verb.end()
        if inside(start, taken) or inside(verb.start(), taken):
            continue
        _, high = clause_holding(document, sentence, start)
        end = high
        while end > start and (text[end - 1].isspace() or text[end - 1] in _CLAUSE_ENDS):
            end -= 1
        if not 0 < end - start <= _NAME_MAX or not text.endswith(heads, start, end):
            continue
        name_start = text.rfind("的", start, end) + 1 or start
        name = text[name_start:end]
        if not _built_name(name):
            continue
        words = words if words is not None else status_words(document, sentence, TABLE)
        said = any(word.end == verb.end() and word.strength >= 2 and word.status and not word.future for word in words)
        firm = _firm_builds(text, sentence.start, verb.start())
        if not said and not firm:
            continue
        taken.append((name_start, end))
        yield Mention(name_start, end, name, SINGLE, sentence, (name_start, end), owned=firm)


def _built_name(name: str) -> bool:
    """A name saying which works are built: no phrase (stops, 、), no zone, no public work, no group words."""
    if "、" in name or name_stop_pattern(TABLE, True, joins=False).search(name):
        return False
    if P.zone_tail.search(name) or P.zone_named_lead.fullmatch(name) or category_at_end(name) in PUBLIC_WORKS:
        return False
    head = max((head for head in cues()["built_object_heads"] if name.endswith(head)), key=len, default="")
    core = name[: len(name) - len(head)]
    return is_project_name(name) and is_project_name(core) and not industry_only(core)  # 一批产业基地, 汽车产业园: no name


def _firm_builds(text: str, low: int, verb: int) -> bool:
    """A company word in the sentence's part before the verb (X集团拟投资20亿元，建设…): a firm builds it."""
    part = max(text.rfind(mark, low, verb) for mark in _PART_MARKS) + 1 or low
    return cue_pattern("firm_words").search(text, max(part, low), verb) is not None
