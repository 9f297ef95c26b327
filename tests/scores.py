"""Figures measured by the tests and printed at the end of the run (conftest's terminal summary).
One module, imported by its full name everywhere, so every test sees the same dictionary."""

from __future__ import annotations

#: document id -> (pairs in the truth list, pairs found, pairs in both)
SCORES: dict[str, tuple[int, int, int]] = {}


def score_table() -> list[str]:
    if not SCORES:
        return []
    rows = ["reference detection against the reviewed truth lists ((source, target) pairs):",
            f"{'document':40} {'truth':>6} {'found':>6} {'recall':>7} {'precision':>9}"]
    total = [0, 0, 0]
    for doc_id, (expected, found, hits) in SCORES.items():
        rows.append(f"{doc_id:40} {expected:6} {found:6} {hits / expected:7.1%} {hits / found:9.1%}")
        total = [total[0] + expected, total[1] + found, total[2] + hits]
    rows.append(f"{'all':40} {total[0]:6} {total[1]:6} {total[2] / total[0]:7.1%} {total[2] / total[1]:9.1%}")
    return rows
