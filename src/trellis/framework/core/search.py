"""Plain text search over a framework, for the browse pages.

Case- and accent-insensitive ("equidad" finds "Equidad", "proposito" finds "propósito"); every
word of the query must occur somewhere in the entry's text. Results keep framework order, with
title matches first. Deliberately simple: the whole framework is a few hundred entries.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

from trellis.framework.core.schema import Framework


def fold(text: str) -> str:
    """Lowercase and strip accents, so comparisons ignore case and diacritics."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@dataclass(frozen=True)
class SearchHit:
    id: str
    kind: str  # condition | element | role | capacity | item
    title: str
    field: str  # where the first query word was found: title, description, look_fors, …
    snippet: str


@dataclass(frozen=True)
class _Entry:
    id: str
    kind: str
    title: str
    fields: tuple[tuple[str, str], ...]  # (field name, text), the title first


def _entries(framework: Framework) -> Iterator[_Entry]:
    for condition in framework.conditions:
        yield _Entry(
            condition.id,
            "condition",
            condition.title,
            (("title", condition.title), ("summary", condition.summary)),
        )
        for element in condition.elements:
            fields = [("title", element.title)]
            fields += [("summary", element.summary)] if element.summary else []
            fields += [(f"description.{lv}", text) for lv, text in element.levels.items()]
            fields += [(f"look_fors.{lv}", text) for lv, text in element.look_fors.items()]
            fields += [("evidence", text) for text in element.evidence]
            yield _Entry(element.id, "element", element.title, tuple(fields))
    for block in framework.capacities:
        for role in block.roles:
            yield _Entry(role.id, "role", role.title, (("title", role.title),))
            for capacity in role.capacities:
                fields = [("title", capacity.statement)]
                fields += [(f"look_fors.{lv}", text) for lv, text in capacity.look_fors.items()]
                fields += [("evidence", text) for text in capacity.evidence]
                yield _Entry(capacity.id, "capacity", capacity.statement, tuple(fields))
    for item in framework.items:
        yield _Entry(item.id, "item", item.text.en, (("title", item.text.en), ("text.es", item.text.es)))


def _snippet(text: str, word: str, width: int = 90) -> str:
    at = fold(text).find(word)
    start = max(0, at - width // 3)
    piece = text[start : start + width]
    return ("…" if start > 0 else "") + piece + ("…" if start + width < len(text) else "")


def search(framework: Framework, query: str, limit: int = 50) -> list[SearchHit]:
    """Entries whose text contains every word of `query`, title matches first."""
    words = fold(query).split()
    if not words:
        return []
    in_title: list[SearchHit] = []
    elsewhere: list[SearchHit] = []
    for entry in _entries(framework):
        folded = [(name, text, fold(text)) for name, text in entry.fields]
        whole = " ".join(f for _, _, f in folded)
        if not all(word in whole for word in words):
            continue
        name, text, _ = next(
            (triple for triple in folded if words[0] in triple[2]),
            next(triple for triple in folded if any(w in triple[2] for w in words)),
        )
        hit = SearchHit(entry.id, entry.kind, entry.title, name, _snippet(text, words[0]))
        (in_title if name == "title" else elsewhere).append(hit)
    return (in_title + elsewhere)[:limit]
