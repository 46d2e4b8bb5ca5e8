"""Every test gets its own settings file, data folders and store; none touch the user's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from editordesk.store.db import Store
from editordesk.store.location import resolve


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITORDESK_CONFIG", str(tmp_path / "config" / "settings.yaml"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("EDITORDESK_AUTHOR", "Test Editor")
    monkeypatch.delenv("EDITORDESK_DB", raising=False)
    monkeypatch.delenv("EDITORDESK_MEDIA", raising=False)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    return tmp_path / "store" / "news.sqlite"


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    with Store.open(resolve(str(store_path))) as opened:
        yield opened
