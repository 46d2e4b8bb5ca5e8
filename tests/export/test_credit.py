"""Credits print once: the template adds the label, a stored label is not doubled, and the
creator fills an empty credit."""

from __future__ import annotations

import pytest

from editordesk.export.credit import credit_line


@pytest.mark.parametrize(
    ("credit", "creator", "printed"),
    [
        ("Jane Photographer / Harbour Wire", "", "Jane Photographer / Harbour Wire"),
        ("Photo: Jane Photographer / Harbour Wire", "", "Jane Photographer / Harbour Wire"),
        ("Credit: J. Doyle", "", "J. Doyle"),
        ("photograph by: J. Doyle", "", "J. Doyle"),
        ("PICTURE : J. Doyle", "", "J. Doyle"),
        ("", "Nell Farrow", "Nell Farrow"),
        ("  ", " Nell Farrow ", "Nell Farrow"),
        ("Photo:", "Nell Farrow", "Nell Farrow"),
        ("Photography Club / Ellan", "", "Photography Club / Ellan"),  # no colon: a name
        ("", "", ""),
    ],
)
def test_the_credit_printed(credit: str, creator: str, printed: str) -> None:
    assert credit_line(credit, creator) == printed
