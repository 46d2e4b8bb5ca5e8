"""Spelling: dictionaries (Enchant with the system's Hunspell ones), my dictionary (a file
per user), the desk's dictionary (in the store, so a shared desk learns a name once for
everyone), a language per story and the words ignored in it.

A story whose language has no dictionary gets one line naming the installed languages,
never an exception the window has to catch.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from editordesk.document.spelling import WordChecker, language_scripts, normalise
from editordesk.errors import ValidationError
from editordesk.store.models import DeskWord, StoreSetting, Story, StorySpelling

DESK_LANGUAGE_KEY = "spelling.language"
ACRONYMS_KEY = "spelling.check_acronyms"  # "yes": all-capital words are checked too
DEFAULT_LANGUAGE = "en_GB"
MAX_WORD = 200

_dicts: dict[str, Any] = {}
_answers: dict[str, dict[str, bool]] = {}  # language -> word -> in the dictionary
MAX_ANSWERS = 200_000
_dicts_lock = threading.Lock()


class NoDictionary(Exception):
    """No dictionary for a language; the message names the installed ones."""


def installed_languages() -> list[str]:
    """The languages Enchant has a dictionary for here, sorted."""
    try:
        import enchant  # type: ignore[import-untyped]
    except ImportError:  # no Enchant library on this system: no languages
        return []
    return sorted(set(enchant.list_languages()))


def missing_message(language: str) -> str:
    installed = installed_languages()
    have = ", ".join(installed) if installed else "none"
    return (
        f"spelling is not checked: no dictionary for {language or 'no language'} "
        f"(installed: {have})"
    )


def dictionary(language: str) -> Any:
    """Enchant's dictionary for `language`, opened once per process; NoDictionary if none."""
    with _dicts_lock:
        if language in _dicts:
            return _dicts[language]
        try:
            import enchant

            found = enchant.Dict(language) if enchant.dict_exists(language) else None
        except Exception:  # no Enchant library, or a name Enchant cannot parse
            found = None
        if found is None:
            raise NoDictionary(missing_message(language))
        _dicts[language] = found
        return found


# ------------------------------------------------------------------ my dictionary


