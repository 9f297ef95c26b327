"""Exports of a parsed document, one module per format."""
