"""Word lists as regular expressions that stay fast on long reports.

Python's re tries the words of a plain alternation one by one at every character; a prefix tree tries one branch
per character, and a look-ahead at the words' first characters lets a search pass a character no word opens with.
"""

from __future__ import annotations

import re


def trie_pattern(words) -> str:
    """`words` as a prefix tree, the longest word at a place first.

    >>> trie_pattern(["开工", "开工建设", "开闭所"])
    '开(?:工(?:建设)?|闭所)'
    """
    return _branch(_tree(words))


def tree_branches(words) -> list[str]:
    """The tree's top branches, one per first character, to stand beside other alternatives without a group of
    their own (so that every alternative opens on a character a search can skip to).

    >>> tree_branches(["开工", "开闭所", "建成"])
    ['建成', '开(?:工|闭所)']
    """
    return _children(_tree(words))


def first_characters(words) -> str:
    """The words' first characters, escaped for a character class: `(?=[…])` before an alternation of them.

    >>> first_characters(["开工", "建成", "开闭所", ""])
    '建开'
    """
    return "".join(sorted({re.escape(word[0]) for word in words if word}))


def _tree(words) -> dict:
    tree: dict = {}
    for word in set(words):
        if word:
            node = tree
            for char in word:
                node = node.setdefault(char, {})
            node[""] = {}
    return tree


def _branch(node: dict) -> str:
    ends = "" in node
    children = _children(node)
    if not children:
        return ""
    body = children[0] if len(children) == 1 else "(?:" + "|".join(children) + ")"
    if ends:
        return f"(?:{body})?" if len(children) > 1 or len(children[0]) > 1 else f"{body}?"
    return body


def _children(node: dict) -> list[str]:
    """The branches of a node of the tree, one per character that goes on from it, in order."""
    children = []
    for char in sorted(key for key in node if key):
        child, chain = node[char], re.escape(char)
        while len(child) == 1 and "" not in child:  # a run with no branch and no word end
            (char,) = child
            chain += re.escape(char)
            child = child[char]
        rest = _branch(child) if any(key for key in child) else ""
        children.append(chain + rest)
    return children