def my_dictionary_path() -> Path:
    """My dictionary: one word a line, in the user's data folder."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("editordesk", appauthor=False)) / "dictionary.txt"


def my_words(path: Path | None = None) -> set[str]:
    path = path or my_dictionary_path()
    try:
        text = path.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return set()
    return {line.strip() for line in text.splitlines() if line.strip()}


def _check_word(word: str) -> str:
    word = normalise(word.strip())
    if not word or len(word) > MAX_WORD or any(c.isspace() for c in word):
        raise ValidationError(f"{word[:40]!r} is not a single word a dictionary can hold")
    return word


def add_my_word(word: str, path: Path | None = None) -> None:
    from editordesk.files import write_atomic

    word = _check_word(word)
    path = path or my_dictionary_path()
    words = my_words(path) | {word}
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, "".join(f"{w}\n" for w in sorted(words)).encode("utf-8"))


# ------------------------------------------------------------------ the desk's dictionary


def desk_words(session: Session) -> set[str]:
    return set(session.scalars(select(DeskWord.word)))


def add_desk_word(session: Session, word: str, *, author: str) -> None:
    """Add `word` for everyone on the desk (already there: nothing changes)."""
    word = _check_word(word)
    if session.scalar(select(DeskWord.id).where(DeskWord.word == word)) is not None:
        return
    try:
        with session.begin_nested():
            session.add(DeskWord(word=word, added_by=author))
    except IntegrityError:  # another editor added it a moment ago
        pass


def remove_desk_word(session: Session, word: str) -> None:
    for row in session.scalars(select(DeskWord).where(DeskWord.word == word)):
        session.delete(row)


# ------------------------------------------------------------------ languages


def desk_language(session: Session) -> str:
    setting = session.get(StoreSetting, DESK_LANGUAGE_KEY)
    return setting.value if setting is not None and setting.value else DEFAULT_LANGUAGE


def set_desk_language(session: Session, language: str) -> None:
    language = _check_language(language)
    setting = session.get(StoreSetting, DESK_LANGUAGE_KEY)
    if setting is None:
        session.add(StoreSetting(key=DESK_LANGUAGE_KEY, value=language))
    else:
        setting.value = language


def checks_acronyms(session: Session) -> bool:
    """Whether the desk checks all-capital words (acronyms); by default they are skipped."""
    setting = session.get(StoreSetting, ACRONYMS_KEY)
    return setting is not None and setting.value == "yes"


def set_checks_acronyms(session: Session, check: bool) -> None:
    setting = session.get(StoreSetting, ACRONYMS_KEY)
    value = "yes" if check else "no"
    if setting is None:
        session.add(StoreSetting(key=ACRONYMS_KEY, value=value))
    else:
        setting.value = value


def _check_language(language: str) -> str:
    language = language.strip().replace("-", "_")
    if len(language) > 32 or not all(c.isalnum() or c == "_" for c in language):
        raise ValidationError(f"{language[:40]!r} is not a language name such as en_GB")
    return language


def _row(session: Session, story_id: int) -> StorySpelling | None:
    return session.get(StorySpelling, story_id)


def story_language(session: Session, story_id: int | None) -> str:
    """The story's own language, else the desk's."""
    row = _row(session, story_id) if story_id is not None else None
    return row.language if row is not None and row.language else desk_language(session)


def set_story_language(session: Session, story_id: int, language: str) -> None:
    """Give the story its own language (empty: follow the desk's)."""
    language = _check_language(language) if language.strip() else ""
    if session.get(Story, story_id) is None:
        raise ValidationError(f"there is no story {story_id}")
    row = _row(session, story_id)
    if row is None:
        session.add(StorySpelling(story_id=story_id, language=language, ignored=[]))
    else:
        row.language = language


def ignored_words(session: Session, story_id: int | None) -> set[str]:
    row = _row(session, story_id) if story_id is not None else None
    return set(row.ignored) if row is not None else set()


def ignore_in_story(session: Session, story_id: int, word: str) -> None:
    word = _check_word(word)
    row = _row(session, story_id)
    if row is None:
        session.add(StorySpelling(story_id=story_id, language="", ignored=[word]))
    elif word not in row.ignored:
        row.ignored = sorted({*row.ignored, word})


# ------------------------------------------------------------------ a story's checker


@dataclass(frozen=True)
class SpellingSetup:
    """What a story's check needs, read from the store in one go."""

    language: str
    desk: frozenset[str]
    ignored: frozenset[str]
    skip_acronyms: bool = True


def load_setup(session: Session, story_id: int | None) -> SpellingSetup:
    return SpellingSetup(
        story_language(session, story_id),
        frozenset(desk_words(session)),
        frozenset(ignored_words(session, story_id)),
        not checks_acronyms(session),
    )


def make_checker(
    setup: SpellingSetup,
    *,
    my_path: Path | None = None,
    extra: set[str] | frozenset[str] = frozenset(),
) -> WordChecker:
    """A checker for the story's language; NoDictionary (with its one line) if there is none.
    `extra` are more words taken as right (the house style's names)."""
    found = dictionary(setup.language)
    known = set(setup.desk) | set(setup.ignored) | my_words(my_path) | set(extra)
    answers = _answers.setdefault(setup.language, {})

    def lookup(word: str) -> bool:
        # The dictionary's answer for a word never changes: kept for the process, so the
        # next story opened (or this one again) looks up only the words it adds.
        right = answers.get(word)
        if right is None:
            right = answers[word] = bool(found.check(word))
            if len(answers) > MAX_ANSWERS:
                answers.clear()
        return right

    return WordChecker(
        lookup,
        found.suggest,
        known,
        skip_acronyms=setup.skip_acronyms,
        scripts=language_scripts(setup.language),
    )
