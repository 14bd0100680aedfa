"""Status words read in context, and the status an item takes from the words around it.

A status word is read where it stands: after a future marker (力争, 将, 年内…), in a sentence
that states an aim, or in a section about next steps, it is an intention and reads as the
lexicon's `future_reading` says (开工 -> planned, 引进 -> negotiating) or says nothing.
"""

from __future__ import annotations

import bisect
import re
from functools import cached_property, lru_cache
from typing import NamedTuple

from ..document import Document
from ..text.sentences import Sentence
from .lexicon import cue_pattern, cues, patterns, status_table, word_pattern
from .spans import blank

_CLAUSE_END = patterns("items").clause_end
_DUE_TIME = patterns("items").due_time
_MIXED_GROUP_HEAD = patterns("items").mixed_group_head
_PLANNED_AMOUNT = patterns("items").planned_amount
_PLANNING_DONE = patterns("items").planning_done
_PAST_WINDOW = 4
# What closes a clause (with a sentence's end), for the looks that stay inside one: 已完成 and what it is said of.
_CLAUSE_MARKS = "，。；：,;:！!\n"
# A completion due by a date (将于2026年3月建成投产): the works go on.
_DUE = "under_construction"
# What a completion word says of works when their stage is not named: they are finished.
_DONE = ("completed", "in_production")


def _a_condition(text: str, said: str, said_start: int, end: int, table: str) -> bool:
    """建成后, 建成通车后, 投产达产后: a status word that a condition closes, straight after it or after the status
    words run on from it, is a condition (what follows once it is reached), not a fact."""
    position, following = end, status_pattern(table).match(said, end - said_start)
    while following is not None and following.end() > following.start():
        position = said_start + following.end()
        following = status_pattern(table).match(said, following.end())
    return bool(cue_pattern("after_condition").match(text, position))


class StatusWord(NamedTuple):
    """A status word where it stands, read as fact or as intention (a named tuple: one is made for every
    status word of every sentence read, and it is cheaper to build than a frozen dataclass)."""

    start: int
    end: int
    word: str
    status: str | None  # None: a word that settles nothing (a name cue other than 搬迁)
    strength: int
    future: bool
    due: bool = False  # a completion due by a date (将于2026年3月建成投产): said of works going on now


def status_words(document: Document, sentence: Sentence, table: str) -> list[StatusWord]:
    """Every status word of the sentence, read as fact or as intention (read once per sentence and table)."""
    key = ("status_words", sentence.index, table)
    if key not in document.memo:
        document.memo[key] = _status_words(document, sentence, table)
    return document.memo[key]


def _status_words(document: Document, sentence: Sentence, table: str) -> list[StatusWord]:
    found = []
    table_words = status_table(table)
    readings = future_reading(table)
    markers = None
    text = document.text
    past_before = cue_pattern("past_before")
    present_before = cue_pattern("present_before")
    said = _said(document, sentence)
    for match in status_pattern(table).finditer(said):
        word, start, end = match.group(), sentence.start + match.start(), sentence.start + match.end()
        status: str | None
        status, strength = table_words[word]
        if status == "completed" and table == "infrastructure" and (_design_done(text, end) or _paperwork_said_done(text, start)):
            status, strength = "design", 2
        elif status == "completed" and (
            _partly_done(text, end) or _share_of_a_plan(text, end) or _a_stage_done(text, end) or _work_goes_on(text, end)
            or _stage_closes_the_object(text, end)
        ):
            status, strength = "under_construction", 2
        elif status in _DONE and _stage_said_done(text, start):
            status, strength = "under_construction", 2
        elif status == "design" and table == "infrastructure" and _study_before(text, start):
            status = "planned"  # 可研报告已通过评审: a study passed its review, the works are not designed yet
        elif status == "completed" and strength < 2 and table == "infrastructure" and _content_of_works(text, start):
            status = "under_construction"  # 项目主要建设内容为新建A、B: what a project holds, built as it is built
        elif status == "completed" and strength < 2 and (
            _done_and_said(said, match.start(), match.end(), table) or _done_of_works_after(said, match.start(), match.end(), table)
        ):
            strength = 2
        if _negated(text, start):
            continue  # 尚未贯通: the stage is not reached
        if _once_scheduled(text, start):
            continue  # 原计划去年底完工: a schedule once set says nothing of where the works are
        if _sought(text, start, end):
            status, strength = "planned", 1  # 正在洽谈落地事宜, 积极争取开工: the stage sought, not reached
        if status == "planned" and word.startswith("计划") and _yardstick_of_a_completion(text, start):
            continue  # 已完成全年计划投资: the year's plan measures what was done, it plans nothing
        if status == "planned" and table == "projects" and _PLANNING_DONE.match(text, end):
            status, strength = None, 0  # 规划设计图纸已完成: the planning is done, no plan is said of the project
        markers = markers or _markers(document, sentence)
        condition = _a_condition(text, said, sentence.start, end, table)
        said_now = past_before.match(word) or present_before.match(word)  # 已投产 is done, 正在建设 goes on
        future = not said_now and (  # whatever comes before
            markers.future_at(start)
            or condition
            or (document.in_future_section(start) and markers.open_to_section(start))
        )
        if future and not condition and _those_that_did(text, markers, start, end):
            future = False  # 2010年底前入驻的有：A、B: the ones that did it by then
        due = False
        if future:
            reading = readings.get(word)
            if (reading is None and not condition and word in due_words(table) and markers.dated(start)
                    and _expected(markers, start, table)):
                reading, due = _DUE, True  # 将于2026年3月建成投产: being built, due by then
            if reading is None:
                continue
            if reading != "keep":
                status, strength = reading, 2
        found.append(StatusWord(start, end, word, status, strength, future, due))
    return _mixed_groups_unsaid(text, _alternatives_unsaid(text, _not_due_before_a_start(text, found, table)))


