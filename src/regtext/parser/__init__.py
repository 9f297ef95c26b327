"""The parser: a regulation's text as published → a Document (the tree of ``regtext.model``).

The stages, in the order a text goes through them:

1. ``decode``    bytes → text (UTF-8, GB18030, UTF-16/32 with a BOM), within a size limit per kind
                 of file; refuses binary files.  Also read by the YAML and template readers.
2. ``normalize`` text → normalised text: deletions only (CR, BOM, invisible characters, page
                 numbers, running headers, page breaks), with the offset map back to the source.
3. ``segment``   normalised text → blocks (a line, or the lines of a wrapped paragraph), typed by
                 the label they start with (第一章, 第一条, （一）, 1. …).  ``patterns`` holds how a
                 line announces a unit, by its first character, for the segmenter and the
                 normaliser (a page break is joined only before a line that starts no unit).
4. ``build``     blocks → the tree: 编/章/节 ▸ 条 ▸ 款 ▸ 项 ▸ 目, with eIds.
5. ``meta``      the title, history (公布, 修正, 修订) and effective date, read from the text.
6. ``suspect``   what looks wrong but is kept as written (a stray Latin word, a numbering gap).

``pipeline`` runs them in that order and then links the references (``regtext.refs``); it also
reads back the Akoma Ntoso XML regtext wrote (``regtext.ingest``).  Each stage records what it
changed or saw as a ``regtext.diagnostics.Diagnostic``.

The tree model depends on no stage: ``model`` and ``textmap`` (the normalised text and its
offset map) live beside this package.  This package is not called ``parse``: a submodule of
that name would shadow the ``regtext.parse`` function.  It imports nothing itself, so that
loading one stage does not load the others.
"""
