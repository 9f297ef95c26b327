"""Cross-references: detect them in each node's text (grammar), resolve them from the citing
node's place in the tree (resolve), across the corpus by title and short title (registry)."""
