"""Picture details edited like stories, on both engines: a save based on an older version is
refused with theirs, nothing is overwritten, and every saved set is kept with who saved it."""

from __future__ import annotations

from dataclasses import replace

import pytest

from editordesk.services.images import (
    ImageConflictError,
    ImageFields,
    add_image,
    get_image,
    image_history,
    update_image,
)
from editordesk.store.db import Store
from tests.helpers import image_bytes


def test_the_second_save_from_one_version_is_refused_and_history_keeps_every_set(
    store: Store,
) -> None:
    with store.write() as session:
        image = add_image(
            session, store.media, image_bytes(), "pier.jpg", ImageFields(caption="Pier")
        )
    assert image.version == 1
    with store.write() as session:  # Ann saves from the card she opened at version 1
        ann = update_image(
            session,
            image.id,
            replace(image.fields, caption="The pier at dawn", credit="Ana Ruiz / Harbour Wire"),
            base_version=1,
            author="Ann",
        )
    assert ann.version == 2
    with (  # Ben's card was opened at version 1 too
        pytest.raises(ImageConflictError, match="saved by Ann") as caught,
        store.write() as session,
    ):
        update_image(
            session,
            image.id,
            replace(image.fields, alt_text="A pier"),
            base_version=1,
            author="Ben",
        )
    assert caught.value.theirs.fields.caption == "The pier at dawn"
    with store.read() as session:
        assert get_image(session, image.id).fields.caption == "The pier at dawn"
    with store.write() as session:  # Ben keeps his, knowingly: based on theirs now
        ben = update_image(
            session,
            image.id,
            replace(ann.fields, alt_text="A pier"),
            base_version=2,
            author="Ben",
        )
    assert ben.version == 3
    with store.write() as session:  # nothing changed: no new version
        assert update_image(session, image.id, ben.fields, base_version=3).version == 3
    with store.read() as session:
        history = image_history(session, image.id)
    assert [(h.number, h.author) for h in history] == [(3, "Ben"), (2, "Ann"), (1, "")]
    assert history[2].fields.caption == "Pier" and history[1].fields.credit.startswith("Ana")
    assert history[0].fields.alt_text == "A pier"
