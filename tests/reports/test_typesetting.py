from decimal import Decimal

import pytest

from tests.reports.factories import pdf_text
from verbond.reports.typesetting import compile_pdf, content, escape, number

NASTY = [
    "#set page(width: 1cm)",
    '#import "x.typ": *',
    "$x^2$ costs $5",
    "*bold* and _emph_",
    "<label> and @reference",
    "back\\slash \\u{41} \\",
    "`raw` ~ tilde",
    "= not a heading",
    "- not a list",
    "+ not numbered",
    "/ term: no",
    "// not a comment",
    "/* not a comment */",
    "[brackets] {braces} (parens)",
    "quotes 'single' \"double\"",
    "shorthands -- --- ... -? 1.5",
    '#{panic("boom")}',
    '] #panic("escape the block") [',
]


@pytest.mark.parametrize("text", NASTY)
def test_escaped_text_compiles_to_exactly_that_text(text):
    markup = f"#set page(width: 40cm)\n{escape(text)}\n"

    pdf = compile_pdf(markup)

    assert pdf_text(pdf).strip() == text.strip()


def test_escaped_text_inside_a_content_block_stays_literal():
    markup = f"#set page(width: 40cm)\n#text(size: 10pt, {content(NASTY[-1])})\n"

    assert pdf_text(compile_pdf(markup)).strip() == NASTY[-1]


def test_escape_turns_every_markup_character_into_an_escape():
    assert escape("#set") == "\\#set"
    assert escape("$") == "\\$"
    assert escape("a*b_c") == "a\\*b\\_c"
    assert escape("<x>@y") == "\\<x\\>\\@y"
    assert escape("\\") == "\\\\"


def test_escape_keeps_line_breaks_and_drops_control_characters():
    assert escape("one\r\ntwo\x00") == "one \\\ntwo"


def test_escape_of_nothing_is_empty():
    assert escape(None) == ""


@pytest.mark.parametrize(
    ("value", "language", "expected"),
    [
        (Decimal("1250.5"), "nl", "1.250,5"),
        (Decimal("1250.5"), "en", "1,250.5"),
        (Decimal("12.0"), "nl", "12"),
        (None, "nl", "–"),
    ],
)
def test_number_is_formatted_for_the_reader(value, language, expected):
    assert number(value, decimals=1, language=language) == expected
