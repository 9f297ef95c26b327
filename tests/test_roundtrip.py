"""Lossless: the tree gives back the normalised text, and the normalised text is the source minus
recorded deletions, for every bundled document and for any string at all."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import regtext
from regtext.errors import InputError
from regtext.parser.normalize import normalize
from tests.conftest import CORPUS_IDS


@pytest.mark.parametrize("doc_id", CORPUS_IDS)
def it_rebuilds_the_normalised_text_from_the_tree(doc_id: str) -> None:
    doc = regtext.load(doc_id)
    assert doc.to_text() == doc.text


@pytest.mark.parametrize("doc_id", CORPUS_IDS)
def it_maps_every_normalised_character_to_the_same_source_character(doc_id: str) -> None:
    doc = regtext.load(doc_id)
    norm, original, offsets = doc.text, doc.normalized.original, doc.normalized.offsets
    assert all(original[offsets.to_original(i)] == ch for i, ch in enumerate(norm))


# Characters that matter to the parser, so random strings hit its branches.
ALPHABET = st.sampled_from(list("第一二三十百条款项章节编之（）() \u3000\n\r\ufeff\u200b。；：，1.．—附则件表注①本法规定的") + ["第一条 ", "（一）", "第一章 ", "— 2 —", "\n\n"])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join))
def it_never_fails_on_any_string(text: str) -> None:
    try:
        doc = regtext.parse(text)
    except InputError:
        return
    assert doc.to_text() == doc.text


@settings(max_examples=300, deadline=None)
@given(st.text())
def it_only_ever_deletes_when_normalising(text: str) -> None:
    result = normalize(text)
    assert all(text[result.offsets.to_original(i)] == ch for i, ch in enumerate(result.text))
