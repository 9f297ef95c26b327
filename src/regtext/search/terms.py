"""Reading a search query: terms separated by whitespace, ``"…"`` a phrase whose spaces are kept.

Only the ASCII double quote delimits a phrase: “ ” and 「 」 are characters of legal text
(“谁主管谁负责”) and are searched as written.  A query that cannot mean one thing is refused with
its column, never guessed at: an unbalanced quote, an empty phrase, nothing to search.
"""

from __future__ import annotations

from ..errors import UsageError

#: Longer queries are refused: a provision is searched for by a phrase, not by a paragraph, and a
#: bound keeps every query's work small.
MAX_QUERY_CHARS = 200
MAX_TERMS = 16

_HINT = 'separate terms by spaces and write a phrase in double quotes: 安全生产 "重大 事故"'


def parse_query(query: str) -> tuple[str, ...]:
    """The terms of a query, in order, each once."""
    if len(query) > MAX_QUERY_CHARS:
        raise UsageError(f"the query has {len(query):,} characters; at most {MAX_QUERY_CHARS} are searched",
                         hint="search for the shortest phrase that tells the provision apart")
    terms: list[str] = []
    word: list[str] = []
    i = 0
    while i < len(query):
        char = query[i]
        if char == '"':
            close = query.find('"', i + 1)
            if close < 0:
                raise UsageError(f'the query has an unbalanced " at column {i + 1}: {query}', hint=_HINT)
            phrase = query[i + 1:close]
            if not phrase.strip():
                raise UsageError(f'the query has an empty phrase "" at column {i + 1}', hint=_HINT)
            _end_word(word, terms)
            terms.append(phrase)
            i = close + 1
            continue
        if char.isspace():
            _end_word(word, terms)
        else:
            word.append(char)
        i += 1
    _end_word(word, terms)
    unique = tuple(dict.fromkeys(terms))
    if not unique:
        raise UsageError("the query is empty" if not query else "the query has only spaces", hint=_HINT)
    if len(unique) > MAX_TERMS:
        raise UsageError(f"the query has {len(unique)} terms; at most {MAX_TERMS} are searched together", hint=_HINT)
    return unique


def _end_word(word: list[str], terms: list[str]) -> None:
    if word:
        terms.append("".join(word))
        word.clear()
