"""Text longer than its column is refused in words on both engines (services/limits.py)."""

from __future__ import annotations

import pytest

from editordesk.errors import ValidationError
from editordesk.services.limits import check_lengths, clip_to_column
from editordesk.store.models import Story, Tweet


def test_text_within_its_column_passes() -> None:
    check_lengths(Story, {"byline": "b" * 300, "body": "x" * 100_000, "other": "y" * 999}, "x")


def test_text_past_its_column_is_refused_with_both_lengths() -> None:
    with pytest.raises(ValidationError) as refused:
        check_lengths(Story, {"byline": "b" * 1301}, "the story")
    assert str(refused.value) == (
        "the story's byline is 1,301 characters long; it may have up to 300. Nothing was saved"
    )


def test_a_value_is_clipped_to_its_column() -> None:
    assert clip_to_column(Tweet, "language", "en") == "en"
    assert clip_to_column(Tweet, "language", "x" * 19 + " yz") == "x" * 19
    assert clip_to_column(Tweet, "text", "t" * 10_000) == "t" * 10_000
