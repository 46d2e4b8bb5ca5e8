"""Small builders the tests share: real image bytes, story files, store snapshots."""

from __future__ import annotations

import io
import warnings
from pathlib import Path
from typing import Any

from PIL import Image
from sqlalchemy import MetaData, select
from sqlalchemy.exc import SAWarning

from editordesk.store.db import Store


def image_bytes(
    fmt: str = "JPEG", size: tuple[int, int] = (64, 48), color: tuple[int, int, int] = (200, 30, 30)
) -> bytes:
    """A real image file's bytes; a different colour gives different bytes."""
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, fmt)
    return buf.getvalue()


def write_image(path: Path, **kwargs: Any) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    fmt = {".png": "PNG", ".webp": "WEBP", ".gif": "GIF"}.get(path.suffix.lower(), "JPEG")
    path.write_bytes(image_bytes(fmt, **kwargs))
    return path


def snapshot(store: Store) -> dict[str, Any]:
    """Every row of every table and every media file: two equal snapshots mean "unchanged"."""
    meta = MetaData()
    state: dict[str, Any] = {}
    with store.engine.connect() as conn, warnings.catch_warnings():
        # SQLite cannot reflect an expression index (the list's headline sort); rows are
        # what is compared here, not indexes.
        warnings.filterwarnings("ignore", "Skipped unsupported reflection", SAWarning)
        meta.reflect(conn)
        for name, table in sorted(meta.tables.items()):
            if name.startswith("stories_fts"):
                continue
            state[name] = sorted(repr(tuple(row)) for row in conn.execute(select(table)))
    media = store.location.media_dir
    state["media"] = (
        sorted(str(p.relative_to(media)) for p in media.rglob("*") if p.is_file())
        if media.exists()
        else []
    )
    return state


HARBOUR_MD = """---
title: Harbour wall gives way after week of storms
description: Engineers say the 1890s sea wall could not take a fourth surge in seven days.
author: Mara Quinn
dateline: PORT ELLAN
date: 2026-11-20T07:45:00Z
slug: harbour-wall-gives-way
section: Local
tags: [weather, harbour, infrastructure]
status: editing
related:
  - title: Storm warnings issued for the whole coast
    url: https://example.org/news/storm-warnings
    date: 2026-11-14
    section: Weather
    excerpt: Forecasters expect three more surges before the weekend.
  - title: "Letters: who pays for the sea wall?"
    url: https://example.org/opinion/letters-sea-wall?page=2
---

The harbour wall at Port Ellan *collapsed* on Thursday night, leaving a **twelve-metre** gap
that the tide now runs through twice a day.

{{< figure src="harbour.jpg" alt="A gap in the harbour wall" caption="The breach at low tide, \\"Friday\\" morning." attr="Photo: J. Doyle / Ellan Courier" >}}

## What the engineers found

Residents shared pictures within minutes. See [the council notice](https://example.org/notice).

{{< tweet user="EllanCoastguard" id="1727344556789012345" >}}Crews are at the north pier. Please keep away from the harbour.{{< /tweet >}}

- Fishing boats moved to Kilmore
- The ferry runs from the south slip
"""


def write_harbour(folder: Path) -> Path:
    """The realistic story used across tests: a figure with caption and credit, a tweet,
    two related links."""
    folder.mkdir(parents=True, exist_ok=True)
    write_image(folder / "harbour.jpg", size=(120, 80), color=(40, 90, 160))
    path = folder / "harbour.md"
    path.write_text(HARBOUR_MD, encoding="utf-8")
    return path