def _said(document: Document, sentence: Sentence) -> str:
    """The sentence with its words that are no status (not_status) and its planned amounts blanked out:
    the text status words are looked for in, found once for both tables."""
    key = ("status_said", sentence.index)
    if key not in document.memo:
        text = document.text[sentence.start : sentence.end]
        document.memo[key] = blank(_PLANNED_AMOUNT, blank(cue_pattern("not_status"), text))
    return document.memo[key]


def _those_that_did(text: str, markers: _Markers, start: int, end: int) -> bool:
    """A status word made a headless subject (入驻的有：A、B) after a time frame only (2010年底前, 年内): it
    sorts out the items that reached the stage by then, as a record does; an aim (计划, 力争) stays an aim."""
    if not (text.startswith("的", end) and cue_pattern("headless_after").match(text, end + 1)):
        return False
    low = markers.offset + markers.clause_starts[bisect.bisect_right(markers.clause_starts, start - markers.offset) - 1]
    said = list(cue_pattern("future_in_clause").finditer(text, low, start))
    dated = all(match.group() in _time_frames() and _YEAR_DIGIT.match(text, match.start() - 1) for match in said)
    return bool(said) and dated and not markers.in_sentence_before(start)


_YEAR_DIGIT = re.compile(r"[\dXx０-９]")  # 2010年底前, XX年底前 (a masked year), 6月底前: a date, no aim


def _mixed_groups_unsaid(text: str, found: list[StatusWord]) -> list[StatusWord]:
    """新开工和续建项目31个, 签约及开工项目: stages joined to name one group of projects that mixes them say
    no stage of any one member (a stage after the other, 签约并开工, is a sequence: 并 joins no group)."""
    out = list(found)
    for index in range(1, len(found)):
        before, word = found[index - 1], found[index]
        joined = text[before.end : word.start] in cues()["group_joins"]
        if joined and before.status != word.status and _MIXED_GROUP_HEAD.match(text, word.end):
            out[index - 1] = before._replace(status=None)
            out[index] = word._replace(status=None)
    return out


def _not_due_before_a_start(text: str, found: list[StatusWord], table: str) -> list[StatusWord]:
    """近期即将开工，力争12月底完工: a completion due by a date after a start that is itself only intended
    says no works are going on: the planned start is the status. A project named between them has its own
    works (力争A项目一季度开工，B项目年底竣工投产: B is being built)."""
    if not any(word.due for word in found):
        return found
    project_name_end = cue_pattern("project_suffixes") if table == "projects" else None
    planned_start_end = None
    kept = []
    for word in found:
        if word.due and planned_start_end is not None:
            if project_name_end is None or not project_name_end.search(text, planned_start_end, word.start):
                continue
        if word.future and word.status == "planned":
            planned_start_end = word.end
        kept.append(word)
    return kept


def _alternatives_unsaid(text: str, found: list[StatusWord]) -> list[StatusWord]:
    """Status words offered as alternatives (先后开工、竣工或投产; 相继实施或建成投产) say which stages the
    items went through, not which one each reached: they settle nothing."""
    joins = cue_pattern("alternative_joins")
    if not found or not joins.search(text, max(0, found[0].start - 2), found[-1].end + 2):
        return found
    runs: list[list[int]] = []
    for index, word in enumerate(found):
        gap = text[found[index - 1].end : word.start] if index else ""
        if runs and _joined_stages(gap, joins):
            runs[-1].append(index)
        else:
            runs.append([index])
    out = list(found)
    for run in runs:
        first, last = found[run[0]], found[run[-1]]
        gaps = [text[found[a].end : found[b].start] for a, b in zip(run, run[1:], strict=False)]
        around = (text[max(0, first.start - 2) : first.start], text[last.end : last.end + 2])
        offered_outside = bool(joins.search(around[0]) or joins.match(around[1]))  # 实施或建成投产: an unlisted stage
        offered = offered_outside or any(joins.search(gap) for gap in gaps)
        if offered and (offered_outside or not _one_stage([found[index] for index in run])):
            for index in run:
                out[index] = found[index]._replace(status=None)
    return out


