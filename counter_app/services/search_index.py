"""What the search index holds and how a typed query becomes an index query.

The index holds folded text (đ→d, no marks, lower case): the holder's and submitter's names,
each name also as ONE joined token (`doanthanhxuanngoc`), phone digits, the dossier code and
the procedure. A clerk types a name from its start, so a multi-word query is first one prefix
lookup of the joined token — a handful of index terms instead of an AND over long doclists
(1M dossiers: p95 0.4 ms instead of 7 ms). Out-of-order input falls back to the AND form, where
completed words are exact terms and only the word being typed is a prefix.
"""

from __future__ import annotations

import re

from counter_app.text import fold

_WORD = re.compile(r"[0-9a-z]+")


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def joined(name: str) -> str:
    return "".join(words(name))


def index_text(
    *, code: str, procedure_code: str, procedure_name: str, names: list[str], phones: list[str]
) -> str:
    parts: list[str] = []
    for name in names:
        if name:
            parts += [fold(name), joined(name)]
    parts += [re.sub(r"\D", "", p) for p in phones if p]
    parts += [fold(code), procedure_code, fold(procedure_name)]
    return " ".join(p for p in parts if p)


def fts_queries(query: str) -> list[str]:
    """FTS5 MATCH expressions to try in order (the first that finds anything wins)."""
    typed = words(query)[:8]
    if not typed:
        return []
    still_typing = not query.endswith(" ")
    last = len(typed) - 1
    conjunction = " AND ".join(
        f'"{w}"' + ("*" if i == last and still_typing else "") for i, w in enumerate(typed)
    )
    if len(typed) == 1:
        return [conjunction]
    return [f'"{"".join(typed)}"*', conjunction]


def pg_patterns(query: str) -> list[list[str]]:
    """The same plan for PostgreSQL: lists of word-prefix regexes, all of which must match."""
    typed = words(query)[:8]
    if not typed:
        return []
    each = [rf"(^| ){re.escape(w)}" for w in typed]
    if len(typed) == 1:
        return [each]
    return [[rf"(^| ){re.escape(''.join(typed))}"], each]
