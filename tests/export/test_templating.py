"""A desk's own templates: kept inside their folder, bounded in what they build, stopped in
their worker when they run over, and failing with a sentence that names the line."""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

import pytest

from editordesk.document.nodes import Article
from editordesk.errors import ValidationError
from editordesk.export import desk_worker, templating
from editordesk.export.html import HtmlOptions, render_html, render_tweet
from editordesk.media.tweets import TweetRef
from editordesk.services.tweets import put_tweet
from editordesk.store.db import Store


def _desk(tmp_path: Path, text: str, name: str = "article.html") -> Path:
    desk = tmp_path / "desk-templates"
    path = desk / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return desk


def _touch(path: Path) -> None:
    """A save a second later: the folder's state changes even on a coarse clock."""
    info = path.stat()
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 10**9))


def _page(article: Article, store: Store, desk: Path) -> str:
    return render_html(article, store.media, HtmlOptions(template_dir=desk)).text


def test_a_template_that_loops_or_floods_is_stopped_in_its_worker_and_no_tracer_is_used(
    golden_article: Article, store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(templating, "DESK_TEMPLATE_SECONDS", 0.3)
    # In a partial, reached only through the body writer: the deadline covers the whole page.
    desk = _desk(
        tmp_path,
        "{% for i in range(99999) %}{% for j in range(99999) %}{% endfor %}{% endfor %}",
        "partials/figure.html",
    )
    figure = desk / "partials" / "figure.html"

    def outer(frame: object, event: str, arg: object) -> None:  # a debugger's, say
        return None

    sys.settrace(outer)
    try:
        with pytest.raises(ValidationError, match=r"ran for more than 0\.3 seconds"):
            _page(golden_article, store, desk)
        assert sys.gettrace() is outer  # never replaced, not even for a moment we could see
    finally:
        sys.settrace(None)
    # Not run again until saved: with all the time in the world it still stops at once (a
    # second run would hang until pytest's timeout).
    monkeypatch.setattr(templating, "DESK_TEMPLATE_SECONDS", 10_000.0)
    with pytest.raises(ValidationError, match="run again once one of their files is saved"):
        _page(golden_article, store, desk)

    figure.write_text("{% for i in range(99999) %}{{ 'x' * 9999999 }}{% endfor %}")
    _touch(figure)
    with pytest.raises(ValidationError, match="wrote more than 50,000,000 characters"):
        _page(golden_article, store, desk)

    # A slow-but-finite template still finishes, and a tweet preview says what is wrong.
    figure.write_text("{% for i in range(2000) %}{% endfor %}<aside>{{ figure.caption }}</aside>")
    _touch(figure)
    assert _page(golden_article, store, desk).count("<aside>") == 2
    (desk / "partials" / "tweet.html").write_text("{{ tweet.nothing.here }}")
    with store.write() as session:
        tweet = put_tweet(session, TweetRef("88", "desk"), display_name="Desk", text="Hi")
    with pytest.raises(ValidationError, match="does not provide"):
        render_tweet(tweet, desk)


def test_partials_share_one_page_budget(
    golden_article: Article, store: Store, tmp_path: Path
) -> None:
    """Two figures writing 30 million characters each: neither alone is over, the page is."""
    desk = _desk(tmp_path, "{{ 'x' * 6000000 }}" * 5, "partials/figure.html")
    with pytest.raises(ValidationError, match="wrote more than 50,000,000 characters"):
        _page(golden_article, store, desk)


def test_one_worker_serves_a_batch(golden_article: Article, store: Store, tmp_path: Path) -> None:
    desk = _desk(tmp_path, "<p>{{ story.headline }}</p>")
    pages = {_page(golden_article, store, desk) for _ in range(5)}
    assert pages == {"<p>Ferry timetable cut to two sailings a day from January</p>"}
    pids = {w.process.pid for w in desk_worker._idle}
    for _ in range(5):
        _page(golden_article, store, desk)
    assert {w.process.pid for w in desk_worker._idle} == pids  # the same process, reused


# ------------------------------------------------------------------ the folder's edges


def test_a_link_leading_out_of_the_folder_is_refused(
    golden_article: Article, store: Store, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("DATABASE_PASSWORD=hunter2")
    desk = _desk(tmp_path, "{% include 'notes.html' %}")
    (desk / "notes.html").symlink_to(secret)
    with pytest.raises(ValidationError, match="leads outside the folder") as caught:
        _page(golden_article, store, desk)
    assert "hunter2" not in str(caught.value)
    assert "notes.html" in str(caught.value)

    # The page itself a link to the process's environment, and a linked folder of partials.
    (desk / "notes.html").unlink()
    (desk / "article.html").unlink()
    (desk / "article.html").symlink_to("/proc/self/environ")
    with pytest.raises(ValidationError, match="leads outside the folder"):
        _page(golden_article, store, desk)
    (desk / "article.html").unlink()
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "figure.html").write_text("{{ figure.caption }}")
    (desk / "partials").symlink_to(outside)
    with pytest.raises(ValidationError, match=r"'partials/figure\.html'.*leads outside"):
        _page(golden_article, store, desk)

    # A link that stays inside the folder is fine.
    (desk / "partials").unlink()
    (desk / "real.html").write_text("<b>{{ story.slug }}</b>")
    (desk / "article.html").symlink_to(desk / "real.html")
    assert _page(golden_article, store, desk) == "<b>ferry-timetable-cut</b>"


def test_a_pipe_or_an_oversized_file_is_not_read(
    golden_article: Article, store: Store, tmp_path: Path
) -> None:
    desk = _desk(tmp_path, "{% include 'pipe.html' %}")
    os.mkfifo(desk / "pipe.html")
    with pytest.raises(ValidationError, match="not a regular file"):
        _page(golden_article, store, desk)
    (desk / "pipe.html").unlink()
    (desk / "pipe.html").write_text("x" * (templating.DESK_TEMPLATE_MAX_BYTES + 1))
    with pytest.raises(ValidationError, match="a template may be at most 1,000,000"):
        _page(golden_article, store, desk)


# ------------------------------------------------------------------ what a template builds


@pytest.mark.parametrize(
    "code",
    [
        # Doubling in a loop, with each way of joining strings Jinja has.
        "{% set ns = namespace(s='x' * 1000000) %}{% for i in range(20) %}"
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s|length }}",
        "{% set ns = namespace(s='x' * 1000000) %}{% for i in range(20) %}"
        "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}",
        "{% set ns = namespace(s=['x'] * 1000000) %}{% for i in range(20) %}"
        "{% set ns.s = ns.s + ns.s %}{% endfor %}{{ ns.s|length }}",
        # One call multiplying a bounded string: each asks for more than the worker's memory
        # ceiling, so only a check made before the call refuses it as "unsafe".
        "{{ ('x' * 9000000).replace('x', 'y' * 1000)|length }}",
        "{{ ('x' * 9000000)|replace('x', 'y' * 1000)|length }}",
        "{{ ('y' * 9000000).join(['a'] * 1000)|length }}",
        "{{ ['y' * 9000000, 'z' * 9000000]|join('-')|length }}",
        "{{ range(99999)|join('x' * 1000)|length }}",
        "{{ ('{0}' * 100000).format('x' * 100000)|length }}",
        "{{ ('{0}' * 100000).format_map({'0': 'x' * 100000})|length }}",
        "{{ ('%s' * 100000) % ('x' * 100000,) }}",
        "{{ ('%s' * 100000)|format('x' * 100000) }}",
        "{{ ('{0:9999999}' * 2).format(1)|length }}",
        "{{ ('x' * 9000000)|replace(old='x', new='y' * 1000)|length }}",
        "{{ ('\\n' * 9000000)|indent(1000)|length }}",
        "{{ ('\\n' * 100000)|indent('w' * 1000)|length }}",
        "{{ ('x' * 9000000)|wordwrap(1, wrapstring='-' * 1000)|length }}",
        "{{ ('\\t' * 9000000).expandtabs(100)|length }}",
        "{{ 'y'|center(10 ** 9) }}",
        "{{ lipsum(100000) }}",
        "{{ ('x' * 5000000 ~ 'y' * 5000000 ~ 'z')|length }}",
        # Constants Jinja would fold while compiling, out of the checks' sight.
        "{{ ('x'|center(9000000)) ~ ('x'|center(9000000)) }}",
        "{% set a = 'x'|center(9000000) %}{{ a ~ a }}",
    ],
)
def test_nothing_a_template_builds_is_larger_than_a_page_needs(
    golden_article: Article, store: Store, tmp_path: Path, code: str
) -> None:
    desk = _desk(tmp_path, code)
    with pytest.raises(ValidationError, match="unsafe and was stopped"):
        _page(golden_article, store, desk)


