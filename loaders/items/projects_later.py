"""Status said of a project after its own clause: further clauses past a ；, the next sentence about it
(…。目前该项目已投产), and the later stages a project signed or started is said to have reached."""

from __future__ import annotations

from functools import lru_cache

from ..document import Document
from ..text.sentences import Sentence
from .facilities import PUBLIC_WORKS, category_at_end
from .lexicon import cue_pattern, cues
from .project_names import TABLE, Mention, P, word_rank
from .projects_phases import other_phases
from .spans import clause_index
from .status import StatusWord, pick_status, status_words


def settle_further(
    document: Document, sentence: Sentence, words, clauses, mentions: list[Mention], phases: dict[int, str],
    stages: list[StatusWord], others: frozenset[int],
) -> None:
    """X项目计划总投资2亿元，…；目前正试投产 / X项目，总投资5亿元。目前已投产: names of the only project (or
    list) of a sentence that state no status where they stand take the first one said after them, past a
    ； or in the next sentence of the paragraph when it speaks of them (目前…, 该项目…) and names no other. An
    explicit status there also settles a weak one (引进X公司。该企业已于6月投产). `stages` are the words that
    are no content lead (describes_content), `others` the clauses of other subjects (other_subjects)."""
    following = None
    segments = document.segment_starts(clauses)
    for mention in mentions:
        own = clause_index(clauses, mention.start)
        if mention.status is not None and mention.status.strength >= 2:
            if mention.status.status in _EARLY_STAGES:
                mention.status = _later_stage(document.text, words, clauses, segments | others, own, mention.status)
            continue
        blocked = (other_phases(mention, phases) | others) - {own}
        later = pick_status(stages, clauses, own, mention.status_span, blocked, word_rank, False, frozenset(), len(clauses))
        if later is None or later.strength < 2:
            following = following or _next_sentence_status(document, sentence)
            later = following or later
        if mention.status is None or (later is not None and later.strength >= 2):
            mention.status = later


def other_subjects(text: str, clauses, words: list[StatusWord]) -> frozenset[int]:
    """The clauses whose status word is said of a subject of their own that is no project: public works
    (配套道路已建成通车), the zone's works (园区标准厂房已竣工) or the zone counting its firms (园区已入驻企业30家;
    the zone signing or counting projects speaks of them). A project named before them takes no status from them."""
    zone, found = cue_pattern("zone_subjects"), set()
    firsts = _first_status_words(clauses, words)
    for index, (low, high) in enumerate(clauses):
        first = firsts.get(index)
        if first is None or P.group_count.search(text, low, high):
            continue
        subject = _without_adverbs(text[low : first.start])
        if not subject:
            continue
        works = category_at_end(subject)
        if works in PUBLIC_WORKS or (zone.match(subject) and (works or P.counted_firms.search(text, first.end, high))):
            found.add(index)  # (园区标准厂房已竣工: the zone's factories, not the project's)
    return frozenset(found)


def _first_status_words(clauses, words: list[StatusWord]) -> dict[int, StatusWord]:
    """The first word (in the list's order) with a status in each clause, by the clause's index: one pass
    over the words instead of one per clause (a long sentence holds hundreds of both)."""
    firsts: dict[int, StatusWord] = {}
    for word in words if clauses else ():
        if word.status:
            index = clause_index(clauses, word.start)
            low, high = clauses[index]
            if low <= word.start < high and index not in firsts:
                firsts[index] = word
    return firsts


def _without_adverbs(lead: str) -> str:
    """污水处理厂目前已 -> 污水处理厂: the subject before a status word, without the adverbs at its end."""
    adverbs = cues()["subject_adverbs"]
    lead = lead.strip()
    if not lead.endswith(_adverb_endings()):
        return lead  # most subjects end on no adverb: one test instead of a pass over the list
    trimmed = True
    while trimmed:
        trimmed = False
        for adverb in adverbs:
            if lead.endswith(adverb):
                lead, trimmed = lead[: -len(adverb)], True
    return lead


@lru_cache(maxsize=1)
def _adverb_endings() -> tuple[str, ...]:
    """The subject adverbs as one tuple for str.endswith."""
    return tuple(cues()["subject_adverbs"])


def describes_content(text: str, word: StatusWord) -> bool:
    """主要建设厂房及生产线, 建设内容为…: a status word inside a lead to what a project builds says how big it
    is, not how far it got."""
    return any(
        word.word in lead and (text.startswith(lead, word.end - len(lead)) or text.startswith(lead, word.start))
        for lead in cues()["content_leads"]
    )


# Stages up to the start of works: a project signed, landed or started is often said, in the clauses
# after, to be further on (X项目3月签约，5月开工; 已开工，正在进行桩基施工); once works go on, a date after
# them is rather a plan (正在调试设备，11月投产).
_EARLY_STAGES = frozenset({"planned", "negotiating", "signed", "landed", "started"})


def _later_stage(text: str, words, clauses, segments: frozenset[int], own: int, stated: StatusWord) -> StatusWord:
    """X项目于3月签约，5月开工，9月建成投产: the clauses after clause `own`, which states `stated`, go on
    with the later stages the project reached, up to a ； or a counted group (the row keeps the most
    advanced one said as done)."""
    best = stated
    event_joins = cue_pattern("event_joins")
    for index in range(own + 1, len(clauses)):
        low, high = clauses[index]
        if index in segments or P.group_count.search(text, low, high) or P.counted_firms.search(text, low, high):
            break  # …，其中已落地项目9个 / 园区已引进企业35家: a counted group speaks of some, not of this one
        if event_joins.match(text, low):
            break  # X项目开工暨全市项目集中开竣工活动: another event's
        for word in words:
            if low <= word.start < high and word.strength >= 2 and word.status and not word.future:
                if word_rank(word) > word_rank(best):
                    best = word
    return best


def _next_sentence_status(document: Document, sentence: Sentence) -> StatusWord | None:
    """The most advanced explicit status of the first clause that has one in the next sentence (or of the
    clauses after it, from an early stage on), when that sentence goes on about the project before it
    (opens with 目前, 该项目, 已 …) and names no other."""
    index = sentence.index + 1
    if index >= len(document.sentences):
        return None
    following = document.sentences[index]
    text = document.text
    lead = P.status_follows.match(text, following.start, following.end)
    if not lead or (following.paragraph != sentence.paragraph and not _title_line(text, sentence)):
        return None
    named = len(cue_pattern("project_suffixes").findall(text, lead.end(), following.end))
    own = len(P.own_project.findall(text, lead.end(), following.end)) + len(P.own_project_bare.findall(text, lead.end(), following.end))
    if named > own:
        return None  # 目前B项目已投产: another project's status
    clauses = document.clauses(following)
    strong = [word for word in status_words(document, following, TABLE) if word.strength >= 2 and word.status]
    if not strong:
        return None
    own = clause_index(clauses, strong[0].start)
    low, high = clauses[own]
    stated = max((word for word in strong if low <= word.start < high), key=word_rank)
    if stated.status in _EARLY_STAGES:  # 该项目于3月开工，目前主体已封顶
        stated = _later_stage(text, strong, clauses, document.segment_starts(clauses), own, stated)
    return stated


def _title_line(text: str, sentence: Sentence) -> bool:
    """（一）X项目 on a line of its own: the line below it describes the project it names."""
    line = text[sentence.start : sentence.end]
    return line.endswith("\n") and not P.title_line_marks.search(line)
