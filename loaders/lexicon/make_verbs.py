"""Rebuild loaders/lexicon/verbs.csv from the word list the `jieba` package ships (dict.txt, MIT).

A name before a zone type whose last two characters are an everyday verb (享受开发区政策, 抓住园区机遇,
统计开发区数据) is the verb of a phrase on zones, not a zone's name. The verbs are data, read at run
time from the CSV; this script is how they were made:
    pip download --no-deps jieba==0.42.1 && tar xzf jieba-0.42.1.tar.gz jieba-0.42.1/jieba/dict.txt
    python loaders/lexicon/make_verbs.py jieba-0.42.1/jieba/dict.txt
Only two-character words tagged as verbs (v, vd) and seen at least MIN_FREQUENCY times in jieba's
corpus: rarer ones are as often parts of place names (such as 兴发).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

VERBS = Path(__file__).resolve().parent / "verbs.csv"
VERB_TAGS = ("v", "vd")
MIN_FREQUENCY = 50


def verbs_from_dictionary(path: Path) -> list[str]:
    words = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            word, frequency, tag = line.split()
            if len(word) == 2 and tag in VERB_TAGS and int(frequency) >= MIN_FREQUENCY:
                words.append(word)
    return sorted(set(words))


def main(dictionary: str) -> None:
    with VERBS.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["word"])
        writer.writerows([word] for word in verbs_from_dictionary(Path(dictionary)))


if __name__ == "__main__":
    main(sys.argv[1])