def test_ordinary_uses_of_the_same_tools_still_work(
    golden_article: Article, store: Store, tmp_path: Path
) -> None:
    code = (
        "{{ story.tags|join(', ') }}|{{ story.headline|replace('Ferry', 'Boat') }}|"
        "{{ '{}-{}'.format(story.slug, 1) }}|{{ story.slug ~ '!' }}|{{ 'ab' + 'cd' }}|"
        "{{ story.byline|center(20)|length }}|{{ 'a b c'|wordwrap(2)|length }}|"
        "{{ '%s!' % story.slug }}|{{ ', '.join(['x', 'y']) }}|{{ range(3)|map('string')|join }}"
    )
    page = _page(golden_article, store, _desk(tmp_path, code))
    assert page.split("|") == [
        "ferry, islands, transport",
        "Boat timetable cut to two sailings a day from January",
        "ferry-timetable-cut-1",
        "ferry-timetable-cut!",
        "abcd",
        "20",
        "5",
        "ferry-timetable-cut!",
        "x, y",
        "012",
    ]


# ------------------------------------------------------------------ errors in a template's code


@pytest.mark.parametrize(
    ("code", "says"),
    [
        ("{{ 1 / 0 }}", "ZeroDivisionError: division by zero"),
        ("{{ '{'.format(1) }}", "ValueError: Single '{' encountered"),
        ("{{ '{0} {5}'.format(1) }}", "IndexError"),
        ("{% for i in range(1, 2, 0) %}{% endfor %}", "ValueError: range"),
        ("{{ figure.alt|wordwrap(0) }}", "ValueError: invalid width 0"),
    ],
)
def test_an_error_in_a_templates_own_code_names_the_file_and_line(
    golden_article: Article, store: Store, tmp_path: Path, code: str, says: str
) -> None:
    desk = _desk(tmp_path, f"<p>\n{{{{ figure.alt }}}}\n</p>\n{code}\n", "partials/figure.html")
    with pytest.raises(ValidationError) as caught:
        _page(golden_article, store, desk)
    message = str(caught.value)
    assert f"template {desk / 'partials' / 'figure.html'}:4: " in message
    assert says in message
    assert "\n" not in message