def _one_stage(words: list[StatusWord]) -> bool:
    """投产或部分投产, 竣工或投产: alternatives that all name one stage leave no doubt about it."""
    return len(words) > 1 and len({word.status for word in words}) == 1


def _negated(text: str, start: int) -> bool:
    """A negation right before the word, maybe with an adverb between (尚未贯通, 未能按期建成)."""
    return bool(_negation_pattern().search(text, max(0, start - _NEGATION_REACH), start))


_NEGATION_REACH = 6  # 还没有 + 按期


def _once_scheduled(text: str, start: int) -> bool:
    """原计划去年底完工, 原预定6月建成: the word is what was once scheduled (cues once_scheduled), in its clause; not
    when the schedule is what the works are measured by (比原计划提前一个月建成, 按原计划建成)."""
    reach = max(0, start - _SCHEDULE_REACH)
    if cue_pattern("once_scheduled").search(text, reach, start) is None:
        return False  # the common case, told without finding the clause
    low = clause_opening(text, start, reach)
    schedule = cue_pattern("once_scheduled").search(text, low, start)
    return schedule is not None and not text.endswith(tuple(cues()["schedule_measures"]), low, schedule.start())


_SCHEDULE_REACH = 24  # characters from 原计划 to its status word (原计划于2026年12月底前全面建成)


def _alternation(*names: str) -> str:
    """The words of cue lists as one regex alternation, longest first (已经 is tried before 已)."""
    return "|".join(sorted((re.escape(word) for name in names for word in cues()[name]), key=len, reverse=True))


@lru_cache(maxsize=1)
def _negation_pattern() -> re.Pattern:
    negations = _alternation("negations")
    adverbs = _alternation("negated_adverbs")
    return re.compile(rf"(?:{negations})(?:{adverbs})?$")


@lru_cache(maxsize=1)
def _share_pattern() -> re.Pattern:
    shares = _alternation("partial_share")
    # 已完成总搬迁房屋的62.3%: a share of any work named before 的 (a few characters, no digits, in the clause).
    return re.compile(rf"(?:{shares}|[^，。；：,;:\d%％]{{1,{_SHARE_OBJECT_REACH}}}的)?(\d{{1,2}}(?:\.\d{{1,2}})?)[%％]")


_SHARE_OBJECT_REACH = 8  # characters of the work whose share is done (总搬迁房屋)


@lru_cache(maxsize=1)
def _plan_share_pattern() -> re.Pattern:
    """A plan or task and what of it was reached, right after a completion word (计划40%, 年度计划的102.2%,
    全年计划投资目标): a share, or the plan's money or goal as a whole."""
    share = r"\d{1,3}(?:\.\d{1,2})?[%％]|投资|目标"
    return re.compile(rf"了?(?:{_alternation('plan_shares')})(?:的|达到|达|为)?(?:{share})")


_COMPLETION_BEFORE = re.compile(r"完成了?(?:全年|本年度|年度|本年|年)?$")
_COMPLETION_REACH = 6  # characters before 计划 read for a completion word (完成了本年度 at the longest)


def _yardstick_of_a_completion(text: str, start: int) -> bool:
    """计划 right after a completion word (完成全年计划投资, 完成年度计划的80%): the plan is what the progress is
    measured against, no plan of the works."""
    return bool(_COMPLETION_BEFORE.search(text, max(0, start - _COMPLETION_REACH), start))


def _share_of_a_plan(text: str, end: int) -> bool:
    """A completion word followed by the share of a plan or task it reached (已完成计划40%, 完成年度计划102.2%,
    完成任务总量的100%, 完成全年计划投资目标任务): the schedule is kept, the works go on."""
    return bool(_plan_share_pattern().match(text, end))


def _stage_said_done(text: str, start: int) -> bool:
    """主体工程已基本完成, 土建已全部完工, 路基施工已完成: a completion word whose subject, right before it, is
    one stage of the works: that stage is done, the item (a project or a work) is still being built."""
    return bool(_said_done_pattern("stages_of_works").search(text, max(0, start - _STAGE_BEFORE_REACH), start))


_STAGE_BEFORE_REACH = 14  # 准备工作 + 工程 + 已经 + 基本: the longest subject and adverbs before the word


@lru_cache(maxsize=2)
def _said_done_pattern(stages_cue: str) -> re.Pattern:
    """A stage of a cue list (of the works, or of the paperwork before them) closing the words before a completion
    word, with its head (工程, 工作 …) and the adverbs between (主体工程已基本, 公开招标工作已全部)."""
    stages = _alternation(stages_cue)
    adverbs = _alternation("done_adverbs")
    heads = _alternation("works_heads")
    return re.compile(rf"(?:{stages})(?:{heads}){{0,2}}(?:目前|现在|现)?(?:已经|均已|都已|已)?(?:{adverbs})?$")


