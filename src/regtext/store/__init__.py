"""The corpus store: imported texts, their parsed trees, metadata and references in one SQLite file."""
