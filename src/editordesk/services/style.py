"""The desk's house style (a YAML file kept in the store, edited in Preferences) and the
spelling and style findings of a story, as warnings beside the preflight ones.

Nothing here ever stops an export: every finding is a warning.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy.orm import Session

from editordesk.assets import resource
from editordesk.document.preflight import Finding, Severity
from editordesk.document.spelling import WordChecker
from editordesk.document.style import StyleChecker, StyleGuide, parse_style
from editordesk.model import StoryDraft
from editordesk.services import spelling
from editordesk.store.models import StoreSetting

STYLE_KEY = "style.yaml"
MAX_STYLE_BYTES = 256 * 1024


def sample_style_text() -> str:
    """The sample style shipped in resources/styles."""
    return resource("styles", "sample-style.yaml").read_text(encoding="utf-8")


def desk_style_text(session: Session) -> str:
    """The desk's style file as stored (the sample until the desk saves its own)."""
    setting = session.get(StoreSetting, STYLE_KEY)
    return setting.value if setting is not None else sample_style_text()


def desk_style(session: Session) -> StyleGuide:
    try:
        return parse_style(desk_style_text(session))
    except Exception:  # a stored file that no longer reads: no rules rather than no window
        return StyleGuide()


def set_desk_style(session: Session, text: str) -> StyleGuide:
    """Store the desk's style after checking it; ValidationError (store unchanged) if bad."""
    from editordesk.errors import ValidationError

    if len(text.encode("utf-8")) > MAX_STYLE_BYTES:
        raise ValidationError(f"style: the file is larger than {MAX_STYLE_BYTES // 1024} KB")
    guide = parse_style(text)
    setting = session.get(StoreSetting, STYLE_KEY)
    if setting is None:
        session.add(StoreSetting(key=STYLE_KEY, value=text))
    else:
        setting.value = text
    return guide


def import_style(session: Session, path: Path) -> StyleGuide:
    from editordesk.errors import InputError

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path.name}: cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_STYLE_BYTES:
        raise InputError(f"{path.name}: larger than {MAX_STYLE_BYTES // 1024} KB")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError(f"{path.name}: not UTF-8 text") from None
    return set_desk_style(session, text)


def export_style(session: Session, path: Path) -> None:
    from editordesk.files import write_atomic

    write_atomic(path, desk_style_text(session).encode("utf-8"))


# ------------------------------------------------------------------ findings


def spelling_findings(
    checker: WordChecker, draft: StoryDraft, *, suggest: bool = True
) -> list[Finding]:
    """A warning per misspelt word; with `suggest`, the dictionary's suggestions too (slow:
    the window asks for them only when a menu opens)."""
    found = []
    for name, value in (("headline", draft.headline), ("standfirst", draft.standfirst)):
        for w in checker.line_misspellings(value.replace("\n", " ")):
            found.append(_spelling(checker, w.text, name, None, w.start, suggest))
    for m in checker.check_text(draft.body):
        found.append(_spelling(checker, m.word, "body", m.line, m.start, suggest))
    return found


def _spelling(
    checker: WordChecker, word: str, field: str, line: int | None, column: int, suggest: bool
) -> Finding:
    return Finding(
        Severity.WARNING,
        f"spelling: “{word}” is not in the dictionary",
        field,
        line=line,
        kind="spelling",
        word=word,
        column=column,
        suggestions=tuple(checker.suggestions(word)) if suggest else (),
    )


def style_findings(checker: StyleChecker, draft: StoryDraft) -> list[Finding]:
    found = []
    for f in [
        *checker.check_fields(draft.headline, draft.standfirst),
        *checker.check_body(draft.body),
    ]:
        found.append(
            Finding(
                Severity.WARNING,
                f.message,
                f.field,
                line=f.line,
                kind="style",
                word=f.text or None,
                column=f.start,
                suggestions=(f.fix,) if f.fix else (),
                fix=f.fix,
            )
        )
    return found


def language_findings(
    session: Session, story_id: int | None, draft: StoryDraft, *, spelling_on: bool = True
) -> list[Finding]:
    """Spelling (unless off) and style warnings for a story; a missing dictionary is one."""
    found: list[Finding] = []
    guide = desk_style(session)
    if spelling_on:
        setup = spelling.load_setup(session, story_id)
        try:
            checker = spelling.make_checker(setup, extra=style_words(guide))
        except spelling.NoDictionary as exc:
            found.append(Finding(Severity.WARNING, str(exc), "language", kind="spelling"))
        else:
            found.extend(spelling_findings(checker, draft))
    found.extend(style_findings(StyleChecker(guide), draft))
    return found


def style_words(guide: StyleGuide) -> set[str]:
    """Words the house style writes, which spelling takes as right: its names and forms."""
    words: set[str] = set()
    for phrase in [*guide.names, *guide.preferred.values()]:
        words.update(w for w in phrase.split() if w.isalpha() or "-" in w)
    return words
