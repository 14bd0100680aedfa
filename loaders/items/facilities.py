"""Facility words and their categories, and the Item a facility mention becomes.

A facility word (lexicon/infrastructure_categories.csv) gives its category; in a run of them the
last specific one decides (弱电入地线路 -> telecom). Generic words (道路, 供水, 管网) name a kind of
facility but no facility of its own.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache

from ..contract.schema import LEXICON
from ..text.sentences import Sentence
from ..text.units import Quantity
from .lexicon import patterns, word_pattern
from .status import StatusWord

TABLE = "infrastructure"
P = patterns("infrastructure")
# Categories of public works: a name of one of these is an investment project only when listed beside one.
PUBLIC_WORKS = frozenset({"road", "power_line", "substation", "water", "gas", "heat", "pipeline", "telecom", "housing", "other"})
# Bare pipes and lines: the word before them says what they carry (排水管道 -> water).
GENERIC_HEADS = ("管道", "管网", "线路", "管线", "管路", "干管")
# Characters a facility's name may carry after its facility word and suffixes (改造提升, 东延线).
_TRAILING_WORDS = 3


@dataclass(frozen=True)
class Keyword:
    word: str
    category: str
    generic: bool


@dataclass(slots=True)  # made for every facility word read: slots are cheaper to build and read
class Item:
    start: int
    end: int
    name: str
    category: str
    bare: bool  # nothing but generic facility words: 道路, 供水管网
    generic_head: bool  # ends in a bare pipe or line (管道, 管网, 线路)
    sentence: Sentence
    clause: int
    segment: int
    quantity: Quantity | None = None
    investment: float | None = None
    status: StatusWord | None = None
    group: bool = False  # named members before 等 and their head: merges only with the same name


def segment_of(text: str, sentence_start: int, position: int) -> int:
    """Which part of its sentence a position is in: the parts are split by semicolons (A已建成；B正在建设)."""
    return text.count("；", sentence_start, position) + text.count(";", sentence_start, position)


@lru_cache(maxsize=1)
def keywords() -> dict[str, Keyword]:
    with open(LEXICON / "infrastructure_categories.csv", encoding="utf-8") as handle:
        return {
            row["word"]: Keyword(row["word"], row["category"], row["generic"] == "true") for row in csv.DictReader(handle)
        }


@lru_cache(maxsize=1)
def keyword_pattern() -> re.Pattern:
    return word_pattern(tuple(keywords()))


@lru_cache(maxsize=1)
def _not_facilities() -> frozenset[str]:
    """Words of the lexicon that name no facility (category none): matched only to block a shorter word."""
    return frozenset(word for word, keyword in keywords().items() if keyword.category == "none")


def facility_words(matches) -> list[re.Match]:
    """The matches of keyword_pattern that name a facility."""
    blocked = _not_facilities()
    return [match for match in matches if match.group() not in blocked]


@lru_cache(maxsize=4096)  # names repeat across mentions and merges
def category_of(name: str) -> str | None:
    """The category a name's facility words give it (the last specific one), or None."""
    found = facility_words(keyword_pattern().finditer(name))
    return category_of_words(found) if found else None


@lru_cache(maxsize=4096)  # names repeat across mentions and merges
def category_at_end(name: str) -> str | None:
    """The category of a name that ends in its facility (园区污水处理厂一期工程, 老石安路改造提升), or None
    when the facility word only describes what the name goes on to say (60万吨天然气汽车清洁燃料项目)."""
    found = facility_words(keyword_pattern().finditer(name))
    if not found:
        return None
    rest = P.suffix.match(name, found[-1].end()).end()
    return category_of_words(found) if len(name) - rest <= _TRAILING_WORDS else None


def category_of_words(found: list[re.Match]) -> str:
    """The head decides (物流园道路 -> road), unless it is a bare pipe or line: then the word before it
    does (弱电入地线路 -> telecom, 排水管道 -> water), and a pipe carrying several utilities is a
    pipeline of its own (供水供热供气管网, 燃气热力管网)."""
    heads = [match for match in found if match.group() not in GENERIC_HEADS]
    if heads and len(heads) < len(found) and found[-1].group() in GENERIC_HEADS:
        carried = {keywords()[match.group()].category for match in heads} & _CARRIED
        if len(carried) > 1:
            return "pipeline"
    return keywords()[(heads or found)[-1].group()].category


# What a pipe carries: a pipe carrying more than one of these is a utility pipeline.
_CARRIED = frozenset({"water", "gas", "heat", "power_line", "telecom"})


@lru_cache(maxsize=4096)  # names repeat across mentions and merges
def residual(name: str) -> str:
    """What a name says beyond its zone, facility words and fillers (园区 in 园区道路, 配套 in 配套路网)."""
    return P.filler.sub("", keyword_pattern().sub("", P.zone_name.sub("", name)))