def _study_before(text: str, start: int) -> bool:
    """可研报告已通过评审, 项目建议书通过论证: the review a design word says passed is of a study made before any design."""
    return bool(_study_before_pattern().search(text, max(0, start - _STUDY_REACH), start))


_STUDY_REACH = 12  # 环境影响评价 + 报告 + 已全面 + 基本: the longest study, paper and past marker before the word


@lru_cache(maxsize=1)
def _study_before_pattern() -> re.Pattern:
    studies, papers = _alternation("studies_before_design"), _alternation("study_papers")
    past, adverbs = _alternation("past_before"), _alternation("done_adverbs")
    return re.compile(rf"(?:{studies})(?:{papers})?(?:{past})?(?:{adverbs})?$")


def _content_of_works(text: str, start: int) -> bool:
    """主要建设内容为新建A、B, 项目包括新建A厂、B厂: a weak work verb right after the words saying what a project
    is made of names its parts; it reports no works done (园区新建标准厂房1万平方米 does)."""
    return bool(_content_lead_pattern().search(text, max(0, start - _CONTENT_REACH), start))


_CONTENT_REACH = 8  # 主要建设内容包括 + ：, or 工程 + ， + 主要包括 + ：, the longest lead before the verb


@lru_cache(maxsize=1)
def _content_lead_pattern() -> re.Pattern:
    leads, inclusions = _alternation("works_content_leads"), _alternation("works_content_inclusions")
    owners = _alternation("works_content_owners")
    return re.compile(rf"(?:(?:{leads})[为是：:]?|(?:{owners})[，,]?(?:{inclusions})[：:]?)$")


def _a_stage_done(text: str, end: int) -> bool:
    """已完成钢构架设前的准备工作, 完成主体封顶: a completion word whose object, in its clause, is one
    stage of the works (preparation, the shell, the foundations), not the item itself. A stage word closing a
    list's first member (完成A路路基、B路和C路建设) is that member's: the completion is said of the whole list."""
    return bool(_stage_pattern().match(text, end))


@lru_cache(maxsize=1)
def _stage_pattern() -> re.Pattern:
    stages = _alternation("stages_of_works")
    return re.compile(rf"[^{_CLAUSE_MARKS}]{{0,{_STAGE_REACH}}}?(?:{stages})(?![、和及与])")


_STAGE_REACH = 10  # characters between the completion word and the stage it names


def _stage_closes_the_object(text: str, end: int) -> bool:
    """完成了A路、B路、C路等3条道路主体工程: a completion word whose object, a list of works however long, ends in
    one stage of them (主体工程, 路基工程): that stage is done for each of them, the works go on."""
    reach = min(len(text), end + _OBJECT_REACH)
    close = clause_closing(text, end, reach)
    if close == reach and reach < len(text):
        return False  # no clause mark within reach (a text run on with spaces): no object closes
    if not text.endswith(_stage_end_words(), end, close):
        return False  # the object ends in no stage nor works head: the pattern, anchored at its end, cannot match
    stage = _stage_end_pattern().search(text, end, close)
    # 完成A路建设、B路路基工程: a member closed by works of its own before the stage is done as a whole
    return stage is not None and not _member_closed_pattern().search(text, end, stage.start())


_OBJECT_REACH = 48  # characters from a completion word to the end of the list of works it is said of


@lru_cache(maxsize=1)
def _member_closed_pattern() -> re.Pattern:
    return re.compile(rf"(?:{_alternation('works_heads')})[、和及与]")


@lru_cache(maxsize=1)
def _stage_end_words() -> tuple[str, ...]:
    """The words _stage_end_pattern can end with: a stage of the works or a works head after it."""
    return tuple(cues()["stages_of_works"]) + tuple(cues()["works_heads"])


@lru_cache(maxsize=1)
def _stage_end_pattern() -> re.Pattern:
    stages = _alternation("stages_of_works")
    return re.compile(rf"(?<![、和及与])(?:{stages})(?:{_alternation('works_heads')}){{0,2}}$")


def stage_closes_clause(text: str, low: int, high: int) -> bool:
    """A路、B路路基工程: the clause text[low:high] ends in one stage of the works (stages_of_works), its closing mark aside."""
    return _stage_end_pattern().search(text, low, _clause_words_end(text, low, high)) is not None


def names_only_works(text: str, low: int, high: int) -> bool:
    """A路、B路道路硬化工程 / B路建设 after the names: the rest of a clause, text[low:high], is nothing or ends as works
    named whole do (works_done_ends); 建设加快推进, 建设资金缺口较大 end in a predicate of their own."""
    end = _clause_words_end(text, low, high)
    return end == low or text.endswith(_works_done(), low, end)


