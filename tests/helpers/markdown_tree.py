"""Read a Markdown report back as a tree: its sections, each item's plain text (markdown-it-py)."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.tree import SyntaxTreeNode


def parse(md: str) -> SyntaxTreeNode:
    """The report as a Markdown viewer sees it: CommonMark plus GFM tables."""
    return SyntaxTreeNode(MarkdownIt("commonmark").enable("table").parse(md))


def plain(node: SyntaxTreeNode) -> str:
    """The text a node renders, soft line breaks as newlines."""
    if node.type == "text":
        return node.content
    if node.type in ("softbreak", "hardbreak"):
        return "\n"
    return "".join(plain(c) for c in node.children)


def walk(node: SyntaxTreeNode) -> list[SyntaxTreeNode]:
    return [node, *(d for c in node.children for d in walk(c))]


def sections(tree: SyntaxTreeNode) -> dict[str, list[SyntaxTreeNode]]:
    """Top-level nodes grouped under the level-2 heading they follow."""
    out: dict[str, list[SyntaxTreeNode]] = {}
    current = ""
    for node in tree.children:
        if node.type == "heading" and node.tag == "h2":
            current = plain(node)
            out[current] = []
        else:
            out.setdefault(current, []).append(node)
    return out