def test_a_page_rendered_off_the_main_thread_while_others_run(
    golden_article: Article, store: Store, tmp_path: Path
) -> None:
    """As the window's preview does: the worker is started from a background thread while
    another thread is busy, and a broken template is still a sentence there."""
    desk = _desk(tmp_path, "<p>{{ story.slug }}</p>")
    while desk_worker._idle:  # a worker started from here, not one left by an earlier test
        desk_worker._idle.pop().stop()
    stop = threading.Event()
    busy = threading.Thread(target=lambda: stop.wait(30))
    busy.start()
    pages: list[str] = []
    errors: list[str] = []

    def preview() -> None:
        pages.append(_page(golden_article, store, desk))
        (desk / "article.html").write_text("{{ 1 / 0 }}")
        _touch(desk / "article.html")
        try:
            _page(golden_article, store, desk)
        except ValidationError as exc:
            errors.append(str(exc))

    try:
        worker = threading.Thread(target=preview)
        worker.start()
        worker.join(60)
    finally:
        stop.set()
        busy.join()
    assert pages == ["<p>ferry-timetable-cut</p>"]
    assert [e.split(": ", 1)[1] for e in errors] == [
        "ZeroDivisionError: division by zero (an error in the template's own code; the story "
        "was not exported)"
    ]


def test_a_worker_that_dies_is_reported_and_replaced(
    golden_article: Article, store: Store, tmp_path: Path
) -> None:
    desk = _desk(tmp_path, "<p>{{ story.slug }}</p>")
    while desk_worker._idle:
        desk_worker._idle.pop().stop()
    with pytest.raises(ValidationError, match=r"ended \(exit code 3\) before the page was done"):
        desk_worker.run_desk(desk, os._exit, 3)
    assert _page(golden_article, store, desk) == "<p>ferry-timetable-cut</p>"
    # Killed while idle (the system short of memory, say): the next page starts another.
    [idle] = desk_worker._idle
    idle.process.kill()
    idle.process.join()
    assert _page(golden_article, store, desk) == "<p>ferry-timetable-cut</p>"
    assert [w.process.pid for w in desk_worker._idle] != [idle.process.pid]


def _allocate(size: int) -> int:
    """A job for the worker: take `size` bytes, give back only how many."""
    return len(bytearray(size))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS is Linux's")
def test_the_worker_has_a_memory_ceiling(tmp_path: Path) -> None:
    """Whatever slips past the sandbox's size checks meets the worker's ceiling: far more
    than it may take fails there, as a sentence, and the next job runs."""
    desk = _desk(tmp_path, "")
    while desk_worker._idle:  # a worker forked now, its ceiling counted from now
        desk_worker._idle.pop().stop()
    huge = 2 * templating.DESK_WORKER_MEMORY  # the ceiling counts from the size at the fork
    with pytest.raises(ValidationError, match=r"too much and was stopped \(more memory than"):
        desk_worker.run_desk(desk, _allocate, huge)
    assert desk_worker.run_desk(desk, _allocate, 1 << 20) == 1 << 20
