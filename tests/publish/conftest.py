"""A real WordPress for the publishing tests: started once a session, stopped at its end."""

from __future__ import annotations

import base64
import json
import os
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from editordesk.model import ImageFields, StoryDraft
from editordesk.services.images import add_image
from editordesk.services.stories import create_story
from editordesk.store.db import Store
from tests.helpers import image_bytes
from tests.wordpress import WordPress, missing

REQUIRE_ENV = "EDITORDESK_REQUIRE_WP"  # CI sets it: a WordPress that cannot start fails


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests against the WordPress belong to the slow tier (a site takes seconds to start);
    `-m "not slow"` leaves them out, CI runs them."""
    for item in items:
        if "wp" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture(scope="session")
def wp() -> Iterator[WordPress]:
    reason = missing()
    if reason:
        if os.environ.get(REQUIRE_ENV) == "1":
            pytest.fail(f"{REQUIRE_ENV}=1 but no WordPress can be started: {reason}")
        pytest.skip(f"no WordPress for the publishing tests: {reason}")
    site = WordPress.start()
    try:
        yield site
    finally:
        site.stop()


def api(wp: WordPress, path: str, login: str = "admin", data: Any = None) -> Any:
    """Ask the site directly, as the tests' own eyes (context=edit gives raw fields)."""
    token = base64.b64encode(f"{login}:{wp.password(login)}".encode()).decode()
    request = urllib.request.Request(
        f"{wp.url}/wp-json/wp/v2{path}",
        data=json.dumps(data).encode() if data is not None else None,
        method="POST" if data is not None else "GET",
        headers={"Authorization": f"Basic {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as reply:
        return json.loads(reply.read())


def make_story(
    store: Store,
    headline: str = "Harbour reopens",
    pictures: int = 1,
    seed: int = 0,
    size: tuple[int, int] = (64, 48),
    **fields: Any,
) -> int:
    """A story with `pictures` figures (distinct bytes per seed and index)."""
    with store.write() as session:
        ids = []
        for i in range(pictures):
            colour = ((seed * 37 + i * 11) % 256, (seed * 7 + i) % 256, (i * 53) % 256)
            image = add_image(
                session,
                store.media,
                image_bytes(size=size, color=colour),
                f"harbour-{seed}-{i}.jpg",
                ImageFields(
                    caption=f"Boats at dawn {i}",
                    credit="Ana Photo",
                    alt_text=f"Boats in the harbour {i}",
                ),
            )
            ids.append(image.id)
        figures = "\n\n".join(f'{{{{< figure image="{i}" >}}}}' for i in ids)
        body = fields.pop("body", "The harbour opened again on Monday.")
        draft = StoryDraft(
            headline=headline,
            standfirst=fields.pop("standfirst", "Ships are back."),
            byline=fields.pop("byline", "By Maria Quay"),
            section=fields.pop("section", "Local"),
            tags=fields.pop("tags", ("harbour", "shipping")),
            body=f"{body}\n\n{figures}" if figures else body,
            **fields,
        )
        return create_story(session, draft, author="Test Editor").id
