"""Cross-references: detect them in each node's text (the reference grammar, cite/grammar.py),
resolve them from the citing node's place in the tree (resolve), across the corpus by title and
short title (cite/registry.py)."""
