"""Zone mentions -> zones (canonical name, aliases, masked, place); which zone each offset is about.

Names are found as PREFIX + SUFFIX (lexicon/zones.yaml). Within one report, short forms
are aliases of the longest name they belong to (东部产业集聚区 -> 温岭市东部产业集聚区), and
a masked name with nothing else in it (*产业集聚区) is the report's masked zone.
"""

from __future__ import annotations

import bisect
import csv
import re
from dataclasses import dataclass, field
from functools import lru_cache

import yaml

from .schema import LEXICON, zone_id_for

CJK = "\u4e00-\u9fff"
ADMIN = "省市县区州盟旗"


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    name: str
    prefix: str
    suffix: str
    switches: bool
    reliable: bool  # the name starts at a boundary (line start, punctuation, 的/把/关于 …)


@dataclass
class Zone:
    name: str
    aliases: set[str] = field(default_factory=set)
    anonymized: bool = False
    mentions: int = 0
    first: int = 0


@lru_cache(maxsize=1)
def lexicon() -> dict:
    with open(LEXICON / "zones.yaml", encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@lru_cache(maxsize=1)
def _suffix_pattern() -> re.Pattern:
    """A zone-kind suffix and an optional sub-zone tail; the name before it is read backwards."""
    words = lexicon()
    suffixes = sorted((entry["word"] for entry in words["suffixes"]), key=len, reverse=True)
    masks = re.escape(words["mask_chars"])
    tails = "|".join(words["tails"])
    return re.compile(
        rf"(?P<suffix>{'|'.join(suffixes)})(?P<tail>(?:[{masks}]{{1,6}}|[{CJK}]{{1,2}})(?:{tails}))?"
    )


@lru_cache(maxsize=1)
def _prefix_run() -> re.Pattern:
    return re.compile(rf"[{CJK}{re.escape(lexicon()['mask_chars'])}]{{0,16}}$")


@lru_cache(maxsize=1)
def _stop_pattern() -> re.Pattern:
    words = lexicon()
    alternatives = sorted(words["stop_words"], key=len, reverse=True)
    return re.compile("|".join(map(re.escape, alternatives)) + f"|[{re.escape(words['stop_chars'])}]")


def _switches(suffix: str) -> bool:
    return next(entry["switches"] for entry in lexicon()["suffixes"] if entry["word"] == suffix)


def _clean_prefix(prefix: str) -> tuple[str, bool]:
    """The name part of a prefix run, and whether a stop word or character marked its start."""
    cut = 0
    for match in _stop_pattern().finditer(prefix):
        cut = max(cut, match.end())
    return prefix[cut:], cut > 0


def is_masked(text: str) -> bool:
    return any(char in lexicon()["mask_chars"] for char in text) or "XX" in text


def _is_generic(prefix: str) -> bool:
    words = lexicon()
    bare = prefix.strip(words["mask_chars"])
    if not bare:
        return not prefix  # a mask alone (*产业集聚区) is a masked name, not generic
    if bare in words["generic_prefixes"]:
        return True
    return len(bare) < 2 and not is_masked(prefix)


def find_mentions(text: str) -> list[Mention]:
    """Named zone mentions in normalised text (generic ones such as 我县产业集聚区 left out)."""
    mentions = []
    run = _prefix_run()
    for match in _suffix_pattern().finditer(text):
        leading = run.search(text, max(0, match.start() - 16), match.start())  # {0,16}$ always matches
        start = leading.start() if leading else match.start()
        if start == match.start() and not (start > 0 and text[start - 1] in "*＊Xx×"):
            continue  # no name before the suffix at all
        prefix, was_cut = _clean_prefix(text[start : match.start()])
        if _is_generic(prefix) or re.search(r"[零一二两三四五六七八九十百千]个|首批|重点", prefix):
            continue
        whole_run = len(prefix) == match.start("suffix") - start
        at_boundary = whole_run and len(prefix) <= 10 and (start == 0 or text[start - 1] in _BOUNDARY)
        name_start = match.start("suffix") - len(prefix)
        name = prefix + match["suffix"] + (match["tail"] or "")
        mentions.append(
            Mention(name_start, match.end(), name, prefix, match["suffix"], _switches(match["suffix"]),
                    reliable=was_cut or at_boundary)
        )
    return mentions


_BOUNDARY = set("\n \t，。；：、“”‘’\"'（）()《》【】[]！？!?,.;:")


def _is_alias(short: str, long: str) -> bool:
    """Whether `short` is another way of writing `long` (same suffix, fewer words)."""
    if short == long or len(short) >= len(long):
        return False
    if long.endswith(short):
        return True
    place = re.match(rf"[{CJK}]{{1,6}}?[{ADMIN}]", short)
    if place and long.startswith(place.group()):
        return _suffix_of(short) == _suffix_of(long)
    return False


def _suffix_of(name: str) -> str:
    for entry in sorted(lexicon()["suffixes"], key=lambda entry: len(entry["word"]), reverse=True):
        if entry["word"] in name:
            return name[name.index(entry["word"]) :]
    return name


def _resolve_unreliable(mentions: list[Mention]) -> list[Mention]:
    """Mentions that may carry words before the name (整合东部产业集聚区) become the reliable
    name they end with; those that end with none are dropped. Sub-park mentions (产业园)
    count only in a report that names no zone of a switching kind."""
    switching = [mention for mention in mentions if mention.switches]
    if switching:
        mentions = switching
    reliable = sorted({mention.name for mention in mentions if mention.reliable}, key=len, reverse=True)
    kept = []
    for mention in mentions:
        ending = next((name for name in reliable if mention.name.endswith(name) and name != mention.name), None)
        if mention.reliable and (ending is None or _is_place_prefix(mention.name[: len(mention.name) - len(ending)])):
            kept.append(mention)
            continue
        if ending:
            offset = len(mention.name) - len(ending)
            kept.append(Mention(mention.start + offset, mention.end, ending, ending[: ending.find(mention.suffix)],
                                mention.suffix, mention.switches, True))
    return kept


def _plain(name: str) -> str:
    return re.sub(rf"[{re.escape(lexicon()['mask_chars'])}市县]", "", name)


def _is_place_prefix(words: str) -> bool:
    """温岭市 in 温岭市东部产业集聚区: an admin place before a shorter zone name keeps the long name."""
    return bool(words) and (words[-1] in ADMIN or words in gazetteer() or is_masked(words))


class ZoneResolver:
    """The zones of one report and which of them each offset is about."""

    def __init__(self, text: str, fallback_name: str):
        self.text = text
        mentions = _resolve_unreliable(find_mentions(text))
        names = {mention.name for mention in mentions}
        canonical: dict[str, str] = {}
        specific = sorted((name for name in names if not _masked_only_name(name)), key=len, reverse=True)
        for name in specific:
            longer = [other for other in specific if _is_alias(name, other)]
            canonical[name] = canonical.get(longer[0], longer[0]) if longer else name
        # A report naming a zone and one of its sub-zones (安阳市高新技术产业集聚区 and
        # 安阳高新技术产业集聚区*分区) is about the sub-zone: the parent's name is its alias.
        for sub in specific:
            tail = re.search(rf"(?:[{re.escape(lexicon()['mask_chars'])}]{{1,6}}|[{CJK}]{{1,2}})(?:{'|'.join(lexicon()['tails'])})$", sub)
            if not tail:
                continue
            base = _plain(sub[: tail.start()])
            for parent in specific:
                if parent != sub and _plain(parent) == base:
                    canonical[parent] = sub
        masked_full = [name for name in specific if is_masked(name)]
        for name in names - set(specific):
            canonical[name] = masked_full[0] if masked_full else name
        self.zones: dict[str, Zone] = {}
        for mention in mentions:
            zone = self.zones.setdefault(canonical[mention.name], Zone(canonical[mention.name], first=mention.start))
            zone.mentions += 1
            if mention.name != zone.name:
                zone.aliases.add(mention.name)
        for zone in self.zones.values():
            zone.anonymized = is_masked(zone.name)
        switching = [mention for mention in mentions if mention.switches]
        self._starts = [mention.start for mention in switching]
        self._names = [canonical[mention.name] for mention in switching]
        ranked = sorted(self.zones.values(), key=lambda zone: (-zone.mentions, zone.first))
        self.main = ranked[0].name if ranked else fallback_name
        self.named = bool(ranked)
        if not ranked:
            self.zones[fallback_name] = Zone(fallback_name)

    def zone_at(self, offset: int) -> str:
        """The zone a figure at `offset` is about: the last zone named before it, else the main one."""
        index = bisect.bisect_right(self._starts, offset) - 1
        return self._names[index] if index >= 0 else self.main

    def used(self, names: set[str]) -> list[Zone]:
        """Zones that carry rows, plus the report's main zone."""
        return [zone for name, zone in self.zones.items() if name in names or name == self.main]


def _masked_only_name(name: str) -> bool:
    prefix = name[: len(name) - len(_suffix_of(name))]
    return bool(prefix) and not prefix.strip(lexicon()["mask_chars"]).replace("X", "")


# ---- places and leading industries -------------------------------------------------

_LEADING = re.compile(r"(?P<count>[两二三四五六七八九十\d])大(?P<kind>主导|支柱|特色|优势|重点)?产业")
_LIST_START = re.compile(r"形成了?|确定了?|重点发展|发展|为|以|是|包括|围绕")


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, list[dict]]:
    """Place name -> its rows (level, province, city) from lexicon/places.csv."""
    path = LEXICON / "places.csv"
    places: dict[str, list[dict]] = {}
    if path.exists():
        with open(path, encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                places.setdefault(row["name"], []).append(row)
    return places


_ADMIN_END = re.compile(r"[省市县区州盟旗]")


def places_in(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """Gazetteer names in text[start:end], in order: the longest name ending at each admin character."""
    end = len(text) if end is None else end
    return [name for stop, name in _places(text) if start < stop <= end]


@lru_cache(maxsize=64)
def _places(text: str) -> tuple[tuple[int, str], ...]:
    """(end offset, name) of every gazetteer name: a dictionary look-up per 省/市/县/区 character,
    read once per report (a regex of a thousand alternatives is slow)."""
    places = gazetteer()
    found = []
    for match in _ADMIN_END.finditer(text):
        stop = match.end()
        if text.startswith("产业集聚区", stop - 5) or text.startswith("开发区", stop - 3):
            continue  # the 区 of a zone suffix names no place
        for size in range(min(9, stop), 1, -1):
            if text[stop - size : stop] in places:
                found.append((stop, text[stop - size : stop]))
                break
    return tuple(found)


@lru_cache(maxsize=1)
def _short_city_names() -> dict[str, str]:
    """安阳 -> 安阳市: zone names often drop the 市 of their city."""
    return {
        name[:-1]: name
        for name, rows in gazetteer().items()
        if name.endswith("市") and len(name) >= 3 and any(row["level"] == "city" for row in rows)
    }


def place_of(zone: str, text: str, start: int = 0, end: int | None = None) -> dict[str, str | None]:
    """Province, city and county: from the zone's own name first, then the places its report names."""
    found: dict[str, str | None] = {"province": None, "city": None, "county": None}
    if not gazetteer():
        return found
    named = places_in(zone)
    shorts = _short_city_names()
    named += [shorts[zone[:size]] for size in (2, 3, 4) if zone[:size] in shorts and shorts[zone[:size]] not in named]
    in_text = places_in(text, start, end)
    for name in named + in_text:
        rows = gazetteer()[name]
        if len(rows) != 1:
            continue  # 鼓楼区: ambiguous without its parent
        row = rows[0]
        level = row["level"]
        if level == "county" and found["county"] is None and (name in zone or not named):
            found.update(county=name, city=found["city"] or row["city"], province=found["province"] or row["province"])
        elif level == "city" and found["city"] is None:
            if found["province"] in (None, row["province"]):
                found.update(city=name, province=found["province"] or row["province"])
        elif level == "province" and found["province"] is None:
            found["province"] = name
    section = text[start:end]
    if found["county"] is None and is_masked(zone):
        masked = re.search(r"([*＊]+[区县])", section)
        if masked:
            found["county"] = masked.group(1)
    if found["city"] is None and is_masked(zone):
        masked = re.search(r"([*＊]+市)", section)
        if masked:
            found["city"] = masked.group(1)
    return found


def industry_lists(text: str) -> list[tuple[int, int, list[str]]]:
    """Every listed set of 主导/支柱 industries (…等四大主导产业): (rank, offset, items), named kinds first."""
    candidates = []
    for match in _LEADING.finditer(text):
        sentence_start = max(text.rfind(mark, 0, match.start()) for mark in "。；\n") + 1
        head = text[sentence_start : match.start()]
        triggers = list(_LIST_START.finditer(head))
        if not triggers:
            continue
        body = head[triggers[-1].end() :].rstrip("等")
        items = [item for item in re.split(r"、|和(?=[^、]*$)|以及", body) if item]
        if len(items) < 2 or any(len(item) > 16 for item in items):
            continue
        candidates.append((0 if match["kind"] else 1, match.start(), items))
    return candidates


def zone_rows(resolver: ZoneResolver, doc_id: str, used_names: set[str], text: str) -> list[dict]:
    """One row per zone the report gives rows about (and its main zone), with places and industries
    read from the zone's own section: its first mention up to the next zone's first mention."""
    rows = []
    firsts = sorted(zone.first for zone in resolver.zones.values())
    lists = industry_lists(text) if resolver.named else []
    for zone in resolver.used(used_names):
        following = [offset for offset in firsts if offset > zone.first]
        start, end = (zone.first, following[0] if following else len(text)) if len(resolver.zones) > 1 else (0, len(text))
        own_lists = [candidate for candidate in lists if resolver.zone_at(candidate[1]) == zone.name]
        rows.append(
            {
                "zone_id": zone_id_for(zone.name),
                "name": zone.name,
                "aliases": sorted(zone.aliases),
                **place_of(zone.name, text, start, end),
                "anonymized": zone.anonymized,
                "leading_industries": min(own_lists)[2] if own_lists else [],
                "doc_ids": [doc_id],
            }
        )
    return rows


def merge_zones(rows: list[dict]) -> list[dict]:
    """One row per zone_id: aliases and doc_ids unioned, places and industries taken when first stated."""
    merged: dict[str, dict] = {}
    for row in rows:
        if row["zone_id"] not in merged:
            merged[row["zone_id"]] = {**row, "aliases": list(row["aliases"]), "doc_ids": list(row["doc_ids"])}
            continue
        into = merged[row["zone_id"]]
        into["aliases"] = sorted(set(into["aliases"]) | set(row["aliases"]))
        into["doc_ids"] = sorted(set(into["doc_ids"]) | set(row["doc_ids"]))
        for key in ("province", "city", "county"):
            into[key] = into.get(key) or row.get(key)
        if not into.get("leading_industries") and row.get("leading_industries"):
            into["leading_industries"] = row["leading_industries"]
    return list(merged.values())
