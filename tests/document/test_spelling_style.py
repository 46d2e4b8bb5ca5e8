"""The words a spelling check reads, and the house style's rules and fixes (no Qt, no store)."""

from __future__ import annotations

import pytest

from editordesk.document.spelling import (
    WordChecker,
    in_scripts,
    language_scripts,
    line_words,
)
from editordesk.document.style import StyleChecker, parse_style
from editordesk.errors import ValidationError

KNOWN = {"the", "ferry", "sails", "at", "and", "see", "or", "but", "end", "in", "said"}


def _checker(**kw: object) -> WordChecker:
    return WordChecker(lambda w: w.lower() in KNOWN, lambda w: ["the"], **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "line",
    [
        "https://exmple.org/pth?q=wrd",
        "www.exmple.org",
        "exmple.co.uk/pth",
        "wrte@exmple.org",
        "mailto:wrte@exmple.org",
        "@hndle",
        '{{< figure id="3" caption="Qwzx wrds" >}}',
        "{{% x hndle=qwzx %}}",
        "`qwzx()`",
        "[](https://qwzx.org/pth)",
        "<span clss='qwzx'>",
        "42nd 3.5% 1990s 10:30 B52",
    ],
)
def test_never_read(line: str) -> None:
    assert [w.text for w in line_words(line)] == []


def test_acronyms_by_choice_and_apostrophes() -> None:
    assert [w.text for w in line_words("NATO said don’t")] == ["said", "don’t"]
    assert [w.text for w in line_words("NATO said", skip_acronyms=False)] == ["NATO", "said"]


def test_a_whole_body_skips_fenced_code_and_gives_lines_and_columns() -> None:
    body = "The ferry sails.\n\n```\nqwzx qwzx\n```\nBut teh end."
    found = _checker().check_text(body)
    assert [(m.line, m.start, m.word) for m in found] == [(6, 4, "teh")]


def test_known_words_and_learning() -> None:
    checker = _checker(known={"Binchen"})
    assert checker.line_misspellings("Binchen and Qwzx") == [
        w for w in line_words("Binchen and Qwzx") if w.text == "Qwzx"
    ]
    checker.learn("Qwzx")
    assert checker.line_misspellings("Binchen and Qwzx") == []


@pytest.mark.parametrize(
    ("language", "scripts"),
    [
        ("en_GB", {"LATIN"}),
        ("de-DE", {"LATIN"}),
        ("fr", {"LATIN"}),
        ("ru_RU", {"CYRILLIC"}),
        ("ar", {"ARABIC"}),
        ("he_IL", {"HEBREW"}),
        ("el", {"GREEK"}),
        ("sr", {"CYRILLIC", "LATIN"}),
    ],
)
def test_a_dictionary_reads_the_script_of_its_language(language: str, scripts: set[str]) -> None:
    assert language_scripts(language) == scripts


def test_words_in_another_script_are_never_flagged() -> None:
    # An English story quoting Arabic, Hebrew, Russian, Greek and Chinese: only "teh" is
    # the English dictionary's to flag (the trial flagged all five Arabic words).
    checker = _checker(scripts=language_scripts("en_GB"))
    line = "The ferry: مرحبا بالعالم. هذا نص عربي, שלום, Москва, Αθήνα, 北京 and teh end."
    assert [w.text for w in checker.line_misspellings(line)] == ["teh"]
    assert checker.is_right("مرحبا")
    assert _checker().line_misspellings("مرحبا") != []  # no scripts given: every word read


def test_a_latin_word_with_a_stray_letter_of_another_script_is_flagged() -> None:
    # A slip of the keyboard layout: the word is the dictionary's to read, and it is wrong.
    checker = _checker(scripts=language_scripts("en_GB"))
    assert [w.text for w in checker.line_misspellings("the ferrبy sails")] == ["ferrبy"]
    assert in_scripts("ferrبy", frozenset({"LATIN"}))
    assert not in_scripts("مرحبا", frozenset({"LATIN"}))
    assert in_scripts("Straße", frozenset({"LATIN"})) and in_scripts("café", frozenset({"LATIN"}))


def test_a_russian_dictionary_leaves_english_names_alone() -> None:
    checker = WordChecker(lambda w: w == "город", scripts=language_scripts("ru"))
    assert [w.text for w in checker.line_misspellings("город Reuters горд")] == ["горд"]


def test_style_rules_fire_with_fixes_and_leave_shortcodes_alone() -> None:
    guide = parse_style(
        "preferred:\n  percent: per cent\n  in order to: to\navoid:\n  allegedly: who says?\n"
        "numbers: words-to-nine\nnames: [Port Ellan]\nheadline_max: 10\nstandfirst_max: 5\n"
    )
    checker = StyleChecker(guide)
    line = 'In order to pay 3 percent in port ellan, allegedly. {{< figure id="3" >}} 12, 3.5'
    found = [(f.text, f.fix) for f in checker.check_line(line)]
    assert found == [
        ("In order to", "To"),
        ("3", "three"),
        ("percent", "per cent"),
        ("port ellan", "Port Ellan"),
        ("allegedly", None),
    ]
    limits = [f.message for f in checker.check_fields("A long headline", "Short!")]
    assert limits == [
        "house style: the headline has 15 characters; the limit is 10",
        "house style: the standfirst has 6 characters; the limit is 5",
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("preferred: [", "not valid YAML at line"),
        ("- a list", "must be a set of 'key: value' settings"),
        ("colour: red", "unknown setting 'colour'"),
        ("numbers: roman", "numbers must be 'words-to-nine' or 'digits'"),
        ("headline_max: -3", "headline_max must be a whole number"),
        ("names: Port Ellan", "names must be a list of names"),
    ],
)
def test_a_bad_style_file_is_one_line(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message.replace("(", r"\(")):
        parse_style(text)


def test_the_sample_style_reads() -> None:
    from editordesk.services.style import sample_style_text

    guide = parse_style(sample_style_text())
    assert guide.preferred["utilise"] == "use" and guide.numbers_in_words


def test_a_link_s_words_are_read_and_its_target_is_not() -> None:
    line = "[recieve the ferry](https://qwzx.org/pth) (@hndle)"
    assert [w.text for w in line_words(line)] == ["recieve", "the", "ferry"]