def _clause_words_end(text: str, low: int, high: int) -> int:
    """Where the words of the clause text[low:high] end, its closing mark and spaces aside."""
    return low + len(text[low:high].rstrip(_CLAUSE_MARKS + "。？? \t"))


def said_as_done(text: str, word: StatusWord) -> bool:
    """已完成, 完成了: a completion said as past, not as a task (完成A路建设 in a list of aims)."""
    return _said_done(text, word.start) or text.startswith("了", word.end)


def _design_done(text: str, end: int) -> bool:
    """已完成施工图设计, X路完成初步设计: a completion word whose object, right after it, is a stage of
    the design: the works are designed, not built."""
    return bool(_design_pattern().match(text, end))


def _paperwork_said_done(text: str, start: int) -> bool:
    """白鹭西路公开招标已完成, 施工图设计已全部完成: a completion word whose subject, right before it, is a stage of the
    paperwork before building (item_cues.yaml paperwork_stages): the works are designed and let, not built."""
    return bool(_said_done_pattern("paperwork_stages").search(text, max(0, start - _STAGE_BEFORE_REACH), start))


@lru_cache(maxsize=1)
def _design_pattern() -> re.Pattern:
    stages = _alternation("design_stages")
    return re.compile(rf"了?(?:{stages})")


def _work_goes_on(text: str, end: int) -> bool:
    """绿化、人行道改造已完成，正在进行白改黑: a completion word closing its clause, or followed there by a task
    short of the whole works (已完成围堰排水，完成开挖和回填: not A路建设 or X工程), and the next clause
    saying, with no subject of its own, that other works are going on: one stage is done, the item is
    still being built (已完成，正在进行验收 is done: what goes on is its acceptance; not_building_on)."""
    task = _task_pattern().match(text, end)
    if task is None or text.endswith(tuple(cues()["whole_works"]), end, task.end()):
        return False
    going = _going_on_pattern().match(text, task.end())
    if going is None or text.startswith(tuple(cues()["not_building_on"]), going.end()):
        return False
    if task.end() == end:
        return True
    # 完成可研报告，正在开展工程建设前期工作: paperwork done and more of it going on is no building
    clause_end = _CLAUSE_END.search(text, going.end())
    going_on = text[going.end() : clause_end.start() if clause_end else len(text)]
    paperwork = cues()["paperwork_tasks"]
    return not any(word in text[end : task.end()] for word in paperwork) and not any(
        word in going_on for word in cues()["not_building_on"]
    )


@lru_cache(maxsize=1)
def _task_pattern() -> re.Pattern:
    """What a completion word may have done before its clause ends: nothing, or a short task with no figure."""
    return re.compile(rf"[^{_CLAUSE_MARKS}\d%％]{{0,{_TASK_REACH}}}(?=[，,])")


_TASK_REACH = 10  # characters of the task done (开挖和回填, 古泉路段沥青铺设)


@lru_cache(maxsize=1)
def _going_on_pattern() -> re.Pattern:
    return re.compile(r"[，,]\s*(?:目前|现在|现)?(?:正在|正)(?:进行|加紧|抓紧|实施|开展|推进)?")


def _joined_stages(gap: str, joins: re.Pattern) -> bool:
    """Two status words listed together: a short gap of listing marks and, at most, a stage word the
    lexicon does not hold (开工、竣工或投产: 、竣工或)."""
    listed = "、" in gap or bool(joins.search(gap))
    return listed and len(gap) <= _STAGE_GAP and not _CLAUSE_END.search(gap)


_STAGE_GAP = 6


def _partly_done(text: str, end: int) -> bool:
    """A completion word followed by a share of the work below 100% (完成工程量的45%, 建设完成60%), in its
    clause or opening the next one (完成管网铺设23公里，占总工程量的70%)."""
    if _share_pattern().match(text, end):
        return True
    closing = clause_closing(text, end, min(len(text), end + _SHARE_CLAUSE_REACH))
    return text[closing : closing + 1] in "，," and bool(_share_after_pattern().match(text, closing + 1))


_SHARE_CLAUSE_REACH = 20  # characters from a completion word to the end of its clause (管网铺设23公里)


@lru_cache(maxsize=1)
def _share_after_pattern() -> re.Pattern:
    leads, wholes = _alternation("share_after_leads"), _alternation("share_after_wholes", "plan_shares")
    return re.compile(rf"\s*(?:{leads})(?:{wholes})的?(\d{{1,2}}(?:\.\d{{1,2}})?)[%％]")


def clause_opening(text: str, position: int, floor: int = 0) -> int:
    """Where the clause holding `position` opens: right after the last clause mark before it, or `floor` (a
    bounded look: every mark missing from a long text without stops is looked for only back to there)."""
    return max(floor, max(text.rfind(mark, floor, position) for mark in _CLAUSE_MARKS) + 1)


