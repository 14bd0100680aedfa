"""Figures of named firms: a subject that is a firm's name, not the zone nor a group of its firms.

A firm's name carries no suffix in many reports (特斯拉完成产值…, 龙头企业宁德时代实现产值…), so
`rules.metric_of_wording` asks here besides its 公司/集团 suffix check. Word lists: lexicon/cues.yaml.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from ..text.periods import leading_date
from .lexicon import CLAUSE_OR_SENTENCE_MARK, NEW_PART, Keyword, after_last_comma, cues, has, pattern_of
from .wider_places import AFTER_A_DATE

if TYPE_CHECKING:
    from .rules import Reading

_LEAD_PERIOD = re.compile(leading_date())
# A subject of a clause that opens on it, right before its verb: 2 to 12 characters of a name.
_SUBJECT_VERB = re.compile(r"(?P<subject>[\u4e00-\u9fffA-Za-z·（）()]{2,12}?)(?:累计)?(?:完成|实现)了?")
# After a firm word, a name before the verb (龙头企业宁德时代实现…, 企业中比亚迪完成…).
_NAMED_AFTER_FIRM_WORD = re.compile(r"(?:龙头企业|重点企业|骨干企业|领军企业|链主企业)(?:中)?(?P<name>[\u4e00-\u9fffA-Za-z·]{2,10}?)(?:累计)?(?:完成|实现)了?$")


def a_named_firms_figure(reading: Reading, keyword: Keyword, at: int) -> bool:
    """特斯拉完成产值688亿元，三一重机完成产值112亿元 (the same wording said of two or more names that are
    no zone, period or group of firms) or 龙头企业宁德时代实现产值200亿元: a firm's figure."""
    subject = _own_subject(reading.window[:at])
    if subject is None:
        return False
    if _NAMED_AFTER_FIRM_WORD.search(reading.window[:at]):
        return True
    if not _a_name(subject) or _broken_down_by_industry(reading):
        return False
    return len({subject} | _names_saying(reading, keyword.word)) >= 2


def _broken_down_by_industry(reading: Reading) -> bool:
    """从三大主导产业看：精细化工完成产值30亿元，装备制造完成产值47亿元: the sentence's names are sectors."""
    return reading.head_holds(cues()["industry_breakdown_leads"])


def _names_saying(reading: Reading, word: str) -> frozenset[str]:
    """The names that open a clause of the sentence with `word` after their verb; read once per sentence and word."""
    key = ("firm_names", word)
    if key not in reading.sentence_memo:
        sentence = reading.text[reading.sentence.start : reading.sentence.end]
        names = set()
        for clause in CLAUSE_OR_SENTENCE_MARK.split(sentence):
            other = _SUBJECT_VERB.match(clause, _past_lead_period(clause))
            if other and clause[other.end() :].startswith(word) and _a_name(other.group("subject")):
                names.add(other.group("subject"))
        reading.sentence_memo[key] = frozenset(names)
    return reading.sentence_memo[key]


def _past_lead_period(clause: str) -> int:
    """Where a clause's words start, after a leading period (上半年，…) if it has one."""
    lead = _LEAD_PERIOD.match(clause)
    return lead.end() if lead else 0


def _own_subject(before: str) -> str | None:
    """The subject of the figure's own clause: the words between the clause's start (after a period) and its verb."""
    clause = CLAUSE_OR_SENTENCE_MARK.split(before)[-1]
    found = _SUBJECT_VERB.match(clause, _past_lead_period(clause))
    return found.group("subject") if found and found.end() == len(clause) else None


def _a_name(subject: str) -> bool:
    """No zone, part of a zone, period, group of firms or scope word: a name of its own."""
    return not has(cues()["not_a_firm_name"], subject) and not has(cues()["zone_words"], subject)


def a_firm_the_sentence_opens_on(reading: Reading) -> bool:
    """公司董事长告诉记者，公司的订单排满了，去年产值达到6000万元 (公司 alone: the firm the story is about) or
    新落户的某某电源有限公司是一家配套企业，…当年实现产值2亿元 (a firm named as the sentence's topic): a money
    figure of a sentence opening on one firm is that firm's, unless a zone is named before it or its own
    clause speaks of firms (企业)."""
    head = reading.head
    opening = _firm_opening().match(head)
    if opening is None or has(cues()["zone_words"], head):
        return False
    rest = head[opening.end() :]
    return "企业" not in rest[after_last_comma(rest) :]


@lru_cache(maxsize=1)
def _firm_opening() -> re.Pattern:
    """公司 opening the sentence, or a firm's name (up to 16 characters of its clause, a firm suffix) and the
    verb that makes it the topic (cues.yaml firm_suffixes, firm_topic_verbs)."""
    suffixes, verbs = pattern_of(cues()["firm_suffixes"]).pattern, pattern_of(cues()["firm_topic_verbs"]).pattern
    return re.compile(rf"公司(?![化制])|[^，,。；;：:]{{1,16}}?(?:{suffixes})(?:{verbs})")


def said_of_a_firm_it_becomes(reading: Reading) -> bool:
    """某某飞机预计全年完成产值120亿元，成为全市首个百亿级制造业企业: a money figure whose next clause says its
    subject becomes (or is) a firm of some kind is that firm's."""
    rest = reading.text[reading.quantity.end : reading.sentence.end]
    return _becomes_a_firm().match(rest) is not None


@lru_cache(maxsize=1)
def _becomes_a_firm() -> re.Pattern:
    """The rest of the figure's clause (a few characters: 以上), then a clause opening on a verb of becoming
    (cues.yaml becoming_verbs) and ending on a word of a firm (firm_kind_words)."""
    verbs, firms = pattern_of(cues()["becoming_verbs"]).pattern, pattern_of(cues()["firm_kind_words"]).pattern
    return re.compile(rf"[^，,。；;]{{0,6}}[，,]\s*+(?:{verbs})[^，,。；;]{{0,24}}(?:{firms})(?:[，,。；;]|$)")


@lru_cache(maxsize=1)
def _firm_opening_a_part() -> re.Pattern:
    """A part of a sentence (after ；, a date or 其中) opening on a firm's name, its suffix within its first clause
    (cues.yaml company_name_ends)."""
    ends = pattern_of(cues()["company_name_ends"]).pattern
    return re.compile(AFTER_A_DATE + r"(?:其中)?[，,：:]?\s*(?P<name>[^，,。；;：:\d]{1,20}?)(?:" + ends + ")")


def a_firm_opens_the_part(before: str) -> bool:
    """The part of the sentence before a projection opens on one firm: no zone word in its opening, and no firm
    noun before its suffix (龙头企业组建产业集团 speaks of firms in general)."""
    part = NEW_PART.split(before)[-1]
    opening = _firm_opening_a_part().match(part)
    return opening is not None and not has(cues()["zone_words"], opening.group()) and not has(cues()["firm_nouns"], opening.group("name"))
