"""The grading rules: when an extracted row counts as a stated gold row (docs/DATA_CONTRACT.md).

Pure functions over frames. Gold and extracted frames both carry a `report` column (the
report's part or file stem, as text); matching never crosses reports. Each function returns
which gold row took which extracted row, so every score, breakdown and listing is counted from
one matching.
"""

from __future__ import annotations

from collections import defaultdict

import pandas as pd

from ..text.normalize import to_simplified

# Longer words first: 产业集聚区 must go before 集聚区 leaves 产业 behind.
GENERIC_ZONE_WORDS = ("产业集聚区", "集聚区", "开发区", "工业园区", "产业园区", "园区", "分区", "管委会")
ZONE_NOISE = str.maketrans("", "", "*＊XＸx省市县区")
VALUE_TOLERANCE = 0.005  # relative, for amounts, areas and counts
GROWTH_TOLERANCE = 0.05  # percentage points
SIMILAR_NAMES = 0.5  # share of characters two item names have in common
SAME_QUANTITY = 0.75  # the similarity an infrastructure row earns by stating the gold quantity


def zone_key(name: str) -> str:
    """A zone name reduced to its distinguishing characters.

    >>> zone_key("鹤淇产业集聚区"), zone_key("******循环经济产业集聚区"), zone_key("温岭市东部产业集聚区")
    ('鹤淇', '循环经济', '温岭东部')
    """
    key = to_simplified(str(name))
    for word in GENERIC_ZONE_WORDS:
        key = key.replace(word, "")
    return "".join(key.split()).translate(ZONE_NOISE)


def same_zone(gold: object, names: list[str]) -> bool:
    """Whether one of a row's zone names (name and aliases) is the gold zone; no gold zone fits any.

    >>> same_zone("温岭市东部产业集聚区", ["东部产业集聚区"]), same_zone("鹤淇产业集聚区", ["柘城县产业集聚区"])
    (True, False)
    """
    if _blank(gold):
        return True
    wanted = zone_key(str(gold))
    for name in names:
        if to_simplified(str(name)).strip() == to_simplified(str(gold)).strip():
            return True
        key = zone_key(name)
        if wanted and key and (wanted in key or key in wanted or _shared_share(wanted, key) >= 0.5):
            return True
    return False


def close(value: float, gold: float, kind: str) -> bool:
    """Within 0.5% of the gold value (growth: within 0.05 percentage points).

    >>> close(29.9e8, 29.95e8, "actual"), close(10.16, 10.1, "growth")
    (True, False)
    """
    if kind == "growth":
        return abs(value - gold) <= GROWTH_TOLERANCE
    if gold == 0:
        return value == 0
    return abs(value - gold) <= VALUE_TOLERANCE * abs(gold)


def name_similarity(gold: str, name: str) -> float:
    """1.0 when one name contains the other, else the share of characters they have in common; the
    script does not count (a report in traditional characters, a row in simplified ones).

    >>> name_similarity("千里馬電子", "千里马电子")
    1.0
    """
    gold, name = (to_simplified("".join(str(value).split())) for value in (gold, name))
    if not gold or not name:
        return 0.0
    if gold in name or name in gold:
        return 1.0
    return _shared_share(gold, name)


def match_facts(gold: pd.DataFrame, rows: pd.DataFrame, zones: bool = True, metrics: bool = True) -> dict:
    """{gold index: row index}: each gold fact, in file order, takes the first free row that fits.

    `rows` need `report, metric, kind, value, zone_names`; zones=False leaves the zone out,
    metrics=False also metric and kind (was the value found in its report at all?).
    """
    candidates = defaultdict(list)
    for index, report, metric, kind in zip(rows.index, rows["report"], rows["metric"], rows["kind"], strict=True):
        candidates[(report, metric, kind) if metrics else report].append(index)
    values, zone_names = rows["value"].to_dict(), rows["zone_names"].to_dict()
    used: set = set()
    pairs: dict = {}
    for fact in gold.itertuples():
        key = (fact.report, fact.metric, fact.kind) if metrics else fact.report
        for index in candidates.get(key, ()):
            if index in used or not close(float(values[index]), float(fact.value), fact.kind):
                continue
            if zones and not same_zone(fact.zone, zone_names[index]):
                continue
            used.add(index)
            pairs[fact.Index] = index
            break
    return pairs


def match_items(gold: pd.DataFrame, rows: pd.DataFrame, by_category: bool) -> dict:
    """{gold index: row index}: each gold item takes the free row of its report with the most similar name.

    With by_category (infrastructure) the row must be of the gold category, and a row stating
    the gold quantity counts as similar.
    """
    used: set = set()
    pairs: dict = {}
    for item in gold.itertuples():
        candidates = rows[(rows["report"] == item.report) & ~rows.index.isin(used)]
        if by_category:
            candidates = candidates[candidates["category"] == item.category]
        best, best_similarity = None, 0.0
        for row in candidates.itertuples():
            similarity = name_similarity(item.name, row.name)
            if by_category and _same_quantity(getattr(item, "quantity", None), getattr(row, "quantity", None)):
                similarity = max(similarity, SAME_QUANTITY)
            if similarity > best_similarity:
                best, best_similarity = row.Index, similarity
        if best is not None and best_similarity >= SIMILAR_NAMES:
            used.add(best)
            pairs[item.Index] = best
    return pairs


def match_zones(gold: pd.DataFrame, zones: pd.DataFrame) -> tuple[set, set]:
    """(gold indices found, zone indices that match a gold zone), within the reports they share.

    `gold` needs `zone, report` (an empty report fits every report); `zones` needs `names`
    (name and aliases) and `reports` (a set; empty when the table does not say).
    """
    found, matching = set(), set()
    for zone in zones.itertuples():
        for wanted in gold.itertuples():
            shares_report = not wanted.report or not zone.reports or wanted.report in zone.reports
            if shares_report and same_zone(wanted.zone, zone.names):
                found.add(wanted.Index)
                matching.add(zone.Index)
    return found, matching


def same_status(gold: object, status: object) -> bool:
    """Empty, None, NaN and <NA> are all the same 'not stated'."""
    return ("" if _blank(gold) else str(gold)) == ("" if _blank(status) else str(status))


def _same_quantity(gold: object, quantity: object) -> bool:
    return not _blank(gold) and not _blank(quantity) and close(float(str(quantity)), float(str(gold)), "actual")


def _shared_share(left: str, right: str) -> float:
    return len(set(left) & set(right)) / len(set(left) | set(right))


def _blank(value: object) -> bool:
    return value is None or (not isinstance(value, str | list) and pd.isna(value)) or value == ""