def clause_closing(text: str, position: int, reach: int) -> int:
    """Where the clause going on at `position` closes: its first clause mark, or `reach` (a bounded look: a long
    text without punctuation costs no more)."""
    found = _CLAUSE_MARK.search(text, position, reach)
    return found.start() if found is not None else reach


_CLAUSE_MARK = re.compile(f"[{_CLAUSE_MARKS}]")  # the first of them in one search, not one find per mark


def _done_and_said(text: str, start: int, end: int, table: str) -> bool:
    """已完成 closing its clause after a facility (X管网等已经完成，…) and no other status word: the
    facility itself was done (土建及路面硬化已经完成: only that stage was; 可研报告已完成: only a study)."""
    closed = end == len(text) or text[end] in _CLAUSE_MARKS
    if not closed or not _said_done(text, start):
        return False
    from .facilities import keyword_pattern  # facilities reads StatusWord from here

    clause = clause_opening(text, start)
    before = max(clause, start - _PAST_REACH)
    return bool(keyword_pattern().search(text, clause, before)) and not status_pattern(table).search(text, clause, before)


def _done_of_works_after(text: str, start: int, end: int, table: str) -> bool:
    """目前已完成A大道、B路等6条道路的改造提升工程: 已完成 before the works it names, in a clause that says no more
    of how far they got, states they were done (as firmly as 已建成 would); 已完成A路规划设计 says a design was."""
    if table != "infrastructure" or not _said_done(text, start):
        return False
    from .facilities import keyword_pattern  # facilities reads StatusWord from here

    clause_end = clause_closing(text, end, min(len(text), end + _WORKS_REACH))
    if not keyword_pattern().search(text, end, clause_end) or not text.endswith(_works_done(), end, clause_end):
        return False  # 已完成A路至B路沥青铺设: a stretch paved, the works go on
    table_words = status_table(table)
    return not any(table_words[word.group()][1] >= 2 for word in status_pattern(table).finditer(text, end, clause_end))


_WORKS_REACH = 80  # how far after 已完成 the clause naming the works may end


@lru_cache(maxsize=1)
def _works_done() -> tuple[str, ...]:
    return tuple(cues()["works_done_ends"])


def _said_done(text: str, start: int) -> bool:
    """已, 已经全部 … right before the word: it is said as done."""
    return bool(_past_end_pattern().search(text, max(0, start - _PAST_REACH), start))


_PAST_REACH = 4  # characters of a past marker and its adverb before the word (已全部, 现已基本)


@lru_cache(maxsize=1)
def _past_end_pattern() -> re.Pattern:
    words = _alternation("past_before")
    adverbs = _alternation("done_adverbs")
    return re.compile(rf"(?:{words})(?:{adverbs})?$")


@lru_cache(maxsize=2)
def status_pattern(table: str) -> re.Pattern:
    return word_pattern(tuple(status_table(table)))


@lru_cache(maxsize=2)
def due_words(table: str) -> frozenset[str]:
    """Completion words that, said as due by a date, mean the item is being built."""
    return frozenset(cues()["due_by_a_date"].get(table, ()))


def _expected(markers: _Markers, start: int, table: str) -> bool:
    """A completion due by a date said as expected (预计年底建成, 年底前可建成投用), not as intended (将于年底建成,
    计划年内建成): for a table with due_expectations, the last of those or of due_intentions said before the word
    in its statement is an expectation. A table without them takes any aim."""
    expectations = cues().get("due_expectations", {}).get(table)
    if expectations is None:
        return True
    said = markers.last_of(_due_aims_pattern(), start)
    return said in expectations


@lru_cache(maxsize=1)
def _due_aims_pattern() -> re.Pattern:
    words = [word for words in cues()["due_expectations"].values() for word in words] + list(cues()["due_intentions"])
    return word_pattern(tuple(words))


@lru_cache(maxsize=2)
def aim_marked(said: str) -> bool:
    """A marker of an aim anywhere in a text with its not_future words blanked: a sentence-wide one (计划, 明年) or
    one said of a clause (将)."""
    return bool(cue_pattern("future_in_sentence").search(said) or cue_pattern("future_in_clause").search(said))


def aim_said(text: str, low: int, high: int) -> bool:
    """An aim (将, 计划, 下一步) said between low and high, its not_future words (将近, 计划内) aside."""
    return aim_marked(blank(cue_pattern("not_future"), text[low:high]))


def future_reading(table: str) -> dict[str, str]:
    """Status word -> how it reads as an intention ('keep' keeps the lexicon's status)."""
    return {word: reading for reading, words in cues()["future_reading"][table].items() for word in words}


def _markers(document: Document, sentence: Sentence) -> _Markers:
    """The markers of a sentence, found once for both tables."""
    key = ("markers", sentence.index)
    if key not in document.memo:
        document.memo[key] = _Markers(document.text, sentence)
    return document.memo[key]


