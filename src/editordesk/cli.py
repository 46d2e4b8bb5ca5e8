"""The `editordesk` command: parses arguments, calls services, prints results.

With no command it opens the workstation window.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from editordesk.errors import EditorDeskError
from editordesk.text import counted

if TYPE_CHECKING:  # the store is imported only when a command needs it
    from editordesk.document.preflight import Finding
    from editordesk.store.db import Store
    from editordesk.store.location import StoreLocation

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
# The largest whole number a store's integer columns (and SQLite's driver) take.
MAX_NUMBER = 2**63 - 1


class Progress:
    """A one-line counter on a terminal's stderr; silent when output is piped or for one item."""

    def __init__(self, verb: str, stream: TextIO | None = None) -> None:
        self.verb = verb
        self.stream = stream or sys.stderr
        self.active = self.stream.isatty()
        self.shown = False

    def __call__(self, done: int, total: int, what: object) -> None:
        if not self.active or total < 2:
            return
        name = Path(str(what)).name if isinstance(what, Path) else str(what)
        width = 30
        filled = int(width * done / total)
        line = f"\r{self.verb} [{'#' * filled}{'.' * (width - filled)}] {done}/{total} {name}"
        self.stream.write(line[:120].ljust(120) if done < total else "\r" + " " * 120 + "\r")
        self.stream.flush()
        self.shown = True


def _number(text: str) -> int:
    """A story id, revision number or count given on the command line: a whole number a store
    can look up (a bigger one was an OverflowError traceback from SQLite's driver)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value <= MAX_NUMBER:
        raise argparse.ArgumentTypeError(f"{text} is not a whole number from 0 to {MAX_NUMBER:,}")
    return value


def _store_options(parser: argparse.ArgumentParser, top: bool) -> None:
    default = None if top else argparse.SUPPRESS
    parser.add_argument(
        "--db",
        metavar="URL",
        default=default,
        help="the store: a SQLite file path or any SQLAlchemy URL (env EDITORDESK_DB)",
    )
    parser.add_argument(
        "--media",
        metavar="DIR",
        default=default,
        help="the store's media folder (env EDITORDESK_MEDIA; default beside a SQLite file)",
    )
    parser.add_argument(
        "--author",
        metavar="NAME",
        default=default,
        help="name saved with each revision (env EDITORDESK_AUTHOR; default from settings)",
    )


class _ShowVersion(argparse.Action):
    """--version: the installed version is read only when asked for (reading it costs the
    window's start-up a few milliseconds)."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(
            option_strings, dest, nargs=0, default=argparse.SUPPRESS, help="show the version"
        )

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from editordesk import __version__

        print(f"EditorDesk {__version__}")
        parser.exit()


