"""Exported pages as readers get them, in headless Chromium at a phone's and a desk's width.

Pages (the table-and-footnotes golden story and the sample story) are exported as
`editordesk export` writes them, then opened through the DevTools protocol over a pipe (the
standard library only). Every picture must load, nothing may stick out sideways (a wide table
scrolls in its own box), each in-page link must bring its heading to the top, and the console
must stay free of errors. Requests to the web (the tweet script) are answered with an empty
file, so the test needs no network and sees only our page's own faults.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from editordesk.cli import main
from tests.export.test_golden import write_council_story

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
PHONE, DESK = (375, 740), (1280, 900)

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Debian's chromium is not installed")

CHECK_PAGE = """
(async () => {
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));
  const images = [...document.images];
  for (const img of images) {
    img.loading = "eager";
    if (!img.complete) await new Promise((r) => { img.onload = img.onerror = r; });
  }
  const broken = images.filter((i) => !(i.complete && i.naturalWidth > 0)).map((i) => i.src);
  const root = document.documentElement;
  const overflow = root.scrollWidth - root.clientWidth;
  const wide = [...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > root.clientWidth + 1)
    .filter((e) => !e.closest("table, pre"))
    .map((e) => e.tagName.toLowerCase() + (e.id ? "#" + e.id : ""));
  const tables = [...document.querySelectorAll("table")].map((t) => ({
    fits: t.getBoundingClientRect().right <= root.clientWidth + 1,
    scrolls: t.scrollWidth <= t.clientWidth || getComputedStyle(t).overflowX === "auto",
  }));
  const links = [];
  for (const a of document.querySelectorAll('a[href^="#"]')) {
    const id = decodeURIComponent(a.getAttribute("href").slice(1));
    const target = document.getElementById(id);
    if (!target) { links.push({ href: a.getAttribute("href"), found: false }); continue; }
    window.scrollTo(0, 0);
    a.click();
    await wait(50);
    const top = target.getBoundingClientRect().top;
    const margin = parseFloat(getComputedStyle(target).scrollMarginTop) || 0;
    const atBottom = window.scrollY + window.innerHeight >= root.scrollHeight - 1;
    const visible = top >= 0 && top < window.innerHeight;
    links.push({ href: a.getAttribute("href"), found: true,
                 lands: Math.abs(top - margin) <= 2 || (atBottom && visible) });
  }
  return { images: images.length, broken, overflow, wide, tables, links };
})()
"""


# A table far wider than a phone: it must scroll inside its own box, not widen the page.
WIDE_TABLE = (
    "---\ntitle: Winter timetable\nauthor: Desk\nslug: winter-timetable\n---\n\n"
    "[Sailings](#every-sailing-from-port-ellan-this-winter)\n\n"
    "## Every sailing from Port Ellan this winter\n\n"
    + "| "
    + " | ".join(f"Sailing number {i}" for i in range(1, 13))
    + " |\n"
    + "|"
    + "---|" * 12
    + "\n"
    + "| "
    + " | ".join(f"{6 + i}:15 Mainland-via-the-North-Isles" for i in range(12))
    + " |\n"
)


class Browser:
    """Chromium driven over --remote-debugging-pipe: commands on fd 3, answers on fd 4, each
    message JSON ended by a NUL byte."""

    def __init__(self, profile: Path) -> None:
        to_child_r, self._to_child = os.pipe()
        self._from_child, from_child_w = os.pipe()
        hi_r = _high(to_child_r)
        hi_w = _high(from_child_w)

        def plumbing() -> None:  # in the child: its pipe ends at fds 3 and 4
            os.dup2(hi_r, 3)
            os.dup2(hi_w, 4)

        self.proc = subprocess.Popen(
            [
                str(CHROMIUM),
                "--headless=new",
                "--remote-debugging-pipe",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--no-default-browser-check",
                "--disable-extensions",
                "--hide-scrollbars",
                "--allow-file-access-from-files",
                f"--user-data-dir={profile}",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            pass_fds=(3, 4),
            preexec_fn=plumbing,
        )
        for fd in (to_child_r, from_child_w, hi_r, hi_w):
            os.close(fd)
        self._buffer = b""
        self._next = 0
        self.events: list[dict[str, Any]] = []
        self.requested: list[str] = []  # addresses on the web the pages asked for

    def send(self, method: str, session: str | None = None, **params: Any) -> dict[str, Any]:
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_child, json.dumps(message).encode() + b"\0")
        while True:
            reply = self._read()
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise AssertionError(f"{method}: {reply['error']}")
                return dict(reply.get("result", {}))
            self._event(reply)

    def wait_for(self, method: str) -> dict[str, Any]:
        for event in self.events:
            if event.get("method") == method:
                self.events.remove(event)
                return event
        while True:
            event = self._read()
            if event.get("method") == method:
                return event
            self._event(event)

    def _event(self, event: dict[str, Any]) -> None:
        if event.get("method") == "Fetch.requestPaused":  # the web: an empty answer
            params = event["params"]
            self.requested.append(params["request"]["url"])
            self.send(
                "Fetch.fulfillRequest",
                event.get("sessionId"),
                requestId=params["requestId"],
                responseCode=200,
                responseHeaders=[{"name": "Content-Type", "value": "text/javascript"}],
                body=base64.b64encode(b"").decode(),
            )
            return
        self.events.append(event)

    def _read(self) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            chunk = os.read(self._from_child, 1 << 16)
            if not chunk:
                raise AssertionError("chromium closed its pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        return dict(json.loads(raw))

    def close(self) -> None:
        with contextlib.suppress(AssertionError):  # it may close the pipe before answering
            self.send("Browser.close")
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self._to_child)
        os.close(self._from_child)


def _high(fd: int) -> int:
    import fcntl

    return fcntl.fcntl(fd, fcntl.F_DUPFD, 10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with tempfile.TemporaryDirectory(prefix="editordesk-chromium-") as profile:
        opened = Browser(Path(profile))
        try:
            yield opened
        finally:
            opened.close()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("browser")
    db = root / "desk" / "news.sqlite"
    story = write_council_story(root / "inbox" / "council")
    wide = root / "inbox" / "timetable.md"
    wide.write_text(WIDE_TABLE, encoding="utf-8")
    assert main(["import", "--db", str(db), str(story), str(wide)]) == 0
    assert main(["sample", "--db", str(db)]) == 0
    out = root / "out"
    assert main(["export", "--db", str(db), "--all", "--force", "-f", "html", "-o", str(out)]) == 0
    return {p.stem: p for p in out.glob("*.html")}


def _visit(browser: Browser, page: Path, size: tuple[int, int]) -> dict[str, Any]:
    target = browser.send("Target.createTarget", url="about:blank")["targetId"]
    session = browser.send("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
    try:
        width, height = size
        browser.send(
            "Emulation.setDeviceMetricsOverride",
            session,
            width=width,
            height=height,
            deviceScaleFactor=1,
            mobile=width < 500,
        )
        for domain in ("Page", "Runtime", "Log"):
            browser.send(f"{domain}.enable", session)
        browser.send("Fetch.enable", session, patterns=[{"urlPattern": "http*"}])
        browser.events.clear()
        browser.send("Page.navigate", session, url=page.as_uri())
        browser.wait_for("Page.loadEventFired")
        result = browser.send(
            "Runtime.evaluate",
            session,
            expression=CHECK_PAGE,
            awaitPromise=True,
            returnByValue=True,
        )
        assert "exceptionDetails" not in result, result["exceptionDetails"]
        report = dict(result["result"]["value"])
        report["errors"] = _console_errors(browser.events)
        return report
    finally:
        browser.send("Target.closeTarget", targetId=target)


def _console_errors(events: list[dict[str, Any]]) -> list[str]:
    errors = []
    for event in events:
        method, params = event.get("method"), event.get("params", {})
        if method == "Runtime.exceptionThrown":
            errors.append(str(params["exceptionDetails"].get("text")))
        elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            errors.append(" ".join(str(a.get("value")) for a in params.get("args", [])))
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            errors.append(f"{params['entry'].get('text')} {params['entry'].get('url', '')}")
    return errors


@pytest.mark.slow
@pytest.mark.parametrize("size", [PHONE, DESK], ids=["phone", "desk"])
@pytest.mark.parametrize(
    "slug", ["council-count", "harbour-museum-online-years", "winter-timetable"]
)
def test_the_page_reads_well_in_a_browser(
    browser: Browser, pages: dict[str, Path], slug: str, size: tuple[int, int]
) -> None:
    report = _visit(browser, pages[slug], size)
    assert report["broken"] == []
    assert report["images"] >= (0 if slug == "winter-timetable" else 1)
    assert report["overflow"] <= 0, f"the page is {report['overflow']}px too wide: {report['wide']}"
    assert all(t["fits"] and t["scrolls"] for t in report["tables"]), report["tables"]
    assert all(link["found"] and link["lands"] for link in report["links"]), report["links"]
    assert report["errors"] == []
    if slug == "council-count":  # the story with a table, footnotes and a contents list
        assert len(report["tables"]) == 1
        hrefs = {link["href"] for link in report["links"]}
        assert {"#the-figures", "#sources", "#fn:1", "#fn:2", "#fnref:1"} <= hrefs
