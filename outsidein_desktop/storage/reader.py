"""Reading untrusted JSON data with messages that name the element at fault."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..errors import InvalidParameter, ModelError

_TYPE_WORDS = {dict: "an object ({...})", list: "a list ([...])", str: "text in quotes",
               float: "a number", int: "a whole number", bool: "true or false"}


class FormatProblem(Exception):
    """Something wrong at one element of a file; files.py adds the file's name."""

    def __init__(self, element: str, problem: str) -> None:
        super().__init__(f"{element}: {problem}" if element else problem)
        self.element = element
        self.problem = problem


@contextmanager
def at(element: str) -> Iterator[None]:
    """Turn a domain complaint raised inside the block into a FormatProblem at ``element``."""
    try:
        yield
    except FormatProblem:
        raise
    except (InvalidParameter, ModelError) as error:
        raise FormatProblem(element, _sentence(str(error))) from error


def _sentence(text: str) -> str:
    text = text.strip()
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _describe(value: Any) -> str:
    if value is None:
        return "null"
    for kind, words in _TYPE_WORDS.items():
        if type(value) is kind:
            return words
    return type(value).__name__


def expect(value: Any, kind: type | tuple[type, ...], element: str, key: str = "") -> Any:
    """``value`` if it has the JSON type wanted; a FormatProblem otherwise."""
    kinds = kind if isinstance(kind, tuple) else (kind,)
    ok = isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)
    if not ok:
        wanted = ("a number" if set(kinds) == {int, float}  # not "a whole number or a number"
                  else " or ".join(_TYPE_WORDS.get(k, k.__name__) for k in kinds))
        label = f"'{key}' should be" if key else "It should be"
        raise FormatProblem(element, f"{label} {wanted}, not {_describe(value)}.")
    return value


def take(obj: dict, key: str, kind: type | tuple[type, ...], element: str,
         default: Any = ...) -> Any:
    """The value at ``key``, checked against ``kind``; required unless a default is given."""
    if key not in obj or (obj[key] is None and default is not ...):
        if default is ...:
            raise FormatProblem(element, f"'{key}' is missing.")
        return default
    return expect(obj[key], kind, element, key)


def only(obj: dict, allowed: set[str], element: str) -> None:
    """Refuse unknown keys: a misspelt key would otherwise be silently ignored."""
    unknown = sorted(set(obj) - allowed)
    if unknown:
        close = difflib.get_close_matches(unknown[0], allowed, n=1)
        guess = f" (did you mean '{close[0]}'?)" if close else ""
        raise FormatProblem(element, f"'{unknown[0]}' is not something it can have{guess}; "
                            f"it can have {', '.join(sorted(allowed))}.")


NUMBER = (int, float)
