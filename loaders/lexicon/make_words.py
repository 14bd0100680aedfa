"""Rebuild loaders/lexicon/verbs.csv and plain_words.csv from the word list the `jieba` package ships
(dict.txt, MIT).

A name before a zone type whose last two characters are an everyday verb (享受开发区政策, 抓住园区机遇,
统计开发区数据) is the verb of a phrase on zones, not a zone's name; so is a name that is, as a whole, a
word of a class that never names a place (健全开发区, 乃至工业园区, 最佳开发区, 我们工业园: adjectives,
conjunctions, adverbs, pronouns, status words, measure words, verbs). The words are data, read at run time
from the CSVs; this script is how they were made:
    pip download --no-deps jieba==0.42.1 && tar xzf jieba-0.42.1.tar.gz jieba-0.42.1/jieba/dict.txt
    python loaders/lexicon/make_words.py jieba-0.42.1/jieba/dict.txt
verbs.csv: two-character words tagged as verbs (v, vd) seen at least MIN_FREQUENCY times in jieba's corpus
(rarer ones are as often parts of place names, such as 兴发). plain_words.csv: two-character verbs (v, vn)
and two- to four-character words of the PLAIN_TAGS classes, at any frequency: only a name that is the
whole word is read as it. Nouns, place and person names, directions (北部, 东部: 东部工业园区) and
numerals (五股: 五股工业区) are left out, since zones are named after them.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
VERBS = HERE / "verbs.csv"
PLAIN_WORDS = HERE / "plain_words.csv"
VERB_TAGS = ("v", "vd")
MIN_FREQUENCY = 50
PLAIN_VERB_TAGS = ("v", "vn")  # two characters only
PLAIN_TAGS = ("a", "ad", "an", "c", "d", "p", "r", "u", "z", "q", "y", "e", "o")  # two to four characters
PLACEHOLDER = "某"  # pronouns opening with it stand for a masked name (某某开发区, 某县工业园): names, not words


def dictionary_words(path: Path) -> list[tuple[str, int, str]]:
    """(word, frequency, tag) of every line of jieba's dict.txt."""
    with path.open(encoding="utf-8") as handle:
        return [(word, int(frequency), tag) for word, frequency, tag in (line.split() for line in handle)]


def verbs_from_dictionary(words: list[tuple[str, int, str]]) -> list[str]:
    return sorted({word for word, frequency, tag in words
                   if len(word) == 2 and tag in VERB_TAGS and frequency >= MIN_FREQUENCY})


def plain_words_from_dictionary(words: list[tuple[str, int, str]]) -> list[str]:
    return sorted({word for word, _, tag in words
                   if ((len(word) == 2 and tag in PLAIN_VERB_TAGS) or (2 <= len(word) <= 4 and tag in PLAIN_TAGS))
                   and not word.startswith(PLACEHOLDER)})


def _write(path: Path, words: list[str]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["word"])
        writer.writerows([word] for word in words)


def main(dictionary: str) -> None:
    words = dictionary_words(Path(dictionary))
    _write(VERBS, verbs_from_dictionary(words))
    _write(PLAIN_WORDS, plain_words_from_dictionary(words))


if __name__ == "__main__":
    main(sys.argv[1])
