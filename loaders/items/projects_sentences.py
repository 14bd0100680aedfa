"""The projects one sentence names and the status each takes there: the nearest status word of its
clause, the verb that courted its list, a colon header or a heading, a run of names sharing one status,
the amounts said after the names; status said later is projects_later's."""

from __future__ import annotations

from collections import Counter

from ..document import Document, Quantities
from ..text.sentences import Sentence
from .facilities import PUBLIC_WORKS, category_at_end
from .headings import heading_status
from .lexicon import cue_pattern, cues, patterns
from .project_mentions import LIST_FINDERS, amount_led_mentions, quoted_names
from .project_names import LISTED, TABLE, Mention, P, amount_after, word_rank
from .projects_built import built_object_mentions
from .projects_courted import courted_firms
from .projects_groups import after_a_group, colon_header_statuses, past_colon_lists
from .projects_investors import investing_firms
from .projects_later import describes_content, other_subjects, settle_further
from .projects_phases import clauses_of_a_phase, later_phases, other_phases, phase_statuses
from .projects_singles import single_mentions
from .projects_subjects import status_led_mentions
from .spans import clause_index, inside
from .status import StatusWord, pick_status, status_words

# X项目计划投资30亿元，截至5月，完成投资21亿元，其中A、B项目进展较快: a name standing alone with no status in its
# own clause takes the work said in the clauses right after it (up to another item's), as many as a date and an
# amount take (围绕A、B等项目抓配套，建设C: a list's clause after it speaks of other works).
_NEXT_WEAK = 2
_ALL_OF_THEM = patterns("items").all_of_them  # 均已开工建设: said of every project named before it


def sentence_mentions(document: Document, sentence: Sentence, quantities: Quantities, group: int) -> list[Mention]:
    """The projects the sentence names, each with the status it takes there (groups numbered on from `group`)."""
    text = document.text
    taken: list[tuple[int, int]] = list(document.quoted_spans(sentence))
    mentions: list[Mention] = []
    for finder in LIST_FINDERS:
        for found in finder(document, sentence, quantities, taken):
            group += 1
            public = all(category_at_end(mention.name) in PUBLIC_WORKS for mention in found)
            for mention in found:
                mention.group, mention.public_list = group, public
            mentions += found
            taken += [mention.status_span for mention in found] + [(m.start, m.end) for m in found]
    for finder in (
        single_mentions, amount_led_mentions, status_led_mentions, quoted_names, investing_firms, courted_firms,
        built_object_mentions,
    ):
        for mention in finder(document, sentence, quantities, taken):
            if not _same_run(mentions[-1] if mentions else None, mention):
                group += 1
            mention.group = group
            mentions.append(mention)
    if not mentions:
        return mentions
    clauses = _events_apart(text, document.clauses(sentence))
    mentions += later_phases(text, sentence, clauses, mentions)
    every_word = _outside_labels(text, sentence, status_words(document, sentence, TABLE))
    attracting = set(cues()["attracting_verbs"])
    # 吸引 says a firm landed only of the firms it courts (吸引A、B等企业), not of a project drawing visitors
    # (建成后可吸引游客50万人次, 具有较强吸引力)
    words = [word for word in every_word if word.word not in attracting]
    segments = past_colon_lists(text, clauses, document.segment_starts(clauses))
    outside = _clauses_outside_group(clauses, mentions)
    phases = clauses_of_a_phase(text, clauses)
    headers = colon_header_statuses(text, clauses, words)
    others = other_subjects(text, clauses, words)
    work = [word for word in words if not describes_content(text, word)]
    for mention in mentions:
        own = clause_index(clauses, mention.start)
        blocked = (outside[mention.group] | other_phases(mention, phases) | others) - {own}
        own_words = every_word if mention.acquisition else words
        mention.status = pick_status(own_words, clauses, own, mention.status_span, blocked, word_rank, False, segments)
        if mention.status is None or mention.status.strength < 2:
            mention.status = headers[own] or mention.status
        if mention.status is None and mention.acquisition:
            mention.status = _courting_word(words, mention.start)
        if mention.status is None:
            mention.status = heading_status(document, mention.start, TABLE)  # 二、在建项目 \n 1.X项目，总投资N
        if mention.status is None and mention.kind != LISTED:
            mention.status = pick_status(work, clauses, own, mention.status_span, blocked, word_rank, False, segments, _NEXT_WEAK)
        named = cue_pattern("name_statuses").search(mention.name)
        if named and (mention.status is None or mention.status.strength < 2):
            status, strength = ("relocating", 2) if named.group() == "搬迁" else (None, 0)
            mention.status = StatusWord(mention.start, mention.end, named.group(), status, strength, False)
    phase_statuses(words, clauses, mentions, lambda position: clause_index(clauses, position))
    _comma_run_status(text, clauses, mentions)
    _said_of_all_before(text, clauses, mentions, words)
    if len({mention.group for mention in mentions}) == 1:
        settle_further(document, sentence, words, clauses, mentions, phases, work, others)
    _amounts_after(text, clauses, mentions, quantities)
    # A single mention with neither status nor amount is a name in passing, not a project's state; but
    # names run together (重点推进A项目、B项目) are a list of projects, as a list after 等 is, and so is an X项目
    # after a counted group (9个项目已竣工投产。其中包括A项目，B项目: its members; a 生产线 there is rather
    # what a project builds).
    runs = Counter(mention.group for mention in mentions)
    return [
        m for m in mentions
        if m.kind == LISTED or m.status is not None or m.investment is not None or m.foreign_amount or m.owned
        or runs[m.group] > 1 or (m.name.endswith("项目") and after_a_group(document, sentence, m.start))
    ]


