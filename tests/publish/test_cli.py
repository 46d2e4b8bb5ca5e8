"""`editordesk sites` and `editordesk publish` against the real WordPress."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editordesk import cli
from editordesk.services import publishing as pub
from editordesk.store.db import Store
from editordesk.store.location import resolve
from tests.publish.conftest import api, make_story
from tests.wordpress import WordPress


def test_sites_add_list_remove_and_publish(
    tmp_path: Path,
    wp: WordPress,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    db = str(tmp_path / "desk.sqlite")
    with Store.open(resolve(db)) as store:
        story_id = make_story(store, "From the command line", pictures=1, seed=31)
    add = ["sites", "add", "Daily", "--url", wp.url, "--user", "admin", "--db", db]
    add += ["--category", "Local=Around the island"]
    monkeypatch.setenv(pub.PASSWORD_ENV, "wrong password here")
    assert cli.main(add) == cli.EXIT_FAILED
    err = capsys.readouterr().err
    assert "refused the user name 'admin'" in err and "(401)" in err and len(err.splitlines()) == 1
    monkeypatch.setenv(pub.PASSWORD_ENV, wp.password())
    assert cli.main(add) == cli.EXIT_OK
    assert "added the site Daily" in capsys.readouterr().err
    assert cli.main(["sites", "list", "--db", db]) == cli.EXIT_OK
    assert capsys.readouterr().out == f"Daily\t{wp.url}\tadmin\n"

    publish = ["publish", str(story_id), "--site", "Daily", "--status", "publish", "--db", db]
    assert cli.main([*publish, "--json"]) == cli.EXIT_OK
    out = json.loads(capsys.readouterr().out)
    assert out["status"] == "publish" and out["pictures_uploaded"] == 1
    post = api(wp, f"/posts/{out['post_id']}")
    assert post["link"] == out["url"]
    assert api(wp, f"/categories/{post['categories'][0]}")["name"] == "Around the island"
    assert cli.main(publish) == cli.EXIT_OK  # unchanged: the same post, nothing uploaded
    assert capsys.readouterr().out.startswith(f"{story_id}\tpublish\t{out['url']}\t0 pictures")
    assert cli.main(["publish", "99999", "--site", "Daily", "--db", db]) == cli.EXIT_FAILED
    assert "story 99999" in capsys.readouterr().err
    assert cli.main(["sites", "remove", "Daily", "--db", db]) == cli.EXIT_OK
    assert cli.main(["publish", str(story_id), "--site", "Daily", "--db", db]) == cli.EXIT_FAILED
    assert "no site called 'Daily'" in capsys.readouterr().err
