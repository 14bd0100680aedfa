"""Rebuild loaders/lexicon/places.csv from the adcodes table the `cpca` package ships (MIT).

The gazetteer is data, read at run time from the CSV; this script is how it was made:
    pip download --no-deps cpca==0.5.5 && unzip cpca-0.5.5-py3-none-any.whl 'cpca/resources/*'
    python loaders/lexicon/make_places.py cpca/resources/adcodes.csv
Rows already in places.csv are kept; Taiwan's cities and counties (not in cpca) are added here.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

PLACES = Path(__file__).resolve().parent / "places.csv"
LEVELS = ("province", "city", "county")
MUNICIPALITIES = ("11", "12", "31", "50")  # 北京 天津 上海 重庆: districts sit under the province
# Grouping rows of the adcode table and district names that are everyday words (老城区, 市郊区).
NOT_PLACES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "城区", "郊区", "矿区", "东区", "西区"}
TAIWAN = ("台北市 新北市 桃园市 台中市 台南市 高雄市 基隆市 新竹市 嘉义市 新竹县 苗栗县 彰化县 南投县 云林县 "
          "嘉义县 屏东县 宜兰县 花莲县 台东县 澎湖县").split()


def rows_from_adcodes(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as handle:
        codes = {row["adcode"][:6]: row["name"] for row in csv.DictReader(handle)}
    rows = []
    for code, name in codes.items():
        if name in NOT_PLACES:
            continue
        province = codes[code[:2] + "0000"]
        if code[2:] == "0000":
            rows.append({"name": name, "level": "province", "province": name, "city": ""})
        elif code[4:] == "00" and code[:2] not in MUNICIPALITIES:
            rows.append({"name": name, "level": "city", "province": province, "city": name})
        else:
            parent = codes.get(code[:4] + "00")
            if code[:2] in MUNICIPALITIES:
                city = province
            elif parent in (None, *NOT_PLACES) or code[2:4] == "90":  # 省直辖: the county is its own city
                city = name
            else:
                city = parent
            rows.append({"name": name, "level": "county", "province": province, "city": city})
    rows += [{"name": name, "level": "city", "province": "台湾省", "city": name} for name in TAIWAN]
    return rows


def main(adcodes: str) -> None:
    with PLACES.open(encoding="utf-8", newline="") as handle:
        kept = list(csv.DictReader(handle))
    kept = [row for row in kept if row["name"] not in NOT_PLACES]
    seen = {(row["name"], row["province"]) for row in kept}
    rows = kept + [row for row in rows_from_adcodes(Path(adcodes)) if (row["name"], row["province"]) not in seen]
    unique = {(row["name"], row["level"], row["province"], row["city"]): row for row in rows}
    ordered = sorted(unique.values(), key=lambda row: (row["province"], LEVELS.index(row["level"]), row["name"]))
    with PLACES.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["name", "level", "province", "city"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(ordered)
    print(f"{PLACES}: {len(ordered)} rows")


if __name__ == "__main__":
    main(sys.argv[1])
