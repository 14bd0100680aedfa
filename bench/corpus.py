"""A synthetic report corpus grown from the bundled sample: new zone names, scaled figures."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "reports" / "seed_reports.txt"

HEADING = re.compile(r"^[ \t\u3000]*第[一二三四五六七八九十百\d]+篇[：:]", re.MULTILINE)
FIGURE = re.compile(r"(\d+(?:\.\d+)?)(?=亿元|万元|平方公里|家|个|%)")
# the bare baseline: one compiled regex, numbers with units
BASELINE = re.compile(r"\d+(?:\.\d+)?(?:亿元|万元|平方公里|家|个|%)")

SYLLABLES = list(
    "安宁平远康泰和兴华瑞丰祥永昌福德宝鑫盛阳明清河山川林海云天长江南北东西新民光荣嘉禾富源金银玉龙凤鹤"
)
SUFFIXES = ("县产业集聚区", "市产业集聚区", "县经济开发区", "区高新技术产业集聚区", "县循环经济产业集聚区")


def sample_reports(text: str) -> list[str]:
    """The sample's reports, each without its 第N篇： heading."""
    starts = [m.start() for m in HEADING.finditer(text)] + [len(text)]
    return [HEADING.sub("", text[a:b], count=1) for a, b in zip(starts, starts[1:], strict=False)]


def zone_names(tables_dir: Path) -> list[str]:
    """Zone names and aliases the loaders found in the sample, longest first (so no partial swaps)."""
    zones = pd.read_parquet(tables_dir / "zones.parquet")
    names = set(zones["name"].dropna())
    for aliases in zones["aliases"].dropna():
        names.update(aliases)
    return sorted((n for n in names if len(n) >= 4), key=len, reverse=True)


def _new_name(rng: random.Random) -> str:
    return "".join(rng.choices(SYLLABLES, k=rng.choice((2, 2, 3)))) + rng.choice(SUFFIXES)


def _scale(match: re.Match, rng: random.Random) -> str:
    text = match.group(1)
    value = float(text) * rng.uniform(0.5, 2.0)
    if "." in text:
        return f"{value:.{len(text.split('.')[1])}f}"
    return str(max(1, round(value)))


def variant(report: str, names: list[str], rng: random.Random) -> str:
    """One copy of a report with every zone name swapped and every figure with a unit scaled."""
    if names:
        mapping = {name: _new_name(rng) for name in names}
        pattern = re.compile("|".join(re.escape(n) for n in names))
        report = pattern.sub(lambda m: mapping[m.group(0)], report)
    return FIGURE.sub(lambda m: _scale(m, rng), report)


def generate(out_dir: Path, megabytes: float, names: list[str], file_mb: float = 1.5, seed: int = 0) -> dict:
    """Write ≈ megabytes of report files (≈ file_mb each) into out_dir; returns sizes and counts."""
    rng = random.Random(seed)
    reports = sample_reports(SAMPLE.read_text(encoding="utf-8"))
    out_dir.mkdir(parents=True, exist_ok=True)
    target, file_target = int(megabytes * 2**20), int(file_mb * 2**20)
    total_bytes = total_reports = files = 0
    while total_bytes < target:
        parts, size = [], 0
        while size < min(file_target, target - total_bytes) or not parts:
            body = variant(rng.choice(reports), names, rng)
            part = f"第{len(parts) + 1}篇：{body}"
            parts.append(part)
            size += len(part.encode("utf-8"))
        files += 1
        (out_dir / f"reports_{files:04d}.txt").write_text("".join(parts), encoding="utf-8")
        total_bytes += size
        total_reports += len(parts)
    return {"dir": str(out_dir), "bytes": total_bytes, "files": files, "reports": total_reports}


def read_corpus(folder: Path) -> str:
    return "".join(path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt")))