class _InstallDesktopEntry(argparse.Action):
    """--install-desktop-entry: a way to start EditorDesk again after the first run."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        help_text = kwargs.get("help")
        super().__init__(
            option_strings,
            dest,
            nargs=0,
            default=argparse.SUPPRESS,
            help=help_text if isinstance(help_text, str) else None,
        )

    def __call__(self, parser: argparse.ArgumentParser, *_: object) -> None:
        from editordesk.services.desktop import install_desktop_entry

        try:
            done = install_desktop_entry()
        except OSError as exc:
            _err(f"error: the menu entry was not installed: {exc}")
            parser.exit(EXIT_FAILED)
        print(f"EditorDesk is in the desktop's menu ({done.entry})")
        print(f"and starts with `editordesk` ({done.command})")
        if not done.on_path:
            print(f"{done.command.parent} is not on your PATH yet: it is after you log in again")
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="editordesk",
        usage="%(prog)s [--db URL] [--media DIR] [FILE.md|FILE.docx …]\n"
        "       %(prog)s COMMAND [--db URL] [ARGS …]",
        description="EditorDesk, the editorial workstation. With no command, opens the window; "
        "`editordesk FILE…` opens the window with those .md or .docx files imported as drafts.",
    )
    parser.add_argument("--version", action=_ShowVersion)
    parser.add_argument(
        "--install-desktop-entry",
        action=_InstallDesktopEntry,
        help="put `editordesk` on your PATH (~/.local/bin) and EditorDesk in the desktop's "
        "menu, with its icon, for this user",
    )
    _store_options(parser, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = commands.add_parser("import", help="import .md and .docx files as new drafts")
    _store_options(p, top=False)
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")

    p = commands.add_parser("list", help="list stories, newest first")
    _store_options(p, top=False)
    p.add_argument("--status", help="only stories with this status")
    p.add_argument("--section", help="only stories in this section")
    p.add_argument("--tag", help="only stories with this tag")
    p.add_argument("--search", metavar="QUERY", help="full-text search, best match first")
    p.add_argument("--limit", type=_number, metavar="N", help="at most N stories")
    p.add_argument("--json", action="store_true", help="print one JSON array")

    p = commands.add_parser(
        "export",
        help="export stories as HTML, Word or Markdown",
        description="Export stories. HTML and Word exports are checked first (preflight); a "
        "story with errors is skipped unless --force.",
    )
    _store_options(p, top=False)
    p.add_argument("ids", nargs="*", type=_number, metavar="ID")
    p.add_argument("--all", action="store_true", help="every story (with --status: every such)")
    p.add_argument("--status", help="every story with this status, e.g. ready")
    p.add_argument(
        "--format",
        "-f",
        choices=("html", "docx", "md"),
        help="output format (default: from -o's extension, else html)",
    )
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="PATH",
        help="folder to export into (or a file name for one story)",
    )
    p.add_argument("--fragment", action="store_true", help="HTML for a CMS, without <html>")
    p.add_argument(
        "--template",
        type=Path,
        metavar="DIR",
        help="folder of templates overriding the built-in ones by name",
    )
    p.add_argument(
        "--reference",
        type=Path,
        metavar="FILE",
        help="reference .docx whose styles Word exports use",
    )
    p.add_argument("--embed-images", action="store_true", help="images inside the HTML page")
    p.add_argument(
        "--no-typography",
        action="store_true",
        help="keep straight quotes, -- and ... in the page as typed (no curly quotes or dashes)",
    )
    p.add_argument(
        "--lang",
        default="en",
        metavar="LANG",
        help="the stories' language (en, de, fr…): the page's lang and its quotation marks",
    )
    p.add_argument("--force", action="store_true", help="export even if preflight finds errors")

    p = commands.add_parser(
        "check",
        help="list what a desk would reject in stories (preflight), with spelling and style",
    )
    _store_options(p, top=False)
    p.add_argument("ids", nargs="+", type=_number, metavar="ID")
    p.add_argument("--json", action="store_true", help="one JSON array of every finding")
    p.add_argument("--no-spelling", action="store_true", help="skip the spelling check")

    p = commands.add_parser("sample", help="add the sample story that shows every feature")
    _store_options(p, top=False)

    p = commands.add_parser("history", help="list a story's revisions")
    _store_options(p, top=False)
    p.add_argument("id", type=_number, metavar="ID")

    p = commands.add_parser(
        "revert",
        help="make an old revision a story's current text",
        description="`revert ID REVISION` makes revision REVISION of story ID its current "
        "text, as a new revision: nothing of the history is lost.",
    )
    _store_options(p, top=False)
    p.add_argument("id", metavar="ID", help="the story's id")
    p.add_argument("revision", type=_number, metavar="REVISION")
    p.add_argument(
        "--force",
        action="store_true",
        help="revert even while someone is editing the story in a window (holds its lock)",
    )

    p = commands.add_parser(
        "restore",
        help="put a whole backup in place of the store",
        description="`restore PATH` puts the store and media of a backup made by "
        "`editordesk backup` in place of the configured store, after checking the whole "
        "backup; a store that holds anything is refused unless --force, which keeps it aside "
        "(renamed …before-restore-<time>). (`restore ID REVISION` still works for one "
        "release; it is now `revert ID REVISION`.)",
    )
    _store_options(p, top=False)
    p.add_argument("target", metavar="PATH", help="a backup folder or .zip")
    p.add_argument("revision", nargs="?", type=_number, help=argparse.SUPPRESS)
    p.add_argument(
        "--force",
        action="store_true",
        help="restoring over a store that holds stories: keep that store aside",
    )

    p = commands.add_parser(
        "backup",
        help="back up the whole store, media included, to a folder or a .zip",
        description="Back up the store and its media. PATH ending in .zip gets one archive; "
        "any other new PATH becomes a folder; an existing folder receives a new backup named "
        "after the store and the time. SQLite stores are copied with SQLite's online backup "
        "(safe while windows are open); PostgreSQL stores need pg_dump.",
    )
    _store_options(p, top=False)
    p.add_argument("path", type=Path, metavar="PATH")
    _publish_parsers(commands)
    return parser


def _location(args: argparse.Namespace) -> StoreLocation:
    from editordesk import settings as prefs
    from editordesk.store.location import resolve

    saved = prefs.load()
    return resolve(args.db or saved.store or None, args.media or saved.media or None)


def _open_store(args: argparse.Namespace) -> tuple[Store, str]:
    from editordesk import settings as prefs
    from editordesk.store.db import Store

    location = _location(args)
    store = Store.open(location, on_upgrade=lambda text: _err(text[:1].lower() + text[1:]))
    return store, (args.author or prefs.load().author())


def _err(message: str) -> None:
    print(f"editordesk: {message}", file=sys.stderr)


def cmd_import(args: argparse.Namespace) -> int:
    from editordesk.services.importing import import_files

    store, author = _open_store(args)
    with store:
        results = import_files(store, args.paths, author=author, progress=Progress("importing"))
    failed = 0
    for result in results:
        if result.story is not None:
            print(result.story.id)
            if result.report:
                _err(f"{result.path}: imported with changes: {result.report}")
        else:
            failed += 1
            _err(f"error: {result.error}")
    if len(results) > 1:
        _err(f"imported {len(results) - failed} of {len(results)} files")
    return EXIT_FAILED if failed else EXIT_OK


def cmd_list(args: argparse.Namespace) -> int:
    from editordesk.services.locks import live_locks
    from editordesk.services.stories import list_stories

    store, _ = _open_store(args)
    with store, store.read() as session:
        rows = list_stories(
            session,
            status=args.status,
            section=args.section,
            tag=args.tag,
            query=args.search,
            limit=args.limit,
        )
        locks = live_locks(session, [r.id for r in rows])  # who has a story open to edit
    if args.json:
        found = []
        for r in rows:
            item = r.as_json()
            lock = locks.get(r.id)
            item["being_edited_by"] = (
                {"editor": lock.holder, "since": lock.since.isoformat()} if lock else None
            )
            found.append(item)
        json.dump(found, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return EXIT_OK
    for r in rows:
        updated = r.updated.astimezone().strftime("%Y-%m-%d %H:%M")
        lock = locks.get(r.id)
        editing = f"  [being edited by {lock.describe()}]" if lock else ""
        print(
            f"{r.id:>6}  {r.status.value:<9}  {updated}  {r.word_count:>6}w  {r.headline}{editing}"
        )
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from editordesk.services.exporting import ExportOptions, Outcome, export_stories
    from editordesk.services.stories import list_stories

    if not args.ids and not (args.all or args.status):
        raise EditorDeskError("name the stories to export, or use --all or --status")
    store, _ = _open_store(args)
    with store:
        ids = list(args.ids)
        if args.all or args.status:
            with store.read() as session:
                rows = list_stories(session, status=args.status, order="id", descending=False)
            ids += [r.id for r in rows if r.id not in ids]
        options = ExportOptions(
            fragment=args.fragment,
            template_dir=args.template,
            embed_images=args.embed_images,
            typography=not args.no_typography,
            lang=args.lang,
            reference=args.reference,
            force=args.force,
        )
        fmt = args.format or {".md": "md", ".docx": "docx"}.get(args.output.suffix.lower(), "html")
        results = export_stories(
            store, ids, fmt, args.output, options, progress=Progress("exporting")
        )
    counts = dict.fromkeys(Outcome, 0)
    for r in results:
        counts[r.outcome] += 1
        for finding in r.findings:
            _err(f"story {r.story_id}: {finding}")
        if r.outcome is Outcome.EXPORTED:
            print(r.path)
        elif r.outcome is Outcome.SKIPPED:
            _err(f"story {r.story_id}: skipped: preflight found errors (use --force to export)")
        else:
            _err(f"error: story {r.story_id}: {r.error}")
    if len(results) > 1 or counts[Outcome.SKIPPED] or counts[Outcome.FAILED]:
        _err(
            f"exported {counts[Outcome.EXPORTED]}, skipped by preflight "
            f"{counts[Outcome.SKIPPED]}, failed {counts[Outcome.FAILED]}"
        )
    return EXIT_OK if counts[Outcome.EXPORTED] == len(results) else EXIT_FAILED


def cmd_check(args: argparse.Namespace) -> int:
    from editordesk.document.preflight import has_errors
    from editordesk.services.exporting import check_story, load_bundle
    from editordesk.services.style import language_findings

    store, _ = _open_store(args)
    worst = EXIT_OK
    rows = []
    with store, store.read() as session:
        for story_id in args.ids:
            bundle = load_bundle(session, story_id)
            findings = check_story(bundle, store.media)
            findings += language_findings(
                session, story_id, bundle.story.draft(), spelling_on=not args.no_spelling
            )
            rows += [_finding_row(story_id, f) for f in findings]
            if not args.json:
                for finding in findings:
                    print(f"story {story_id}: {finding}")
                if not findings:
                    print(f"story {story_id}: passes the checks")
            if has_errors(findings):
                worst = EXIT_FAILED
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
    return worst


def _finding_row(story_id: int, finding: Finding) -> dict[str, object]:
    """A finding as `check --json` prints it."""
    return {
        "story": story_id,
        "kind": finding.kind,
        "severity": finding.severity.value,
        "message": finding.message,
        "field": finding.field,
        "line": finding.line,
        "word": finding.word,
        "suggestions": list(finding.suggestions),
    }


def cmd_sample(args: argparse.Namespace) -> int:
    from editordesk.services.sample import add_sample_story, find_sample_story

    store, author = _open_store(args)
    with store:
        there = find_sample_story(store)
        if there is not None:
            _err(f"the sample story is already there: story {there.id}, “{there.headline}”")
            print(there.id)
            return EXIT_OK
        story = add_sample_story(store, author=author)
    print(story.id)
    return EXIT_OK


def cmd_history(args: argparse.Namespace) -> int:
    from editordesk.services.stories import revisions

    store, _ = _open_store(args)
    with store, store.read() as session:
        rows = revisions(session, args.id)
    for r in rows:
        saved = r.saved.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        note = f"  ({r.note})" if r.note else ""
        print(f"{r.number:>4}  {saved}  {r.author:<20}  {r.draft.headline}{note}")
    return EXIT_OK


def cmd_revert(args: argparse.Namespace) -> int:
    from editordesk.services.stories import get_story, restore_revision

    try:
        story_id = _number(args.id)
    except argparse.ArgumentTypeError:
        raise EditorDeskError(
            f"{args.id!r} is not a story id: `revert ID REVISION` makes revision "
            "REVISION of story ID its current text"
        ) from None
    from editordesk.services.locks import LockedError

    store, author = _open_store(args)
    force = bool(getattr(args, "force", False)) and args.command == "revert"
    try:
        with store, store.write() as session:
            current = get_story(session, story_id)
            story = restore_revision(
                session,
                story_id,
                args.revision,
                base_version=current.version,
                author=author,
                force=force,
            )
    except LockedError as exc:
        raise EditorDeskError(f"{exc} (or revert anyway with --force)") from None
    print(f"story {story.id} reverted to revision {args.revision} (now version {story.version})")
    return EXIT_OK


def cmd_restore(args: argparse.Namespace) -> int:
    if args.revision is None:
        return _restore_backup(args)
    if args.force:
        raise EditorDeskError("--force is for restoring a backup, not a revision")
    _err(
        f"note: `restore ID REVISION` is now `revert {args.target} {args.revision}`; "
        "`restore` will only restore backups from the next release"
    )
    args.id = args.target
    return cmd_revert(args)


def _restore_backup(args: argparse.Namespace) -> int:
    from editordesk.services.backup import looks_like_backup, restore_backup

    path = Path(args.target)
    if not looks_like_backup(path):
        if args.target.isdigit() and not path.exists():
            raise EditorDeskError(
                f"{args.target} is not a backup folder or .zip; to make an old revision of "
                f"story {args.target} its current text, use `revert {args.target} REVISION`"
            )
        raise EditorDeskError(f"{path} is not an EditorDesk backup (a folder or .zip)")
    location = _location(args)
    result = restore_backup(path, location, force=args.force, progress=Progress("restoring"))
    for skipped in result.skipped:
        _err(f"warning: media/{skipped} in the backup is a link, not a file; it was left out")
    for kept in result.kept_aside:
        _err(f"the store that was there is kept as {kept}")
    info = result.backup
    print(
        f"restored {location.describe()} from {path} (made {info.created}: "
        f"{counted(info.stories, 'story', 'stories')}, "
        f"{counted(info.media_files, 'media file', 'media files')})"
    )
    return EXIT_OK


def cmd_backup(args: argparse.Namespace) -> int:
    from editordesk.services.backup import create_backup

    location = _location(args)
    if location.sqlite_path is not None and not location.sqlite_path.is_file():
        raise EditorDeskError(f"there is no store at {location.describe()} to back up")
    _open_store(args)[0].close()  # refuses a newer store, upgrades an older one first
    info = create_backup(location, args.path, progress=Progress("backing up"))
    for missing in info.missing_media:
        _err(f"warning: the media file {missing} was already missing from the store")
    for skipped in info.skipped:
        _err(f"warning: {skipped} in the media folder is a link, not a file; it was left out")
    print(info.path)
    _err(
        f"backed up {counted(info.stories, 'story', 'stories')} and "
        f"{counted(info.media_files, 'media file', 'media files')}"
    )
    return EXIT_OK


def _publish_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """`sites add|list|remove` and `publish` (docs/publishing.md)."""
    p = commands.add_parser("sites", help="the sites stories are published to")
    _store_options(p, top=False)
    verbs = p.add_subparsers(dest="sites_command", metavar="ACTION", required=True)
    add = verbs.add_parser(
        "add",
        help="add a WordPress site (checks the address and password at once)",
        description="The application password is read from EDITORDESK_SITE_PASSWORD, else "
        "asked for; it is kept in the system keyring, never in the store.",
    )
    add.add_argument("name", metavar="NAME")
    add.add_argument("--url", required=True, metavar="URL")
    add.add_argument("--user", required=True, metavar="USER")
    add.add_argument(
        "--category",
        action="append",
        default=[],
        metavar="SECTION=CATEGORY",
        help="post the section's stories in this category of the site (repeatable; "
        "by default a section is the category of the same name)",
    )
    listing = verbs.add_parser("list", help="list the sites")
    remove = verbs.add_parser("remove", help="forget a site and its password")
    remove.add_argument("name", metavar="NAME")
    for verb in (add, listing, remove):
        _store_options(verb, top=False)

    p = commands.add_parser("publish", help="publish stories to a site (WordPress)")
    _store_options(p, top=False)
    p.add_argument("ids", nargs="+", type=_number, metavar="ID")
    p.add_argument("--site", required=True, metavar="NAME")
    p.add_argument("--status", choices=("draft", "pending", "publish", "future"), default="draft")
    p.add_argument("--json", action="store_true", help="one JSON object per story")
    p.add_argument(
        "--overwrite",
        action="store_true",
        help="replace a post that was edited on the site since it was last published",
    )


def cmd_sites(args: argparse.Namespace) -> int:
    from editordesk.services import publishing as pub

    store, _ = _open_store(args)
    with store:
        if args.sites_command == "list":
            with store.read() as session:
                for site in pub.list_sites(session):
                    print(f"{site.name}\t{site.url}\t{site.user}")
            return EXIT_OK
        if args.sites_command == "remove":
            site = pub.remove_site(store, args.name)
            _err(f"removed the site {site.name}")
            return EXIT_OK
        password = os.environ.get(pub.PASSWORD_ENV, "")
        if not password and sys.stdin.isatty():
            import getpass

            password = getpass.getpass(f"application password for {args.user}: ")
        categories = {}
        for pair in args.category:
            section, sep, category = pair.partition("=")
            if not sep or not section.strip() or not category.strip():
                raise EditorDeskError(f"--category {pair!r} should be SECTION=CATEGORY")
            categories[section.strip()] = category.strip()
        site, who, kept = pub.add_site(
            store, args.name, args.url, args.user, password, categories=categories
        )
    where = "in the system keyring"
    if not kept:
        where = f"nowhere: there is no system keyring here; set {pub.PASSWORD_ENV} to publish"
    _err(f"added the site {site.name} ({site.url}) as {who}; password kept {where}")
    return EXIT_OK


def cmd_publish(args: argparse.Namespace) -> int:
    from editordesk import settings as prefs
    from editordesk.services import publishing as pub

    store, _ = _open_store(args)
    template = prefs.load().template_dir or None
    with store:
        with store.read() as session:
            site = pub.get_site(session, args.site)
        outcomes = pub.publish_stories(
            store,
            args.ids,
            site.name,
            pub.password_for(site),
            status=args.status,
            overwrite=args.overwrite,
            template_dir=Path(template) if template else None,
            progress=Progress("publishing"),
        )
    failed = 0
    for outcome in outcomes:
        if outcome.result is None:
            failed += 1
            hint = " (use --overwrite to replace them)" if outcome.edited_on_site else ""
            _err(f"error: story {outcome.story_id}: {outcome.error}{hint}")
        elif args.json:
            print(json.dumps(outcome.result.as_json(), ensure_ascii=False))
        else:
            r = outcome.result
            print(f"{r.story_id}\t{r.status}\t{r.url}\t{r.pictures_uploaded} pictures uploaded")
    return EXIT_FAILED if failed else EXIT_OK


COMMANDS = {
    "import": cmd_import,
    "list": cmd_list,
    "export": cmd_export,
    "check": cmd_check,
    "sample": cmd_sample,
    "history": cmd_history,
    "revert": cmd_revert,
    "restore": cmd_restore,
    "backup": cmd_backup,
    "sites": cmd_sites,
    "publish": cmd_publish,
}


STORY_SUFFIXES = (".md", ".markdown", ".docx")


def split_story_files(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """`editordesk story.md copy.docx` (how a desktop's "Open with" calls a program) opens the
    window and imports the files; with a command named, every argument is the command's."""
    if any(token in COMMANDS for token in argv):
        return [], list(argv)
    files = [t for t in argv if not t.startswith("-") and t.lower().endswith(STORY_SUFFIXES)]
    return files, [t for t in argv if t not in files]


# Qt's own options (QApplication and QGuiApplication read them): those taking a value, and
# those that are flags. Qt takes them with one dash or two, the value after a space or "=".
QT_VALUE_OPTIONS = frozenset(
    {
        "platform", "platformpluginpath", "platformtheme", "plugin", "qwindowgeometry",
        "qwindowicon", "qwindowtitle", "session", "style", "stylesheet", "display",
        "geometry", "title", "qmljsdebugger",
    }
)  # fmt: skip
QT_FLAG_OPTIONS = frozenset({"reverse", "nograb", "dograb", "sync", "widgetcount"})


def split_qt_options(argv: Sequence[str]) -> tuple[list[str], list[str]]:
    """(Qt's own options, the rest): `editordesk -reverse -style fusion` opens a mirrored
    window in the Fusion style, where argparse alone would refuse them. With a command
    named, every argument is the command's."""
    if any(token in COMMANDS for token in argv):
        return [], list(argv)
    qt: list[str] = []
    rest: list[str] = []
    tokens = list(argv)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        name = token[2:] if token.startswith("--") else token[1:] if token[:1] == "-" else ""
        name = name.split("=", 1)[0]
        if name in QT_FLAG_OPTIONS and "=" not in token:
            qt.append("-" + name)
        elif name in QT_VALUE_OPTIONS and "=" in token:
            qt += ["-" + name, token.split("=", 1)[1]]
        elif name in QT_VALUE_OPTIONS and i + 1 < len(tokens):
            qt += ["-" + name, tokens[i + 1]]
            i += 1
        else:
            rest.append(token)
        i += 1
    return qt, rest


def _window_arguments(argv: Sequence[str]) -> argparse.Namespace | None:
    """The arguments when they only open the window (its store options and nothing else),
    read without building every command's parser, which the window's start-up would wait
    for; None for anything else (a command, --help, a mistake), which the full parser reads."""
    parser = argparse.ArgumentParser(prog="editordesk", add_help=False, exit_on_error=False)
    _store_options(parser, top=True)
    try:
        args, extra = parser.parse_known_args(argv)
    except argparse.ArgumentError:
        return None
    if extra:
        return None
    args.command = None
    return args


def main(argv: Sequence[str] | None = None) -> int:
    qt_options, rest = split_qt_options(sys.argv[1:] if argv is None else list(argv))
    files, rest = split_story_files(rest)
    args = _window_arguments(rest) or build_parser().parse_args(rest)
    args.qt_options = qt_options  # for QApplication, which reads its own
    if args.command is None:
        try:
            from editordesk.app import run
        except ImportError as exc:  # Qt's system libraries missing, for instance
            _err(f"the window cannot start: {exc}; the commands below still work")
            build_parser().print_help()
            return EXIT_USAGE
        return int(run(args, files))  # the window's module is outside mypy's view
    try:
        return COMMANDS[args.command](args)
    except EditorDeskError as exc:
        _err(f"error: {exc}")
        return EXIT_FAILED
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        # `editordesk list | head`: the reader left; not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
