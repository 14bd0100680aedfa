"""Checks for the administrative-division gazetteer loaders/lexicon/places.csv."""
import csv
from collections import Counter
from pathlib import Path

import pytest

PLACES = Path(__file__).resolve().parents[1] / "loaders" / "lexicon" / "places.csv"
LEVELS = ("province", "city", "county")
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")


@pytest.fixture(scope="module")
def rows():
    with PLACES.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        assert reader.fieldnames == ["name", "level", "province", "city"]
        return list(reader)


def test_levels_are_known(rows):
    assert {r["level"] for r in rows} <= set(LEVELS)
    assert all(r["name"] and r["province"] for r in rows)


def test_34_provinces(rows):
    provinces = [r for r in rows if r["level"] == "province"]
    assert len(provinces) == 34
    assert all(r["province"] == r["name"] and r["city"] == "" for r in provinces)


def test_city_parents_exist(rows):
    provinces = {r["name"] for r in rows if r["level"] == "province"}
    cities = [r for r in rows if r["level"] == "city"]
    assert len(cities) >= 330
    for r in cities:
        assert r["province"] in provinces, r
        assert r["city"] == r["name"], r


def test_county_parents_exist(rows):
    cities = {(r["province"], r["name"]) for r in rows if r["level"] == "city"}
    for r in rows:
        if r["level"] != "county":
            continue
        if r["city"] == r["name"]:  # 省直管 county-level city, e.g. 济源市
            continue
        if r["city"] == r["province"] and r["province"] in MUNICIPALITIES:  # 上海市嘉定区: no prefecture between
            continue
        assert (r["province"], r["city"]) in cities, r


def test_no_duplicates(rows):
    keys = Counter((r["name"], r["province"], r["city"]) for r in rows)
    assert [k for k, n in keys.items() if n > 1] == []


def test_sorted(rows):
    key = [(r["province"], LEVELS.index(r["level"]), r["name"]) for r in rows]
    assert key == sorted(key)


@pytest.mark.parametrize(
    "name,level,province,city",
    [
        ("淇县", "county", "河南省", "鹤壁市"),
        ("柘城县", "county", "河南省", "商丘市"),
        ("新蔡县", "county", "河南省", "驻马店市"),
        ("温岭市", "county", "浙江省", "台州市"),
        ("济源市", "county", "河南省", "济源市"),
        ("鹤壁市", "city", "河南省", "鹤壁市"),
        ("台州市", "city", "浙江省", "台州市"),
        ("河南省", "province", "河南省", ""),
        ("嘉定区", "county", "上海市", "上海市"),
        ("忠县", "county", "重庆市", "重庆市"),
        ("晋江市", "county", "福建省", "泉州市"),
        ("平果县", "county", "广西壮族自治区", "百色市"),
        ("头屯河区", "county", "新疆维吾尔自治区", "乌鲁木齐市"),
        ("仙桃市", "county", "湖北省", "仙桃市"),
        ("新竹县", "city", "台湾省", "新竹县"),
    ],
)
def test_spot_checks(rows, name, level, province, city):
    hits = [(r["level"], r["province"], r["city"]) for r in rows if r["name"] == name]
    assert (level, province, city) in hits


def test_every_mainland_province_has_its_counties(rows):
    """County-level divisions cover the whole mainland, not a few provinces (about 2,850 in all)."""
    counties = Counter(r["province"] for r in rows if r["level"] == "county")
    provinces = [r["name"] for r in rows if r["level"] == "province" and r["name"] not in ("台湾省", "香港特别行政区", "澳门特别行政区")]
    assert len(provinces) == 31
    assert {name: counties[name] for name in provinces if counties[name] < 9} == {}
    assert sum(counties.values()) >= 2800


def test_everyday_words_are_no_places(rows):
    """城区, 郊区, 矿区 name districts but read as plain words in a report (老城区, 中心城区)."""
    assert {r["name"] for r in rows} & {"城区", "郊区", "矿区", "东区", "西区", "市辖区", "县"} == set()


def test_places_in_a_span_reads_names_that_start_before_it():
    """A span's places are those ending inside it, even when the name starts before the span (the
    span is read with the few characters before it, not the whole report)."""
    from loaders.text.places import PlaceIndex, places_in

    text = "去年河南省安阳市和郑州市的园区"
    start = text.index("安阳市") + 1  # inside 安阳市: it ends in the span, so it counts
    assert places_in(text, start) == ["安阳市", "郑州市"]
    assert places_in(text, start, text.index("和")) == ["安阳市"]
    assert places_in(text, text.index("和")) == ["郑州市"]
    assert PlaceIndex(text).between(start) == places_in(text, start)