class _Markers:
    """Where one sentence has markers of what is done or going on (已, 正在), future markers (将, 力争) and
    clause breaks. Most sentences state no aim: the clause breaks and the other markers are found only when a
    word asks."""

    def __init__(self, text: str, sentence: Sentence):
        self.offset = sentence.start
        self.blanked = blank(cue_pattern("not_future"), text[sentence.start : sentence.end])
        self.in_clause = [
            match.end() for match in cue_pattern("future_in_clause").finditer(self.blanked)
            if not _a_name_s_character(self.blanked, match)
        ]
        self.in_sentence = _aims(self.blanked, self.in_clause)

    @cached_property
    def clause_starts(self) -> list[int]:
        return [0] + [match.end() for match in _CLAUSE_END.finditer(self.blanked)]

    @cached_property
    def done_or_ongoing(self) -> list[int]:
        """Where a marker saying the word happened (已) or goes on now (正在) ends: either outweighs an aim."""
        said = [match.end() for match in cue_pattern("past_before").finditer(self.blanked)]
        said += [match.end() for match in cue_pattern("present_before").finditer(self.blanked)
                 if not _present_not_the_stage().match(self.blanked, match.end())]  # 正在筹备开工: not started
        return sorted(said)

    @cached_property
    def fresh_starts(self) -> list[int]:
        """Clauses that open a statement of their own (同时X正在施工), and every part after a ； (预计…通车；
        投资N建成了X): an aim stated before them is not theirs."""
        fresh = cue_pattern("fresh_statements")
        return [start for start in self.clause_starts if fresh.match(self.blanked, start) or _after_semicolon(self.blanked, start)]

    def _last(self, ends: list[int], low: int, position: int) -> int:
        index = bisect.bisect_right(ends, position) - 1
        return ends[index] if index >= 0 and ends[index] >= low else -1

    def future_at(self, position: int) -> bool:
        """A future marker before the word in its clause (and no 已 after it), or one earlier in the sentence."""
        if not self.in_clause and not self.in_sentence:
            return False  # no future marker in the sentence
        position -= self.offset
        low = self.clause_starts[bisect.bisect_right(self.clause_starts, position) - 1]
        past = self._last(self.done_or_ongoing, low, position)
        if past >= 0 and past >= position - _PAST_WINDOW:
            return False
        if self._last(self.in_clause, low, position) > past:
            return True
        fresh = self._last(self.fresh_starts, 0, position)
        return past < 0 and self._last(self.in_sentence, max(fresh, 0), position) >= 0

    def in_sentence_before(self, position: int) -> bool:
        """A sentence-wide aim (计划, 力争, 预计 …) said before `position`, other than a bare time frame."""
        position -= self.offset
        return any(end <= position and not self.blanked[:end].endswith(_time_frames()) for end in self.in_sentence)

    def dated(self, position: int) -> bool:
        """A time before the word in its clause (将于2026年3月建成投产, 国庆前可实现投产, 预计年底投产)."""
        position -= self.offset
        low = self.clause_starts[bisect.bisect_right(self.clause_starts, position) - 1]
        return bool(_DUE_TIME.search(self.blanked, low, position))

    def last_of(self, words: re.Pattern, position: int) -> str | None:
        """The last of `words` said before the word in its statement (from the sentence's start, a ； or a fresh
        statement), a bare modal that is a name's character (可) aside."""
        position -= self.offset
        low = max(self._last(self.fresh_starts, 0, position), 0)
        said = [match.group() for match in words.finditer(self.blanked, low, position) if not _a_name_s_character(self.blanked, match)]
        return said[-1] if said else None

    def open_to_section(self, position: int) -> bool:
        """No 已 before the word in its clause: a plan section may make it an intention."""
        position -= self.offset
        low = self.clause_starts[bisect.bisect_right(self.clause_starts, position) - 1]
        return self._last(self.done_or_ongoing, low, position) < 0


@lru_cache(maxsize=1)
def _present_not_the_stage() -> re.Pattern:
    """积极争取, 筹备: after 正在, the stage is being prepared or sought (item_cues.yaml present_not_the_stage)."""
    manners, preparing = cue_pattern("present_manners").pattern, cue_pattern("present_not_the_stage").pattern
    return re.compile(rf"(?:{manners})?(?:{preparing})")


def _sought(text: str, start: int, end: int) -> bool:
    """A word of preparing or seeking right before the status word (洽谈落地, 筹备开工, 争取开工: item_cues.yaml
    present_not_the_stage): the stage is what is worked towards; not when the word names the stage's ceremony
    (办理动土典礼, 举办开工仪式: the stage was marked)."""
    return text.endswith(tuple(cues()["present_not_the_stage"]), 0, start) and not text.startswith(
        tuple(cues()["stage_ceremonies"]), end
    )


