"""The index of the bundled corpus, built in memory on first use in a process.

Why in memory and not a cache file: the bundled corpus is 21 texts (about 220,000 characters);
parsing and indexing them takes under a second (0.8 s CPU measured), while a cache file would need a place to
live, a key that notices edited texts (REGTEXT_CORPUS points anywhere) and a write from a command
that otherwise writes nothing.  A store (``regtext corpus import``) is the index on disk.
"""

from __future__ import annotations

import sqlite3
from functools import lru_cache

from . import index

#: The bundled metadata's ``kind`` as the levels of LawRefBook's database name it, so that
#: ``--level 法律`` means the same over the bundled corpus and a store.
LEVEL_OF_KIND = {
    "law": "法律",
    "administrative-regulation": "行政法规",
    "judicial-interpretation": "司法解释",
    "departmental-rule": "部门规章",
    "local-regulation": "地方性法规",
    "normative-document": "规范性文件",
}


@lru_cache(maxsize=1)
def bundled_index() -> sqlite3.Connection:
    from ..corpus import default_corpus

    corpus = default_corpus()
    conn = sqlite3.connect(":memory:", check_same_thread=False)
    index.create(conn)
    for entry in corpus:
        doc = corpus.load(entry.id)
        effective = entry.amendment_effective.date if entry.amendment_effective else doc.meta.effective
        index.index_document(conn, entry.id, doc, path=str(entry.text_path),
                             level=LEVEL_OF_KIND.get(entry.kind), valid_from=effective)
    index.flush(conn)
    conn.commit()
    return conn
