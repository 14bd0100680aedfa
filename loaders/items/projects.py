"""Named projects and their status -> projects rows.

Names come from the list phrasings and single mentions of project_mentions. Each mention takes
the status word nearest it in its clause (item_status.pick_status), or the verb that courted its
list, or the status of the counted group or the group heading stated before it (projects_groups:
新签约项目18个。项目主要包括：A、B; （二）新开工项目 over numbered lines), or, for the only project of its sentence, the
status said past a ； or in the next sentence about it (…。目前该项目已投产); mentions of one project
(one name inside the other, or named again with no project word: projects_restated) become one row
with its most advanced explicit status; phases of a project named by its phase (X一期、二期已投产，三期在建)
are projects of their own (projects_phases). Public works
named only in passing are left to the infrastructure table.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from ..document import Document, Quantities
from ..text.sentences import Sentence
from .facilities import PUBLIC_WORKS, category_at_end
from .headings import heading_status
from .lexicon import cue_pattern, cues, word_pattern
from .project_mentions import (
    LIST_FINDERS,
    amount_led_mentions,
    quoted_names,
    single_mentions,
)
from .project_names import (
    CAPACITY_UNITS,
    LISTED,
    MIN_NAME,
    TABLE,
    Mention,
    P,
    amount_after,
    name_key,
    phase_of,
)
from .projects_courted import courted_firms
from .projects_groups import (
    GroupsBefore,
    colon_header_statuses,
    continues,
    past_colon_lists,
    settle_by_own_group,
)
from .projects_investors import investing_firms
from .projects_phases import later_phases, phase_statuses
from .projects_restated import restated_mentions
from .projects_subjects import status_led_mentions
from .projects_tables import table_mentions
from .spans import as_written, clause_index, inside, provenance, quote_span
from .status import StatusWord, pick_status, status_rank, status_words


def extract_projects(document: Document, zone_at, doc_id: str, zone_ids: dict[str, str]) -> list[dict]:
    """One row per named project of the report, with its most advanced stated status."""
    mentions: list[Mention] = []
    signed = document.sentences_holding(_signs())
    groups = GroupsBefore(document, signed)
    for index, sentence in enumerate(signed):
        found = _sentence_mentions(document, sentence, document.quantities, len(mentions))
        settle_by_own_group(document, sentence, found)
        unsettled = [mention for mention in found if mention.status is None]
        stated = groups.last_before(index) if unsettled else None
        if stated is not None and continues(document.text, stated.end, sentence.start):
            for mention in unsettled:
                mention.status = stated  # 其中…项目3个，包括A、B: members of the group stated before
        mentions += found
    mentions = [mention for mention in mentions if not _names_a_zone(mention.name, zone_ids)]
    mentions += restated_mentions(document, mentions)  # 当年竣工A、B: named again, no project word beside them
    mentions += table_mentions(document)  # 项目名称 | 总投资（亿元） | 进展情况: a table's rows
    rows = (_row(project, document.normalized, doc_id, zone_at, zone_ids, document.quantities) for project in _merge(mentions))
    return [row for row in rows if row is not None]


def _names_a_zone(name: str, zone_ids: dict[str, str]) -> bool:
    """在该区的X产业园集中开工, X产业园项目将于6月开工: the report's zone, named with or without 项目."""
    return name in zone_ids or (name.endswith("项目") and name[: -len("项目")] in zone_ids)


@lru_cache(maxsize=1)
def _signs() -> re.Pattern:
    """What a sentence naming a project holds somewhere: 项目, a company ending, 等, a colon, a verb
    names may open a clause before (A、B陆续动土), an amount invested (投资N的X园), a quoted name's head,
    a count of firms (引进A、B2家企业), a firm's plant (A厂房主体完工), a firm brought in (成功引进A机械)."""
    words = [*cues()["project_suffixes"], *cues()["company_suffixes"], *cues()["subject_verbs"], *cues()["quoted_name_heads"],
             *cues()["plant_words"], *cues()["firm_courting_verbs"], "等", "：", ":", "投资", "企业"]
    return word_pattern(tuple(words))


_PHASE = re.compile(r"[一二三四五六七八九十\d]+期")
_PHASE_OPENING = re.compile(r"\s*(?:其|该项目)?([一二三四五六七八九十\d]+期)")


def _clauses_of_a_phase(text: str, clauses: list[tuple[int, int]]) -> dict[int, str]:
    """{clause index: the phase it opens on} (…，二期项目供地筹备中)."""
    phases = {}
    for index, (start, _) in enumerate(clauses):
        opening = _PHASE_OPENING.match(text, start)
        if opening:
            phases[index] = opening.group(1)
    return phases


