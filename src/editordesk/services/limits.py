"""The longest text each column takes, checked before a write.

SQLite keeps any length; PostgreSQL refuses a value longer than its column with an error no
editor can act on. Services check here first, against the models' own lengths, so both
engines answer alike, in words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from editordesk.errors import ValidationError


def check_lengths(model: Any, values: Mapping[str, object], what: str) -> None:
    """Raise ValidationError if a text in `values` is longer than its column of `model`."""
    columns = model.__table__.c
    for name, value in values.items():
        limit = getattr(columns[name].type, "length", None) if name in columns else None
        if limit and isinstance(value, str) and len(value) > limit:
            label = name.replace("_", " ")
            raise ValidationError(
                f"{what}'s {label} is {len(value):,} characters long; it may have up to "
                f"{limit:,}. Nothing was saved"
            )


def clip_to_column(model: Any, name: str, value: str) -> str:
    """`value`, cut to the length of its column of `model` if it has one."""
    limit = getattr(model.__table__.c[name].type, "length", None)
    return value[:limit].rstrip() if limit and len(value) > limit else value
