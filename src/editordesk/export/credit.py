"""The credit a writer prints under a picture: the template adds the label, so a credit
stored with a leading label ("Photo: …", "Credit: …") is not printed twice, and a picture
with a creator but no credit is credited to its creator."""

from __future__ import annotations

import re

# A label an editor may have typed before the name, as the old placeholder suggested.
_LABEL = re.compile(
    r"^\s*(?:photo(?:graph)?|picture|image|credit|foto|pic)s?\s*(?:by)?\s*[:：]\s*",
    re.IGNORECASE,
)


def credit_line(credit: str, creator: str = "") -> str:
    """The credit to print, without a leading label; the creator when there is no credit."""
    text = _LABEL.sub("", credit.strip(), count=1).strip()
    return text or creator.strip()
