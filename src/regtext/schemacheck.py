"""JSON Schema validation as regtext reads its files: one validator class for every schema.

JSON Schema counts 18.0 as an integer (a number whose fraction is zero); Python does not, and
code reading ``period_months: 18.0`` or a rulebook's ``months: 24.0`` then treats it as no number
of months at all — the period vanished from the decision without a word.  An integer here is a
YAML integer (and not ``true``, which Python counts as one).
"""

from __future__ import annotations

from typing import Any, cast

import jsonschema


def _is_integer(checker: object, instance: object) -> bool:
    return isinstance(instance, int) and not isinstance(instance, bool)


_CHECKER = jsonschema.Draft202012Validator.TYPE_CHECKER.redefine("integer", _is_integer)
Validator = jsonschema.validators.extend(  # type: ignore[no-untyped-call]
    jsonschema.Draft202012Validator, type_checker=_CHECKER)


def validator(schema: dict[str, Any]) -> jsonschema.protocols.Validator:
    """A Draft 2020-12 validator of ``schema`` whose integers are whole numbers written as such."""
    return cast("jsonschema.protocols.Validator", Validator(schema))