def _a_name_s_character(blanked: str, match: re.Match) -> bool:
    """A bare modal (可) not followed by what can be done, or when or how (可于, 可实现, 可全面): a character of a
    name (X可丰复合肥二期…等项目竣工投产), no aim."""
    return match.group() in cues()["bare_modals"] and not blanked.startswith(tuple(cues()["modal_followers"]), match.end())


def _aims(blanked: str, in_clause: list[int]) -> list[int]:
    """Where the sentence-wide future markers end. A time frame opening a clause of its own (年内，) is one
    only beside another marker (年内，新区将…建成X: a plan); alone it sets when things happened, as
    yearbooks write (年内，X项目竣工投产，Y项目试生产)."""
    found = list(cue_pattern("future_in_sentence").finditer(blanked))
    frames = {match.end() for match in found if match.group() in _time_frames() and blanked[match.end() : match.end() + 1] in "，,"}
    if frames and not ({match.end() for match in found} - frames or set(in_clause) - frames):
        return []
    return [match.end() for match in found]


@lru_cache(maxsize=1)
def _time_frames() -> tuple[str, ...]:
    return tuple(cues()["time_frames"])


def _after_semicolon(text: str, start: int) -> bool:
    """A clause that opens a new part of the sentence (after ；): sentence-wide aims stop there."""
    return start > 0 and text[start - 1] in "；;"


def pick_status(
    words: list[StatusWord],
    clauses: list[tuple[int, int]],
    own: int,
    span: tuple[int, int],
    blocked: set[int],
    rank,
    prefer_before: bool = False,
    segment_starts: frozenset[int] = frozenset(),
    next_weak: int = 0,
) -> StatusWord | None:
    """The status of the item at `span` in clause `own`.

    Its clause's explicit words first: the most advanced of them (已签约并开工建设 -> started;
    已建成并投入运行 -> in_operation), or with prefer_before the nearest one before the item (现有110千伏、
    35千伏以及在建的220千伏变电站). Else the most advanced explicit word of the first clause after it
    that has one (…，目前已完成选址、勘测设计工作 -> design), up to a clause about another item (in
    `blocked`) and within its part of the sentence (up to a ；, `segment_starts`); else the explicit word
    nearest it in the clauses before it (与X公司签约，合作建设Y项目 -> signed); else its clause's weak word
    nearest it (加快Y项目建设 -> under_construction); else the first weak word of the first of the
    `next_weak` clauses after it that has one (X路工程，已完成总工程量的80%)."""
    start, end = span
    starts = [word.start for word in words]
    in_order = starts == sorted(starts)  # as a sentence's words come: a clause's are then one slice of them

    def in_clause(index: int) -> list[StatusWord]:
        low, high = clauses[index]
        if in_order:
            return [word for word in words[bisect.bisect_left(starts, low) : bisect.bisect_left(starts, high)]
                    if not (start <= word.start < end)]
        return [word for word in words if low <= word.start < high and not (start <= word.start < end)]

    def distance(word: StatusWord) -> int:
        return start - word.end if word.end <= start else word.start - end

    own_words = in_clause(own)
    strong = [word for word in own_words if word.strength >= 2]
    before = [word for word in strong if word.end <= start]
    if prefer_before and before:
        return min(before, key=distance)
    if strong:
        return max(strong, key=lambda word: (rank(word), -distance(word)))
    for index in range(own + 1, len(clauses)):
        if index in blocked or index in segment_starts:
            break
        strong = [word for word in in_clause(index) if word.strength >= 2]
        if strong:
            return max(strong, key=rank)
    for index in range(own - 1, -1, -1):
        if index in blocked or index + 1 in segment_starts:
            break
        strong = [word for word in in_clause(index) if word.strength >= 2]
        if strong:
            return strong[-1]
    weak = sorted(own_words, key=lambda word: (-word.strength, distance(word)))
    if weak:
        return weak[0]
    # X路道路工程，已完成总工程量的80% / X项目，总投资5亿元，已完成投资2亿元: a name heading its clause, its
    # work in a clause after it (the first of the next `next_weak` that states any), up to another item's
    # clause or a ；.
    unsaid = cues()["not_said_of_the_clause_before"]
    for following in range(own + 1, min(len(clauses), own + 1 + next_weak)):
        if following in blocked or following in segment_starts:
            break
        weak = [word for word in in_clause(following) if word.strength >= 1]
        if weak:
            return None if weak[0].word in unsaid else weak[0]
    return None


ADVANCE = {
    "projects": (
        "planned", "negotiating", "signed", "landed", "started", "under_construction", "commissioning",
        "in_production", "relocating",
    ),
    # A site is chosen before the survey and design are done (选址、勘测设计 done -> design).
    "infrastructure": ("planned", "site_selection", "design", "under_construction", "completed", "in_operation"),
}


def status_rank(table: str, status: str | None, strength: int) -> tuple[int, int]:
    """Explicit over weak, then the most advanced: how repeated mentions settle one status."""
    if status is None:
        return (-1, -1)
    return (strength, ADVANCE[table].index(status))