def _events_apart(text: str, clauses: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """X项目开工暨全市项目集中开竣工活动: 暨 joins two events in one clause; when the second names projects
    of its own, each event's status word is said of its own names, so the clause is read as two (X项目
    签约暨开工仪式: one project's two events, one clause)."""
    joins = cue_pattern("event_joins")
    if not any(joins.search(text, low, high) for low, high in clauses):
        return clauses
    named = cue_pattern("project_suffixes")
    split = []
    for low, high in clauses:
        for join in joins.finditer(text, low, high):
            if named.search(text, join.end(), high):
                split.append((low, join.start()))
                low = join.start()
        split.append((low, high))
    return split


def _amounts_after(text: str, clauses, mentions: list[Mention], quantities: Quantities) -> None:
    """A项目，总投资5亿元；B项目，总投资3亿元: a name alone in its clause takes the amount the next clause
    opens with, when that clause names no other project and its own counts no group (签约A等12个项目，
    总投资56亿元: the group's amount)."""
    named = Counter(clause_index(clauses, mention.start) for mention in mentions)
    for mention in mentions:
        own = clause_index(clauses, mention.start)
        if mention.investment is None and named[own] == 1 and not named[own + 1]:
            if not P.group_count.search(text, mention.end, clauses[min(own + 1, len(clauses) - 1)][1]):
                mention.investment = amount_after(text, clauses, own, quantities)


def _outside_labels(text: str, sentence: Sentence, words: list[StatusWord]) -> list[StatusWord]:
    """【项目建设】X项目，总投资1.8亿元: a label heading the paragraph states no status of what follows it."""
    if not words or not P.label.search(text, sentence.start, sentence.end):
        return words
    labels = [match.span() for match in P.label.finditer(text, sentence.start, sentence.end)]
    return [word for word in words if not inside(word.start, labels)]


def _same_run(before: Mention | None, mention: Mention) -> bool:
    """A项目、B项目: single mentions whose run of names holds the one before are one group."""
    if before is None or before.kind == LISTED:
        return False
    low, high = mention.status_span
    return low <= before.start and before.end <= high


def _said_of_all_before(text: str, clauses, mentions: list[Mention], words: list[StatusWord]) -> None:
    """A项目总投资20亿元，B项目总投资8亿元，均已开工建设: a clause opening with 均/都 and naming no project
    says its explicit status of every project named in the clauses before it (up to a ；) that states none."""
    named = {clause_index(clauses, mention.start) for mention in mentions}
    by_clause: dict[int, list[StatusWord]] = {}
    for word in words:  # one pass over the words (a clause list thousands long stays linear)
        if word.status and word.strength >= 2:
            by_clause.setdefault(clause_index(clauses, word.start), []).append(word)
    for index, (low, high) in enumerate(clauses):
        said = by_clause.get(index)
        if index == 0 or index in named or not said or not _ALL_OF_THEM.match(text, low, high):
            continue
        stated = max(said, key=word_rank)
        first = index
        while first > 0 and text[clauses[first - 1][1]] not in _PART_ENDS:
            first -= 1
        for mention in mentions:
            if clauses[first][0] <= mention.start < low and (mention.status is None or mention.status.strength < 2):
                mention.status = stated
        return


_PART_ENDS = "；;。"


def _comma_run_status(text: str, clauses, mentions: list[Mention]) -> None:
    """A项目，B项目，C项目均已开工: names each filling their clause, listed with commas, take the explicit
    status of the name that closes the run and opens the clause saying it."""
    by_clause = {clause_index(clauses, mention.start): mention for mention in mentions}
    for own, mention in by_clause.items():
        if mention.status is not None or not _fills(text, clauses[own], mention):
            continue
        index = own + 1
        while index in by_clause and _fills(text, clauses[index], by_clause[index]) and text[clauses[index - 1][1]] in _COMMAS:
            index += 1
        last = by_clause.get(index)
        if last is None or index >= len(clauses) or text[clauses[index - 1][1]] not in _COMMAS:
            continue
        if last.start == clauses[index][0] and last.status is not None and last.status.strength >= 2:
            mention.status = last.status


_COMMAS = "，,"


def _fills(text: str, clause: tuple[int, int], mention: Mention) -> bool:
    return text[clause[0] : clause[1]].strip() == text[mention.start : mention.end]


def _courting_word(words: list[StatusWord], start: int) -> StatusWord | None:
    """引进7家厂商，…，包含A、B等厂商: the verb that courted a list earlier in its sentence is its status."""
    verbs = set(cues()["acquisition_verbs"])
    before = [word for word in words if word.end <= start and word.word in verbs]
    return before[-1] if before else None


def _clauses_outside_group(clauses, mentions: list[Mention]) -> dict[int, set[int]]:
    """For each group, the clauses holding a mention of another group (read once per sentence:
    a sentence listing hundreds of names stays linear)."""
    by_group: dict[int, set[int]] = {}
    for mention in mentions:
        by_group.setdefault(mention.group, set()).add(clause_index(clauses, mention.start))
    groups_in_clause = Counter(index for indices in by_group.values() for index in indices)
    return {
        group: {index for index, count in groups_in_clause.items() if count > (index in indices)}
        for group, indices in by_group.items()
    }

