"""Inline Markdown pictures on import: a file beside the story joins the library."""

from __future__ import annotations

from pathlib import Path

from editordesk.interchange.markdown import FigureSource, parse_markdown, store_body
from tests.helpers import image_bytes

STORY = """\
---
title: Pier
---

The pier ![the *old* pier](pier.jpg "at dawn") at dawn, and ![a web map](https://maps.example/a.png).

`![in code](pier.jpg)` stays code, and so does this:

```
![fenced](pier.jpg)
```

![gone](missing.jpg)
"""


def test_a_local_picture_becomes_a_figure_and_the_rest_stay_as_written(tmp_path: Path) -> None:
    (tmp_path / "pier.jpg").write_bytes(image_bytes("JPEG", size=(40, 30)))
    story = parse_markdown(STORY, tmp_path)
    figures = [p for p in story.parts if isinstance(p, FigureSource)]
    assert len(figures) == 1
    assert figures[0].fields.alt_text == "the old pier"  # words, never Markdown
    assert figures[0].fields.caption == ""
    assert figures[0].line == 5
    body = store_body(story, {figures[0].path: 7})
    assert '{{< figure image="7" >}}' in body
    assert "![a web map](https://maps.example/a.png)" in body
    assert "`![in code](pier.jpg)`" in body
    assert "![fenced](pier.jpg)" in body
    assert "![gone](missing.jpg)" in body
