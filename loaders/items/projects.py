"""Named projects and their status -> projects rows.

Names come from the list phrasings and single mentions of project_mentions; projects_sentences gives each
mention of a sentence its status there (the status word nearest it in its clause, status.pick_status,
or the verb that courted its list, a colon header, a heading), projects_later the status said after it
(past a ；, in the next sentence about it: …。目前该项目已投产), projects_groups the status of the counted
group or group heading stated before it (新签约项目18个。项目主要包括：A、B; （二）新开工项目 over numbered
lines). Here, mentions of one project (one name inside the other, or named again with no project word:
projects_restated) become one row with its most advanced explicit status; phases of a project named by
its phase (X一期、二期已投产，三期在建) are projects of their own (projects_phases). Public works named only
in passing are left to the infrastructure table.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..document import Document, Quantities
from ..text.word_trees import first_characters
from .facilities import PUBLIC_WORKS, category_at_end
from .lexicon import cues, word_pattern
from .project_names import (
    CAPACITY_UNITS,
    LISTED,
    MIN_NAME,
    TABLE,
    Mention,
    P,
    base_of,
    is_project_name,
    name_key,
    phase_of,
)
from .projects_events import besides_the_event, report_event
from .projects_groups import GroupsBefore, continues, counted_on_their_own, settle_by_own_group
from .projects_lines import opening_line
from .projects_restated import restated_mentions
from .projects_sentences import sentence_mentions
from .projects_tables import table_mentions
from .spans import as_written, provenance, quote_span
from .status import status_rank


def extract_projects(document: Document, zone_at, doc_id: str, zone_ids: dict[str, str]) -> list[dict]:
    """One row per named project of the report, with its most advanced stated status."""
    mentions: list[Mention] = []
    signed = document.sentences_holding(_signs())
    groups = GroupsBefore(document, signed)
    for index, sentence in enumerate(signed):
        found = sentence_mentions(document, sentence, document.quantities, len(mentions))
        settle_by_own_group(document, sentence, found)
        unsettled = [mention for mention in found if mention.status is None]
        entry = _numbered_entry(document.text, sentence.start) if found else -1
        stated = groups.last_before(index) if unsettled or entry >= 0 else None
        if stated is not None and continues(document.text, stated.end, sentence.start):
            a_part = P.among_them.match(document.text, sentence.start)  # 其中，A、B等4个项目…: a part of the group before
            for mention in unsettled:
                if groups.reaches(sentence, mention.start) and (a_part or not counted_on_their_own(document, sentence, mention)):
                    mention.status = stated  # 其中…项目3个，包括A、B: members of the group stated before
            for mention in found:
                # 新开工项目6个，分别是：\n1、X路建设项目，完成投资800万元: the entry's own name is one of them (a work
                # named further on its line, 1、A项目开工，配套的X路项目同步完工, or after a verb, 1、加快推进X路项目, is not)
                mention.in_group = mention.start == entry and stated.status is not None and groups.reaches(sentence, mention.start)
        mentions += found
    mentions = [mention for mention in mentions if not _names_a_zone(mention.name, zone_ids)]
    event = report_event(document)
    if event is not None:
        for mention in mentions:
            if mention.status is None and not besides_the_event(document.text, mention.sentence) \
                    and not document.in_future_section(mention.start):  # 二、下一步工作计划: projects to come
                mention.status = event  # 26个项目集中开工 (the lead) … 投资5.3亿元的X项目，将采用…: one of them
    for mention in mentions:
        _past_the_zone_s_name(mention)
    mentions += restated_mentions(document, mentions)  # 当年竣工A、B: named again, no project word beside them
    mentions += table_mentions(document)  # 项目名称 | 总投资（亿元） | 进展情况: a table's rows
    rows = (_row(project, document.normalized, doc_id, zone_at, zone_ids, document.quantities) for project in _merge(mentions))
    return [row for row in rows if row is not None]


def _numbered_entry(text: str, position: int) -> int:
    """Where the entry begins past its number when the sentence opens a numbered line (1、X项目，完成投资2亿元:
    one entry of a list), else -1."""
    line = opening_line(text, position)
    number = P.list_number.match(text, line) if line is not None else None
    return number.end() if number else -1


def _names_a_zone(name: str, zone_ids: dict[str, str]) -> bool:
    """在该区的X产业园集中开工, X产业园项目将于6月开工, X加工区二期标准厂房已完工: the report's zone, named with or
    without 项目, or one of its phases."""
    if name in zone_ids or (name.endswith("项目") and name[: -len("项目")] in zone_ids):
        return True
    base = base_of(name)
    return base is not None and base.removesuffix("第") in zone_ids


def _past_the_zone_s_name(mention: Mention) -> None:
    """格尔木工业园宏储源光伏储能, 北票农产品加工园区爱康纺织: a zone's name opening a project's says where the
    project stands (the row's zone), not which it is; the name starts past it. Titles ending in 项目 or 工程
    keep theirs (X工业园区Y物流体系建设项目 is the project's official name), and so do parks named inside
    another (X示范园区Y食品产业园)."""
    while (lead := P.zone_named_lead.match(mention.name)) is not None:
        rest = mention.name[lead.end() :]
        if rest.endswith(tuple(cues()["own_title_ends"])) or P.zone_named_lead.fullmatch(rest) or not is_project_name(rest):
            return
        mention.start += lead.end()
        mention.name = rest


@lru_cache(maxsize=1)
def _signs() -> re.Pattern:
    """What a sentence naming a project holds somewhere: 项目, a company ending, 等, a colon, a verb
    names may open a clause before (A、B陆续动土), an amount invested (投资N的X园), a quoted name's head,
    a count of firms (引进A、B2家企业), a firm's plant (A厂房主体完工), a firm brought in (成功引进A机械), or
    a list number opening its line (2.龙腾纺织二期: one project per line, projects_lines)."""
    words = [*cues()["project_suffixes"], *cues()["company_suffixes"], *cues()["subject_verbs"], *cues()["quoted_name_heads"],
             *cues()["plant_words"], *cues()["firm_courting_verbs"], "等", "：", ":", "投资", "企业"]
    # The look-ahead at the words' first characters passes a character that opens none at once: beside the
    # numbered line's look-behind, the engine can no longer skip to them by itself and would try every branch.
    first = first_characters(words)
    return re.compile(f"(?=[{first}])(?:{word_pattern(tuple(words)).pattern})|{P.numbered_line.pattern}")


def _merge(mentions: list[Mention]) -> list[list[Mention]]:
    """Mentions of one project (one name inside the other, company words aside) -> one project."""
    projects: list[list[Mention]] = []
    seen: dict[str, list[Mention]] = {}  # every key met so far -> its project's mentions
    for mention in mentions:
        key = name_key(mention.name)
        phase = phase_of(mention.name)
        if phase_of(key) != phase:
            key += phase  # X一期 and X二期 are two projects (X一期项目 and X一期 one)
        home = seen.get(key)
        if home is None and len(key) >= MIN_NAME:
            for other, project in seen.items():
                if len(other) >= MIN_NAME and (key in other or other in key) and phase_of(other) == phase:
                    # (a firm and its phase's works, X公司 and X公司三期扩建工程, are two projects too)
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
    if not any((mention.kind == LISTED and not mention.public_list) or mention.beside_projects or mention.in_group for mention in mentions):
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