def _other_phases(mention: Mention, phases: dict[int, str]) -> set[int]:
    """一期项目累计完成投资5亿元，二期项目供地筹备中: a project named by its phase takes no status from a
    clause opening on another phase (X项目…，一期已投产，二期正在扩建: a project named whole takes its phases')."""
    own = _PHASE.search(mention.name)
    if own is None:
        return set()
    return {index for index, phase in phases.items() if phase != own.group()}


def _sentence_mentions(document: Document, sentence: Sentence, quantities: Quantities, group: int) -> list[Mention]:
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
    for finder in (single_mentions, amount_led_mentions, status_led_mentions, quoted_names, investing_firms, courted_firms):
        for mention in finder(document, sentence, quantities, taken):
            if not _same_run(mentions[-1] if mentions else None, mention):
                group += 1
            mention.group = group
            mentions.append(mention)
    if not mentions:
        return mentions
    clauses = _events_apart(text, document.clauses(sentence))
    mentions += later_phases(text, sentence, clauses, mentions)
    words = _outside_labels(text, sentence, status_words(document, sentence, TABLE))
    segments = past_colon_lists(text, clauses, document.segment_starts(clauses))
    outside = _clauses_outside_group(clauses, mentions)
    phases = _clauses_of_a_phase(text, clauses)
    headers = colon_header_statuses(text, clauses, words)
    for mention in mentions:
        own = clause_index(clauses, mention.start)
        blocked = (outside[mention.group] | _other_phases(mention, phases)) - {own}
        mention.status = pick_status(words, clauses, own, mention.status_span, blocked, _word_rank, False, segments)
        if mention.status is None or mention.status.strength < 2:
            mention.status = headers[own] or mention.status
        if mention.status is None and mention.acquisition:
            mention.status = _courting_word(words, mention.start)
        if mention.status is None:
            mention.status = heading_status(document, mention.start, TABLE)  # 二、在建项目 \n 1.X项目，总投资N
        named = cue_pattern("name_statuses").search(mention.name)
        if named and (mention.status is None or mention.status.strength < 2):
            status, strength = ("relocating", 2) if named.group() == "搬迁" else (None, 0)
            mention.status = StatusWord(mention.start, mention.end, named.group(), status, strength, False)
    phase_statuses(words, clauses, mentions, lambda position: clause_index(clauses, position))
    _comma_run_status(text, clauses, mentions)
    if len({mention.group for mention in mentions}) == 1:
        _settle_further(document, sentence, words, clauses, mentions, phases)
    _amounts_after(text, clauses, mentions, quantities)
    # A single mention with neither status nor amount is a name in passing, not a project's state; but
    # names run together (重点推进A项目、B项目) are a list of projects, as a list after 等 is.
    runs = Counter(mention.group for mention in mentions)
    return [
        m for m in mentions
        if m.kind == LISTED or m.status is not None or m.investment is not None or m.foreign_amount or m.owned
        or runs[m.group] > 1
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


def _settle_further(
    document: Document, sentence: Sentence, words, clauses, mentions: list[Mention], phases: dict[int, str],
) -> None:
    """X项目计划总投资2亿元，…；目前正试投产 / X项目，总投资5亿元。目前已投产: names of the only project (or
    list) of a sentence that state no status where they stand take the first one said after them, past a
    ； or in the next sentence of the paragraph when it speaks of them (目前…, 该项目…) and names no other. An
    explicit status there also settles a weak one (引进X公司。该企业已于6月投产)."""
    following = None
    segments = document.segment_starts(clauses)
    stages = [word for word in words if not _describes_content(document.text, word)]
    for mention in mentions:
        own = clause_index(clauses, mention.start)
        if mention.status is not None and mention.status.strength >= 2:
            if mention.status.status in _EARLY_STAGES:
                mention.status = _later_stage(document.text, words, clauses, segments, own, mention.status)
            continue
        blocked = _other_phases(mention, phases) - {own}
        later = pick_status(stages, clauses, own, mention.status_span, blocked, _word_rank, False, frozenset(), len(clauses))
        if later is None or later.strength < 2:
            following = following or _next_sentence_status(document, sentence)
            later = following or later
        if mention.status is None or (later is not None and later.strength >= 2):
            mention.status = later


def _describes_content(text: str, word: StatusWord) -> bool:
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
        if index in segments or P.group_count.search(text, low, high):
            break  # …，其中已落地项目9个: a counted group speaks of some of them, not of this one
        if event_joins.match(text, low):
            break  # X项目开工暨全市项目集中开竣工活动: another event's
        for word in words:
            if low <= word.start < high and word.strength >= 2 and word.status and not word.future:
                if _word_rank(word) > _word_rank(best):
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
    if named > len(P.own_project.findall(text, lead.end(), following.end)):
        return None  # 目前B项目已投产: another project's status
    clauses = document.clauses(following)
    strong = [word for word in status_words(document, following, TABLE) if word.strength >= 2 and word.status]
    if not strong:
        return None
    own = clause_index(clauses, strong[0].start)
    low, high = clauses[own]
    stated = max((word for word in strong if low <= word.start < high), key=_word_rank)
    if stated.status in _EARLY_STAGES:  # 该项目于3月开工，目前主体已封顶
        stated = _later_stage(text, strong, clauses, document.segment_starts(clauses), own, stated)
    return stated


def _title_line(text: str, sentence: Sentence) -> bool:
    """（一）X项目 on a line of its own: the line below it describes the project it names."""
    line = text[sentence.start : sentence.end]
    return line.endswith("\n") and not P.title_line_marks.search(line)


def _same_run(before: Mention | None, mention: Mention) -> bool:
    """A项目、B项目: single mentions whose run of names holds the one before are one group."""
    if before is None or before.kind == LISTED:
        return False
    low, high = mention.status_span
    return low <= before.start and before.end <= high


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


def _word_rank(word: StatusWord) -> tuple[int, int]:
    return status_rank(TABLE, word.status, word.strength)


def _merge(mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions of one project (one name inside the other, company words aside) -> one project."""
    projects: list[list[Mention]] = []
    seen: dict[str, list[Mention]] = {}  # every key met so far -> its project's mentions
    for mention in mentions:
        key = name_key(mention.name)
        phase = phase_of(mention.name)
        if not key.endswith(phase):
            key += phase  # X一期 and X二期 are two projects (X一期项目 and X一期 one)
        home = seen.get(key)
        if home is None and len(key) >= MIN_NAME:
            for other, project in seen.items():
                if len(other) >= MIN_NAME and (key in other or other in key):
                    home = project
                    break
        if home is None:
            home = []
            projects.append(home)
        home.append(mention)
        seen.setdefault(key, home)
    return projects


def _row(mentions: list[Mention], normalized, doc_id, zone_at, zone_ids, quantities) -> dict | None:
    """The row of one project, or None for a public work named only in passing."""
    if not any((mention.kind == LISTED and not mention.public_list) or mention.beside_projects for mention in mentions):
        if _works_category(mentions[0].name) in PUBLIC_WORKS and not P.company_words.search(mentions[0].name):
            return None  # a public work named in passing or among public works: an infrastructure item only
            # (but X公司液化天然气工程项目 is a company's project)
    named = _naming_mention(mentions)
    settled = max(
        mentions,
        key=lambda mention: status_rank(TABLE, mention.status.status, mention.status.strength)
        if mention.status
        else (-1, -1),
    )
    status = settled.status.status if settled.status else None
    investment = next((mention.investment for mention in mentions if mention.investment is not None), None)
    text = normalized.text
    sentence = named.sentence
    row = provenance(normalized, doc_id, "p", named.start, named.end, named.name, quote_span(text, sentence))
    return {
        "project_id": row.pop("id"),
        "doc_id": doc_id,
        "zone_id": zone_ids.get(zone_at(named.start)),
        "name": as_written(normalized, named.start, named.end, named.name),
        "status": status,
        "investment": investment,
        "capacity": _capacity(text, mentions, quantities),
        **row,
    }


def _works_category(name: str) -> str | None:
    """The facility a name ends in, past a type word before 项目 (X污水处理厂建设项目 is the works)."""
    found = category_at_end(name)
    if found is None and name.endswith("项目"):
        core = name[: -len("项目")]
        for word in cues()["name_type_words"]:
            if core.endswith(word) and len(core) > len(word):
                return category_at_end(core[: -len(word)])
    return found


def _naming_mention(mentions: list[Mention]) -> Mention:
    """The fullest name that still ends like the first listed one (丰田汽车发动机外壳 over 发动机外壳,
    but 中小企业创业园 over 中小企业创业园60栋…厂房, which names a part of it)."""
    reference = name_key(min(mentions, key=lambda mention: (mention.kind, mention.start)).name)
    fitting = [mention for mention in mentions if name_key(mention.name).endswith(reference)]
    return max(fitting, key=lambda mention: (len(mention.name), -mention.kind, -mention.start))


def _capacity(text: str, mentions: list[Mention], quantities: Quantities) -> str | None:
    """5万吨 / 5万吨麦芽糖+5万吨麦芽糊精: output quantities written inside the name."""
    for mention in sorted(mentions, key=lambda mention: mention.start):
        inside = [
            quantity
            for quantity in quantities.within(mention.start, mention.end)
            if quantity.end <= mention.end and quantity.unit in CAPACITY_UNITS
        ]
        if len(inside) == 1:
            return inside[0].raw
        if inside:
            bounds = [quantity.start for quantity in inside] + [mention.end]
            return "+".join(text[bounds[index] : bounds[index + 1]].rstrip("、") for index in range(len(inside)))
    return None
