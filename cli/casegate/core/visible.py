"""Whether a person's name or a reason holds a character anyone can see.

An approver of U+200B (a zero-width space) passes a "not empty" check and a `\\S` pattern, yet a
reviewer reads nothing. A character counts as visible unless it is

- a separator, a control, format or unassigned code point, or a mark on its own
  (Unicode general categories Z*, C*, M*: spaces, tabs, newlines, U+200B, U+200D, U+2060, U+FEFF,
  bidi controls, variation selectors, combining accents with nothing to sit on), or
- one of the letters and symbols that are drawn as blank space: U+115F, U+1160 (Hangul choseong /
  jungseong fillers), U+3164 (Hangul filler), U+FFA0 (half-width Hangul filler), U+2800 (Braille
  blank), U+180E (Mongolian vowel separator on older Unicode data).

The same rule in Rego (Go RE2 syntax), for a policy that checks the same fields:

    regex.match(`[^\\p{Z}\\p{C}\\p{M}\\x{115F}\\x{1160}\\x{3164}\\x{FFA0}\\x{2800}\\x{180E}]`, text)

Python's and Go's Unicode tables may differ by a version for brand-new characters; both treat an
unassigned code point as invisible, so the difference can only refuse, never accept.
"""

from __future__ import annotations

import unicodedata

#: Letters and symbols (so not caught by their category) that render as blank space.
BLANK_LOOKING = frozenset("\u115f\u1160\u3164\uffa0\u2800\u180e")

#: The pattern above, for documents and for a Rego policy to copy.
RE2_VISIBLE = r"[^\p{Z}\p{C}\p{M}\x{115F}\x{1160}\x{3164}\x{FFA0}\x{2800}\x{180E}]"


def is_visible_char(char: str) -> bool:
    return char not in BLANK_LOOKING and unicodedata.category(char)[0] not in "ZCM"


def has_visible(text: str) -> bool:
    """True when at least one character of `text` can be seen."""
    return any(is_visible_char(char) for char in text)


def char_name(char: str) -> str:
    """U+200B ZERO WIDTH SPACE: the code point and its Unicode name, for a message."""
    return f"U+{ord(char):04X} {unicodedata.name(char, 'UNNAMED')}"


def describe_invisible(text: str, limit: int = 3) -> str:
    """The distinct invisible characters of `text`, named, for a message; "empty" for ""."""
    if not text:
        return "empty"
    found: list[str] = []
    for char in text:
        if not is_visible_char(char) and char not in found:
            found.append(char)
    shown = ", ".join(char_name(char) for char in found[:limit])
    return shown + (f" (+{len(found) - limit})" if len(found) > limit else "")
