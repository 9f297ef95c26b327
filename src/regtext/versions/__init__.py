"""Versions of a law: works and the version in force on a day, alignment of two versions, citations
that follow the law."""
